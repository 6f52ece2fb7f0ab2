"""In a real browser: compare two samples on the Compare page (the table, the legend, the diagram with the
changed boxes in their marks' colours), and repair a broken import on Home ("Open anyway")."""

from __future__ import annotations

import json
import os
from pathlib import Path

from logicmodel.analysis.diff import CHANGE_MARKS, compare
from logicmodel.core.samples import find

from .conftest import choose, new_tab

SHOTS = Path(os.environ.get("LM_SCREENSHOTS", "/tmp/lm-screenshots"))


def go(page, wait_for_app, name: str) -> None:
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=name).click()
    wait_for_app(page)
    page.get_by_role("heading", name=name).first.wait_for()


def test_comparing_two_samples_shows_the_table_and_the_changes_marked_on_the_diagram(browser, app_url, wait_for_app):
    page = new_tab(browser, app_url, viewport={"width": 1366, "height": 768})
    try:
        page.get_by_role("button", name="Open Active Enfield").click()
        wait_for_app(page)
        go(page, wait_for_app, "Compare")
        choose(page, "Sample", find("slough").title)
        # the legend's words (the table's cells hold them too, in a grid drawn on a canvas, its text hidden)
        page.get_by_test_id("stMarkdownContainer").get_by_text("+ added").first.wait_for()
        page.get_by_test_id("stDataFrame").first.wait_for()
        enfield, slough = find("enfield").load(), find("slough").load()
        diff = compare(enfield, slough)
        frame = page.frame_locator("iframe").first
        frame.locator("html[data-drawn]").wait_for(timeout=30_000)
        added, removed = diff.added[0].id, diff.removed[0].id
        colours = frame.locator("body").evaluate(
            "(_, ids) => ids.map((id) => logicModelView.box(id).border)", [added, removed]
        )
        assert colours == [CHANGE_MARKS["added"][0], CHANGE_MARKS["removed"][0]]
        frame.get_by_label("Pathway of").select_option(label=slough.node_by_id[added].label)
        frame.get_by_role("button", name="Clear").click()
        again = frame.locator("body").evaluate(
            "(_, ids) => ids.map((id) => logicModelView.box(id).border)", [added, removed]
        )
        assert again == colours, "clearing a pathway lost the changes' marks"
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "compare-1366x768.png"))
        page.get_by_test_id("stIFrame").first.scroll_into_view_if_needed()
        page.wait_for_timeout(500)
        page.screenshot(path=str(SHOTS / "compare-diagram-1366x768.png"))
        assert page.outside_requests == []
    finally:
        page.context.close()


def test_a_broken_import_opens_anyway_without_what_is_wrong(page, wait_for_app, tmp_path: Path):
    broken = {
        "schema_version": 1,
        "meta": {"title": "Active Slough", "notes": "from last year"},
        "nodes": [{"id": "walks", "level": "activity", "label": "Walking groups"}],
        "links": [{"source": "walks", "target": "gone"}, {"source": "walks", "target": "lost"}],
    }
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(broken))
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(path)
    wait_for_app(page)
    page.get_by_text("broken.json could not be opened").first.wait_for()
    anyway = page.get_by_role(
        "button", name="Open anyway: 2 links to missing boxes and the unknown field 'notes' will be left out"
    )
    anyway.click()
    wait_for_app(page)
    page.get_by_test_id("stAlertContainer").get_by_text("Left out: 2 links to missing boxes").first.wait_for()
    page.get_by_test_id("stSidebar").get_by_text("Active Slough").first.wait_for()


def test_a_markdown_page_with_a_mermaid_flowchart_imports_from_home(page, wait_for_app, tmp_path: Path):
    """The browser takes a .md file (it refused it, saying "text/markdown files are not allowed" in a tooltip)
    and Home opens the page's flowchart."""
    path = tmp_path / "Theory of change.md"
    path.write_text(
        "# Theory of change\n\nDrawn with the parks team.\n\n```mermaid\nflowchart LR\n"
        '  subgraph act["Activities"]\n    walks["Walking groups"]\n  end\n'
        '  subgraph out["Strategic outcomes"]\n    falls["Fewer falls"]\n  end\n  walks --> falls\n```\n',
        encoding="utf-8",
    )
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(path)
    wait_for_app(page)
    assert page.get_by_text("files are not allowed").count() == 0
    page.get_by_test_id("stAlertContainer").get_by_text("from Theory of change.md").first.wait_for()
    page.get_by_test_id("stSidebar").get_by_text("2 boxes, 1 link").wait_for()


def test_a_file_differing_only_in_a_box_s_benefit_is_shown_as_a_changed_box(browser, app_url, wait_for_app, tmp_path):
    """The bug reported: a file differing only in a box's estimated benefit was "the same framework"."""
    from logicmodel.core.models import Benefit
    from logicmodel.core.readwrite import dumps

    enfield = find("enfield").load()
    benefit = Benefit(amount=40000, period="a year", basis="avoided admissions for falls, illustrative unit cost")
    first = enfield.nodes[0].model_copy(update={"benefit": benefit})
    other = enfield.model_copy(update={"nodes": (first, *enfield.nodes[1:])})
    path = tmp_path / "enfield-revised.json"
    path.write_text(dumps(other), encoding="utf-8")
    for width, height in ((1366, 768), (1920, 1080)):
        page = new_tab(browser, app_url, viewport={"width": width, "height": height})
        try:
            page.get_by_role("button", name="Open Active Enfield").click()
            wait_for_app(page)
            go(page, wait_for_app, "Compare")
            page.get_by_text("A file", exact=True).click()
            wait_for_app(page)
            page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(path)
            wait_for_app(page)
            page.get_by_text("enfield-revised.json: 1 box changed.").first.wait_for()
            assert page.get_by_text("is the same framework").count() == 0
            page.get_by_test_id("stDataFrame").first.wait_for()
            SHOTS.mkdir(parents=True, exist_ok=True)
            page.get_by_test_id("stDataFrame").first.scroll_into_view_if_needed()
            page.wait_for_timeout(500)
            page.screenshot(path=str(SHOTS / f"compare-benefit-{width}x{height}.png"))
        finally:
            page.context.close()
