"""The printable report: one HTML document for A4 paper, with print styles, that asks for nothing from any
other host (``logicmodel.drawing.report`` says what it holds; ``--commissioner ID`` makes one commissioner's brief).

Rendered by Jinja with autoescape on: every text of the framework is escaped, and a content security policy
forbids any script and any request. The diagram is the poster's SVG (``logicmodel.drawing.svg``), itself escaped.
"""

from __future__ import annotations

import io
from functools import cache
from importlib.resources import files

from jinja2 import Environment, StrictUndefined, Template
from markupsafe import Markup

from logicmodel.core.characters import without_unwritable
from logicmodel.core.models import Framework
from logicmodel.drawing.report import Chart, Drawing, Report, report
from logicmodel.formats.registry import Choices, Format

__all__ = ["CSP", "FORMAT", "report_bytes", "report_html"]

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
"""No script at all, its own styles, and no request to anywhere."""


def _svg(drawing: Drawing) -> Markup:
    """The poster's SVG in the page: written by ``logicmodel.drawing.svg``, which escapes every text it holds."""
    body = drawing.svg.split("?>", 1)[1] if drawing.svg.startswith("<?xml") else drawing.svg
    return Markup(body.strip())


def _chart(chart: Chart) -> Markup:
    """An indicator's chart in the page: drawn by vl-convert, which escapes every text it holds; the SVG has no
    ids to clash with another chart's, and names fonts without loading them."""
    body = chart.chart.split("?>", 1)[1] if chart.chart.startswith("<?xml") else chart.chart
    return Markup(body.strip())


@cache
def _template() -> Template:
    env = Environment(autoescape=True, undefined=StrictUndefined, finalize=_writable, trim_blocks=True)
    text = files("logicmodel.drawing").joinpath("report_assets", "report.html.j2").read_text(encoding="utf-8")
    return env.from_string(text)


def _writable(value: object) -> object:
    if isinstance(value, Markup):
        return value
    return without_unwritable(str(value))


def report_html(content: Report) -> str:
    """The report as one HTML document."""
    return _template().render(report=content, csp=Markup(CSP), svg=_svg, chart=_chart)


def report_bytes(content: Report) -> bytes:
    """The report's bytes, encoded a piece at a time as the template makes them: the largest framework's report
    is 55 MB, and the whole text at once, then its bytes, would be two copies of it."""
    out = io.BytesIO()
    for piece in _template().generate(report=content, csp=Markup(CSP), svg=_svg, chart=_chart):
        out.write(piece.encode("utf-8"))
    return out.getvalue()


def _write(fw: Framework, choices: Choices) -> bytes:
    return report_bytes(report(fw, commissioner=choices.commissioner, comments=choices.comments))


FORMAT = Format(
    name="report",
    extension=".html",
    media_type="text/html",
    description="a report to print on A4: narrative, commissioners' offers, value, gaps",
    button="Report to print (HTML, A4)",
    file_name="{title}-report",
    write=_write,
    options=frozenset({"commissioner", "comments"}),
    on_click=True,
)
