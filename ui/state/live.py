"""Live: this tab says who is in the open framework with it, and picks up what others save, while keeping
what the person is typing.

A fragment (``ui.live``) calls ``beat`` every ``POLL_S`` seconds. Each beat reads the newest version
(``Library.latest_version``: one row); every other beat it also says this tab is here and reads who else is
(``Library.here``, ``Library.who_is_here``), so presence is at most ``PRESENCE_EVERY_S`` old. When a newer
version than this tab's was saved, and this tab has no unsaved typing the server knows of, it is loaded as the
open framework (the diagram, grids and forms then draw it) and ``news`` says who changed what, from the
history's summaries. While there is unsaved typing (``typing``), nothing is loaded under it: ``waiting``
says a newer version is there, and if the person then saves, today's conflict choices apply
(``ui.state.saving``, ``ui.saving.show_clash``), so nothing is lost.

Typing is found by comparing each form field of the open revision (a widget key naming the revision, as
``revision()`` asks forms to do) with the value it was first drawn with (``remember_drawn``, at the end of
every run). Text typed into an ``st.form`` reaches the server only when it is submitted, so it cannot be seen
here: the browser keeps it only while the field's key is unchanged, and loading a version changes the
revision. So on pages whose forms are keyed by the revision (``holds_typing``: Build's sections but Add boxes,
Case, Present) a newer version waits for the person's click ("Show their version") rather than loading by
itself; elsewhere (Home, Diagram, Check, Commissioners, Progress, Export, Compare, History, Build's Add boxes)
it loads within ``POLL_S``.
"""

from __future__ import annotations

import copy
import secrets
from typing import Any

import streamlit as st

from logicmodel.store import StoreError
from logicmodel.store.presence import Latest, Present, in_words
from ui import author, store
from ui.sections import SECTION, Section
from ui.state.saving import record_saved
from ui.state.session import CLASH, FRAMEWORK_ID, VERSION, current, revision

__all__ = [
    "NEWS",
    "POLL_S",
    "PRESENCE_EVERY_S",
    "SHOWN_WITHIN_S",
    "beat",
    "holds_typing",
    "news",
    "present",
    "remember_drawn",
    "session",
    "show_waiting",
    "typing",
    "waiting",
]

POLL_S = 2.5
"""Seconds between a tab's looks for a newer version: a save shows in other tabs within about this long."""
PRESENCE_EVERY_S = 5.0
"""Seconds between a tab's "I am here" (every other look)."""
SHOWN_WITHIN_S = 50
"""Someone counts as here while their tab said so in the last this many seconds: with a say every 5 s and
a look every 2.5 s, someone who left is gone from others' tabs within 60 s."""

SESSION = "live_session"
"""This tab's own random id (a Streamlit session is one tab)."""
BEATS = "live_beats"
PRESENT = "live_present"
"""Who else is here, as last read: ``[Present]``."""
WAITING = "live_waiting"
"""A newer ``Latest`` not loaded because of unsaved typing, or None."""
NEWS = "live_news"
"""Who changed what in the version just loaded, for the next full run to show once."""
DRAWN = "live_drawn"
"""(framework id, revision, {key: value as first drawn}) of the open revision's form fields."""


def session() -> str:
    """This tab's id, made once."""
    if SESSION not in st.session_state:
        st.session_state[SESSION] = secrets.token_urlsafe(12)
    return st.session_state[SESSION]


def _revision_keys() -> dict[str, Any]:
    """The form fields of the open revision held now: widget keys naming ``revision()`` as one of their parts,
    leaving out buttons and tables' row selections (choosing a row or clicking is not typing)."""
    rev = str(revision())
    found = {}
    for key in list(st.session_state.keys()):
        if isinstance(key, str) and rev in key.split("_"):
            value = st.session_state[key]
            if (
                isinstance(value, bool)
                or hasattr(value, "selection")
                or (isinstance(value, dict) and "selection" in value)
            ):
                continue
            found[key] = value
    return found


def remember_drawn() -> None:
    """Note, once per revision, the value each of its form fields was first drawn with (end of every run)."""
    mark = (st.session_state.get(FRAMEWORK_ID), revision())
    drawn = st.session_state.get(DRAWN)
    if drawn is None or drawn[0] != mark:
        drawn = (mark, {})
        st.session_state[DRAWN] = drawn
    for key, value in _revision_keys().items():
        if key not in drawn[1]:
            try:
                drawn[1][key] = copy.deepcopy(value)
            except Exception:  # a value that cannot be copied is not typing we can compare
                continue


def typing() -> list[str]:
    """The form fields of the open revision whose value is not the one they were drawn with (unsaved typing)."""
    drawn = st.session_state.get(DRAWN)
    if drawn is None or drawn[0] != (st.session_state.get(FRAMEWORK_ID), revision()):
        return []
    now = _revision_keys()
    changed = []
    for key, first in drawn[1].items():
        if key in now:
            try:
                same = bool(now[key] == first)
            except Exception:  # e.g. arrays: compare their text
                same = repr(now[key]) == repr(first)
            if not same:
                changed.append(key)
    return changed


HOLDS_TYPING = {"Case", "Present"}
"""Pages whose forms are keyed by the revision (``revision()``): text typed into them and not yet submitted is
held by the browser alone, and is lost if the revision changes under it. Build's sections other than Add
boxes are such too (``holds_typing``)."""


def holds_typing(page: str) -> bool:
    """True on a page (or Build section) whose forms would lose unsubmitted typing if a newer version loaded:
    there a newer version waits for the person's click ("Show it") instead of loading by itself."""
    if page == "Build":
        return st.session_state.get(SECTION, Section.ADD) not in (Section.ADD, Section.ADD.value)
    return page in HOLDS_TYPING


def present() -> list[Present]:
    """Who else has the open framework open, as last read."""
    return st.session_state.get(PRESENT) or []


def waiting() -> Latest | None:
    """A newer version left unloaded because of unsaved typing, or None."""
    return st.session_state.get(WAITING)


def news() -> str | None:
    """Who changed what in the version just loaded; shown once."""
    return st.session_state.pop(NEWS, None)


def beat(page: str) -> bool:
    """One look (the fragment's run): say this tab is here, read who else is, and load a newer version when
    there is one and no unsaved typing. True when one was loaded (the caller reruns the whole page)."""
    framework_id = st.session_state.get(FRAMEWORK_ID)
    if framework_id is None or current() is None:
        st.session_state[PRESENT] = []
        return False
    lib = store.library()
    beats = st.session_state.get(BEATS, 0)
    st.session_state[BEATS] = beats + 1
    try:
        if beats % round(PRESENCE_EVERY_S / POLL_S) == 0:
            lib.here(framework_id, session(), author.name(), page)
            st.session_state[PRESENT] = lib.who_is_here(framework_id, SHOWN_WITHIN_S, besides=session())
        latest = lib.latest_version(framework_id)
    except StoreError:  # gone, or no longer shared: ``ui.sharing.recheck`` says so at the next run
        st.session_state[PRESENT] = []
        return False
    mine = st.session_state.get(VERSION) or 0
    if latest.version <= mine or st.session_state.get(CLASH) is not None:
        st.session_state[WAITING] = None
        return False
    if typing() or holds_typing(page):
        st.session_state[WAITING] = latest
        return False
    return _load(framework_id, mine)


def show_waiting() -> None:
    """Load the version that was waiting (the person chose to see it; a button's callback)."""
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
    record_saved(saved)
    st.session_state[WAITING] = None
    st.session_state[NEWS] = in_words([v for v in missed if v.author != author.name()] or missed)
    return True
