"""A page that comes back after its app server restarted or died: it finds its framework, and is told.

When an app server stops under a browser (restarted for an upgrade, killed, or taken out by the proxy),
Streamlit's page reconnects, to the restarted server or through the proxy to another, and gets a new session
with nothing in it. The page's own state is still in the browser: its page, its address (``?framework=``),
its widgets' values and the text typed in its forms and not yet submitted. A page with a framework open has
the live panel (``ui.live``, a fragment on a timer), so Streamlit's page asks for a full run as soon as it is
connected again, with its address: the new session opens the framework the address names (``ui.state``'s
``sync``, as for a refresh) and draws the page, whose fields keep what was typed in them (their keys are
stamps of saved values, the same in every session).

Streamlit's page tells the new server which session it had before, in the handshake of its connection (the
third entry of ``Sec-WebSocket-Protocol``: ``streamlit, <xsrf token>, <previous session id>``; a page loaded
afresh sends no such entry). So at a session's first run (``arrived``) this module knows, on the server
alone, that the session is a page come back rather than one just opened, and which tab it was: a page's
presence id (``ui.state.live.session``) is a hash of its Streamlit session id (``tab_id``). Then:

- when the new session's first run is a page link, the link has dropped ``?framework=`` (the issue's "No
  framework open": a page with no timer is not run again on reconnecting, so its next click is the first
  run; and a link clicked the moment the page reconnects can stop the run that would have opened it);
  ``st.context.url`` has no query, but the library still knows which framework that tab last said it was
  in (``Library.tab_was_in``), and it is opened again (``restore_address``);
- the library is told the old tab left (``forget_old_tab``, ``Library.left``), so the person is not shown
  twice under "Also here" for a minute;
- ``say`` queues one short note, once, when a framework is open.

Nothing here loads anything into the page and no script is added.
"""

from __future__ import annotations

import contextlib
import hashlib

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from logicmodel.store import StoreError
from ui import store
from ui.state import QUERY, current, current_id, flash, last_saved, live

__all__ = [
    "NOTE",
    "RECONNECTED",
    "arrived",
    "came_back_from",
    "forget_old_tab",
    "reconnected",
    "restore_address",
    "say",
    "tab_id",
]

ARRIVED = "reconnect_arrived"
"""Set at a session's first run: the handshake has been read."""
RECONNECTED = "reconnect_from"
"""True when this session was made for a page that had a session before (its server restarted, or another
took over); None for a page opened afresh."""
OLD_TAB = "reconnect_old_tab"
"""The presence id of the tab this page was on its old session, until the library is told it left."""
SAID = "reconnect_said"
"""The note was queued (it is said once a session)."""

NOTE = (
    "The app lost its connection to its server for a moment and has reconnected. '{title}' is open as last "
    "saved (version {version}): every saved change is there. Anything you had typed and not yet added or saved "
    "is still on screen: add or save it as usual."
)
"""The note after a reconnect, in words a council officer uses."""


def came_back_from(protocols: str | None) -> str | None:
    """The session a page had before, from its connection's ``Sec-WebSocket-Protocol`` header
    (``streamlit, <xsrf token>, <previous session id>``), or None when it names none (a page opened afresh).

    Only the third entry is read: the second is the page's XSRF token, never kept or shown.
    """
    if not protocols:
        return None
    entries = [entry.strip() for entry in protocols.split(",")]
    if len(entries) < 3 or entries[0] != "streamlit" or not entries[2]:
        return None
    return entries[2]


def tab_id(session: str) -> str:
    """This page's id in the library's presence rows (``ui.state.live.session``), from its Streamlit session
    id: a hash, so that a page come back can name the tab it was without the session id (which would let
    someone take a session over) ever being stored."""
    return "tab-" + hashlib.sha256(session.encode()).hexdigest()[:32]


def _own_session() -> str | None:
    ctx = get_script_run_ctx()
    return ctx.session_id if ctx is not None else None


def arrived() -> None:
    """At a session's first run, note whether it is a page come back to a new session (read once), and give
    the page the presence id its next new session will know it by."""
    if ARRIVED in st.session_state:
        return
    st.session_state[ARRIVED] = True
    own = _own_session()
    if own:
        st.session_state.setdefault(live.SESSION, tab_id(own))
    try:
        protocols = st.context.headers.get("Sec-WebSocket-Protocol")
    except Exception:  # no connection to read (a test harness): a page opened afresh
        protocols = None
    previous = came_back_from(protocols)
    st.session_state[RECONNECTED] = previous is not None
    if previous is not None and previous != own:
        st.session_state[OLD_TAB] = tab_id(previous)


def forget_old_tab() -> None:
    """Tell the library the page's old tab left, once, so no one sees the person twice for a minute."""
    old = st.session_state.pop(OLD_TAB, None)
    if old is None:
        return
    with contextlib.suppress(StoreError):  # the library cannot be reached now: the row goes within a minute
        store.library().left(old)


def reconnected() -> bool:
    """True when this session was made for a page that had one before on a server now gone or restarted."""
    return bool(st.session_state.get(RECONNECTED))


def restore_address() -> None:
    """In a session come back with nothing open and no framework in its address (a page link dropped it),
    put back the framework its old tab was in, so ``sync`` opens it (first runs only: until
    ``forget_old_tab``)."""
    old = st.session_state.get(OLD_TAB)
    if old is None or current_id() is not None or st.query_params.get(QUERY):
        return
    try:
        found = store.library().tab_was_in(old)
    except StoreError:  # the library cannot be reached now: the page says nothing is open, as before
        return
    if found:
        st.query_params[QUERY] = found


def say() -> None:
    """Queue the note once, in a session come back, when a framework is open (nothing else could be lost)."""
    fw, saved = current(), last_saved()
    if not reconnected() or st.session_state.get(SAID) or fw is None or saved is None:
        return
    st.session_state[SAID] = True
    flash("info", NOTE.format(title=fw.meta.title, version=saved[0]))
