"""The financial case in the printed report and briefs, in Chromium: with Swindon's falls outcome valued (the
illustrative shape the sample is to carry), every commissioner's brief still prints on one A4 page, and the report's
"Financial case" chapter shows its tornado chart as a drawing with bars, not an empty box."""

from __future__ import annotations

import re
from pathlib import Path

from case_fixture import hand, valued_swindon

from logicmodel import formats


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
        assert "Financial case: " in tab.inner_text("body")
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
