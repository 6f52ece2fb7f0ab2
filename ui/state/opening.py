"""Opening and closing: starting, importing or opening a framework makes it the open one, in the library."""

from __future__ import annotations

import streamlit as st

from logicmodel.core.models import Framework
from logicmodel.core.version_kinds import VersionKind
from logicmodel.store import StoreError
from ui import author, store
from ui.state.address import point_address_at, show
from ui.state.messages import flash
from ui.state.session import CLASH, FRAMEWORK_ID, SELECTED, VERSION, conflict, set_open

__all__ = ["close", "create", "open_framework", "open_saved"]

_CHOOSE_FIRST = (
    "Not opened: your last change is not saved yet. First choose, above, to reload theirs or keep yours as a copy."
)


def open_framework(
    fw: Framework, message: str | None = None, *, summary: str = "Created", kind: VersionKind = VersionKind.EDIT
) -> bool:
    """Add ``fw`` to the library as a new framework and open it (the one open before stays in the library).

    ``kind`` is ``VersionKind.IMPORT`` for a framework read from a file. Refused while a change that clashed
    is still on screen: opening something else would lose it.
    """
    if conflict() is not None:
        flash("error", _CHOOSE_FIRST)
        return False
    return create(fw, message, summary, kind)


def create(fw: Framework, message: str | None, summary: str, kind: VersionKind = VersionKind.EDIT) -> bool:
    """Add ``fw`` to the library and open it, whatever is on screen; False (with the reason queued) if refused."""
    try:
        saved = store.library().create(fw, author=author.name(), summary=summary, kind=kind)
    except StoreError as err:
        flash("error", f"Not opened: {err}")
        return False
    show(saved)
    if message:
        flash("success", message)
    return True


def open_saved(framework_id: str, message: str | None = None) -> bool:
    """Open a framework from the library as it is saved now (refused while a clashed change is on screen)."""
    if conflict() is not None and framework_id != st.session_state.get(FRAMEWORK_ID):
        flash("error", _CHOOSE_FIRST)
        return False
    try:
        saved = store.library().get(framework_id)
    except StoreError as err:
        flash("error", f"Not opened: {err}")
        return False
    show(saved)
    if message:
        flash("success", message)
    return True


def close() -> None:
    """Nothing open any more (the open framework was moved to the bin)."""
    set_open(None)
    st.session_state[FRAMEWORK_ID] = st.session_state[VERSION] = st.session_state[CLASH] = None
    st.session_state[SELECTED] = None
    point_address_at(None)
