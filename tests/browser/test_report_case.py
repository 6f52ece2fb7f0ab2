"""The financial case in the printed report and briefs, in Chromium: with Swindon's falls outcome valued (the
illustrative shape the sample is to carry), every commissioner's brief still prints on one A4 page, and the report's
"Financial case" chapter shows its tornado chart as a drawing with bars, not an empty box."""

from __future__ import annotations

import os
import re
from pathlib import Path

from case_fixture import hand, valued_swindon

from logicmodel import formats
from logicmodel.core.readwrite import dumps

from .conftest import new_tab

SHOTS = Path(os.environ.get("LM_SCREENSHOTS", "/tmp/lm-screenshots"))


def _pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))


def test_every_brief_of_a_valued_swindon_prints_on_one_a4_page(browser, tmp_path: Path):
    fw = valued_swindon()
    tab = browser.new_page()
    try:
        counts = {}
        for who in [s.id for s in fw.stakeholders]:
            page_file = tmp_path / f"{who}.html"
            page_file.write_bytes(formats.get("report").write(fw, formats.Choices(commissioner=who)))
            tab.goto(page_file.as_uri())
            counts[who] = _pages(tab.pdf(prefer_css_page_size=True))
        assert counts == dict.fromkeys(counts, 1)
        tab.goto((tmp_path / "adult-social-care.html").as_uri())
        assert "In the financial case, they put in" in tab.inner_text("body")
    finally:
        tab.close()


def test_the_reports_financial_case_draws_its_tornado_chart(browser, tmp_path: Path):
    page_file = tmp_path / "report.html"
    page_file.write_bytes(formats.get("report").write(hand(), formats.Choices()))
    tab = browser.new_page(viewport={"width": 1366, "height": 768})
    try:
        tab.goto(page_file.as_uri())
        chart = tab.locator("section", has=tab.get_by_role("heading", name="Financial case")).locator(
            "figure.chart svg"
        )
        assert chart.count() == 1
        box = chart.bounding_box()
        assert box is not None and box["width"] > 400 and box["height"] > 200  # drawn at a readable size
        assert "Investment" in chart.text_content()  # the widest swing's label, drawn as text
    finally:
        tab.close()


def test_the_commissioners_page_shows_what_they_pay_and_save(browser, app_url, wait_for_app):
    """The hand-worked case opened in the app: Public Health, first in the list, owns no outcome but pays
    £10,000 of the £12,000, and the page says so in its words and shows its row, readable at 1366x768."""
    page = new_tab(browser, app_url, viewport={"width": 1366, "height": 768})
    try:
        page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(
            {"name": "falls.json", "mimeType": "application/json", "buffer": dumps(hand()).encode()}
        )
        wait_for_app(page)
        page.get_by_test_id("stSidebarNav").get_by_role("link", name="Commissioners").click()
        wait_for_app(page)
        said = page.get_by_text("The financial case: Public Health puts in £10,000 of the £12,000 invested")
        said.wait_for()
        SHOTS.mkdir(parents=True, exist_ok=True)
        said.scroll_into_view_if_needed()
        page.screenshot(path=str(SHOTS / "commissioners-case-words-1366x768.png"))
        heading = page.get_by_role("heading", name="Their financial case")
        heading.wait_for()
        heading.evaluate("e => e.scrollIntoView()")
        page.wait_for_timeout(300)
        page.screenshot(path=str(SHOTS / "commissioners-case-1366x768.png"))
        assert page.get_by_text("a net present value of £800").count() == 1
        assert page.outside_requests == []
    finally:
        page.context.close()
