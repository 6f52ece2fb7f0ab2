"""Live tabs: the sidebar says who else has the framework open, a save made by someone else shows in this tab
without a reload (with who changed what), and what this tab has typed is not loaded over.

Someone else is played through the library, as their own tab's session would (``Library.here``,
``Library.save``); each ``at.run()`` is a full run, with one look of the sidebar's fragment inline (AppTest does
not wait for its timer; ``timer_run`` makes one of the fragment's own runs). On a full run, this tab says it is
here after the page is drawn (``ui.state.live.after_page``); on the fragment's own runs, in the look. AppTest,
like the browser, keeps text typed into a form on the browser's side until it is submitted; what the browser's
watcher would report (``ui.typing_watch``) is played by putting the keys in ``fields.TYPED``.
"""

from __future__ import annotations

import pytest
from app_helpers import (
    AUTHOR,
    PAGES,
    button,
    edit_grid,
    framework,
    library,
    messages,
    open_page,
    plain,
    saved,
    timer_run,
    widget,
)
from builder_data import new_forest
from hostile_text import PAYLOAD, live_patterns

from logicmodel.editing.edit import update_node
from logicmodel.store import Library
from ui import live
from ui.sections import BOX, SECTION, Section
from ui.state import fields

PRIYA_TAB = "tab-priya-0001"


def test_the_sidebar_says_who_else_is_here_and_on_which_page_and_others_see_this_tab():
    at = open_page("build", new_forest())
    framework_id = at.session_state["framework_id"]
    library().here(framework_id, PRIYA_TAB, "Priya", "Diagram")
    timer_run(timer_run(at, live.panel), live.panel)  # presence is read every other look (every 5 s)
    captions = [plain(c.value) for c in at.sidebar.caption]
    assert "Also here: Priya (Diagram)" in captions
    seen = library().who_is_here(framework_id, besides=PRIYA_TAB)
    assert [(p.name, p.page) for p in seen] == [(AUTHOR, "Build")]


def _spy_on_here(monkeypatch) -> list[tuple[str, int]]:
    """Each ``Library.here`` from now on, as (the page said, how many elements the page's main area then held)."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    said = []
    real = Library.here

    def here(self, framework_id, session, name, page):
        main = get_script_run_ctx().cursors.get(0)
        said.append((page, main.index if main is not None else 0))
        return real(self, framework_id, session, name, page)

    monkeypatch.setattr(Library, "here", here)
    return said


def test_a_full_run_says_here_after_the_page_is_drawn_with_the_page_switched_to(monkeypatch):
    """The upsert and commit of "I am here" do not hold up the page: on a full run they come after it, on the
    same run, so others see the page this person went to at once."""
    at = open_page("build", new_forest())
    framework_id = at.session_state["framework_id"]
    library().here(framework_id, PRIYA_TAB, "Priya", "Diagram")
    said = _spy_on_here(monkeypatch)
    at.switch_page(PAGES["diagram"]).run()
    assert not at.exception, at.exception
    assert [page for page, _ in said] == ["Diagram"]  # once, with the page's name
    assert said[0][1] == len(at.main.children) > 2  # the page's main area was drawn in full by then
    seen = library().who_is_here(framework_id, besides=PRIYA_TAB)
    assert [(p.name, p.page) for p in seen] == [(AUTHOR, "Diagram")]
    assert "live_due" not in at.session_state
    at.run()  # what was read after the page shows in the sidebar at the next run
    assert "Also here: Priya (Diagram)" in [plain(c.value) for c in at.sidebar.caption]


def test_full_runs_on_one_page_say_here_every_other_look_and_the_panels_own_runs_in_the_look(monkeypatch):
    at = open_page("build", new_forest())
    said = _spy_on_here(monkeypatch)
    for _ in range(4):
        at.run()
    assert [page for page, _ in said] == ["Build", "Build"]  # at most PRESENCE_EVERY_S old, no more often
    said.clear()
    timer_run(timer_run(at, live.panel), live.panel)  # the fragment alone: app.py's after_page does not run
    assert [page for page, _ in said] == ["Build"]
    assert "live_due" not in at.session_state


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
    toasts = [t.value for t in at.run().toast]
    at.run()  # who is here, read after the page, shows at the next run
    shown = [c.value for c in at.sidebar.caption if "Also here" in c.value] + toasts
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


def test_a_fragments_own_run_is_told_from_a_full_run_by_the_fragments_the_run_is_for(monkeypatch):
    """``ui.runs.fragment_rerun``: what the live panel and the comments' watch decide by (the app runs above
    play both kinds through AppTest)."""
    from types import SimpleNamespace

    from ui import runs

    assert runs.fragment_rerun() is False  # outside a script run
    for listed, expected in ((None, False), ([], False), (["d033f758"], True)):
        ctx = SimpleNamespace(fragment_ids_this_run=listed)
        monkeypatch.setattr(runs, "get_script_run_ctx", lambda suppress_warning=False, ctx=ctx: ctx)
        assert runs.fragment_rerun() is expected
