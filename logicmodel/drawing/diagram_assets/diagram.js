/* The interactive diagram's own script: draws the framework with vis-network, then lets people follow a
 * box's pathway (click it, or pick it from the list), read a box's or a link's details and, in the
 * standalone page, filter by stakeholder, cohort and level.
 *
 * Everything it draws comes from one JSON block, #lm-data, made by logicmodel/drawing/diagram.py, with named fields:
 *   nodes, edges, options   vis-network's boxes (numbered 0..n-1), level headings ("h0".."), links ("e0"..)
 *   ids                     ids[k] is box k's own id in the framework
 *   boxes                   what the details panel says, one array per field, indexed by box number:
 *                           label, level, description, stakeholders, cohorts, indicators, evidence
 *   links                   strength[j] (a number into strengths) of link "ej"; why: the links that say why
 *                           they hold, as {link: j, rationale, assumptions}
 *   strengths, byLabel, colours, headings, extent, readable, text, faded, linkWidth, linkColour
 *   routes                  [j, [x0, y0, x1, y1, ...]]: link "ej" skips columns and is drawn here along the
 *                           layout's bend points (its vis-network line is transparent, kept for clicks)
 *   boxWidth, boxHeight     a box's drawn width, and boxHeight[k] box k's height: to frame boxes on screen
 *   comments                null, or the open comment threads to mark (the Diagram page only): boxes [[k, count]],
 *                           links [[j, count]] (link "ej"), size (the mark's type size in the drawing's units)
 *   stories                 null, or the presentation's stories: [{title, steps: [{nodes: [k...], title,
 *                           note}]}]; with present: {panel, pad, most, font} and start (the first step)
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
  var succ = [], pred = [], base = [], drawn = [], hidden = new Uint8Array(n);
  for (var k = 0; k < n; k++) {
    succ.push([]);
    pred.push([]);
    var own = nodes.get(k);
    // A box's own mark (Compare's added, removed, changed: ``keep``) outlasts a highlight; a fade does not.
    base.push({id: k, color: own.keep ? own.color : colours.get(own.group), font: {color: data.text},
      borderWidth: own.keep ? own.borderWidth : 2});
    // As first drawn: a box the page fades (diagram.py's emphasis) comes back faded when a pathway is cleared.
    drawn.push(own.color ? {id: k, color: own.color, font: own.font || base[k].font, borderWidth: own.borderWidth} : base[k]);
  }
  var edgeList = edges.get({fields: ["id", "from", "to", "width", "dashes", "color", "paint"]});
  var routes = new Map(data.routes), look = [];  // look[j]: the colour and width a routed link is drawn in
  var CLEAR = "rgba(0,0,0,0)", ROUTED = {color: CLEAR, highlight: CLEAR, hover: CLEAR, inherit: false};
  // As first drawn: a link the page fades (diagram.py's emphasis) comes back faded when a pathway is cleared;
  // a routed link's faded colour comes as ``paint``, since vis-network draws it clear.
  var firstColour = edgeList.map(function (e, j) {
    return e.paint || (e.color && !routes.has(j) ? e.color.color : data.linkColour.color);
  });
  var baseEdge = edgeList.map(function (e, j) {
    succ[e.from].push(e.to);
    pred[e.to].push(e.from);
    var width = e.width === undefined ? data.linkWidth : e.width;
    look.push({color: firstColour[j], width: width});
    return {id: e.id, color: routes.has(j) ? ROUTED : data.linkColour, width: width};
  });
  var drawnEdge = edgeList.map(function (e, j) {
    return e.color && !routes.has(j) ? {id: e.id, color: e.color, width: baseEdge[j].width} : baseEdge[j];
  });
  // The link as it should look: vis-network draws it, or, for a routed link, the drawing below does.
  function linkLook(j, colour, width) {
    if (!routes.has(j)) return {id: edgeList[j].id, color: {color: colour, inherit: false}, width: width};
    look[j] = {color: colour, width: width};
    return {id: edgeList[j].id, color: ROUTED, width: width};
  }
  function resetLooks() {
    edgeList.forEach(function (e, j) { look[j] = {color: firstColour[j], width: baseEdge[j].width}; });
  }
  // Links that skip columns go round the boxes, through the layout's bend points, as on the poster: drawn
  // under the boxes, each bend entered and left level (a cubic curve), with an arrowhead at the target.
  network.on("beforeDrawing", function (ctx) {
    routes.forEach(function (p, j) {
      var e = edgeList[j];
      if (hidden[e.from] || hidden[e.to]) return;
      var style = look[j], last = p.length - 2, size = 5 + 2 * style.width;
      ctx.save();
      ctx.strokeStyle = style.color;
      ctx.fillStyle = style.color;
      ctx.lineWidth = style.width;
      ctx.setLineDash(e.dashes === false ? [] : [8, 6]);
      ctx.beginPath();
      ctx.moveTo(p[0], p[1]);
      for (var i = 2; i < last; i += 2) {
        var dx = (p[i] - p[i - 2]) / 2;
        ctx.bezierCurveTo(p[i - 2] + dx, p[i - 1], p[i] - dx, p[i + 1], p[i], p[i + 1]);
      }
      var ex = p[last] - size, fx = (ex - p[last - 2]) / 2;
      ctx.bezierCurveTo(p[last - 2] + fx, p[last - 1], ex - fx, p[last + 1], ex, p[last + 1]);
      ctx.stroke();
      ctx.setLineDash([]);
      ctx.beginPath();
      ctx.moveTo(p[last], p[last + 1]);
      ctx.lineTo(ex, p[last + 1] - size * 0.6);
      ctx.lineTo(ex, p[last + 1] + size * 0.6);
      ctx.closePath();
      ctx.fill();
      ctx.restore();
    });
  });
  // Comment marks (the Diagram page only: comments stay out of exports and presentations): a speech bubble
  // with the count of open comment threads at the top right corner of a box, or at the middle of a link,
  // drawn over the diagram, so no box changes size. window.logicModelComments says where each is on screen.
  var commentsOnBox = new Map(), commentsOnLink = new Map();
  function threadWords(count) { return count + " open comment thread" + (count === 1 ? "" : "s"); }
  // A box's mark is a filled speech bubble; a link's is a round outlined one on the line, so the two differ.
  function bubble(ctx, x, y, count, size, onLink) {
    var text = String(count);
    ctx.font = "bold " + size + "px Arial, Helvetica, sans-serif";
    var h = size * 1.5, w = Math.max(ctx.measureText(text).width + size * 0.9, h), r = h / 2;
    var left = x - w / 2, top = y - h / 2, tail = size * 0.45;
    ctx.beginPath();
    ctx.moveTo(left + r, top);
    ctx.lineTo(left + w - r, top);
    ctx.arc(left + w - r, top + r, r, -Math.PI / 2, Math.PI / 2);
    if (!onLink) {
      ctx.lineTo(left + r + tail, top + h);
      ctx.lineTo(left + r - tail * 0.4, top + h + tail);
      ctx.lineTo(left + r, top + h);
    }
    ctx.arc(left + r, top + r, r, Math.PI / 2, Math.PI * 1.5);
    ctx.closePath();
    ctx.lineWidth = Math.max(size * (onLink ? 0.14 : 0.16), 1.5);
    ctx.strokeStyle = onLink ? "#003a70" : "#ffffff";
    ctx.stroke();
    ctx.fillStyle = onLink ? "#ffffff" : "#003a70";
    ctx.fill();
    ctx.fillStyle = onLink ? "#003a70" : "#ffffff";
    ctx.textAlign = "center";
    ctx.textBaseline = "middle";
    ctx.fillText(text, x, y + size * 0.05);
  }
  if (data.comments) {
    data.comments.boxes.forEach(function (c) { commentsOnBox.set(c[0], c[1]); });
    data.comments.links.forEach(function (c) { commentsOnLink.set(c[0], c[1]); });
    network.on("afterDrawing", function (ctx) {
      var size = data.comments.size, half = data.boxWidth / 2, shown = [];
      var ends = [];
      commentsOnLink.forEach(function (count, j) { ends.push(edgeList[j].from, edgeList[j].to); });
      var positions = network.getPositions(Array.from(commentsOnBox.keys()).concat(ends));
      ctx.save();
      commentsOnLink.forEach(function (count, j) {
        var e = edgeList[j], x, y;
        if (hidden[e.from] || hidden[e.to]) return;
        if (routes.has(j)) {  // on its level approach to the target, in the gap before the target's column
          var p = routes.get(j), last = p.length - 2;
          x = p[last] - size * 2; y = p[last + 1];
        } else {  // the middle of the line, in the gap between the two columns
          x = (positions[e.from].x + positions[e.to].x) / 2; y = (positions[e.from].y + positions[e.to].y) / 2;
        }
        bubble(ctx, x, y, count, size * 0.9, true);
        var at = network.canvasToDOM({x: x, y: y});
        shown.push({link: [ids[e.from], ids[e.to]], count: count, x: at.x, y: at.y});
      });
      commentsOnBox.forEach(function (count, k) {
        if (hidden[k]) return;
        var p = positions[k], x = p.x + half - size * 0.5, y = p.y - data.boxHeight[k] / 2;
        bubble(ctx, x, y, count, size);
        var at = network.canvasToDOM({x: x, y: y});
        shown.push({box: ids[k], count: count, x: at.x, y: at.y});
      });
      ctx.restore();
      window.logicModelComments = shown;
    });
  }
  var area = document.getElementById("mynetwork");
  // Frame boxes: zoom so that they fill the diagram but for ``right`` pixels kept clear on its right (where a
  // panel may be), never past ``most`` times; returns the scale.
  function frame(list, right, most, duration) {
    if (!list.length) return network.getScale();
    var positions = network.getPositions(list), half = data.boxWidth / 2;
    var left = Infinity, top = Infinity, rightmost = -Infinity, bottom = -Infinity;
    list.forEach(function (k) {
      var p = positions[k], h = data.boxHeight[k] / 2;
      left = Math.min(left, p.x - half); rightmost = Math.max(rightmost, p.x + half);
      top = Math.min(top, p.y - h); bottom = Math.max(bottom, p.y + h);
    });
    var pad = data.present ? data.present.pad : 20;
    var width = Math.max(area.clientWidth - right - 2 * pad, 50), height = Math.max(area.clientHeight - 2 * pad, 50);
    var s = Math.min(width / (rightmost - left), height / (bottom - top), most);
    network.moveTo({
      position: {x: (left + rightmost) / 2 + right / 2 / s, y: (top + bottom) / 2},
      scale: s,
      animation: duration ? {duration: duration, easingFunction: "easeInOutQuad"} : false
    });
    return s;
  }
  network.once("afterDrawing", function () {
    window.logicModelFirstFrame = performance.now();
    document.documentElement.setAttribute("data-drawn", "1");
  });
  function add(parent, tag, text, cls) {
    var el = document.createElement(tag);
    el.textContent = text;
    if (cls) el.className = cls;
    parent.appendChild(el);
    return el;
  }
  window.logicModelVisId = function (id) { return number.has(id) ? number.get(id) : null; };
  viewHooks(data, ids, function (j) { return routes.has(j); }, function (j) { return look[j]; });
  if (data.stories) { present(); return; }
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
    if (commentsOnBox.has(k)) add(panel, "p", threadWords(commentsOnBox.get(k)), "lm-comments");
    if (box.progress && box.progress[k]) add(panel, "p", box.progress[k], "lm-progress-said");
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
  function highlight(k, zoom) {
    var route = pathway(k);
    var nodeUpdates = base.map(function (b, i) {
      if (route.all[i]) return {id: i, color: b.color, font: b.font, borderWidth: i === k ? 5 : 3};
      return {id: i, color: {background: "#ffffff", border: faded.border,
        highlight: {background: "#ffffff", border: faded.border}, hover: {background: "#ffffff", border: "#1a1a1a"}},
        font: {color: faded.text}, borderWidth: 1};
    });
    var edgeUpdates = edgeList.map(function (e, i) {
      var on = (route.up[e.from] && route.up[e.to]) || (route.down[e.from] && route.down[e.to]);
      return linkLook(i, on ? "#1a1a1a" : faded.edge, on ? baseEdge[i].width * 1.6 : baseEdge[i].width);
    });
    nodes.update(nodeUpdates);
    edges.update(edgeUpdates);
    show(k, route);
    if (zoom) {  // the whole pathway in view, clear of the details panel on the right
      var members = [];
      for (var i = 0; i < n; i++) if (route.all[i]) members.push(i);
      frame(members, panel.offsetWidth + 20, Math.max(network.getScale(), 1), 300);
    }
    picker.value = String(k);
    window.logicModelPathway = route.ids;
    status.textContent = "Pathway of the chosen box: " + route.ids.length + " boxes. Click the background to clear.";
  }
  function reset() {
    nodes.update(drawn);
    edges.update(drawnEdge);
    resetLooks();
    panel.style.display = "none";
    picker.value = "";
    window.logicModelPathway = [];
    status.textContent = "Click a box to see its pathway. With the focus on the diagram, arrow keys move it, + and - zoom.";
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
    highlight(Number(picker.value), true);
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
    if (commentsOnLink.has(j)) add(panel, "p", threadWords(commentsOnLink.get(j)), "lm-comments");
    if (reason && reason.rationale) add(panel, "p", reason.rationale);
    list("Assumptions", reason ? reason.assumptions : []);
    panel.style.display = "block";
  }
  network.on("click", function (params) {
    if (params.nodes.length && isBox(params.nodes[0])) highlight(params.nodes[0], true);
    else if (!params.nodes.length && params.edges.length === 1 && isLink(params.edges[0])) showLink(params.edges[0]);
    else reset();
  });
  var tip = document.getElementById("lm-tip");
  network.on("hoverNode", function (params) {
    if (!isBox(params.node)) return;
    tip.textContent = box.label[params.node] + " (" + box.level[params.node] + ")" +
      (commentsOnBox.has(params.node) ? ": " + threadWords(commentsOnBox.get(params.node)) : "");
    tip.style.left = (params.pointer.DOM.x + 14) + "px";
    tip.style.top = (params.pointer.DOM.y + 14) + "px";
    tip.style.display = "block";
  });
  network.on("blurNode", function () { tip.style.display = "none"; });
  network.on("dragStart", function () { tip.style.display = "none"; });
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
  // The first view, as the engine shaped the drawing for it (``logicmodel.drawing.diagram._fits``): all of it when
  // its labels are readable so; else its whole width, from the top, at a readable size (never past its own
  // size; dragging shows the rest below); else, too wide to read across, readable at the top of the first
  // column, next to its heading. "Fit to view" shows it all, however small.
  function startView() {
    if (!n) { network.fit({animation: false}); return; }
    var all = base.map(function (b) { return b.id; }), heads = [];
    for (var h = 0; h < data.headings; h++) heads.push("h" + h);
    var top = Infinity, bottom = -Infinity, left = Infinity, right = -Infinity;
    all.concat(heads).forEach(function (k) {
      var b = network.getBoundingBox(k);
      if (!b) return;
      top = Math.min(top, b.top); bottom = Math.max(bottom, b.bottom);
      left = Math.min(left, b.left); right = Math.max(right, b.right);
    });
    var margin = 20, across = area.clientWidth / (right - left + 2 * margin);
    var whole = Math.min(across, area.clientHeight / (bottom - top + 2 * margin)), s;
    if (whole >= data.readable) {
      s = Math.min(whole, data.largest);
      network.moveTo({scale: s, animation: false, position: {x: (left + right) / 2, y: (top + bottom) / 2}});
    } else if (across >= data.readable) {
      s = Math.min(across, 1);
      network.moveTo({scale: s, animation: false, position: {
        x: (left + right) / 2, y: top - margin / s + area.clientHeight / 2 / s}});
    } else {
      var first = null, positions = network.getPositions(all);
      for (var i = 0; i < n; i++) {
        var p = positions[i];
        var better = !first || p.x < first.x - 1 || (Math.abs(p.x - first.x) <= 1 && p.y < first.y);
        if (better) first = {x: p.x, y: p.y, id: i};
      }
      s = data.readable;
      var at = network.getBoundingBox(first.id), high = at.top;
      heads.forEach(function (k) {  // the level headings too, when they are near enough to show
        var heading = network.getBoundingBox(k);
        if (heading.top < high && (at.top - heading.top) * s < area.clientHeight * 0.4) high = heading.top;
      });
      network.moveTo({scale: s, animation: false, position: {
        x: at.left - margin / s + area.clientWidth / 2 / s,
        y: high - margin / s + area.clientHeight / 2 / s}});
    }
  }
  startView();

  // The presentation: one story a step at a time. Each step frames its boxes in the diagram (the rest faded,
  // still there), and the panel beside it (never over it) says the step's title and note and what the boxes
  // and the links between them say. Keys are what a presentation clicker sends.
  function present() {
    var stories = data.stories, geometry = data.present, story = -1, step = 0, moves = 0;
    var counter = document.getElementById("lm-counter"), storyTitle = document.getElementById("lm-story");
    var text = document.getElementById("lm-step"), chooser = document.getElementById("lm-chooser");
    var grey = {background: "#ffffff", border: faded.border,
      highlight: {background: "#ffffff", border: faded.border}, hover: {background: "#ffffff", border: faded.border}};
    var strengthOf = data.links.strength;
    function list(parent, title, items) {
      if (!items.length) return;
      add(parent, "p", title, "lm-muted lm-label");
      var ul = add(parent, "ul", "");
      items.forEach(function (item) { add(ul, "li", item); });
    }
    // Everything the panel says of a step, in a detached element: its title and note, then each box not
    // described by an earlier step, then each link between the step's boxes.
    function describe(st) {
      var full = document.createElement("div");
      if (st.title) add(full, "h1", st.title);
      if (st.note) add(full, "p", st.note, "lm-note");
      var inStep = new Uint8Array(n);
      st.nodes.forEach(function (k) { inStep[k] = 1; });
      var told = new Uint8Array(n);  // boxes an earlier step described: here only their links are
      stories[story].steps.slice(0, step).forEach(function (earlier) {
        earlier.nodes.forEach(function (k) { told[k] = 1; });
      });
      st.nodes.forEach(function (k) {
        if (told[k]) return;
        var first = !full.querySelector("section"), part = add(full, "section", "");
        part.setAttribute("data-name", box.label[k]);
        if (!(first && st.title === box.label[k])) add(part, "h2", box.label[k]);  // not twice in a row
        add(part, "p", box.level[k], "lm-muted");
        if (box.progress && box.progress[k]) add(part, "p", box.progress[k]);
        list(part, "Indicators", box.indicators[k]);
        list(part, "Evidence", box.evidence[k]);
      });
      edgeList.forEach(function (e, j) {
        if (!(inStep[e.from] && inStep[e.to]) || (told[e.from] && told[e.to])) return;
        var part = add(full, "section", "", "lm-link"), name = box.label[e.from] + " → " + box.label[e.to];
        part.setAttribute("data-name", name);
        add(part, "h2", name);
        add(part, "p", data.strengths[strengthOf[j]], "lm-muted");
        var reason = why.get(j);
        if (reason && reason.rationale) add(part, "p", reason.rationale);
        list(part, "Assumptions", reason ? reason.assumptions : []);
      });
      return full;
    }
    // The panel never scrolls (a clicker cannot scroll) and its type never shrinks: a step that says more
    // than the panel holds is told in parts, → reading on to the next part before the next step. A part is
    // a run of pieces (a heading, a paragraph, a list item) kept in their sections and lists; a heading is
    // never the last piece of a part, and a piece too long for a part of its own is cut between words.
    var panelBox = document.getElementById("lm-panel"), parts = [[]], part = 0;
    function pieces(full) {
      var out = [];
      (function walk(parent, wrap, section) {
        Array.prototype.forEach.call(parent.children, function (el) {
          if (el.tagName === "SECTION" || el.tagName === "UL") {
            walk(el, wrap.concat([el]), el.tagName === "SECTION" ? el : section);
            return;
          }
          out.push({el: el, wrap: wrap, section: section, first: !section || section.firstElementChild === el,
            keep: el.tagName === "H1" || el.tagName === "H2" || el.classList.contains("lm-label")});
        });
      })(full, [], null);
      return out;
    }
    function render(list) {
      text.textContent = "";
      var open = [];  // [original wrapper, its copy on the panel]
      list.forEach(function (piece, i) {
        var depth = 0;
        while (depth < open.length && depth < piece.wrap.length && open[depth][0] === piece.wrap[depth]) depth++;
        open.length = depth;
        piece.wrap.slice(depth).forEach(function (wrapper) {
          var copy = wrapper.cloneNode(false);
          (open.length ? open[open.length - 1][1] : text).appendChild(copy);
          open.push([wrapper, copy]);
          if (wrapper === piece.section && i === 0 && !piece.first) {  // a section carried over: say whose
            add(copy, "h2", piece.section.getAttribute("data-name") + " (continued)");
          }
        });
        (open.length ? open[open.length - 1][1] : text).appendChild(piece.el.cloneNode(true));
      });
    }
    function overflows() { return panelBox.scrollHeight > panelBox.clientHeight; }
    function fits(list) { render(list); return !overflows(); }
    function cut(piece, words, k) {
      var el = piece.el.cloneNode(false);
      el.textContent = words.slice(0, k).join(words.joiner);
      return {el: el, wrap: piece.wrap, section: piece.section, first: piece.first && k === 0, keep: false};
    }
    // The longest beginning of ``piece`` that fits after ``page``, and the rest; null if not a word fits.
    function split(page, piece) {
      var whole = piece.el.textContent, words = whole.split(" ");
      words.joiner = " ";
      if (words.length < 2) { words = Array.from(whole); words.joiner = ""; }
      var low = 0, high = words.length - 1;
      while (low < high) {
        var mid = Math.ceil((low + high) / 2);
        if (fits(page.concat([cut(piece, words, mid)]))) low = mid; else high = mid - 1;
      }
      if (!low) return null;
      var head = cut(piece, words, low), rest = piece.el.cloneNode(false);
      rest.textContent = words.slice(low).join(words.joiner);
      head.first = piece.first;
      return [head, {el: rest, wrap: piece.wrap, section: piece.section, first: false, keep: false}];
    }
    function paginate(full) {
      var queue = pieces(full), pages = [], page = [];
      counter.textContent = "Step " + (step + 1) + " of " + stories[story].steps.length + " · part 1 of 2";
      while (queue.length) {
        var piece = queue.shift();
        if (fits(page.concat([piece]))) { page.push(piece); continue; }
        if (page.length) {  // a new part, taking along the headings that would end this one
          var carry = [];
          while (page.length > 1 && page[page.length - 1].keep) carry.unshift(page.pop());
          pages.push(page);
          page = carry;
          if (fits(page.concat([piece]))) { page.push(piece); continue; }
        }
        var halves = split(page, piece);  // too long for a part of its own: cut where the panel is full
        if (halves) {
          pages.push(page.concat([halves[0]]));
          page = [];
          queue.unshift(halves[1]);
        } else if (page.length) {
          pages.push(page);
          page = [];
          queue.unshift(piece);
        } else {
          page.push(piece);  // not one character fits: shown as it is (no panel is that small)
        }
      }
      if (page.length || !pages.length) pages.push(page);
      return pages;
    }
    function showPart() {
      render(parts[part]);
      panelBox.scrollTop = 0;
      var steps = stories[story].steps;
      counter.textContent = "Step " + (step + 1) + " of " + steps.length +
        (parts.length > 1 ? " · part " + (part + 1) + " of " + parts.length : "");
      document.documentElement.setAttribute("data-part", part + "/" + parts.length);
      if (window.logicModelStep && window.logicModelStep.step === step && window.logicModelStep.story === story) {
        window.logicModelStep.part = part;
        window.logicModelStep.parts = parts.length;
      }
    }
    function go(i, animate, lastPart) {
      var steps = stories[story].steps;
      step = Math.max(0, Math.min(i, steps.length - 1));
      var st = steps[step], inStep = new Uint8Array(n);
      st.nodes.forEach(function (k) { inStep[k] = 1; });
      nodes.update(base.map(function (b, k) {
        return inStep[k] ? {id: k, color: b.color, font: b.font, borderWidth: 3} :
          {id: k, color: grey, font: {color: faded.text}, borderWidth: 1};
      }));
      edges.update(edgeList.map(function (e, j) {
        var on = inStep[e.from] && inStep[e.to];
        return linkLook(j, on ? "#1a1a1a" : faded.edge, on ? baseEdge[j].width * 1.6 : baseEdge[j].width);
      }));
      storyTitle.textContent = stories[story].title;
      parts = paginate(describe(st));
      part = lastPart ? parts.length - 1 : 0;
      showPart();
      var settled = function () {
        window.logicModelStep = {story: story, step: step, nodes: st.nodes.map(function (k) { return ids[k]; }),
          font: geometry.font, scale: network.getScale(), part: part, parts: parts.length};
        document.documentElement.setAttribute("data-step", story + ":" + step);
      };
      document.documentElement.removeAttribute("data-step");
      var token = ++moves;
      frame(st.nodes, 0, geometry.most, animate === false ? 0 : 350);
      if (animate === false) settled();
      else network.once("animationFinished", function () { if (token === moves) settled(); });
    }
    function next() {
      if (part < parts.length - 1) { part += 1; showPart(); }
      else if (step < stories[story].steps.length - 1) go(step + 1);
    }
    function back() {
      if (part > 0) { part -= 1; showPart(); }
      else if (step > 0) go(step - 1, true, true);
    }
    // Each story is drawn with its own boxes together at the top of each column: move the boxes there, and
    // route its links along that drawing's bend points.
    function arrange(s) {
      var told = stories[s];
      if (!told.y) return;
      nodes.update(told.y.map(function (y, k) { return {id: k, y: y}; }));
      routes = new Map(told.routes);
      baseEdge.forEach(function (b, j) { b.color = routes.has(j) ? ROUTED : data.linkColour; });
      resetLooks();
    }
    function begin(s) {
      story = s;
      arrange(s);
      if (chooser) chooser.style.display = "none";
      go(s === 0 ? Math.min(data.start, stories[0].steps.length - 1) : 0, false);
      area.focus();
    }
    function leave() {
      if (chooser) {  // the offline file: back to its list of stories
        var last = story;
        story = -1;
        nodes.update(base);
        edges.update(baseEdge);
        resetLooks();
        chooser.style.display = "flex";
        document.documentElement.removeAttribute("data-step");
        document.documentElement.removeAttribute("data-part");
        var left = chooser.querySelectorAll("#lm-stories button")[last];  // the story just left keeps the focus
        if (left) left.focus();
        return;
      }
      try {  // inside the app: its "Stop presenting" button
        var stop = window.parent.document.querySelector(".st-key-lm_present_stop button");
        if (stop) stop.click();
      } catch (e) { /* not allowed to reach the app: nothing to leave */ }
    }
    window.logicModelGo = function (s, i, animate) {
      if (s !== story) { story = s; arrange(s); }
      go(i, animate);
    };
    window.logicModelLeave = leave;
    document.getElementById("lm-next").addEventListener("click", function () { if (story >= 0) next(); });
    document.getElementById("lm-back").addEventListener("click", function () { if (story >= 0) back(); });
    document.addEventListener("keydown", function (ev) {
      if (ev.altKey || ev.ctrlKey || ev.metaKey) return;
      var key = ev.key;
      if (key === "f" || key === "F") {
        if (document.fullscreenElement) document.exitFullscreen();
        else if (document.documentElement.requestFullscreen) {
          document.documentElement.requestFullscreen().catch(function () { return null; });  // refused: stay
        }
      } else if (key === "Escape" || key === "Esc") {
        if (story >= 0 || !chooser) leave();
      } else if (story < 0) {  // the list of stories: what a clicker sends starts the focused one (or the first)
        var buttons = Array.prototype.slice.call(chooser.querySelectorAll("#lm-stories button"));
        var at = buttons.indexOf(document.activeElement);
        if (!buttons.length) return;
        if (key === "ArrowRight" || key === "PageDown" || key === " " || key === "Spacebar") {
          begin(Math.max(at, 0));
        } else if (key === "ArrowDown" || key === "ArrowUp") {
          buttons[Math.max(0, Math.min(buttons.length - 1, at + (key === "ArrowDown" ? 1 : -1)))].focus();
        } else {
          return;  // Enter and Tab: as any button takes them
        }
      } else if (key === "ArrowRight" || key === "PageDown" || key === " " || key === "Spacebar") {
        next();
      } else if (key === "ArrowLeft" || key === "PageUp") {
        back();
      } else if (key === "Home") {
        go(0);
      } else if (key === "End") {
        go(stories[story].steps.length - 1);
      } else {
        return;
      }
      ev.preventDefault();
    });
    window.addEventListener("resize", function () {
      if (story < 0) return;
      frame(stories[story].steps[step].nodes, 0, geometry.most, 0);
      parts = paginate(describe(stories[story].steps[step]));  // a new size holds more or less of the step
      part = Math.min(part, parts.length - 1);
      showPart();
    });
    if (chooser) {
      var items = document.getElementById("lm-stories");
      stories.forEach(function (st, s) {
        var item = add(items, "li", "");
        var button = add(item, "button", st.title);
        button.type = "button";
        add(item, "span", " " + st.steps.length + " step" + (st.steps.length === 1 ? "" : "s"), "lm-muted");
        button.addEventListener("click", function () { begin(s); });
      });
      network.fit({animation: false});
      var first = chooser.querySelector("button");
      if (first) first.focus();
      if (!stories.length) add(items, "li", "This framework has no stories yet.");
    } else if (stories.length) {
      begin(0);
    }
  }
})();

/* The test hook contract (window.logicModelView, window.logicModelNumber): what the browser tests and the
 * benchmark read of the diagram as drawn, the same whichever renderer draws it. Here a thin layer over
 * vis-network. Points on screen are CSS pixels from the diagram's (#mynetwork's) top-left corner, as
 * vis-network's canvasToDOM gives them. drawn() is counted from the view when asked (vis-network does not say
 * what it drew): boxes in view, labels at a size vis-network draws, links shown, one path a link. */
function viewHooks(data, ids, routed, look) {
  "use strict";
  var n = ids.length, links = data.links.strength.length, frames = 0, started = 0, took = 0;
  var view = {ready: false, firstFrame: null};
  window.logicModelNumber = window.logicModelVisId;
  function node(k) { return network.body.nodes[k]; }
  function describe(k) {
    var b = node(k), o = b.options;
    // Its size as the engine lays it out (vis-network's bounding box takes in the corners' rounding too).
    return {id: ids[k], label: o.label, x: b.x, y: b.y, width: data.boxWidth, height: data.boxHeight[k],
      font: o.font.size, fill: o.color.background, border: o.color.border, borderWidth: o.borderWidth,
      dashed: !!(o.shapeProperties && o.shapeProperties.borderDashes), text: o.font.color, hidden: !!o.hidden};
  }
  function link(j) {
    var e = network.body.edges["e" + j], o = e.options, own = routed(j) ? look(j) : null;
    return {from: ids[e.fromId], to: ids[e.toId], colour: own ? own.color : o.color.color,
      width: own ? own.width : o.width, dashed: !!o.dashes,
      hidden: !!(o.hidden || node(e.fromId).options.hidden || node(e.toId).options.hidden), routed: !!own};
  }
  function each(count, f) { var out = []; for (var i = 0; i < count; i++) out.push(f(i)); return out; }
  view.boxes = function () { return each(n, describe); };
  view.box = function (id) { var k = window.logicModelNumber(id); return k === null ? null : describe(k); };
  view.links = function () { return each(links, link); };
  view.link = function (j) { return j >= 0 && j < links ? link(j) : null; };
  view.headings = function () {
    return each(data.headings, function (h) {
      var b = node("h" + h);
      return {label: b.options.label, x: b.x, y: b.y};
    });
  };
  view.toScreen = function (p) { return network.canvasToDOM({x: p.x, y: p.y}); };
  view.toDrawing = function (p) { return network.DOMtoCanvas({x: p.x, y: p.y}); };
  view.scale = function () { return network.getScale(); };
  view.centre = function () { return network.getViewPosition(); };
  view.moveTo = function (to, ms) {
    var at = network.getViewPosition();
    network.moveTo({position: {x: to.x === undefined ? at.x : to.x, y: to.y === undefined ? at.y : to.y},
      scale: to.scale === undefined ? network.getScale() : to.scale,
      animation: ms ? {duration: ms, easingFunction: "easeInOutQuad"} : false});
  };
  view.fit = function () { network.fit({animation: false}); };
  view.boxAt = function (x, y) {
    var k = network.getNodeAt({x: x, y: y});
    return typeof k === "number" && !node(k).options.hidden ? ids[k] : null;
  };
  view.pick = function (id) {  // what vis-network says to the page's script when the box is clicked
    var k = window.logicModelNumber(id);
    if (k !== null) network.body.emitter.emit("click", {nodes: [k], edges: [], pointer: null});
  };
  view.drawn = function () {
    var area = document.getElementById("mynetwork");
    var a = network.DOMtoCanvas({x: 0, y: 0}), z = network.DOMtoCanvas({x: area.clientWidth, y: area.clientHeight});
    var boxes = 0, labels = 0, shown = 0;
    for (var k = 0; k < n; k++) {
      var b = node(k), at = network.getBoundingBox(k);
      if (b.options.hidden || at.right < a.x || at.left > z.x || at.bottom < a.y || at.top > z.y) continue;
      boxes++;
      if (b.labelModule.visible()) labels++;
    }
    for (var j = 0; j < links; j++) if (!link(j).hidden) shown++;
    return {frames: frames, boxes: boxes, labels: labels, links: shown, paths: shown};
  };
  view.frameTime = function () { return took; };
  network.on("initRedraw", function () { started = performance.now(); });
  network.on("afterDrawing", function () {
    took = performance.now() - started;
    frames++;
    if (!view.ready) { view.ready = true; view.firstFrame = performance.now(); }
  });
  window.logicModelView = view;
}
