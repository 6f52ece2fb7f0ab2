"""What the session holds: its keys, and the open framework as the pages read it.

The lowest module of ``ui.state``: every other one reads and writes the session through these keys.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

import streamlit as st

from logicmodel.core.models import Framework

if TYPE_CHECKING:
    from ui.state.saving import Clash

__all__ = [
    "CLASH",
    "FLASH",
    "FRAMEWORK",
    "FRAMEWORK_ID",
    "JUMP",
    "JUMP_LINK",
    "REVISION",
    "SAVED",
    "SELECTED",
    "UNDO_STACK",
    "VERSION",
    "conflict",
    "current",
    "current_id",
    "init",
    "last_saved",
    "revision",
    "set_open",
]

FRAMEWORK = "framework"
"""The open ``Framework``, or None: the contract between pages."""
FRAMEWORK_ID = "framework_id"
"""The library id of the open framework."""
VERSION = "framework_version"
"""The version of the open framework this session loaded or last saved: the next save must be over it."""
SAVED = "framework_saved"
"""(version, when, by whom) of the open framework's last save, as this session saw it."""
CLASH = "conflict"
"""The ``Clash`` waiting for the user's choice, or None."""
UNDO_STACK = "undo_stack"
"""((framework id, version), ``UndoStack``): what undo and redo would do, read once a version."""
FLASH = "flash"
"""Messages queued for the next time a page draws."""
SELECTED = "selected_node"
JUMP = "jump_to_node"
JUMP_LINK = "jump_to_link"
REVISION = "revision"


def init() -> None:
    """Set up every key the pages rely on (once per session; later runs keep what is there)."""
    st.session_state.setdefault(FRAMEWORK, None)
    st.session_state.setdefault(FRAMEWORK_ID, None)
    st.session_state.setdefault(VERSION, None)
    st.session_state.setdefault(FLASH, [])
    st.session_state.setdefault(SELECTED, None)
    st.session_state.setdefault(REVISION, 0)


def revision() -> int:
    """A number that changes whenever the open framework does. Forms do not key their fields by it: each field
    is keyed by the saved value it shows (``ui.state.fields``), so a change redraws only the fields it changed
    and the typing in every other field is kept."""
    return st.session_state.get(REVISION, 0)


def set_open(fw: Framework | None) -> None:
    """Make ``fw`` the open framework (and change ``revision()``)."""
    st.session_state[FRAMEWORK] = fw
    st.session_state[REVISION] = revision() + 1


def current() -> Framework | None:
    """The open framework, or None when nothing is open yet."""
    return st.session_state.get(FRAMEWORK)


def current_id() -> str | None:
    """The library id of the open framework, or None."""
    return st.session_state.get(FRAMEWORK_ID) if current() is not None else None


def last_saved() -> tuple[int, datetime, str] | None:
    """The open framework's version, when it was saved and by whom (as this session last saw it)."""
    return st.session_state.get(SAVED) if current_id() else None


def conflict() -> Clash | None:
    """The change that someone else's save stopped, while the user has not yet chosen what to do."""
    return st.session_state.get(CLASH)
