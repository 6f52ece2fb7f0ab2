"""The library in the app: every edit saved at once, a refresh comes back, two tabs never overwrite each other.

Each test is what a council officer would notice: the work is still there after a refresh, the history says
who did what, a colleague's change is never silently overwritten, and the library on Home finds, renames,
copies, bins and restores frameworks.
"""

from __future__ import annotations

import pytest
from app_helpers import (
    AUTHOR,
    button,
    framework,
    library,
    make_app,
    messages,
    open_page,
    plain,
    refresh,
    saved,
)
from factories import walking

from logicmodel import from_data
from logicmodel.core import samples
from logicmodel.editing import edit
from logicmodel.store import NotFound
from ui.forms.rename import KEYS as RENAME


def add_box(at, label, level="activity"):
    """Add a box as typed in the tab now: no run before the click, so a tab that has not looked since another
    saved (the sidebar looks every few seconds, ``ui.state.live``) is still on the version it had."""
    if at.radio(key="build_section").value != "Add boxes":
        at.radio(key="build_section").set_value("Add boxes").run()
    at.text_input(key="add_box_label").input(label)
    at.selectbox(key="add_box_level").set_value(level)
    return button(at, "Add the box").click().run()


def labels(fw):
    return {n.label for n in fw.nodes}


# --- autosave and the address -----------------------------------------------------------------


def test_every_edit_is_saved_at_once_with_its_own_words():
    at = open_page("build", from_data(walking()))
    add_box(at, "Walking football")
    stored = saved(at)
    assert stored.version == 2 and stored.framework == framework(at) and stored.updated_by == AUTHOR
    assert library().history(stored.id)[0].summary == "Added 'Walking football'."
    assert "Saved just now as version 2" in [c.value for c in refresh(at).sidebar.caption]


def test_a_form_whose_message_says_little_is_saved_with_what_it_changed():
    at = open_page("build", from_data(walking()))
    at.radio(key="build_section").set_value("Edit a box").run()
    at.selectbox(key="build_node").set_value("walk").run()
    next(t for t in at.text_input if t.key.startswith("box_label_")).input("Led health walks")
    button(at, "Save the box").click().run()
    assert "Box saved." in messages(at, "success")
    summary = library().history(saved(at).id)[0].summary
    assert summary == "Changed the label of 'Health walks' to 'Led health walks'"


def test_a_refresh_comes_back_to_the_framework_in_the_address_with_every_edit():
    at = open_page("build", from_data(walking()))
    add_box(at, "Walking football")
    add_box(at, "Walking netball")
    again = refresh(at, "build")
    assert framework(again) == framework(at)
    assert again.query_params["framework"] == at.query_params["framework"]
    assert any(b.label == "Undo" and not b.disabled for b in again.button)


def test_an_address_naming_no_framework_says_so_and_opens_nothing():
    at = make_app()
    at.query_params["framework"] = "no-such-one"
    at.run()
    assert framework(at) is None and not at.exception
    assert any("not in the library" in m for m in messages(at))
    assert "framework" not in at.query_params


def test_moving_the_open_framework_to_the_bin_closes_it_and_its_address_then_says_so():
    at = open_page("home", from_data(walking()))
    framework_id = at.query_params["framework"]
    at.button(key=f"lib_delete_{framework_id}").click().run()
    assert framework(at) is None and "framework" not in at.query_params
    at.query_params["framework"] = framework_id
    again = refresh(at)
    assert framework(again) is None
    assert any("may have been moved to the bin" in m for m in messages(again))


# --- two tabs, two people --------------------------------------------------------------------


def two_tabs():
    first = open_page("build", from_data(walking()))
    second = refresh(first, "build")
    return first, second


def test_a_stale_tab_is_told_who_changed_what_and_nothing_is_overwritten():
    first, second = two_tabs()
    add_box(first, "Walking football")  # version 2, by the first tab
    second.session_state["author_name"] = "Bea"
    add_box(second, "Chair yoga")  # made on version 1: refused by the library
    stored = saved(first)
    assert stored.version == 2 and labels(stored.framework) >= {"Walking football"}
    assert "Chair yoga" not in labels(stored.framework)  # nothing overwritten
    assert "Chair yoga" in labels(framework(second))  # and nothing lost: the change is still on screen
    (clash,) = [m for m in messages(second) if "Not saved:" in m]
    assert f"{AUTHOR} changed 'Active Ageing, New Forest' since you opened it" in clash
    assert "Added 'Chair yoga'." in clash
    assert "- Added box 'Walking football' (Activities)" in [plain(m.value) for m in second.markdown]
    assert {b.label for b in second.button} >= {"Reload theirs", "Keep mine as a copy"}
    assert not any(m.startswith("Added 'Chair yoga'") for m in messages(second, "success"))


def test_while_a_clash_is_open_no_more_edits_are_taken():
    first, second = two_tabs()
    add_box(first, "Walking football")
    add_box(second, "Chair yoga")
    add_box(second, "Tai chi")
    assert "Tai chi" not in labels(framework(second))
    assert any("first choose what to do about the change someone else saved" in m for m in messages(second))
    assert saved(first).version == 2


def test_opening_something_else_while_a_clash_is_open_is_refused_so_the_change_is_not_lost():
    first, second = two_tabs()
    add_box(first, "Walking football")
    add_box(second, "Chair yoga")
    second.switch_page("app_pages/home.py").run()
    second.button(key="open_sample_enfield").click().run()
    assert "Chair yoga" in labels(framework(second))
    assert any("your last change is not saved yet" in m for m in messages(second))


def test_reload_theirs_opens_the_framework_as_saved_now():
    first, second = two_tabs()
    add_box(first, "Walking football")
    add_box(second, "Chair yoga")
    button(second, "Reload theirs").click().run()
    assert framework(second) == saved(first).framework
    assert not [m for m in messages(second) if "Not saved:" in m]
    add_box(second, "Tai chi")  # and it can be edited again, over the version it now has
    assert saved(second).version == 3 and labels(saved(second).framework) >= {"Walking football", "Tai chi"}


def test_keep_mine_as_a_copy_saves_it_as_a_new_framework_and_leaves_theirs_alone():
    first, second = two_tabs()
    add_box(first, "Walking football")
    add_box(second, "Chair yoga")
    original = second.query_params["framework"]
    button(second, "Keep mine as a copy").click().run()
    copy = saved(second)
    assert copy.id != original and second.query_params["framework"] == copy.id
    assert copy.title == "Copy of Active Ageing, New Forest"
    assert "Chair yoga" in labels(copy.framework) and "Walking football" not in labels(copy.framework)
    theirs = library().get(original).framework
    assert "Walking football" in labels(theirs) and "Chair yoga" not in labels(theirs)


def test_a_framework_moved_to_the_bin_meanwhile_can_still_be_kept_as_a_copy():
    first, second = two_tabs()
    library().delete(first.query_params["framework"], author="Someone else")
    add_box(second, "Chair yoga")
    assert any("was moved to the bin since you opened it" in m for m in messages(second))
    assert not any(b.label == "Reload theirs" for b in second.button)
    button(second, "Keep mine as a copy").click().run()
    assert "Chair yoga" in labels(saved(second).framework)


# --- history -----------------------------------------------------------------------------------


def test_history_lists_each_version_and_shows_what_changed_since_one():
    at = open_page("build", from_data(walking()))
    add_box(at, "Walking football")
    at.switch_page("app_pages/history.py").run()
    text = [plain(m.value) for m in at.markdown]
    assert "**Version 2** · open now: Added 'Walking football'." in text
    assert "**Version 1**: Opened for a test" in text
    at.button(key="view_version_1").click().run()
    text = [plain(m.value) for m in at.markdown]
    assert "**What has changed since (1 change):**" in text
    assert "- Added box 'Walking football' (Activities)" in text
    assert at.get("iframe"), "the version's diagram is drawn"


def test_restoring_a_version_is_a_new_version_that_undo_takes_back():
    at = open_page("build", from_data(walking()))
    add_box(at, "Walking football")
    at.switch_page("app_pages/history.py").run()
    at.button(key="view_version_1").click().run()
    button(at, "Restore version 1").click().run()
    stored = saved(at)
    assert stored.version == 3 and stored.framework == from_data(walking())
    assert library().history(stored.id)[0].restored_from == 1
    at.switch_page("app_pages/build.py").run()
    button(at, "Undo").click().run()
    assert "Walking football" in labels(saved(at).framework) and saved(at).version == 4


def test_a_save_that_prunes_the_oldest_version_says_so(monkeypatch):
    monkeypatch.setenv("LOGICMODEL_MAX_VERSIONS", "2")
    at = open_page("build", from_data(walking()))
    add_box(at, "Walking football")
    assert not messages(at, "info")
    add_box(at, "Chair yoga")
    assert any("the oldest version (1) of this framework was removed" in m for m in messages(at, "info"))
    assert [v.version for v in library().history(saved(at).id)] == [3, 2]


def test_history_lists_fifteen_versions_at_a_time():
    at = open_page("build", from_data(walking()))
    framework_id, fw = at.query_params["framework"], framework(at)
    for i in range(19):  # versions 2..20, saved by a colleague
        fw = edit.update_meta(fw, description=f"Draft {i}")
        library().save(framework_id, fw, expected_version=i + 1, author="Bea", summary=f"Draft {i}")
    at = refresh(at, "history")
    listed = [plain(m.value).split(":")[0] for m in at.markdown if plain(m.value).startswith("**Version")]
    assert listed[0] == "**Version 20** · open now" and len(listed) == 15
    button(at, "Older").click().run()
    listed = [plain(m.value).split(":")[0] for m in at.markdown if plain(m.value).startswith("**Version")]
    assert listed == [f"**Version {n}**" for n in (5, 4, 3, 2, 1)]


def test_restoring_over_someone_else_s_newer_save_is_a_clash_not_an_overwrite():
    first = open_page("build", from_data(walking()))
    add_box(first, "Walking football")  # version 2
    second = refresh(first, "history")  # opens version 2
    second.button(key="view_version_1").click().run()
    add_box(first, "Chair yoga")  # version 3: the restore's click runs before the second tab's next look
    button(second, "Restore version 1").click().run()
    assert any("Not saved:" in m and "Restored version 1" in m for m in messages(second))
    assert "- Added box 'Chair yoga' (Activities)" in [plain(m.value) for m in second.markdown]
    stored = saved(first)
    assert stored.version == 3 and {"Walking football", "Chair yoga"} <= labels(stored.framework)


# --- the name saves are recorded under -------------------------------------------------------------


def test_the_name_is_asked_until_given_then_recorded_with_each_save():
    at = open_page("home", author=None)  # a browser that has not given a name (no cookie)
    assert any(plain(m.value) == "**Who is editing?**" for m in at.sidebar.markdown)
    at.button(key="open_sample_enfield").click().run()
    assert saved(at).updated_by == "Someone (no name given)"
    at = refresh(at, author=None)  # still asked (AppTest shows the sidebar on a session's first run)
    at.text_input(key="author_input").input("  Sam   Patel ")
    button(at, "Save my name").click().run()
    cookie = [h.proto.body for h in at.get("html")]
    assert any("logicmodel_author" in body and '"Sam Patel"' in body for body in cookie), cookie
    at.button(key="open_sample_suffolk").click().run()
    assert saved(at).updated_by == "Sam Patel"
    again = refresh(at, author="Sam Patel")  # the cookie brings the name back: it is not asked again
    assert not any(plain(m.value) == "**Who is editing?**" for m in again.sidebar.markdown)
    assert "Saving as Sam Patel" in [p.proto.popover.label for p in again.sidebar.get("popover")]


def test_a_name_reaches_the_cookie_script_only_as_escaped_text():
    at = open_page("home", author=None)
    at.text_input(key="author_input").input("</script><script>alert(1)</script>")
    button(at, "Save my name").click().run()
    (body,) = [h.proto.body for h in at.get("html")]
    assert body.count("<script>") == 1 and body.count("</script>") == 1
    assert "\\u003c/script\\u003e" in body


# --- the library on Home ----------------------------------------------------------------------------


ORGANISATIONS = ["Amber Trust", "Birch Partnership", "Cedar Council", "Damson CIC", "Elm Board"]
AREAS = ["Swindon", "Slough", "Suffolk"]


@pytest.fixture
def full_library(empty_library):
    """25 frameworks in an empty library, 'Framework 0' (oldest) to 'Framework 24', five owners, three areas."""
    lib = library()
    for i in range(25):
        fw = edit.update_meta(edit.new_framework(f"Framework {i}", ORGANISATIONS[i % 5]), area=AREAS[i % 3])
        lib.create(fw, author="Ann")
    return lib


def shown_titles(at):
    return [
        plain(m.value).removeprefix("**").split("**")[0]
        for m in at.markdown
        if plain(m.value).startswith("**Framework")
    ]


def test_the_library_lists_ten_at_a_time_newest_first(full_library):
    at = open_page("home")
    assert shown_titles(at) == [f"Framework {i}" for i in range(24, 14, -1)]
    assert "1–10 of 25" in [c.value for c in at.caption]
    button(at, "Next").click().run()
    button(at, "Next").click().run()
    assert shown_titles(at) == [f"Framework {i}" for i in range(4, -1, -1)]
    assert next(b for b in at.button if b.label == "Next").disabled


@pytest.mark.parametrize(
    ("search", "expected"),
    [
        ("framework 7", ["Framework 17", "Framework 7"]),
        ("cedar", [f"Framework {i}" for i in (22, 17, 12, 7, 2)]),
        ("SLOUGH", [f"Framework {i}" for i in (22, 19, 16, 13, 10, 7, 4, 1)]),
        ("elm suffolk", ["Framework 14"]),
        ("nowhere", []),
    ],
)
def test_search_finds_by_title_organisation_and_area(full_library, search, expected):
    at = open_page("home")
    at.text_input(key="library_search").input(search).run()
    assert shown_titles(at) == expected
    if not expected:
        assert any("Nothing in the library matches" in c.value for c in at.caption)


def test_open_from_the_library(full_library):
    at = open_page("home")
    at.text_input(key="library_search").input("framework 7").run()
    (target,) = [s for s in full_library.list(search="framework 7") if s.title == "Framework 7"]
    at.button(key=f"lib_open_{target.id}").click().run()
    assert framework(at).meta.title == "Framework 7" and at.query_params["framework"] == target.id


def test_rename_copy_bin_restore_and_empty(full_library):
    at = open_page("home")
    target = full_library.list(search="framework 24")[0]
    at.text_input(key=RENAME.of(target.id)("title")).input("Active Swindon")
    at.button(key=f"lib_rename_{target.id}").click().run()
    assert full_library.get(target.id).title == "Active Swindon" and full_library.get(target.id).version == 2
    at.button(key=f"lib_copy_{target.id}").click().run()
    assert [s.title for s in full_library.list(search="Active Swindon")] == ["Copy of Active Swindon", "Active Swindon"]
    at.button(key=f"lib_delete_{target.id}").click().run()
    assert any("Moved 'Active Swindon' to the bin" in m for m in messages(at, "success"))
    assert [s.id for s in full_library.list(in_bin=True)] == [target.id]
    assert any(e.label == "Bin (1)" for e in at.expander)
    at.button(key=f"lib_restore_{target.id}").click().run()
    assert full_library.get(target.id).title == "Active Swindon" and not full_library.list(in_bin=True)
    at.button(key=f"lib_delete_{target.id}").click().run()
    button(at, "Empty the bin for good").click().run()
    assert any("1 framework removed for good" in m for m in messages(at, "success"))
    with pytest.raises(NotFound):
        full_library.history(target.id)


def test_renaming_the_open_framework_shows_the_new_title_at_once(full_library):
    (target,) = [s for s in full_library.list(search="framework 3") if s.title == "Framework 3"]
    at = make_app()
    at.query_params["framework"] = target.id
    at.run()
    at.text_input(key="library_search").input("framework 3").run()
    at.text_input(key=RENAME.of(target.id)("title")).input("Active Slough")
    at.button(key=f"lib_rename_{target.id}").click().run()
    assert framework(at).meta.title == "Active Slough"
    again = refresh(at)
    assert "**Active Slough**" in [m.value for m in again.sidebar.markdown]
    assert "Saved just now as version 2" in [c.value for c in again.sidebar.caption]


def test_a_line_of_the_library_says_who_saved_it_when_and_its_version(empty_library):
    library().create(edit.new_framework("Plain"), author="Ann Lee")
    library().create(
        edit.update_meta(edit.new_framework("Placed", "Slough Borough Council"), area="Slough"), author="Bo"
    )
    captions = [c.value for c in open_page("home").caption]
    assert "Saved just now by Ann Lee · version 1" in captions
    assert "Slough Borough Council · Slough · saved just now by Bo · version 1" in captions


def test_an_empty_library_says_so(empty_library):
    at = open_page("home")
    assert "Nothing saved yet." in [c.value for c in at.caption]


def test_the_open_sample_card_says_open_now_for_an_unchanged_copy(empty_library):
    sample = samples.find("enfield")
    at = open_page("home")
    at.button(key="open_sample_enfield").click().run()
    assert "open_sample_enfield" not in {b.key for b in at.button}
    assert [s.title for s in library().list()] == [sample.title]


# --- a library that cannot be opened ----------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    ["sqlite:///{tmp}/library.db", "mysql://someone@localhost/library", "postgresql+psycopg://x@127.0.0.1:1/none"],
    ids=["not-a-database", "not-supported", "cannot-connect"],
)
def test_a_library_that_cannot_open_gives_one_line_not_a_traceback(tmp_path, monkeypatch, url):
    """On Home here; on every page in the browser test (AppTest shows app.py's own elements only on Home)."""
    (tmp_path / "library.db").write_bytes(b"this is not a database, just a file someone put here" * 100)
    monkeypatch.setenv("LOGICMODEL_DATABASE_URL", url.format(tmp=tmp_path))
    at = open_page("home")
    assert not at.exception
    (error,) = messages(at)
    assert error.startswith("The library of saved frameworks cannot be opened, so nothing can be opened or saved:")
    assert "\n" not in error and "Traceback" not in error
