"""The diagram as text: what a screen reader reads, and what "Show as text" shows, in every diagram page.

``diagram_text`` says the same as the drawing in words: each level (column band) left to right, its boxes
in the order they are drawn (column by column, top to bottom), and for each box what it leads to and what
it comes from, with the strength of evidence a link states, and the box's status when the diagram is
coloured by progress. ``text_section`` renders it into the page (``diagram_assets/text.html.j2``, Jinja
autoescape on, so every label is text) with its script (``text.js``: the toggle, Enter on a box to see its
pathway, the standalone page's filters) and styles.

A big framework's page carries the text too, so it stays cheap: above ``FULL_BOXES`` boxes or
``FULL_LINKS`` links the text is its lighter form, each box with a count of its links (its neighbours'
numbers in a ``data-to`` attribute), and the words of what a box leads to and comes from are written by
the script when a box is chosen: the page grows by about a box's label and 40 bytes a box, not by every
label once per link.

>>> from logicmodel.core.readwrite import from_data
>>> from logicmodel.core.synthetic import synthetic_data
>>> from logicmodel.drawing.diagram import _drawing
>>> fw = from_data(synthetic_data(12))
>>> text = diagram_text(fw, _drawing(fw, False, None, None, None, None, None, None, False)[1])
>>> text.full, sum(len(level.boxes) for level in text.levels) == len(fw.nodes)
(True, True)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import NamedTuple

from jinja2 import Environment, StrictUndefined, Template
from markupsafe import Markup, escape

from logicmodel.analysis.progress import BoxStatus
from logicmodel.core.characters import without_unwritable
from logicmodel.core.models import Framework
from logicmodel.drawing.layout import Layout

__all__ = ["FULL_BOXES", "FULL_LINKS", "DiagramText", "TextBox", "TextLevel", "diagram_text", "text_section"]

FULL_BOXES = 400
FULL_LINKS = 1500
"""Up to these many boxes and links the text names what each box leads to and comes from; above either,
the lighter form gives counts and the script names them on demand (see the module's docstring)."""

_STRENGTH = {"strong": "strong evidence", "moderate": "moderate evidence", "weak": "weak evidence"}


class TextBox(NamedTuple):
    """One box: its number on the diagram (``k``, the page's box numbering), its id in the framework, label,
    status by progress ("" for none), and the numbers of the boxes it leads to and comes from, each with the
    stated strength ("" when unstated), in link order."""

    k: int
    id: str
    label: str
    status: str
    leads_to: tuple[tuple[int, str], ...]
    comes_from: tuple[tuple[int, str], ...]
    to: str
    """The numbers of the boxes it leads to, space-separated: the lighter form's ``data-to``. (A named tuple, not a
    dataclass: a big framework makes thousands, and a frozen dataclass is several times slower to make.)"""


@dataclass(frozen=True)
class TextLevel:
    """One band of columns: the level's name and its boxes in drawing order."""

    label: str
    boxes: tuple[TextBox, ...]


@dataclass(frozen=True)
class DiagramText:
    """The text of a diagram: its levels left to right, ``labels[k]`` box k's label, the counts, and
    ``full`` when it names every link's ends (else the lighter form)."""

    levels: tuple[TextLevel, ...]
    labels: tuple[str, ...]
    links: int
    full: bool


def diagram_text(fw: Framework, result: Layout, judged: Mapping[str, BoxStatus] | None = None) -> DiagramText:
    """The text of the diagram ``result`` draws of ``fw``: only the boxes it shows (a filtered-out box is not
    in ``result``), in drawing order; with ``judged`` (coloured by progress), each judged box's status."""
    ids = list(result.x)
    number = {node_id: k for k, node_id in enumerate(ids)}
    strength = {(link.source, link.target): _STRENGTH.get(link.strength, "") for link in fw.links}
    leads: list[list[tuple[int, str]]] = [[] for _ in ids]
    comes: list[list[tuple[int, str]]] = [[] for _ in ids]
    for pair in result.links:
        source, target = number[pair[0]], number[pair[1]]
        grade = strength.get(pair, "")
        leads[source].append((target, grade))
        comes[target].append((source, grade))
    by_id = fw.node_by_id
    # Every text without the characters HTML cannot carry, once here (the template prints these only).
    labels = tuple(without_unwritable(by_id[node_id].label) for node_id in ids)
    judged = judged or {}
    levels = []
    for band in result.bands:
        boxes = []
        for column in result.columns[band.first : band.first + band.count]:
            for node_id in column:
                k = number.get(node_id)
                if k is None:
                    continue
                found = judged.get(node_id)
                status = found.status.capitalize() if found else ""
                to = " ".join([str(j) for j, _grade in leads[k]])
                boxes.append(
                    TextBox(k, without_unwritable(node_id), labels[k], status, tuple(leads[k]), tuple(comes[k]), to)
                )
        levels.append(TextLevel(without_unwritable(band.label), tuple(boxes)))
    full = len(ids) <= FULL_BOXES and len(result.links) <= FULL_LINKS
    return DiagramText(tuple(levels), labels, len(result.links), full)


@cache
def _asset(name: str) -> str:
    """``text.html.j2`` or ``text.js`` from ``diagram_assets``."""
    return files("logicmodel.drawing").joinpath("diagram_assets", name).read_text(encoding="utf-8")


@cache
def _template() -> Template:
    """``text.html.j2``, compiled once; autoescape on, and a misspelt name is an error. Its texts come
    without unwritable characters (``diagram_text``), and the page's own finalize sees the whole section."""
    env = Environment(autoescape=True, undefined=StrictUndefined, trim_blocks=True)
    return env.from_string(_asset("text.html.j2"))


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 'es' if word.endswith('x') else 's'}"


def text_section(
    fw: Framework, result: Layout, judged: Mapping[str, BoxStatus] | None = None, present: bool = False
) -> Markup:
    """The "Show as text" button, the ``<section id="lm-text">`` (read by screen readers always, shown on
    demand) and its script, for ``page.html.j2`` to print as it is. In a presentation (``present``) the
    boxes are plain text: there is no pathway to pick there. Made once per drawing (``result``): a page made
    again for new comment counts reuses it."""
    made: dict = fw.cached("diagram_text_sections", lambda _fw: {})
    key = (id(result), id(judged), present)
    if key in made and made[key][0] is result and made[key][1] is judged:
        return made[key][2]
    while len(made) >= 4:
        del made[next(iter(made))]
    section = _section(fw, result, judged, present)
    made[key] = (result, judged, section)
    return section


def _section(fw: Framework, result: Layout, judged: Mapping[str, BoxStatus] | None, present: bool) -> Markup:
    text = diagram_text(fw, result, judged)
    count = len(text.labels)
    summary = f"{_plural(count, 'box')} in {_plural(len(text.levels), 'level')}, {_plural(text.links, 'link')}."
    return Markup(
        _template().render(
            text=text,
            summary=summary,
            present=present,
            script=Markup(_asset("text.js")),
            plural=_plural,
            rows=None if text.full else [_light_rows(level, present) for level in text.levels],
        )
    )


def _light_rows(level: TextLevel, present: bool) -> Markup:
    """The lighter form's items of one level, one line a box: made here rather than by a loop in the template,
    which takes five times as long at 8,000 boxes; every text escaped by ``markupsafe.escape``, the very
    function Jinja's autoescape calls."""
    rows = []
    for b in level.boxes:
        label = (
            f"<b>{escape(b.label)}</b>" if present else f'<button data-id="{escape(b.id)}">{escape(b.label)}</button>'
        )
        status = f" ({escape(b.status)})" if b.status else ""
        rows.append(
            f'<li data-k="{b.k}" data-to="{b.to}">{label}{status} leads to {len(b.leads_to)}, '
            f"comes from {len(b.comes_from)}</li>\n"
        )
    return Markup("".join(rows))
