"""The size limits of format v1, in one place so the models, the reader and the docs agree.

A framework is a small document: a council's logic model has tens to a few
thousand boxes. The limits are generous for that and tight enough that a
hostile file cannot exhaust memory or time.
"""

__all__ = [
    "ID_PATTERN",
    "IMPORT_MB",
    "IMPORT_SECONDS",
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "MAX_FILE_MB",
    "MAX_ID",
    "MAX_ITEMS",
    "MAX_LABEL",
    "MAX_LEVELS",
    "MAX_LINKS",
    "MAX_NODES",
    "MAX_NOTE",
    "MAX_NUMBER",
    "MAX_SHORT",
    "MAX_STAKEHOLDERS",
    "MAX_STEPS",
    "MAX_STEP_NODES",
    "MAX_STORIES",
    "MAX_TEXT",
    "MAX_TITLE",
    "MAX_URL",
    "REPORT_MB",
    "REPORT_SECONDS",
]

MAX_FILE_MB = 10
"""The size limit in megabytes of 1,000,000 bytes, as the app's uploader counts them."""

MAX_FILE_BYTES = MAX_FILE_MB * 1_000_000
"""A framework file larger than this (10 MB, 10,000,000 bytes) is refused before it is parsed,
by the command line and by the app alike."""

IMPORT_SECONDS = 20
"""Most seconds (wall clock) that reading one uploaded file may take, repair and comparison included: the app
reads uploads in a worker process (``logicmodel.worker``) and stops it at this limit, saying so in one line."""

IMPORT_MB = 1000
"""Most memory in megabytes (1,000,000 bytes) that reading one uploaded file may take beyond the worker's own."""

REPORT_SECONDS = 120
"""Most seconds (wall clock) that making one report, brief or Word document may take in the worker: the
largest framework's takes 15 to 30 s of processor time, and a shared server's processor is shared."""

REPORT_MB = 1500
"""Most memory in megabytes that making one report may take beyond the worker's own (the largest framework
allowed, 20,000 boxes, needs well under this: ``bench/worker.py`` measures it)."""

MAX_DEPTH = 6
"""Deepest nesting the format needs: root > nodes > node > indicators > indicator > value."""

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
