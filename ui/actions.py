"""What Home's library and sample buttons do: open, copy, bin, restore, page through; none reads a form.

Forms own their keys and their callbacks (``ui.forms``: Build's forms, starting, importing, renaming). Every
change goes through ``ui.state`` or the library itself; a refusal becomes a message, never an exception.
"""

from __future__ import annotations

import streamlit as st

from logicmodel.core import samples as gallery
from logicmodel.store import StoreError
from ui import author, state, store
from ui.forms.start import IMPORT_PROBLEMS
from ui.text import plural

__all__ = [
    "LIBRARY_PAGE",
    "library_delete",
    "library_duplicate",
    "library_empty_bin",
    "library_open",
    "library_page",
    "library_restore",
    "library_search",
    "open_sample",
]


# --- Home: the samples ---


def open_sample(name: str) -> None:
    """Callback of a gallery card's button: a copy of the sample, in the library (the sample stays as it is)."""
    sample = gallery.find(name)
    st.session_state[IMPORT_PROBLEMS] = None
    if sample is None:
        state.flash("error", f"The sample '{name}' is no longer there.")
        return
    fw = sample.load()
    state.open_framework(
        fw,
        f"Opened the sample '{fw.meta.title}': this copy is yours, saved in the library as you change it.",
        summary=f"Copied from the sample '{sample.title}'",
    )


# --- Home: the library ---

LIBRARY_PAGE = "library_page"
"""Session key of the page of the library list shown (0 for the first)."""


def library_search() -> None:
    """The search changed: back to the first page of what it finds."""
    st.session_state[LIBRARY_PAGE] = 0


def library_page(step: int) -> None:
    st.session_state[LIBRARY_PAGE] = max(0, st.session_state.get(LIBRARY_PAGE, 0) + step)


def library_open(framework_id: str) -> None:
    st.session_state[IMPORT_PROBLEMS] = None
    state.open_saved(framework_id)


def library_duplicate(framework_id: str) -> None:
    try:
        saved = store.library().duplicate(framework_id, author=author.name())
    except StoreError as err:
        state.flash("error", f"Not copied: {err}")
        return
    state.flash("success", f"Made a copy, '{saved.title}': it is at the top of the library.")


def library_delete(framework_id: str, title: str) -> None:
    try:
        store.library().delete(framework_id, author=author.name())
    except StoreError as err:
        state.flash("error", f"Not moved to the bin: {err}")
        return
    if framework_id == state.current_id():
        state.close()
    state.flash("success", f"Moved '{title}' to the bin. Restore it from the bin, below the library, if needed.")


def library_restore(framework_id: str, title: str) -> None:
    try:
        store.library().restore(framework_id, author=author.name())
    except StoreError as err:
        state.flash("error", f"Not restored: {err}")
        return
    state.flash("success", f"Restored '{title}' from the bin to the library.")


def library_empty_bin() -> None:
    try:
        removed = store.library().empty_bin()
    except StoreError as err:
        state.flash("error", f"The bin was not emptied: {err}")
        return
    state.flash("success", f"Emptied the bin: {plural(removed, 'framework')} removed for good, with their history.")
