/* The interactive diagram's own script: draws the framework with the page's renderer (canvas.js), then lets
 * people follow a box's pathway (click it, or pick it from the list), read a box's or a link's details and, in
 * the standalone page, filter by stakeholder, cohort and level.
 *
 * Everything it draws comes from one JSON block, #lm-data, made by logicmodel/drawing/diagram.py, with named fields:
 *   ids                     ids[k] is box k's own id in the framework (boxes are numbered 0..n-1)
 *   x, y, labels, levels    box k's centre, its label as drawn (lines joined by "\n") and its level's number
 *   levelNames              levelNames[l]: level l's name
 *   styles                  styles[l]: level l's fill, border and corner radius
 *   own                     [[k, fill, border, borderWidth, dashed]]: boxes with their own look (Compare's
 *                           changes, progress colours), kept through a highlight
 *   headings                [{label, x, y}] the level headings; font, headingFont, margin: type sizes, margin
 *   from, to                link j goes from box from[j] to box to[j] ("ej" in the details)
 *   widths                  [[j, width]]: links of stated strength, solid at this width (the rest dashed at
 *                           linkWidth)
 *   fadedBoxes, fadedLinks  drawn faded at first (diagram.py's emphasis), and again when a pathway is cleared
 *   boxes                   what the details panel says, one array per field, indexed by box number:
 *                           label, description, stakeholders, cohorts, indicators, evidence (and level, made
 *                           here from levels and levelNames)
 *   links                   strength[j] (a number into strengths) of link j; why: the links that say why
 *                           they hold, as {link: j, rationale, assumptions}
 *   strengths, byLabel, extent, readable, largest, text, faded, linkWidth, linkColour, keys
 *   routes                  [j, [x0, y0, x1, y1, ...]]: link j skips columns and is drawn along the layout's
 *                           bend points
 *   boxWidth, boxHeight     a box's drawn width, and boxHeight[k] box k's height
 *   comments                null, or the open comment threads to mark (the Diagram page only): boxes [[k, count]],
 *                           links [[j, count]], size (the mark's type size in the drawing's units)
 *   reading                 the diagram as text, for text.js: levels [[label, [k...]]] in drawing order,
 *                           notes (a status, a change, a fade, per box) or null, grades (words for each
 *                           strength), summary, full
 *   stories                 null, or the presentation's stories: [{title, steps: [{nodes: [k...], title,
 *                           note}]}]; with present: {panel, pad, most, font} and start (the first step)
 *
 * Every table of boxes is an array indexed by box number, and every table keyed by text is a Map: an id or
 * a name such as "__proto__" or "constructor" is just text here, never the name of a property of an object.
 * User text reaches the page only through textContent (and the canvas through fillText), never as markup.
 *
 * For tests and benchmarks, window.logicModelView tells what is drawn and moves the view (see the end).
 */
/* global logicModelCanvas */
(function () {
  "use strict";
  var root = document.documentElement;
  var data = JSON.parse(document.getElementById("lm-data").textContent);
  var ids = data.ids, n = ids.length, box = data.boxes, faded = data.faded, TEXT = data.text;
  box.level = data.levels.map(function (l) { return data.levelNames[l]; });  // each box's level, by name
  var FACE = "Arial, Helvetica, sans-serif", number = new Map();
  ids.forEach(function (id, k) { number.set(id, k); });
  var why = new Map(data.links.why.map(function (w) { return [w.link, w]; }));
  var from = data.from, to = data.to, m = from.length, routes = new Map(data.routes);
  var succ = [], pred = [], hidden = new Uint8Array(n);
  for (var k = 0; k < n; k++) { succ.push([]); pred.push([]); }
  for (var j = 0; j < m; j++) { succ[from[j]].push(to[j]); pred[to[j]].push(from[j]); }
  var area = document.getElementById("mynetwork");
  var view = logicModelCanvas(area, {
    x: data.x, y: data.y, height: data.boxHeight, width: data.boxWidth, font: data.font, face: FACE,
    margin: data.margin, text: TEXT, from: from, to: to, routes: routes,
    lines: data.labels.map(function (label) { return label.split("\n"); }),
    radius: data.levels.map(function (l) { return data.styles[l].radius; }),
    headings: data.headings.map(function (h) {
      return {lines: h.label.split("\n"), x: h.x, y: h.y, size: data.headingFont};
    })
  });
  // Each box's own look (its level's colours, or its mark: Compare's added, removed, changed, a progress
  // status, which outlasts a highlight; a fade does not), and as first drawn (faded by diagram.py's emphasis).
  var base = new Int32Array(n), drawn, baseLink = new Int32Array(m), drawnLink;
  var levelLook = data.styles.map(function (style) { return view.boxStyle(style.fill, style.border, 2, false, TEXT); });
  for (k = 0; k < n; k++) base[k] = levelLook[data.levels[k]];
  data.own.forEach(function (o) { base[o[0]] = view.boxStyle(o[1], o[2], o[3], o[4], TEXT); });
  var derived = new Map([["on", []], ["chosen", []], ["off", []]]);
  function look(st, kind) {  // a box's look in a highlight: "on" (in the pathway), "chosen", or "off" (faded)
    var known = derived.get(kind);
    if (known[st] === undefined) {
      var b = view.boxStyleById(st);
      known[st] = kind === "off" ? view.boxStyle("#ffffff", faded.border, 1, b.dashed, faded.text) :
        view.boxStyle(b.fill, b.border, kind === "chosen" ? 5 : 3, b.dashed, TEXT);
    }
    return known[st];
  }
  drawn = Int32Array.from(base);
  data.fadedBoxes.forEach(function (k) { drawn[k] = look(base[k], "off"); });
  // Links: dashed at the usual width when their strength is not stated, solid at their own width when it is.
  var linkWidth = new Float64Array(m).fill(data.linkWidth), solid = new Uint8Array(m);
  data.widths.forEach(function (w) { linkWidth[w[0]] = w[1]; solid[w[0]] = 1; });
  // A link's kind (its width, solid or dashed) is a number, and its look in each state a number by kind.
  var kinds = new Map(), kindOf = new Int32Array(m), looks = new Map([["base", []], ["on", []], ["off", []]]);
  for (j = 0; j < m; j++) {
    var key = solid[j] ? linkWidth[j] : -linkWidth[j];  // a number (widths are above 0): no text made a link
    var kind = kinds.get(key);
    if (kind === undefined) { kind = kinds.size; kinds.set(key, kind); }
    kindOf[j] = kind;
  }
  function linkLook(j, state) {  // "base", "on" (in a pathway: dark and wider, over the rest) or "off" (faded)
    var known = looks.get(state), kind = kindOf[j];
    if (known[kind] === undefined) {
      var on = state === "on";
      known[kind] = view.linkStyle(state === "base" ? data.linkColour : on ? "#1a1a1a" : faded.edge,
        on ? linkWidth[j] * 1.6 : linkWidth[j], !solid[j], on ? 1 : 0);
    }
    return known[kind];
  }
  for (j = 0; j < m; j++) baseLink[j] = linkLook(j, "base");
  drawnLink = Int32Array.from(baseLink);
  data.fadedLinks.forEach(function (j) { drawnLink[j] = linkLook(j, "off"); });
  view.setBoxes(drawn);
  view.setLinks(drawnLink);
  // Comment marks (the Diagram page only: comments stay out of exports and presentations): a speech bubble
  // with the count of open comment threads at the top right corner of a box, or at the middle of a link,
  // drawn over the diagram, so no box changes size. window.logicModelComments says where each is on screen.
  var commentsOnBox = new Map(), commentsOnLink = new Map();
  function threadWords(count) { return count + " open comment thread" + (count === 1 ? "" : "s"); }
  // A box's mark is a filled speech bubble; a link's is a round outlined one on the line, so the two differ.
  function bubble(ctx, x, y, count, size, onLink) {
    var text = String(count);
    ctx.font = "bold " + size + "px " + FACE;
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
    view.on("drawn", function (ctx) {
      var size = data.comments.size, half = data.boxWidth / 2, shown = [];
      commentsOnLink.forEach(function (count, j) {
        var x, y;
        if (hidden[from[j]] || hidden[to[j]]) return;
        if (view.routed(j)) {  // on its level approach to the target, in the gap before the target's column
          var p = view.route(j), last = p.length - 2;
          x = p[last] - size * 2; y = p[last + 1];
        } else {  // the middle of the line, in the gap between the two columns
          var a = view.position(from[j]), b = view.position(to[j]);
          x = (a.x + b.x) / 2; y = (a.y + b.y) / 2;
        }
        bubble(ctx, x, y, count, size * 0.9, true);
        var at = view.toScreen({x: x, y: y});
        shown.push({link: [ids[from[j]], ids[to[j]]], count: count, x: at.x, y: at.y});
      });
      commentsOnBox.forEach(function (count, k) {
        if (hidden[k]) return;
        var p = view.position(k), x = p.x + half - size * 0.5, y = p.y - view.height(k) / 2;
        bubble(ctx, x, y, count, size);
        var at = view.toScreen({x: x, y: y});
        shown.push({box: ids[k], count: count, x: at.x, y: at.y});
      });
      window.logicModelComments = shown;
    });
  }
  // Frame boxes: zoom so that they fill the diagram but for ``right`` pixels kept clear on its right (where a
  // panel may be), never past ``most`` times; ``done`` is called once the view is there. Returns the scale.
  function frame(list, right, most, duration, done) {
    if (!list.length) { if (done) done(true); return view.scale(); }
    var half = data.boxWidth / 2, left = Infinity, top = Infinity, rightmost = -Infinity, bottom = -Infinity;
    list.forEach(function (k) {
      var p = view.position(k), h = view.height(k) / 2;
      left = Math.min(left, p.x - half); rightmost = Math.max(rightmost, p.x + half);
      top = Math.min(top, p.y - h); bottom = Math.max(bottom, p.y + h);
    });
    var pad = data.present ? data.present.pad : 20;
    var width = Math.max(area.clientWidth - right - 2 * pad, 50), height = Math.max(area.clientHeight - 2 * pad, 50);
    var s = Math.min(width / (rightmost - left), height / (bottom - top), most);
    view.moveTo({x: (left + rightmost) / 2 + right / 2 / s, y: (top + bottom) / 2, scale: s}, duration || 0, done);
    return s;
  }
  // Work the first frame need not wait for (the list of boxes to pick from: thousands of options in a big
  // framework; the diagram as text), done just after it; then the page says it is drawn (data-drawn), with
  // everything in place.
  var afterFirst = [];
  view.on("first", function (at) {
    window.logicModelFirstFrame = at;
    window.logicModelView.firstFrame = at;
    window.logicModelView.ready = true;
    setTimeout(function () {  // after the frame has been shown
      afterFirst.forEach(function (f) { f(); });
      // The diagram as text (text.js) is written now, from the same data, before the page says it is drawn.
      document.dispatchEvent(new CustomEvent("lm-first-frame", {detail: data}));
      root.setAttribute("data-drawn", "1");
    }, 0);
  });
  function add(parent, tag, text, cls) {
    var el = document.createElement(tag);
    el.textContent = text;
    if (cls) el.className = cls;
    parent.appendChild(el);
    return el;
  }
  window.logicModelNumber = function (id) { return number.has(id) ? number.get(id) : null; };
  window.logicModelVisId = window.logicModelNumber;
  function boxView(k) {
    var st = view.boxStyleOf(k), p = view.position(k);
    return {id: ids[k], label: data.labels[k], x: p.x, y: p.y, width: data.boxWidth, height: view.height(k),
      font: data.font, fill: st.fill, border: st.border, borderWidth: st.borderWidth, dashed: st.dashed,
      text: st.text, hidden: !!hidden[k]};
  }
  function linkView(j) {
    var st = view.linkStyleOf(j);
    return {from: ids[from[j]], to: ids[to[j]], colour: st.colour, width: st.width, dashed: st.dashed,
      hidden: !!(hidden[from[j]] || hidden[to[j]]), routed: view.routed(j)};
  }
  var picked = null;  // what a pick does (a click on a box): set below, but for the presentation
  window.logicModelView = {
    ready: false,
    firstFrame: null,
    boxes: function () { var out = []; for (var i = 0; i < n; i++) out.push(boxView(i)); return out; },
    box: function (id) { return number.has(id) ? boxView(number.get(id)) : null; },
    links: function () { var out = []; for (var i = 0; i < m; i++) out.push(linkView(i)); return out; },
    link: function (i) { return i >= 0 && i < m ? linkView(i) : null; },
    headings: function () { return data.headings.map(function (h) { return {label: h.label, x: h.x, y: h.y}; }); },
    toScreen: function (p) { return view.toScreen(p); },
    toDrawing: function (p) { return view.toDrawing(p); },
    scale: function () { return view.scale(); },
    centre: function () { return view.centre(); },
    moveTo: function (to, ms) { view.moveTo({x: to.x, y: to.y, scale: to.scale}, ms || 0); },
    fit: function () { view.fit(); },
    boxAt: function (x, y) { var i = view.boxAt(x, y); return i >= 0 ? ids[i] : null; },
    pick: function (id) { if (picked && number.has(id)) picked(number.get(id)); },
    drawn: function () { return view.drawn(); },
    frameTime: function () { return view.frameTime(); }
  };
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
    var boxes = new Int32Array(n), links = new Int32Array(m), up = route.up, down = route.down;
    for (var i = 0; i < n; i++) boxes[i] = look(base[i], i === k ? "chosen" : route.all[i] ? "on" : "off");
    for (var j = 0; j < m; j++) {
      var a = from[j], b = to[j];
      links[j] = linkLook(j, (up[a] && up[b]) || (down[a] && down[b]) ? "on" : "off");
    }
    view.setBoxes(boxes);
    view.setLinks(links);
    show(k, route);
    if (zoom) {  // the whole pathway in view, clear of the details panel on the right
      var members = [];
      for (i = 0; i < n; i++) if (route.all[i]) members.push(i);
      frame(members, panel.offsetWidth + 20, Math.max(view.scale(), 1), 300);
    }
    picker.value = String(k);
    window.logicModelPathway = route.ids;
    status.textContent = "Pathway of the chosen box: " + route.ids.length + " boxes. Click the background to clear.";
  }
  function reset() {
    view.setBoxes(drawn);
    view.setLinks(drawnLink);
    panel.style.display = "none";
    picker.value = "";
    window.logicModelPathway = [];
    status.textContent = "Click a box to see its pathway. With the focus on the diagram, arrow keys move it, + and - zoom.";
  }
  afterFirst.push(function () {
    var choices = document.createDocumentFragment(), chosen = picker.value;
    data.byLabel.forEach(function (k) {
      var option = document.createElement("option"), label = box.label[k];
      option.value = String(k);
      option.textContent = label.length > 80 ? label.slice(0, 79) + "…" : label;
      option.hidden = option.disabled = !!hidden[k];
      choices.appendChild(option);
    });
    picker.appendChild(choices);
    picker.value = chosen;
  });
  picker.addEventListener("change", function () {
    if (!picker.value) { reset(); return; }
    highlight(Number(picker.value), true);
  });
  document.getElementById("lm-clear").addEventListener("click", reset);
  document.getElementById("lm-fit").addEventListener("click", function () { view.fit(); });
  function showLink(j) {
    var reason = why.get(j);
    reset();
    panel.textContent = "";
    add(panel, "h2", "Link");
    add(panel, "p", box.label[from[j]] + " → " + box.label[to[j]]);
    add(panel, "p", data.strengths[data.links.strength[j]], "lm-muted");
    if (commentsOnLink.has(j)) add(panel, "p", threadWords(commentsOnLink.get(j)), "lm-comments");
    if (reason && reason.rationale) add(panel, "p", reason.rationale);
    list("Assumptions", reason ? reason.assumptions : []);
    panel.style.display = "block";
  }
  view.on("click", function (hit) {
    if (hit.box >= 0) highlight(hit.box, true);
    else if (hit.link >= 0) showLink(hit.link);
    else reset();
  });
  picked = function (k) { highlight(k, true); };
  var tip = document.getElementById("lm-tip"), tipped = -1;
  view.on("hover", function (k, x, y) {
    if (k !== tipped) {
      tip.textContent = box.label[k] + " (" + box.level[k] + ")" +
        (commentsOnBox.has(k) ? ": " + threadWords(commentsOnBox.get(k)) : "");
      tipped = k;
    }
    tip.style.left = (x + 14) + "px";
    tip.style.top = (y + 14) + "px";
    tip.style.display = "block";
  });
  function untip() { tip.style.display = "none"; tipped = -1; }
  view.on("blur", untip);
  view.on("drag", untip);
  if (data.keys) view.keys(area);
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
      view.hide(hide);
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
    if (!n) { view.fit(); return; }
    var all = view.extent(), top = all.top, bottom = all.bottom, left = all.left, right = all.right;
    var margin = 20, across = area.clientWidth / (right - left + 2 * margin);
    var whole = Math.min(across, area.clientHeight / (bottom - top + 2 * margin)), s;
    if (whole >= data.readable) {
      s = Math.min(whole, data.largest);
      view.moveTo({scale: s, x: (left + right) / 2, y: (top + bottom) / 2}, 0);
    } else if (across >= data.readable) {
      s = Math.min(across, 1);
      view.moveTo({scale: s, x: (left + right) / 2, y: top - margin / s + area.clientHeight / 2 / s}, 0);
    } else {
      var first = null;
      for (var i = 0; i < n; i++) {
        var p = view.position(i);
        var better = !first || p.x < first.x - 1 || (Math.abs(p.x - first.x) <= 1 && p.y < first.y);
        if (better) first = {x: p.x, y: p.y, id: i};
      }
      s = data.readable;
      var atLeft = first.x - data.boxWidth / 2, atTop = first.y - view.height(first.id) / 2, high = atTop;
      data.headings.forEach(function (h) {  // the level headings too, when they are near enough to show
        var heading = view.headingBounds({lines: h.label.split("\n"), x: h.x, y: h.y, size: data.headingFont});
        if (heading.top < high && (atTop - heading.top) * s < area.clientHeight * 0.4) high = heading.top;
      });
      view.moveTo({scale: s, x: atLeft - margin / s + area.clientWidth / 2 / s,
        y: high - margin / s + area.clientHeight / 2 / s}, 0);
    }
  }
  view.start(startView);  // once the page is laid out: the area's size is known without asking for a layout

  // The presentation: one story a step at a time. Each step frames its boxes in the diagram (the rest faded,
  // still there), and the panel beside it (never over it) says the step's title and note and what the boxes
  // and the links between them say. Keys are what a presentation clicker sends.
  function present() {
    var stories = data.stories, geometry = data.present, story = -1, step = 0, moves = 0;
    var counter = document.getElementById("lm-counter"), storyTitle = document.getElementById("lm-story");
    var text = document.getElementById("lm-step"), chooser = document.getElementById("lm-chooser");
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
      for (var j = 0; j < m; j++) {
        var a = from[j], b = to[j];
        if (!(inStep[a] && inStep[b]) || (told[a] && told[b])) continue;
        var part = add(full, "section", "", "lm-link"), name = box.label[a] + " → " + box.label[b];
        part.setAttribute("data-name", name);
        add(part, "h2", name);
        add(part, "p", data.strengths[strengthOf[j]], "lm-muted");
        var reason = why.get(j);
        if (reason && reason.rationale) add(part, "p", reason.rationale);
        list(part, "Assumptions", reason ? reason.assumptions : []);
      }
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
      var boxes = new Int32Array(n), links = new Int32Array(m);
      for (var k = 0; k < n; k++) boxes[k] = look(base[k], inStep[k] ? "on" : "off");
      for (var j = 0; j < m; j++) links[j] = linkLook(j, inStep[from[j]] && inStep[to[j]] ? "on" : "off");
      view.setBoxes(boxes);
      view.setLinks(links);
      storyTitle.textContent = stories[story].title;
      parts = paginate(describe(st));
      part = lastPart ? parts.length - 1 : 0;
      showPart();
      var settled = function () {
        window.logicModelStep = {story: story, step: step, nodes: st.nodes.map(function (k) { return ids[k]; }),
          font: geometry.font, scale: view.scale(), part: part, parts: parts.length};
        document.documentElement.setAttribute("data-step", story + ":" + step);
      };
      document.documentElement.removeAttribute("data-step");
      var token = ++moves;
      frame(st.nodes, 0, geometry.most, animate === false ? 0 : 350, function () {
        if (token === moves) settled();
      });
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
      view.arrange(told.y, new Map(told.routes));
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
        view.setBoxes(base);
        view.setLinks(baseLink);
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
      view.start(function () { view.fit(); });
      var first = chooser.querySelector("button");
      if (first) first.focus();
      if (!stories.length) add(items, "li", "This framework has no stories yet.");
    } else if (stories.length) {
      view.start(function () { begin(0); });
    }
  }
})();
