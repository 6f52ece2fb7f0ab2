"""The diagram's own renderer (``diagram_assets/canvas.js``) in Chromium, on big frameworks: every box can be
picked where it is drawn, boxes out of view and labels too small to read are skipped, a dense framework's links
are all drawn in few paths, nothing is drawn while nothing changes, the canvas is sharp on a high-density screen,
and the wheel and a drag move the view. Read only through the test hooks (``window.logicModelView``).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from logicmodel.core.readwrite import from_data
from logicmodel.core.synthetic import dense_data, synthetic_data
from logicmodel.drawing.diagram import diagram_html

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("canvas")
    made = {}
    for name, data in (("big", synthetic_data(8000, seed=1)), ("dense", dense_data()), ("small", synthetic_data(60))):
        made[name] = folder / f"{name}.html"
        made[name].write_text(diagram_html(from_data(data), standalone=name == "small"), encoding="utf-8")
    return made


def _open(browser, path: Path, **context):
    context = browser.new_context(viewport={"width": 1366, "height": 768}, **context)
    tab = context.new_page()
    problems: list[str] = []
    tab.on("pageerror", lambda exc: problems.append(str(exc)))
    tab.goto(path.as_uri())
    tab.wait_for_selector("html[data-drawn]", timeout=60_000)
    assert tab.evaluate("logicModelView.ready")
    return context, tab, problems


NEXT_FRAMES = "() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => done(true))))"
STILL = """() => new Promise((done) => {
  const v = logicModelView;
  let last = -1;
  const look = () => { const now = v.drawn().frames; if (now === last) done(v.drawn()); else { last = now;
    setTimeout(look, 400); } };
  look();
})"""
"""Resolves, with what the last frame drew, once no frame has been drawn for 400 ms (the view has settled)."""


def test_every_one_of_8000_boxes_is_found_where_it_is_drawn(browser, pages) -> None:
    context, tab, problems = _open(browser, pages["big"])
    try:
        missed = tab.evaluate(
            """() => {
              const v = logicModelView, missed = [];
              for (const b of v.boxes()) {
                v.moveTo({x: b.x + b.width / 4, y: b.y - b.height / 4, scale: 1});
                const at = v.toScreen({x: b.x, y: b.y});
                if (v.boxAt(at.x, at.y) !== b.id) missed.push(b.id);
              }
              v.fit();
              for (const b of v.boxes().slice(0, 500)) {  // at a glance, each box a few pixels wide
                const at = v.toScreen({x: b.x, y: b.y});
                if (v.boxAt(at.x, at.y) !== b.id) missed.push('fit:' + b.id);
              }
              return missed;
            }"""
        )
        assert missed == []
        assert tab.evaluate("logicModelView.boxes().length") == 8000
        assert tab.evaluate("logicModelView.boxAt(-5000, -5000)") is None
    finally:
        context.close()
    assert problems == []


def test_boxes_out_of_view_and_labels_too_small_to_read_are_not_drawn(browser, pages) -> None:
    context, tab, problems = _open(browser, pages["big"])
    try:
        tab.evaluate("logicModelView.fit()")
        whole = tab.evaluate(STILL)
        assert whole["boxes"] == 8000 and whole["labels"] == 0, "at a glance every box, no label a speck"
        tab.evaluate(
            "(() => { const b = logicModelView.boxes()[100]; logicModelView.moveTo({x: b.x, y: b.y, scale: 1}); })()"
        )
        close = tab.evaluate(STILL)
        assert 0 < close["boxes"] < 100 and close["labels"] == close["boxes"], "zoomed in: the boxes in view, labelled"
        assert 0 < close["links"] < 16_000
    finally:
        context.close()
    assert problems == []


def test_a_dense_frameworks_100000_links_are_all_drawn_in_few_paths(browser, pages) -> None:
    context, tab, problems = _open(browser, pages["dense"])
    try:
        count = tab.evaluate("logicModelView.links().length")
        assert count == 100_000
        tab.evaluate("logicModelView.fit()")
        drawn = tab.evaluate(STILL)
        assert drawn["links"] == count and drawn["boxes"] == 1400
        assert 0 < drawn["paths"] <= count / 500, "links are batched, not stroked one by one"
    finally:
        context.close()
    assert problems == []


def test_nothing_is_drawn_while_nothing_changes(browser, pages) -> None:
    context, tab, problems = _open(browser, pages["small"])
    try:
        before = tab.evaluate(STILL)["frames"]
        tab.wait_for_timeout(600)
        tab.mouse.move(5, 5)
        tab.wait_for_timeout(300)
        assert tab.evaluate("logicModelView.drawn().frames") == before, "a frame drawn with nothing changed"
        tab.evaluate("logicModelView.moveTo({x: logicModelView.centre().x + 50, y: logicModelView.centre().y})")
        tab.evaluate(NEXT_FRAMES)
        assert tab.evaluate("logicModelView.drawn().frames") > before, "a move draws"
        box = tab.evaluate("logicModelView.boxes()[3].id")
        frames = tab.evaluate(STILL)["frames"]
        tab.evaluate("(id) => logicModelView.pick(id)", box)
        tab.evaluate(NEXT_FRAMES)
        assert tab.evaluate("logicModelView.drawn().frames") > frames, "a pathway picked draws"
        assert tab.evaluate("window.logicModelPathway").count(box) == 1
    finally:
        context.close()
    assert problems == []


def test_the_canvas_has_a_pixel_for_each_device_pixel_on_a_high_density_screen(browser, pages) -> None:
    context, tab, problems = _open(browser, pages["small"], device_scale_factor=2)
    try:
        size = tab.evaluate(
            "(() => { const c = document.querySelector('#mynetwork canvas');"
            " return [c.width, c.height, c.clientWidth, c.clientHeight]; })()"
        )
        assert size[0] == 2 * size[2] and size[1] == 2 * size[3] and size[2] > 500
        centre = tab.evaluate("(() => { const b = logicModelView.boxes()[0]; return logicModelView.toScreen(b); })()")
        assert tab.evaluate(f"logicModelView.boxAt({centre['x']}, {centre['y']})") is not None
    finally:
        context.close()
    assert problems == []


def test_the_wheel_zooms_at_the_pointer_and_a_drag_moves_the_view(browser, pages) -> None:
    context, tab, problems = _open(browser, pages["small"])
    try:
        canvas = tab.locator("#mynetwork canvas").bounding_box()
        x, y = canvas["x"] + 400, canvas["y"] + 300
        under = tab.evaluate("(p) => logicModelView.toDrawing(p)", {"x": 400, "y": 300})
        scale = tab.evaluate("logicModelView.scale()")
        tab.mouse.move(x, y)
        tab.mouse.wheel(0, -200)  # away from the person: zoom in
        tab.wait_for_function(f"logicModelView.scale() > {scale} * 1.1")
        tab.evaluate(NEXT_FRAMES)
        still = tab.evaluate("(p) => logicModelView.toScreen(p)", under)
        assert abs(still["x"] - 400) < 1 and abs(still["y"] - 300) < 1, "the point under the pointer moved"
        centre, scale = tab.evaluate("logicModelView.centre()"), tab.evaluate("logicModelView.scale()")
        tab.mouse.move(x, y)
        tab.mouse.down()
        tab.mouse.move(x - 60, y - 30, steps=5)
        tab.mouse.move(x - 120, y - 80, steps=5)
        tab.mouse.up()
        moved = tab.evaluate("logicModelView.centre()")
        assert abs((moved["x"] - centre["x"]) * scale - 120) < 2 and abs((moved["y"] - centre["y"]) * scale - 80) < 2
        assert tab.locator("#lm-details").is_hidden(), "a drag is not a click"
    finally:
        context.close()
    assert problems == []


TOUCH = """([moves]) => {
  const canvas = document.querySelector('#mynetwork canvas'), r = canvas.getBoundingClientRect();
  const send = (type, id, x, y) => canvas.dispatchEvent(new PointerEvent(type, {pointerId: id, pointerType: 'touch',
    isPrimary: id === 1, clientX: r.left + x, clientY: r.top + y, button: 0, buttons: type === 'pointerup' ? 0 : 1,
    bubbles: true}));
  for (const [type, id, x, y] of moves) send(type, id, x, y);
}"""
"""Fingers on the canvas, as the pointer events a touch screen sends: [type, finger, x, y] in the canvas's pixels."""


def test_one_finger_pans_and_two_fingers_pinch_to_zoom(browser, pages) -> None:
    context, tab, problems = _open(browser, pages["small"], has_touch=True)
    try:
        centre, scale = tab.evaluate("logicModelView.centre()"), tab.evaluate("logicModelView.scale()")
        pan = [["pointerdown", 1, 300, 300], ["pointermove", 1, 320, 310], ["pointermove", 1, 400, 350]]
        tab.evaluate(TOUCH, [[*pan, ["pointerup", 1, 400, 350]]])
        moved = tab.evaluate("logicModelView.centre()")
        assert abs((centre["x"] - moved["x"]) * scale - 100) < 1 and abs((centre["y"] - moved["y"]) * scale - 50) < 1
        under = tab.evaluate("(p) => logicModelView.toDrawing(p)", {"x": 400, "y": 300})
        apart = [["pointerdown", 1, 350, 300], ["pointerdown", 2, 450, 300], ["pointermove", 1, 300, 300]]
        apart += [["pointermove", 2, 500, 300], ["pointerup", 1, 300, 300], ["pointerup", 2, 500, 300]]
        tab.evaluate(TOUCH, [apart])
        assert abs(tab.evaluate("logicModelView.scale()") / scale - 2) < 0.01, (
            "fingers twice as far apart: twice as big"
        )
        still = tab.evaluate("(p) => logicModelView.toScreen(p)", under)
        assert abs(still["x"] - 400) < 1 and abs(still["y"] - 300) < 1, "the point between the fingers stays put"
        assert tab.locator("#lm-details").is_hidden(), "a pan or a pinch is not a tap"
    finally:
        context.close()
    assert problems == []
