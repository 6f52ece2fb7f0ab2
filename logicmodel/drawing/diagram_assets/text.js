/* The diagram as text (section #lm-text): written here, just after the diagram's first frame, from the page's
 * JSON block (diagram.js passes it with its "lm-first-frame" event; should that never come, the text is written
 * all the same after 2 s). "reading" (logicmodel/drawing/diagram_text.py) gives the levels and their boxes in
 * drawing order, what the drawing marks on each box (a status by progress, a change on Compare, a fade), the
 * words for each strength of evidence and whether to name every box's
 * neighbours at once ("full") or, for a big framework, only when a box is chosen (each box then says how many
 * boxes it leads to and comes from). Labels come from boxes.label and links from from/to: every one is set as
 * textContent, never as markup.
 *
 * "Show as text" shows the section over the diagram (screen readers read it always); Enter or a click on a box
 * shows that box's pathway on the diagram; the arrow keys, Home and End move between boxes (one tab stop);
 * Escape goes back to the diagram. A box the standalone page's filters hide drops out of the text, with its
 * mentions. In a presentation the boxes are plain text: there is no pathway to pick there.
 */
(function () {
  "use strict";
  var section = document.getElementById("lm-text"), toggle = document.getElementById("lm-text-toggle");
  if (!section || !toggle) return;
  var present = section.classList.contains("lm-text-present");
  // In the toolbar, beside "Fit to view", where it is seen at once (the page's foot may be below the fold of
  // the app's page); in a presentation, beside Back and Next; else it stays in a corner of the window.
  var beside = document.getElementById("lm-fit") || document.getElementById("lm-next");
  if (beside && beside.parentNode) beside.parentNode.insertBefore(toggle, beside.nextSibling);
  var bar = document.getElementById("lm-bar");
  var buttons = [];  // the box buttons in drawing order, once written
  var current = null;  // the box button that holds the one tab stop
  var labels = [], leads = [], comes = [], linkFrom = [], linkTo = [], grade = [], full = true;
  var hiddenNow = new Set();  // the numbers of the boxes the filters hide

  function add(parent, tag, text) {
    var el = document.createElement(tag);
    if (text !== undefined) el.textContent = text;
    parent.appendChild(el);
    return el;
  }
  function boxes(count) { return count + (count === 1 ? " box" : " boxes"); }

  var written = false;
  function write(data) {
    if (written) return;
    var reading = data.reading, n = data.ids.length, strengths = data.links.strength;
    full = reading.full;
    labels = data.boxes.label;
    linkFrom = data.from; linkTo = data.to;
    grade = strengths.map(function (s) { return reading.grades[s] || ""; });
    for (var k = 0; k < n; k++) { leads.push([]); comes.push([]); }
    for (var j = 0; j < linkFrom.length; j++) { leads[linkFrom[j]].push(j); comes[linkTo[j]].push(j); }
    var all = document.createDocumentFragment();
    reading.levels.forEach(function (level) {
      var heading = add(all, "h3", level[0] + " (");
      var count = add(heading, "span", boxes(level[1].length));
      count.setAttribute("data-count", String(level[1].length));
      heading.appendChild(document.createTextNode(")"));
      var list = add(all, "ul");
      list.className = "lm-text-boxes";
      level[1].forEach(function (k) {
        var li = add(list, "li");
        li.setAttribute("data-k", String(k));
        if (present) {
          add(li, "b", labels[k]);
        } else {
          var button = add(li, "button", labels[k]);
          button.type = "button";
          button.tabIndex = -1;  // one tab stop for all the boxes (``hold``)
          button.setAttribute("data-id", data.ids[k]);
          buttons.push(button);
        }
        var note = reading.notes ? reading.notes[k] : "";
        if (note) li.appendChild(document.createTextNode(" (" + note + ")"));
        if (full) named(li, k);
        else li.appendChild(document.createTextNode(", leads to " + leads[k].length + ", comes from " + comes[k].length));
      });
    });
    document.getElementById("lm-text-levels").appendChild(all);
    written = true;  // only once it is all there: a write cut short by an error leaves the fallback its turn
    section.removeAttribute("aria-busy");
  }
  // What box k leads to and comes from, each with the strength of evidence its link states, under its item.
  function named(li, k) {
    if (li.querySelector(".lm-text-named")) return;
    var block = document.createElement("div");
    block.className = "lm-text-named";
    [["Leads to", leads[k], linkTo], ["Comes from", comes[k], linkFrom]].forEach(function (part) {
      if (!part[1].length) return;
      block.appendChild(document.createTextNode(part[0] + ": "));
      var list = add(block, "ul");
      part[1].forEach(function (j) {
        var other = part[2][j], item = add(list, "li", labels[other] + (grade[j] ? " (" + grade[j] + ")" : ""));
        item.setAttribute("data-k", String(other));
        item.hidden = hiddenNow.has(other);
      });
    });
    li.appendChild(block);
  }
  document.addEventListener("lm-first-frame", function (ev) { write(ev.detail); });
  // Should the diagram not draw (its script failed), the text is written all the same, 2 s after the page is
  // parsed: counted from then, not from here, so that a slow parse (a loaded machine) cannot find the page's
  // data not there yet.
  document.addEventListener("DOMContentLoaded", function () {
    setTimeout(function () {
      if (!written) write(JSON.parse(document.getElementById("lm-data").textContent));
    }, 2000);
  });

  function number(button) { return Number(button.parentNode.getAttribute("data-k")); }
  function shown() { return !section.classList.contains("lm-text-hidden"); }
  function show(on) {
    section.classList.toggle("lm-text-hidden", !on);
    toggle.setAttribute("aria-expanded", on ? "true" : "false");
    toggle.textContent = on ? "Hide the text" : "Show as text";
    if (on) {
      // Below the toolbar, so that the list of boxes, Clear and this toggle stay in reach.
      section.style.top = bar ? Math.max(8, bar.getBoundingClientRect().bottom + 4) + "px" : "";
      var first = current && !current.closest("li").hidden ? current : visible(0, 1);
      if (first) { hold(first); first.focus(); } else section.focus();
    } else {
      toggle.focus();
    }
  }
  function hold(button) {
    if (current) current.tabIndex = -1;
    current = button;
    if (current) current.tabIndex = 0;
  }
  // The next box button not filtered out, from index ``at`` in direction ``step`` (1 or -1), or null.
  function visible(at, step) {
    for (var i = at; i >= 0 && i < buttons.length; i += step) {
      if (!buttons[i].closest("li").hidden) return buttons[i];
    }
    return null;
  }
  section.tabIndex = -1;
  toggle.addEventListener("click", function () { show(!shown()); });
  document.getElementById("lm-text-hide").addEventListener("click", function () { show(false); });
  // Keys inside the text are the text's: the presentation's keys (Space, arrows, Escape) do not reach it.
  section.addEventListener("keydown", function (ev) {
    ev.stopPropagation();
    if (ev.altKey || ev.ctrlKey || ev.metaKey) return;
    if (ev.key === "Escape" || ev.key === "Esc") { show(false); ev.preventDefault(); return; }
    var at = buttons.indexOf(document.activeElement);
    if (at < 0) return;
    var to = null;
    if (ev.key === "ArrowDown") to = visible(at + 1, 1);
    else if (ev.key === "ArrowUp") to = visible(at - 1, -1);
    else if (ev.key === "Home") to = visible(0, 1);
    else if (ev.key === "End") to = visible(buttons.length - 1, -1);
    else return;
    ev.preventDefault();
    if (to) { hold(to); to.focus(); }
  });
  toggle.addEventListener("keydown", function (ev) { ev.stopPropagation(); });
  section.addEventListener("click", function (ev) {
    var button = ev.target.closest ? ev.target.closest("li[data-k] > button") : null;
    if (!button || !section.contains(button)) return;
    var k = number(button);
    hold(button);
    var chosen = section.querySelector("button[aria-current]");
    if (chosen) chosen.removeAttribute("aria-current");
    button.setAttribute("aria-current", "true");
    named(button.closest("li"), k);  // the lighter form names them now (the full form has)
    // As picking it from the "Pathway of" list (which also brings the pathway into view), else by its id.
    var picker = document.getElementById("lm-pick");
    if (picker && picker.querySelector('option[value="' + k + '"]')) {
      picker.value = String(k);
      picker.dispatchEvent(new Event("change"));
    } else if (typeof window.logicModelHighlight === "function") {
      window.logicModelHighlight(button.getAttribute("data-id"));
    }
  });
  // The standalone page's filters: the page sets window.logicModelHidden (the hidden boxes' ids) in its own
  // listener on each select; this one, on the document, runs after it.
  document.addEventListener("change", function (ev) {
    if (!ev.target.closest || !ev.target.closest("#lm-filters")) return;
    var toNumber = window.logicModelNumber, gone = window.logicModelHidden || [];
    hiddenNow = new Set();
    gone.forEach(function (id) { var k = toNumber ? toNumber(id) : null; if (k !== null) hiddenNow.add(k); });
    Array.prototype.forEach.call(section.querySelectorAll("li[data-k]"), function (li) {
      li.hidden = hiddenNow.has(Number(li.getAttribute("data-k")));
    });
    Array.prototype.forEach.call(section.querySelectorAll("ul.lm-text-boxes"), function (list) {
      var heading = list.previousElementSibling, left = list.querySelectorAll(":scope > li:not([hidden])").length;
      var count = heading.querySelector("span[data-count]"), all = Number(count.getAttribute("data-count"));
      count.textContent = left === all ? boxes(all) : left + " of " + all + " boxes shown";
      list.hidden = heading.hidden = left === 0;
    });
    if (current && current.closest("li").hidden) hold(visible(0, 1));
  });
})();
