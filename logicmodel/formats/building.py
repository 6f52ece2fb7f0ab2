"""Building a framework document from another tool's parts: levels from its names, ids from labels, links
by id or label, and the one check every import ends in.

Spreadsheets, Kumu, yEd and Mermaid name a box's level in their own words ("Activities", "stage: input",
a Kumu element type, a yEd group). A name that is one of the usual levels (by id or label, any case) is that
level; any other name becomes a level of its own, labelled as written. Levels come in the order the usual
words give (inputs, activities, outputs, outcomes, impact) when every name is one of them, else in the order
the file first names them. A level map (``Reading.level_map``) says instead which level each name is.

>>> levels, level_of = resolve_levels(["Outcomes", "activity", "Outputs"])
>>> [level["id"] for level in levels], level_of["Outcomes"]
(['activity', 'output', 'outcomes'], 'outcomes')
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any

import networkx as nx

from logicmodel.errors import FrameworkError, Problem, quoted
from logicmodel.level_names import LevelNames
from logicmodel.limits import MAX_ID, MAX_LEVELS, MAX_PROBLEMS
from logicmodel.models import DEFAULT_LEVELS, FORMAT_VERSION, Framework
from logicmodel.readwrite import from_data

__all__ = [
    "Document",
    "Taken",
    "all_problems",
    "count_problem",
    "document",
    "find_loop",
    "finish",
    "loop_problem",
    "make_id",
    "parse_level_map",
    "place",
    "placed",
    "resolve_levels",
    "some_labels",
    "usual_rank",
]

_RANKS = (
    (0, ("input", "resource")),
    (1, ("activit",)),
    (2, ("output",)),
    (3, ("short",)),
    (4, ("intermediate", "medium")),
    (5, ("long", "strategic")),
    (6, ("impact", "goal")),
    (4, ("outcome",)),
)
"""Where a level's usual word puts it, checked in this order: 'long-term outcomes' is long before it is an outcome."""


def usual_rank(name: str) -> int | None:
    lowered = name.lower()
    return next((rank for rank, words in _RANKS if any(word in lowered for word in words)), None)


def _default_level(name: str) -> dict[str, Any] | None:
    """The default level ``name`` means, as a person writes it ("Activity", "intermediate outcome"), if any."""
    found = LevelNames.of(DEFAULT_LEVELS).find(name)
    return next((lv.model_dump(exclude_defaults=True) for lv in DEFAULT_LEVELS if lv.id == found), None)


class Taken(set[str]):
    """Ids in use, and for each id made from a label the next number to try after it: the 20,000th box labelled
    "Walks" gets its id ("walks-20000") in one step, not by trying "walks-2" ... "walks-19999" again."""

    def __init__(self, ids: Iterable[str] = ()) -> None:
        super().__init__(ids)
        self.next_number: dict[str, int] = {}


def make_id(text: str, taken: set[str], prefix: str = "box") -> str:
    """A new id made from ``text`` (letters, digits, '-'), not in ``taken``, which it is added to.

    With ``taken`` a ``Taken``, each id costs a step or two however many boxes share a label.

    >>> taken = Taken()
    >>> make_id("Walking for health", taken), make_id("Walking for health", taken), make_id("Über!", taken)
    ('walking-for-health', 'walking-for-health-2', 'uber')
    """
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    base = re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")[: MAX_ID - 6].strip("-") or prefix
    numbers = taken.next_number if isinstance(taken, Taken) else {}
    n = numbers.get(base, 1)
    candidate = base if n == 1 else f"{base}-{n}"
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    numbers[base] = n
    taken.add(candidate)
    return candidate


def count_problem(problems: list[Problem], problem: Problem) -> None:
    """Add ``problem`` to a reader's list, or stop reading with ``FrameworkError`` once it holds
    ``MAX_PROBLEMS``: a file with more wrong cannot be repaired, and listing millions would cost gigabytes."""
    if len(problems) >= MAX_PROBLEMS:
        raise FrameworkError(
            [*problems[:20], Problem("", f"more than {MAX_PROBLEMS:,} problems: too much is wrong to read or repair")]
        )
    problems.append(problem)


def parse_level_map(text: str) -> tuple[tuple[str, str], ...]:
    """``"Problem=strategic, Factor=intermediate"`` as pairs; ``ValueError`` naming a part without '='.

    >>> parse_level_map("Problem=strategic, Schlüsselfaktor = intermediate")
    (('Problem', 'strategic'), ('Schlüsselfaktor', 'intermediate'))
    """
    pairs = []
    for part in text.split(","):
        if not part.strip():
            continue
        name, equals, level = part.partition("=")
        if not equals or not name.strip() or not level.strip():
            raise ValueError(f"{quoted(part.strip())} should be NAME=LEVEL, e.g. Problem=strategic")
        pairs.append((name.strip(), level.strip()))
    return tuple(pairs)


def resolve_levels(
    names: Iterable[str], level_map: Sequence[tuple[str, str]] = ()
) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """The levels for the level names a file uses (in the order it first uses them), and each name's level id.

    With a level map, each name is the level it maps to (a name it leaves out stays a name of its own).
    """
    mapping = {name.strip().lower(): level for name, level in level_map}
    seen: dict[str, None] = {}
    for name in names:
        seen.setdefault(name)
    targets: dict[str, None] = {}
    level_of: dict[str, str] = {}
    for name in seen:
        target = mapping.get(name.strip().lower(), name)
        targets.setdefault(target)
        level_of[name] = target
    levels: list[dict[str, Any]] = []
    ids: dict[str, str] = {}
    taken: set[str] = Taken()
    for target in targets:
        level = _default_level(target)
        if level is None:
            level = {"id": make_id(target, taken, "level"), "label": target.strip()}
        elif level["id"] in taken:
            ids[target] = level["id"]
            continue
        taken.add(level["id"])
        ids[target] = level["id"]
        levels.append(level)
    ranks = [usual_rank(level["label"]) for level in levels]
    if levels and all(rank is not None for rank in ranks):
        levels = [level for _, level in sorted(zip(ranks, levels, strict=True), key=lambda pair: pair[0])]
    return levels, {name: ids[target] for name, target in level_of.items()}


def some_labels(labels: Sequence[str], shown: int = 5) -> str:
    """A few labels, quoted, and how many more: a message stays one line.

    >>> some_labels(["A", "B", "C"], 2)
    "'A', 'B' and 1 more"
    """
    more = f" and {len(labels) - shown} more" if len(labels) > shown else ""
    return ", ".join(quoted(label) for label in labels[:shown]) + more


class Document(dict):  # type: ignore[type-arg]
    """A framework document, with where in the other tool's file each part came from, e.g.
    ``{"nodes[3]": "row 5", "nodes[3].label": "row 5, column B 'title'"}``: problems are told by those places."""

    places: dict[str, str]
    left_out: list[Problem]
    """What of the file the reader could not carry (a column, a sheet, an element without a type): refused,
    unless repaired, when it is listed as left out."""

    own_levels: bool
    """Whether the file defines its levels itself (our workbook's Levels sheet, with ids and labels): then its
    level names are not another tool's words, and nothing is asked about them."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.places = {}
        self.left_out = []
        self.own_levels = False


def place(data: dict[str, Any], path: str) -> str:
    """Where ``path`` (e.g. ``nodes[3].label``) is in the file the document came from, as the command line
    says it: the place in the other tool's file and the path, or the path alone.

    >>> doc = Document(); doc.places["nodes[3]"] = "row 5"
    >>> place(doc, "nodes[3].indicators[0].name"), place(doc, "links[0]")
    ('row 5 (nodes[3].indicators[0].name)', 'links[0]')
    """
    found = place_in_file(data, path)
    return f"{found} ({path})" if found else path


def place_in_file(data: dict[str, Any], path: str) -> str:
    """Where ``path`` is in the other tool's file, as a person finds it there ("row 5"); "" when unknown.

    >>> doc = Document(); doc.places["nodes[3]"] = "row 5"
    >>> place_in_file(doc, "nodes[3].label"), place_in_file(doc, "links[0]")
    ('row 5', '')
    """
    places = getattr(data, "places", None) or {}
    if path in places:
        return places[path]
    head = path
    while head:
        cut = max(head.rfind("."), head.rfind("["))
        if cut <= 0:
            break
        head = head[:cut]
        if head in places:
            return places[head]
    return ""


def placed(data: dict[str, Any], problems: list[Problem]) -> list[Problem]:
    """Problems told by where they are in the other tool's file; one unknown field named once, with a count."""
    out: list[Problem] = []
    unknown: dict[str, list[Problem]] = {}
    labels = {
        node.get("id"): node.get("label")
        for node in data.get("nodes", [])
        if isinstance(node, dict) and isinstance(node.get("label"), str)
    }
    for problem in problems:
        if problem.message.startswith("unknown field"):
            unknown.setdefault(problem.message, []).append(problem)
            continue
        message = problem.message
        if "backwards" in message or "loop" in message or "links to itself" in message:  # boxes by their labels
            message = re.sub(r"'([^']+)'", lambda m: quoted(str(labels.get(m.group(1)) or m.group(1))), message)
        found = place_in_file(data, problem.path) if problem.path else ""
        out.append(Problem(problem.path, message, where=problem.where, place=found))
    for message, found_all in unknown.items():
        more = f" (and in {len(found_all) - 1} more)" if len(found_all) > 1 else ""
        first = found_all[0]
        out.append(Problem(first.path, message + more, where=first.where, place=place_in_file(data, first.path)))
    return out


def document(
    title: str,
    levels: list[dict[str, Any]],
    nodes: list[dict[str, Any]],
    links: list[dict[str, Any]],
    **details: Any,
) -> dict[str, Any]:
    """A framework document (plain data, as in a framework file) of these parts."""
    meta = {"title": title} | {key: value for key, value in details.items() if value not in (None, "", ())}
    data: dict[str, Any] = Document({"schema_version": FORMAT_VERSION, "meta": meta})
    if levels and levels != [level.model_dump(exclude_defaults=True) for level in DEFAULT_LEVELS]:
        data["levels"] = levels
    data["nodes"] = nodes
    data["links"] = links
    return data


def find_loop(data: dict[str, Any]) -> list[str] | None:
    """The ids of the boxes of one loop of links in a framework document (whatever their levels), or None."""
    links = data.get("links")
    if not isinstance(links, list):
        return None
    nodes = data.get("nodes")
    boxes = {
        node["id"]
        for node in (nodes if isinstance(nodes, list) else [])
        if isinstance(node, dict) and isinstance(node.get("id"), str)
    }
    pairs = [  # links to missing boxes are named as such by the loader: a loop is of boxes
        (link["source"], link["target"])
        for link in links
        if isinstance(link, dict)
        and isinstance(link.get("source"), str)
        and isinstance(link.get("target"), str)
        and link["source"] in boxes
        and link["target"] in boxes
    ]
    try:
        cycle = nx.find_cycle(nx.DiGraph(pairs))
    except nx.NetworkXNoCycle:
        return None
    return [source for source, _ in cycle]


def loop_problem(data: dict[str, Any], loop: list[str]) -> Problem:
    """A loop named by its boxes' labels: 'More walking' -> 'Better mood' -> 'More walking'."""
    labels = {
        node.get("id"): node.get("label")
        for node in data.get("nodes", [])
        if isinstance(node, dict) and isinstance(node.get("label"), str)
    }
    names = [quoted(str(labels.get(box_id) or box_id)) for box_id in loop]
    route = " -> ".join([*names, names[0]])
    return Problem(
        "",
        f"the links make a loop, which a logic model cannot have: {route}; leave out one of its links",
    )


def finish(data: dict[str, Any]) -> Framework:
    """The framework in a document made from another format, through the one loader, or ``FrameworkError``.

    A loop is named by its boxes' labels first: a systems map from Kumu or yEd often has one.
    """
    if isinstance(data.get("levels"), list) and len(data["levels"]) > MAX_LEVELS:
        names = [str(level.get("label")) for level in data["levels"]]
        raise FrameworkError(
            [Problem("", f"{len(names)} levels ({some_labels(names)}): a framework has at most {MAX_LEVELS}")]
        )
    problems = list(getattr(data, "left_out", None) or [])
    loop = find_loop(data)
    if loop is not None:
        problems.append(loop_problem(data, loop))
    hidden = 0
    try:
        fw = from_data(data)
    except FrameworkError as exc:
        found = placed(data, exc.found)
        if loop is not None:  # told once, by its boxes' labels
            found = [p for p in found if "loop" not in p.message]
        problems += found
        hidden = exc.hidden
    else:
        if not problems:
            return fw
    raise all_problems(data, problems, hidden)


def all_problems(data: dict[str, Any], problems: list[Problem], hidden: int = 0) -> FrameworkError:
    """The refusal of a document, telling every problem at once: the loader stops at the fields it cannot
    read and checks the links and stories only once they are read, so what a repair would also leave out
    (a link to a deleted box, a story step naming it) is added to the list, and the refusal says whether a
    repair mends it all (``repairable``: "Open anyway", ``--repair``)."""
    from logicmodel.repair import repair

    try:
        _, changes = repair(data)
    except FrameworkError:
        return FrameworkError(problems, hidden)
    named = [p.path for p in problems if p.path]
    loop_told = any("loop" in p.message for p in problems)
    for change in changes:
        path = change.path
        if change.kind == "part" or (change.kind == "loop" and loop_told) or not path:
            continue
        if any(_within(path, n) or _within(n, path) for n in named):  # told already, at it or inside it
            continue
        problems.append(Problem(path, change.what.removeprefix("left out "), place=change.place))
        named.append(path)
    return FrameworkError(problems, hidden, repairable=True)


def _within(path: str, outer: str) -> bool:
    """Whether ``path`` is ``outer`` or a part of it: ``links[0].target`` is within ``links[0]``."""
    return path == outer or path.startswith((outer + ".", outer + "["))


def unquote_cell(value: str) -> str:
    """A cell's text as written before ``logicmodel.spreadsheet.safe_cell`` guarded it: "'=x" is "=x".

    >>> unquote_cell("'=1+1"), unquote_cell("'tis"), unquote_cell("''quoted")
    ('=1+1', "'tis", "'quoted")
    """
    if value.startswith("'") and value[1:2] and value[1] in "=+-@\t\r'":
        return value[1:]
    return value


def quote_cell(value: object) -> object:
    """A value for a spreadsheet cell: text a spreadsheet would run as a formula, or that starts with a quote,
    behind a single quote (``unquote_cell`` takes it off again)."""
    from logicmodel.spreadsheet import safe_cell

    if isinstance(value, str) and value.startswith("'"):
        return "'" + value
    return safe_cell(value)
