"""The diagram's test hooks (``window.logicModelView``, ``window.logicModelNumber``) keep their contract, in Chromium,
on the standalone page of the Swindon sample: every other browser test reads the diagram through them, so
whichever renderer draws it must answer them the same way (see diagram.js and tests/browser/diagram_view.py).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from logicmodel.core.graph import pathway
from logicmodel.core.readwrite import load
from logicmodel.drawing.diagram import diagram_html

from .diagram_view import BOX, BOX_CENTRE, SETTLED, VIEW

ROOT = Path(__file__).resolve().parents[2]
LEVELS = ["Activities", "Outputs", "Intermediate outcomes", "Strategic outcomes"]


@pytest.fixture
def swindon_tab(browser, tmp_path: Path):
    """The Swindon sample's standalone diagram, drawn, in a 1400x900 tab; page errors are collected."""
    fw = load(ROOT / "sample_frameworks" / "swindon.json")
    path = tmp_path / "diagram.html"
    path.write_text(diagram_html(fw, standalone=True), encoding="utf-8")
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    tab = context.new_page()
    problems: list[str] = []
    tab.on("pageerror", lambda exc: problems.append(str(exc)))
    tab.goto(path.as_uri())
    tab.wait_for_selector("html[data-drawn]", timeout=20_000)
    yield fw, tab
    context.close()
    assert problems == [], f"the page failed: {problems}"


def test_the_hooks_list_every_box_link_and_heading_in_order(swindon_tab) -> None:
    fw, tab = swindon_tab
    ids = [node.id for node in fw.nodes]
    seen = tab.evaluate(
        """(ids) => { const v = logicModelView;
          return {ready: v.ready, first: v.firstFrame, numbers: ids.map((id) => logicModelNumber(id)),
            alias: ids.map((id) => logicModelVisId(id)), unknown: [logicModelNumber('no such box'),
            logicModelNumber('__proto__'), v.box('no such box'), v.box('constructor')],
            boxes: v.boxes(), links: v.links(), headings: v.headings(), link0: v.link(0)}; }""",
        ids,
    )
    assert seen["ready"] is True and seen["first"] > 0
    assert sorted(seen["numbers"]) == list(range(len(ids))) and seen["alias"] == seen["numbers"]
    assert seen["unknown"] == [None, None, None, None]
    boxes = seen["boxes"]
    assert [boxes[k]["id"] for k in seen["numbers"]] == ids, "boxes() is not in box-number order"
    for node in fw.nodes:
        box = boxes[seen["numbers"][ids.index(node.id)]]
        assert box == tab.evaluate(BOX, node.id)
        assert "".join(node.label.split())[:20] in "".join(box["label"].split()), box["label"]  # wrapped, cut
        assert box["width"] > 0 and box["height"] > 0 and box["font"] > 0 and box["borderWidth"] > 0
        assert box["fill"] and box["border"] and box["text"] and box["hidden"] is False
    pairs = Counter((link["from"], link["to"]) for link in seen["links"])
    assert pairs == Counter((link.source, link.target) for link in fw.links)
    assert seen["link0"] == seen["links"][0]
    assert all(link["width"] > 0 and link["colour"] and link["hidden"] is False for link in seen["links"])
    assert any(link["routed"] for link in seen["links"]), "Swindon has links that skip columns"
    headings = seen["headings"]
    assert [" ".join(h["label"].split()) for h in headings] == LEVELS
    top = min(box["y"] - box["height"] / 2 for box in boxes)
    assert all(h["y"] < top for h in headings), "a level's heading is not above the boxes"


def test_the_view_moves_converts_points_and_finds_the_box_under_a_point(swindon_tab) -> None:
    fw, tab = swindon_tab
    back = tab.evaluate("(p) => logicModelView.toDrawing(logicModelView.toScreen(p))", {"x": 123.5, "y": -45})
    assert back == pytest.approx({"x": 123.5, "y": -45}, abs=0.01)
    target = tab.evaluate(BOX, fw.nodes[5].id)
    tab.evaluate("(b) => logicModelView.moveTo({x: b.x, y: b.y, scale: 1.5})", target)
    assert tab.evaluate(VIEW) == pytest.approx([1.5, target["x"], target["y"]], abs=0.01)
    width, height = tab.evaluate("(a => [a.clientWidth, a.clientHeight])(document.getElementById('mynetwork'))")
    assert tab.evaluate(BOX_CENTRE, fw.nodes[5].id) == pytest.approx({"x": width / 2, "y": height / 2}, abs=0.5)
    tab.evaluate("logicModelView.moveTo({scale: 0.5}, 200)")  # animated: the centre stays, the scale ends at 0.5
    tab.evaluate(SETTLED)
    assert tab.evaluate(VIEW) == pytest.approx([0.5, target["x"], target["y"]], abs=0.01)
    tab.evaluate("logicModelView.fit()")
    tab.evaluate(SETTLED)
    for node in fw.nodes:  # all in view: each found under its centre
        at = tab.evaluate(BOX_CENTRE, node.id)
        assert 0 <= at["x"] <= width and 0 <= at["y"] <= height, f"{node.id} out of view after fit()"
        assert tab.evaluate("([x, y]) => logicModelView.boxAt(x, y)", [at["x"], at["y"]]) == node.id
    assert tab.evaluate("logicModelView.boxAt(2, 2)") is None, "a box found on the background"


def test_pick_highlights_a_pathway_and_the_colours_say_so(swindon_tab) -> None:
    fw, tab = swindon_tab
    chosen = "str-fewer-falls"
    route = set(pathway(fw, chosen))
    before = {node.id: tab.evaluate(BOX, node.id) for node in fw.nodes}
    tab.evaluate("(id) => logicModelView.pick(id)", chosen)
    tab.locator("#lm-details").wait_for(state="visible")
    assert tab.evaluate("window.logicModelPathway") == sorted(route)
    after = {node.id: tab.evaluate(BOX, node.id) for node in fw.nodes}
    off = [i for i in after if i not in route]
    assert off, "the pathway takes in every box: nothing to fade"
    assert all(after[i]["fill"] == before[i]["fill"] for i in route), "a box of the pathway lost its colour"
    assert all(after[i]["fill"] != before[i]["fill"] or after[i]["text"] != before[i]["text"] for i in off)
    assert after[chosen]["borderWidth"] > before[chosen]["borderWidth"], "the chosen box is not marked out"
    links = tab.evaluate("logicModelView.links()")
    on = {link["colour"] for link in links if link["from"] in route and link["to"] in route}
    away = {link["colour"] for link in links if link["from"] not in route and link["to"] not in route}
    assert on - away, "the pathway's links look like the others"
    tab.get_by_role("button", name="Clear").click()
    assert {node.id: tab.evaluate(BOX, node.id) for node in fw.nodes} == before


def test_filters_hide_boxes_and_their_links_in_the_hooks(swindon_tab) -> None:
    fw, tab = swindon_tab
    tab.get_by_label("Level").select_option(label="Activities")
    hidden = set(tab.evaluate("window.logicModelHidden"))
    boxes = tab.evaluate("logicModelView.boxes()")
    assert {b["id"] for b in boxes if b["hidden"]} == hidden and hidden
    links = tab.evaluate("logicModelView.links()")
    assert all(link["hidden"] == (link["from"] in hidden or link["to"] in hidden) for link in links)
    count = tab.evaluate("logicModelView.drawn().boxes")
    assert count <= len(fw.nodes) - len(hidden), "hidden boxes counted as drawn"


def test_drawn_counts_frames_and_what_the_last_one_drew(swindon_tab) -> None:
    fw, tab = swindon_tab
    tab.evaluate("logicModelView.fit()")
    tab.evaluate(SETTLED)
    whole = tab.evaluate("logicModelView.drawn()")
    assert whole["frames"] >= 1 and whole["boxes"] == len(fw.nodes) and whole["links"] == len(fw.links)
    assert 1 <= whole["paths"] <= whole["links"] and whole["labels"] <= whole["boxes"]
    assert tab.evaluate("logicModelView.frameTime()") >= 0
    near = tab.evaluate(BOX, fw.nodes[0].id)
    tab.evaluate("(b) => logicModelView.moveTo({x: b.x, y: b.y, scale: 4})", near)
    tab.evaluate(SETTLED)
    close = tab.evaluate("logicModelView.drawn()")
    assert close["frames"] > whole["frames"], "moving the view drew no frame"
    assert 1 <= close["boxes"] < len(fw.nodes), "zoomed in on one box, every box still counted as drawn"
