"""The framework's stories as one HTML file to present offline (``logicmodel.drawing.diagram``): to take to a summit on
a laptop with no network. It opens on the list of stories (the framework's own, or ready-made ones: one per
strategic outcome and one per commissioner) and presents the chosen one a step at a time with the keys a
presentation clicker sends (→, Page Down or Space on the list start the story with the focus), filling the
window at any size, a step's text in parts when it says more than the side panel holds; it loads nothing from
anywhere. With ``progress``, boxes are coloured by their indicators' status, as on the Present page."""

from __future__ import annotations

from logicmodel.core.models import Framework
from logicmodel.drawing.diagram import diagram_html, present_stories
from logicmodel.formats.registry import Choices, Format

__all__ = ["FORMAT"]


def _write(fw: Framework, choices: Choices) -> bytes:
    page = diagram_html(fw, stories=present_stories(fw), standalone=True, progress=choices.progress)
    return page.encode("utf-8")


FORMAT = Format(
    name="slides",
    extension=".html",
    media_type="text/html",
    description="the framework's stories to present offline, one step at a time (one HTML file)",
    button="Slides to present offline (HTML)",
    file_name="{title}-slides",
    write=_write,
    options=frozenset({"progress"}),
)
