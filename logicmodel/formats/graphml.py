"""GraphML, for yEd and Gephi: boxes as nodes (label, level, description), links as edges.

Written with yEd's own node graphics (a labelled box, coloured by level) and plain GraphML keys (``label``,
``level``, ``description``, ``rationale``) that Gephi and networkx read. Read here, not by networkx's reader,
which leaves out nodes inside yEd groups: every node is read, however deep its group, and its label is yEd's
``NodeLabel`` (or a ``label``/``name`` key; a box with no text is "Unlabelled box 1"). A node's level is its
``level`` key, else the label of the innermost group around it (a group per level is how people draw a logic
model in yEd); nodes with neither are kept in a level "In no group", which the file is refused to ask about
(a repair keeps them there). Groups themselves are not boxes; an edge to a group is refused. An undirected
edge (``edgedefault="undirected"``, ``directed="false"``, a yEd line with no arrow) or one with arrows at both
ends is refused, never made one way; a yEd arrow drawn at the source end runs the way it points. GraphML
written without its namespace is read as GraphML.

The XML is untrusted: a file declaring a DTD or entities (external entities, "billion laughs") is refused
before it is parsed, in whatever encoding it is written (``logicmodel.formats.xml_text``).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any

from logicmodel.core.errors import FrameworkError, Problem, quoted
from logicmodel.core.ids import Taken, new_id
from logicmodel.core.level_names import name_key
from logicmodel.core.limits import ID_PATTERN, MAX_LINKS, MAX_NODES
from logicmodel.core.models import Framework
from logicmodel.formats.building import (
    Document,
    document,
    finish,
    resolve_levels,
    some_labels,
)
from logicmodel.formats.registry import Choices, Format, Reading
from logicmodel.formats.xml_text import xml_text

__all__ = ["FORMAT", "refuse_entities"]

G = "http://graphml.graphdrawing.org/xmlns"
Y = "http://www.yworks.com/xml/graphml"
_COLOURS = ("#FFE0B2", "#C8E6C9", "#BBDEFB", "#D1C4E9", "#FFF9C4", "#F8BBD0", "#B2EBF2", "#DCEDC8")
_ID = re.compile(ID_PATTERN)
MAX_GROUP_DEPTH = 50
"""Most groups one inside another: a logic model drawn in yEd has a group per level, perhaps one around them."""


CARRIES = frozenset(
    {
        "meta.title",  # the graph's title key
        "levels.label",  # a node's level key
        "nodes.id",
        "nodes.level",
        "nodes.label",
        "nodes.description",
        "links.source",
        "links.target",
        "links.rationale",
    }
)
"""The fields ``_write`` writes (its GraphML keys): the rest of a framework is left out (``Format.cannot_carry``)."""


def _write(fw: Framework, choices: Choices) -> bytes:
    ET.register_namespace("", G)
    ET.register_namespace("y", Y)
    root = ET.Element(f"{{{G}}}graphml")
    keys = (
        ("d0", "node", "label"),
        ("d1", "node", "level"),
        ("d2", "node", "description"),
        ("d4", "edge", "rationale"),
        ("d5", "graph", "title"),
    )
    for key_id, for_, name in keys:
        ET.SubElement(root, f"{{{G}}}key", {"id": key_id, "for": for_, "attr.name": name, "attr.type": "string"})
    ET.SubElement(root, f"{{{G}}}key", {"id": "d3", "for": "node", "yfiles.type": "nodegraphics"})
    graph = ET.SubElement(root, f"{{{G}}}graph", {"id": "G", "edgedefault": "directed"})
    ET.SubElement(graph, f"{{{G}}}data", {"key": "d5"}).text = fw.meta.title
    rank = fw.level_rank
    for node in sorted(fw.nodes, key=lambda n: rank.get(n.level, 0)):  # levels read back in their order
        element = ET.SubElement(graph, f"{{{G}}}node", {"id": node.id})
        ET.SubElement(element, f"{{{G}}}data", {"key": "d0"}).text = node.label
        ET.SubElement(element, f"{{{G}}}data", {"key": "d1"}).text = fw.level_label(node.level)
        if node.description:
            ET.SubElement(element, f"{{{G}}}data", {"key": "d2"}).text = node.description
        shape = ET.SubElement(ET.SubElement(element, f"{{{G}}}data", {"key": "d3"}), f"{{{Y}}}ShapeNode")
        position = rank.get(node.level, 0)
        ET.SubElement(shape, f"{{{Y}}}Geometry", {"x": str(position * 260), "y": "0", "width": "220", "height": "60"})
        ET.SubElement(shape, f"{{{Y}}}Fill", {"color": _COLOURS[position % len(_COLOURS)], "transparent": "false"})
        ET.SubElement(shape, f"{{{Y}}}NodeLabel").text = node.label
        ET.SubElement(shape, f"{{{Y}}}Shape", {"type": "roundrectangle"})
    for index, link in enumerate(fw.links):
        edge = ET.SubElement(graph, f"{{{G}}}edge", {"id": f"e{index}", "source": link.source, "target": link.target})
        if link.rationale:
            ET.SubElement(edge, f"{{{G}}}data", {"key": "d4"}).text = link.rationale
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def refuse_entities(data: bytes) -> str:
    """The XML's text, or ``FrameworkError`` for XML that declares a DTD or entities (in any encoding): GraphML
    needs neither, and they are how external entities and "billion laughs" attacks come in."""
    return xml_text(data)


def _parse(data: bytes, reading: Reading) -> Document:
    text = refuse_entities(data)
    try:
        root = ET.fromstring(text)
    except ET.ParseError as exc:
        line, column = exc.position
        raise FrameworkError([Problem(f"line {line}, column {column}", "not valid XML")]) from None
    _in_graphml_namespace(root)
    if root.tag != f"{{{G}}}graphml":
        raise FrameworkError([Problem("", f"not a GraphML file: its root is <{_local(root.tag)}>, not <graphml>")])
    names: dict[str, str] = {}
    for key in root.iter(f"{{{G}}}key"):
        name = key.get("attr.name") or key.get("yfiles.type") or ""
        names[key.get("id", "")] = name.lower()
    graph = root.find(f"{{{G}}}graph")
    if graph is None:
        raise FrameworkError([Problem("", "not a GraphML file: it has no <graph>")])
    title = (
        _data(graph, names).get("title")
        or _data(graph, names).get("description")
        or reading.title
        or "Imported from GraphML"
    )
    found: list[tuple[str, dict[str, str], list[str]]] = []
    groups: dict[str, str] = {}
    _walk(graph, names, [], found, groups)
    if len(found) > MAX_NODES:
        raise FrameworkError([Problem("", f"{len(found):,} boxes: a framework has at most {MAX_NODES:,}")])
    level_names = [_level_name(fields, inside) for _, fields, inside in found]
    levels, level_of = resolve_levels(level_names, reading.level_map)
    taken = Taken(node_id for node_id, _, _ in found if _ID.match(node_id))
    ids: dict[str, str] = {}
    nodes: list[dict[str, Any]] = []
    doc_places: dict[str, str] = {}
    left_out: list[Problem] = []
    not_read: dict[tuple[str, str], list[str]] = {}
    unlabelled = 0
    for node_id, fields, inside in found:
        for key in fields.keys() - {"label", "name", "level", "type", "description"}:
            not_read.setdefault(("node", key), []).append(node_id)
        label = fields.get("label") or fields.get("name")
        if not label:  # a yEd shape with no text: named so a person can find it, not "n2::n6"
            unlabelled += 1
            label = f"Unlabelled box {unlabelled}" + (f" in {quoted(inside[-1])}" if inside else "")
        ids[node_id] = node_id if _ID.match(node_id) else new_id(label, taken)
        node: dict[str, Any] = {"id": ids[node_id], "level": level_of[_level_name(fields, inside)], "label": label}
        if fields.get("description"):
            node["description"] = fields["description"]
        doc_places[f"nodes[{len(nodes)}]"] = f"node {quoted(node_id)} {quoted(label)}"
        nodes.append(node)
    links: list[dict[str, Any]] = []
    labels = {node_id: node["label"] for node_id, node in zip((f[0] for f in found), nodes, strict=True)}
    for edge, directed in _edges(graph, graph.get("edgedefault", "directed") != "undirected"):
        if len(links) >= MAX_LINKS:
            raise FrameworkError([Problem("", f"more than {MAX_LINKS:,} edges")])
        source, target = edge.get("source", ""), edge.get("target", "")
        where = f"edge {quoted(edge.get('id') or source + '->' + target)}"
        group = next((groups[end] for end in (source, target) if end in groups), None)
        if group is not None:
            left_out.append(
                Problem(where, f"the edge to or from the group {quoted(group)}: links join boxes, not groups")
            )
            continue
        way = _way(edge, directed)
        if way == "reversed":  # yEd draws its arrow at the source end: the link runs the way the arrow points
            source, target = target, source
        elif way != "directed":
            named = f"{quoted(labels.get(source, source))} and {quoted(labels.get(target, target))}"
            left_out.append(Problem(where, f"the {way} edge between {named}: a link runs one way"))
            continue
        link: dict[str, Any] = {"source": ids.get(source, source if _ID.match(source) else new_id(source, set()))}
        link["target"] = ids.get(target, target if _ID.match(target) else new_id(target, set()))
        fields = _data(edge, names)
        for key in fields.keys() - {"rationale", "description", "label"}:
            not_read.setdefault(("edge", key), []).append(edge.get("id") or source)
        rationale = fields.get("rationale") or fields.get("description") or fields.get("label")
        if rationale:
            link["rationale"] = rationale
        doc_places[f"links[{len(links)}]"] = where
        links.append(link)
    doc = document(title, levels, nodes, links)
    loose = [  # boxes with no level key and in no group: not those whose own level is called "In no group"
        node["label"]
        for (_, fields, inside), node in zip(found, nodes, strict=True)
        if not (fields.get("level") or fields.get("type") or inside)
    ]
    if loose and not any(name_key(name) == name_key(NO_GROUP) for name, _ in reading.level_map):
        are = f"{len(loose)} boxes are in no group and have" if len(loose) != 1 else "1 box is in no group and has"
        doc.kept.append(
            Problem(
                "",
                f"{are} no level ({some_labels(loose)}): kept in a level {quoted(NO_GROUP)}; say which level that "
                f'is (--level-map "{NO_GROUP}=activity")',
            )
        )
    doc.places.update(doc_places)
    doc.left_out.extend(left_out)
    for (what, key), where in not_read.items():  # data a framework has no place for: named, not dropped silently
        more = f" (and {len(where) - 1} more {what}s)" if len(where) > 1 else ""
        doc.left_out.append(
            Problem(f"{what} {quoted(where[0])}", f"the field {quoted(key)}{more}: a framework has no place for it")
        )
    return doc


NO_GROUP = "In no group"
"""The level name of a node in no group and with no level of its own: a level the person is asked about (or
names with ``--level-map "In no group=activity"``), so the node is kept."""


def _level_name(fields: dict[str, str], inside: list[str]) -> str:
    """A node's level name: its ``level`` (or ``type``) key, else its innermost group, else ``NO_GROUP``."""
    return fields.get("level") or fields.get("type") or (inside[-1] if inside else NO_GROUP)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _in_graphml_namespace(root: ET.Element) -> None:
    """GraphML written without its namespace (``<graphml>`` alone, as some tools write it) read as GraphML:
    its elements are put in the GraphML namespace; yEd's own (``y:``) are left as they are."""
    if root.tag == f"{{{G}}}graphml" or _local(root.tag) != "graphml":
        return
    namespace = root.tag[: -len("graphml")]
    for element in root.iter():
        if (
            isinstance(element.tag, str)
            and element.tag.startswith(namespace)
            and "}" not in element.tag[len(namespace) :]
        ):
            element.tag = f"{{{G}}}{element.tag[len(namespace) :]}"


def _edges(graph: ET.Element, directed: bool) -> list[tuple[ET.Element, bool]]:
    """Every edge of a graph and of the graphs nested in it, with whether its graph's edges are directed by
    default (``edgedefault``; a nested graph without one takes its parent's)."""
    out: list[tuple[ET.Element, bool]] = []
    stack = [(graph, directed)]
    while stack:
        current, default = stack.pop()
        out.extend((edge, default) for edge in current.findall(f"{{{G}}}edge"))
        for node in current.findall(f"{{{G}}}node"):
            for nested in node.findall(f"{{{G}}}graph"):
                stack.append(
                    (nested, nested.get("edgedefault", "directed" if default else "undirected") != "undirected")
                )
    return out


def _way(edge: ET.Element, directed: bool) -> str:
    """Which way an edge runs: ``directed``, ``reversed`` (yEd's arrow at the source end only), ``undirected``
    (GraphML's ``directed="false"`` or ``edgedefault="undirected"``, or yEd's line with no arrow) or ``mutual``
    (yEd's arrows at both ends)."""
    said = edge.get("directed")
    if said is not None:
        directed = said.strip().lower() in ("true", "1")
    arrows = edge.find(f".//{{{Y}}}Arrows")
    if arrows is not None:
        at_source = arrows.get("source", "none") != "none"
        at_target = arrows.get("target", "none") != "none"
        if at_source and at_target:
            return "mutual"
        if at_source or at_target:
            return "reversed" if at_source else "directed"
        return "undirected"
    return "directed" if directed else "undirected"


def _walk(
    graph: ET.Element,
    names: dict[str, str],
    inside: list[str],
    found: list[tuple[str, dict[str, str], list[str]]],
    groups: dict[str, str],
) -> None:
    """Every node of a graph and of the graphs nested in its nodes (yEd's groups), with the groups around it."""
    if len(inside) > MAX_GROUP_DEPTH:
        raise FrameworkError(
            [Problem(f"group {quoted(inside[-1])}", f"groups nested more than {MAX_GROUP_DEPTH} deep")]
        )
    for node in graph.findall(f"{{{G}}}node"):
        fields = _data(node, names)
        nested = node.find(f"{{{G}}}graph")
        node_id = node.get("id", "")
        if nested is not None:
            groups[node_id] = fields.get("label") or node_id
            _walk(nested, names, [*inside, fields.get("label") or node_id], found, groups)
        else:
            found.append((node_id, fields, inside))


def _graphics_label(data: ET.Element) -> str:
    """yEd's label: of the drawing shown (a group has one open and one closed, ``Realizers active`` says which),
    its longest label with text (a label may be a count, such as "2")."""
    realizers = data.find(f".//{{{Y}}}Realizers")
    if realizers is not None and len(realizers):
        active = realizers.get("active", "0")
        index = int(active) if active.isdigit() and int(active) < len(realizers) else 0
        data = realizers[index]
    for drawing in data.iter():
        texts = [
            " ".join((child.text or "").split())
            for child in drawing
            if child.tag in (f"{{{Y}}}NodeLabel", f"{{{Y}}}EdgeLabel") and (child.text or "").strip()
        ]
        if texts:
            return max(texts, key=len)
    return ""


def _data(element: ET.Element, names: dict[str, str]) -> dict[str, str]:
    """An element's data by key name; yEd's label from its node graphics (the first label with text)."""
    out: dict[str, str] = {}
    for data in element.findall(f"{{{G}}}data"):
        name = names.get(data.get("key", ""), "")
        if name in ("nodegraphics", "edgegraphics"):
            label = _graphics_label(data)
            if label:
                out.setdefault("label", label)
        elif data.text and data.text.strip():
            out.setdefault(name, data.text.strip())
    return out


FORMAT = Format(
    name="graphml",
    extension=".graphml",
    media_type="application/graphml+xml",
    description="GraphML for yEd and Gephi: boxes coloured by level, with their labels; reads yEd groups as levels",
    button="Graph for yEd or Gephi (GraphML)",
    write=_write,
    read=lambda data: finish(_parse(data, Reading())),
    parse=_parse,
    reads_levels=True,
    carries=CARRIES,
    also_leaves_out=("empty levels",),  # a level is written only on a node
)
