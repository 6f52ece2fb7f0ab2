/* The diagram as text (section #lm-text, made by logicmodel/drawing/diagram_text.py): "Show as text" shows it over
 * the diagram (screen readers read it always); Enter or a click on a box shows that box's pathway on the diagram
 * (window.logicModelHighlight); the arrow keys move between boxes (one tab stop); Escape goes back to the
 * diagram. A box the standalone page's filters hide drops out of the text, with its mentions. In the lighter
 * form of a big framework, choosing a box also writes what it leads to and comes from (its li's data-to holds
 * the numbers of the boxes it leads to). Labels are read and written as textContent only.
 */
(function () {
  "use strict";
  var section = document.getElementById("lm-text"), toggle = document.getElementById("lm-text-toggle");
  if (!section || !toggle) return;
  var full = section.getAttribute("data-full") === "1";
  // In the toolbar, beside "Fit to view", where it is seen at once (the page's foot may be below the fold of
  // the app's page); in a presentation, beside Back and Next; else it stays in a corner of the window.
  var beside = document.getElementById("lm-fit") || document.getElementById("lm-next");
  if (beside && beside.parentNode) beside.parentNode.insertBefore(toggle, beside.nextSibling);
  var bar = document.getElementById("lm-bar");
  var buttons = Array.prototype.slice.call(section.querySelectorAll("li[data-k] > button"));
  // One tab stop for all the boxes (``hold``): made so here, not written 8,000 times in the page (and there
  // is no form for a button to submit).
  buttons.forEach(function (button) { button.tabIndex = -1; });
  function number(button) { return Number(button.parentNode.getAttribute("data-k")); }
  var current = null;  // the box button that holds the one tab stop
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
  var labels = new Map(), leads = new Map();  // the lighter form's, made when a box is first chosen
  function neighbours(k) {  // the lighter form: [leads to, comes from] as arrays of box numbers
    if (!leads.size) {
      buttons.forEach(function (button) { labels.set(number(button), button.textContent); });
      Array.prototype.forEach.call(section.querySelectorAll("li[data-to]"), function (li) {
        var to = li.getAttribute("data-to");
        leads.set(Number(li.getAttribute("data-k")), to ? to.split(" ").map(Number) : []);
      });
    }
    var from = [];
    leads.forEach(function (to, j) { if (to.indexOf(k) >= 0) from.push(j); });
    return [leads.get(k) || [], from];
  }
  function named(li, k) {
    if (li.querySelector(".lm-text-named")) return;
    var both = neighbours(k), block = document.createElement("div");
    block.className = "lm-text-named";
    [["Leads to", both[0]], ["Comes from", both[1]]].forEach(function (part) {
      if (!part[1].length) return;
      block.appendChild(document.createTextNode(part[0] + ": "));
      var ul = document.createElement("ul");
      part[1].forEach(function (j) {
        var item = document.createElement("li");
        item.setAttribute("data-k", String(j));
        item.textContent = labels.get(j);
        item.hidden = !!hiddenNow.has(j);
        ul.appendChild(item);
      });
      block.appendChild(ul);
    });
    li.appendChild(block);
  }
  section.addEventListener("click", function (ev) {
    var button = ev.target.closest ? ev.target.closest("li[data-k] > button") : null;
    if (!button || !section.contains(button)) return;
    var k = number(button);
    hold(button);
    var chosen = section.querySelector("button[aria-current]");
    if (chosen) chosen.removeAttribute("aria-current");
    button.setAttribute("aria-current", "true");
    if (!full) named(button.closest("li"), k);
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
  var hiddenNow = new Set();
  document.addEventListener("change", function (ev) {
    if (!ev.target.closest || !ev.target.closest("#lm-filters")) return;
    var toNumber = window.logicModelNumber || window.logicModelVisId, gone = window.logicModelHidden || [];
    hiddenNow = new Set();
    gone.forEach(function (id) { var k = toNumber ? toNumber(id) : null; if (k !== null) hiddenNow.add(k); });
    Array.prototype.forEach.call(section.querySelectorAll("li[data-k]"), function (li) {
      li.hidden = hiddenNow.has(Number(li.getAttribute("data-k")));
    });
    Array.prototype.forEach.call(section.querySelectorAll("ul.lm-text-boxes"), function (ul) {
      var heading = ul.previousElementSibling, left = ul.querySelectorAll(":scope > li:not([hidden])").length;
      var count = heading.querySelector("span[data-count]"), all = Number(count.getAttribute("data-count"));
      count.textContent = left === all ? all + (all === 1 ? " box" : " boxes") : left + " of " + all + " boxes shown";
      ul.hidden = heading.hidden = left === 0;
    });
    if (current && current.closest("li").hidden) hold(visible(0, 1));
  });
})();
