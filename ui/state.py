"""The app's session state: the open framework, its undo history, and whether it has been downloaded.

Every page reads the open framework with ``current()``. Only edits go through ``apply()``, which runs an
engine edit (``logicmodel.edit``), keeps the old framework for undo, and turns a refusal into a message
shown on the next run instead of an exception. Frameworks are immutable, so derived data cached on one
(``fw.cached``) stays valid for as long as it is the open one.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import streamlit as st

from logicmodel.edit import History
from logicmodel.errors import FrameworkError
from logicmodel.models import Framework

__all__ = [
    "FRAMEWORK",
    "apply",
    "can_redo",
    "can_undo",
    "current",
    "flash",
    "init",
    "jump_pending",
    "mark_downloaded",
    "open_framework",
    "pop_flash",
    "redo",
    "redo_what",
    "replace",
    "revision",
    "select_link",
    "select_node",
    "selected_node",
    "take_link",
    "take_selection",
    "undo",
    "undo_what",
    "unsaved",
]

FRAMEWORK = "framework"
"""The open ``Framework``, or None: the contract between pages."""
_HISTORY = "history"
_UNSAVED = "unsaved_changes"
_SAVED = "saved_framework"
"""The framework as it was last opened from a file or downloaded: undoing back to it leaves nothing unsaved."""
_FLASH = "flash"
_SELECTED = "selected_node"
_JUMP = "jump_to_node"
_JUMP_LINK = "jump_to_link"
_REVISION = "revision"


def init() -> None:
    """Set up every key the pages rely on (once per session; later runs keep what is there)."""
    st.session_state.setdefault(FRAMEWORK, None)
    st.session_state.setdefault(_HISTORY, History())
    st.session_state.setdefault(_UNSAVED, False)
    st.session_state.setdefault(_FLASH, [])
    st.session_state.setdefault(_SELECTED, None)
    st.session_state.setdefault(_REVISION, 0)


def revision() -> int:
    """A number that changes whenever the open framework does: forms prefilled from it use it in their keys,
    so that after an edit, undo or open they show the new values rather than what was typed before."""
    return st.session_state.get(_REVISION, 0)


def _set(fw: Framework | None) -> None:
    st.session_state[FRAMEWORK] = fw
    st.session_state[_REVISION] = revision() + 1


def current() -> Framework | None:
    """The open framework, or None when nothing is open yet."""
    return st.session_state.get(FRAMEWORK)


def _history() -> History:
    init()
    return st.session_state[_HISTORY]


def open_framework(fw: Framework, message: str | None = None, *, unsaved: bool = False) -> None:
    """Open ``fw`` in place of the current one (which undo brings back)."""
    old = current()
    if old is not None:
        _history().record(old, message or f"Opened '{fw.meta.title}'.")
    _set(fw)
    st.session_state[_UNSAVED] = unsaved
    st.session_state[_SAVED] = None if unsaved else fw
    st.session_state[_SELECTED] = None
    if message:
        flash("success", message)


def replace(fw: Framework, what: str = "") -> None:
    """Make ``fw`` the open framework as an edit (undo brings the old one back); ``what`` says what it did."""
    old = current()
    if old is not None:
        _history().record(old, what)
    _set(fw)
    st.session_state[_UNSAVED] = True


def apply(edit: Callable[..., Framework], *args: Any, success: str | None = None, **kwargs: Any) -> bool:
    """Run ``edit(current(), *args, **kwargs)``; keep the result, or flash the reason it was refused."""
    fw = current()
    if fw is None:
        flash("error", "Open or start a framework first (on Home).")
        return False
    try:
        new = edit(fw, *args, **kwargs)
    except FrameworkError as err:
        flash("error", "Not changed: " + "; ".join(str(p) for p in err.problems))
        return False
    if new is not fw:
        replace(new, success or "")
    if success:
        flash("success", success)
    return True


def can_undo() -> bool:
    return _history().can_undo


def can_redo() -> bool:
    return _history().can_redo


def undo_what() -> str:
    """What the edit Undo would take back did ("Added 'Free swims'."), or ``""``."""
    return _without_undo_hint(_history().undo_what)


def redo_what() -> str:
    """What the edit Redo would bring back did, or ``""``."""
    return _without_undo_hint(_history().redo_what)


def undo() -> None:
    """Go back one edit (a callback for the Undo button)."""
    if can_undo():
        what = _history().undo_what
        _set(_history().undo(current()))
        _update_unsaved()
        flash("info", f"Undone: {_without_undo_hint(what)}" if what else "Undone.")


def redo() -> None:
    """Redo the last undone edit (a callback for the Redo button)."""
    if can_redo():
        what = _history().redo_what
        _set(_history().redo(current()))
        _update_unsaved()
        flash("info", f"Redone: {_without_undo_hint(what)}" if what else "Redone.")


def _update_unsaved() -> None:
    """After undo or redo: unsaved unless back to the framework as last opened or downloaded."""
    st.session_state[_UNSAVED] = current() != st.session_state.get(_SAVED)


def _without_undo_hint(what: str) -> str:
    """An edit's message without its "Undo brings it back." (said when undoing it, that is no help)."""
    return re.sub(r"\s*Undo brings (it|them) back\.$", "", what)


def unsaved() -> bool:
    """True while the open framework has changes that have not been downloaded."""
    return bool(st.session_state.get(_UNSAVED)) and current() is not None


def mark_downloaded() -> None:
    """The open framework has just been downloaded (a callback for the download button)."""
    st.session_state[_UNSAVED] = False
    st.session_state[_SAVED] = current()


def flash(kind: str, text: str) -> None:
    """Queue a message (``success``, ``info``, ``warning`` or ``error``) for the next time a page draws."""
    init()
    st.session_state[_FLASH].append((kind, text))


def pop_flash() -> list[tuple[str, str]]:
    """Take the queued messages (each is shown once)."""
    init()
    messages = st.session_state[_FLASH]
    st.session_state[_FLASH] = []
    return messages


def select_node(node_id: str | None, *, jump: bool = False) -> None:
    """Make ``node_id`` the box Build shows; with ``jump``, Build also opens its Edit a box section."""
    st.session_state[_SELECTED] = node_id
    if jump:
        st.session_state[_JUMP] = node_id


def selected_node() -> str | None:
    """The box last selected (on Build, Check or the diagram), if it still exists."""
    fw = current()
    node_id = st.session_state.get(_SELECTED)
    return node_id if fw is not None and node_id in fw.node_by_id else None


def take_selection() -> str | None:
    """The box another page asked Build to jump to, once (then forgotten)."""
    return st.session_state.pop(_JUMP, None)


def select_link(source: str, target: str | None = None) -> None:
    """Ask Build to open its Links section from ``source``: on its link to ``target``, or to add one."""
    st.session_state[_SELECTED] = source
    st.session_state[_JUMP_LINK] = (source, target)


def take_link() -> tuple[str, str | None] | None:
    """The link another page asked Build to show, once (then forgotten)."""
    return st.session_state.pop(_JUMP_LINK, None)


def jump_pending() -> str | None:
    """The Build section another page asked for ("Edit a box" or "Links"), or None."""
    if st.session_state.get(_JUMP_LINK) is not None:
        return "Links"
    if st.session_state.get(_JUMP) is not None:
        return "Edit a box"
    return None
