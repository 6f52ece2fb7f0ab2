"""Build's box grid in a real browser: rows copied from a spreadsheet are pasted from the clipboard, become boxes
in one step, and are drawn on the Diagram."""

from __future__ import annotations

from .conftest import wait_for_app

ROWS = [("Free summer swims", "Activities"), ("Swims delivered", "Outputs"), ("Fitter children", "Strategic outcomes")]
"""Three rows as a spreadsheet copies them: a tab between the cells, a line a row."""
HEADER_PX, ROW_PX = 38, 35


def test_three_rows_pasted_from_the_clipboard_become_boxes_on_the_diagram(page) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=page.app_url)
    page.get_by_label("Title", exact=True).fill("Active Harlow")
    page.get_by_role("button", name="Start the framework").click()
    wait_for_app(page)
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Build").click()
    wait_for_app(page)
    grid = page.get_by_test_id("stDataFrame").first
    grid.hover()
    grid.get_by_role("button", name="Add row").click()  # a blank row to paste into: no change, nothing saved
    wait_for_app(page)
    edge = grid.bounding_box()
    page.mouse.click(edge["x"] + 100, edge["y"] + HEADER_PX + ROW_PX // 2)  # the new row's Box cell
    copied = "\n".join("\t".join(row) for row in ROWS)
    page.evaluate("text => navigator.clipboard.writeText(text)", copied)
    page.keyboard.press("Control+V")
    wait_for_app(page)
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_text("3 boxes, 0 links").wait_for()
    sidebar.get_by_text("Saved just now as version 2").wait_for()  # one batch, one version
    page.get_by_test_id("stAlertContainer").get_by_text("Grid: 3 boxes added.").first.wait_for()

    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Diagram").click()
    wait_for_app(page)
    frame = page.locator("iframe").first.element_handle(timeout=20_000).content_frame()
    frame.wait_for_selector("html[data-drawn]", timeout=20_000)
    drawn = frame.evaluate("nodes.get().filter(n => !String(n.id).startsWith('h')).map(n => n.label)")
    drawn = [" ".join(label.split()) for label in drawn]  # wrapped over lines, after the level's mark
    assert len(drawn) == 3 and all(any(text.endswith(label) for text in drawn) for label, _ in ROWS), drawn
    assert page.outside_requests == []


def test_two_levels_ticked_as_a_grid_save_as_one_step_and_the_tab_stays_open(page) -> None:
    page.get_by_role("button", name="Open Get Swindon Active").first.click()
    wait_for_app(page)
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Build").click()
    wait_for_app(page)
    page.get_by_text("Links", exact=True).click()
    wait_for_app(page)
    tab = page.get_by_role("tab", name="Two levels at a time")
    tab.click()
    wait_for_app(page)
    linked = "Inclusive sport and activity sessions for disabled people leads to Disabled people taking part regularly"
    unlinked = (
        "Inclusive sport and activity sessions for disabled people leads to Young people attending doorstep sport"
    )
    page.get_by_role("checkbox", name=linked).uncheck(force=True)  # the box is drawn over the hidden input
    page.get_by_role("checkbox", name=unlinked).check(force=True)
    page.get_by_role("button", name="Save the ticks between the levels").click()
    wait_for_app(page)
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_text("35 boxes, 41 links").wait_for()
    sidebar.get_by_text("Saved just now as version 2").wait_for()  # one batch, one version
    page.get_by_text("Activities → Outputs: 1 link added and 1 link removed.").first.wait_for()
    assert tab.get_attribute("aria-selected") == "true"  # the grid is still in sight to go on ticking
    assert page.outside_requests == []
