"""The poster to print: the diagram as an SVG document, landscape on A4 to A0 (``logicmodel.drawing.svg``)."""

from __future__ import annotations

from logicmodel.core.models import Framework
from logicmodel.drawing.svg import poster_svg
from logicmodel.formats.registry import Choices, Format

__all__ = ["FORMAT"]


def _write(fw: Framework, choices: Choices) -> bytes:
    svg = poster_svg(
        fw,
        paper=choices.paper,
        stakeholder=choices.stakeholder,
        cohort=choices.cohort,
        levels=choices.levels,
        group_by=choices.group_by,
        progress=choices.progress,
    )
    return svg.encode("utf-8")


FORMAT = Format(
    name="svg",
    extension=".svg",
    media_type="image/svg+xml",
    description="a poster to print, landscape on A4 to A0 paper",
    button="Poster to print (SVG, {paper})",
    file_name="{title}-poster",
    write=_write,
    options=frozenset({"paper", "stakeholder", "cohort", "levels", "group_by", "progress"}),
)
