"""Building a framework document from another tool's parts: levels from its names, ids from labels, links
by id or label, and the one check every import ends in.

Spreadsheets, Kumu, yEd and Mermaid name a box's level in their own words ("Activities", "stage: input",
a Kumu element type, a yEd group). A name that is one of the usual levels (by id or label, any case) is that
level; any other name becomes a level of its own, labelled as written, holding what its words say
(``logicmodel.core.level_names.level_meaning``: "Long-term goals" and "Vision" hold outcomes, "Strategies"
activities). Levels whose names say where they come are in that order (inputs, activities, outputs,
short-term, intermediate and long-term outcomes, impact, goal, mission, vision); the others keep the file's
own order (a chart's subgraphs as drawn, else first appearance), then move to where the most links run
forwards (``settle_levels``). Only those others are asked about (``names_to_ask``). A level map
(``Reading.level_map``) says instead which level each name is.

>>> levels, level_of = resolve_levels(["Outcomes", "activity", "Outputs"])
>>> [level["id"] for level in levels], level_of["Outcomes"]
(['activity', 'output', 'outcomes'], 'outcomes')
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from typing import Any

from logicmodel.core.errors import Box, FrameworkError, Problem, quoted
from logicmodel.core.ids import Taken, new_id
from logicmodel.core.level_names import LevelNames, level_meaning, name_key
from logicmodel.core.limits import MAX_LEVELS, MAX_PROBLEMS
from logicmodel.core.models import DEFAULT_LEVELS, FORMAT_VERSION, Framework, Level, level_kinds
from logicmodel.core.places import Document, place, place_in_file
from logicmodel.core.readwrite import from_data
from logicmodel.core.rules import find_loop as find_links_loop
from logicmodel.core.rules import loop_of

__all__ = [
    "Document",
    "all_problems",
    "count_problem",
    "document",
    "find_loop",
    "finish",
    "known_level",
    "level_rank",
    "loop_problem",
    "names_to_ask",
    "parse_level_map",
    "place",
    "placed",
    "resolve_levels",
    "settle_levels",
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


def known_level(name: str) -> bool:
    """Whether a level name says what the level is: one of the usual levels, or a name whose words mean a kind
    ("Long-term goals", "Impacts", "Purpose"). Only the others are asked about.

    >>> known_level("Vision"), known_level("Intermediate outcomes"), known_level("Schlüsselfaktor")
    (True, True, False)
    """
    return _default_level(name) is not None or level_meaning(name) is not None


def names_to_ask(doc: object) -> list[str]:
    """The labels of a parsed file's own levels whose names say nothing known (``known_level``): the only ones
    the app asks about, and the command line names, for a level map."""
    if getattr(doc, "own_levels", False):  # our own workbook's Levels sheet: its names are its levels
        return []
    levels = doc.get("levels") if isinstance(doc, dict) else None
    if not isinstance(levels, list):
        return []
    labels = [str(level.get("label")) for level in levels if isinstance(level, dict) and level.get("label")]
    return [label for label in labels if not known_level(label)]


def level_rank(name: str) -> int | None:
    """Where a level of this name comes (``level_meaning``'s rank; the usual levels by their meaning too)."""
    meaning = level_meaning(name)
    if meaning is not None:
        return meaning.rank
    default = _default_level(name)
    return None if default is None else {"activity": 1, "output": 2, "intermediate": 4, "strategic": 5}[default["id"]]


def resolve_levels(
    names: Iterable[str], level_map: Sequence[tuple[str, str]] = (), order: Sequence[str] | None = None
) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """The levels for the level names a file uses (in the order it first uses them), and each name's level id.

    A name is matched by its meaning (``level_meaning``: "long-term outcomes", "Impacts", "Goal", "Purpose"),
    and levels whose names say where they come are put in that order. Names that say nothing known keep their
    place in ``order`` (the file's own order of them, e.g. a chart's subgraphs in its direction; first
    appearance when not given), read the way the known names run. Names differing only in case, spacing or a
    plural are one level. With a level map, each name is the level it maps to (a name it leaves out stays a name
    of its own).

    >>> levels, _ = resolve_levels(["Vision", "Outcomes", "Outputs", "Activities"])
    >>> [level["label"] for level in levels]
    ['Activities', 'Outputs', 'Outcomes', 'Vision']
    >>> levels, _ = resolve_levels(["Impact", "Problem", "Outputs", "Activities"])
    >>> [level["label"] for level in levels]
    ['Activities', 'Outputs', 'Problem', 'Impact']
    """
    mapping = {name_key(name): level for name, level in level_map}
    seen: dict[str, None] = {}
    for name in names:
        seen.setdefault(name)
    targets: dict[str, str] = {}  # a target's key, and the target as first written
    level_of: dict[str, str] = {}
    for name in seen:
        target = mapping.get(name_key(name), name)
        key = name_key(target) or target
        targets.setdefault(key, target)
        level_of[name] = key
    levels: list[dict[str, Any]] = []
    ids: dict[str, str] = {}
    taken: set[str] = Taken()
    for key, target in targets.items():
        level = _default_level(target)
        if level is None:
            level = {"id": new_id(target, taken, "level"), "label": target.strip()}
        elif level["id"] in taken:
            ids[key] = level["id"]
            continue
        taken.add(level["id"])
        ids[key] = level["id"]
        levels.append(level)
    levels = _in_order(levels, order, {name: ids[level_of[name]] for name in seen})
    return levels, {name: ids[key] for name, key in level_of.items()}


def _in_order(levels: list[dict[str, Any]], order: Sequence[str] | None, id_of: dict[str, str]) -> list[dict[str, Any]]:
    """Levels in the order their names' meanings give, the others where the file's own order has them."""
    by_id = {level["id"]: level for level in levels}
    hinted: list[str] = []
    for name in order or ():
        level_id = id_of.get(name)
        if level_id is not None and level_id not in hinted:
            hinted.append(level_id)
    hinted += [level["id"] for level in levels if level["id"] not in hinted]
    ranks = {level_id: level_rank(by_id[level_id]["label"]) for level_id in hinted}
    known = [ranks[i] for i in hinted if ranks[i] is not None]
    rising = sum(1 for a, b in itertools.combinations(known, 2) if a < b)
    falling = sum(1 for a, b in itertools.combinations(known, 2) if a > b)
    if falling > rising:  # the file lists them from the end (a vision first): read its order the other way
        hinted.reverse()
    known_in_order = iter(sorted((i for i in hinted if ranks[i] is not None), key=lambda i: ranks[i]))
    return [by_id[next(known_in_order) if ranks[i] is not None else i] for i in hinted]


def settle_levels(doc: dict[str, Any]) -> None:
    """Put a document's levels whose names say nothing known where its links run forwards, and say what each
    level holds where its name means more than its id does.

    The levels whose names mean something keep their order; each other level goes where the most links between
    levels run forwards (exactly, over every order, for the dozen levels a framework may have), ties kept in
    the order the file gives. A Kumu map's "Problem" and "Schlüsselfaktor" then come before what they lead to,
    and its links are kept. A level named "Long-term goals" holds outcomes, never activities.
    """
    levels = doc.get("levels")
    if not isinstance(levels, list) or not levels or len(levels) > MAX_LEVELS:
        return
    ranks = [level_rank(str(level.get("label", ""))) for level in levels]
    if any(rank is None for rank in ranks) and len(levels) > 1:
        doc["levels"] = levels = _by_links(doc, levels, ranks)
    meant = {i: m.kind for i, level in enumerate(levels) if (m := level_meaning(str(level.get("label", ""))))}
    for _ in levels:  # a kind said can change what the others are taken to hold: until none differs
        as_read = [
            Level.model_construct(id=str(level.get("id")), label=str(level.get("label")), kind=level.get("kind"))
            for level in levels
        ]
        kinds = level_kinds(as_read)
        wrong = [i for i, kind in meant.items() if "kind" not in levels[i] and kinds[as_read[i].id] != kind]
        if not wrong:
            break
        levels[wrong[0]]["kind"] = meant[wrong[0]]


def _by_links(doc: dict[str, Any], levels: list[dict[str, Any]], ranks: list[int | None]) -> list[dict[str, Any]]:
    """The order of ``levels`` that keeps the most links running forwards, the known ones in their order."""
    n = len(levels)
    index = {level["id"]: i for i, level in enumerate(levels)}
    level_of = {
        node.get("id"): index.get(node.get("level"))
        for node in doc.get("nodes", [])
        if isinstance(node, dict) and node.get("level") in index
    }
    forward = [[0] * n for _ in range(n)]
    for link in doc.get("links", []):
        if not isinstance(link, dict):
            continue
        a, b = level_of.get(link.get("source")), level_of.get(link.get("target"))
        if a is not None and b is not None and a != b:
            forward[a][b] += 1
    if not any(map(any, forward)):
        return levels
    big = n * n + 1  # a link kept counts more than every tie broken by the file's order
    gain = [[forward[a][b] * big + (1 if a < b else 0) for b in range(n)] for a in range(n)]
    must_follow = [
        sum(1 << a for a in range(n) if ranks[a] is not None and ranks[b] is not None and ranks[a] < ranks[b])
        for b in range(n)
    ]
    into = [[0] * n]  # into[placed][b]: what placing b after the levels in ``placed`` gains, set by set
    for placed in range(1, 1 << n):
        low = (placed & -placed).bit_length() - 1
        before = into[placed & (placed - 1)]
        into.append([before[b] + gain[low][b] for b in range(n)])
    best: dict[int, tuple[int, tuple[int, ...]]] = {0: (0, ())}
    for placed in sorted(range(1 << n), key=int.bit_count):  # each set after every set inside it
        if placed not in best:
            continue
        score, order = best[placed]
        for b in range(n):
            if placed >> b & 1 or must_follow[b] & ~placed:
                continue
            add = score + into[placed][b]
            after = placed | 1 << b
            if after not in best or best[after][0] < add:
                best[after] = (add, (*order, b))
    return [levels[i] for i in best[(1 << n) - 1][1]]


def some_labels(labels: Sequence[str], shown: int = 5) -> str:
    """A few labels, quoted, and how many more: a message stays one line.

    >>> some_labels(["A", "B", "C"], 2)
    "'A', 'B' and 1 more"
    """
    more = f" and {len(labels) - shown} more" if len(labels) > shown else ""
    return ", ".join(quoted(label) for label in labels[:shown]) + more


def placed(data: dict[str, Any], problems: list[Problem]) -> list[Problem]:
    """Problems told by where they are in the other tool's file; one unknown field named once, with a count."""
    out: list[Problem] = []
    unknown: dict[str, list[Problem]] = {}
    for problem in problems:
        if problem.message.startswith("unknown field"):
            unknown.setdefault(problem.message, []).append(problem)
            continue
        message, where = problem.message, problem.where
        if problem.parts and where is not None and where.kind == "link" and not where.field:
            message = problem.words()  # a link to itself, backwards, repeated or in a loop: its boxes by label
        found = place_in_file(data, problem.path) if problem.path else ""
        out.append(Problem(problem.path, message, problem.parts, where, found))
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
    """A framework document (plain data, as in a framework file) of these parts, its levels settled
    (``settle_levels``: in the order that keeps links forwards, each holding what its name says)."""
    meta = {"title": title} | {key: value for key, value in details.items() if value not in (None, "", ())}
    data: dict[str, Any] = Document({"schema_version": FORMAT_VERSION, "meta": meta})
    if levels and levels != [level.model_dump(exclude_defaults=True) for level in DEFAULT_LEVELS]:
        data["levels"] = levels
    data["nodes"] = nodes
    data["links"] = links
    settle_levels(data)
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
    cycle = find_links_loop(pairs)
    return [source for source, _ in cycle] if cycle else None


def loop_problem(data: dict[str, Any], loop: list[str]) -> Problem:
    """A loop named by its boxes' labels: 'More walking' -> 'Better mood' -> 'More walking'."""
    labels = {
        node.get("id"): node.get("label")
        for node in data.get("nodes", [])
        if isinstance(node, dict) and isinstance(node.get("label"), str)
    }
    route = loop_of([Box(box_id, str(labels.get(box_id) or "")) for box_id in loop], " -> ")
    return Problem.worded(
        "", "the links make a loop, which a logic model cannot have: ", *route, "; leave out one of its links"
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
    problems = [*getattr(data, "left_out", ()), *getattr(data, "kept", ())]
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
    from logicmodel.editing.repair import repair

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
    """A cell's text as written before ``logicmodel.core.spreadsheet.safe_cell`` guarded it: "'=x" is "=x".

    >>> unquote_cell("'=1+1"), unquote_cell("'tis"), unquote_cell("''quoted")
    ('=1+1', "'tis", "'quoted")
    """
    if value.startswith("'") and value[1:2] and value[1] in "=+-@\t\r'":
        return value[1:]
    return value


def quote_cell(value: object) -> object:
    """A value for a spreadsheet cell: text a spreadsheet would run as a formula, or that starts with a quote,
    behind a single quote (``unquote_cell`` takes it off again)."""
    from logicmodel.core.spreadsheet import safe_cell

    if isinstance(value, str) and value.startswith("'"):
        return "'" + value
    return safe_cell(value)
