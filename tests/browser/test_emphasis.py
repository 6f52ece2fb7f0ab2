"""The diagram with a commissioner's pathways emphasised, in Chromium: the rest is faded at first, a box's
pathway shows when picked, and clearing it brings back the faded view, not the plain one."""

from __future__ import annotations

from pathlib import Path

from logicmodel.analysis.offer import offer
from logicmodel.core.samples import find
from logicmodel.drawing.diagram import diagram_html

FADED = "#ffffff"
COLOURS = "(id) => logicModelView.box(id).fill"
"""A box's fill as drawn now."""


def test_faded_boxes_stay_faded_after_a_pathway_is_cleared(browser, tmp_path: Path) -> None:
    fw = find("swindon").load()
    o = offer(fw, "adult-social-care")
    path = tmp_path / "diagram.html"
    path.write_text(diagram_html(fw, emphasis=frozenset(o.boxes), standalone=True), encoding="utf-8")
    context = browser.new_context()
    tab = context.new_page()
    try:
        tab.goto(path.as_uri())
        tab.wait_for_selector("html[data-drawn]", timeout=20_000)
        off = next(n.id for n in fw.nodes if n.id not in o.boxes)
        on = o.activities[0].id
        assert tab.evaluate(COLOURS, off) == FADED and tab.evaluate(COLOURS, on) != FADED
        tab.get_by_label("Pathway of").select_option(label=fw.node_by_id[off].label)
        assert tab.evaluate(COLOURS, off) != FADED  # its own pathway shows it
        tab.get_by_role("button", name="Clear").click()
        assert tab.evaluate(COLOURS, off) == FADED and tab.evaluate(COLOURS, on) != FADED
    finally:
        context.close()
