"""The size limits of format v1, in one place so the models, the reader and the docs agree.

A framework is a small document: a council's logic model has tens to a few
thousand boxes. The limits are generous for that and tight enough that a
hostile file cannot exhaust memory or time.
"""

__all__ = [
    "AREA_CODE_PATTERN",
    "ID_PATTERN",
    "IMPORT_MB",
    "IMPORT_SECONDS",
    "MAX_CELL",
    "MAX_CELLS",
    "MAX_CHANGES",
    "MAX_COLUMNS",
    "MAX_COUNT",
    "MAX_DATA_BYTES",
    "MAX_DATA_CELLS",
    "MAX_DATA_KEPT",
    "MAX_DATA_MB",
    "MAX_DELIVERY",
    "MAX_DEPTH",
    "MAX_DURATION",
    "MAX_FILE_BYTES",
    "MAX_FILE_MB",
    "MAX_ID",
    "MAX_ITEMS",
    "MAX_LABEL",
    "MAX_LEVELS",
    "MAX_LINKS",
    "MAX_MEASUREMENTS",
    "MAX_MERGED",
    "MAX_NODES",
    "MAX_NOTE",
    "MAX_NUMBER",
    "MAX_PROBLEMS",
    "MAX_SHORT",
    "MAX_STAKEHOLDERS",
    "MAX_STEPS",
    "MAX_STEP_NODES",
    "MAX_STORIES",
    "MAX_TEXT",
    "MAX_TITLE",
    "MAX_UNPACKED",
    "MAX_URL",
    "MAX_YEAR",
    "MIN_YEAR",
    "REPORT_MB",
    "REPORT_SECONDS",
    "UPLOAD_MB",
    "UPLOAD_SECONDS",
]

MAX_FILE_MB = 10
"""The size limit in megabytes of 1,000,000 bytes, as the app's uploader counts them."""

MAX_FILE_BYTES = MAX_FILE_MB * 1_000_000
"""A framework file larger than this (10 MB, 10,000,000 bytes) is refused before it is parsed,
by the command line and by the app alike."""

IMPORT_SECONDS = 5
"""The budget of processor time for reading any file within ``MAX_FILE_BYTES``, in any format a reader is
registered for (``logicmodel.formats``), whatever the file holds: reading is linear in the file's size and
stops at the first limit below it reaches. ``tests/formats/test_hostile_files.py`` runs every reader on generated
worst cases in a fresh process held to this budget (and the memory below); ``bench/hostile.py`` prints each
case's time and memory beside ``json.loads`` of a file of the same size."""

IMPORT_MB = 300
"""The budget of memory, in megabytes, that reading any file within ``MAX_FILE_BYTES`` may add to the process
(beside ``IMPORT_SECONDS``)."""

MAX_UNPACKED = 5 * MAX_FILE_BYTES
"""Most bytes a zip (a workbook, a zip of CSV files) may unpack to: a small zip can hold gigabytes (a "zip
bomb"). Also the most characters of text all the cells of a workbook may hold together: one long shared
string used in every row is counted each time it is used."""

MAX_CELLS = 250_000
"""Most cells (empty or not, up to each row's last) all the tables of one file may have together (a CSV file,
a workbook's sheets, a zip's CSV files): a file of millions of tiny cells is refused as it is read, or, in a
workbook, counted in its XML before a cell is read. A workbook's cells cost openpyxl some 10-20 microseconds
each, so this is what keeps a workbook within ``IMPORT_SECONDS``: room for 20,000 boxes and 40,000 links,
more than any council's logic model."""

MAX_COLUMNS = 200
"""Most columns a table may have: our widest part has 15."""

MAX_CELL = 50_000
"""Most characters one cell of a table may hold: the longest text a framework allows (5,000) with room for a
list of ids in one cell (a box leading to a thousand others)."""

MAX_MERGED = 10_000
"""Most merged ranges a sheet may have, and the most cells all of them may cover (counted from the sheet's
XML before a cell is made): a logic model merges a few header cells."""

MAX_PROBLEMS = 1_000
"""Most problems a reader collects before it stops and says so: more could not be repaired either."""

MAX_CHANGES = MAX_PROBLEMS
"""Most parts a repair leaves out or changes: a file with more wrong is refused, at a bounded cost (a hostile
file of a million unknown keys would otherwise list a million changes)."""

UPLOAD_SECONDS = 4 * IMPORT_SECONDS
"""Most seconds (wall clock) the app gives one uploaded file in its worker process (``logicmodel.jobs.worker``),
repair and comparison included, before it stops it and says so in one line: four times the readers' budget of
processor time, room for a shared server's load and for a repair or a comparison after the reading."""

UPLOAD_MB = 3 * IMPORT_MB
"""Most memory in megabytes (1,000,000 bytes) the worker reading one uploaded file may take beyond its own:
the readers' budget with room for a repair and the "Open anyway" preview of what it would open."""

REPORT_SECONDS = 120
"""Most seconds (wall clock) that making one report, brief or Word document may take in the worker: the
largest framework's takes 15 to 20 s of processor time, and a shared server's processor is shared."""

REPORT_MB = 1500
"""Most memory in megabytes that making one report may take beyond the worker's own (the largest framework
allowed, 20,000 boxes, needs well under this: ``bench/worker.py`` measures it)."""

MAX_DEPTH = 6
"""Deepest nesting the format needs below the root: nodes > node > indicators > indicator > measurements >
measurement."""

MAX_ID = 64
MAX_TITLE = 200
MAX_LABEL = 300
MAX_SHORT = 200
"""Names, sources, units, tags, cohorts, assumptions: one line of text."""
MAX_TEXT = 5000
"""Descriptions and rationales: a few paragraphs."""
MAX_URL = 2000
MAX_NOTE = 2000
"""A story step's note: what the presenter says about the step, a paragraph or two."""

MAX_NODES = 20000
MAX_LINKS = 100000
MAX_LEVELS = 12
MAX_STAKEHOLDERS = 500
MAX_STORIES = 200
MAX_STEPS = 100
"""Most steps in one story: a talk, not a tour of every box."""
MAX_STEP_NODES = 200
"""Most boxes one step of a story frames."""
MAX_ITEMS = 100
"""Most entries in any small list: tags, cohorts, indicators, evidence, assumptions."""

MAX_NUMBER = 1e15
"""Largest magnitude of any number (costs, baselines, targets, reach)."""

ID_PATTERN = r"^[A-Za-z0-9_.\-]{1,64}$"

MAX_MEASUREMENTS = 200
"""Most measurements one indicator may hold: fifty years of quarterly figures."""
MAX_DELIVERY = 200
"""Most periods of delivery one activity may record, as for measurements."""
MAX_COUNT = 10**12
"""Largest count or denominator of a measurement, and participants in a period: more people than there are."""

AREA_CODE_PATTERN = r"^[EWSNKLM]\d{8}$"
"""An ONS area code: E (England), W (Wales), S, N, K, L or M, then eight digits, e.g. E06000030 for Swindon."""

MAX_DATA_MB = 200
"""The size limit in megabytes of a data download brought in as measurements (a Fingertips download,
``logicmodel.formats.fingertips``): far larger than a framework, since a national download holds every area of
England, but read a row at a time, so only the rows kept for one area are held in memory."""

MAX_DATA_BYTES = MAX_DATA_MB * 1_000_000
"""A data download larger than this (200 MB) is refused as it is read, at the row that passes it."""

MAX_DATA_CELLS = 30_000_000
"""Most cells (empty or not) a data download may have: some 1,000,000 rows of Fingertips' 26 to 27 columns.
Each cell is also held to ``MAX_CELL`` characters and each row to ``MAX_COLUMNS`` columns."""

MAX_DATA_KEPT = 100_000
"""Most rows of one area a data download may give the indicators asked for: a real area's are a few thousand
(tens of indicators, tens of periods, sexes, ages and categories); more is refused, so memory stays bounded."""

MAX_DURATION = 100
"""Most years an outcome's benefit may be said to last in an appraisal: a lifetime."""
MIN_YEAR = 1900
MAX_YEAR = 2200
"""The years a price base (``appraisal.price_year``) may be: any a council's figures could be in."""
