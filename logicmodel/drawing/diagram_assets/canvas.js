/* The diagram's renderer: boxes, links and headings drawn on one <canvas>, with picking, panning and zooming.
 *
 * Made for the diagram the engine lays out (logicmodel/drawing/diagram.py): boxes fixed at their places, so
 * the browser only draws, picks, highlights, pans and zooms. It draws only on demand (one frame when
 * something changed, nothing when idle), crisp at the screen's pixel ratio. Links are drawn in few paths, a
 * batch of up to BATCH a style (colour, width, dashes), so recolouring a pathway changes a number a link, not
 * the state of the canvas; a line far longer than the view is cut to it first (no time spent on dashes nobody
 * sees), and links shorter than a pixel are skipped. Boxes outside the view are skipped, labels too small to
 * read (under LABEL_PX on screen) are left out until zoomed in, and a uniform grid finds the box under the
 * pointer. A diagram of many links keeps them on a bitmap of their own: while the view moves, that bitmap is
 * shown moved and scaled (a frame costs next to nothing, however many links); once still, the links are drawn
 * again for the view, a few batches a frame, and shown when whole. The page's first frame draws them on the
 * canvas itself (as a diagram of few links), and their bitmap is drawn just after it.
 *
 * The first frame is drawn once the browser has laid out the page (see ``first``), never earlier.
 *
 * logicModelCanvas(area, scene) puts a canvas in ``area`` and returns the renderer. ``scene``:
 *   x, y, height     box k's centre and height, in drawing units; width: every box's width
 *   lines            lines[k]: box k's label, as lines of text; font, face, margin: its type size, face, margin
 *   radius           radius[k]: box k's corner radius
 *   headings         [{lines, x, y, size}] the level headings, centred at x, y
 *   from, to         link j goes from box from[j] to box to[j]
 *   routes           Map j -> [x0, y0, x1, y1, ...]: link j drawn through these points (it skips columns)
 *   text             the headings' colour
 * A click says what it hit as {box: k, link: j}, -1 for neither.
 * Text reaches the canvas only through fillText: never as markup.
 */
/* exported logicModelCanvas */
var logicModelCanvas = (function () {
  "use strict";
  var BATCH = 2000;  // segments a path: long paths make the browser's rasteriser slow
  var INK = 400000;  // device pixels of line a path, at most (about)
  var LABEL_PX = 6;  // labels smaller than this on screen are not drawn
  var SETTLE = 160;  // ms without movement after which the links are drawn crisp again
  var HIT = 6;  // CSS pixels: how near a link a click must be to pick it

  function ease(t) { return t < 0.5 ? 2 * t * t : -1 + (4 - 2 * t) * t; }

  return function create(area, scene) {
    var n = scene.x.length, m = scene.from.length;
    var xs = Float64Array.from(scene.x), ys = Float64Array.from(scene.y), hs = Float64Array.from(scene.height);
    var width = scene.width, half = width / 2, from = Int32Array.from(scene.from), to = Int32Array.from(scene.to);
    var routes = scene.routes || new Map(), hidden = new Uint8Array(n);
    var canvas = document.createElement("canvas"), ctx = canvas.getContext("2d");
    canvas.style.display = "block";
    canvas.style.width = "100%";
    canvas.style.height = "100%";
    canvas.style.touchAction = "none";
    area.appendChild(canvas);
    var layer = null, layerCtx = null;  // the bitmap of links of a diagram of many (see BIG below)
    var cssW = 1, cssH = 1, ratio = 1;
    var view = {x: 0, y: 0, s: 1};
    var stats = {frames: 0, boxes: 0, labels: 0, links: 0, paths: 0, time: 0};
    var handlers = {click: [], hover: [], blur: [], drag: [], drawn: [], first: [], moved: []};
    function emit(name, a, b, c) { handlers[name].forEach(function (f) { f(a, b, c); }); }

    // Styles, interned: a box's or a link's look is a number into these tables.
    var boxStyles = [], boxKeys = new Map(), linkStyles = [], linkKeys = new Map();
    function boxStyle(fill, border, borderWidth, dashed, text) {
      var key = [fill, border, borderWidth, dashed ? 1 : 0, text].join("|");
      if (!boxKeys.has(key)) {
        boxKeys.set(key, boxStyles.length);
        boxStyles.push({fill: fill, border: border, borderWidth: borderWidth, dashed: !!dashed, text: text});
      }
      return boxKeys.get(key);
    }
    function linkStyle(colour, lineWidth, dashed, layerNumber) {
      var key = [colour, lineWidth, dashed ? 1 : 0, layerNumber || 0].join("|");
      if (!linkKeys.has(key)) {
        linkKeys.set(key, linkStyles.length);
        linkStyles.push({colour: colour, width: lineWidth, dashed: !!dashed, layer: layerNumber || 0});
      }
      return linkKeys.get(key);
    }
    var boxLook = new Int32Array(n), linkLook = new Int32Array(m);

    // Where each link's line starts and ends (a routed one: its first and last points), and its extent.
    var ax = new Float64Array(m), ay = new Float64Array(m), bx = new Float64Array(m), by = new Float64Array(m);
    var lox = new Float64Array(m), loy = new Float64Array(m), hix = new Float64Array(m), hiy = new Float64Array(m);
    function clip(k, tx, ty) {  // where the line from box k's centre towards (tx, ty) leaves the box
      var dx = tx - xs[k], dy = ty - ys[k], hh = hs[k] / 2;
      if (!dx && !dy) return [xs[k], ys[k]];
      var t = Math.min(dx ? half / Math.abs(dx) : Infinity, dy ? hh / Math.abs(dy) : Infinity);
      return [xs[k] + dx * t, ys[k] + dy * t];
    }
    function place() {
      for (var j = 0; j < m; j++) {
        var f = from[j], t = to[j], p = routes.get(j);
        if (p) {
          ax[j] = p[0]; ay[j] = p[1]; bx[j] = p[p.length - 2]; by[j] = p[p.length - 1];
          var x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
          for (var i = 0; i < p.length; i += 2) {
            x0 = Math.min(x0, p[i]); x1 = Math.max(x1, p[i]); y0 = Math.min(y0, p[i + 1]); y1 = Math.max(y1, p[i + 1]);
          }
          lox[j] = x0; loy[j] = y0; hix[j] = x1; hiy[j] = y1;
          continue;
        }
        if (xs[t] - xs[f] >= width) {  // the usual link, to a later column: side to side, as on the poster
          ax[j] = xs[f] + half; ay[j] = ys[f]; bx[j] = xs[t] - half; by[j] = ys[t];
        } else {  // within a column, or backwards: centre to centre, cut at the boxes' edges
          var a = clip(f, xs[t], ys[t]), b = clip(t, xs[f], ys[f]);
          ax[j] = a[0]; ay[j] = a[1]; bx[j] = b[0]; by[j] = b[1];
        }
        lox[j] = Math.min(ax[j], bx[j]); hix[j] = Math.max(ax[j], bx[j]);
        loy[j] = Math.min(ay[j], by[j]); hiy[j] = Math.max(ay[j], by[j]);
      }
    }

    // The boxes in a uniform grid of cells about a box in size, to find the one under the pointer at once.
    var grid = null, cellW = width, cellH = 1;  // made when first asked (after the first frame)
    function index() {
      var total = 0;
      for (var k = 0; k < n; k++) total += hs[k];
      cellH = Math.max(n ? total / n : 1, 1);
      grid = new Map();
      for (k = 0; k < n; k++) {
        var c0 = Math.floor((xs[k] - half) / cellW), c1 = Math.floor((xs[k] + half) / cellW);
        var r0 = Math.floor((ys[k] - hs[k] / 2) / cellH), r1 = Math.floor((ys[k] + hs[k] / 2) / cellH);
        for (var c = c0; c <= c1; c++) {
          for (var r = r0; r <= r1; r++) {
            var key = c * 1048576 + r;
            if (!grid.has(key)) grid.set(key, []);
            grid.get(key).push(k);
          }
        }
      }
    }
    function boxAtDrawing(x, y) {
      if (!grid) index();
      var found = grid.get(Math.floor(x / cellW) * 1048576 + Math.floor(y / cellH));
      if (!found) return -1;
      for (var i = found.length - 1; i >= 0; i--) {
        var k = found[i];
        if (!hidden[k] && Math.abs(x - xs[k]) <= half && Math.abs(y - ys[k]) <= hs[k] / 2) return k;
      }
      return -1;
    }
    function segmentDistance(px, py, x0, y0, x1, y1) {
      var dx = x1 - x0, dy = y1 - y0, l = dx * dx + dy * dy;
      var t = l ? Math.max(0, Math.min(1, ((px - x0) * dx + (py - y0) * dy) / l)) : 0;
      var ex = x0 + t * dx - px, ey = y0 + t * dy - py;
      return Math.sqrt(ex * ex + ey * ey);
    }
    function curve(p, visit) {  // a routed link as short segments along its curves
      for (var i = 2; i < p.length; i += 2) {
        var x0 = p[i - 2], y0 = p[i - 1], x1 = p[i], y1 = p[i + 1], dx = (x1 - x0) / 2, px = x0, py = y0;
        for (var step = 1; step <= 8; step++) {
          var t = step / 8, u = 1 - t;
          var qx = u * u * u * x0 + 3 * u * u * t * (x0 + dx) + 3 * u * t * t * (x1 - dx) + t * t * t * x1;
          var qy = u * u * u * y0 + 3 * u * u * t * y0 + 3 * u * t * t * y1 + t * t * t * y1;
          visit(px, py, qx, qy);
          px = qx; py = qy;
        }
      }
    }
    function linkAtDrawing(x, y) {
      var tolerance = HIT / view.s, best = -1, nearest = tolerance;
      for (var j = 0; j < m; j++) {
        if (hidden[from[j]] || hidden[to[j]]) continue;
        if (x < lox[j] - tolerance || x > hix[j] + tolerance || y < loy[j] - tolerance || y > hiy[j] + tolerance) continue;
        var d = Infinity, p = routes.get(j);
        if (p) curve(p, function (x0, y0, x1, y1) { d = Math.min(d, segmentDistance(x, y, x0, y0, x1, y1)); });
        else d = segmentDistance(x, y, ax[j], ay[j], bx[j], by[j]);
        if (d <= nearest) { nearest = d; best = j; }
      }
      return best;
    }

    // The view: the drawing's point at the canvas's centre, and the scale (CSS pixels a drawing unit).
    function toScreen(p) { return {x: (p.x - view.x) * view.s + cssW / 2, y: (p.y - view.y) * view.s + cssH / 2}; }
    function toDrawing(p) { return {x: (p.x - cssW / 2) / view.s + view.x, y: (p.y - cssH / 2) / view.s + view.y}; }
    function extent() {  // the drawing's bounds: every box shown and every heading
      var x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
      for (var k = 0; k < n; k++) {
        if (hidden[k]) continue;
        x0 = Math.min(x0, xs[k] - half); x1 = Math.max(x1, xs[k] + half);
        y0 = Math.min(y0, ys[k] - hs[k] / 2); y1 = Math.max(y1, ys[k] + hs[k] / 2);
      }
      scene.headings.forEach(function (h) {
        var b = headingBounds(h);
        x0 = Math.min(x0, b.left); x1 = Math.max(x1, b.right); y0 = Math.min(y0, b.top); y1 = Math.max(y1, b.bottom);
      });
      if (x0 === Infinity) return {left: -1, right: 1, top: -1, bottom: 1};
      return {left: x0, right: x1, top: y0, bottom: y1};
    }
    function headingBounds(h) {
      ctx.font = h.size + "px " + scene.face;
      var w = 0;
      h.lines.forEach(function (line) { w = Math.max(w, ctx.measureText(line).width); });
      var tall = h.lines.length * h.size * 1.2;
      return {left: h.x - w / 2, right: h.x + w / 2, top: h.y - tall / 2, bottom: h.y + tall / 2};
    }

    // Moving: a view set at once, or eased to over ``ms``; ``done`` is called once it is there.
    var animation = null, movedAt = 0, settleTimer = 0;
    function setView(x, y, s) {
      if (!(s > 0) || !isFinite(x) || !isFinite(y)) return;
      if (x === view.x && y === view.y && s === view.s) return;
      view = {x: x, y: y, s: Math.max(1e-4, Math.min(s, 50))};
      moving();
      emit("moved");
    }
    function moving() {
      movedAt = performance.now();
      clearTimeout(settleTimer);
      settleTimer = setTimeout(function () { if (!current()) invalidate(); }, SETTLE);
      invalidate();
    }
    function moveTo(target, ms, done) {
      var goal = {x: target.x === undefined ? view.x : target.x, y: target.y === undefined ? view.y : target.y,
        s: target.scale === undefined ? view.s : target.scale};
      if (animation && animation.done) { var last = animation.done; animation = null; last(false); }
      animation = null;
      if (!ms) {
        setView(goal.x, goal.y, goal.s);
        if (done) done(true);
        return;
      }
      animation = {start: performance.now(), ms: ms, from: {x: view.x, y: view.y, s: view.s}, to: goal, done: done};
      invalidate();
    }
    function step(now) {
      if (!animation) return;
      var a = animation, t = Math.min(1, (now - a.start) / a.ms), e = ease(t);
      var s = Math.exp(Math.log(a.from.s) + (Math.log(a.to.s) - Math.log(a.from.s)) * e);
      setView(a.from.x + (a.to.x - a.from.x) * e, a.from.y + (a.to.y - a.from.y) * e, s);
      if (t >= 1) {
        animation = null;
        if (a.done) a.done(true);
      } else {
        invalidate();
      }
    }
    function fit(pad) {
      var b = extent(), margin = pad === undefined ? 20 : pad;
      var s = Math.min((cssW - 2 * margin) / Math.max(b.right - b.left, 1),
        (cssH - 2 * margin) / Math.max(b.bottom - b.top, 1));
      moveTo({x: (b.left + b.right) / 2, y: (b.top + b.bottom) / 2, scale: Math.max(s, 1e-4)}, 0);
    }
    function zoomAt(factor, px, py) {  // zoom by ``factor`` keeping the drawing's point under (px, py) still
      var before = toDrawing({x: px, y: py}), s = Math.max(1e-4, Math.min(view.s * factor, 50));
      setView(before.x - (px - cssW / 2) / s, before.y - (py - cssH / 2) / s, s);
    }

    // Drawing, on demand: one frame when something changed, none when idle. A diagram of many links (more than
    // BIG) draws them on a bitmap of their own (``layer``), shown moved and scaled while the view moves, and
    // drawn again for the view once it has been still for SETTLE ms: on a second bitmap (``back``), a few batches
    // a frame (BUDGET ms), shown once whole, so that no frame keeps the page busy long.
    var BIG = 3000, BUDGET = 8;
    var pending = false, linksDirty = true, layerView = null, job = null;
    var back = null, backCtx = null;
    if (m > BIG) {  // only a diagram of many links has its bitmaps of links
      layer = document.createElement("canvas");
      layerCtx = layer.getContext("2d", {willReadFrequently: true});
      back = document.createElement("canvas");
      backCtx = back.getContext("2d", {willReadFrequently: true});
    }
    // The first frame waits for the browser's own first layout of the page (a ResizeObserver's first report,
    // or the first animation frame where there is none): reading the area's size before it would make the
    // browser lay out the page once more, mid-parse. What needs the size to begin (``start``) runs then, just
    // before the first frame is drawn, in the same callback.
    var sized = false, starting = [];
    function invalidate() {
      if (pending) return;
      pending = true;
      if (sized) requestAnimationFrame(frame);
    }
    function first() {
      if (sized) return;
      sized = true;
      resize();
      var todo = starting;
      starting = [];
      todo.forEach(function (f) { f(); });
      pending = false;
      frame(performance.now());
    }
    function start(f) { if (sized) f(); else starting.push(f); }
    function changed() { linksDirty = true; job = null; invalidate(); }  // the links look otherwise: draw them again
    function current() {  // whether the bitmap of links shows them as they are, at this view
      if (m <= BIG) return true;  // few links: drawn anew in every frame
      return !linksDirty && layerView && layerView.x === view.x && layerView.y === view.y && layerView.s === view.s;
    }
    function resize() {
      var w = Math.max(area.clientWidth, 1), h = Math.max(area.clientHeight, 1), r = window.devicePixelRatio || 1;
      if (w === cssW && h === cssH && r === ratio && canvas.width) return false;
      cssW = w; cssH = h; ratio = r;
      canvas.width = Math.round(w * r);
      canvas.height = Math.round(h * r);
      if (m > BIG) {  // the bitmaps of links, for a diagram of many
        layer.width = back.width = canvas.width;
        layer.height = back.height = canvas.height;
      }
      layerView = null;
      job = null;
      return true;
    }
    function frame(now) {
      pending = false;
      step(now);
      resize();
      var started = performance.now();
      draw(started);
      stats.time = performance.now() - started;
      stats.frames += 1;
      if (stats.frames === 1) {
        emit("first", performance.now());
        setTimeout(function () {  // just after it: ready for the pointer, and for moving a diagram of many links
          if (!grid) index();
          if (m > BIG && !layerView && !pending) drawLayer(bounds());
        }, 0);
      }
    }
    function transform(c) {
      var s = view.s * ratio;
      c.setTransform(s, 0, 0, s, (cssW / 2 - view.x * view.s) * ratio, (cssH / 2 - view.y * view.s) * ratio);
    }
    function bounds() {
      var s = view.s;
      return {left: view.x - cssW / 2 / s, right: view.x + cssW / 2 / s, top: view.y - cssH / 2 / s,
        bottom: view.y + cssH / 2 / s};
    }
    function showLayer() {  // the bitmap of links, moved and scaled from the view it was drawn at to this one
      var k = view.s / layerView.s;
      ctx.setTransform(k, 0, 0, k, (cssW / 2 + (layerView.x - view.x) * view.s - k * cssW / 2) * ratio,
        (cssH / 2 + (layerView.y - view.y) * view.s - k * cssH / 2) * ratio);
      ctx.drawImage(layer, 0, 0);
    }
    function drawLayer(b) {  // the links at this view on the bitmap, whole at once
      job = null;
      layerCtx.setTransform(1, 0, 0, 1, 0, 0);
      layerCtx.clearRect(0, 0, layer.width, layer.height);
      transform(layerCtx);
      var plan = planLinks(b);
      while (plan.next < plan.batches.length) drawBatch(layerCtx, plan);
      finish(plan);
      layerView = plan.view;
      linksDirty = false;
    }
    function draw(started) {
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.fillStyle = "#ffffff";
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      var b = bounds();
      if (m <= BIG || !stats.frames) {  // few links, or the page's first frame: drawn on the canvas itself
        transform(ctx);
        var plan = planLinks(b);
        while (plan.next < plan.batches.length) drawBatch(ctx, plan);
        finish(plan);
        if (m <= BIG) linksDirty = false;
      } else if (!layerView) {  // the bitmap's first drawing: whole at once
        drawLayer(b);
        showLayer();
      } else {
        if (!current() && performance.now() - movedAt >= SETTLE) {
          if (!job || job.view.x !== view.x || job.view.y !== view.y || job.view.s !== view.s) {
            job = planLinks(b);
            backCtx.setTransform(1, 0, 0, 1, 0, 0);
            backCtx.clearRect(0, 0, back.width, back.height);
            transform(backCtx);
          }
          do {  // a batch, drawn now (reading a pixel makes the browser draw what it was told: the time is true)
            drawBatch(backCtx, job);
            backCtx.getImageData(0, 0, 1, 1);
          } while (job.next < job.batches.length && performance.now() - started < BUDGET);
          if (job.next >= job.batches.length) {  // whole: shown from now on
            var swap = layer;
            layer = back; back = swap;
            swap = layerCtx; layerCtx = backCtx; backCtx = swap;
            layerView = job.view;
            finish(job);
            job = null;
            linksDirty = false;
          } else {
            invalidate();
          }
        }
        showLayer();
      }
      transform(ctx);
      drawBoxes(b.left, b.right, b.top, b.bottom);
      drawHeadings(b.left, b.right, b.top, b.bottom);
      emit("drawn", ctx);
    }
    // A line from (x0, y0) to (x1, y1), ``along`` drawing units into its link, cut to the view (so that no
    // time goes on dashes nobody sees), its dashes in step with the whole line's; ``pen`` says whether the
    // path already ends at (x0, y0). Returns whether it now ends at (x1, y1).
    var clipBox = [0, 0, 0, 0];
    function segment(c, x0, y0, x1, y1, along, period, pen) {
      var dx = x1 - x0, dy = y1 - y0, t0 = 0, t1 = 1;
      if (Math.min(x0, x1) >= clipBox[0] && Math.max(x0, x1) <= clipBox[1] && Math.min(y0, y1) >= clipBox[2] &&
          Math.max(y0, y1) <= clipBox[3]) {  // all of it in view (the usual case): nothing to cut
        if (!pen) c.moveTo(x0, y0);
        c.lineTo(x1, y1);
        return true;
      }
      for (var i = 0; i < 4; i++) {  // Liang-Barsky, against each side in turn (no arrays: this runs per line)
        var pi = i === 0 ? -dx : i === 1 ? dx : i === 2 ? -dy : dy;
        var qi = i === 0 ? x0 - clipBox[0] : i === 1 ? clipBox[1] - x0 : i === 2 ? y0 - clipBox[2] : clipBox[3] - y0;
        if (pi === 0) { if (qi < 0) return false; continue; }
        var r = qi / pi;
        if (pi < 0) { if (r > t1) return false; if (r > t0) t0 = r; } else { if (r < t0) return false; if (r < t1) t1 = r; }
      }
      if (t0 > 0 && period) {  // start a whole number of dashes into the line
        var length = Math.sqrt(dx * dx + dy * dy) || 1;
        t0 = Math.max(0, t0 - ((along + t0 * length) % period) / length);
      }
      if (!pen || t0 > 0) c.moveTo(x0 + dx * t0, y0 + dy * t0);
      c.lineTo(x0 + dx * t1, y0 + dy * t1);
      return t1 === 1;
    }
    function curvePoints(p, back, steps) {  // a routed link's curves as points, its end pulled back by ``back``
      var out = [p[0], p[1]], last = p.length - 2;
      for (var i = 2; i < p.length; i += 2) {
        var x0 = p[i - 2], y0 = p[i - 1], x1 = i === last ? p[i] - back : p[i], y1 = p[i + 1], dx = (x1 - x0) / 2;
        for (var step = 1; step <= steps; step++) {
          var t = step / steps, u = 1 - t;
          out.push(u * u * u * x0 + 3 * u * u * t * (x0 + dx) + 3 * u * t * t * (x1 - dx) + t * t * t * x1,
            u * u * u * y0 + 3 * u * u * t * y0 + 3 * u * t * t * y1 + t * t * t * y1);
        }
      }
      return out;
    }
    // The links to draw at this view, sorted by style (the highlighted over the rest) and cut into batches of
    // up to BATCH, each stroked as one path (and its arrowheads filled as another).
    function planLinks(b) {
      var s = view.s, buckets = [], count = 0, margin = 10 / s, batches = [];
      for (var j = 0; j < m; j++) {
        if (hidden[from[j]] || hidden[to[j]]) continue;
        if (hix[j] < b.left || lox[j] > b.right || hiy[j] < b.top || loy[j] > b.bottom) continue;
        if ((hix[j] - lox[j] + hiy[j] - loy[j]) * s < 1) continue;  // shorter than a pixel
        var st = linkLook[j];
        (buckets[st] || (buckets[st] = [])).push(j);
        count++;
      }
      var order = [];
      buckets.forEach(function (list, st) { order.push(st); });
      order.sort(function (x, y) { return linkStyles[x].layer - linkStyles[y].layer || x - y; });
      // A batch ends at BATCH links or at about INK pixels of line (dashes count thrice: each is a line of its
      // own to the rasteriser), so that drawing one takes a few milliseconds whatever the zoom.
      var reach = Math.sqrt(cssW * cssW + cssH * cssH) * ratio;
      order.forEach(function (st) {
        var list = buckets[st], dashed = linkStyles[st].dashed && 14 * s >= 3, start = 0, ink = 0;
        for (var i = 0; i < list.length; i++) {
          var k = list[i];
          ink += Math.min((hix[k] - lox[k] + hiy[k] - loy[k]) * s * ratio, reach) * (dashed ? 3 : 1);
          if (i + 1 - start >= BATCH || ink >= INK || i + 1 === list.length) {
            batches.push({style: st, list: list, start: start, end: i + 1});
            start = i + 1;
            ink = 0;
          }
        }
      });
      return {view: {x: view.x, y: view.y, s: s}, clip: [b.left - margin, b.right + margin, b.top - margin,
        b.bottom + margin], batches: batches, next: 0, count: count};
    }
    function finish(plan) {
      stats.links = plan.count;
      stats.paths = plan.batches.length;
    }
    function drawBatch(c, plan) {
      var batch = plan.batches[plan.next++], style = linkStyles[batch.style], list = batch.list, s = plan.view.s;
      var size = 5 + 2 * style.width, arrows = size * s >= 1.5, i, j;
      var period = style.dashed && 14 * s >= 3 ? 14 : 0, back = arrows ? size : 0;
      clipBox = plan.clip;
      c.lineCap = "butt";
      c.lineJoin = "round";
      c.strokeStyle = style.colour;
      c.fillStyle = style.colour;
      c.lineWidth = Math.max(style.width, 0.6 / s);
      c.setLineDash(period ? [8, 6] : []);
      c.beginPath();
      for (i = batch.start; i < batch.end; i++) {
        j = list[i];
        var p = routes.get(j);
        var inside = lox[j] >= clipBox[0] && hix[j] <= clipBox[1] && loy[j] >= clipBox[2] && hiy[j] <= clipBox[3];
        // All of it in view, or not much longer than the view: its curves as they are (the canvas leaves out
        // what is outside; cutting it into short lines in script costs more than it saves, unless it is long).
        if (p && (inside || (hix[j] - lox[j] + hiy[j] - loy[j]) * s < 2 * (cssW + cssH))) {
          var last = p.length - 2, ex = p[last] - back;
          c.moveTo(p[0], p[1]);
          for (var r = 2; r < last; r += 2) {
            var cx = (p[r] - p[r - 2]) / 2;
            c.bezierCurveTo(p[r - 2] + cx, p[r - 1], p[r] - cx, p[r + 1], p[r], p[r + 1]);
          }
          var fx = (ex - p[last - 2]) / 2;
          c.bezierCurveTo(p[last - 2] + fx, p[last - 1], ex - fx, p[last + 1], ex, p[last + 1]);
        } else if (p) {  // partly in view: as short lines, cut to the view
          var steps = Math.max(4, Math.min(48, Math.ceil((hix[j] - lox[j]) * s / 12)));
          var q = curvePoints(p, back, steps), along = 0, pen = false;
          for (var k = 2; k < q.length; k += 2) {
            pen = segment(c, q[k - 2], q[k - 1], q[k], q[k + 1], along, period, pen);
            along += Math.sqrt((q[k] - q[k - 2]) * (q[k] - q[k - 2]) + (q[k + 1] - q[k - 1]) * (q[k + 1] - q[k - 1]));
          }
        } else {
          var lx = bx[j] - ax[j], ly = by[j] - ay[j], l = Math.sqrt(lx * lx + ly * ly) || 1;
          segment(c, ax[j], ay[j], bx[j] - lx / l * back, by[j] - ly / l * back, 0, period, false);
        }
      }
      c.stroke();
      c.setLineDash([]);
      if (!arrows) return;
      c.beginPath();
      for (i = batch.start; i < batch.end; i++) {
        j = list[i];
        var tx = bx[j], ty = by[j], ux, uy, w = size * 0.6;
        if (tx < clipBox[0] || tx > clipBox[1] || ty < clipBox[2] || ty > clipBox[3]) continue;
        if (routes.has(j)) { ux = 1; uy = 0; } else {
          ux = tx - ax[j]; uy = ty - ay[j];
          var len = Math.sqrt(ux * ux + uy * uy) || 1;
          ux /= len; uy /= len;
        }
        c.moveTo(tx, ty);
        c.lineTo(tx - ux * size - uy * w, ty - uy * size + ux * w);
        c.lineTo(tx - ux * size + uy * w, ty - uy * size - ux * w);
        c.closePath();
      }
      c.fill();
    }
    function drawBoxes(left, right, top, bottom) {
      var s = view.s, buckets = [], count = 0, labels = 0, k, rounded = typeof ctx.roundRect === "function";
      for (k = 0; k < n; k++) {
        if (hidden[k]) continue;
        var hh = hs[k] / 2;
        if (xs[k] + half < left || xs[k] - half > right || ys[k] + hh < top || ys[k] - hh > bottom) continue;
        (buckets[boxLook[k]] || (buckets[boxLook[k]] = [])).push(k);
        count++;
      }
      var radii = scene.radius;
      buckets.forEach(function (list, st) {  // fills, then borders: a path a style
        var style = boxStyles[st];
        ctx.beginPath();
        list.forEach(function (k) {
          var r = radii[k] * s >= 0.5 && rounded ? radii[k] : 0, x = xs[k] - half, y = ys[k] - hs[k] / 2;
          if (r) ctx.roundRect(x, y, width, hs[k], r); else ctx.rect(x, y, width, hs[k]);
        });
        ctx.fillStyle = style.fill;
        ctx.fill();
        ctx.strokeStyle = style.border;
        ctx.lineWidth = Math.max(style.borderWidth, 0.5 / s);
        ctx.setLineDash(style.dashed && 13 * s >= 3 ? [8, 5] : []);
        ctx.stroke();
      });
      ctx.setLineDash([]);
      if (scene.font * s >= LABEL_PX) {
        var lh = scene.font * 1.3;
        ctx.font = scene.font + "px " + scene.face;
        ctx.textAlign = "left";
        ctx.textBaseline = "middle";
        buckets.forEach(function (list, st) {
          ctx.fillStyle = boxStyles[st].text;
          list.forEach(function (k) {
            var lines = scene.lines[k], x = xs[k] - half + scene.margin + 2, y = ys[k] - lines.length * lh / 2 + lh / 2;
            for (var i = 0; i < lines.length; i++) ctx.fillText(lines[i], x, y + i * lh);
            labels++;
          });
        });
      }
      stats.boxes = count;
      stats.labels = labels;
    }
    function drawHeadings(left, right, top, bottom) {
      var s = view.s;
      ctx.fillStyle = scene.text;
      ctx.textAlign = "center";
      ctx.textBaseline = "middle";
      scene.headings.forEach(function (h) {
        if (h.size * s < LABEL_PX) return;
        ctx.font = h.size + "px " + scene.face;
        var lh = h.size * 1.2, y = h.y - h.lines.length * lh / 2 + lh / 2;
        if (y + h.lines.length * lh < top || y - lh > bottom) return;
        for (var i = 0; i < h.lines.length; i++) ctx.fillText(h.lines[i], h.x, y + i * lh);
      });
    }

    // Pointer, wheel, touch and keys.
    var pointers = new Map(), dragged = false, downAt = null, pinch = null;
    function local(ev) {
      var r = canvas.getBoundingClientRect();
      return {x: ev.clientX - r.left, y: ev.clientY - r.top};
    }
    canvas.addEventListener("pointerdown", function (ev) {
      if (ev.button !== undefined && ev.button > 0) return;
      var p = local(ev);
      pointers.set(ev.pointerId, p);
      if (canvas.setPointerCapture) { try { canvas.setPointerCapture(ev.pointerId); } catch (e) { /* gone */ } }
      if (pointers.size === 1) { downAt = p; dragged = false; pinch = null; }
      if (pointers.size === 2) {
        var two = Array.from(pointers.values());
        pinch = {d: Math.hypot(two[0].x - two[1].x, two[0].y - two[1].y) || 1, s: view.s,
          at: toDrawing({x: (two[0].x + two[1].x) / 2, y: (two[0].y + two[1].y) / 2})};
        dragged = true;
      }
    });
    canvas.addEventListener("pointermove", function (ev) {
      var p = local(ev);
      if (!pointers.has(ev.pointerId)) {  // hovering
        if (ev.pointerType === "touch") return;
        var k = boxAtDrawing(toDrawing(p).x, toDrawing(p).y);
        if (k >= 0) emit("hover", k, p.x, p.y); else emit("blur");
        canvas.style.cursor = k >= 0 ? "pointer" : "default";
        return;
      }
      var was = pointers.get(ev.pointerId);
      pointers.set(ev.pointerId, p);
      if (pinch && pointers.size >= 2) {
        var two = Array.from(pointers.values()), mid = {x: (two[0].x + two[1].x) / 2, y: (two[0].y + two[1].y) / 2};
        var s = pinch.s * (Math.hypot(two[0].x - two[1].x, two[0].y - two[1].y) || 1) / pinch.d;
        setView(pinch.at.x - (mid.x - cssW / 2) / s, pinch.at.y - (mid.y - cssH / 2) / s, s);
        return;
      }
      if (!dragged && downAt && Math.hypot(p.x - downAt.x, p.y - downAt.y) < 4) return;
      if (!dragged) { dragged = true; emit("drag"); }
      setView(view.x - (p.x - was.x) / view.s, view.y - (p.y - was.y) / view.s, view.s);
    });
    function up(ev) {
      if (!pointers.has(ev.pointerId)) return;
      pointers.delete(ev.pointerId);
      if (pointers.size < 2) pinch = null;
      if (pointers.size === 0 && !dragged && ev.type === "pointerup") {
        var p = toDrawing(local(ev)), k = boxAtDrawing(p.x, p.y);
        emit("click", {box: k, link: k >= 0 ? -1 : linkAtDrawing(p.x, p.y)});
      }
      if (pointers.size === 1) downAt = Array.from(pointers.values())[0];
    }
    canvas.addEventListener("pointerup", up);
    canvas.addEventListener("pointercancel", up);
    canvas.addEventListener("pointerleave", function (ev) { if (!pointers.has(ev.pointerId)) emit("blur"); });
    canvas.addEventListener("wheel", function (ev) {
      ev.preventDefault();
      var p = local(ev), delta = ev.deltaY * (ev.deltaMode === 1 ? 30 : ev.deltaMode === 2 ? 300 : 1);
      zoomAt(Math.exp(-Math.max(-300, Math.min(300, delta)) * 0.002), p.x, p.y);
    }, {passive: false});
    var held = new Set(), keyLoop = false, KEYS = {ArrowLeft: 1, ArrowRight: 1, ArrowUp: 1, ArrowDown: 1,
      "=": 1, "+": 1, "-": 1, "_": 1};
    function keyStep() {
      if (!held.size) { keyLoop = false; return; }
      var dx = 0, dy = 0, zoom = 1;
      held.forEach(function (key) {
        if (key === "ArrowLeft") dx -= 12;
        if (key === "ArrowRight") dx += 12;
        if (key === "ArrowUp") dy -= 12;
        if (key === "ArrowDown") dy += 12;
        if (key === "=" || key === "+") zoom *= 1.04;
        if (key === "-" || key === "_") zoom /= 1.04;
      });
      if (zoom !== 1) zoomAt(zoom, cssW / 2, cssH / 2);
      if (dx || dy) setView(view.x + dx / view.s, view.y + dy / view.s, view.s);
      requestAnimationFrame(keyStep);
    }
    function keys(target) {  // the arrows move the view and + and - zoom it while ``target`` has the focus
      target.addEventListener("keydown", function (ev) {
        if (ev.altKey || ev.ctrlKey || ev.metaKey || !KEYS[ev.key]) return;
        ev.preventDefault();
        held.add(ev.key);
        if (!keyLoop) { keyLoop = true; keyStep(); }
      });
      target.addEventListener("keyup", function (ev) { held.delete(ev.key); });
      target.addEventListener("blur", function () { held.clear(); });
    }
    function resized() { if (!sized) first(); else if (resize()) invalidate(); }
    if (window.ResizeObserver) new ResizeObserver(resized).observe(area); else requestAnimationFrame(resized);
    window.addEventListener("resize", resized);

    place();
    var plain = boxStyle("#ffffff", "#4d4d4d", 2, false, "#1a1a1a"), line = linkStyle("#4d4d4d", 1, true);
    boxLook.fill(plain);
    linkLook.fill(line);
    return {
      canvas: canvas,
      boxStyle: boxStyle,
      linkStyle: linkStyle,
      boxStyleOf: function (k) { return boxStyles[boxLook[k]]; },
      boxStyleById: function (st) { return boxStyles[st]; },
      linkStyleOf: function (j) { return linkStyles[linkLook[j]]; },
      setBox: function (k, st) { boxLook[k] = st; invalidate(); },
      setLink: function (j, st) { linkLook[j] = st; changed(); },
      setBoxes: function (looks) { boxLook.set(looks); invalidate(); },
      setLinks: function (looks) { linkLook.set(looks); changed(); },
      boxLooks: function () { return Int32Array.from(boxLook); },
      linkLooks: function () { return Int32Array.from(linkLook); },
      hide: function (hide) { hidden = Uint8Array.from(hide); changed(); },
      hidden: function (k) { return !!hidden[k]; },
      position: function (k) { return {x: xs[k], y: ys[k]}; },
      height: function (k) { return hs[k]; },
      width: width,
      // A story's own drawing: boxes moved to ``y`` and links routed along ``newRoutes``.
      arrange: function (y, newRoutes) {
        if (y) ys = Float64Array.from(y);
        if (newRoutes) routes = newRoutes;
        place();
        grid = null;
        changed();
      },
      routed: function (j) { return routes.has(j); },
      route: function (j) { return routes.get(j); },
      ends: function (j) { return {x0: ax[j], y0: ay[j], x1: bx[j], y1: by[j]}; },
      toScreen: toScreen,
      toDrawing: toDrawing,
      scale: function () { return view.s; },
      centre: function () { return {x: view.x, y: view.y}; },
      size: function () { return {width: cssW, height: cssH}; },
      moveTo: moveTo,
      fit: fit,
      extent: extent,
      headingBounds: headingBounds,
      boxAt: function (x, y) { var p = toDrawing({x: x, y: y}); return boxAtDrawing(p.x, p.y); },
      linkAt: function (x, y) { var p = toDrawing({x: x, y: y}); return linkAtDrawing(p.x, p.y); },
      keys: keys,
      start: start,
      on: function (name, f) { handlers[name].push(f); },
      redraw: changed,
      drawn: function () {
        return {frames: stats.frames, boxes: stats.boxes, labels: stats.labels, links: stats.links, paths: stats.paths};
      },
      frameTime: function () { return stats.time; }
    };
  };
})();
