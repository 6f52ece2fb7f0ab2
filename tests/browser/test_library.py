"""The library in a real browser: nothing is lost to a refresh, a second tab, a crash, or a second server.

Each test drives Chromium against a real Streamlit server. The crash test kills its own server with SIGKILL
and starts it again on the same port over the same SQLite file; the two-server test runs two app servers on
one PostgreSQL database, as a council running the tool behind a load balancer would.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

from logicmodel.store import Library
from ui.pages import shown

from .conftest import AppServer, library_env, new_tab, wait_for_app
from .together import Together, one_server  # noqa: F401  (the fixture)


def go(page, name: str) -> None:
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=name).click()
    wait_for_app(page)


def start(page, title: str) -> str:
    """Start a blank framework on Home; returns its id, from the address."""
    page.get_by_label("Title", exact=True).fill(title)
    page.get_by_role("button", name="Start the framework").click()
    wait_for_app(page)
    page.get_by_test_id("stAlertContainer").get_by_text(f"Started '{title}'").first.wait_for()
    page.wait_for_url(re.compile(r"[?&]framework="))
    return framework_id(page)


def framework_id(page) -> str:
    return re.search(r"[?&]framework=([^&]+)", page.url).group(1)


def add_box(page, label: str) -> None:
    """Add an activity on Build (the page must be open)."""
    form = page.get_by_test_id("stForm").filter(has=page.get_by_role("button", name="Add the box"))
    form.get_by_label("Label").fill(label)
    form.get_by_role("button", name="Add the box").click()
    wait_for_app(page)


def boxes_on_build(page) -> list[str]:
    """The boxes Build's "Box to edit" offers (the Build page must be open)."""
    page.get_by_text("Edit a box", exact=True).click()
    wait_for_app(page)
    page.get_by_role("combobox", name="Box to edit").click()
    options = page.get_by_role("option").all_inner_texts()
    page.keyboard.press("Escape")
    page.get_by_text("Add boxes", exact=True).click()
    wait_for_app(page)
    return options


def sidebar_says(page, text: str) -> None:
    page.get_by_test_id("stSidebar").get_by_text(text).first.wait_for()


def test_a_refresh_keeps_every_edit_the_address_and_the_name(page):
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_label("Your name").fill("Priya Shah")
    sidebar.get_by_role("button", name="Save my name").click()
    wait_for_app(page)
    start(page, "Active Slough")
    go(page, "Build")
    add_box(page, "Walking football")
    sidebar_says(page, "1 box, 0 links")
    sidebar_says(page, "Saved just now as version 2")
    address = page.url
    assert "/build?framework=" in address
    page.reload()
    wait_for_app(page)
    assert page.url == address
    sidebar_says(page, "1 box, 0 links")
    page.get_by_role("heading", name="Build").wait_for()
    # the name was asked once: the browser remembers it
    sidebar.get_by_role("button", name="Saving as Priya Shah").wait_for()
    assert sidebar.get_by_text("Who is editing?").count() == 0
    # and undo still knows the last edit
    page.get_by_role("button", name="Undo").click()
    wait_for_app(page)
    page.get_by_test_id("stAlertContainer").get_by_text("Undone: Added 'Walking football'.").first.wait_for()
    sidebar_says(page, "0 boxes, 0 links")
    assert page.outside_requests == []


def test_a_tab_open_while_another_saves_shows_that_save_and_adds_its_own_on_top(
    browser,
    one_server: Together,  # noqa: F811  (tabs that look for others' saves every 2.5 s, as served)
):
    """A second tab no longer saves over a version it has not seen: it loads the other's save within seconds,
    keeping the label typed (unsubmitted) in its form, and its own box then goes on top. (When both change the
    same field, ``test_live_typing.py`` has the clash and its choices.)"""
    app_url = one_server.servers[0].url
    first = new_tab(browser, app_url)
    second = None
    try:
        framework = start(first, "Active Swindon")
        second = new_tab(browser, app_url, f"/build?framework={framework}")
        sidebar_says(second, "0 boxes, 0 links")
        form = second.get_by_test_id("stForm").filter(has=second.get_by_role("button", name="Add the box"))
        form.get_by_label("Label").fill("Chair yoga")  # typed, not yet added
        go(first, "Build")
        add_box(first, "Walking football")
        sidebar_says(first, "Saved just now as version 2")
        sidebar_says(second, "1 box, 0 links")  # the other's save, shown without a reload
        assert form.get_by_label("Label").input_value() == "Chair yoga"  # the typing stayed
        form.get_by_role("button", name="Add the box").click()
        wait_for_app(second)
        sidebar_says(second, "as version 3")
        assert sorted(boxes_on_build(second)) == ["Chair yoga (Activities)", "Walking football (Activities)"]
        sidebar_says(first, "2 boxes, 0 links")  # and the first tab has both
        assert framework_id(second) == framework  # no copy was needed
    finally:
        first.context.close()
        if second is not None:
            second.context.close()


def test_a_crashed_server_comes_back_with_every_edit(browser, tmp_path: Path):
    """SIGKILL the server right after an edit, start it again, reload: the edit is there, the file is sound."""
    env = library_env(tmp_path)
    server = AppServer(tmp_path / "streamlit.log", env).start()
    tab = None
    try:
        tab = new_tab(browser, server.url)
        start(tab, "Active Southend")
        go(tab, "Build")
        add_box(tab, "Walking football")
        sidebar_says(tab, "Saved just now as version 2")
        address = tab.url
        server.kill()
        server.start()  # the same port, the same library file
        tab.goto(address)
        wait_for_app(tab)
        sidebar_says(tab, "1 box, 0 links")
        assert boxes_on_build(tab) == ["Walking football (Activities)"]
    finally:
        if tab is not None:
            tab.context.close()
        server.stop()
    with sqlite3.connect(tmp_path / "library.db") as db:
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]


def test_two_app_servers_share_one_postgresql_library(browser, postgres_database: str, tmp_path: Path):
    """An edit through server A is there through server B; a stale save through B is refused."""
    env = {"LOGICMODEL_DATABASE_URL": postgres_database, "LOGICMODEL_DATA_DIR": str(tmp_path)}
    with AppServer(tmp_path / "a.log", env) as a, AppServer(tmp_path / "b.log", env) as b:
        on_a = new_tab(browser, a.url)
        on_b = None
        try:
            framework = start(on_a, "Active Suffolk")
            go(on_a, "Build")
            add_box(on_a, "Walking football")
            on_b = new_tab(browser, b.url, f"/build?framework={framework}")
            sidebar_says(on_b, "1 box, 0 links")
            assert boxes_on_build(on_b) == ["Walking football (Activities)"]
            add_box(on_a, "Chair yoga")  # version 3, through A
            sidebar_says(on_a, "Saved just now as version 3")
            add_box(on_b, "Tai chi")  # over version 2, through B: refused
            on_b.get_by_test_id("stAlertContainer").filter(has_text="Not saved:").first.wait_for()
            on_b.get_by_text("Added box 'Chair yoga' (Activities)").first.wait_for()
        finally:
            on_a.context.close()
            if on_b is not None:
                on_b.context.close()
    with Library.open(postgres_database) as lib:
        stored = lib.get(framework)
    assert stored.version == 3
    assert {n.label for n in stored.framework.nodes} == {"Walking football", "Chair yoga"}


def test_a_library_that_cannot_open_gives_one_line_on_every_page(browser, tmp_path: Path):
    (tmp_path / "library.db").write_bytes(b"not a database at all, " * 200)
    with AppServer(tmp_path / "streamlit.log", library_env(tmp_path)) as server:
        tab = new_tab(browser, server.url)
        try:
            for name in [page.title for page in shown(sign_in=False)]:  # every page the sidebar lists
                if name != "Home":
                    go(tab, name)
                alerts = tab.get_by_test_id("stAlertContainer")
                alerts.first.wait_for()
                assert alerts.count() == 1, name
                text = alerts.first.inner_text().split("\n\n", 1)[-1]  # after the icon's name
                assert text.startswith("The library of saved frameworks cannot be opened"), (name, text)
                assert "\n" not in text.strip(), (name, text)
                assert tab.get_by_test_id("stException").count() == 0, name
        finally:
            tab.context.close()
