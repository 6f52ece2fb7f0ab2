"""The progress report as a Word document: the same content as the HTML progress report
(``logicmodel.drawing.progress_report``), written by the report's Word writer (``logicmodel.formats.report_docx``):
headings in the navigation pane, each indicator's chart a picture drawn from its SVG by vl-convert (in the fonts
it measured the labels with).
"""

from __future__ import annotations

from logicmodel.core.models import Framework
from logicmodel.drawing.progress_report import progress_report
from logicmodel.formats.registry import Choices, Format
from logicmodel.formats.report_docx import report_docx

__all__ = ["FORMAT"]


def _write(fw: Framework, choices: Choices) -> bytes:
    return report_docx(progress_report(fw, commissioner=choices.commissioner))


FORMAT = Format(
    name="progress-docx",
    extension=".docx",
    media_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    description="the progress report as a Word document, each indicator's chart a picture",
    button="Progress report (Word)",
    file_name="{title}-progress",
    write=_write,
    options=frozenset({"commissioner"}),
    on_click=True,
    zipped=True,
)
