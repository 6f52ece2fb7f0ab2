"""Kumu's JSON: ``elements`` (label, type, description, tags) and ``connections`` (from, to, direction), so a
framework opens in Kumu (kumu.io, Import, JSON) and a Kumu map comes in.

Kumu writes two forms and both are read: flat (``{"label": ..., "type": ...}``) and its blueprint form
(``{"_id": "elem-...", "attributes": {"label": ..., "element type": ...}}``). A connection's ``from`` and
``to`` (or, as other tools write them, ``source`` and ``target``) name an element by its id, else by its label.
A connection's label, its type (where Kumu maps keep a polarity, ``++`` or ``+-``), a delay and its description
make the link's rationale. Element types are levels: a type that is one of the usual levels (by id or label) is
that level, any other type a level of its own (``logicmodel.formats.building``), unless a level map says which
level it is (``Reading.level_map``). An element with no type is listed, not guessed; an undirected or mutual
connection is refused (a logic model's links run one way), as is a loop, named by its elements' labels.
"""

from __future__ import annotations

import json
import re
from typing import Any

from logicmodel.core.errors import FrameworkError, Problem, quoted
from logicmodel.core.ids import Taken, new_id
from logicmodel.core.limits import ID_PATTERN, MAX_LINKS, MAX_NODES
from logicmodel.core.models import Framework
from logicmodel.core.readwrite import parse_json
from logicmodel.formats.building import Document, document, finish, resolve_levels
from logicmodel.formats.registry import Choices, Format, Reading

__all__ = ["FORMAT"]


CARRIES = frozenset(
    {
        "levels.label",  # an element's type
        "nodes.id",  # its _id
        "nodes.level",
        "nodes.label",
        "nodes.description",
        "nodes.tags",
        "links.source",
        "links.target",
        "links.rationale",  # a connection's description
    }
)
"""The fields ``_write`` writes: the rest of a framework is left out (``Format.cannot_carry`` says what)."""


def _write(fw: Framework, choices: Choices) -> bytes:
    counts: dict[str, int] = {}
    for node in fw.nodes:
        counts[node.label] = counts.get(node.label, 0) + 1
    unique = {label for label, n in counts.items() if n == 1}
    ids = {node.id for node in fw.nodes}
    elements = []
    rank = fw.level_rank
    for node in sorted(fw.nodes, key=lambda n: rank.get(n.level, 0)):  # types read back as levels in their order
        element: dict[str, Any] = {"_id": node.id, "label": node.label, "type": fw.level_label(node.level)}
        if node.description:
            element["description"] = node.description
        if node.tags:
            element["tags"] = list(node.tags)
        elements.append(element)
    by_id = fw.node_by_id

    def end(box_id: str) -> str:
        label = by_id[box_id].label
        return label if label in unique and label not in ids else box_id

    connections = []
    for link in fw.links:
        connection: dict[str, Any] = {"from": end(link.source), "to": end(link.target), "direction": "directed"}
        if link.rationale:
            connection["description"] = link.rationale
        connections.append(connection)
    data = {"elements": elements, "connections": connections}
    return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


_ELEMENT_READ = {"_id", "id", "attributes", "label", "type", "element type", "description", "tags"}
_CONNECTION_READ = {
    "_id",
    "id",
    "attributes",
    "from",
    "to",
    "direction",
    "reversed",
    "description",
    "label",
    "connection type",
    "type",
    "delayed",
}
_ENDS = (("from", "source"), ("to", "target"))
"""A connection's ends: Kumu's ``from`` and ``to``, else the ``source`` and ``target`` other tools write."""


def _rationale(fields: dict[str, Any]) -> str:
    """What a connection says about itself, as a link's rationale: its label, its type (Kumu maps write the
    polarity there: ``++``, ``+-``), whether it is delayed, then its description.

    >>> _rationale({"label": "[A]", "connection type": "+- ", "description": "More X, less Y."})
    '[A], connection type +-: More X, less Y.'
    >>> _rationale({"connection type": "++", "delayed": True})
    'connection type ++, delayed'
    """
    said = [value.strip() for value in (fields.get("label"),) if isinstance(value, str) and value.strip()]
    kind = fields.get("connection type", fields.get("type"))
    if isinstance(kind, str) and kind.strip():
        said.append(f"connection type {kind.strip()}")
    if fields.get("delayed") is True:
        said.append("delayed")
    description = fields.get("description")
    description = description.strip() if isinstance(description, str) else ""
    head = ", ".join(said)
    return f"{head}: {description}" if head and description else head or description


class _NotRead:
    """Fields of Kumu's that a framework has no place for (its own scores, a connection's type): each named once,
    with how many elements or connections have it, so that nothing is dropped silently."""

    def __init__(self) -> None:
        self.found: dict[tuple[str, str], list[int]] = {}

    def add(self, what: str, index: int, fields: dict[str, Any], read: set[str]) -> None:
        for key, value in fields.items():
            if key not in read and value not in (None, "", [], {}, False):
                self.found.setdefault((what, key), []).append(index)

    def problems(self) -> list[Problem]:
        out = []
        for (what, key), indexes in self.found.items():
            more = f" (and {len(indexes) - 1} more {what})" if len(indexes) > 1 else ""
            member = f".{key}" if key.isprintable() else f"[{json.dumps(key)}]"  # one line, whatever the key holds
            out.append(
                Problem(
                    f"{what}[{indexes[0]}]{member}", f"the field {quoted(key)}{more}: a framework has no place for it"
                )
            )
        return out


def _fields(item: dict[str, Any]) -> dict[str, Any]:
    """An element's or connection's fields, flat or from its blueprint ``attributes``."""
    attributes = item.get("attributes")
    return {**item, **attributes} if isinstance(attributes, dict) else item


def _type(fields: dict[str, Any]) -> str:
    value = fields.get("element type", fields.get("type"))
    return value.strip() if isinstance(value, str) else ""


def _parse(data: bytes, reading: Reading) -> Document:
    parsed = parse_json(data)
    if not isinstance(parsed, dict) or not isinstance(parsed.get("elements"), list):
        raise FrameworkError([Problem("", "not a Kumu map: expected a JSON object with a list of 'elements'")])
    elements = parsed["elements"]
    connections = parsed.get("connections", [])
    if not isinstance(connections, list):
        raise FrameworkError([Problem("connections", "should be a list")])
    if len(elements) > MAX_NODES or len(connections) > MAX_LINKS:
        raise FrameworkError([Problem("", f"too large: at most {MAX_NODES:,} elements and {MAX_LINKS:,} connections")])
    problems: list[Problem] = []
    read: list[tuple[int, dict[str, Any]]] = []
    for index, item in enumerate(elements):
        if not isinstance(item, dict):
            problems.append(Problem(f"elements[{index}]", "should be an object"))
            continue
        read.append((index, _fields(item)))
    levels, level_of = resolve_levels([_type(f) for _, f in read if _type(f)], reading.level_map)
    taken = Taken(str(f.get("_id") or f.get("id")) for _, f in read if f.get("_id") or f.get("id"))
    pattern = re.compile(ID_PATTERN)
    nodes: list[dict[str, Any]] = []
    by_key: dict[str, str] = {}
    doc_places: dict[str, str] = {}
    left_out: list[Problem] = []
    not_read = _NotRead()
    for index, fields in read:
        not_read.add("elements", index, fields, _ELEMENT_READ)
        label = fields.get("label")
        label = label.strip() if isinstance(label, str) else ""
        given = fields.get("_id", fields.get("id"))
        given = str(given) if isinstance(given, (str, int)) and not isinstance(given, bool) else ""
        box_id = given if pattern.match(given) else new_id(label or given, taken)
        kind = _type(fields)
        if not kind:
            left_out.append(
                Problem(f"elements[{index}]", f"the element {quoted(label or given)}: it has no type, so no level")
            )
            continue
        node: dict[str, Any] = {"id": box_id, "level": level_of[kind], "label": label}
        description = fields.get("description")
        if isinstance(description, str) and description.strip():
            node["description"] = description.strip()
        tags = fields.get("tags")
        if isinstance(tags, list) and all(isinstance(t, str) for t in tags) and tags:
            node["tags"] = [t.strip() for t in tags if t.strip()]
        doc_places[f"nodes[{len(nodes)}]"] = f"elements[{index}] {quoted(label or box_id)}"
        nodes.append(node)
        for key in (given, label):
            if key:
                by_key.setdefault(key, box_id)
    links: list[dict[str, Any]] = []
    labels = {n["id"]: n["label"] for n in nodes}
    for index, item in enumerate(connections):
        if not isinstance(item, dict):
            problems.append(Problem(f"connections[{index}]", "should be an object"))
            continue
        fields = _fields(item)
        other_tool = "from" not in fields and "to" not in fields  # ends named 'source' and 'target'
        not_read.add("connections", index, fields, _CONNECTION_READ | ({"source", "target"} if other_tool else set()))
        ends = []
        for kumu_end, other_end in _ENDS:
            value = fields.get(other_end if other_tool else kumu_end)
            value = str(value) if isinstance(value, (str, int)) and not isinstance(value, bool) else ""
            ends.append(by_key.get(value, value if pattern.match(value) else new_id(value, set()) if value else ""))
        source, target = ends
        if item.get("reversed") is True:
            source, target = target, source
        direction = fields.get("direction", "directed")
        where = f"connections[{index}]"
        named = f"{quoted(labels.get(source, source))} and {quoted(labels.get(target, target))}"
        if not source or not target:
            missing = "'from' (or 'source')" if not source else "'to' (or 'target')"
            end = labels.get(source or target, source or target)
            left_out.append(
                Problem(where, f"the connection {'from' if source else 'to'} {quoted(end)}: it has no {missing}")
                if end
                else Problem(where, "a connection with no 'from' and no 'to' (or 'source' and 'target')")
            )
            continue
        if direction in ("undirected", "mutual"):
            left_out.append(Problem(where, f"the {direction} connection between {named}: a link runs one way"))
            continue
        link: dict[str, Any] = {"source": source, "target": target}
        rationale = _rationale(fields)
        if rationale:
            link["rationale"] = rationale
        doc_places[f"links[{len(links)}]"] = f"{where} ({named})"
        links.append(link)
    if problems:
        raise FrameworkError(problems)
    title = (
        parsed.get("name")
        if isinstance(parsed.get("name"), str) and parsed["name"].strip()
        else (reading.title or "Imported from Kumu")
    )
    doc = document(title.strip(), levels, nodes, links)
    doc.places.update(doc_places)
    doc.left_out.extend(left_out + not_read.problems())
    return doc


def _recognise(data: bytes) -> bool:
    """Whether a .json file is a Kumu map rather than a framework file: it lists elements, not nodes."""
    head = data[:4096]
    return b'"elements"' in head and b'"schema_version"' not in head


FORMAT = Format(
    name="kumu",
    extension=".kumu.json",
    media_type="application/json",
    description="a Kumu map (JSON elements and connections), each box an element whose type is its level",
    button="Map for Kumu (JSON)",
    file_name="{title}-kumu",
    write=_write,
    read=lambda data: finish(_parse(data, Reading())),
    parse=_parse,
    reads_levels=True,
    recognise=_recognise,
    carries=CARRIES,
    also_leaves_out=("empty levels",),  # a type is written only on an element
)
