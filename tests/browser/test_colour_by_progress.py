"""Colour by progress in a real browser: a framework with (illustrative) measurements opened on Home, the
Diagram's "Colour boxes by: Progress" chosen; the legend shows each status with its mark, the box "Older
people <stronger> & steadier" is drawn with "↓ worsening" on its first line and a vermillion tint (read from the
canvas), its details say why, and "What each status means" opens on each meaning. Nothing leaves the machine.

Set ``LOGICMODEL_SHOTS`` to a folder to keep a screenshot of the diagram there (to look at it).
"""

from __future__ import annotations

import os
from pathlib import Path

from logicmodel.analysis.progress import STATUSES
from logicmodel.drawing.style import PROGRESS_STYLES, progress_mark, tint

from .conftest import choose

ROOT = Path(__file__).resolve().parents[2]
MEASURED = ROOT / "tests" / "fixtures" / "progress" / "measured.json"

BOX_LOOK = """(id) => {
  const b = logicModelView.box(id), at = logicModelView.toScreen({x: b.x, y: b.y + 8});
  const canvas = document.querySelector('#mynetwork canvas'), ratio = canvas.width / canvas.clientWidth;
  const px = canvas.getContext('2d').getImageData(Math.round(at.x * ratio) + 40, Math.round(at.y * ratio), 1, 1).data;
  return {label: b.label, pixel: [px[0], px[1], px[2]]};
}"""
"""A box's label as drawn, and the colour of the canvas inside the box, off its text."""


def test_diagram_coloured_by_progress_shows_the_legend_and_each_boxs_status(page, wait_for_app) -> None:
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(MEASURED)
    wait_for_app(page)
    page.get_by_test_id("stSidebar").get_by_text("9 boxes, 9 links").wait_for()
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Diagram").click()
    wait_for_app(page)
    choose(page, "Colour boxes by", "Progress")
    frame = page.locator("iframe").first.element_handle(timeout=20_000).content_frame()
    frame.wait_for_selector("html[data-drawn]", timeout=20_000)
    legend = frame.get_by_label("Legend")
    for status in STATUSES:
        assert legend.locator(".lm-status").get_by_text(progress_mark(status).words, exact=True).is_visible(), status
    look = frame.evaluate(BOX_LOOK, "strength")
    assert look["label"].split("\n")[0] == "↓ worsening"
    expected = tint(PROGRESS_STYLES["worsening"][0], 0.82)
    wanted = [int(expected[i : i + 2], 16) for i in (1, 3, 5)]
    assert all(abs(a - b) <= 6 for a, b in zip(look["pixel"], wanted, strict=True)), (look["pixel"], expected)
    frame.get_by_label("Pathway of").select_option(label="Older people <stronger> & steadier")
    details = frame.locator("#lm-details")
    details.wait_for(state="visible")
    assert "Worsening: 1 of 1 indicator worsening" in details.inner_text()
    frame.get_by_text("What each status means").click()
    for meaning in STATUSES.values():
        assert frame.get_by_text(meaning, exact=True).is_visible()
    if os.environ.get("LOGICMODEL_SHOTS"):
        page.screenshot(path=str(Path(os.environ["LOGICMODEL_SHOTS"]) / "diagram-progress.png"))
    assert page.outside_requests == [], f"requests left the machine: {page.outside_requests}"
