"""The framework's details: title, organisation, area, description, authors and tags."""

from __future__ import annotations

import streamlit as st

from logicmodel.core.models import Framework
from logicmodel.editing import edit
from ui import state
from ui.forms import Keys, as_text, lines, optional

__all__ = ["KEYS", "draw", "save"]

KEYS = Keys("meta", ("title", "org", "area", "description", "authors", "tags"))
"""Drawn once per revision of the framework, so that it always shows the saved details."""


def draw(fw: Framework, rev: int) -> None:
    meta, k = fw.meta, KEYS.of(rev)
    with st.form(f"meta_{rev}"):
        st.text_input("Title", value=meta.title, key=k("title"), max_chars=200)
        c1, c2 = st.columns(2)
        c1.text_input("Organisation", value=as_text(meta.organisation), key=k("org"), max_chars=200)
        c2.text_input("Area it covers", value=as_text(meta.area), key=k("area"), max_chars=200)
        st.text_area("Description", value=as_text(meta.description), key=k("description"), height=150)
        c1, c2 = st.columns(2)
        c1.text_area("Authors (one a line)", value=as_text(meta.authors), key=k("authors"), height=80)
        c2.text_area("Tags (one a line)", value=as_text(meta.tags), key=k("tags"), height=80)
        st.form_submit_button("Save the details", type="primary", on_click=save, args=(rev,))


def save(rev: int) -> None:
    k = KEYS.of(rev)
    state.apply(
        edit.update_meta,
        title=k.text("title"),
        organisation=optional(k.value("org")),
        area=optional(k.value("area")),
        description=optional(k.value("description")),
        authors=lines(k.value("authors")),
        tags=lines(k.value("tags")),
        success="Details saved.",
        summary="",
    )
