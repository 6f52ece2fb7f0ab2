"""A PRSM map (``.prsm``, the Participatory System Mapper): factors with a style each, links between them.

PRSM saves a map as JSON, packed by lz-string unless it was saved plain (both are read: ``lz_string``). A
factor's style (``grp``: group0 ... group8) is its level, named by the style's legend label (``styles`` or, in
files before PRSM 1.4, ``samples``: "Activity", "Outcomes", "Impact"); a style left with PRSM's own label
"Sample" is called "Style 1" ... "Style 9", as PRSM's spreadsheet calls them, for the level map to place. A
factor's label is the box's (PRSM's line breaks made spaces), its note the description. A link's arrow says its
direction (an arrow at its start only: it runs the other way); a link with arrows at both ends or none is not
made one-way without asking: it is listed. A link takes its style's arrows when it has none of its own, as PRSM
draws it. A link style whose legend label names a strength ("Strong", "Weak evidence") is the link's strength;
any other legend label ("Positive influence"), the link's label and its note are its rationale, one a line.
Styles whose names say no order (a systems map's "Focal factor", "Policy actions") are put in the order most
of their links run. Positions, colours, fonts, shapes, who made what and when, the drawing behind the map and
its history are the drawing and the editing, not the logic, and are not kept; a factor's attributes and votes
are named once, with a count.

Read only: a .prsm file is PRSM's own saved room (styles, positions, history, packed), and PRSM opens the Kumu
maps and GraphML this builder writes, so a framework goes to PRSM that way.
"""

from __future__ import annotations

import re
from typing import Any

from logicmodel.core.errors import FrameworkError, Problem, quoted
from logicmodel.core.ids import Taken, new_id
from logicmodel.core.level_names import name_key
from logicmodel.core.limits import ID_PATTERN, MAX_FILE_BYTES, MAX_LINKS, MAX_NODES
from logicmodel.core.readwrite import parse_json
from logicmodel.formats.building import Document, document, finish, usual_rank
from logicmodel.formats.lz_string import unpack_utf16
from logicmodel.formats.other_tools import NotRead, file_levels, order_by_links, plain
from logicmodel.formats.registry import Format, Reading

__all__ = ["FORMAT", "note_text"]

_ID = re.compile(ID_PATTERN)
_UNNAMED = {"", "sample"}
"""Style labels that name nothing: PRSM's own for a style no one has named."""
_NODE_READ = {"id", "label", "grp", "group", "note", "title"}
_NODE_DRAWING = {
    "x", "y", "color", "font", "borderWidth", "borderWidthSelected", "shape", "shapeProperties", "margin",
    "created", "modified", "hidden", "nodeHidden", "fixed", "size", "scaling", "labelHighlightBold", "chosen",
    "widthConstraint", "heightConstraint", "locked", "opacity", "wasFixed", "oldFont", "oldFontColor", "oldLabel",
    "level", "bc", "val", "value", "clusteredIn", "shadow", "groupLabel", "clientID",
}  # fmt: skip
_EDGE_READ = {"id", "from", "to", "source", "target", "label", "note", "title", "grp", "group", "arrows"}
_EDGE_DRAWING = {
    "color", "created", "modified", "dashes", "font", "smooth", "width", "hoverWidth", "selectionWidth", "hidden",
    "edgeHidden", "chosen", "physics", "isClusterEdge", "groupLabel", "clientID", "selfReferenceSize",
}  # fmt: skip
_STRENGTHS = {"strong": "strong", "moderate": "moderate", "medium": "moderate", "weak": "weak"}


def note_text(note: Any) -> str:
    """A PRSM note as plain text: a Quill document (``{"ops": [{"insert": ...}]}``), a map description
    (``{"text": {"ops": ...}}``), or the text or HTML of files before PRSM 1.5.

    >>> note_text({"ops": [{"insert": "Walks "}, {"insert": "weekly", "attributes": {"bold": 1}}, {"insert": "\\n"}]})
    'Walks weekly'
    >>> note_text("Run<br>by volunteers")
    'Run\\nby volunteers'
    """
    if isinstance(note, dict) and isinstance(note.get("text"), (dict, str)):
        note = note["text"]
    if isinstance(note, dict) and isinstance(note.get("ops"), list):
        note = "".join(op["insert"] for op in note["ops"] if isinstance(op, dict) and isinstance(op.get("insert"), str))
    if not isinstance(note, str):
        return ""
    text = re.sub(r"<br\s*/?>|</p>|<p>", "\n", note)
    text = re.sub(r"<[^<>]{0,200}>", "", text)
    return "\n".join(line.rstrip() for line in text.strip().splitlines()).strip()


def _text(data: bytes) -> str:
    """The map's JSON text: as saved plain, or unpacked from lz-string's packing."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FrameworkError(
            [Problem("", f"not a PRSM map: not UTF-8 text (bad byte at position {exc.start})")]
        ) from None
    if text.lstrip()[:1] == "{":
        return text
    unpacked = unpack_utf16(text.strip("\ufeff\r\n"), MAX_FILE_BYTES)
    if unpacked is None or unpacked.lstrip()[:1] != "{":
        raise FrameworkError([Problem("", "not a PRSM map: neither JSON nor a map packed by PRSM")])
    return unpacked


def _style_names(styles: Any) -> dict[str, str]:
    """Each factor or link style's name: its legend label, or "Style N" when it has none of its own."""
    names: dict[str, str] = {}
    if not isinstance(styles, dict):
        return names
    for key, style in styles.items():
        label = " ".join(plain(style.get("groupLabel")).split()) if isinstance(style, dict) else ""
        if label.lower() in _UNNAMED:
            number = re.search(r"\d+", str(key))
            label = f"Style {int(number.group()) + 1}" if number else str(key)
        names[str(key)] = label
    return names


def _style(item: dict[str, Any], prefix: str) -> str:
    """A factor's or link's style key: ``grp``, or the number of files before PRSM 1.4 (``group``)."""
    grp = item.get("grp")
    if isinstance(grp, str) and grp:
        return grp
    group = item.get("group")
    return f"{prefix}{group % 9}" if isinstance(group, int) and not isinstance(group, bool) else f"{prefix}0"


def _direction(arrows: Any) -> str:
    """``forward``, ``back``, ``both`` or ``none``, from a link's arrows (PRSM draws one at its end by default)."""
    if not isinstance(arrows, dict):
        return "forward"

    def on(end: str) -> bool:
        value = arrows.get(end)
        return isinstance(value, dict) and value.get("enabled") is True

    to_end = on("to") if isinstance(arrows.get("to"), dict) else True
    from_end = on("from")
    return {(True, False): "forward", (False, True): "back", (True, True): "both"}.get((to_end, from_end), "none")


def _parse(data: bytes, reading: Reading) -> Document:
    parsed = parse_json(_text(data))
    if not isinstance(parsed, dict) or not isinstance(parsed.get("nodes"), list):
        raise FrameworkError([Problem("", "not a PRSM map: expected a JSON object with a list of 'nodes'")])
    factors, edges = parsed["nodes"], parsed.get("edges", [])
    if not isinstance(edges, list):
        raise FrameworkError([Problem("edges", "should be a list")])
    if len(factors) > MAX_NODES or len(edges) > MAX_LINKS:
        raise FrameworkError([Problem("", f"too large: at most {MAX_NODES:,} factors and {MAX_LINKS:,} links")])
    styles = parsed.get("styles", parsed.get("samples"))
    styles = styles if isinstance(styles, dict) else {}
    node_styles, edge_styles = _style_names(styles.get("nodes")), _style_names(styles.get("edges"))
    problems = [Problem(f"nodes[{i}]", "should be an object") for i, f in enumerate(factors) if not isinstance(f, dict)]
    problems += [Problem(f"edges[{i}]", "should be an object") for i, e in enumerate(edges) if not isinstance(e, dict)]
    if problems:
        raise FrameworkError(problems)

    def level_name(factor: dict[str, Any]) -> str:
        key = _style(factor, "group")
        number = re.search(r"\d+", key)
        return node_styles.get(key) or (f"Style {int(number.group()) + 1}" if number else key)

    levels, level_of = file_levels([level_name(f) for f in factors], reading.level_map, keep_order=False)
    attributes = parsed.get("attributeTitles") if isinstance(parsed.get("attributeTitles"), dict) else {}
    taken = Taken(str(f.get("id")) for f in factors if _ID.match(str(f.get("id", ""))))
    ids: dict[str, str] = {}
    nodes: list[dict[str, Any]] = []
    places: dict[str, str] = {}
    not_read = NotRead()
    for index, factor in enumerate(factors):
        label = " ".join(plain(factor.get("label")).split())
        given = factor.get("id")
        given = str(given) if isinstance(given, (str, int)) and not isinstance(given, bool) else ""
        box_id = given if _ID.match(given) else new_id(label or given, taken)
        if given:
            ids.setdefault(given, box_id)
        box: dict[str, Any] = {"id": box_id, "level": level_of[level_name(factor)], "label": label}
        note = note_text(factor.get("note") or factor.get("title"))
        if note:
            box["description"] = note
        where = f"nodes[{index}] {quoted(label or given)}"
        places[f"nodes[{len(nodes)}]"] = where
        nodes.append(box)
        for key, value in factor.items():
            if key in _NODE_READ or key in _NODE_DRAWING or value in (None, "", [], {}, False):
                continue
            if key in attributes and isinstance(attributes[key], str):
                not_read.add("factors", where, attributes[key], "attribute")
            elif key in ("thumbUp", "thumbDown"):
                not_read.add("factors", where, "thumbs up" if key == "thumbUp" else "thumbs down", "vote")
            else:
                not_read.add("factors", where, key)
    labels = {box["id"]: box["label"] for box in nodes}
    links: list[dict[str, Any]] = []
    left_out: list[Problem] = []
    for index, edge in enumerate(edges):
        ends = []
        for end in ("from", "to"):
            value = edge.get(end, edge.get("source" if end == "from" else "target"))
            value = str(value) if isinstance(value, (str, int)) and not isinstance(value, bool) else ""
            ends.append(ids.get(value, value if _ID.match(value) else new_id(value, set())) if value else "")
        source, target = ends
        where = f"edges[{index}]"
        if not source or not target:
            left_out.append(Problem(where, "the link names no factor at one end ('from' or 'to')"))
            continue
        named = f"{quoted(labels.get(source, source))} and {quoted(labels.get(target, target))}"
        style_key = _style(edge, "edge")
        style_of = styles.get("edges", {}).get(style_key) if isinstance(styles.get("edges"), dict) else None
        inherited = style_of.get("arrows") if isinstance(style_of, dict) else None
        direction = _direction(edge.get("arrows", inherited))  # a link takes its style's arrows, as PRSM draws it
        if direction in ("both", "none"):
            how = "with arrows at both ends" if direction == "both" else "without an arrow"
            left_out.append(Problem(where, f"the link {how} between {named}: a link runs one way"))
            continue
        if direction == "back":
            source, target = target, source
        not_read.fields("links", where, edge, _EDGE_READ, _EDGE_DRAWING)
        link: dict[str, Any] = {"source": source, "target": target}
        style = edge_styles.get(style_key, "")
        style = "" if style.startswith("Style ") else style
        strength = next((s for word, s in _STRENGTHS.items() if word in name_key(style).split()), None)
        if strength:
            link["strength"] = strength
        said = [style if not strength else "", " ".join(plain(edge.get("label")).split())]
        said.append(note_text(edge.get("note") or edge.get("title")))
        rationale = "\n".join(part for part in said if part)
        if rationale:
            link["rationale"] = rationale
        places[f"links[{len(links)}]"] = f"{where} (from {quoted(labels.get(source, source))} to "
        places[f"links[{len(links)}]"] += f"{quoted(labels.get(target, target))})"
        links.append(link)
    if not reading.level_map and any(usual_rank(level["label"]) is None for level in levels):
        order_by_links(levels, nodes, links)
    title = " ".join(plain(parsed.get("mapTitle")).split())
    if not title or title.lower() == "untitled map":
        title = reading.title or "Imported from PRSM"
    description = note_text(parsed.get("description"))
    doc = document(title, levels, nodes, links, description=description or None)
    doc.places.update(places)
    doc.left_out.extend(left_out + not_read.problems())
    return doc


def _recognise(data: bytes) -> bool:
    """Whether a .json file is a PRSM map saved plain: factors with styles, links with ``from`` and ``to``."""
    head = data[:4096]
    return b'"nodes"' in head and (b'"lastNodeSample"' in head or b'"grp"' in head) and b'"schema_version"' not in head


CARRIES = frozenset(
    {
        *("meta.title", "meta.description", "levels"),
        *(f"nodes.{name}" for name in ("id", "level", "label", "description")),
        *("links.source", "links.target", "links.rationale", "links.strength"),
    }
)
"""The fields a PRSM map's reader fills in (it writes none): bringing a map back onto the open framework keeps
the rest (indicators, costs, valuations, the appraisal, stories ...) from the open version
(``logicmodel.formats.update``)."""

FORMAT = Format(
    name="prsm",
    extension=".prsm",
    media_type="application/json",
    description="a PRSM map (Participatory System Mapper, .prsm): factor styles as levels, links with their notes",
    button="",
    read=lambda data: finish(_parse(data, Reading())),
    parse=_parse,
    reads_levels=True,
    recognise=_recognise,
    also_reads=(".prsm.json",),
    carries=CARRIES,
)
