"""The progress report as one HTML document for A4 paper (``logicmodel.drawing.progress_report`` says what it
holds; ``--commissioner ID`` makes it one commissioner's): the same template, escaper and content security policy
as the printable report (``logicmodel.formats.report_html``), each indicator's chart an inline SVG drawn offline.
"""

from __future__ import annotations

from logicmodel.core.models import Framework
from logicmodel.drawing.progress_report import progress_report
from logicmodel.formats.registry import Choices, Format
from logicmodel.formats.report_html import report_bytes

__all__ = ["FORMAT"]


def _write(fw: Framework, choices: Choices) -> bytes:
    return report_bytes(progress_report(fw, commissioner=choices.commissioner))


FORMAT = Format(
    name="progress",
    extension=".html",
    media_type="text/html",
    description="a progress report to print on A4: what has moved since the baseline, with charts; delivery and cost",
    button="Progress report to print (HTML, A4)",
    file_name="{title}-progress",
    write=_write,
    options=frozenset({"commissioner"}),
    on_click=True,
)
