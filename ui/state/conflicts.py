"""Someone else saved first: the user reloads theirs, or keeps their own change as a copy."""

from __future__ import annotations

import streamlit as st

from logicmodel.core.errors import FrameworkError
from logicmodel.core.limits import MAX_TITLE
from logicmodel.editing.edit import update_meta
from logicmodel.store import NotFound, StoreError
from ui import store
from ui.state.address import show
from ui.state.messages import flash
from ui.state.opening import close, create
from ui.state.session import FRAMEWORK_ID, conflict

__all__ = ["keep_mine_as_copy", "reload_theirs"]


def reload_theirs() -> None:
    """Drop the change that could not be saved and open the framework as the library has it now."""
    clash = conflict()
    framework_id = st.session_state.get(FRAMEWORK_ID)
    try:
        saved = store.library().get(framework_id)
    except NotFound:
        close()
        flash("info", "That framework is in the bin now: restore it from the bin on Home to open it again.")
        return
    except StoreError as err:
        flash("error", f"Could not reload it: {err}")
        return
    show(saved)
    if clash is not None:
        flash("info", f"Reloaded '{saved.title}' as saved by {saved.updated_by} (version {saved.version}).")


def keep_mine_as_copy() -> None:
    """Save the framework with the user's change as a new framework in the library, and open it."""
    clash = conflict()
    if clash is None:
        return
    title = f"Copy of {clash.mine.meta.title}"[:MAX_TITLE].strip()
    try:
        mine = update_meta(clash.mine, title=title)
    except FrameworkError:
        mine = clash.mine
    if create(mine, None, f"Kept as a copy after a clash: {clash.what}"[:300]):
        flash(
            "success",
            f"Your change is saved in a new framework, '{mine.meta.title}', now open. "
            "The original keeps the other change; both are in the library on Home.",
        )
