"""Export's "Bring back an edited file": the workbook (or any file the builder reads), edited outside, brought
back as the next version of the open framework, its changes shown first.

The engine reads the file and lays it over the open framework (``logicmodel.formats.update``, in a worker:
``logicmodel.jobs.tasks.bring_back_in_worker``), once for each pair of framework and file; the page shows what would
change (the Compare page's table, ``logicmodel.analysis.diff.table_rows``) and what is kept because the file cannot
carry it. Applying saves one new version through the normal save (``ui.state.replace``), so Undo takes it
back and a clash with someone else's save behaves as for any edit. A refused file shows every problem, and,
when a repair mends them, "Bring it back anyway" shows the changes without what is wrong.
"""

from __future__ import annotations

import hashlib

import streamlit as st

from logicmodel import formats
from logicmodel.analysis.diff import table_rows
from logicmodel.core.limits import MAX_FILE_MB
from logicmodel.core.models import Framework
from logicmodel.drawing.diagram import fingerprint
from logicmodel.editing.repair import change_line, summary
from logicmodel.formats.update import Update
from logicmodel.jobs.tasks import Brought, bring_back_in_worker
from ui import state
from ui.text import md, plural
from ui.widgets import show_problems

__all__ = ["BROUGHT", "apply_update", "draw_bring_back", "take_anyway"]

BROUGHT = "bring_back_result"
"""Session key of the last file brought back: ((the framework's fingerprint, the file's name and digest), what
it gives, whether "Bring it back anyway" was chosen)."""
FILE = "bring_back_file"


def draw_bring_back(fw: Framework) -> None:
    """The uploader, then the changes the chosen file makes and the button that applies them."""
    st.markdown(
        "Edited the workbook (or the CSV files) in Excel? Bring it back here: you see what it changes, then "
        "apply it as the next version of this framework (Undo takes it back). Ids, and what the file cannot "
        "carry (stories, evidence ...), are kept from this version."
    )
    uploaded = st.file_uploader(
        f"Edited file ({', '.join(formats.extensions())})",
        type=[ending.removeprefix(".") for ending in formats.extensions()],
        key=FILE,
        max_upload_size=MAX_FILE_MB,
    )
    if uploaded is None:
        st.session_state[BROUGHT] = None
        return
    data = uploaded.getvalue()
    key = (fingerprint(fw), uploaded.name, hashlib.sha256(data).hexdigest())
    held = st.session_state.get(BROUGHT)
    if held is None or held[0] != key:
        held = (key, bring_back_in_worker(fw, uploaded.name, data), False)
        st.session_state[BROUGHT] = held
    _, brought, anyway = held
    update = brought.repaired if anyway else brought.update
    if update is None:
        _refused(brought)
        return
    _preview(fw, brought, update, anyway)


def _refused(brought: Brought) -> None:
    assert brought.error is not None  # no update: the file was refused, saying why
    show_problems(brought.error, f"{brought.name} could not be brought back, so nothing has changed. What is wrong:")
    if brought.repaired is not None:
        changes = list(brought.changes)
        st.button(
            md(f"Bring it back anyway: {summary(changes).removesuffix(' will be left out')} will be left out"),
            on_click=take_anyway,
            type="primary",
            key="bring_back_anyway",
        )
        with st.expander(f"What will be left out or changed ({len(changes)})"):
            st.markdown("\n".join(f"- {md(change_line(change))}" for change in changes[:200]))


def _preview(fw: Framework, brought: Brought, update: Update, anyway: bool) -> None:
    if update.framework == fw:  # read in a worker: the same content, not the same object
        st.success(f"{md(brought.name)} says what the open framework says: nothing to bring back.")
        return
    diff = update.diff
    left = f" (without what was wrong: {summary(list(brought.changes))})" if anyway else ""
    st.markdown(f"**What {md(brought.name)} changes**{md(left)}: {diff.in_words() or 'the order of boxes or links'}.")
    if update.by_label:
        st.caption(f"{plural(update.by_label, 'box', 'boxes')} matched by label (the file lost their ids).")
    rows = table_rows(diff, fw, update.framework)
    if rows:
        st.dataframe(rows, hide_index=True, width="stretch")
    if update.kept:
        st.caption("Kept from this version: " + md("; ".join(update.kept)) + ".")
    st.button(
        "Apply these changes as the next version",
        on_click=apply_update,
        type="primary",
        icon=":material/upload_file:",
        key="bring_back_apply",
    )


def take_anyway() -> None:
    """ "Bring it back anyway": show (and apply) the changes of the file without what is wrong in it."""
    held = st.session_state.get(BROUGHT)
    if held is not None:
        st.session_state[BROUGHT] = (held[0], held[1], True)


def apply_update() -> None:
    """Save the shown changes as one new version of the open framework (``Updated from <file>``)."""
    held = st.session_state.get(BROUGHT)
    fw = state.current()
    if held is None or fw is None:
        return
    key, brought, anyway = held
    update = brought.repaired if anyway else brought.update
    if update is None:
        return
    if key[0] != fingerprint(fw):  # changed since it was read (another tab, an undo): read it again first
        state.flash("error", "Not changed: the framework changed since the file was read. Look at its changes again.")
        st.session_state[BROUGHT] = None
        return
    if state.replace(update.framework, f"Updated from {brought.name}"):
        state.flash(
            "success",
            f"Brought back {brought.name}: {update.diff.in_words() or 'boxes and links reordered'}. "
            "Undo takes it back.",
        )
