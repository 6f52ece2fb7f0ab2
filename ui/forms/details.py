"""The framework's details: title, organisation, area, description, authors and tags."""

from __future__ import annotations

import streamlit as st

from logicmodel.core.models import Framework
from logicmodel.editing import edit
from ui import state
from ui.forms import Keys, as_text, lines, optional

__all__ = ["KEYS", "draw", "save"]

KEYS = Keys("meta", ("title", "org", "area", "description", "authors", "tags"))
"""Each field keyed by the saved value it shows (``Keys``): a newer version refreshes only what it changed."""


def draw(fw: Framework) -> None:
    meta, k = fw.meta, KEYS
    shown = {
        "title": meta.title,
        "org": as_text(meta.organisation),
        "area": as_text(meta.area),
        "description": as_text(meta.description),
        "authors": as_text(meta.authors),
        "tags": as_text(meta.tags),
    }
    with st.form("meta"):
        st.text_input("Title", value=shown["title"], key=k("title", shown["title"]), max_chars=200)
        c1, c2 = st.columns(2)
        c1.text_input("Organisation", value=shown["org"], key=k("org", shown["org"]), max_chars=200)
        c2.text_input("Area it covers", value=shown["area"], key=k("area", shown["area"]), max_chars=200)
        st.text_area("Description", value=shown["description"], key=k("description", shown["description"]), height=150)
        c1, c2 = st.columns(2)
        c1.text_area("Authors (one a line)", value=shown["authors"], key=k("authors", shown["authors"]), height=80)
        c2.text_area("Tags (one a line)", value=shown["tags"], key=k("tags", shown["tags"]), height=80)
        st.form_submit_button("Save the details", type="primary", on_click=save)


def save() -> None:
    k = KEYS
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
