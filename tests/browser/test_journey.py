"""A new user's journey in a real browser, by clicking and typing only.

Start a framework, add an activity, an intermediate and a strategic outcome, link them, see the diagram,
download the JSON, import it again and find the same model. Navigation is by clicking the sidebar: going
to a URL would start a fresh session.
"""

from __future__ import annotations

import itertools
import json
import os
from pathlib import Path

from logicmodel import loads

from .conftest import choose, open_expander

BOXES = [
    ("Free summer swimming", "Activities"),
    ("More children active in the holidays", "Intermediate outcomes"),
    ("Fewer overweight children", "Strategic outcomes"),
]


def go(page, wait_for_app, name):
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=name).click()
    wait_for_app(page)
    page.get_by_role("heading", name=name if name != "Home" else "Logic Model Builder").first.wait_for()


def test_new_user_builds_checks_downloads_and_reimports(page, wait_for_app, tmp_path: Path):
    # Start a framework on Home
    page.get_by_label("Title").fill("Active Slough")
    page.get_by_role("button", name="Start the framework").click()
    wait_for_app(page)
    page.get_by_test_id("stAlertContainer").get_by_text("Started 'Active Slough'").first.wait_for()
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_text("Saved just now as version 1").wait_for()  # in the library at once: nothing to download
    assert sidebar.get_by_text("not downloaded yet").count() == 0

    # Add three boxes on Build
    go(page, wait_for_app, "Build")
    for label, level in BOXES:
        form = page.get_by_test_id("stForm").filter(has=page.get_by_role("button", name="Add the box"))
        form.get_by_label("Label").fill(label)
        choose(page, "Level", level, scope=form)
        form.get_by_role("button", name="Add the box").click()
        wait_for_app(page)
        page.get_by_test_id("stAlertContainer").get_by_text(f"Added '{label}'").first.wait_for()
    sidebar.get_by_text("3 boxes, 0 links").wait_for()

    # Link them: activity -> intermediate -> strategic, ticking the box each leads to
    page.get_by_text("Links", exact=True).click()
    wait_for_app(page)
    for (source, source_level), (target, _) in itertools.pairwise(BOXES):
        choose(page, "From (the box that contributes)", f"{source} ({source_level})")
        form = page.get_by_test_id("stForm").filter(has=page.get_by_role("button", name="Save the ticked links"))
        form.get_by_test_id("stCheckbox").filter(has_text=target).click()
        form.get_by_role("button", name="Save the ticked links").click()
        wait_for_app(page)
        page.get_by_test_id("stAlertContainer").get_by_text(f"'{source}' now leads to '{target}'.").first.wait_for()
    sidebar.get_by_text("3 boxes, 2 links").wait_for()

    # See the diagram: its canvas, inside the page's frame
    go(page, wait_for_app, "Diagram")
    page.frame_locator("iframe").first.locator("canvas").first.wait_for(timeout=20_000)

    # Check shows full coverage of activities, and two outcomes without an indicator
    go(page, wait_for_app, "Check")
    page.get_by_test_id("stMetric").first.get_by_text("100%", exact=True).wait_for()
    page.get_by_text("Outcomes without an indicator (2)").wait_for()

    # Open the first of them in Build and give it an indicator from the library, by keyboard search
    page.get_by_role("button", name="Open in Build").first.click()
    wait_for_app(page)
    page.get_by_role("heading", name="Build").wait_for()
    page.get_by_text(f"Comes from: {BOXES[0][0]} ({BOXES[0][1]}) · Leads to: {BOXES[2][0]}").wait_for()
    form = page.get_by_test_id("stForm").filter(has=page.get_by_role("button", name="Add the indicator"))
    form.get_by_test_id("stSelectbox").filter(has_text="From the indicator library").click()
    page.keyboard.type("physically inactive adults")
    page.keyboard.press("Enter")
    form.get_by_label("Baseline (optional)").fill("24.5")
    form.get_by_role("button", name="Add the indicator").click()
    wait_for_app(page)
    page.get_by_test_id("stAlertContainer").get_by_text(
        "Indicator 'Percentage of physically inactive adults' added"
    ).first.wait_for()
    go(page, wait_for_app, "Check")
    page.get_by_text("Outcomes without an indicator (1)").wait_for()

    # Undo it on Build, and redo it
    go(page, wait_for_app, "Build")
    page.get_by_role("button", name="Undo").click()
    wait_for_app(page)
    page.get_by_test_id("stAlertContainer").get_by_text(
        "Undone: Indicator 'Percentage of physically inactive adults' added."
    ).first.wait_for()
    page.get_by_role("button", name="Redo").click()
    wait_for_app(page)
    page.get_by_test_id("stAlertContainer").get_by_text(
        "Redone: Indicator 'Percentage of physically inactive adults' added."
    ).first.wait_for()

    # Download the JSON on Export
    go(page, wait_for_app, "Export")
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download the framework (JSON)").click()
    first = tmp_path / download_info.value.suggested_filename
    download_info.value.save_as(first)
    wait_for_app(page)
    assert first.name == "active-slough.json"
    fw = loads(first.read_bytes())
    assert [(n.label, fw.level_label(n.level)) for n in fw.nodes] == BOXES
    assert len(fw.links) == 2
    indicator = fw.nodes[1].indicators[0]
    assert (indicator.name, indicator.baseline) == ("Percentage of physically inactive adults", 24.5)

    # Start something else, then import the file again and find the same model
    go(page, wait_for_app, "Home")
    page.get_by_label("Title").fill("Something else")
    page.get_by_role("button", name="Start the framework").click()
    wait_for_app(page)
    sidebar.get_by_text("0 boxes, 0 links").wait_for()
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(first)
    wait_for_app(page)
    page.get_by_test_id("stAlertContainer").get_by_text(
        "Imported 'Active Slough' from active-slough.json"
    ).first.wait_for()
    sidebar.get_by_text("3 boxes, 2 links").wait_for()
    go(page, wait_for_app, "Export")
    with page.expect_download() as again:
        page.get_by_role("button", name="Download the framework (JSON)").click()
    second = tmp_path / "again.json"
    again.value.save_as(second)
    assert second.read_text() == first.read_text()
    assert json.loads(second.read_text())["meta"]["title"] == "Active Slough"

    assert page.outside_requests == [], f"requests left the machine: {page.outside_requests}"


def test_keyboard_alone_starts_a_framework_and_adds_a_box(page, wait_for_app):
    """No mouse: Tab between fields, type, choose from a list with the arrow keys, Enter to submit."""
    from playwright.sync_api import expect

    title = page.get_by_label("Title")
    title.focus()
    page.keyboard.type("Active Southend")
    page.keyboard.press("Enter")  # Enter in a form's text field submits the form
    wait_for_app(page)
    page.get_by_test_id("stAlertContainer").get_by_text("Started 'Active Southend'").first.wait_for()

    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Build").focus()
    page.keyboard.press("Enter")
    wait_for_app(page)
    form = page.get_by_test_id("stForm").filter(has=page.get_by_role("button", name="Add the box"))
    label = form.get_by_label("Label")
    label.focus()
    page.keyboard.type("Physical activity strategy")
    expect(label).to_have_value("Physical activity strategy")  # typed into the page that is now shown
    page.keyboard.press("Tab")  # to the level list
    page.keyboard.type("Strategic")
    page.get_by_role("option", name="Strategic outcomes").wait_for()  # the list has narrowed to it
    page.keyboard.press("Enter")
    wait_for_app(page)
    label.focus()
    page.keyboard.press("Enter")
    wait_for_app(page)
    page.get_by_test_id("stAlertContainer").get_by_text("Added 'Physical activity strategy'").first.wait_for()
    page.get_by_test_id("stSidebar").get_by_text("1 box, 0 links").wait_for()


def test_after_deleting_a_box_the_picker_and_form_show_the_same_box(page, wait_for_app):
    """Delete the box being edited, undo, redo: the box named in the picker is always the box in the form."""
    page.get_by_label("Title").fill("Active Test")
    page.get_by_test_id("stRadio").get_by_text("Sport England style outcomes framework").click()
    page.get_by_role("button", name="Start the framework").click()
    wait_for_app(page)
    go(page, wait_for_app, "Build")
    page.get_by_text("Edit a box", exact=True).click()
    wait_for_app(page)
    choose(page, "Box to edit", "Mental wellbeing (Strategic outcomes)")
    picker = page.get_by_role("combobox", name="Box to edit")

    def shown_box() -> str:
        form = page.get_by_test_id("stForm").filter(has=page.get_by_role("button", name="Save the box"))
        return form.get_by_label("Label").input_value()

    assert shown_box() == "Mental wellbeing"
    open_expander(page, "Delete this box, or change its id")
    page.get_by_role("button", name="Delete this box", exact=True).click()
    wait_for_app(page)
    alerts = page.get_by_test_id("stAlertContainer")
    alerts.get_by_text("Deleted 'Mental wellbeing'").first.wait_for()
    for step in ("deleted", "Undo", "Redo"):
        if step != "deleted":
            page.get_by_role("button", name=step, exact=True).click()
            wait_for_app(page)
            done = {"Undo": "Undone", "Redo": "Redone"}[step]
            alerts.get_by_text(f"{done}: Deleted 'Mental wellbeing'").first.wait_for()
        label = shown_box()
        said = picker.input_value()
        assert said.startswith(f"{label} ("), f"after {step}: the picker says {said!r}, the form {label!r}"


FOCUSED_NAME = (
    "() => { const e = document.activeElement; return (e.getAttribute('aria-label') || e.innerText || '').trim() }"
)


def test_tab_goes_through_home_in_reading_order_with_no_stray_stops(page, wait_for_app):
    """Tab reaches the form, then the gallery's buttons card by card as they are read, and no heading links."""
    from logicmodel.core import samples
    from logicmodel.core.wording import sample_button

    expected = [sample_button(s.title) for s in samples.samples()]
    for name in expected:  # drawn, all of them: a walk through a page still being drawn skips and repeats stops
        page.get_by_role("button", name=name, exact=True).wait_for(state="visible")
    runs, stops = page.evaluate("window.__lmRuns"), []
    for _ in range(120):  # the library's rows come first: what the session's other tests saved
        page.keyboard.press("Tab")
        stops.append(page.evaluate(FOCUSED_NAME))
    assert page.evaluate("window.__lmRuns") == runs, "the page ran again while Tab went through it"
    assert not [s for s in stops if "Link to heading" in s], stops
    opened = [s for s in stops if s.startswith("Open ")]
    assert opened[: len(expected)] == expected, stops


def test_adding_an_indicator_keeps_what_was_typed_in_the_box_above(page, wait_for_app):
    """Typed in the box's form, not saved yet, then added an indicator below: the typing is still there."""
    page.get_by_role("button", name="Open Active Enfield").first.click()
    wait_for_app(page)
    go(page, wait_for_app, "Build")
    page.get_by_text("Edit a box", exact=True).click()
    wait_for_app(page)
    box = page.get_by_test_id("stForm").filter(has=page.get_by_role("button", name="Save the box"))
    box.get_by_label("Description").fill("Typed, not saved yet")
    open_expander(page, "Add an indicator")
    wait_for_app(page)  # a rerun still on its way would redraw the form and drop what is typed next
    form = page.get_by_test_id("stForm").filter(has=page.get_by_role("button", name="Add the indicator"))
    name = form.get_by_label("Name (if not from the library)")
    name.fill("Swims a week")
    name.press("Tab")
    assert name.input_value() == "Swims a week"
    form.get_by_role("button", name="Add the indicator").click()
    wait_for_app(page)
    page.get_by_test_id("stAlertContainer").get_by_text("Indicator 'Swims a week' added").first.wait_for()
    assert box.get_by_label("Description").input_value() == "Typed, not saved yet"
    box.get_by_role("button", name="Save the box").click()
    wait_for_app(page)
    page.get_by_test_id("stAlertContainer").get_by_text("Box saved.").first.wait_for()
    assert box.get_by_label("Description").input_value() == "Typed, not saved yet"


def test_start_without_a_title_keeps_the_template_and_organisation_chosen(page, wait_for_app):
    page.get_by_label("Organisation (optional)").fill("Slough Borough Council")
    page.get_by_test_id("stRadio").get_by_text("Logframe:").click()
    page.get_by_role("button", name="Start the framework").click()
    wait_for_app(page)
    page.get_by_test_id("stAlertContainer").get_by_text("Give the framework a title first").first.wait_for()
    assert page.get_by_label("Organisation (optional)").input_value() == "Slough Borough Council"
    assert page.get_by_role("radio", name="Logframe: Activities → Outputs → Purpose → Goal").is_checked()


def test_each_page_names_itself_in_the_browser_tab(page, wait_for_app):
    page.get_by_role("button", name="Open Southend").first.click()
    wait_for_app(page)
    assert page.title() == "Home · Logic Model Builder"
    for name in ("Build", "Diagram", "Check", "Export"):
        go(page, wait_for_app, name)
        page.wait_for_function("name => document.title.startsWith(name)", arg=name, timeout=10_000)
        assert page.title() == f"{name} · Logic Model Builder"


def test_selecting_a_row_of_all_boxes_opens_that_box(page, wait_for_app):
    page.get_by_role("button", name="Open Active Enfield").first.click()
    wait_for_app(page)
    go(page, wait_for_app, "Build")
    page.get_by_role("tab", name="Pick a box to edit").click()
    table = page.get_by_test_id("stDataFrame").nth(1)  # the first is the grid, in the other tab
    table.scroll_into_view_if_needed()
    box = table.bounding_box()
    row_height = 35  # Streamlit's default: the header and each row
    page.mouse.click(box["x"] + 16, box["y"] + row_height * 1.5 + row_height)  # the second row's tick box
    wait_for_app(page)
    picked = page.get_by_role("combobox", name="Box to edit").input_value()
    assert picked == "Invite families through the NCMP feedback to parents (Activities)"


NOTHING_SCROLLED = "() => window.scrollY === 0 && [...document.querySelectorAll('*')].every((e) => e.scrollTop === 0)"


def test_home_first_screen_at_1366x768_starts_a_framework_without_scrolling(browser, app_url, wait_for_app):
    """A laptop's first screen of Home holds the whole start form, its button included, with nothing open (a
    newcomer) and with a framework open (the open one's box comes after the form); Build's holds "Add the box"."""
    from .conftest import new_tab

    width, height = 1366, 768
    shots = Path(os.environ.get("LM_SCREENSHOTS", "/tmp/lm-screenshots"))
    shots.mkdir(parents=True, exist_ok=True)
    tab = new_tab(browser, app_url, viewport={"width": width, "height": height})
    try:
        for state in ("nothing-open", "a-framework-open"):
            if state == "a-framework-open":
                tab.get_by_role("button", name="Open Active Enfield").click()
                wait_for_app(tab)
                go(tab, wait_for_app, "Build")
                go(tab, wait_for_app, "Home")
            assert tab.evaluate(NOTHING_SCROLLED)
            tab.screenshot(path=str(shots / f"home-first-screen-{state}-{width}x{height}.png"))
            for control in (tab.get_by_label("Title"), tab.get_by_role("button", name="Start the framework")):
                box = control.bounding_box()
                assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= height, (state, box)
        go(tab, wait_for_app, "Build")  # Build's first action too: add a box
        assert tab.evaluate(NOTHING_SCROLLED)
        tab.screenshot(path=str(shots / f"build-first-screen-{width}x{height}.png"))
        box = tab.get_by_role("button", name="Add the box").bounding_box()
        assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= height, ("Build", box)
    finally:
        tab.context.close()
