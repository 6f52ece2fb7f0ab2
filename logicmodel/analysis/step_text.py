"""How much the presentation's side panel has to say of a step, in lines of its type: so that a ready-made story
moves a long step's boxes on to the next step (each step then framing fewer boxes, larger) rather than telling
one step in many parts.

The presentation (``diagram_assets/diagram.js``) says of a step: its title and note; for each box no earlier step
showed, its label, level, indicators and evidence; for each link between the step's boxes (not both shown
before), its two labels, strength, rationale and assumptions. Its side panel (diagram.css: 27% of the window's
width, type at 1.5vw) holds about ``LINES`` lines of that type for the step's own words, ``CHARS`` characters a
line, at any size of window of a projector's shape. This counts the same words in lines, roughly (it cannot
know the type's widths), so that a box joins a step only when the step will still be told in one part; the
browser measures exactly and tells in parts what is longer (in the samples, about a third of the steps: one box
whose indicators and link say more than a screen, or a long note in a story of one's own).

>>> from logicmodel.core.readwrite import from_data
>>> fw = from_data({"schema_version": 1, "meta": {"title": "T"},
...     "nodes": [{"id": "walk", "level": "activity", "label": "Health walks",
...                "indicators": [{"name": "Walkers a week", "source": "local count"}]},
...               {"id": "active", "level": "intermediate", "label": "Older people more active"}],
...     "links": [{"source": "walk", "target": "active", "rationale": "Walking is activity."}]})
>>> step_lines(fw, ["walk", "active"], frozenset())  # title 2.6, walks 5.85, active 2.85, link 4.9
16.2
>>> step_lines(fw, ["walk", "active"], frozenset({"active"}))  # only the walks and the link are new
13.35
>>> tells(fw)(["walk", "active"], frozenset())
True
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Sequence

from logicmodel.analysis.stories import Tells
from logicmodel.core.models import Framework, Link, Node

__all__ = ["CHARS", "LINES", "step_lines", "tells"]

CHARS = 30
"""Characters a line of the panel's body type (about 33 fit; wrapping between words loses some)."""
HEADING_CHARS = 25
"""Characters a line of a heading (bold, a little larger)."""
LIST_CHARS = 27
"""Characters a line of a list item (indented)."""
LINES = 19.0
"""Lines of body type the panel holds for a step's words, once the counter, a story title of two lines and the
keys are taken off (about 20.3 at 1920x1080: 1,034 px of panel less 276 px, in lines of 37.4 px)."""

_GAP = 0.8
"""A section's space above, in lines."""
_STRENGTH_LINES = 1


def _wrapped(text: str, chars: int) -> int:
    return max(1, len(textwrap.wrap(" ".join(text.split()), chars, break_long_words=True)))


def _list_lines(items: Sequence[str]) -> float:
    return 1 + sum(_wrapped(item, LIST_CHARS) for item in items) if items else 0


def _box_lines(fw: Framework, node: Node) -> float:
    indicators = [i.name + (f" ({i.source})" if i.source else "") for i in node.indicators]
    return (
        _GAP
        + 1.05 * _wrapped(node.label, HEADING_CHARS)
        + _wrapped(fw.level_label(node.level), CHARS)
        + _list_lines(indicators)
        + _list_lines([e.title for e in node.evidence])
    )


def _link_lines(fw: Framework, link: Link) -> float:
    words = f"{fw.node_by_id[link.source].label} → {fw.node_by_id[link.target].label}"
    lines = _GAP + 1.05 * _wrapped(words, HEADING_CHARS) + _STRENGTH_LINES
    return lines + (_wrapped(link.rationale, CHARS) if link.rationale else 0) + _list_lines(link.assumptions)


def step_lines(fw: Framework, ids: Sequence[str], told: frozenset[str]) -> float:
    """Lines of the panel's type that a step of the boxes ``ids`` takes, ``told`` (boxes an earlier step
    described) said no more; its title counted as two lines of heading, a note not at all (a ready-made step
    has none, but the first, which shows one box)."""
    return _counter(fw)(ids, told)


def _counter(fw: Framework) -> Callable[[Sequence[str], frozenset[str]], float]:
    """``step_lines`` for ``fw``, each box's and link's lines counted once and the links found by their
    boxes, so that cutting the ready-made stories of a big framework stays quick."""
    boxes: dict[str, float] = {}
    links: dict[int, float] = {}
    leaving: dict[str, list[tuple[int, Link]]] = {}
    for k, link in enumerate(fw.links):
        leaving.setdefault(link.source, []).append((k, link))
    by_id = fw.node_by_id

    def count(ids: Sequence[str], told: frozenset[str]) -> float:
        inside = set(ids)
        total = 1.3 * 2  # the step's title: "What leads to it: Intermediate outcomes (2 of 3)"
        for node_id in inside:
            if node_id not in told and node_id in by_id:
                if node_id not in boxes:
                    boxes[node_id] = _box_lines(fw, by_id[node_id])
                total += boxes[node_id]
            for k, link in leaving.get(node_id, ()):
                if link.target in inside and not (link.source in told and link.target in told):
                    if k not in links:
                        links[k] = _link_lines(fw, link)
                    total += links[k]
        return round(total, 2)

    return count


def tells(fw: Framework) -> Tells:
    """Whether a step of a ready-made story fits the panel in one part (``step_lines`` within ``LINES``)."""
    count = _counter(fw)
    return lambda ids, told: count(ids, told) <= LINES
