"""In a real browser: bring a Fingertips download in on the Progress page. The account shows before anything
changes; Add makes the indicator's chart (drawn by vega-embed) show the new measurements and its status; the
page asks nothing of any other host. Screenshots at 1366x768 for a person to look at (``LM_SCREENSHOTS``)."""

from __future__ import annotations

import json
import os
from pathlib import Path

from logicmodel.core.readwrite import dumps, load

from .conftest import ROOT, new_tab

SHOTS = Path(os.environ.get("LM_SCREENSHOTS", "/tmp/lm-screenshots"))
FIXTURES = ROOT / "tests" / "fixtures" / "progress"
INACTIVE = "Percentage of physically inactive adults"


def nothing_measured_for_inactive_adults() -> dict:
    """The illustrative framework (every figure made up) with its inactive adults' measurements taken away."""
    data = json.loads(dumps(load(FIXTURES / "illustrative.json")))
    for node in data["nodes"]:
        for indicator in node.get("indicators", []):
            if indicator["name"] == INACTIVE:
                indicator.pop("measurements", None)
    return data


def chart_of(page, said: str):
    """The chart whose accessible name (the page's ``alt``: the indicator's name, its status and why) starts so."""
    return page.locator(f'[data-testid="stVegaLiteChart"][aria-label^="{said}"]').first


def test_a_fingertips_download_is_brought_in_and_its_chart_shows_it(browser, app_url, wait_for_app):
    page = new_tab(browser, app_url, viewport={"width": 1366, "height": 768})
    try:
        page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(
            {
                "name": "walking.json",
                "mimeType": "application/json",
                "buffer": json.dumps(nothing_measured_for_inactive_adults()).encode(),
            }
        )
        wait_for_app(page)
        page.get_by_test_id("stSidebarNav").get_by_role("link", name="Progress").click()
        wait_for_app(page)
        page.get_by_role("heading", name="Progress").first.wait_for()
        chart_of(page, f"{INACTIVE}: no data").wait_for()

        page.get_by_text("Bring data in").first.click()
        wait_for_app(page)
        page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(
            FIXTURES / "fingertips-illustrative.csv"
        )
        wait_for_app(page)
        page.get_by_text("What fingertips-illustrative.csv brings").wait_for()
        account = page.get_by_test_id("stMarkdownContainer").filter(has_text="Read 5 rows").last.inner_text()
        assert "Added 3 measurements; 1 conflict" in account
        assert "recorded as 65.3, the file (row 5) says 64; kept 65.3" in account
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "progress-account-1366x768.png"))

        page.get_by_role("button", name="Add 3 measurements as the next version").click()
        wait_for_app(page)
        page.get_by_text("Added 3 measurements from fingertips-illustrative.csv").first.wait_for()
        chart = chart_of(page, f"{INACTIVE}: worsening")
        chart.wait_for()
        chart.scroll_into_view_if_needed()
        drawn = chart.locator("canvas, svg.marks").first  # vega-embed draws into the element labelled
        drawn.wait_for()
        box = drawn.bounding_box()
        assert box is not None and box["width"] > 300 and box["height"] > 200  # drawn, at a readable size
        words = drawn.evaluate("e => e.textContent")  # an SVG's text (a canvas has none to read)
        if words:
            assert "2021/22" in words and "2023/24" in words and "Target: 22" in words
        page.wait_for_timeout(500)
        page.screenshot(path=str(SHOTS / "progress-chart-1366x768.png"))
        assert page.outside_requests == []
    finally:
        page.context.close()
