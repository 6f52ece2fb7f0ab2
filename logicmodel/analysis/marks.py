"""How a box is marked apart on a drawing (added, removed or changed on the Compare page): a plain value.

Kept apart from the drawing code so that the engine's questions (``logicmodel.analysis.diff`` says which boxes
changed, and how each kind of change is marked) do not depend on how a diagram is drawn
(``logicmodel.drawing.diagram`` draws the marks).

>>> CHANGE_MARKS["added"].sign
'+'
"""

from __future__ import annotations

from typing import NamedTuple

__all__ = ["CHANGE_MARKS", "Mark", "Marks"]


class Mark(NamedTuple):
    """How one box is marked on the diagram (e.g. added, removed or changed, on the Compare page): its border
    and fill colours, a dashed border or not, a sign before its label ("+", "−", "~"), and words on a line of
    their own above the label (a status by progress: "↑ improving"), "" for none."""

    border: str
    background: str
    sign: str
    dashed: bool = False
    words: str = ""


Marks = tuple[tuple[str, Mark], ...]
"""Marks by box id, as a tuple so that a page with marks is cached like any other."""

CHANGE_MARKS = {
    "added": Mark("#1b7f3b", "#e3f5e8", "+", False),
    "removed": Mark("#b3261e", "#fde7e7", "−", True),
    "changed": Mark("#8a5300", "#fff1d6", "~", False),
}
"""How each kind of change is marked on the diagram: border, fill, sign, dashed border. Told apart by sign and
border as well as colour, for readers who do not see the colours."""
