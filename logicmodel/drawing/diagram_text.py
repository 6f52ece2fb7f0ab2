"""The diagram as text: what a screen reader reads, and what "Show as text" shows, in every diagram page.

``diagram_text`` says what the text tells, in the drawing's own order: each level (column band) left to
right, its boxes in the order they are drawn (column by column, top to bottom), and what the drawing marks
on a box besides its label: its status when the diagram is coloured by progress, its kind of change on
Compare, and that it is faded, outside the pathways a page highlights (Commissioners).

The page carries it as numbers (``DiagramText.data``, in the page's JSON block as ``reading``): the box
numbers of ``result.x``'s order, which the page's data already names, labels and links. Its script
(``diagram_assets/text.js``) writes the section from them just after the diagram's first frame, every label as
``textContent``: each box with what it leads to and comes from (from the links' ends, with the strength of
evidence a link states), so that a page carries no label twice and the first frame never waits for thousands
of list items.

Above ``FULL_BOXES`` boxes or ``FULL_LINKS`` links the text takes its lighter form (``full`` false): each box
with a count of its links, whose names the script writes when the box is chosen.

>>> from logicmodel.core.readwrite import from_data
>>> from logicmodel.core.synthetic import synthetic_data
>>> from logicmodel.drawing.diagram import _drawing
>>> fw = from_data(synthetic_data(12))
>>> text = diagram_text(fw, _drawing(fw, False, None, None, None, None, None, None, False)[1])
>>> text.full, sum(len(level.boxes) for level in text.levels) == len(fw.nodes), text.summary
(True, True, '12 boxes in 4 levels, 24 links.')
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from logicmodel.analysis.marks import CHANGE_MARKS, Mark
from logicmodel.analysis.progress import BoxStatus
from logicmodel.core.models import Framework
from logicmodel.core.wording import plural
from logicmodel.drawing.layout import Layout

__all__ = ["FADED", "FULL_BOXES", "FULL_LINKS", "DiagramText", "TextLevel", "diagram_text", "grade_words"]

FULL_BOXES = 400
FULL_LINKS = 1500
"""Up to these many boxes and links the text names what each box leads to and comes from; above either,
the lighter form gives counts and the script names them on demand (see the module's docstring)."""

FADED = "not on the highlighted pathways"
"""What the text says of a box the drawing fades (outside a page's emphasis)."""

_CHANGES = {mark: name.capitalize() for name, mark in CHANGE_MARKS.items()}

_GRADES = {"strong": "strong evidence", "moderate": "moderate evidence", "weak": "weak evidence"}


def grade_words(strength: str) -> str:
    """How the text says a link's stated strength of evidence ("" when it is not stated).

    >>> grade_words("weak"), grade_words("unknown")
    ('weak evidence', '')
    """
    return _GRADES.get(strength, "")


@dataclass(frozen=True)
class TextLevel:
    """One band of columns: the level's name and its boxes' numbers (the page's box numbering, the order of
    ``result.x``) in drawing order."""

    label: str
    boxes: tuple[int, ...]


@dataclass(frozen=True)
class DiagramText:
    """The text of a diagram: its levels left to right; ``notes[k]``, what the drawing marks on box k besides
    its label ("Improving", "Added", "not on the highlighted pathways", joined by commas; "" for nothing), or
    None when it marks nothing on any box; the counts; ``full`` when it names every link's ends at once (else
    the lighter form)."""

    levels: tuple[TextLevel, ...]
    notes: tuple[str, ...] | None
    boxes: int
    links: int
    full: bool

    @property
    def summary(self) -> str:
        """The section's first line: "5 boxes in 4 levels, 5 links."."""
        return f"{plural(self.boxes, 'box')} in {plural(len(self.levels), 'level')}, {plural(self.links, 'link')}."

    def data(self, strengths: Sequence[str]) -> dict[str, Any]:
        """What the page's script writes the text from: ``levels`` as ``[label, [k, ...]]``, ``grades[s]`` the
        words for strength number ``s`` of the page's ``links.strength`` (``strengths`` names them in order),
        and the rest as above."""
        return {
            "levels": [[level.label, list(level.boxes)] for level in self.levels],
            "notes": list(self.notes) if self.notes is not None else None,
            "grades": [grade_words(name) for name in strengths],
            "summary": self.summary,
            "full": self.full,
        }


def diagram_text(
    fw: Framework,
    result: Layout,
    judged: Mapping[str, BoxStatus] | None = None,
    marks: Mapping[str, Mark] | None = None,
    emphasis: frozenset[str] | None = None,
) -> DiagramText:
    """The text of the diagram ``result`` draws of ``fw``: only the boxes it shows (a filtered-out box is not
    in ``result``), in drawing order; with ``judged`` (coloured by progress), each judged box's status; with
    ``marks`` (Compare's), each marked box's kind of change; with ``emphasis``, each box outside it faded."""
    number = {node_id: k for k, node_id in enumerate(result.x)}
    levels = []
    for band in result.bands:
        boxes = [
            number[node_id]
            for column in result.columns[band.first : band.first + band.count]
            for node_id in column
            if node_id in number
        ]
        levels.append(TextLevel(band.label, tuple(boxes)))
    notes = None
    if judged is not None or marks or emphasis is not None:
        notes = tuple(_note(node_id, judged or {}, marks or {}, emphasis) for node_id in result.x)
    full = len(number) <= FULL_BOXES and len(result.links) <= FULL_LINKS
    return DiagramText(tuple(levels), notes, len(number), len(result.links), full)


def _note(
    node_id: str, judged: Mapping[str, BoxStatus], marks: Mapping[str, Mark], emphasis: frozenset[str] | None
) -> str:
    found = judged.get(node_id)
    parts = [found.status.capitalize()] if found else []
    mark = marks.get(node_id)
    if mark is not None and mark in _CHANGES:
        parts.append(_CHANGES[mark])
    if emphasis is not None and node_id not in emphasis:
        parts.append(FADED)
    return ", ".join(parts)
