"""Undo, redo and restoring an old version, each saved as a new version of its kind (``VersionKind``).

Undo and redo follow the undo stack (``logicmodel.editing.undo_stack``), read from the saved history's kinds (never
its summaries' words) but not the history itself: so they survive a refresh.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from logicmodel.core.version_kinds import VersionKind
from logicmodel.editing.undo_stack import UndoStack, UndoStep, redone, undo_stack, undone
from logicmodel.store import Conflict, StoreError
from ui import author, store
from ui.state.messages import flash
from ui.state.saving import clash, record_saved, save
from ui.state.session import FRAMEWORK_ID, SELECTED, UNDO_STACK, VERSION, conflict, current

__all__ = ["can_redo", "can_undo", "redo", "redo_what", "restore_version", "undo", "undo_what"]


def _undo_stack() -> UndoStack:
    """What undo and redo would do, read from the saved history (once per version this session sees)."""
    framework_id, version = st.session_state.get(FRAMEWORK_ID), st.session_state.get(VERSION)
    if not framework_id or conflict() is not None:
        return UndoStack()
    cached = st.session_state.get(UNDO_STACK)
    if cached and cached[0] == (framework_id, version):
        return cached[1]
    try:
        found = undo_stack(store.library().history(framework_id))
    except StoreError:
        found = UndoStack()
    st.session_state[UNDO_STACK] = ((framework_id, version), found)
    return found


def can_undo() -> bool:
    return current() is not None and bool(_undo_stack().undo)


def can_redo() -> bool:
    return current() is not None and bool(_undo_stack().redo)


def undo_what() -> str:
    """What the edit Undo would take back did ("Added 'Free swims'."), or ``""``."""
    found = _undo_stack().undo if current() is not None else ()
    return found[-1].what if found else ""


def redo_what() -> str:
    """What the edit Redo would bring back did, or ``""``."""
    found = _undo_stack().redo if current() is not None else ()
    return found[-1].what if found else ""


def undo() -> None:
    """Go back one edit, as a new saved version of kind undo (a callback for the Undo button)."""
    _step(_undo_stack().undo, VersionKind.UNDO, undone, "Undone")


def redo() -> None:
    """Redo the last undone edit, as a new saved version of kind redo (a callback for the Redo button)."""
    _step(_undo_stack().redo, VersionKind.REDO, redone, "Redone")


def _step(stack: tuple[UndoStep, ...], kind: VersionKind, summary: Callable[[str], str], done: str) -> None:
    if not stack or current() is None:
        return
    step = stack[-1]
    try:
        fw = store.library().version(st.session_state[FRAMEWORK_ID], step.version)
    except StoreError as err:
        flash("error", f"Not {done.lower()}: {err}")
        return
    what = step.what
    if save(current(), fw, summary(what), kind):
        flash("info", f"{done}: {what}" if what else f"{done}.")


def restore_version(version: int) -> None:
    """Make an old version of the open framework current again, as a new version (of kind restore)."""
    framework_id = st.session_state.get(FRAMEWORK_ID)
    if current() is None or conflict() is not None:
        return
    try:
        saved = store.library().restore_version(
            framework_id, version, expected_version=st.session_state[VERSION], author=author.name()
        )
    except Conflict as found:
        try:
            clash(
                current(),
                store.library().version(framework_id, version),
                f"Restored version {version}",
                found.current,
                tuple(found.since),
            )
        except StoreError as err:
            flash("error", f"Not restored: {err}")
        return
    except StoreError as err:
        flash("error", f"Not restored: {err}")
        return
    record_saved(saved)
    st.session_state[SELECTED] = None
    flash("success", f"Restored version {version}: it is now version {saved.version}. Undo takes it back.")
