"""Live tabs: the sidebar says who else has the framework open, a save made by someone else shows in this tab
without a reload (with who changed what), and what this tab has typed is not loaded over.

Someone else is played through the library, as their own tab's session would (``Library.here``,
``Library.save``); each ``at.run()`` is one look of the sidebar's fragment (AppTest does not wait for its
timer). AppTest, like the browser, keeps text typed into a form on the browser's side until it is
submitted; what the browser's watcher would report (``ui.typing_watch``) is played by putting the keys in
``fields.TYPED``.
"""

from __future__ import annotations

import pytest
from app_helpers import AUTHOR, button, edit_grid, framework, library, messages, open_page, plain, saved, widget
from builder_data import new_forest
from hostile_text import PAYLOAD, live_patterns

from logicmodel.editing.edit import update_node
from ui.sections import BOX, SECTION, Section
from ui.state import fields

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


def _priya_renames_walk(at, label: str = "Health walks for all") -> None:
    """Someone else saves a change to the box 'walk''s label, as their own tab would."""
    theirs = update_node(saved(at).framework, "walk", label=label)
    version = saved(at).version
    library().save(
        at.session_state["framework_id"], theirs, expected_version=version, author="Priya", summary="Renamed a box"
    )


@pytest.mark.parametrize(
    ("page", "extra"),
    [("build", {SECTION: Section.EDIT}), ("build", {SECTION: Section.LEVELS}), ("case", {}), ("present", {})],
    ids=["build-box-form", "build-levels", "case", "present"],
)
def test_a_newer_version_loads_within_one_look_on_pages_with_forms(page, extra):
    at = open_page(page, new_forest(), **extra)
    _priya_renames_walk(at)
    at.run()  # one look of the sidebar's fragment
    assert at.session_state["framework_version"] == 2
    assert framework(at).node_by_id["walk"].label == "Health walks for all"
    assert not [c for c in at.sidebar.caption if "It is not shown yet" in c.value]
    assert not at.exception


def test_a_field_whose_saved_value_did_not_change_keeps_its_key_and_a_changed_one_gets_a_new_one():
    """The browser keeps text typed into a form field for as long as its key is unchanged."""
    at = open_page("build", new_forest(), **{SECTION: Section.EDIT, BOX: "walk"})
    label, description = widget(at, "text_input", "box_label_walk_"), widget(at, "text_area", "box_description_walk_")
    _priya_renames_walk(at)
    at.run()
    assert at.session_state["framework_version"] == 2
    assert widget(at, "text_area", "box_description_walk_").key == description.key  # typing in it is kept
    renamed = widget(at, "text_input", "box_label_walk_")
    assert renamed.key != label.key and renamed.value == "Health walks for all"  # the new value is drawn


def test_a_field_being_typed_into_is_held_and_saving_it_offers_todays_conflict_choices():
    at = open_page("build", new_forest(), **{SECTION: Section.EDIT, BOX: "walk"})
    label = widget(at, "text_input", "box_label_walk_")
    at.session_state[fields.TYPED] = {label.key}  # what the browser's watcher says: typed, not submitted
    _priya_renames_walk(at)
    at.run()
    assert at.session_state["framework_version"] == 2  # the rest of the page shows their version
    assert widget(at, "text_input", "box_label_walk_").key == label.key  # held: the typing stays
    widget(at, "text_input", "box_label_walk_").input("My walks")  # the browser sends it at the submit
    button(at, "Save the box").click().run()
    assert saved(at).framework.node_by_id["walk"].label == "Health walks for all"  # theirs not overwritten
    assert framework(at).node_by_id["walk"].label == "My walks"  # mine kept on screen, not lost
    assert any("Not saved: Priya changed" in m for m in messages(at))
    assert {"Reload theirs", "Keep mine as a copy"} <= {b.label for b in at.button}
    button(at, "Keep mine as a copy").click().run()
    assert framework(at).node_by_id["walk"].label == "My walks"
    assert saved(at).framework.node_by_id["walk"].label == "My walks"  # saved, as a copy


def test_a_held_field_whose_change_is_undone_by_them_saves_as_usual():
    at = open_page("build", new_forest(), **{SECTION: Section.EDIT, BOX: "walk"})
    label = widget(at, "text_input", "box_label_walk_")
    at.session_state[fields.TYPED] = {label.key}
    _priya_renames_walk(at)
    at.run()
    _priya_renames_walk(at, label.value)  # they put it back as it was: nothing left to clash with
    at.run()
    assert at.session_state["framework_version"] == 3
    widget(at, "text_input", "box_label_walk_").input("My walks")
    button(at, "Save the box").click().run()
    assert saved(at).framework.node_by_id["walk"].label == "My walks"
    assert not messages(at)


def test_a_field_typed_into_but_not_changed_by_them_saves_as_usual():
    at = open_page("build", new_forest(), **{SECTION: Section.EDIT, BOX: "walk"})
    description = widget(at, "text_area", "box_description_walk_")
    at.session_state[fields.TYPED] = {description.key}
    _priya_renames_walk(at)
    at.run()
    widget(at, "text_area", "box_description_walk_").input("Typed while Priya renamed it")
    button(at, "Save the box").click().run()
    mine = saved(at).framework.node_by_id["walk"]
    assert (saved(at).version, mine.label, mine.description) == (
        3,
        "Health walks for all",
        "Typed while Priya renamed it",
    )
    assert not messages(at)


def test_own_saves_undo_and_redo_show_the_new_values_in_the_form():
    at = open_page("build", new_forest(), **{SECTION: Section.EDIT, BOX: "walk"})
    before = widget(at, "text_input", "box_label_walk_").value
    widget(at, "text_input", "box_label_walk_").input("Walks renamed here")
    button(at, "Save the box").click().run()
    assert widget(at, "text_input", "box_label_walk_").value == "Walks renamed here"
    button(at, "Undo").click().run()
    assert widget(at, "text_input", "box_label_walk_").value == before
    button(at, "Redo").click().run()
    assert widget(at, "text_input", "box_label_walk_").value == "Walks renamed here"


def test_the_key_of_a_field_is_its_base_and_a_stamp_of_the_saved_value_it_shows():
    """The rule ``ui.state.fields`` keeps typing by: the same saved value, the same key."""
    assert fields.stamp("Walks") == fields.stamp("Walks") != fields.stamp("Walks for all")
    assert fields.stamp(["a", "b"]) != fields.stamp(["b", "a"])


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


def test_a_grid_holding_a_refused_change_waits_for_a_click_so_it_is_not_lost():
    at = open_page("build", new_forest())
    [key] = [e.key for e in at.data_editor if e.key.startswith("grid_boxes_")]
    edit_grid(at, key, added=[{"Box": "Swims", "Level": "No such level"}])  # refused: stays in the grid
    assert at.session_state["framework_version"] == 1
    _priya_renames_walk(at)
    at.run()
    assert at.session_state["framework_version"] == 1
    button(at, "Show their version").click().run()
    assert at.session_state["framework_version"] == 2
    assert framework(at).node_by_id["walk"].label == "Health walks for all"
