"""Home's form to rename a framework of the library (a new version of it)."""

from __future__ import annotations

import streamlit as st

from logicmodel.store import Conflict, StoreError, Summary
from ui import author, state, store
from ui.forms import Keys

__all__ = ["KEYS", "draw", "rename"]

KEYS = Keys("rename", ("title",))
"""Once per framework listed: ``rename_title_{framework id}``."""


def draw(item: Summary) -> None:
    with st.form(f"rename_form_{item.id}", border=False):
        st.text_input("New title", value=item.title, key=KEYS.of(item.id)("title"), max_chars=200)
        st.form_submit_button("Rename", on_click=rename, args=(item.id, item.version), key=f"lib_rename_{item.id}")


def rename(framework_id: str, version: int) -> None:
    """Rename a framework of the library; the open one shows its new title at once."""
    title = " ".join(KEYS.of(framework_id).text("title").split())
    if not title:
        state.flash("error", "Not renamed: type the new title first.")
        return
    if framework_id == state.current_id():
        if state.conflict() is not None:
            state.flash("error", "Not renamed: first choose what to do about the change someone else saved.")
            return
        version = st.session_state[state.VERSION]
    try:
        saved = store.library().rename(framework_id, title, expected_version=version, author=author.name())
    except Conflict as clash:
        state.flash(
            "error",
            f"Not renamed: {clash.since[0].author if clash.since else 'someone'} changed it "
            "just now. Look at it again and rename it then.",
        )
        return
    except StoreError as err:
        state.flash("error", f"Not renamed: {err}")
        return
    if framework_id == state.current_id():
        state.open_saved(framework_id)
    state.flash("success", f"Renamed to '{saved.title}'.")
