"""The Diagram page's row of choices in Chromium: Filter, Comments and Download are buttons that open what they
hold (popovers, drawn only when opened, so that a page switch to a big framework's diagram does not wait for
them; issue 26). Filtering redraws the diagram and the button says what it shows; a comment written in its
popover is counted on its button and stays in sight, and another person's shows in it without a click.
"""

from __future__ import annotations

import os
from pathlib import Path

from logicmodel.core.readwrite import load
from logicmodel.drawing.style import select_nodes
from ui.comments import WATCH_EVERY_S

from .conftest import ROOT, choose, wait_for_app
from .together import Together, one_server  # noqa: F401  (fixtures)

SWINDON = ROOT / "sample_frameworks" / "swindon.json"
DRAWN_BOXES = "() => logicModelView.ready ? logicModelView.boxes().length : null"


def _diagram(page):
    """The diagram's frame once it has drawn."""
    frame = page.locator('[data-testid="stMain"] iframe').first.element_handle(timeout=20_000).content_frame()
    frame.wait_for_selector("html[data-drawn]", timeout=20_000)
    return frame


def test_filter_comments_and_download_open_from_their_buttons_and_do_their_work(
    browser,
    one_server: Together,  # noqa: F811
) -> None:
    fw = load(SWINDON)
    stakeholder = fw.stakeholders[0]
    framework_id = one_server.framework(fw, author="Priya Shah")
    page = one_server.tab(browser, "Priya Shah", f"/diagram?framework={framework_id}")
    wait_for_app(page)
    assert _diagram(page).evaluate(DRAWN_BOXES) == len(fw.nodes)
    assert page.get_by_label("Stakeholder").count() == 0, "the filters are drawn only when Filter is opened"

    page.get_by_role("button", name="Filter").click()
    body = page.get_by_test_id("stPopoverBody")
    choose(page, "Stakeholder", stakeholder.name, scope=body)
    page.get_by_role("button", name=f"Filter: {stakeholder.name}").wait_for()
    wanted = len(select_nodes(fw, stakeholder=stakeholder.id))
    assert 0 < wanted < len(fw.nodes)
    _diagram(page).wait_for_function(f"() => logicModelView.ready && logicModelView.boxes().length === {wanted}")
    page.keyboard.press("Escape")

    page.get_by_role("button", name="Comments").click()
    body = page.get_by_test_id("stPopoverBody")
    body.get_by_placeholder("Ask a question or say what you think").fill("Who signs this off?")
    body.get_by_role("button", name="Comment").click()
    wait_for_app(page)
    page.get_by_role("button", name="Comments (1 open)").wait_for()
    body = page.get_by_test_id("stPopoverBody")
    assert body.get_by_text("Who signs this off?").is_visible(), "it stays open"
    one_server.library().comment(framework_id, "The director of public health", author="Chris Commissioner")
    body.get_by_text("The director of public health").wait_for(timeout=(WATCH_EVERY_S + 15) * 1000)
    page.get_by_role("button", name="Comments (2 open)").wait_for()
    box = next(node for node in fw.nodes if any(node.id in pair for pair in fw.link_pairs))
    choose(page, "On", box.label, scope=body, exact=False)
    shown = body.get_by_role("combobox", name="Or one of its links").input_value()
    assert shown == "The box itself", f"the box is shown as chosen, not an empty choice: {shown!r}"
    page.keyboard.press("Escape")

    page.get_by_role("button", name="Download").click()
    with page.expect_download() as poster:
        page.get_by_test_id("stPopoverBody").get_by_role("button", name="Poster to print (SVG, A3)").click()
    drawing = Path(poster.value.path()).read_text(encoding="utf-8")
    assert drawing.count('<g class="box ') == wanted, "the poster is drawn as filtered"
    if os.environ.get("LOGICMODEL_SHOTS"):
        page.screenshot(path=str(Path(os.environ["LOGICMODEL_SHOTS"]) / "diagram-choices.png"))
    assert page.outside_requests == [], f"requests left the machine: {page.outside_requests}"
