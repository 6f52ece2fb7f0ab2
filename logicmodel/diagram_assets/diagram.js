/* The interactive diagram's own script: draws the framework with vis-network, then lets people follow a
 * box's pathway (click it, or pick it from the list), read a box's or a link's details and, in the
 * standalone page, filter by stakeholder, cohort and level.
 *
 * Everything it draws comes from one JSON block, #lm-data, made by logicmodel/diagram.py, with named fields:
 *   nodes, edges, options   vis-network's boxes (numbered 0..n-1), level headings ("h0".."), links ("e0"..)
 *   ids                     ids[k] is box k's own id in the framework
 *   boxes                   what the details panel says, one array per field, indexed by box number:
 *                           label, level, description, stakeholders, cohorts, indicators, evidence
 *   links                   strength[j] (a number into strengths) of link "ej"; why: the links that say why
 *                           they hold, as {link: j, rationale, assumptions}
 *   strengths, byLabel, colours, headings, extent, readable, text, faded, linkWidth, linkColour
 *
 * Every table of boxes is an array indexed by box number, and every table keyed by text is a Map: an id or
 * a name such as "__proto__" or "constructor" is just text here, never the name of a property of an object.
 * User text reaches the page only through textContent, never as markup.
 */
/* global vis */
// vis-network's objects, global for the console and the browser tests (as pyvis's page had them).
var network, nodes, edges; // eslint-disable-line no-unused-vars

(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("lm-data").textContent);
  nodes = new vis.DataSet(data.nodes);
  edges = new vis.DataSet(data.edges);
  network = new vis.Network(document.getElementById("mynetwork"), {nodes: nodes, edges: edges}, data.options);
  var ids = data.ids, n = ids.length, box = data.boxes, faded = data.faded;
  var colours = new Map(data.colours), number = new Map();
  ids.forEach(function (id, k) { number.set(id, k); });
  var why = new Map(data.links.why.map(function (w) { return [w.link, w]; }));
  var succ = [], pred = [], base = [], hidden = new Uint8Array(n);
  for (var k = 0; k < n; k++) {
    succ.push([]);
    pred.push([]);
    var own = nodes.get(k);  // a box's own mark (Compare's added, removed, changed) outlasts a highlight
    base.push({id: k, color: own.color || colours.get(own.group), font: {color: data.text},
      borderWidth: own.borderWidth || 2});
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
    panel.textContent = "";
    add(panel, "h2", box.label[k]);
    add(panel, "p", box.level[k], "lm-muted");
    if (box.description[k]) add(panel, "p", box.description[k]);
    list("Stakeholders", box.stakeholders[k]);
    list("Cohorts", box.cohorts[k]);
    list("Indicators", box.indicators[k]);
    list("Evidence", box.evidence[k]);
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
    var option = document.createElement("option"), label = box.label[k];
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
  function isLink(id) {
    return typeof id === "string" && /^e\d+$/.test(id) && Number(id.slice(1)) < data.links.strength.length;
  }
  function showLink(id) {
    var j = Number(id.slice(1)), e = edges.get(id), reason = why.get(j);
    reset();
    panel.textContent = "";
    add(panel, "h2", "Link");
    add(panel, "p", box.label[e.from] + " → " + box.label[e.to]);
    add(panel, "p", data.strengths[data.links.strength[j]], "lm-muted");
    if (reason && reason.rationale) add(panel, "p", reason.rationale);
    list("Assumptions", reason ? reason.assumptions : []);
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
    tip.textContent = box.label[params.node] + " (" + box.level[params.node] + ")";
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
    for (var b = 0; b < n; b++) {
      box.stakeholders[b].forEach(function (name) { names.set(name, name); });
      box.cohorts[b].forEach(function (c) { if (!groups.has(fold(c))) groups.set(fold(c), c); });
      levels.set(box.level[b], box.level[b]);
    }
    fill(byStakeholder, names);
    fill(byCohort, groups);
    fill(byLevel, levels);
    var apply = function () {
      var s = byStakeholder.value, c = byCohort.value, l = byLevel.value, hide = new Uint8Array(n), gone = [];
      for (var k = 0; k < n; k++) {
        var keep = (!s || box.stakeholders[k].indexOf(s) >= 0) &&
          (!c || box.cohorts[k].some(function (x) { return fold(x) === c; })) && (!l || box.level[k] === l);
        if (!keep) { hide[k] = 1; gone.push(ids[k]); }
      }
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
    var s = data.readable, at = network.getBoundingBox(first.id), top = at.top;
    for (var h = 0; h < data.headings; h++) {  // the level headings too, when they are near enough to show
      var heading = network.getBoundingBox("h" + h);
      if (heading.top < top && (at.top - heading.top) * s < area.clientHeight * 0.4) top = heading.top;
    }
    network.moveTo({scale: s, animation: false, position: {
      x: at.left - 20 / s + area.clientWidth / 2 / s,
      y: top - 20 / s + area.clientHeight / 2 / s}});
  }
})();
