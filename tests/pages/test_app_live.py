"""Live tabs: the sidebar says who else has the framework open, a save made by someone else shows in this tab
without a reload (with who changed what), and what this tab has typed is not loaded over.

Someone else is played through the library, as their own tab's session would (``Library.here``,
``Library.save``); each ``at.run()`` is one look of the sidebar's fragment (AppTest does not wait for its
timer). AppTest, like the browser, keeps text typed into a form on the browser's side until it is
submitted; typing the server knows of is played by putting it in the session.
"""

from __future__ import annotations

from app_helpers import AUTHOR, button, framework, library, messages, open_page, plain, saved
from builder_data import new_forest
from hostile_text import PAYLOAD, live_patterns

from logicmodel.editing.edit import update_node
from ui.forms import details, grids
from ui.sections import SECTION, Section

PRIYA_TAB = "tab-priya-0001"


def test_the_sidebar_says_who_else_is_here_and_on_which_page_and_others_see_this_tab():
    at = open_page("build", new_forest())
    framework_id = at.session_state["framework_id"]
    library().here(framework_id, PRIYA_TAB, "Priya", "Diagram")
    at.run().run()  # presence is read every other look (every 5 s)
    captions = [plain(c.value) for c in at.sidebar.caption]
    assert "Also here: Priya (Diagram)" in captions
    seen = library().who_is_here(framework_id, besides=PRIYA_TAB)
    assert [(p.name, p.page) for p in seen] == [(AUTHOR, "Build")]


def test_a_save_by_someone_else_shows_here_with_who_changed_what():
    at = open_page("build", new_forest())
    framework_id = at.session_state["framework_id"]
    theirs = update_node(saved(at).framework, "walk", label="Health walks for all")
    library().save(framework_id, theirs, expected_version=1, author="Priya", summary="Renamed box 'Health walks'")
    at.run()
    assert at.session_state["framework_version"] == 2
    assert framework(at).node_by_id["walk"].label == "Health walks for all"
    [grid] = [e for e in at.data_editor if e.key.startswith("grid_boxes_")]
    assert "Health walks for all" in list(grid.value["Box"])  # the grid draws the new version
    assert [plain(t.value) for t in at.toast] == ["Priya saved: Renamed box 'Health walks'"]
    at.run()
    assert at.toast.len == 0  # said once


def test_typing_is_not_loaded_over_and_saving_it_then_offers_todays_conflict_choices():
    at = open_page("build", new_forest(), **{SECTION: Section.DETAILS})
    framework_id = at.session_state["framework_id"]
    key = details.KEYS.of(at.session_state["revision"])("description")
    at.session_state[key] = "Typed here, not saved yet"
    at.run()
    theirs = update_node(saved(at).framework, "walk", label="Health walks for all")
    library().save(framework_id, theirs, expected_version=1, author="Priya", summary="Renamed box 'Health walks'")
    at.run()
    assert at.session_state["framework_version"] == 1  # not loaded over the typing
    assert at.text_area(key=key).value == "Typed here, not saved yet"
    captions = [plain(c.value) for c in at.sidebar.caption]
    assert any(c.startswith("Priya saved a newer version (version 2). It is not shown yet") for c in captions)
    button(at, "Save the details").click().run()
    assert framework(at).meta.description == "Typed here, not saved yet"  # kept on screen, not lost
    assert saved(at).framework.node_by_id["walk"].label == "Health walks for all"  # theirs not overwritten
    assert any("Not saved: Priya changed" in m for m in messages(at))
    assert {"Reload theirs", "Keep mine as a copy"} <= {b.label for b in at.button}


def test_a_grid_key_names_the_revision_so_typing_in_it_is_seen():
    """The rule ``ui.state.live.typing`` goes by: form fields name the revision they were drawn for."""
    assert "7" in grids.BOXES.of(7)("boxes").split("_")
    assert "7" in details.KEYS.of(7)("title").split("_")


def test_a_name_and_a_summary_that_look_like_markdown_are_shown_as_typed():
    at = open_page("build", new_forest())
    framework_id = at.session_state["framework_id"]
    library().here(framework_id, PRIYA_TAB, PAYLOAD[:100], "Diagram")
    theirs = update_node(saved(at).framework, "walk", label="Health walks for all")
    library().save(framework_id, theirs, expected_version=1, author=PAYLOAD[:100], summary=PAYLOAD)
    at.run()
    shown = [c.value for c in at.sidebar.caption if "Also here" in c.value] + [t.value for t in at.toast]
    assert len(shown) == 2
    for text in shown:
        assert live_patterns(text) == [], text


def test_on_a_form_section_a_newer_version_waits_for_a_click_so_typing_held_by_the_browser_is_not_lost():
    at = open_page("build", new_forest(), **{SECTION: Section.LEVELS})
    framework_id = at.session_state["framework_id"]
    theirs = update_node(saved(at).framework, "walk", label="Health walks for all")
    library().save(framework_id, theirs, expected_version=1, author="Priya", summary="Renamed box 'Health walks'")
    at.run()
    assert at.session_state["framework_version"] == 1  # the Levels forms keep what the browser holds
    button(at, "Show their version").click().run()
    assert at.session_state["framework_version"] == 2
    assert framework(at).node_by_id["walk"].label == "Health walks for all"
