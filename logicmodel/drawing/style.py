"""What the interactive diagram and the printed poster share: which boxes, colours, marks, wrapping.

Colours come from the Okabe-Ito palette, which people with the common forms
of colour blindness can tell apart; a level is also carried by its column
and a mark (a square, a triangle...), never by colour alone. Box text is
near-black on a light tint of the level's colour, well over the 4.5:1
contrast the accessibility guidelines ask for.

>>> contrast_ratio("#000000", "#ffffff")
21.0
>>> wrap("Fewer older people admitted to hospital after a fall", 20)
['Fewer older people', 'admitted to hospital', 'after a fall']
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable
from dataclasses import dataclass

from logicmodel.analysis.marks import Mark
from logicmodel.analysis.progress import STATUSES, BoxStatus
from logicmodel.core.graph import nodes_for_cohort
from logicmodel.core.models import Framework, Node
from logicmodel.drawing.layout import LINKS_STRAIGHT, Layout, group_keys

__all__ = [
    "FADED_TEXT",
    "MARKS",
    "NO_STATUS",
    "OKABE_ITO",
    "PROGRESS_STYLES",
    "ROLE_STYLES",
    "STRENGTH_LABELS",
    "STRENGTH_WIDTH",
    "TEXT",
    "LevelStyle",
    "contrast_ratio",
    "group_order",
    "level_roles",
    "level_styles",
    "progress_key",
    "progress_mark",
    "progress_marks",
    "quick_layout_note",
    "select_nodes",
    "tint",
    "wrap",
]

OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000")
"""Blue, orange, bluish green, vermillion, reddish purple, sky blue, yellow, black."""

MARKS = ("square", "triangle", "circle", "diamond", "star", "hexagon")
"""One mark a level, shown in the box and in the legend, so that colour is never the only clue."""

GLYPHS = {"square": "■", "triangle": "▲", "circle": "●", "diamond": "◆", "star": "★", "hexagon": "⬢"}

TEXT = "#1a1a1a"
FADED_TEXT = "#767676"
"""Text of boxes off the chosen pathway: dimmed, still 4.5:1 on white."""

STRENGTH_WIDTH = {"strong": 4.0, "moderate": 2.5, "weak": 1.2, "unknown": 1.5}
STRENGTH_LABELS = {
    "strong": "Strong evidence",
    "moderate": "Moderate evidence",
    "weak": "Weak evidence",
    "unknown": "Strength not stated",
}


@dataclass(frozen=True)
class LevelStyle:
    """How one level looks: its colour, the tint boxes are filled with, its mark."""

    level: str
    label: str
    colour: str
    fill: str
    mark: str

    @property
    def glyph(self) -> str:
        """The mark as a character, for text-only places (canvas labels)."""
        return GLYPHS[self.mark]


def tint(colour: str, share: float = 0.8) -> str:
    """``colour`` mixed with ``share`` of white.

    >>> tint("#0072B2")
    '#cce3f0'
    """
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{round(c + (255 - c) * share):02x}" for c in (r, g, b))


def _luminance(colour: str) -> float:
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(int(colour[i : i + 2], 16)) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG contrast ratio of two ``#rrggbb`` colours, from 1 to 21."""
    a, b = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return round((a + 0.05) / (b + 0.05), 2)


ROLE_STYLES = {
    "input": ("#000000", "hexagon"),
    "activity": ("#0072B2", "square"),
    "output": ("#E69F00", "triangle"),
    "intermediate": ("#009E73", "circle"),
    "strategic": ("#D55E00", "diamond"),
    "impact": ("#CC79A7", "star"),
}
"""The colour and mark of each role a level plays, the same in every framework: a strategic outcome is a
vermillion diamond whether its column is the fourth or the sixth."""


def level_roles(fw: Framework) -> dict[str, str]:
    """What each level is, by level id: input, activity, output, intermediate, strategic or impact.

    Inputs, activities and outputs are the levels of those kinds (``Framework.level_kinds``). Of the outcome
    levels, one whose id or label says "impact" holds the impact, the last of the others the strategic
    outcomes (a logframe's goal, Kellogg's long-term outcomes) and the rest intermediate outcomes.

    >>> from logicmodel.core.readwrite import from_data
    >>> kellogg = from_data({"schema_version": 1, "meta": {"title": "T"}, "nodes": [], "links": [], "levels": [
    ...     {"id": "inputs", "label": "Inputs"}, {"id": "activities", "label": "Activities"},
    ...     {"id": "short", "label": "Short-term outcomes"}, {"id": "long", "label": "Long-term outcomes"},
    ...     {"id": "impact", "label": "Impact"}]})
    >>> list(level_roles(kellogg).values())
    ['input', 'activity', 'intermediate', 'strategic', 'impact']
    """
    kinds = fw.level_kinds
    roles = {}
    for level in fw.levels:
        kind = kinds[level.id]
        impact = "impact" in level.id.lower() or "impact" in level.label.lower()
        roles[level.id] = "impact" if kind == "outcome" and impact else kind
    outcomes = [level.id for level in fw.levels if roles[level.id] == "outcome"]
    for level_id in outcomes:
        roles[level_id] = "strategic" if level_id == outcomes[-1] else "intermediate"
    return roles


def level_styles(fw: Framework) -> dict[str, LevelStyle]:
    """The look of each level of ``fw``, by level id, in level order: its role's (``level_roles``)."""
    styles = {}
    for level_id, role in level_roles(fw).items():
        colour, mark = ROLE_STYLES[role]
        styles[level_id] = LevelStyle(level_id, fw.level_label(level_id), colour, tint(colour), mark)
    return styles


PROGRESS_STYLES: dict[str, tuple[str, str, bool]] = {
    "met": ("#009E73", "√", False),
    "improving": ("#0072B2", "↑", False),
    "no change": ("#E69F00", "=", False),
    "worsening": ("#D55E00", "↓", False),
    "no data": ("#767676", "?", True),
    "no target": ("#767676", "○", True),
}
"""Each status's border colour (Okabe-Ito, told apart with the common forms of colour blindness), sign and
dashed border or not. A box coloured by progress also carries its status in words on its first line
("↑ improving"), so colour is never the only clue; the arrows say better or worse, not which way the figure
went. No sign is one of the levels' marks (``GLYPHS``), and each is in Arial and Liberation Sans, so a printed
poster shows it too (met is "√": "✓" is in neither)."""


NO_STATUS = "#767676"
"""The thin border of a box with no status (no indicators) on a drawing coloured by progress, filled white: no
level's colour is then mistaken for a status. 4.5:1 on white."""


def progress_mark(status: str) -> Mark:
    """How a box of this status is drawn: its border, a light tint of it to fill, and its sign and words.

    >>> progress_mark("improving").words
    '↑ improving'
    """
    colour, sign, dashed = PROGRESS_STYLES[status]
    return Mark(colour, tint(colour, 0.82), "", dashed, f"{sign} {status}")


def progress_marks(statuses: dict[str, BoxStatus]) -> tuple[tuple[str, Mark], ...]:
    """The marks of the boxes with a status (``logicmodel.analysis.progress.box_status``), by box id; a box
    with no indicators has none and is drawn as usual."""
    return tuple((box_id, progress_mark(found.status)) for box_id, found in statuses.items())


def progress_key(shown: Iterable[str]) -> list[tuple[str, Mark, str]]:
    """The legend of the statuses ``shown``: each one's name, mark and meaning (``STATUSES``), in the order
    of ``STATUSES``.

    >>> [(name, mark.words) for name, mark, _ in progress_key(["no data", "met"])]
    [('met', '√ met'), ('no data', '? no data')]
    """
    wanted = set(shown)
    return [(name, progress_mark(name), meaning) for name, meaning in STATUSES.items() if name in wanted]


def wrap(text: str, width: int, max_lines: int | None = None) -> list[str]:
    """``text`` on lines of at most ``width`` characters, whitespace collapsed; "…" ends a cut text."""
    text = " ".join(text.split())
    if len(text) <= width:
        return [text]
    lines = textwrap.wrap(text, width, break_long_words=True, break_on_hyphens=True)
    if max_lines is not None and len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: width - 1].rstrip() + "…"
    return lines


def group_order(fw: Framework, result: Layout, group_by: str) -> list[str]:
    """The names of the groups a layout kept together, in their order down each column.

    >>> from logicmodel.core.readwrite import from_data
    >>> from logicmodel.drawing.layout import layout
    >>> fw = from_data({"schema_version": 1, "meta": {"title": "T"}, "links": [], "nodes": [
    ...     {"id": "a", "level": "activity", "label": "A", "cohorts": ["Young people"]},
    ...     {"id": "b", "level": "activity", "label": "B", "cohorts": ["Older people"]},
    ...     {"id": "c", "level": "activity", "label": "C"}]})
    >>> group_order(fw, layout(fw, group_by="cohort"), "cohort")
    ['Older people', 'Young people', 'no cohort']
    """
    names = {s.id: s.name for s in fw.stakeholders}
    if group_by == "cohort":
        names = {}
        for node in fw.nodes:
            for cohort in node.cohorts[:1]:
                names.setdefault(" ".join(cohort.casefold().split()), cohort)
    _, rank = group_keys(fw, [fw.node_by_id[i] for i in result.x], group_by)
    used = set(result.group.values())
    return [names.get(k, k) if k else f"no {group_by}" for k in sorted(rank, key=rank.__getitem__) if k in used]


def quick_layout_note(result: Layout) -> str:
    """One sentence when a big or densely linked framework was laid out with fewer passes, else "".

    The diagram page shows it under the diagram, so nobody mistakes a quicker layout for the best one.

    >>> from logicmodel.core.readwrite import from_data
    >>> from logicmodel.drawing.layout import layout
    >>> from logicmodel.core.synthetic import synthetic_data
    >>> quick_layout_note(layout(from_data(synthetic_data(20))))
    ''
    >>> quick_layout_note(layout(from_data(synthetic_data(2000))))[:60]
    'This framework is big or densely linked, so it is laid out q'
    """
    if not result.shortcuts:
        return ""
    straight = " and some long links run straight across columns" if LINKS_STRAIGHT in result.shortcuts else ""
    return (
        "This framework is big or densely linked, so it is laid out quickly: more links may cross than a "
        f"slower layout would leave{straight}. Filter by stakeholder, cohort or level for a clearer view."
    )


def select_nodes(
    fw: Framework,
    *,
    stakeholder: str | None = None,
    cohort: str | None = None,
    levels: Iterable[str] | None = None,
) -> list[Node]:
    """The boxes a filtered diagram shows: of one stakeholder, for one cohort, at some levels (all when None)."""
    nodes = fw.nodes
    if stakeholder:
        nodes = [n for n in nodes if stakeholder in n.stakeholders]
    if cohort:
        serving = {n.id for n in nodes_for_cohort(fw, cohort)}
        nodes = [n for n in nodes if n.id in serving]
    if levels is not None:
        wanted = set(levels)
        nodes = [n for n in nodes if n.level in wanted]
    return list(nodes)
