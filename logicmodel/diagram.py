"""The interactive diagram: one self-contained HTML page, drawn in its final place at once.

pyvis writes the page (``Network.generate_html`` only, nothing on disk); the
boxes are placed by ``logicmodel.layout`` and fixed, with physics off, so the
first frame drawn is the final one. Nothing is fetched: vis-network's script
and styles are read from the installed pyvis package and put in the page,
pyvis's Bootstrap and CDN links are taken out, and a content security policy
forbids any request. Every text of the framework reaches the page only as
JSON inside a script (escaped by Jinja's ``tojson``) or as ``textContent``
set by the page's own script: never as HTML, never as a pyvis title.

The page lets people click a box (or pick it from a list) to see its whole
pathway, what contributes to it and what it contributes to, with the rest
faded; shows a box's details; has a legend; and in projector mode uses large
type for a room.

>>> from logicmodel.readwrite import from_data
>>> from logicmodel.synthetic import synthetic_data
>>> page = diagram_html(from_data(synthetic_data(20)))
>>> page.startswith("<!DOCTYPE html>") and "cdn.jsdelivr" not in page and 'src="http' not in page
True
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from functools import cache
from importlib.resources import files
from typing import Any, Literal

from jinja2 import Environment, FileSystemLoader
from pyvis.network import Network

from logicmodel.bulk import paused_collector
from logicmodel.characters import without_unwritable
from logicmodel.diagram_style import (
    FADED_TEXT,
    STRENGTH_LABELS,
    STRENGTH_WIDTH,
    TEXT,
    LevelStyle,
    group_order,
    level_styles,
    quick_layout_note,
    select_nodes,
    wrap,
)
from logicmodel.layout import Layout, layout
from logicmodel.models import Framework, Node
from logicmodel.readwrite import dumps

__all__ = ["CSP", "DEFAULT_HEIGHT", "KEEP", "diagram_and_note", "diagram_html", "fingerprint", "json_for_script"]

DEFAULT_HEIGHT = 720
"""Height of the diagram in CSS pixels, legend and toolbar included."""

CSP = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data: blob:; "
    "font-src data:; connect-src 'none'; media-src 'none'; frame-src 'none'; base-uri 'none'; form-action 'none'"
)
"""The page may run its own inline script and styles and show data: images, and load nothing at all."""

KEEP = 4
"""Pages kept per framework object: a few filter settings, without a session's memory growing with each."""

_HEADING = "h"
"""Prefix of the level headings' ids in vis-network. Boxes are numbered (0, 1, ...) there, never named by
their own ids: an id such as ``__proto__`` or ``constructor`` would break vis-network's plain-object tables."""


@cache
def _template_environment() -> Environment:
    """pyvis's templates, compiled once per process (pyvis compiles them for every network otherwise)."""
    return Environment(loader=FileSystemLoader(str(files("pyvis").joinpath("templates"))))


@cache
def _asset(name: str) -> str:
    """A file of vis-network as shipped inside the installed pyvis package."""
    return files("pyvis").joinpath("templates", "lib", "vis-9.1.2", name).read_text(encoding="utf-8")


def fingerprint(fw: Framework) -> str:
    """A short hash of the framework's canonical content: equal for equal frameworks, cached per object."""
    return fw.cached("fingerprint", lambda f: hashlib.sha256(dumps(f).encode("utf-8")).hexdigest()[:32])


_SCRIPT_ESCAPES = (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029"))


def json_for_script(value: Any) -> str:
    """JSON that is safe inside an HTML ``<script>`` element: ``<``, ``>``, ``&`` and line separators escaped.

    >>> json_for_script({"a": "</script><b>"})
    '{"a": "\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e"}'
    """
    text = json.dumps(value, ensure_ascii=False)
    for char, escaped in _SCRIPT_ESCAPES:
        text = text.replace(char, escaped)
    return text


def _metrics(projector: bool) -> dict[str, float]:
    """Type and box sizes: normal, or large for a projector at the back of a hall."""
    if projector:
        return {
            "font": 24,
            "width": 330,
            "chars": 23,
            "lines": 4,
            "margin": 12,
            "heading": 40,
            "edge": 1.6,
            "readable": 20,
        }
    return {"font": 14, "width": 200, "chars": 24, "lines": 5, "margin": 8, "heading": 24, "edge": 1.0, "readable": 11}


WIDER = (1.0, 1.35, 1.7)
"""Box widths tried for frameworks of up to ``FEW`` boxes, as multiples of the normal width: the one
whose drawing best fits a wide screen wins (fewer lines a box make shorter columns)."""
FEW = 200
MANY_LINKS = 5000
"""More links than this are hidden while the diagram zooms, as they already are while it moves: redrawing
them all at every step of the mouse wheel would make the page stutter."""
SCREEN = (1200, 560)
"""The drawing area a diagram is shaped for: a laptop's browser window, bar and legend taken off."""


def diagram_html(
    fw: Framework,
    *,
    projector: bool = False,
    stakeholder: str | None = None,
    cohort: str | None = None,
    levels: list[str] | tuple[str, ...] | None = None,
    group_by: Literal["stakeholder", "cohort"] | None = None,
    height: int = DEFAULT_HEIGHT,
    standalone: bool = False,
) -> str:
    """The interactive diagram of ``fw`` as one HTML page that loads nothing from anywhere.

    ``stakeholder``, ``cohort`` and ``levels`` show only the matching boxes;
    ``group_by`` keeps a stakeholder's or cohort's boxes together in each
    column; ``standalone`` adds the framework's title, for a file opened
    outside the app. The last few pages made are kept on the framework
    object (``KEEP``), so asking again for the same one costs nothing.
    """
    return diagram_and_note(
        fw,
        projector=projector,
        stakeholder=stakeholder,
        cohort=cohort,
        levels=levels,
        group_by=group_by,
        height=height,
        standalone=standalone,
    )[0]


def diagram_and_note(
    fw: Framework,
    *,
    projector: bool = False,
    stakeholder: str | None = None,
    cohort: str | None = None,
    levels: list[str] | tuple[str, ...] | None = None,
    group_by: Literal["stakeholder", "cohort"] | None = None,
    height: int = DEFAULT_HEIGHT,
    standalone: bool = False,
) -> tuple[str, str]:
    """The page of ``diagram_html`` and the sentence to show beside it when its layout was made quickly
    (``quick_layout_note``: "" for every ordinary framework)."""
    levels_key = None if levels is None else tuple(levels)
    key = (projector, stakeholder, cohort, levels_key, group_by, int(height), standalone)
    pages: dict = fw.cached("diagram_pages", lambda _fw: {})
    if key in pages:
        pages[key] = pages.pop(key)  # most recently used last
        return pages[key]
    with paused_collector():  # many short-lived objects and no cycles, as when reading a file
        made = pages[key] = _build(fw, projector, stakeholder, cohort, levels_key, group_by, int(height), standalone)
    while len(pages) > KEEP:
        del pages[next(iter(pages))]
    return made


def _box(node: Node, m: dict[str, float], glyph: str) -> tuple[str, float, float, float]:
    """A box's wrapped label (its level's mark first), the height of its text, and its size drawn in pixels."""
    lines = wrap(f"{glyph} {node.label}", int(m["chars"]), int(m["lines"]))
    inner = len(lines) * m["font"] * 1.3 + 4
    return "\n".join(lines), inner, m["width"] + 2 * m["margin"] + 12, inner + 2 * m["margin"] + 4


def _strip_remote(page: str) -> str:
    """pyvis's page without its CDN stylesheets and scripts (Bootstrap, vis) and its empty heading.

    User text is in the page only as Jinja ``tojson`` output, where ``<`` is escaped, so these
    patterns can only match pyvis's own tags.
    """
    page = re.sub(r"<link\b[^>]*>", "", page)
    page = re.sub(r"<script\b[^>]*\bsrc=[^>]*>\s*</script>", "", page)
    return re.sub(r"<center>\s*<h1>\s*</h1>\s*</center>", "", page)


@cache
def _check_template() -> None:
    """Refuse to work if pyvis's template, once stripped, still refers to any remote file."""
    net = Network(directed=True, cdn_resources="remote", heading="")
    net.templateEnv = _template_environment()
    page = _strip_remote(net.generate_html())
    if re.search(r"(?:src|href)\s*=|@import|url\(|https?://", page):
        raise RuntimeError("pyvis's page still refers to a remote file: its template has changed")


def _build(
    fw: Framework,
    projector: bool,
    stakeholder: str | None,
    cohort: str | None,
    levels: tuple[str, ...] | None,
    group_by: Literal["stakeholder", "cohort"] | None,
    height: int,
    standalone: bool,
) -> tuple[str, str]:
    styles = level_styles(fw)
    shown = [n for n in select_nodes(fw, stakeholder=stakeholder, cohort=cohort, levels=levels) if n.level in styles]
    best = None
    for wider in WIDER if len(shown) <= FEW else WIDER[:1]:
        m = _metrics(projector)
        m["width"], m["chars"] = m["width"] * wider, int(m["chars"] * wider)
        boxes = {node.id: _box(node, m, styles[node.level].glyph) for node in shown}
        result = layout(
            fw,
            node_ids=boxes,
            levels=levels,
            group_by=group_by,
            size=lambda node, b=boxes: b[node.id][2:],
            column_gap=m["width"] * 0.3,
            band_gap=m["width"] * 0.1,
            row_gap=m["font"] * 1.4,
        )
        fit = min(SCREEN[0] / max(result.total_width, 1), SCREEN[1] / max(result.total_height + 4 * m["heading"], 1))
        if best is None or fit > best[0] * 1.05:
            best = (fit, m, boxes, result)
    _, m, boxes, result = best
    net = Network(height="100%", width="100%", directed=True, cdn_resources="remote", heading="")
    net.templateEnv = _template_environment()
    net.nodes = _vis_nodes(fw, result, boxes, styles, m)
    net.edges = _vis_edges(fw, result, m)
    net.options = _options(m, styles, many_links=len(result.links) > MANY_LINKS)
    page = _finish(net.generate_html(), fw, result, styles, m, projector, height, standalone, shown, group_by)
    return page, quick_layout_note(result)


def _vis_nodes(fw: Framework, result: Layout, boxes: dict, styles: dict, m: dict) -> list[dict[str, Any]]:
    """vis-network's nodes: box ``k`` of ``result.x`` has the id ``k``, each level heading ``h0``, ``h1``..."""
    nodes: list[dict[str, Any]] = []
    by_id = fw.node_by_id
    for k, node_id in enumerate(result.x):
        style = styles[by_id[node_id].level]
        label, inner, _width, _height = boxes[node_id]
        nodes.append(
            {
                "id": k,
                "label": label,
                "x": round(result.x[node_id], 1),
                "y": round(result.y[node_id], 1),
                "group": f"level:{style.level}",
                "heightConstraint": {"minimum": round(inner, 1)},
            }
        )
    top = -m["heading"] * 3.2
    for i, band in enumerate(result.bands):
        nodes.append(
            {
                "id": f"{_HEADING}{i}",
                "label": "\n".join(wrap(band.label, 26, 2)),
                "x": round((band.left + band.right) / 2, 1),
                "y": round(top, 1),
                "shape": "text",
                "font": {"size": m["heading"], "align": "center"},
                "widthConstraint": False,
                "chosen": False,
            }
        )
    return nodes


def _vis_edges(fw: Framework, result: Layout, m: dict) -> list[dict[str, Any]]:
    """vis-network's edges, between box numbers (see ``_vis_nodes``); link ``k`` of ``result.links`` is ``ek``.

    A link of unstated strength (most links of a big framework) takes its width and dashes from the
    options, so a page of 100,000 links carries only their ends.
    """
    strength = {(link.source, link.target): link.strength for link in fw.links}
    number = {node_id: k for k, node_id in enumerate(result.x)}
    edges = []
    for k, (source, target) in enumerate(result.links):
        grade = strength.get((source, target), "unknown")
        edge: dict[str, Any] = {"id": f"e{k}", "from": number[source], "to": number[target]}
        if grade != "unknown":
            edge["width"] = STRENGTH_WIDTH[grade] * m["edge"]
            edge["dashes"] = False
        edges.append(edge)
    return edges


_LINK_COLOUR = {"color": "#4d4d4d", "highlight": TEXT, "hover": TEXT, "inherit": False}
_RADIUS = {"square": 0, "triangle": 6, "circle": 18, "diamond": 3, "star": 10, "hexagon": 12}


def _colours(style: LevelStyle) -> dict[str, Any]:
    return {
        "background": style.fill,
        "border": style.colour,
        "highlight": {"background": style.fill, "border": TEXT},
        "hover": {"background": style.fill, "border": TEXT},
    }


def _groups(styles: dict[str, LevelStyle]) -> dict[str, Any]:
    """One vis group a level: its colours and corner shape, set once rather than on every box."""
    return {
        f"level:{level}": {"color": _colours(style), "shapeProperties": {"borderRadius": _RADIUS[style.mark]}}
        for level, style in styles.items()
    }


def _options(m: dict, styles: dict[str, LevelStyle], many_links: bool = False) -> dict[str, Any]:
    """vis-network's options: fixed boxes, no physics; with ``many_links``, links hide while zooming too."""
    return {
        "groups": _groups(styles),
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False, "hierarchical": {"enabled": False}},
        "interaction": {
            "hover": True,
            "dragNodes": False,
            "multiselect": False,
            "navigationButtons": False,
            "keyboard": {"enabled": False},
            "tooltipDelay": 300,
            "hideEdgesOnDrag": True,
            "hideEdgesOnZoom": many_links,
            "zoomSpeed": 0.6,
        },
        "edges": {
            "width": STRENGTH_WIDTH["unknown"] * m["edge"],
            "dashes": [8, 6],
            "smooth": False,
            "color": _LINK_COLOUR,
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.6}},
            "selectionWidth": 1,
        },
        "nodes": {
            "shape": "box",
            "borderWidth": 2,
            "borderWidthSelected": 4,
            "font": {"color": TEXT, "size": m["font"], "face": "Arial, Helvetica, sans-serif", "align": "left"},
            "margin": m["margin"],
            "widthConstraint": {"minimum": m["width"], "maximum": m["width"]},
            "heightConstraint": {"valign": "middle"},
            "physics": False,
            "fixed": True,
        },
    }


def _details(fw: Framework, shown: list[Node]) -> list[list[Any]]:
    """What the details panel says about each shown box, in box-number order: plain strings, set as text."""
    names = {s.id: s.name for s in fw.stakeholders}
    return [
        [
            n.label,
            fw.level_label(n.level),
            n.description or "",
            [names.get(s, s) for s in n.stakeholders],
            list(n.cohorts),
            [i.name + (f" ({i.source})" if i.source else "") for i in n.indicators],
            [e.title for e in n.evidence],
        ]
        for n in shown
    ]


_STRENGTHS = ("strong", "moderate", "weak", "unknown")
_STRENGTH_WORDS = ["Strong evidence", "Moderate evidence", "Weak evidence", "Strength of evidence not stated"]


def _link_details(fw: Framework, result: Layout) -> list[list[Any]]:
    """What the details panel says about each link (``ek`` is item k): its strength (a number into
    ``_STRENGTH_WORDS``), then its rationale and assumptions when it has any."""
    by_pair = {(link.source, link.target): link for link in fw.links}
    grade = {name: k for k, name in enumerate(_STRENGTHS)}
    out = []
    for pair in result.links:
        link = by_pair[pair]
        item: list[Any] = [grade.get(link.strength, grade["unknown"])]
        if link.rationale or link.assumptions:
            item += [link.rationale or "", list(link.assumptions)]
        out.append(item)
    return out


_CSS = """
html, body { margin: 0; padding: 0; height: __HEIGHT__px; font-family: Arial, Helvetica, sans-serif;
  color: #1a1a1a; background: #ffffff; font-size: __FONT__px; }
body { display: flex; flex-direction: column; overflow: hidden; }
#lm-bar { flex: 0 0 auto; padding: 6px 10px; border-bottom: 1px solid #b3b3b3; display: flex;
  flex-wrap: wrap; gap: 6px 18px; align-items: center; }
#lm-bar h1 { font-size: 1.3em; margin: 0 12px 0 0; }
#lm-bar label { font-weight: bold; }
#lm-filters { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; }
#lm-bar #lm-filters select { max-width: 13em; }
#lm-bar select, #lm-bar button { font-size: 1em; max-width: 24em; color: #1a1a1a; background: #ffffff;
  border: 1px solid #595959; border-radius: 4px; padding: 2px 6px; }
#lm-bar button:focus-visible, #lm-bar select:focus-visible { outline: 3px solid #0072B2; outline-offset: 1px; }
.lm-legend { display: flex; flex-wrap: wrap; gap: 4px 14px; align-items: center; margin: 0; padding: 0;
  list-style: none; }
.lm-legend li { display: flex; align-items: center; gap: 5px; }
.lm-swatch { display: inline-block; min-width: 1.4em; text-align: center; border: 2px solid; padding: 0 2px;
  line-height: 1.3em; }
.card { flex: 1 1 auto; display: flex; flex-direction: column; min-height: 0; position: relative; }
#mynetwork { flex: 1 1 auto; float: none !important; width: 100% !important; height: auto !important;
  min-height: 0; border: none !important; }
#lm-details { position: absolute; right: 10px; bottom: 10px; max-width: min(34em, 45%); max-height: 60%;
  overflow: auto; background: #ffffff; border: 2px solid #1a1a1a; border-radius: 6px; padding: 8px 12px;
  display: none; box-shadow: 0 2px 8px rgba(0,0,0,0.25); }
#lm-details h2 { font-size: 1.1em; margin: 0 0 4px 0; }
#lm-details p, #lm-details ul { margin: 4px 0; }
#lm-details .lm-muted { color: #4d4d4d; }
#lm-tip { position: absolute; pointer-events: none; display: none; background: #1a1a1a; color: #ffffff;
  padding: 4px 8px; border-radius: 4px; max-width: 26em; z-index: 5; }
#lm-status { position: absolute; left: 10px; bottom: 10px; background: #ffffff; color: #1a1a1a; padding: 2px 6px;
  border: 1px solid #b3b3b3; border-radius: 4px; }
.vis-tooltip { display: none !important; }
"""

_SCRIPT = r"""
(function () {
  "use strict";
  // Boxes are numbered 0..n-1 in vis-network (data.ids[k] is box k's own id), so every table of boxes is an
  // array indexed by that number, and every table keyed by text is a Map: an id or a name such as
  // "__proto__" or "constructor" is just text here, never the name of a property of an object.
  var data = JSON.parse(document.getElementById("lm-data").textContent);
  var ids = data.ids, n = ids.length, details = data.details, faded = data.faded;
  var colours = new Map(data.colours), number = new Map();
  ids.forEach(function (id, k) { number.set(id, k); });
  var succ = [], pred = [], base = [], hidden = new Uint8Array(n);
  for (var k = 0; k < n; k++) {
    succ.push([]);
    pred.push([]);
    base.push({id: k, color: colours.get(nodes.get(k).group), font: {color: data.text}, borderWidth: 2});
  }
  var edgeList = edges.get({fields: ["id", "from", "to", "width"]});
  var baseEdge = edgeList.map(function (e) {
    succ[e.from].push(e.to);
    pred[e.to].push(e.from);
    return {id: e.id, color: data.linkColour, width: e.width === undefined ? data.linkWidth : e.width};
  });
  function reach(start, adjacency) {
    var seen = new Uint8Array(n), stack = [start], count = 1;
    seen[start] = 1;
    while (stack.length) {
      var next = adjacency[stack.pop()];
      for (var i = 0; i < next.length; i++) {
        if (!seen[next[i]] && !hidden[next[i]]) { seen[next[i]] = 1; count++; stack.push(next[i]); }
      }
    }
    return {seen: seen, count: count};
  }
  function pathway(k) {
    var up = reach(k, pred), down = reach(k, succ), all = new Uint8Array(n), chosen = [];
    for (var i = 0; i < n; i++) {
      if (up.seen[i] || down.seen[i]) { all[i] = 1; chosen.push(ids[i]); }
    }
    return {up: up.seen, down: down.seen, all: all, ups: up.count - 1, downs: down.count - 1, ids: chosen.sort()};
  }
  var panel = document.getElementById("lm-details");
  var picker = document.getElementById("lm-pick");
  var status = document.getElementById("lm-status");
  function add(parent, tag, text, cls) {
    var el = document.createElement(tag);
    el.textContent = text;
    if (cls) el.className = cls;
    parent.appendChild(el);
    return el;
  }
  function list(title, items) {
    if (!items.length) return;
    add(panel, "p", title + ":", "lm-muted");
    var ul = add(panel, "ul", "");
    items.forEach(function (item) { add(ul, "li", item); });
  }
  function show(k, route) {
    var d = details[k];
    panel.textContent = "";
    add(panel, "h2", d[0]);
    add(panel, "p", d[1], "lm-muted");
    if (d[2]) add(panel, "p", d[2]);
    list("Stakeholders", d[3]);
    list("Cohorts", d[4]);
    list("Indicators", d[5]);
    list("Evidence", d[6]);
    var up = route.ups, down = route.downs;
    add(panel, "p", up + " box" + (up === 1 ? "" : "es") + " lead to it; it leads to " + down +
        " box" + (down === 1 ? "" : "es") + ".", "lm-muted");
    panel.style.display = "block";
  }
  function highlight(k) {
    var route = pathway(k);
    var nodeUpdates = base.map(function (b, i) {
      if (route.all[i]) return {id: i, color: b.color, font: b.font, borderWidth: i === k ? 5 : 3};
      return {id: i, color: {background: "#ffffff", border: faded.border,
        highlight: {background: "#ffffff", border: faded.border}, hover: {background: "#ffffff", border: "#1a1a1a"}},
        font: {color: faded.text}, borderWidth: 1};
    });
    var edgeUpdates = edgeList.map(function (e, i) {
      var on = (route.up[e.from] && route.up[e.to]) || (route.down[e.from] && route.down[e.to]);
      return {id: e.id, color: on ? {color: "#1a1a1a", inherit: false} : {color: faded.edge, inherit: false},
        width: on ? baseEdge[i].width * 1.6 : baseEdge[i].width};
    });
    nodes.update(nodeUpdates);
    edges.update(edgeUpdates);
    show(k, route);
    picker.value = String(k);
    window.logicModelPathway = route.ids;
    status.textContent = "Pathway of the chosen box: " + route.ids.length + " boxes. Click the background to clear.";
  }
  function reset() {
    nodes.update(base);
    edges.update(baseEdge);
    panel.style.display = "none";
    picker.value = "";
    window.logicModelPathway = [];
    status.textContent = "Click a box to see its pathway.";
  }
  var choices = document.createDocumentFragment();
  data.byLabel.forEach(function (k) {
    var option = document.createElement("option"), label = details[k][0];
    option.value = String(k);
    option.textContent = label.length > 80 ? label.slice(0, 79) + "…" : label;
    choices.appendChild(option);
  });
  picker.appendChild(choices);
  picker.addEventListener("change", function () {
    if (!picker.value) { reset(); return; }
    var k = Number(picker.value);
    highlight(k);
    network.focus(k, {scale: network.getScale(), animation: false});
  });
  document.getElementById("lm-clear").addEventListener("click", reset);
  document.getElementById("lm-fit").addEventListener("click", function () { network.fit({animation: false}); });
  function isBox(id) { return typeof id === "number" && id >= 0 && id < n; }
  function isLink(id) { return typeof id === "string" && /^e\d+$/.test(id) && Number(id.slice(1)) < data.links.length; }
  function showLink(id) {
    var l = data.links[Number(id.slice(1))], e = edges.get(id);
    reset();
    panel.textContent = "";
    add(panel, "h2", "Link");
    add(panel, "p", details[e.from][0] + " → " + details[e.to][0]);
    add(panel, "p", data.strengths[l[0]], "lm-muted");
    if (l[1]) add(panel, "p", l[1]);
    list("Assumptions", l[2] || []);
    panel.style.display = "block";
  }
  network.on("click", function (params) {
    if (params.nodes.length && isBox(params.nodes[0])) highlight(params.nodes[0]);
    else if (!params.nodes.length && params.edges.length === 1 && isLink(params.edges[0])) showLink(params.edges[0]);
    else reset();
  });
  var tip = document.getElementById("lm-tip");
  network.on("hoverNode", function (params) {
    if (!isBox(params.node)) return;
    var d = details[params.node];
    tip.textContent = d[0] + " (" + d[1] + ")";
    tip.style.left = (params.pointer.DOM.x + 14) + "px";
    tip.style.top = (params.pointer.DOM.y + 14) + "px";
    tip.style.display = "block";
  });
  network.on("blurNode", function () { tip.style.display = "none"; });
  network.on("dragStart", function () { tip.style.display = "none"; });
  network.once("afterDrawing", function () {
    window.logicModelFirstFrame = performance.now();
    document.documentElement.setAttribute("data-drawn", "1");
  });
  function fold(text) { return text.toLowerCase().split(/\s+/).filter(Boolean).join(" "); }
  function fill(select, values) {
    Array.from(values.keys()).sort(function (a, b) { return values.get(a).localeCompare(values.get(b)); })
      .forEach(function (v) {
        var option = document.createElement("option");
        option.value = v;
        option.textContent = values.get(v);
        select.appendChild(option);
      });
  }
  var filters = document.getElementById("lm-filters");
  if (filters) {
    var byStakeholder = document.getElementById("lm-f-stakeholder"), byCohort = document.getElementById("lm-f-cohort");
    var byLevel = document.getElementById("lm-f-level"), names = new Map(), groups = new Map(), levels = new Map();
    details.forEach(function (d) {
      d[3].forEach(function (name) { names.set(name, name); });
      d[4].forEach(function (c) { if (!groups.has(fold(c))) groups.set(fold(c), c); });
      levels.set(d[1], d[1]);
    });
    fill(byStakeholder, names);
    fill(byCohort, groups);
    fill(byLevel, levels);
    var apply = function () {
      var s = byStakeholder.value, c = byCohort.value, l = byLevel.value, hide = new Uint8Array(n), gone = [];
      details.forEach(function (d, k) {
        var keep = (!s || d[3].indexOf(s) >= 0) && (!c || d[4].some(function (x) { return fold(x) === c; })) &&
          (!l || d[1] === l);
        if (!keep) { hide[k] = 1; gone.push(ids[k]); }
      });
      nodes.update(base.map(function (b, k) { return {id: k, hidden: !!hide[k]}; }));
      edges.update(edgeList.map(function (e) { return {id: e.id, hidden: !!(hide[e.from] || hide[e.to])}; }));
      Array.prototype.forEach.call(picker.options, function (option) {
        if (option.value) option.hidden = option.disabled = !!hide[Number(option.value)];
      });
      hidden = hide;
      var shownCount = n - gone.length;
      document.getElementById("lm-count").textContent = shownCount === n ? n + " boxes" :
        shownCount + " of " + n + " boxes shown";
      if (picker.value && hide[Number(picker.value)]) reset();
      else if (picker.value) highlight(Number(picker.value));
      window.logicModelHidden = gone.sort();
    };
    [byStakeholder, byCohort, byLevel].forEach(function (select) { select.addEventListener("change", apply); });
  }
  window.logicModelHighlight = function (id) { if (number.has(id)) highlight(number.get(id)); };
  window.logicModelReset = reset;
  window.logicModelVisId = function (id) { return number.has(id) ? number.get(id) : null; };
  var area = document.getElementById("mynetwork");
  var fits = Math.min(area.clientWidth / data.extent[0], area.clientHeight / data.extent[1]);
  if (fits >= data.readable) network.fit({animation: false});
  else if (n) {
    // Too small to read when it all fits: start readable at the top of the first column, next to its
    // heading; "Fit to view" shows it all.
    var first = null, positions = network.getPositions(base.map(function (b) { return b.id; }));
    for (var i = 0; i < n; i++) {
      var p = positions[i];
      var better = !first || p.x < first.x - 1 || (Math.abs(p.x - first.x) <= 1 && p.y < first.y);
      if (better) first = {x: p.x, y: p.y, id: i};
    }
    var canvas = document.getElementById("mynetwork"), b = network.getBoundingBox(first.id), s = data.readable;
    var top = b.top;
    for (var h = 0; h < data.headings; h++) {  // the level headings too, when they are near enough to show
      var box = network.getBoundingBox("h" + h);
      if (box.top < top && (b.top - box.top) * s < canvas.clientHeight * 0.4) top = box.top;
    }
    network.moveTo({scale: s, animation: false, position: {
      x: b.left - 20 / s + canvas.clientWidth / 2 / s,
      y: top - 20 / s + canvas.clientHeight / 2 / s}});
  }
})();
"""


_FILTERS = (
    '<span id="lm-filters">'
    '<label for="lm-f-stakeholder">Stakeholder</label> <select id="lm-f-stakeholder"><option value="">Everyone'
    '</option></select> <label for="lm-f-cohort">Cohort</label> <select id="lm-f-cohort"><option value="">'
    'All cohorts</option></select> <label for="lm-f-level">Level</label> <select id="lm-f-level"><option value="">'
    "All levels</option></select></span>"
)
"""Filters of the standalone page (in the app, the page's own widgets filter, and redraw the layout)."""


def _legend(result: Layout, styles: dict, m: dict) -> str:
    shown_levels = [band.level for band in result.bands]
    items = []
    for level in shown_levels:
        style = styles[level]
        items.append(
            f'<li><span class="lm-swatch" style="background:{style.fill};border-color:{style.colour}" '
            f'aria-hidden="true">{style.glyph}</span>{html.escape(style.label)}</li>'
        )
    scale = m["edge"]
    for grade in ("strong", "moderate", "weak", "unknown"):
        dash = ' stroke-dasharray="8 6"' if grade == "unknown" else ""
        width = STRENGTH_WIDTH[grade] * scale
        items.append(
            f'<li><svg width="{int(36 * scale)}" height="{int(12 * scale)}" aria-hidden="true">'
            f'<line x1="0" y1="{6 * scale}" x2="{36 * scale}" y2="{6 * scale}" stroke="#4d4d4d" '
            f'stroke-width="{width}"{dash}/></svg>{STRENGTH_LABELS[grade]}</li>'
        )
    return '<ul class="lm-legend" aria-label="Legend">' + "".join(items) + "</ul>"


def _finish(
    page: str,
    fw: Framework,
    result: Layout,
    styles: dict,
    m: dict,
    projector: bool,
    height: int,
    standalone: bool,
    shown: list[Node],
    group_by: str | None = None,
) -> str:
    """Make pyvis's page self-contained and safe, and add the legend, toolbar, details and pathway script."""
    _check_template()
    page = _strip_remote(page)
    title = html.escape(without_unwritable(fw.meta.title))
    head = (
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{title}</title>"
        f"<style>{_asset('vis-network.css')}</style>"
        f"<script>{_asset('vis-network.min.js')}</script>"
        f"<style>{_CSS.replace('__HEIGHT__', str(height)).replace('__FONT__', str(int(m['font'])))}</style>"
    )
    count = len(result.x)
    words = f"{count} box{'es' if count != 1 else ''}"
    bar = (
        '<div id="lm-bar">'
        + (f"<h1>{title}</h1>" if standalone else "")
        + (_FILTERS if standalone else "")
        + '<label for="lm-pick">Pathway of</label><select id="lm-pick"><option value="">(choose a box)</option>'
        "</select>"
        '<button id="lm-clear" type="button">Clear</button><button id="lm-fit" type="button">Fit to view</button>'
        + f'<span id="lm-count">{html.escape(words)}</span>'
        + _legend(result, styles, m)
        + (
            f'<span id="lm-groups">Kept together by {group_by}, top to bottom: '
            f"{html.escape(' · '.join(group_order(fw, result, group_by)))}</span>"
            if group_by
            else ""
        )
        + "</div>"
    )
    page = page.replace("<body>", f'<body class="{"lm-projector" if projector else "lm-normal"}">' + bar, 1)
    ids = list(result.x)
    by_id = fw.node_by_id
    data = {
        "ids": ids,
        "details": _details(fw, [by_id[node_id] for node_id in ids]),
        "links": _link_details(fw, result),
        "strengths": _STRENGTH_WORDS,
        "linkWidth": STRENGTH_WIDTH["unknown"] * m["edge"],
        "linkColour": _LINK_COLOUR,
        "colours": [[f"level:{level}", _colours(style)] for level, style in styles.items()],
        "byLabel": sorted(range(len(ids)), key=lambda k: (by_id[ids[k]].label.casefold(), ids[k])),
        "headings": len(result.bands),
        "extent": [result.total_width + 2 * m["width"] * 0.1, result.total_height + 4 * m["heading"]],
        "text": TEXT,
        "readable": m["readable"] / m["font"],
        "faded": {"text": FADED_TEXT, "border": "#c8c8c8", "edge": "#e3e3e3"},
    }
    extra = (
        '<div id="lm-details" role="region" aria-label="Box details" aria-live="polite"></div>'
        '<div id="lm-tip" role="tooltip"></div><div id="lm-status">Click a box to see its pathway.</div>'
        f'<script type="application/json" id="lm-data">{json_for_script(data)}</script>'
    )
    label = f"Diagram of {words}; the list of boxes above explores it by keyboard"
    page = page.replace(
        '<div id="mynetwork" class="card-body"></div>',
        f'<div id="mynetwork" role="img" aria-label="{html.escape(label)}"></div>' + extra,
        1,
    )
    head_script, call, tail = page.rpartition("drawGraph();")
    if not call:
        raise RuntimeError("pyvis's page has no drawGraph() call; the template has changed")
    page = without_unwritable(head_script + call + _SCRIPT + tail)  # no character HTML forbids, whatever got past
    page = page.replace("<head>", "<head>" + head, 1)  # last: the other edits need not read past vis-network
    return "<!DOCTYPE html>\n" + page.lstrip()
