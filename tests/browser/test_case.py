"""In a real browser, the acceptance of the financial case: a lead opens Swindon, goes to Case, fills in the
proxy and the assumptions of the falls outcome and who saves, and sees the ratio (the one ``appraise`` works
out), who pays and who saves, and the tornado chart drawn; a deadweight of 1.5 is refused in one line. Screenshots
at 1366x768 and 1920x1080 for a person to look at (``LM_SCREENSHOTS``). Every figure typed here is illustrative,
made up for the test: not a confirmed unit cost or Swindon's data."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from logicmodel.analysis.appraisal import appraise
from logicmodel.analysis.case_words import per_pound
from logicmodel.core.samples import find
from logicmodel.editing.valuation import set_valuation_typed

from .conftest import choose, new_tab

SHOTS = Path(os.environ.get("LM_SCREENSHOTS", "/tmp/lm-screenshots"))
FALLS = "str-fewer-falls"
FALLS_LABEL = "Fewer falls among people aged 65 and over"
ICB = "Integrated care board (formerly the clinical commissioning group)"
TYPED = {  # illustrative: made up for the test
    "quantity": "120",
    "proxy_amount": "1650",
    "proxy_unit": "a fall avoided",
    "proxy_source": "illustrative figure for a test, not a confirmed unit cost",
    "deadweight": "30%",
    "displacement": "0%",
    "attribution": "20%",
    "drop_off": "20%",
    "duration": "3",
}
LABELS = {
    "quantity": "Quantity a year",
    "proxy_amount": "Financial proxy (amount for one)",
    "proxy_unit": "Proxy unit",
    "proxy_source": "Proxy source (with its year and price base)",
    "deadweight": "Deadweight",
    "displacement": "Displacement",
    "attribution": "Attribution",
    "drop_off": "Drop-off",
    "duration": "Duration (years)",
}


def type_in(page, label: str, text: str) -> None:
    field = page.get_by_label(label, exact=True)
    field.fill(text)


@pytest.mark.parametrize("size", [(1366, 768), (1920, 1080)], ids=["1366x768", "1920x1080"])
def test_a_lead_values_swindons_falls_outcome_and_sees_the_case(browser, app_url, wait_for_app, size):
    width, height = size
    page = new_tab(browser, app_url, viewport={"width": width, "height": height})
    try:
        page.get_by_role("button", name="Open Get Swindon Active").first.click()
        wait_for_app(page)
        page.get_by_test_id("stSidebarNav").get_by_role("link", name="Case").click()
        wait_for_app(page)
        page.get_by_role("heading", name="Case").first.wait_for()
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.wait_for_timeout(300)
        page.screenshot(path=str(SHOTS / f"case-swindon-as-shipped-{width}x{height}.png"))

        choose(page, "Outcome box", FALLS_LABEL, exact=False)
        for field, text in TYPED.items():
            type_in(page, LABELS[field], text)
        choose(page, "Beneficiary: who gains or saves", ICB, exact=False)
        page.get_by_label("Quantity a year", exact=True).scroll_into_view_if_needed()
        page.screenshot(path=str(SHOTS / f"case-form-{width}x{height}.png"))

        type_in(page, "Deadweight", "1.5")  # a wrong value first: one line, nothing changed
        page.get_by_role("button", name=f"Save the valuation of {FALLS_LABEL}").click()
        wait_for_app(page)
        refusal = page.get_by_test_id("stAlertContentError").first
        refusal.wait_for()
        assert "deadweight: should be at most 1" in refusal.inner_text()
        assert "Traceback" not in page.content()

        for field, text in TYPED.items():  # the form kept what was typed; put the deadweight right and save
            type_in(page, LABELS[field], text)
        page.get_by_role("button", name=f"Save the valuation of {FALLS_LABEL}").click()
        wait_for_app(page)
        page.get_by_text(f"Saved the valuation of '{FALLS_LABEL}'").first.wait_for()

        expected = appraise(set_valuation_typed(find("swindon").load(), FALLS, {**TYPED, "beneficiary": "icb"}))
        assert expected.ratio is not None
        ratio = page.get_by_test_id("stMetric").filter(has_text="For every £1 invested")
        assert per_pound(expected.ratio, "GBP") in ratio.inner_text()  # the ratio appraise works out
        page.get_by_role("heading", name="The case").first.scroll_into_view_if_needed()
        page.wait_for_timeout(300)
        page.screenshot(path=str(SHOTS / f"case-headline-{width}x{height}.png"))

        who = page.get_by_role("heading", name="Who pays and who saves")
        who.scroll_into_view_if_needed()
        said = page.get_by_test_id("stMarkdownContainer").filter(has_text=f"{ICB} saves £").last.inner_text()
        assert "Public Health: Community Health and Wellbeing Team pays £19,500" in said
        page.wait_for_timeout(300)
        page.screenshot(path=str(SHOTS / f"case-who-pays-{width}x{height}.png"))

        chart = page.locator('[data-testid="stVegaLiteChart"][aria-label^="How sensitive the ratio is"]').first
        chart.wait_for()
        chart.scroll_into_view_if_needed()
        drawn = chart.locator("canvas, svg.marks").first  # vega-embed draws into the element labelled
        drawn.wait_for()
        box = drawn.bounding_box()
        assert box is not None and box["width"] > 500 and box["height"] > 300  # drawn, at a readable size
        page.wait_for_timeout(500)
        page.screenshot(path=str(SHOTS / f"case-tornado-{width}x{height}.png"))
        page.get_by_role("heading", name="Break-even").scroll_into_view_if_needed()
        page.wait_for_timeout(300)
        page.screenshot(path=str(SHOTS / f"case-break-even-{width}x{height}.png"))
        assert page.outside_requests == []
    finally:
        page.context.close()
