"""A box's evidence: each item edited or removed, and a new one added."""

from __future__ import annotations

import streamlit as st

from logicmodel import edit
from logicmodel.models import STRENGTHS, Framework
from ui import state
from ui.forms import Keys, as_text, optional
from ui.forms.indicators import remove_item
from ui.text import md

__all__ = ["ADD", "EDIT", "add", "draw", "save"]

EDIT = Keys("ee", ("title", "url", "strength"))
"""One item's form: ``ee_title_{box}_{rev}_{index}``."""
ADD = Keys("ev", ("title", "url", "strength"))


def draw(fw: Framework, node_id: str, rev: int) -> None:
    """The box's evidence, each item with its form, then the form to add one."""
    node = fw.node_by_id[node_id]
    st.markdown("**Evidence**")
    if not node.evidence:
        st.caption("No evidence listed.")
    for i, ev in enumerate(node.evidence):
        cols = st.columns([5, 1])
        text = f"**{md(ev.title)}** · strength: {ev.strength}"
        if ev.url:
            text += f" · {md(ev.url)}"
        cols[0].markdown(text)
        cols[1].button(
            f"Remove evidence {i + 1}",
            key=f"rm_ev_{node_id}_{rev}_{i}",
            on_click=remove_item,
            args=(node_id, "evidence", i),
            help=md(f"Remove the evidence {ev.title}"),
        )
        k = EDIT.of(node_id, rev, i)
        with cols[0].expander("Edit this evidence"), st.form(f"ev_form_{node_id}_{rev}_{i}", border=False):
            st.text_input("Title", value=ev.title, key=k("title"), max_chars=300)
            c1, c2 = st.columns([3, 1])
            c1.text_input("Web address", value=as_text(ev.url), key=k("url"), placeholder="https://...")
            c2.selectbox("Strength", STRENGTHS, index=STRENGTHS.index(ev.strength), key=k("strength"))
            st.form_submit_button("Save the evidence", on_click=save, args=(node_id, i, rev))
    with (
        st.expander("Add evidence", icon=":material/menu_book:"),
        st.form(f"add_evidence_{node_id}_{rev}", clear_on_submit=True),
    ):
        st.text_input("Title", key=ADD("title"), max_chars=300, placeholder="e.g. University of Suffolk evaluation")
        st.text_input("Web address (optional)", key=ADD("url"), placeholder="https://...")
        st.selectbox("Strength", STRENGTHS, index=len(STRENGTHS) - 1, key=ADD("strength"))
        st.form_submit_button("Add the evidence", on_click=add, args=(node_id,))


def add(node_id: str) -> None:
    node = state.current().node_by_id[node_id]
    title = optional(ADD.value("title"))
    if not title:
        state.flash("error", "Not added: give the evidence a title.")
        return
    item = {"title": title, "strength": ADD.value("strength") or "unknown"}
    if optional(ADD.value("url")):
        item["url"] = optional(ADD.value("url"))
    state.apply(edit.update_node, node_id, evidence=[*node.evidence, item], success=f"Evidence '{title}' added.")


def save(node_id: str, index: int, rev: int) -> None:
    node = state.current().node_by_id[node_id]
    k = EDIT.of(node_id, rev, index)
    item = {"title": k.text("title"), "strength": k.value("strength") or "unknown"}
    if optional(k.value("url")):
        item["url"] = optional(k.value("url"))
    evidence = list(node.evidence)
    evidence[index] = item
    state.apply(edit.update_node, node_id, evidence=evidence, success=f"Evidence '{item['title']}' saved.", summary="")
