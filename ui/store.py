"""The saved library the app works in: opened once per server process, shared by every session.

The library holds no one's session data, so one ``Library`` (with its pool of connections) serves every
user; ``st.cache_resource`` keeps it per database URL (``$LOGICMODEL_DATABASE_URL``, or the SQLite file in
the data folder). A library that cannot be opened is not cached: the next run tries again, and until then
every page shows the one-line reason (``problem()``) instead of a traceback.

``library()`` is that library acting for whoever this session is (``ui.auth.actor``: the person signed in,
or everyone when there is no sign-in), so every read and write a page makes is checked by the store.
"""

from __future__ import annotations

import streamlit as st

from logicmodel.store import Library, StoreError
from logicmodel.store.connect import database_url
from ui import auth

__all__ = ["library", "problem"]


@st.cache_resource(show_spinner=False)
def _open(url: str) -> Library:
    return Library.open(url)


def library() -> Library:
    """The library of this server as this session's user may see it (``StoreError`` with one line if it
    cannot be opened, or no one is signed in where sign-in is on)."""
    actor = auth.actor()
    if actor is None:
        raise StoreError("Sign in to open the library")
    return _open(database_url()).for_user(actor)


def problem() -> str | None:
    """Why the library cannot be opened, in one line, or None when it is open."""
    try:
        _open(database_url())
    except StoreError as err:
        return str(err)
    return None
