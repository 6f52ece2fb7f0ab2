"""What the browser tests read of the diagram, in one place: JavaScript snippets over the page's test hooks
(``window.logicModelView`` and ``window.logicModelNumber``, described in diagram.js), never over the objects of
whichever library draws it, so that the tests hold for any renderer that keeps the hooks.

Points on screen are CSS pixels from the diagram's top-left corner (the ``#mynetwork`` element, where its canvas
is): what ``locator("#mynetwork canvas").click(position=...)`` takes. Points in the drawing are its own units.
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "BOX",
    "BOX_CENTRE",
    "BOX_ON_SCREEN",
    "DRAWN_PIXELS",
    "FIRST_VIEW",
    "FOCUS",
    "MOVE_TO_BOX",
    "SETTLED",
    "VIEW",
    "click_box",
]

BOX_CENTRE = "(id) => logicModelView.toScreen(logicModelView.box(id))"
"""Where a box (named by its id in the framework) has its centre on screen."""

BOX_ON_SCREEN = """(ids) => ids.map((id) => {
  const v = logicModelView, b = v.box(id);
  const a = v.toScreen({x: b.x - b.width / 2, y: b.y - b.height / 2});
  const z = v.toScreen({x: b.x + b.width / 2, y: b.y + b.height / 2});
  return [a.x, a.y, z.x, z.y];
})"""
"""The boxes' edges on screen, each [left, top, right, bottom], for a list of box ids."""

BOX = "(id) => logicModelView.box(id)"
"""A box as drawn now: its label, place, size, type size, colours (fill, border, text), border and whether hidden."""

MOVE_TO_BOX = "(id) => { const b = logicModelView.box(id); logicModelView.moveTo({x: b.x, y: b.y, scale: 1}); }"
"""Centre the view on a box at the drawing's own size (scale 1), at once."""

VIEW = "() => [logicModelView.scale(), logicModelView.centre().x, logicModelView.centre().y]"
"""The view: its scale (screen pixels per drawing unit) and the drawing's point at its centre."""

SETTLED = """() => new Promise((done) => {
  let last = "", same = 0;
  const look = () => {
    const v = logicModelView, p = v.centre(), now = [p.x, p.y, v.scale()].join();
    same = now === last ? same + 1 : 0;
    last = now;
    if (same >= 3) done(true); else requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
})"""
"""Resolves once the view has stayed still for three frames: a zoom to a pathway has finished moving."""

FOCUS = """() => {
  const area = document.getElementById('mynetwork');
  const own = area.hasAttribute('tabindex') ? area : area.querySelector('[tabindex]');
  (own || area).focus();
  return document.activeElement === area || area.contains(document.activeElement);
}"""
"""Give the diagram the keyboard focus, as Tab does (the diagram's element, or what Tab reaches inside it)."""

DRAWN_PIXELS = """() => {
  const canvas = document.querySelector('#mynetwork canvas');
  const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  let inked = 0;
  for (let i = 0; i < data.length; i += 4) {
    if (data[i + 3] > 0 && (data[i] < 235 || data[i + 1] < 235 || data[i + 2] < 235)) inked++;
  }
  return inked;
}"""
"""How many pixels of the canvas are inked (neither clear nor near white): a blank canvas has none."""

FIRST_VIEW = """() => {
  const v = logicModelView, width = document.getElementById('mynetwork').clientWidth, out = [];
  for (const b of v.boxes()) {
    const left = v.toScreen({x: b.x - b.width / 2, y: b.y}).x, right = v.toScreen({x: b.x + b.width / 2, y: b.y}).x;
    if (left < 0 || right > width) out.push(b.label);
  }
  return {width, out, scale: v.scale()};
}"""
"""Where the view leaves the boxes: the labels of those not wholly inside the diagram's width, and the scale."""


def click_box(frame: Any, node_id: str) -> None:
    """Click the centre of a box on the canvas, where a user would, once the view has stopped moving."""
    frame.evaluate(SETTLED)
    point = frame.evaluate(BOX_CENTRE, node_id)
    frame.locator("#mynetwork canvas").click(position={"x": point["x"], "y": point["y"]})
