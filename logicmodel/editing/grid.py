"""The boxes and the links as rows of a grid, and a grid's changes applied as one checked batch.

A lead edits boxes and links as a spreadsheet: changes cells, deletes rows, adds rows or pastes many copied from
Excel. The grid reports what changed (``GridChange``); ``apply_boxes`` and ``apply_links`` make all of it one new
framework, checked by the same rules as every other edit (``logicmodel.core.rules``, through the edits' own checked
replace, ``logicmodel.editing.edit.replace_parts``), or refuse all of it. Each problem
names its row (as the grid shows it: the rows kept, then the rows added) and column in the lead's words. Boxes
and levels are named by their labels, as people know them; ids are made for new boxes.

>>> from logicmodel.editing.edit import add_node, new_framework
>>> fw = add_node(new_framework("Active Ageing"), {"id": "walks", "level": "activity", "label": "Health walks"})
>>> [row["Box"] for row in box_rows(fw)]
['Health walks']
>>> fw = apply_boxes(fw, GridChange(added=[{"Box": "Fewer falls", "Level": "strategic outcomes"}]))
>>> [(n.id, n.level) for n in fw.nodes]
[('walks', 'activity'), ('fewer-falls', 'strategic')]
>>> try:
...     apply_links(fw, GridChange(added=[{"From": "Health walks", "Leads to": "Fewer fals"}]))
... except FrameworkError as err:
...     print(err)
Row 1, Leads to: no box called 'Fewer fals'
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from logicmodel.analysis.stories import stories_without_box
from logicmodel.core.errors import Box, FrameworkError, Part, Problem, Where, quoted
from logicmodel.core.level_names import LevelNames
from logicmodel.core.models import STRENGTHS, Framework, Link, Node
from logicmodel.core.rules import (
    EARLIER_TO_LATER,
    find_loop,
    link_refusal,
    loop_route,
    new_link_problem,
    new_link_refusal,
    new_link_words,
    target_words,
)
from logicmodel.editing.edit import replace_parts, suggest_id, unavailable_targets

__all__ = [
    "BOX_COLUMNS",
    "LINK_COLUMNS",
    "GridChange",
    "LevelPair",
    "apply_boxes",
    "apply_links",
    "as_pasted",
    "box_rows",
    "level_pair",
    "link_level_pair",
    "link_rows",
    "link_to",
    "what_changed",
]

BOX_COLUMNS = ("Box", "Level", "Description", "Stakeholders", "Id")
"""The box grid's columns, in order: a block pasted from a spreadsheet fills them from the left."""
BOX_FIELDS = {"Box": "label", "Level": "level", "Description": "description", "Stakeholders": "stakeholders"}
LINK_COLUMNS = ("From", "Leads to", "Strength", "Why", "Assumptions")
"""The link grid's columns, in order."""
LINK_FIELDS = {"From": "source", "Leads to": "target", "Strength": "strength", "Why": "rationale"}
LINK_FIELDS["Assumptions"] = "assumptions"
ONE_LINE = frozenset({"Box", "Level", "Id", "From", "Leads to", "Strength"})
"""Columns that hold one line: a line break in one of their cells is rows pasted into it (see ``as_pasted``)."""
SEPARATOR = "; "
"""Between the names in one cell (stakeholders, assumptions): "Public Health; Adult Social Care"."""
_SPLIT = re.compile(r"\s*[;\n]\s*")


@dataclass(frozen=True)
class GridChange:
    """What a grid's editor reports: cells changed in its rows (by position), rows added, rows deleted.

    The same shape as Streamlit's data editor's state (``edited_rows``, ``added_rows``, ``deleted_rows``).
    """

    edited: Mapping[int, Mapping[str, Any]] = field(default_factory=dict)
    added: Sequence[Mapping[str, Any]] = ()
    deleted: Sequence[int] = ()
    spread: bool = field(default=False, compare=False)
    """True once blocks pasted into one cell are spread over their rows (``as_pasted``): a cell a spreadsheet
    quoted may still hold a tab or a line break, and is not spread again."""

    @classmethod
    def from_editor(cls, state: Mapping[str, Any] | None) -> GridChange:
        """From a data editor's state (None or empty: nothing changed)."""
        state = state or {}
        edited = {int(row): dict(cells) for row, cells in (state.get("edited_rows") or {}).items()}
        added = [dict(row) for row in state.get("added_rows") or []]
        return cls(edited, added, sorted(int(row) for row in state.get("deleted_rows") or []))

    def __bool__(self) -> bool:
        """False when nothing would change: no cell edited, no row deleted, and rows added only blank (the grid
        adds a blank row for the lead to type in)."""
        return bool(self.edited or self.deleted or any(_text(v) for row in self.added for v in row.values()))


class _Rows:
    """Positions of a grid's rows as the lead sees them: the rows kept, in order, then those added."""

    def __init__(self, count: int, change: GridChange):
        deleted = set(change.deleted)
        kept = [i for i in range(count) if i not in deleted]
        self.shown = {old: n + 1 for n, old in enumerate(kept)}
        self.first_added = len(kept) + 1

    def of(self, old: int) -> int:
        return self.shown[old]

    def added(self, i: int) -> int:
        return self.first_added + i


def as_pasted(change: GridChange, columns: Sequence[str], count: int) -> GridChange:
    r"""``change`` with every block of cells pasted into a single cell spread over the rows and columns it covers,
    as the grid's own paste spreads them: the same rows whether a lead pastes into a chosen cell or into a cell
    being typed in (the grid's empty last row opens one), where the browser puts the whole block in that cell.

    A cell holds a block when its text has a tab (cells copied side by side) or, in a column of one line
    (``ONE_LINE``), a line break (rows copied one above another). Its first line fills the cell's row from the
    cell's column rightwards (``columns``, the grid's order; cells past the last column are left out), each next
    line the row below, and lines past the grid's last row (``count`` rows, then those added) are added rows.
    A cell a spreadsheet quoted (``"two\nlines"``) is one cell.

    >>> change = GridChange(added=[{"Box": "Swims\tActivities\nFitter children\tStrategic outcomes\n"}])
    >>> as_pasted(change, BOX_COLUMNS, 0).added
    [{'Box': 'Swims', 'Level': 'Activities'}, {'Box': 'Fitter children', 'Level': 'Strategic outcomes'}]
    """
    if change.spread:
        return change
    blocks = [
        (position, column, _pasted_cells(value))
        for position, cells in enumerate(_shown(change, count))
        for column, value in cells.items()
        if column in columns and _is_block(column, value)
    ]
    if not blocks:
        return GridChange(change.edited, change.added, change.deleted, spread=True)
    kept = [i for i in range(count) if i not in set(change.deleted)]
    shown = _shown(change, count)
    for position, column, lines in blocks:
        start = columns.index(column)
        for k, line in enumerate(lines):
            while position + k >= len(shown):
                shown.append({})
            for j, text in enumerate(line[: len(columns) - start]):
                shown[position + k][columns[start + j]] = text
    edited = {old: cells for old, cells in zip(kept, shown, strict=False) if cells}
    return GridChange(edited, shown[len(kept) :], change.deleted, spread=True)


def _shown(change: GridChange, count: int) -> list[dict[str, Any]]:
    """The change's cells a row, in the grid's order: the rows kept (cells changed, or none), then those added."""
    deleted = set(change.deleted)
    return [dict(change.edited.get(i, {})) for i in range(count) if i not in deleted] + [
        dict(row) for row in change.added
    ]


_BREAKS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"
"""Every line break ``str.splitlines`` knows."""
_QUOTED_CELL = re.compile(f'"((?:[^"]|"")*)"(?=\t|[{_BREAKS}]|$)')
_PLAIN_CELL = re.compile(f"[^\t{_BREAKS}]*")


def _is_block(column: str, value: Any) -> bool:
    text = value if isinstance(value, str) else ""
    return "\t" in text or (column in ONE_LINE and len(text.strip().splitlines()) > 1)


def _pasted_cells(text: str) -> list[list[str]]:
    r"""Text copied from a spreadsheet as rows of cells: a tab between cells, a line break between rows, a cell
    holding either in double quotes (``""`` a quote within it); the line break ending the last row is no row.

    >>> _pasted_cells('Walks\t"Weekly, ""led""\nin parks"\r\nSwims\t\r\n')
    [['Walks', 'Weekly, "led"\nin parks'], ['Swims', '']]
    """
    rows: list[list[str]] = [[]]
    at = 0
    while True:
        quoted_cell = _QUOTED_CELL.match(text, at)
        if quoted_cell:
            rows[-1].append(quoted_cell[1].replace('""', '"'))
        else:
            quoted_cell = _PLAIN_CELL.match(text, at)
            rows[-1].append(quoted_cell[0])
        at = quoted_cell.end()
        if at >= len(text):
            break
        if text[at] != "\t":
            rows.append([])
            at += 2 if text.startswith("\r\n", at) else 1
            if at >= len(text):
                rows.pop()
                break
        else:
            at += 1
    return rows


def _text(value: Any) -> str:
    """A cell as text, stripped: None and NaN (pandas' empty cell) are blank."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return str(value).strip()


def _names(value: Any) -> list[str]:
    return [part for part in _SPLIT.split(_text(value)) if part]


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def _problem(row: int, column: str, message: str) -> Problem:
    return Problem(f"Row {row}, {column}", message)


def _field_problems(row: int, exc: ValidationError, columns: Mapping[str, str]) -> list[Problem]:
    """A part's field errors, each at its row and column (the column of the field the error is about)."""
    by_field = {name: column for column, name in columns.items()}
    found = []
    for error in exc.errors():
        name = str(error["loc"][0]) if error["loc"] else ""
        message = error["msg"].removeprefix("Value error, ")
        found.append(_problem(row, by_field.get(name, name or "row"), message[0].lower() + message[1:]))
    return found


# --- boxes ---------------------------------------------------------------------------------------


def box_rows(fw: Framework) -> list[dict[str, Any]]:
    """One row a box, in the framework's order, with ``BOX_COLUMNS``."""
    names = {s.id: s.name for s in fw.stakeholders}
    return [
        {
            "Box": n.label,
            "Level": fw.level_label(n.level),
            "Description": n.description or "",
            "Stakeholders": SEPARATOR.join(names.get(s, s) for s in n.stakeholders),
            "Id": n.id,
        }
        for n in fw.nodes
    ]


def apply_boxes(fw: Framework, change: GridChange) -> Framework:
    """The framework with the box grid's change made: cells changed, boxes added, boxes deleted (with their
    links), checked as one. Raises ``FrameworkError`` listing every problem at its row and column."""
    change = as_pasted(change, BOX_COLUMNS, len(fw.nodes))
    rows = _Rows(len(fw.nodes), change)
    levels = LevelNames.of(fw.levels)
    stakeholders = _lookup({s.id: s.name for s in fw.stakeholders})
    known = (
        f"the stakeholders are {', '.join(s.name for s in fw.stakeholders)}"
        if fw.stakeholders
        else "there are none yet: add them in Stakeholders"
    )
    problems: list[Problem] = []
    deleted = {fw.nodes[i].id for i in change.deleted if 0 <= i < len(fw.nodes)}
    nodes: list[Node] = []
    changed_level: dict[str, int] = {}
    taken = set(fw.node_by_id)

    def fields_of(row: int, cells: Mapping[str, Any], start: dict[str, Any]) -> dict[str, Any] | None:
        fields = dict(start)
        ok = True
        for column, value in cells.items():
            name = BOX_FIELDS.get(column)
            if name is None:
                continue
            if name == "label":
                fields["label"] = _text(value)
                if not fields["label"]:
                    problems.append(_problem(row, column, "give the box a label"))
                    ok = False
            elif name == "level":
                found = levels.find(_text(value))
                if found is None:
                    problems.append(_problem(row, column, levels.refusal(_text(value))))
                    ok = False
                else:
                    fields["level"] = found
            elif name == "stakeholders":
                ids = []
                for name_ in _names(value):
                    found = stakeholders.get(_key(name_))
                    if found is None:
                        problems.append(_problem(row, column, f"no stakeholder called {quoted(name_)}; {known}"))
                        ok = False
                    else:
                        ids.append(found)
                fields["stakeholders"] = ids
            else:
                fields[name] = _text(value) or None
        return fields if ok else None

    for i, node in enumerate(fw.nodes):
        if node.id in deleted:
            continue
        cells = change.edited.get(i)
        if not cells:
            nodes.append(node)
            continue
        row = rows.of(i)
        fields = fields_of(row, cells, node.model_dump(exclude_unset=False))
        if fields is None:
            continue
        if fields["level"] != node.level:
            changed_level[node.id] = row
        try:
            nodes.append(Node.model_validate(fields))
        except ValidationError as exc:
            problems += _field_problems(row, exc, BOX_FIELDS)
    for i, cells in enumerate(change.added):
        row = rows.added(i)
        if not any(_text(v) for v in cells.values()):
            continue  # a blank row the grid added: nothing to add
        if not _text(cells.get("Level")):
            problems.append(_problem(row, "Level", levels.refusal("")))
            continue
        fields = fields_of(row, {"Box": cells.get("Box"), **cells}, {"stakeholders": []})
        if fields is None:
            continue
        fields["id"] = suggest_id(fw, fields["label"], taken)
        taken.add(fields["id"])
        changed_level[fields["id"]] = row
        try:
            nodes.append(Node.model_validate(fields))
        except ValidationError as exc:
            problems += _field_problems(row, exc, BOX_FIELDS)
    if problems:
        raise FrameworkError(problems)
    links = [link for link in fw.links if link.source not in deleted and link.target not in deleted]
    stories = list(fw.stories)
    for node_id in deleted:  # a deleted box leaves the stories that showed it, as when deleted one at a time
        stories = stories_without_box(stories, node_id)
    level_rank = fw.level_rank
    rank = {n.id: level_rank[n.level] for n in nodes}  # each box's level position, as the batch leaves it
    by_id = {n.id: n for n in nodes}
    for link in links:  # a level changed: a link that now runs backwards is the changed box's row
        if link_refusal(rank, link.source, link.target) == "backwards":
            source, target = Box(link.source, by_id[link.source].label), Box(link.target, by_id[link.target].label)
            moved = link.target if link.target in changed_level else link.source
            problems.append(
                Problem.worded(
                    f"Row {changed_level.get(moved, 0)}, Level",
                    source,
                    " leads to ",
                    target,
                    ", so ",
                    target,
                    " cannot come before it",
                )
            )
    if problems:
        raise FrameworkError(problems)
    return replace_parts(fw, nodes=nodes, links=links, stories=stories)


def _lookup(names: Mapping[str, str]) -> dict[str, str]:
    """Ids by what a lead may type for them: the name shown, or the id, in any case."""
    found = {_key(name): key for key, name in names.items()}
    found.update({_key(key): key for key in names})
    return found


# --- links ---------------------------------------------------------------------------------------


def link_rows(fw: Framework) -> list[dict[str, Any]]:
    """One row a link, in the framework's order, with ``LINK_COLUMNS`` (boxes named by their labels)."""
    label = {n.id: n.label for n in fw.nodes}
    return [
        {
            "From": label[link.source],
            "Leads to": label[link.target],
            "Strength": link.strength,
            "Why": link.rationale or "",
            "Assumptions": SEPARATOR.join(link.assumptions),
        }
        for link in fw.links
    ]


def _box_finder(fw: Framework) -> tuple[dict[str, str], set[str]]:
    """Box ids by label or id (any case), and the labels two boxes share (those need the id)."""
    by_label: dict[str, str] = {}
    shared: set[str] = set()
    for n in fw.nodes:
        k = _key(n.label)
        if k in by_label:
            shared.add(k)
        by_label[k] = n.id
    by_label.update({_key(n.id): n.id for n in fw.nodes})
    return by_label, shared - {_key(n.id) for n in fw.nodes}


def apply_links(fw: Framework, change: GridChange) -> Framework:
    """The framework with the link grid's change made, checked as one; every problem at its row and column."""
    change = as_pasted(change, LINK_COLUMNS, len(fw.links))
    rows = _Rows(len(fw.links), change)
    boxes, shared = _box_finder(fw)
    rank = fw.node_rank
    problems: list[Problem] = []
    kept: list[tuple[int, Link]] = []  # (row, link)
    new_rows: set[int] = set()

    def box(row: int, column: str, value: Any) -> str | None:
        text = _text(value)
        if not text:
            problems.append(_problem(row, column, "name a box"))
            return None
        if _key(text) in shared:
            problems.append(_problem(row, column, f"two boxes are called {quoted(text)}: use the box's id"))
            return None
        found = boxes.get(_key(text))
        if found is None:
            problems.append(_problem(row, column, f"no box called {quoted(text)}"))
        return found

    def link_of(row: int, cells: Mapping[str, Any], start: dict[str, Any]) -> Link | None:
        fields = dict(start)
        ok = True
        for column, value in cells.items():
            name = LINK_FIELDS.get(column)
            if name in ("source", "target"):
                found = box(row, column, value)
                ok = ok and found is not None
                fields[name] = found
            elif name == "strength":
                strength = _text(value).casefold() or "unknown"
                if strength not in STRENGTHS:
                    problems.append(_problem(row, column, f"say {', '.join(STRENGTHS)}, not {quoted(_text(value))}"))
                    ok = False
                fields[name] = strength
            elif name == "assumptions":
                fields[name] = _names(value)
            elif name == "rationale":
                fields[name] = _text(value) or None
        if not ok:
            return None
        try:
            return Link.model_validate(fields)
        except ValidationError as exc:
            problems.extend(_field_problems(row, exc, LINK_FIELDS))
            return None

    deleted = set(change.deleted)
    for i, link in enumerate(fw.links):
        if i in deleted:
            continue
        cells = change.edited.get(i)
        if not cells:
            kept.append((rows.of(i), link))
            continue
        made = link_of(rows.of(i), cells, link.model_dump(exclude_unset=False))
        if made is not None:
            kept.append((rows.of(i), made))
            new_rows.add(rows.of(i))
    for i, cells in enumerate(change.added):
        if not any(_text(v) for v in cells.values()):
            continue
        row = rows.added(i)
        made = link_of(row, {"From": cells.get("From"), "Leads to": cells.get("Leads to"), **cells}, {})
        if made is not None:
            kept.append((row, made))
            new_rows.add(row)
    seen = {(link.source, link.target): row for row, link in kept if row not in new_rows}
    for row, link in kept:
        if row not in new_rows:
            continue
        source, target = link.source, link.target
        refusal = link_refusal(rank, source, target, seen)  # loops: over the whole batch, below
        new = _new_link(fw, row - 1, source, target)
        if refusal == "exists":
            parts: tuple[Part, ...] = (
                _box(fw, source),
                " → ",
                _box(fw, target),
                f" is already row {seen[(source, target)]}",
            )
            problems.append(Problem.worded(f"Row {row}, Leads to", *parts, where=new))
        elif refusal is not None:
            problems.append(
                Problem.worded(f"Row {row}, Leads to", *new_link_words(fw, refusal, source, target), where=new)
            )
        seen.setdefault((source, target), row)
    if not problems:
        problems += _loops(fw, kept, new_rows)
    if problems:
        raise FrameworkError(problems)
    return replace_parts(fw, links=[link for _, link in kept])


def _box(fw: Framework, node_id: str) -> Box:
    return Box(node_id, fw.node_by_id[node_id].label)


def _new_link(fw: Framework, index: int, source: str, target: str) -> Where:
    """A link the batch would add, at ``index`` in the framework's links."""
    return Where("new link", index, (_box(fw, source), _box(fw, target)))


def _loops(fw: Framework, kept: list[tuple[int, Link]], new_rows: set[int]) -> list[Problem]:
    """A loop the batch would make, at a row of the batch that closes it."""
    rows = {(link.source, link.target): row for row, link in kept}
    cycle = find_loop(rows)
    if not cycle:
        return []
    row, (source, target) = min(
        ((rows[pair], pair) for pair in cycle if rows[pair] in new_rows), default=(rows[cycle[0]], cycle[0])
    )
    return [
        Problem.worded(
            f"Row {row}, Leads to",
            "the links would make a loop: ",
            *loop_route(fw, [s for s, _ in cycle]),
            where=_new_link(fw, row - 1, source, target),
        )
    ]


def link_to(fw: Framework, source: str, targets: Iterable[str]) -> Framework:
    """``source`` leads to exactly ``targets``: links added to the new ones and removed from the others, in one
    checked step (the links kept keep their rationale, assumptions and strength).

    >>> from logicmodel.editing.edit import add_node, new_framework
    >>> fw = new_framework("T")
    >>> for i, level in enumerate(["activity", "intermediate", "strategic"]):
    ...     fw = add_node(fw, {"id": f"b{i}", "level": level, "label": f"Box {i}"})
    >>> link_to(fw, "b0", ["b1", "b2"]).link_pairs
    [('b0', 'b1'), ('b0', 'b2')]
    """
    wanted = list(dict.fromkeys(targets))
    nodes = fw.node_by_id
    if source not in nodes:
        raise FrameworkError([Problem.about("", "no box has the id ", Box(source))])
    have = {link.target for link in fw.links if link.source == source}
    links = [link for link in fw.links if link.source != source or link.target in wanted]
    added = [Link(source=source, target=t) for t in wanted if t not in have]
    problems = [  # each as adding the one link would say it, naming its boxes; links from the box removed
        # cannot open a loop's way back to it, so each is judged against the framework as it is
        Problem.about("", "no box has the id ", Box(link.target))
        if link.target not in nodes
        else new_link_problem(fw, source, link.target)
        for link in added
    ]
    if any(problems):
        raise FrameworkError([p for p in problems if p is not None])
    return replace_parts(fw, links=[*links, *added])


# --- two levels at a time ------------------------------------------------------------------------


@dataclass(frozen=True)
class LevelPair:
    """The links between the boxes of two levels as a grid of ticks: a row a box of ``source`` level, a column
    a box of ``target`` level, ticked where a link exists. ``refused`` holds the cells the rules do not allow
    (not ticked today), each with the reason, as the single-link form gives it."""

    source: str
    target: str
    rows: tuple[str, ...]
    columns: tuple[str, ...]
    linked: frozenset[tuple[str, str]]
    refused: Mapping[tuple[str, str], str]

    def in_short(self, cell: tuple[str, str]) -> str:
        """Why a refused cell cannot be ticked, in two words to show at the cell itself (``refused`` says it in
        full). Only links within one level are refused: the box itself, or a box that already leads back to it.

        >>> LevelPair("a", "a", ("x", "y"), ("x", "y"), frozenset(), {}).in_short(("x", "x"))
        'same box'
        """
        return "same box" if cell[0] == cell[1] else "makes a loop"


def level_pair(fw: Framework, source: str, target: str) -> LevelPair:
    """The grid of ticks between level ``source`` (rows) and level ``target`` (columns), boxes in the
    framework's order. ``target`` may be ``source`` itself (links within a level) but not an earlier level.

    >>> from logicmodel.editing.edit import add_node, new_framework
    >>> fw = new_framework("T")
    >>> for i, level in enumerate(["activity", "activity", "output"]):
    ...     fw = add_node(fw, {"id": f"b{i}", "level": level, "label": f"Box {i}"})
    >>> pair = level_pair(link_to(fw, "b0", ["b2"]), "activity", "output")
    >>> pair.rows, pair.columns, sorted(pair.linked), dict(pair.refused)
    (('b0', 'b1'), ('b2',), [('b0', 'b2')], {})
    """
    rank = fw.level_rank
    for level in (source, target):
        if level not in rank:
            raise FrameworkError([Problem("", f"no level has the id '{level}'")])
    if rank[target] < rank[source]:
        raise FrameworkError(
            [
                Problem(
                    "",
                    f"{fw.level_label(target)} comes before {fw.level_label(source)}: {EARLIER_TO_LATER}",
                )
            ]
        )
    rows = tuple(n.id for n in fw.nodes if n.level == source)
    columns = tuple(n.id for n in fw.nodes if n.level == target)
    wanted = set(columns)
    linked = frozenset(p for p in fw.link_pairs if p[1] in wanted and fw.node_by_id[p[0]].level == source)
    refused: dict[tuple[str, str], str] = {}
    if source == target:  # between two levels every cell is allowed: a loop needs links within one level
        for row in rows:
            for column, reason in unavailable_targets(fw, row):
                if column in wanted and (row, column) not in linked:
                    refused[(row, column)] = reason
    return LevelPair(source, target, rows, columns, linked, refused)


def link_level_pair(fw: Framework, source: str, target: str, ticked: Iterable[tuple[str, str]]) -> Framework:
    """The links from the boxes of level ``source`` to those of level ``target`` become exactly ``ticked``:
    links added where a cell is newly ticked, removed where one is unticked, the rest kept with their rationale,
    assumptions, strength and evidence. One checked batch: applied whole, or refused whole with every problem
    at its row and column, named by the boxes' labels.

    >>> from logicmodel.editing.edit import add_node, new_framework
    >>> fw = new_framework("T")
    >>> for i in range(3):
    ...     fw = add_node(fw, {"id": f"b{i}", "level": "intermediate", "label": f"Box {i}"})
    >>> link_level_pair(fw, "intermediate", "intermediate", [("b0", "b1"), ("b1", "b2")]).link_pairs
    [('b0', 'b1'), ('b1', 'b2')]
    >>> try:
    ...     link_level_pair(fw, "intermediate", "intermediate", [("b0", "b1"), ("b1", "b0")])
    ... except FrameworkError as err:
    ...     print(err.problems[0])
    Row 'Box 0', column 'Box 1': the links would make a loop: 'Box 0' → 'Box 1' → 'Box 0'
    """
    pair = level_pair(fw, source, target)
    label = {n.id: n.label for n in fw.nodes}
    rows, columns = set(pair.rows), set(pair.columns)
    wanted = list(dict.fromkeys(ticked))
    problems: list[Problem] = []

    def at(cell: tuple[str, str]) -> str:
        return f"Row {quoted(label.get(cell[0], cell[0]))}, column {quoted(label.get(cell[1], cell[1]))}"

    for cell in wanted:
        if cell[0] not in rows:
            problems.append(
                Problem(at(cell), f"{quoted(label.get(cell[0], cell[0]))} is not at {fw.level_label(source)}")
            )
        elif cell[1] not in columns:
            problems.append(
                Problem(at(cell), f"{quoted(label.get(cell[1], cell[1]))} is not at {fw.level_label(target)}")
            )
        elif cell not in pair.linked and cell in pair.refused:
            refusal = new_link_refusal(fw, *cell)
            if refusal is not None:
                words = target_words(fw, refusal, *cell)
                problems.append(Problem.worded(at(cell), *words, where=_new_link(fw, len(fw.links), *cell)))
    if problems:
        raise FrameworkError(problems)
    keep = set(wanted)
    links = [
        link for link in fw.links if (link.source, link.target) not in pair.linked or (link.source, link.target) in keep
    ]
    added = [Link(source=s, target=t) for s, t in wanted if (s, t) not in pair.linked]
    if source == target and added:
        cycle = find_loop((link.source, link.target) for link in [*links, *added])
        if cycle:
            new = {(link.source, link.target) for link in added}
            cell = next(edge for edge in cycle if edge in new)
            route = loop_route(fw, [s for s, _ in cycle])
            where = _new_link(fw, len(links) + [(k.source, k.target) for k in added].index(cell), *cell)
            raise FrameworkError([Problem.worded(at(cell), "the links would make a loop: ", *route, where=where)])
    return replace_parts(fw, links=[*links, *added])


def what_changed(change: GridChange, one: str, many: str) -> str:
    """A batch in a few words, for the message and the saved version's summary.

    >>> what_changed(GridChange(edited={0: {"Box": "Walks"}}, added=[{"Box": "Swims"}] * 3), "box", "boxes")
    'Grid: 3 boxes added, 1 changed.'
    """
    added = sum(1 for row in change.added if any(_text(v) for v in row.values()))
    counts = [
        (n, what)
        for n, what in ((added, "added"), (len(change.edited), "changed"), (len(change.deleted), "deleted"))
        if n
    ]
    if not counts:
        return "Grid: nothing changed."
    (first, what), rest = counts[0], counts[1:]
    return f"Grid: {first} {one if first == 1 else many} {what}" + "".join(f", {n} {w}" for n, w in rest) + "."
