"""The interactive diagram as one HTML file that works offline (``logicmodel.drawing.diagram``): to email, or to open
on a laptop with no connection; large type for a projector, and boxes coloured by progress, when asked."""

from __future__ import annotations

from logicmodel.core.models import Framework
from logicmodel.drawing.diagram import DEFAULT_HEIGHT, diagram_html
from logicmodel.formats.registry import Choices, Format

__all__ = ["FORMAT"]


def _write(fw: Framework, choices: Choices) -> bytes:
    page = diagram_html(
        fw,
        projector=choices.projector,
        stakeholder=choices.stakeholder,
        cohort=choices.cohort,
        levels=choices.levels,
        group_by=choices.group_by,
        height=choices.height or DEFAULT_HEIGHT,
        standalone=True,
        progress=choices.progress,
    )
    return page.encode("utf-8")


FORMAT = Format(
    name="html",
    extension=".html",
    media_type="text/html",
    description="the interactive diagram as one page that works offline",
    button="Interactive diagram (HTML, works offline)",
    file_name="{title}-diagram",
    write=_write,
    options=frozenset({"projector", "height", "stakeholder", "cohort", "levels", "group_by", "progress"}),
)
