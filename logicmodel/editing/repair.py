"""Open a framework file that fails the checks, without what is wrong, listing every part left out or changed.

A repair never guesses silently: each box, link, field, level or stakeholder it leaves out (or changes, such
as a missing title) is a ``Change`` saying where it was and why. A loop of links is broken by leaving out the
fewest links that break it (exactly, for the loops people draw; for a tangle of more than
``EXACT_LOOP_LINKS`` links, or once ``EXACT_TRIALS`` tries are spent, one link a loop until none is left),
each named by its boxes' labels. A repair stops as soon as it has more than ``MAX_CHANGES`` changes.

>>> fw, changes = repair({"schema_version": 1, "meta": {"title": "T", "notes": "x"},
...     "nodes": [{"id": "a", "level": "activity", "label": "Walks"}],
...     "links": [{"source": "a", "target": "b"}]})
>>> for change in changes:
...     print(change)
meta.notes: left out the unknown field 'notes'
links[0]: left out the link from 'Walks' to 'b': no box has the id 'b'
>>> summary(changes)
"1 link to a missing box and the unknown field 'notes' will be left out"
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

import networkx as nx
from pydantic import BaseModel, ValidationError

from logicmodel.core.errors import FrameworkError, Problem, format_path, quoted, validation_problem
from logicmodel.core.fields import part_model
from logicmodel.core.limits import MAX_CHANGES, MAX_LEVELS, MAX_LINKS, MAX_NODES, MAX_STAKEHOLDERS
from logicmodel.core.migrate import migrate
from logicmodel.core.models import FORMAT_VERSION, Framework, Level, Link, Meta, Node, Stakeholder
from logicmodel.core.places import place, place_in_file
from logicmodel.core.readwrite import from_data
from logicmodel.core.rules import link_refusal
from logicmodel.core.wording import path_words

__all__ = ["EXACT_LOOP_LINKS", "MAX_CHANGES", "Change", "change_line", "repair", "summary"]

EXACT_LOOP_LINKS = 14
"""A loop (strongly connected part) of at most this many links is broken by the fewest links, found exactly."""

EXACT_TRIALS = 20_000
"""Most sets of links tried, over all the loops of one file, when looking for the fewest that break each: a
file of thousands of tangled loops is then repaired one link a loop, in bounded time."""


_LEFT_OUT = {
    "itself": "a box cannot link to itself",
    "backwards": "it goes backwards, to an earlier level",
    "exists": "the same link is there already",
}
"""Why a repair leaves a link out, by the rule it breaks (``logicmodel.core.rules.link_refusal``)."""


@dataclass(frozen=True)
class Change:
    """One part left out or changed by a repair: where it was, what, and why (``kind`` groups them)."""

    where: str
    what: str
    kind: str
    """``field``, ``box``, ``link``, ``loop``, ``level``, ``stakeholder``, ``step`` (of a story), ``part`` (of
    another tool's file) or ``changed``."""
    path: str = ""
    """Where it was in the framework document (``links[0]``), for the screen to say in its own words."""
    place: str = ""
    """Where it was in the other tool's file, as a person finds it there ("row 5"); "" when unknown."""

    def __str__(self) -> str:
        return f"{self.where}: {self.what}" if self.where else self.what


def change_line(change: Change) -> str:
    """One part a repair leaves out or changes, in the user's words: where it was, then what (beside the
    ``Change`` it words, so that the core's wording need not know what a repair is).

    >>> change_line(Change("row 5 (links[0])", "left out a link to 'x'", "link", "links[0]", "row 5"))
    "row 5: left out a link to 'x'"
    >>> change_line(Change("connections[1]", "left out the mutual connection", "part", "connections[1]"))
    'connection 2: left out the mutual connection'
    """
    at = change.place or path_words(change.path) or change.where
    return f"{at}: {change.what}" if at else change.what


def repair(data: Any) -> tuple[Framework, list[Change]]:
    """The framework in a parsed file, without what fails the checks, and every change made; or
    ``FrameworkError`` when nothing usable is left (not a framework at all)."""
    if not isinstance(data, dict):
        raise FrameworkError([Problem("", "not a framework: the file should hold a JSON object")])
    changes = [Change(p.path, f"left out {p.message}", "part", p.path) for p in getattr(data, "left_out", [])]
    changes += [Change(p.path, p.message, "changed", p.path) for p in getattr(data, "kept", [])]
    doc = _Doc(data, changes)
    try:
        fixed = doc.mend(dict(migrate(data)))  # parts are copied as they are mended; the file's data is not changed
    except _TooMuch:
        raise FrameworkError(
            [Problem("", f"too much is wrong to repair: more than {MAX_CHANGES:,} parts would be left out")]
        ) from None
    try:
        fw = from_data(fixed)
    except FrameworkError as exc:  # a case the repair does not know: say so rather than pretend
        raise FrameworkError([Problem("", "could not be repaired:"), *exc.problems]) from None
    if not fw.nodes and any(change.kind in ("box", "part") for change in changes):
        raise FrameworkError(_nothing_left(changes))
    return fw, changes


def _nothing_left(changes: list[Change]) -> list[Problem]:
    """Why a repair that would leave no box at all is refused: what it would leave out, the first few named."""
    left = [change for change in changes if change.kind in ("box", "part")]
    shown = [Problem(change.path, change.what.removeprefix("left out "), place=change.place) for change in left[:5]]
    more = [Problem("", f"... and {len(left) - 5} more")] if len(left) > 5 else []
    return [Problem("", "nothing would be left to open: every box would be left out, because of"), *shown, *more]


def summary(changes: list[Change]) -> str:
    """One sentence for the app's button: what will be left out, counted by kind.

    >>> summary([Change("links[0]", "left out ... no box has the id 'b'", "link")] * 2)
    '2 links to missing boxes will be left out'
    """
    parts: list[str] = []
    missing = sum(1 for c in changes if c.kind == "link" and "no box has the id" in c.what)
    backwards = sum(1 for c in changes if c.kind == "link" and "goes backwards" in c.what)
    other_links = sum(1 for c in changes if c.kind == "link") - missing - backwards
    loops = sum(1 for c in changes if c.kind == "loop")
    fields = sorted({c.what.split("unknown field ", 1)[1] for c in changes if "unknown field" in c.what})
    fields += sorted(
        {c.what.split("the field ", 1)[1].split(" (", 1)[0].split(":", 1)[0] for c in changes if "the field " in c.what}
        - set(fields)
    )
    counted = {
        "box": ("box", "boxes"),
        "level": ("level", "levels"),
        "stakeholder": ("stakeholder", "stakeholders"),
        "step": ("story step", "story steps"),
        "part": ("part of the file", "parts of the file"),
    }
    if missing:
        parts.append(f"{missing} link{'s' * (missing != 1)} to {'a missing box' if missing == 1 else 'missing boxes'}")
    if backwards:
        parts.append(f"{backwards} link{'s' * (backwards != 1)} running backwards")
    if other_links:
        parts.append(f"{other_links} other link{'s' * (other_links != 1)}")
    if loops:
        parts.append(f"{loops} link{'s' * (loops != 1)} that made loops")
    for kind, (one, many) in counted.items():
        n = sum(1 for c in changes if c.kind == kind and "the field " not in c.what)
        if n:
            parts.append(f"{n} {one if n == 1 else many}")
    if fields:
        parts.append(("the unknown field " if len(fields) == 1 else "the unknown fields ") + ", ".join(fields))
    other_fields = sum(1 for c in changes if c.kind == "field" and "unknown field" not in c.what)
    if other_fields:
        parts.append(f"{other_fields} field{'s' * (other_fields != 1)} that could not be read")
    changed = sum(1 for c in changes if c.kind == "changed")
    text = " and ".join([", ".join(parts[:-1]), parts[-1]] if len(parts) > 1 else parts) if parts else ""
    text = f"{text} will be left out" if text else ""
    if changed:
        text = (text + "; " if text else "") + f"{changed} value{'s' * (changed != 1)} will be filled in"
    return text or "nothing needs to change"


class _TooMuch(Exception):
    """More than ``MAX_CHANGES`` changes: the repair stops."""


class _Doc:
    """The repair of one document, noting each change where the original file has it."""

    def __init__(self, original: dict[str, Any], changes: list[Change]):
        self.original = original
        self.changes = changes

    def note(self, path: str, what: str, kind: str) -> None:
        if len(self.changes) >= MAX_CHANGES:
            raise _TooMuch
        where, found = (place(self.original, path), place_in_file(self.original, path)) if path else ("", "")
        self.changes.append(Change(where, what, kind, path, found))

    def mend(self, data: dict[str, Any]) -> dict[str, Any]:
        for key in list(data):
            if key not in Framework.model_fields:
                self.note(key, f"left out the unknown field {quoted(key)}", "field")
                del data[key]
        if data.get("schema_version") != FORMAT_VERSION:
            self.note("schema_version", f"set the format version to {FORMAT_VERSION}", "changed")
            data["schema_version"] = FORMAT_VERSION
        meta = dict(data["meta"]) if isinstance(data.get("meta"), dict) else {}
        title = meta.get("title")
        if not isinstance(title, str) or not title.strip():
            self.note("meta.title", "the title was missing: set to 'Untitled framework'", "changed")
            meta["title"] = "Untitled framework"
        data["meta"] = self.entry(meta, Meta, "meta", required=("title",)) or {"title": "Untitled framework"}
        if "levels" in data:
            levels = self.entries(data, "levels", Level, ("id", "label"), "level", MAX_LEVELS)
            levels = self.unique(levels, "levels", "level")
            if levels:
                data["levels"] = levels
            else:
                del data["levels"]
                self.note("levels", "no level could be read: the usual four levels are used", "changed")
        stakeholders = self.unique(
            self.entries(data, "stakeholders", Stakeholder, ("id", "name", "role"), "stakeholder", MAX_STAKEHOLDERS),
            "stakeholders",
            "stakeholder",
        )
        data["stakeholders"] = stakeholders
        level_ids = [lv["id"] for _, lv in data.get("levels", [])] if "levels" in data else None
        if level_ids is None:
            level_ids = [level.id for level in Framework.model_fields["levels"].default]
        if "levels" in data:
            data["levels"] = [lv for _, lv in data["levels"]]
        known_stakeholders = {s["id"] for _, s in stakeholders}
        data["stakeholders"] = [s for _, s in stakeholders]
        if not data["stakeholders"]:
            del data["stakeholders"]
        nodes = self.unique(
            self.entries(data, "nodes", Node, ("id", "level", "label"), "box", MAX_NODES), "nodes", "box"
        )
        kept_nodes = []
        for index, node in nodes:
            if node["level"] not in level_ids:
                self.note(
                    f"nodes[{index}]",
                    f"left out the box {quoted(node['label'])}: its level {quoted(node['level'])} is not one of "
                    f"the levels ({', '.join(level_ids)})",
                    "box",
                )
                continue
            refs = node.get("stakeholders", [])
            for ref in refs:
                if ref not in known_stakeholders:
                    self.note(
                        f"nodes[{index}].stakeholders", f"left out the unknown stakeholder {quoted(ref)}", "field"
                    )
            if refs:
                node["stakeholders"] = [ref for ref in refs if ref in known_stakeholders]
                if not node["stakeholders"]:
                    del node["stakeholders"]
            kept_nodes.append(node)
        data["nodes"] = kept_nodes
        data["links"] = self.links(data, kept_nodes, level_ids)
        if "stories" in data:
            data["stories"] = self.stories(data["stories"], {node["id"]: node for node in kept_nodes})
            if not data["stories"]:
                del data["stories"]
        return data

    def stories(self, stories: Any, nodes: dict[str, dict[str, Any]]) -> list[Any]:
        """The stories with every step's boxes that are left out (or never were) taken off the step; a step
        left with no box is left out, and a story left with no step; each noted. Anything else wrong in a
        story is for the loader to name."""
        if not isinstance(stories, list):
            return stories
        kept_stories = []
        for i, story in enumerate(stories):
            steps = story.get("steps") if isinstance(story, dict) else None
            if not isinstance(steps, list):
                kept_stories.append(story)
                continue
            kept_steps = []
            for j, step in enumerate(steps):
                boxes = step.get("nodes") if isinstance(step, dict) else None
                if not isinstance(boxes, list):
                    kept_steps.append(step)
                    continue
                present = [box for box in boxes if isinstance(box, str) and box in nodes]
                for k, box in enumerate(boxes):
                    if box not in present:
                        self.note(
                            f"stories[{i}].steps[{j}].nodes[{k}]",
                            f"left out the box {quoted(str(box))} from a step of a story: there is no such box",
                            "field",
                        )
                if present:
                    kept_steps.append({**step, "nodes": present})
                elif boxes:
                    what = "left out a step of a story: none of its boxes is left"
                    self.note(f"stories[{i}].steps[{j}]", what, "step")
            if kept_steps:
                kept_stories.append({**story, "steps": kept_steps})
            elif steps:
                title = story.get("title") or story.get("id") or ""
                what = f"left out the story {quoted(str(title))}: none of its steps is left"
                self.note(f"stories[{i}]", what, "step")
        return kept_stories

    def label(self, nodes: dict[str, dict[str, Any]], box_id: str) -> str:
        node = nodes.get(box_id)
        return quoted(node["label"] if node else box_id)

    def links(self, data: dict[str, Any], nodes: list[dict[str, Any]], level_ids: list[str]) -> list[dict[str, Any]]:
        by_id = {node["id"]: node for node in nodes}
        rank = {level: i for i, level in enumerate(level_ids)}
        box_rank = {node["id"]: rank[node["level"]] for node in nodes}
        kept: list[tuple[int, dict[str, Any]]] = []
        seen: set[tuple[str, str]] = set()
        for index, link in self.entries(data, "links", Link, ("source", "target"), "link", MAX_LINKS):
            source, target = link["source"], link["target"]
            what = f"left out the link from {self.label(by_id, source)} to {self.label(by_id, target)}"
            if source not in by_id or target not in by_id:
                missing = source if source not in by_id else target
                self.note(f"links[{index}]", f"{what}: no box has the id {quoted(missing)}", "link")
                continue
            refusal = link_refusal(box_rank, source, target, seen)  # the rules' one rule; loops: below
            if refusal is None:
                seen.add((source, target))
                kept.append((index, link))
            else:
                self.note(f"links[{index}]", f"{what}: {_LEFT_OUT[refusal]}", "link")
        dropped: set[int] = set()
        for index, link in _loop_breakers(kept, MAX_CHANGES - len(self.changes)):
            self.note(
                f"links[{index}]",
                f"left out the link from {self.label(by_id, link['source'])} to {self.label(by_id, link['target'])}"
                ": it made a loop",
                "loop",
            )
            dropped.add(index)
        return [link for index, link in kept if index not in dropped]

    def entries(
        self, data: dict[str, Any], name: str, model: type[BaseModel], required: tuple[str, ...], kind: str, most: int
    ) -> list[tuple[int, dict[str, Any]]]:
        """The entries of one of the framework's lists that can be mended, with their places in the file."""
        value = data.get(name, [])
        if not isinstance(value, list):
            self.note(name, f"left out {name}: it should be a list", kind)
            return []
        if len(value) > most:
            self.note(
                name, f"left out the {len(value) - most:,} {name} after the first {most:,} (the most allowed)", kind
            )
            value = value[:most]
        out = []
        for index, item in enumerate(value):
            mended = self.entry(item, model, f"{name}[{index}]", required, kind)
            if mended is not None:
                out.append((index, mended))
        return out

    def entry(
        self, item: Any, model: type[BaseModel], path: str, required: tuple[str, ...], kind: str = "field"
    ) -> dict[str, Any] | None:
        """One object mended: unknown and unreadable fields left out; None (noted) when a required one is bad."""
        if not isinstance(item, dict):
            self.note(path, f"left out: it should be an object, not {type(item).__name__}", kind)
            return None
        item = _without_unknown(item, model, path, self)
        for _ in range(50):
            try:
                model.model_validate(item)
                return item
            except ValidationError as exc:
                error = exc.errors(include_url=False)[0]
            loc = tuple(error["loc"])
            field = loc[0] if loc else ""
            if not loc or field in required or (error["type"] == "missing" and len(loc) == 1):
                name = item.get("label") or item.get("name") or item.get("id") or ""
                what = f"left out the {kind}{' ' + quoted(str(name)) if isinstance(name, str) and name else ''}"
                where = format_path((*_loc(path), *loc)) if loc else path
                reason = validation_problem(error).message
                self.note(where, f"{what}: {field or 'it'} {reason}", kind)
                return None
            inner = _innermost_entry(item, loc)
            if inner is not None:  # the smallest entry of a list that holds the problem, e.g. one measurement
                container, at, index = inner
                self.note(
                    format_path((*_loc(path), *loc[: at + 1])),
                    f"left out an entry of {loc[at - 1]} that could not be read",
                    "field",
                )
                del container[index]
            else:
                reason = validation_problem(error).message  # the strict reader's words: "at most 5000 characters"
                self.note(format_path((*_loc(path), field)), f"left out {field}: it {reason}", "field")
                del item[field]
        return None


def _innermost_entry(item: dict[str, Any], loc: tuple[Any, ...]) -> tuple[list[Any], int, int] | None:
    """The deepest list entry on the way to a problem at ``loc`` within ``item``: the list, the position of the
    entry's index in ``loc``, and the index; None when the problem is not inside a list.

    >>> _innermost_entry({"indicators": [{"measurements": [{}]}]}, ("indicators", 0, "measurements", 0, "period"))
    ([{}], 3, 0)
    """
    found = None
    value: Any = item
    for at, key in enumerate(loc):
        if isinstance(key, int) and isinstance(value, list) and 0 <= key < len(value):
            found = (value, at, key)
            value = value[key]
        elif isinstance(key, str) and isinstance(value, dict) and key in value:
            value = value[key]
        else:
            break
    return found


def _loc(path: str) -> tuple[str | int, ...]:
    """``nodes[3]`` as ``("nodes", 3)``; ``meta`` as ``("meta",)``."""
    out: list[str | int] = []
    for part in path.replace("]", "").split("."):
        name, *indexes = part.split("[")
        if name:
            out.append(name)
        out.extend(int(i) for i in indexes)
    return tuple(out)


def _without_unknown(item: dict[str, Any], model: type[BaseModel], path: str, doc: _Doc) -> dict[str, Any]:
    out = {}
    for key, value in item.items():
        field = model.model_fields.get(key)
        if field is None:
            doc.note(format_path((*_loc(path), key)), f"left out the unknown field {quoted(key)}", "field")
            continue
        part = part_model(field.annotation)
        if part is not None and isinstance(value, dict):
            value = _without_unknown(value, part, f"{path}.{key}", doc)
        elif part is not None and isinstance(value, list):
            value = [
                _without_unknown(v, part, f"{path}.{key}[{i}]", doc) if isinstance(v, dict) else v
                for i, v in enumerate(value)
            ]
        elif isinstance(value, list):
            value = list(value)  # a copy: entries that cannot be read are deleted from it
        out[key] = value
    return out


def _unique_ids(
    doc: _Doc, entries: list[tuple[int, dict[str, Any]]], name: str, kind: str
) -> list[tuple[int, dict[str, Any]]]:
    seen: set[str] = set()
    out = []
    for index, entry in entries:
        if entry["id"] in seen:
            doc.note(f"{name}[{index}]", f"left out the {kind} {quoted(entry['id'])}: its id is used already", kind)
            continue
        seen.add(entry["id"])
        out.append((index, entry))
    return out


_Doc.unique = lambda self, entries, name, kind: _unique_ids(self, entries, name, kind)  # type: ignore[attr-defined]


def _loop_breakers(links: list[tuple[int, dict[str, Any]]], most: int) -> list[tuple[int, dict[str, Any]]]:
    """The fewest links whose leaving out breaks every loop (exactly, loop by loop, for small ones).

    Stops (``_TooMuch``) as soon as more than ``most`` links are to be left out: the loops after are not solved.
    """
    graph = nx.DiGraph()
    index_of: dict[tuple[str, str], tuple[int, dict[str, Any]]] = {}
    for index, link in links:
        graph.add_edge(link["source"], link["target"])
        index_of[(link["source"], link["target"])] = (index, link)
    out: list[tuple[int, dict[str, Any]]] = []
    trials = 0
    for part in nx.strongly_connected_components(graph):
        if len(part) < 2:
            continue
        inner = graph.subgraph(part).copy()
        edges = sorted(inner.edges, key=lambda e: index_of[e][0], reverse=True)  # later links first, when tied
        chosen: list[tuple[str, str]] | None = None
        if len(edges) <= EXACT_LOOP_LINKS and trials < EXACT_TRIALS:
            for k in range(1, len(edges) + 1):
                for combo in itertools.combinations(edges, k):
                    trials += 1
                    if trials > EXACT_TRIALS:
                        break
                    trial = inner.copy()
                    trial.remove_edges_from(combo)
                    if nx.is_directed_acyclic_graph(trial):
                        chosen = list(combo)
                        break
                if chosen or trials > EXACT_TRIALS:
                    break
        if chosen is None:
            chosen = []
            while True:
                try:
                    cycle = nx.find_cycle(inner)
                except nx.NetworkXNoCycle:
                    break
                edge = max(((u, v) for u, v in cycle), key=lambda e: index_of[e][0])
                inner.remove_edge(*edge)
                chosen.append(edge)
                if len(out) + len(chosen) > most:
                    raise _TooMuch
        out.extend(index_of[edge] for edge in chosen)
        if len(out) > most:
            raise _TooMuch
    return sorted(out, key=lambda pair: pair[0])
