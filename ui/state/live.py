"""Live: this tab says who is in the open framework with it, and picks up what others save, while keeping
what the person is typing.

A fragment (``ui.live``) calls ``beat`` every ``POLL_S`` seconds, and inline on every full run of the app,
in the sidebar, before the page. Each beat reads the newest version (``Library.latest_version``: one row), so
the page draws the newest; every other beat, and at once when the tab shows another page or framework than
it last said, it also says this tab is here and reads who else is (``Library.here``, ``Library.who_is_here``),
so presence is at most ``PRESENCE_EVERY_S`` old and names the page the person is on. On the fragment's own
runs that is done in the beat; on a full run the beat only marks it due, and ``after_page`` does it once the
page is drawn (an upsert and a commit need not hold up the page: "Also here" shows what it read at the next
run). When a newer version than this tab's was saved, it is loaded as the open framework on every page (the
diagram, grids and forms then draw it) and ``news`` says who changed what, from the history's summaries.

What the person is typing is kept by the fields' keys (``ui.state.fields``): each form field is keyed by the
saved value it shows, so a field the newer version did not change keeps its key, and the browser keeps the
text typed in it; a field it did change, while the browser's watcher (``ui.live``) says it is being typed
into, is held under its old key, and submitting it goes to today's conflict choices (``ui.state.saving``,
``ui.saving.show_clash``), so nothing is overwritten and nothing is lost. The one thing that cannot be held
is a grid with an unsaved (refused) change, whose identity is its rows: then the newer version waits
(``waiting``) for the person's "Show their version".
"""

from __future__ import annotations

import os
import secrets

import streamlit as st

from logicmodel.store import StoreError
from logicmodel.store.presence import Latest, Present, in_words
from ui import author, runs, store
from ui.state import fields
from ui.state.saving import record_saved
from ui.state.session import CLASH, FRAMEWORK_ID, VERSION, current

__all__ = [
    "NEWS",
    "POLL_S",
    "PRESENCE_EVERY_S",
    "SHOWN_WITHIN_S",
    "after_page",
    "beat",
    "news",
    "present",
    "remember_drawn",
    "session",
    "show_waiting",
    "typing",
    "waiting",
]

POLL_S = float(os.environ.get("LOGICMODEL_LIVE_EVERY_S") or 2.5)
"""Seconds between a tab's looks for a newer version: a save shows in other tabs within about this long.
``LOGICMODEL_LIVE_EVERY_S`` sets another (the browser tests of single tabs look once a minute, so a look in
the background is never taken for the run a click asked for)."""
PRESENCE_EVERY_S = 5.0
"""Seconds between a tab's "I am here" (every other look)."""
SHOWN_WITHIN_S = 50
"""Someone counts as here while their tab said so in the last this many seconds: with a say every 5 s and
a look every 2.5 s, someone who left is gone from others' tabs within 60 s."""

SESSION = "live_session"
"""This tab's own random id (a Streamlit session is one tab)."""
BEATS = "live_beats"
SAID = "live_said"
"""What this tab last said it is on: ``(framework id, page)``."""
DUE = "live_due"
"""The page a full run's beat left for ``after_page`` to say this tab is on, when one is due."""
PRESENT = "live_present"
"""Who else is here, as last read: ``[Present]``."""
WAITING = "live_waiting"
"""A newer ``Latest`` not loaded because a grid holds an unsaved change, or None."""
NEWS = "live_news"
"""Who changed what in the version just loaded, for the next full run to show once."""


def session() -> str:
    """This tab's id, made once."""
    if SESSION not in st.session_state:
        st.session_state[SESSION] = secrets.token_urlsafe(12)
    return st.session_state[SESSION]


def remember_drawn() -> None:
    """Note the value each form field was first drawn with (end of every run), to tell typing from it."""
    fields.remember_first()


def typing() -> list[str]:
    """Fields whose value on the server is not the one they were drawn with: typing the server knows of (a
    grid's refused change, a field filled in by a button). Text typed into a form and not yet submitted is
    the browser's: the watcher (``ui.live``) reports it as ``fields.typed``."""
    return fields.unsaved()


def present() -> list[Present]:
    """Who else has the open framework open, as last read."""
    return st.session_state.get(PRESENT) or []


def waiting() -> Latest | None:
    """A newer version left unloaded because a grid holds an unsaved change, or None."""
    return st.session_state.get(WAITING)


def news() -> str | None:
    """Who changed what in the version just loaded; shown once."""
    return st.session_state.pop(NEWS, None)


def beat(page: str) -> bool:
    """One look: load a newer version when there is one (fields being typed into are held,
    ``ui.state.fields``), unless a grid holds an unsaved change; and, when due, say this tab is here on
    ``page`` and read who else is: at once in the fragment's own run, after the page in a full run
    (``after_page``). True when a newer version was loaded (the caller reruns the whole page)."""
    framework_id = st.session_state.get(FRAMEWORK_ID)
    if framework_id is None or current() is None:
        st.session_state[PRESENT] = []
        st.session_state.pop(DUE, None)
        return False
    lib = store.library()
    beats = st.session_state.get(BEATS, 0)
    st.session_state[BEATS] = beats + 1
    due = (
        beats % max(1, round(PRESENCE_EVERY_S / POLL_S)) == 0
        or st.session_state.get(SAID) != (framework_id, page)
        or DUE in st.session_state  # a full run that stopped before ``after_page``
    )
    try:
        if due and runs.fragment_rerun():
            _say_here(framework_id, page)
        elif due:
            st.session_state[DUE] = page
        latest = lib.latest_version(framework_id)
    except StoreError:  # gone, or no longer shared: ``ui.sharing.recheck`` says so at the next run
        st.session_state[PRESENT] = []
        return False
    mine = st.session_state.get(VERSION) or 0
    if latest.version <= mine or st.session_state.get(CLASH) is not None:
        st.session_state[WAITING] = None
        return False
    if fields.unholdable(typing()):  # a grid's unsaved change cannot be kept under a newer version
        st.session_state[WAITING] = latest
        return False
    return _load(framework_id, mine)


def after_page() -> None:
    """After a full run's page (even one stopped early): say this tab is here and read who else is, when the
    beat left that due. Only the library and the session state: nothing is drawn, so it is safe after
    ``st.stop``; a library that refuses leaves no one shown, as in a beat."""
    page = st.session_state.pop(DUE, None)
    framework_id = st.session_state.get(FRAMEWORK_ID)
    if page is None or framework_id is None or current() is None:
        return
    try:
        _say_here(framework_id, page)
    except StoreError:  # gone, or no longer shared: ``ui.sharing.recheck`` says so at the next run
        st.session_state[PRESENT] = []


def _say_here(framework_id: str, page: str) -> None:
    """Say this tab is here on ``page`` (an upsert and a commit), and read who else is."""
    st.session_state.pop(DUE, None)
    lib = store.library()
    lib.here(framework_id, session(), author.name(), page)
    st.session_state[SAID] = (framework_id, page)
    st.session_state[PRESENT] = lib.who_is_here(framework_id, SHOWN_WITHIN_S, besides=session())


def show_waiting() -> None:
    """Load the version that was waiting while a grid held an unsaved change (the person chose to see it)."""
    framework_id = st.session_state.get(FRAMEWORK_ID)
    if framework_id is not None and current() is not None and st.session_state.get(CLASH) is None:
        _load(framework_id, st.session_state.get(VERSION) or 0)


def _load(framework_id: str, mine: int) -> bool:
    """Make the library's newest version the open one, and say who changed what since ``mine``."""
    lib = store.library()
    try:
        saved = lib.get(framework_id)
        missed = lib.versions_between(framework_id, mine, saved.version)
    except StoreError:
        return False
    fields.loading(mine)
    record_saved(saved)
    st.session_state[WAITING] = None
    st.session_state[NEWS] = in_words([v for v in missed if v.author != author.name()] or missed)
    return True
