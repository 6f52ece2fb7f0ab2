"""Formats a framework is written in and read from, one module each, in one registry.

The command line's ``export --to`` and ``import --from``, the app's download buttons and Home's import widget
are all made from this list. Adding a format is one module that defines a ``Format`` and one line below.

>>> [f.name for f in writers()]  # doctest: +NORMALIZE_WHITESPACE
['json', 'schema', 'svg', 'html', 'slides', 'report', 'docx', 'progress', 'progress-docx', 'xlsx',
 'appraisal', 'csv', 'csv-files', 'kumu', 'graphml', 'mermaid', 'tocmaker']
>>> [f.name for f in readers()]  # doctest: +NORMALIZE_WHITESPACE
['json', 'xlsx', 'csv', 'csv-files', 'kumu', 'graphml', 'mermaid', 'tocmaker', 'prsm',
 'logframe']
"""

from __future__ import annotations

import importlib
import os

from logicmodel.formats import (
    appraisal_workbook,
    csv_files,
    csv_table,
    graphml,
    html_page,
    json_file,
    json_schema,
    kumu,
    logframe,
    mermaid,
    progress_docx,
    progress_html,
    prsm,
    report_docx,
    report_html,
    slides,
    svg_poster,
    tocmaker,
    xlsx_workbook,
)
from logicmodel.formats.registry import (
    DIAGRAM_CHOICES,
    Choices,
    Format,
    Reading,
    extensions,
    formats,
    get,
    level_names,
    parse,
    read,
    read_named,
    reader_for,
    reader_of,
    readers,
    register,
    unregister,
    writers,
)

__all__ = [
    "DIAGRAM_CHOICES",
    "EXTRA_FORMATS",
    "Choices",
    "Format",
    "Reading",
    "extensions",
    "formats",
    "get",
    "level_names",
    "parse",
    "read",
    "read_named",
    "reader_for",
    "reader_of",
    "readers",
    "register",
    "unregister",
    "writers",
]

for _module in (
    json_file,
    json_schema,
    svg_poster,
    html_page,
    slides,
    report_html,
    report_docx,
    progress_html,
    progress_docx,
    xlsx_workbook,
    appraisal_workbook,
    csv_table,
    csv_files,
    kumu,
    graphml,
    mermaid,
    tocmaker,
    prsm,
    logframe,
):
    register(_module.FORMAT)

EXTRA_FORMATS = "LOGICMODEL_EXTRA_FORMATS"
"""The environment variable naming modules (comma-separated, importable) that register formats of their own
when imported: a council's own format, or a test's (``tests/slow_format.py``)."""

for _name in filter(None, (part.strip() for part in os.environ.get(EXTRA_FORMATS, "").split(","))):
    importlib.import_module(_name)
