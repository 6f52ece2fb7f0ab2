"""Imported once by the worker's server process (``logicmodel.jobs.worker.PRELOAD``), before it forks any child, so
that every child starts ready: the engine's tasks and formats imported, the report's template compiled, the
drawing library for the Word report loaded (where the system has it), and every object made so far frozen out
of the garbage collector's sight, so a child's first collection does not walk, and copy, the whole inherited
heap. Without it each child paid for these again: seconds for the Word report's drawing library alone."""

from __future__ import annotations

import contextlib
import gc

from logicmodel.formats import report_html

report_html._template()  # compiled once here, not in every child
with contextlib.suppress(OSError, ImportError):  # without Cairo, the Word report says so in place of its picture
    import cairosvg  # noqa: F401 - loads libcairo: the Word report's picture
gc.freeze()
