"""axe-core finds no serious or critical accessibility violation in the diagram wherever it is shown: the offline
HTML export (as drawn, with a pathway chosen, and with its text shown), its projector and progress variants, the
slides, and inside the app the Diagram, Present, Compare and Commissioners pages (the diagram's own frame, and the
app's page around it)."""

from __future__ import annotations

from pathlib import Path

import pytest
from progress_fixture import illustrated

from logicmodel.core.samples import find
from logicmodel.drawing.diagram import diagram_html, present_stories

from .accessibility import assert_accessible, report, structure_violations
from .conftest import choose, new_tab
from .test_diagram import _guarded_page


def _diagram_states(frame, where: str) -> None:
    """axe on the diagram as drawn, with a box's pathway and details shown, and with its text shown."""
    assert_accessible(frame, where)
    frame.get_by_label("Pathway of").select_option(index=1)
    frame.locator("#lm-details").wait_for(state="visible")
    assert_accessible(frame, f"{where}, a pathway chosen")
    frame.get_by_role("button", name="Show as text").click()
    frame.get_by_role("button", name="Hide the text").wait_for()
    assert_accessible(frame, f"{where}, its text shown")


@pytest.mark.parametrize(
    "kind", ["standalone", "projector", "progress", "slides"], ids=["export", "projector", "progress", "slides"]
)
def test_the_offline_pages_have_no_serious_violation(browser, tmp_path: Path, kind: str) -> None:
    fw = find("swindon").load() if kind != "progress" else illustrated("swindon")
    page = {
        "standalone": lambda: diagram_html(fw, standalone=True),
        "projector": lambda: diagram_html(fw, projector=True, standalone=True),
        "progress": lambda: diagram_html(fw, progress=True, standalone=True),
        "slides": lambda: diagram_html(fw, stories=present_stories(fw), standalone=True),
    }[kind]()
    path = tmp_path / "diagram.html"
    path.write_text(page, encoding="utf-8")
    context, tab, outside, problems = _guarded_page(browser, tmp_path)
    try:
        tab.goto(path.as_uri())
        tab.wait_for_selector("html[data-drawn]", timeout=20_000)
        if kind == "slides":
            assert_accessible(tab, "the slides' list of stories")
            tab.keyboard.press("Enter")
            tab.wait_for_selector("html[data-step]", state="attached")
            assert_accessible(tab, "a slide")
            tab.get_by_role("button", name="Show as text").click()
            assert_accessible(tab, "a slide, its text shown")
        else:
            found = structure_violations(tab)
            assert not found, f"{kind}: the page's structure:\n{report(found)}"
            if kind == "progress":
                tab.get_by_text("What each status means").click()
                assert_accessible(tab, "the progress key open")
            _diagram_states(tab, kind)
    finally:
        context.close()
    assert outside == [] and problems == []


STREAMLIT_OWN = {"exclude": [[".stToast"]]}
"""What axe checks of the app's own page: all of it but Streamlit's toast (st.toast, shown for a moment after an
action), a role="dialog" Streamlit gives no name (aria-dialog-name, serious): Streamlit's markup, not the app's."""


def _app_page(tab, where: str) -> None:
    assert_accessible(tab, f"{where} (the app's page around the diagram)", STREAMLIT_OWN)


def _frame(tab):
    frame = tab.locator("iframe").first.element_handle(timeout=20_000).content_frame()
    frame.wait_for_selector("html[data-drawn]", timeout=20_000)
    return frame


def _open_sample(tab, wait_for_app, title: str, page: str) -> None:
    tab.get_by_role("button", name=f"Open {title}").first.click()
    wait_for_app(tab)
    tab.get_by_test_id("stSidebarNav").get_by_role("link", name=page).click()
    wait_for_app(tab)


def test_the_app_pages_diagrams_have_no_serious_violation(browser, app_url, wait_for_app) -> None:
    tab = new_tab(browser, app_url, viewport={"width": 1366, "height": 768})
    try:
        _open_sample(tab, wait_for_app, "Get Swindon Active", "Diagram")
        _app_page(tab, "Diagram page")
        found = structure_violations(_frame(tab))
        assert not found, f"the Diagram page's frame: its structure:\n{report(found)}"
        _diagram_states(_frame(tab), "Diagram page")
        tab.get_by_test_id("stSidebarNav").get_by_role("link", name="Commissioners").click()
        wait_for_app(tab)
        _app_page(tab, "Commissioners page")
        _diagram_states(_frame(tab), "Commissioners page")
        tab.get_by_test_id("stSidebarNav").get_by_role("link", name="Compare").click()
        wait_for_app(tab)
        choose(tab, "Sample", find("slough").title)
        _app_page(tab, "Compare page")
        _diagram_states(_frame(tab), "Compare page")
        tab.get_by_test_id("stSidebarNav").get_by_role("link", name="Present").click()
        wait_for_app(tab)
        _app_page(tab, "Present page")
        tab.get_by_role("button", name="Present", exact=True).click()
        wait_for_app(tab)
        frame = _frame(tab)
        frame.wait_for_selector("html[data-step]", state="attached")
        assert_accessible(frame, "Present page")
        found = structure_violations(frame)
        assert not found, f"the Present page's frame: its structure:\n{report(found)}"
        _app_page(tab, "Present page, presenting")
        frame.get_by_role("button", name="Show as text").click()
        assert_accessible(frame, "Present page, its text shown")
    finally:
        tab.context.close()
    assert tab.outside_requests == []
