"""ToC-Maker's chart (JSON): sections left to right, each a level; nodes with a title and text; each node's
``connections`` to later nodes, with a confidence from 0 to 100, the evidence and the assumptions behind it.

Read: each section is a level, in the chart's order (its columns are one level); a node is a box (its title the
label, its text the description); a connection is a link whose strength is the confidence in ToC-Maker's own
bands (``STRENGTH_BANDS``: drawn solid from 75, dashed from 25, dotted below), whose evidence and assumptions are
kept one item a line (a line longer than an item may be, 300 characters, split at its sentences; a leading
bullet, "-", "•" or "*", taken off). A node without ``connections`` links by its ``connectionIds``, its strength
unknown (the file gives no confidence). Positions, widths, colours, waypoints and text sizes are the drawing, not
the logic, and are not kept; any other field is named once, with a count. Written: the same, so that a
framework opens in ToC-Maker (File, Open JSON) with its links drawn as strong, medium or weak.

>>> from logicmodel.core.samples import find
>>> fw = find("enfield").load()
>>> back = FORMAT.read(FORMAT.write(fw, Choices()))
>>> [n.label for n in back.nodes] == [n.label for n in fw.nodes], len(back.links) == len(fw.links)
(True, True)
"""

from __future__ import annotations

import json
import re
from typing import Any

from logicmodel.core.errors import FrameworkError, Problem, quoted
from logicmodel.core.ids import Taken, new_id
from logicmodel.core.limits import ID_PATTERN, MAX_LABEL, MAX_LINKS, MAX_NODES
from logicmodel.core.models import Framework
from logicmodel.core.readwrite import parse_json
from logicmodel.formats.building import Document, document, finish
from logicmodel.formats.other_tools import NotRead, file_levels, plain, sentences
from logicmodel.formats.registry import Choices, Format, Reading

__all__ = ["CONFIDENCE_OF", "FORMAT", "STRENGTH_BANDS", "strength_of"]

STRENGTH_BANDS = ((75, "strong"), (25, "moderate"), (0, "weak"))
"""ToC-Maker's bands: a connection of confidence 75 or more is drawn solid (strong), 25 to 75 dashed (medium,
our "moderate"), under 25 dotted (weak). The lowest confidence of each band, highest band first."""

CONFIDENCE_OF = {"strong": 90, "moderate": 50, "weak": 10}
"""The confidence written for each strength: one inside its band. An unknown strength is written without one
(ToC-Maker then draws its default, 50), so it reads back unknown."""

CARRIES = frozenset(
    {
        "meta.title",  # the chart's title
        "levels.label",  # a section's title
        "nodes.id",
        "nodes.level",
        "nodes.label",  # a node's title
        "nodes.description",  # its text
        "links.source",
        "links.target",
        "links.strength",  # a connection's confidence, in ToC-Maker's bands
        "links.assumptions",
        "links.evidence.title",
    }
)
"""The fields ``_write`` writes: the rest of a framework is left out (``Format.cannot_carry`` says what)."""

_ID = re.compile(ID_PATTERN)
_DRAWING = {"yPosition", "width", "color", "xPosition", "height"}
_NODE_READ = {"id", "title", "text", "connectionIds", "connections"}
_CONNECTION_READ = {"targetId", "confidence", "evidence", "assumptions"}
_CHART_READ = {"title", "sections", "_metadata"}
_CHART_DRAWING = {"color", "textSize", "curvature", "columnPadding", "sectionPadding", "fontFamily"}


def strength_of(confidence: float) -> str:
    """The strength of a link of this confidence (0 to 100), by ToC-Maker's bands.

    >>> [strength_of(c) for c in (100, 75, 74.9, 25, 24, 0)]
    ['strong', 'strong', 'moderate', 'moderate', 'weak', 'weak']
    """
    return next(strength for lowest, strength in STRENGTH_BANDS if confidence >= lowest)


def _write(fw: Framework, choices: Choices) -> bytes:
    by_source: dict[str, list[Any]] = {}
    for link in fw.links:
        by_source.setdefault(link.source, []).append(link)
    sections = []
    for level in fw.levels:
        nodes = []
        for node in (n for n in fw.nodes if n.level == level.id):
            links = by_source.get(node.id, [])
            connections = []
            for link in links:
                connection: dict[str, Any] = {"targetId": link.target}
                if link.strength in CONFIDENCE_OF:
                    connection["confidence"] = CONFIDENCE_OF[link.strength]
                if link.evidence:
                    connection["evidence"] = "\n".join(_one_line(e.title) for e in link.evidence)
                if link.assumptions:
                    connection["assumptions"] = "\n".join(_one_line(a) for a in link.assumptions)
                connections.append(connection)
            nodes.append(
                {
                    "id": node.id,
                    "title": node.label,
                    "text": node.description or "",
                    "connectionIds": [link.target for link in links],
                    "connections": connections,
                }
            )
        sections.append({"title": level.label, "columns": [{"nodes": nodes}]})
    data = {"title": fw.meta.title, "sections": sections}
    return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def _one_line(text: str) -> str:
    """An item of a list as one line of ToC-Maker's text, which is read back one item a line."""
    return " ".join(text.splitlines())


def _confidence(value: Any) -> float | None:
    """A confidence as a number from 0 to 100, or None when it is not one."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        try:
            value = float(value.strip().rstrip("%"))
        except ValueError:
            return None
    if isinstance(value, (int, float)) and 0 <= value <= 100:
        return float(value)
    return None


def _parse(data: bytes, reading: Reading) -> Document:
    parsed = parse_json(data)
    if not isinstance(parsed, dict) or not isinstance(parsed.get("sections"), list):
        raise FrameworkError([Problem("", "not a ToC-Maker chart: expected a JSON object with a list of 'sections'")])
    problems: list[Problem] = []
    found: list[tuple[str, str, int, dict[str, Any]]] = []  # (where, level name, section, node)
    names: list[str] = []
    for s, section in enumerate(parsed["sections"]):
        where = f"sections[{s}]"
        if not isinstance(section, dict) or not isinstance(section.get("columns", []), list):
            problems.append(Problem(where, "should be an object with a title and a list of 'columns'"))
            continue
        name = plain(section.get("title")) or f"Section {s + 1}"
        names.append(name)
        for c, column in enumerate(section.get("columns", [])):
            nodes = column.get("nodes", []) if isinstance(column, dict) else None
            if not isinstance(nodes, list):
                problems.append(Problem(f"{where}.columns[{c}]", "should be an object with a list of 'nodes'"))
                continue
            for n, node in enumerate(nodes):
                if not isinstance(node, dict):
                    problems.append(Problem(f"{where}.columns[{c}].nodes[{n}]", "should be an object"))
                    continue
                found.append((f"{where}.columns[{c}].nodes[{n}]", name, s, node))
                if len(found) > MAX_NODES:
                    raise FrameworkError(
                        [Problem(where, f"more than {MAX_NODES:,} nodes: a framework has at most that")]
                    )
    if problems:
        raise FrameworkError(problems)
    levels, level_of = file_levels(names, reading.level_map)
    taken = Taken(str(node.get("id")) for _, _, _, node in found if _ID.match(str(node.get("id", ""))))
    ids: dict[str, str] = {}
    nodes_out: list[dict[str, Any]] = []
    places: dict[str, str] = {}
    not_read = NotRead()
    not_read.fields("chart", "the chart", parsed, _CHART_READ, _CHART_DRAWING)
    for where, name, _, node in found:
        label = plain(node.get("title")) or plain(node.get("text"))
        given = node.get("id")
        given = str(given) if isinstance(given, (str, int)) and not isinstance(given, bool) else ""
        box_id = given if _ID.match(given) else new_id(label or given, taken)
        if given:
            ids.setdefault(given, box_id)
        box: dict[str, Any] = {"id": box_id, "level": level_of[name], "label": label}
        text = plain(node.get("text"))
        if text and plain(node.get("title")):
            box["description"] = text
        places[f"nodes[{len(nodes_out)}]"] = f"{where} {quoted(label or given)}"
        nodes_out.append(box)
        not_read.fields("nodes", where, node, _NODE_READ, _DRAWING)
    labels = {box["id"]: box["label"] for box in nodes_out}
    links: list[dict[str, Any]] = []
    left_out: list[Problem] = []
    for (where, _, _, node), box in zip(found, nodes_out, strict=True):
        connections = node.get("connections")
        if connections is None:
            given_ids = node.get("connectionIds", [])
            connections = [{"targetId": t} for t in given_ids] if isinstance(given_ids, list) else given_ids
        if not isinstance(connections, list):
            problems.append(Problem(f"{where}.connections", "should be a list"))
            continue
        for k, connection in enumerate(connections):
            at = f"{where}.connections[{k}]"
            if not isinstance(connection, dict):
                problems.append(Problem(at, "should be an object with a 'targetId'"))
                continue
            not_read.fields("connections", at, connection, _CONNECTION_READ, {"waypoints"})
            target = connection.get("targetId")
            target = str(target) if isinstance(target, (str, int)) and not isinstance(target, bool) else ""
            if not target:
                left_out.append(Problem(at, f"the connection from {quoted(box['label'])} names no 'targetId'"))
                continue
            target_id = ids.get(target, target if _ID.match(target) else new_id(target, set()))
            named = f"{quoted(box['label'])} to {quoted(labels.get(target_id, target))}"
            link: dict[str, Any] = {"source": box["id"], "target": target_id}
            if "confidence" in connection:
                confidence = _confidence(connection["confidence"])
                if confidence is None:
                    left_out.append(
                        Problem(
                            f"{at}.confidence",
                            f"the confidence {quoted(str(connection['confidence'])[:40])} of the link from {named}: "
                            "not a number from 0 to 100, so its strength is unknown",
                        )
                    )
                else:
                    link["strength"] = strength_of(confidence)
            assumptions = sentences(plain(connection.get("assumptions")), MAX_LABEL)
            if assumptions:
                link["assumptions"] = assumptions
            evidence = sentences(plain(connection.get("evidence")), MAX_LABEL)
            if evidence:
                link["evidence"] = [{"title": item} for item in evidence]
            places[f"links[{len(links)}]"] = f"{at}, the link from {named}"
            links.append(link)
            if len(links) > MAX_LINKS:
                raise FrameworkError(
                    [Problem(at, f"more than {MAX_LINKS:,} connections: a framework has at most that")]
                )
    if problems:
        raise FrameworkError(problems)
    title = plain(parsed.get("title")) or reading.title or "Imported from ToC-Maker"
    stamp = parsed.get("_metadata") if isinstance(parsed.get("_metadata"), dict) else {}
    not_read.fields("chart", "the chart's _metadata", stamp, {"exportedAt"}, ())
    exported = plain(stamp.get("exportedAt"))
    doc = document(title, levels, nodes_out, links, updated=exported or None)
    doc.places.update(places)
    doc.left_out.extend(left_out + not_read.problems())
    return doc


def _recognise(data: bytes) -> bool:
    """Whether a .json file is a ToC-Maker chart: sections of columns, not a framework's nodes."""
    head = data[:4096]
    return b'"sections"' in head and b'"schema_version"' not in head and b'"elements"' not in head


FORMAT = Format(
    name="tocmaker",
    extension=".tocmaker.json",
    media_type="application/json",
    description="a ToC-Maker chart (JSON): levels as sections, links with confidence, evidence and assumptions",
    button="Chart for ToC-Maker (JSON)",
    file_name="{title}-tocmaker",
    write=_write,
    read=lambda data: finish(_parse(data, Reading())),
    parse=_parse,
    reads_levels=True,
    recognise=_recognise,
    carries=CARRIES,
)
