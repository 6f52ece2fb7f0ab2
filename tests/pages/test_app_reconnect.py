"""A page come back after its app server restarted (``ui.reconnect``): its framework opens again, and it is told.

AppTest has no browser connection, so these tests say what the handshake would have said by setting the
session keys ``ui.reconnect.arrived`` sets from it; the handshake itself is read in the browser test
(``tests/browser/test_restart.py``), and its parsing is tested here on its own.
"""

from __future__ import annotations

from app_helpers import framework, library, make_app, messages, refresh
from factories import walking

from logicmodel import from_data
from ui import reconnect

_CAME_BACK = {reconnect.ARRIVED: True, reconnect.RECONNECTED: True}


def _stored() -> str:
    return library().create(from_data(walking()), author="Priya", summary="Started").id


def test_a_page_come_back_to_a_new_session_opens_its_framework_and_says_so_once():
    framework_id = _stored()
    at = make_app(**_CAME_BACK)
    at.query_params["framework"] = framework_id
    at.run()
    assert framework(at) is not None and at.session_state["framework_id"] == framework_id
    [note] = [m for m in messages(at, "info") if m.startswith("The app lost its connection")]
    assert f"'{framework(at).meta.title}' is open as last saved (version 1)" in note
    assert "still on screen" in note
    at.run()  # said once a session, not on every run
    assert not [m for m in messages(at, "info") if m.startswith("The app lost its connection")]


def test_a_page_opened_afresh_or_a_refresh_gets_no_note():
    framework_id = _stored()
    at = make_app()
    at.query_params["framework"] = framework_id
    at.run()
    assert framework(at) is not None
    assert not [m for m in messages(at, "info") if "reconnected" in m]
    again = refresh(at)
    assert framework(again) is not None
    assert not [m for m in messages(again, "info") if "reconnected" in m]


def test_a_page_come_back_with_nothing_open_gets_no_note():
    at = make_app(**_CAME_BACK).run()
    assert framework(at) is None
    assert not [m for m in messages(at, "info") if "reconnected" in m]


def test_the_previous_session_is_the_third_entry_of_the_handshake_and_only_that():
    assert reconnect.came_back_from("streamlit, xsrf-token, 3f1d0c1e-aaaa") == "3f1d0c1e-aaaa"
    assert reconnect.came_back_from("streamlit,PLACEHOLDER_AUTH_TOKEN,abc") == "abc"
    assert reconnect.came_back_from("streamlit, xsrf-token") is None  # a page opened afresh
    assert reconnect.came_back_from("streamlit, xsrf-token, ") is None
    assert reconnect.came_back_from("streamlit") is None
    assert reconnect.came_back_from("") is None and reconnect.came_back_from(None) is None
    assert reconnect.came_back_from("other, a, b") is None  # not Streamlit's page


def test_a_page_come_back_takes_its_old_tab_out_of_who_is_here_at_once():
    """Its old session said it was here seconds before the server died: without this, the person would see
    themselves under "Also here" for up to a minute."""
    framework_id = _stored()
    old = reconnect.tab_id("the-old-streamlit-session")
    library().here(framework_id, old, "Priya", "Build")
    at = make_app(**_CAME_BACK, **{reconnect.OLD_TAB: old})
    at.query_params["framework"] = framework_id
    at.run()
    assert framework(at) is not None
    assert library().who_is_here(framework_id, besides=at.session_state["live_session"]) == []


def test_each_page_has_a_presence_id_its_next_session_can_work_out():
    at = make_app().run()
    tab = at.session_state["live_session"]
    assert tab.startswith("tab-") and len(tab) == 36
    assert reconnect.tab_id("abc") == reconnect.tab_id("abc") != reconnect.tab_id("abd")


def test_a_page_come_back_whose_first_run_is_a_page_link_opens_the_framework_its_old_tab_was_in():
    """The issue's "No framework open": a page link drops ``?framework=``; in a session come back with nothing
    open, the framework its old tab last said it was in is opened again, and the address names it."""
    framework_id = _stored()
    old = reconnect.tab_id("the-old-streamlit-session")
    library().here(framework_id, old, "Priya", "Build")
    at = make_app("diagram", **_CAME_BACK, **{reconnect.OLD_TAB: old}).run()  # no query: a page link's run
    assert framework(at) is not None and at.session_state["framework_id"] == framework_id
    assert at.query_params["framework"] == framework_id
    assert not [m for m in messages(at, "info") if m.startswith("No framework is open")]
    assert [m for m in messages(at, "info") if m.startswith("The app lost its connection")]


def test_a_page_come_back_whose_old_tab_had_nothing_open_opens_nothing():
    _stored()
    at = make_app("diagram", **_CAME_BACK, **{reconnect.OLD_TAB: reconnect.tab_id("never-here")}).run()
    assert framework(at) is None
    assert not [m for m in messages(at, "info") if "reconnected" in m]
