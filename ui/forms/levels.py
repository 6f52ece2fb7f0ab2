"""The levels (the columns of the logic model): each one's label and kind, moved, deleted, and a new one added."""

from __future__ import annotations

import streamlit as st

from logicmodel.core.ids import new_id
from logicmodel.core.models import LEVEL_KINDS, Framework
from logicmodel.core.wording import kind_plural
from logicmodel.editing import edit
from ui import state
from ui.forms import Keys
from ui.text import md, plural

__all__ = ["ADD", "EDIT", "add", "delete", "draw", "move", "save"]

EDIT = Keys("lv", ("label", "kind"))
"""A level's own form, once per level, each field keyed by its saved value: ``lv_label_{level}_{stamp}``."""
ADD = Keys("add_level", ("label", "kind", "after"))


def draw(fw: Framework) -> None:
    """Every level, in order, with its form and buttons; then the form to add one."""
    st.caption("Levels are the columns of the logic model, from where change starts to where it ends.")
    counts: dict[str, int] = {}
    for n in fw.nodes:
        counts[n.level] = counts.get(n.level, 0) + 1
    kinds = list(LEVEL_KINDS)
    for i, level in enumerate(fw.levels):
        k = EDIT.of(level.id)
        with st.container(border=True):
            st.markdown(
                f"**{i + 1}. {md(level.label)}** · holds {kind_plural(fw.level_kinds[level.id])} · "
                f"{plural(counts.get(level.id, 0), 'box', 'boxes')}"
            )
            with st.form(f"level_{level.id}", border=False):
                c1, c2 = st.columns(2)
                c1.text_input("Label", value=level.label, key=k("label", level.label), max_chars=200)
                c2.selectbox(
                    "Holds", kinds, index=kinds.index(fw.level_kinds[level.id]), key=k("kind", fw.level_kinds[level.id])
                )
                st.form_submit_button(f"Save {md(level.label)}", on_click=save, args=(level.id,))
            c1, c2, c3 = st.columns(3)
            c1.button(
                f"Move {md(level.label)} earlier",
                key=f"lv_up_{level.id}",
                on_click=move,
                args=(level.id, -1),
                disabled=i == 0,
                help=md(f"Move {level.label} one column to the left"),
            )
            c2.button(
                f"Move {md(level.label)} later",
                key=f"lv_down_{level.id}",
                on_click=move,
                args=(level.id, 1),
                disabled=i == len(fw.levels) - 1,
                help=md(f"Move {level.label} one column to the right"),
            )
            c3.button(
                f"Delete {md(level.label)}",
                key=f"lv_del_{level.id}",
                on_click=delete,
                args=(level.id,),
                disabled=counts.get(level.id, 0) > 0,
                help=md(edit.delete_level_impact(fw, level.id)),
            )
    with st.form("add_level", clear_on_submit=True):
        st.markdown("**Add a level**")
        c1, c2, c3 = st.columns(3)
        c1.text_input("Label", key=ADD("label"), max_chars=200, placeholder="e.g. Short-term outcomes")
        c2.selectbox("Holds", LEVEL_KINDS, index=LEVEL_KINDS.index("outcome"), key=ADD("kind"))
        names = {lv.id: lv.label for lv in fw.levels}
        c3.selectbox(
            "After",
            [None, *names],
            index=len(names),
            key=ADD("after"),
            format_func=lambda i: "At the start" if i is None else names[i],
        )
        st.form_submit_button("Add the level", on_click=add)


def add() -> None:
    fw = state.current()
    label = ADD.text("label")
    if not label:
        state.flash("error", "Not added: give the level a label.")
        return
    level_id = new_id(label, set(fw.level_rank), "level")
    after = ADD.value("after")
    position = fw.level_ids.index(after) + 1 if after in fw.level_rank else 0
    state.apply(
        edit.add_level,
        {"id": level_id, "label": label, "kind": ADD.value("kind")},
        position,
        success=f"Added the level '{label}'.",
    )


def save(level_id: str) -> None:
    k = EDIT.of(level_id)
    state.apply(
        edit.update_level,
        level_id,
        label=k.text("label"),
        kind=k.value("kind"),
        success="Level saved.",
        summary="",
    )


def move(level_id: str, step: int) -> None:
    fw = state.current()
    position = fw.level_ids.index(level_id) + step
    state.apply(edit.move_level, level_id, position, success="Level moved.", summary="")


def delete(level_id: str) -> None:
    state.apply(edit.delete_level, level_id, success="Level deleted.", summary="")
