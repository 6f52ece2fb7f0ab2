"""The stakeholders: each one's name and role, deleted, and a new one added."""

from __future__ import annotations

import streamlit as st

from logicmodel.core.ids import new_id
from logicmodel.core.models import STAKEHOLDER_ROLES, Framework
from logicmodel.editing import edit
from ui import state
from ui.forms import Keys
from ui.text import md, plural

__all__ = ["ADD", "EDIT", "add", "delete", "draw", "save"]

EDIT = Keys("sh", ("name", "role"))
"""A stakeholder's own form, once per stakeholder, each field keyed by its saved value: ``sh_name_{id}_{stamp}``."""
ADD = Keys("add_sh", ("name", "role"))


def draw(fw: Framework) -> None:
    """Every stakeholder with its form; then the form to add one."""
    st.caption("Commissioners, providers, partners, funders and communities with a stake in the outcomes.")
    for s in fw.stakeholders:
        k = EDIT.of(s.id)
        with st.container(border=True):
            with st.form(f"sh_{s.id}", border=False):
                c1, c2 = st.columns(2)
                c1.text_input("Name", value=s.name, key=k("name", s.name), max_chars=200)
                c2.selectbox("Role", STAKEHOLDER_ROLES, index=STAKEHOLDER_ROLES.index(s.role), key=k("role", s.role))
                st.form_submit_button(f"Save {md(s.name)}", on_click=save, args=(s.id,))
            st.caption(md(edit.delete_stakeholder_impact(fw, s.id)))
            st.button(f"Delete {md(s.name)}", key=f"sh_del_{s.id}", on_click=delete, args=(s.id,))
    with st.form("add_stakeholder", clear_on_submit=True):
        st.markdown("**Add a stakeholder**")
        c1, c2 = st.columns(2)
        c1.text_input("Name", key=ADD("name"), max_chars=200, placeholder="e.g. Public Health")
        c2.selectbox("Role", STAKEHOLDER_ROLES, key=ADD("role"))
        st.form_submit_button("Add the stakeholder", on_click=add)


def add() -> None:
    fw = state.current()
    name = ADD.text("name")
    if not name:
        state.flash("error", "Not added: give the stakeholder a name.")
        return
    sid = new_id(name, {s.id for s in fw.stakeholders}, "stakeholder")
    state.apply(edit.add_stakeholder, {"id": sid, "name": name, "role": ADD.value("role")}, success=f"Added '{name}'.")


def save(sid: str) -> None:
    k = EDIT.of(sid)
    state.apply(
        edit.update_stakeholder,
        sid,
        name=k.text("name"),
        role=k.value("role"),
        success="Stakeholder saved.",
        summary="",
    )


def delete(sid: str) -> None:
    fw = state.current()
    name = next(s.name for s in fw.stakeholders if s.id == sid)
    boxes = sum(1 for n in fw.nodes if sid in n.stakeholders)
    also = f" and took it off {plural(boxes, 'box', 'boxes')}" if boxes else ""
    state.apply(edit.delete_stakeholder, sid, success=f"Deleted '{name}'{also}.", hint="Undo brings it back.")
