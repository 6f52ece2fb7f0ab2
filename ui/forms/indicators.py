"""A box's indicators: each one edited or removed, and a new one added from the library or typed."""

from __future__ import annotations

import streamlit as st

from logicmodel.core import library
from logicmodel.core.models import Framework, Indicator
from logicmodel.editing import edit
from ui import state
from ui.forms import Keys, as_text, measure, optional
from ui.text import md

__all__ = ["ADD", "EDIT", "add", "draw", "picker_label", "remove_item", "save"]

EDIT = Keys("ie", ("name", "source", "baseline", "target", "unit", "frequency"))
"""One indicator's form, each field keyed by its saved value: ``ie_name_{box}_{index}_{stamp}``."""
ADD = Keys("ind", ("library", "name", "source", "unit", "baseline", "target", "frequency"))


def draw(fw: Framework, node_id: str) -> None:
    """The box's indicators, each with its form, then the form to add one."""
    node = fw.node_by_id[node_id]
    st.markdown("**Indicators**")
    if not node.indicators:
        st.caption("No indicator yet: how would a commissioner know this has changed?")
    for i, ind in enumerate(node.indicators):
        cols = st.columns([5, 1])
        parts = [f"**{md(ind.name)}**"]
        if ind.source:
            parts.append(f"source: {md(ind.source)}")
        if ind.baseline is not None or ind.target is not None:
            parts.append(f"baseline {md(as_text(ind.baseline) or '?')} → target {md(as_text(ind.target) or '?')}")
        if ind.unit:
            parts.append(md(ind.unit))
        cols[0].markdown(" · ".join(parts))
        came_from = library.entry_for(ind)
        if came_from is not None and came_from.badge:
            cols[0].badge(came_from.badge, icon=":material/help:", color="orange", help=md(came_from.note))
        cols[1].button(
            f"Remove indicator {i + 1}",
            key=f"rm_ind_{node_id}_{i}",
            on_click=remove_item,
            args=(node_id, "indicators", i),
            help=md(f"Remove the indicator {ind.name}"),
        )
        k = EDIT.of(node_id, i)
        with cols[0].expander("Edit this indicator"), st.form(f"ind_form_{node_id}_{i}", border=False):
            c1, c2 = st.columns(2)
            c1.text_input("Name", value=ind.name, key=k("name", ind.name), max_chars=200)
            c2.text_input("Source", value=as_text(ind.source), key=k("source", as_text(ind.source)), max_chars=200)
            c1.text_input(
                "Baseline", value=as_text(ind.baseline), key=k("baseline", as_text(ind.baseline)), max_chars=200
            )
            c2.text_input("Target", value=as_text(ind.target), key=k("target", as_text(ind.target)), max_chars=200)
            c1.text_input("Unit", value=as_text(ind.unit), key=k("unit", as_text(ind.unit)), max_chars=200)
            c2.text_input(
                "How often it is measured", value=as_text(ind.frequency), key=k("frequency", as_text(ind.frequency))
            )
            st.form_submit_button("Save the indicator", on_click=save, args=(node_id, i))
    needs_one = fw.level_kinds.get(node.level) == "outcome" and not node.indicators
    with st.expander("Add an indicator", expanded=needs_one, icon=":material/add_chart:"):
        entries = {i.id: i for i in library.indicators_for(node.label)}  # those that suit this box first
        with st.form(f"add_indicator_{node_id}", clear_on_submit=True):
            st.selectbox(
                "From the indicator library",
                [None, *entries],
                format_func=lambda i: "None: I will type my own below" if i is None else picker_label(entries[i]),
                key=ADD("library"),
                help="Entries marked **code not confirmed**: the measure and its Fingertips id were found in a "
                "public source, its framework code was not. Look the code up before quoting it.",
            )
            st.text_input("Name (if not from the library)", key=ADD("name"), max_chars=200)
            c1, c2 = st.columns(2)
            c1.text_input("Source (optional)", key=ADD("source"), max_chars=200)
            c2.text_input("Unit (optional)", key=ADD("unit"), max_chars=200, placeholder="e.g. % of adults")
            c1.text_input("Baseline (optional)", key=ADD("baseline"), max_chars=200)
            c2.text_input("Target (optional)", key=ADD("target"), max_chars=200)
            st.text_input("How often it is measured (optional)", key=ADD("frequency"), max_chars=200)
            st.form_submit_button("Add the indicator", on_click=add, args=(node_id,))


def picker_label(entry: library.LibraryIndicator) -> str:
    """How the picker names a library entry: its name and source, and its badge when its code is not confirmed.

    The badge comes first, where a long name cannot push it out of sight; it is the picker's, never part of
    the indicator added.
    """
    label = f"{entry.name} ({entry.source})"
    return f"⚠ {entry.badge} · {label}" if entry.badge else label


def add(node_id: str) -> None:
    node = state.current().node_by_id[node_id]
    picked = ADD.value("library")
    name = optional(ADD.value("name"))
    if picked:
        base = library.indicator(picked).indicator
    elif name:
        base = Indicator(name=name)
    else:
        state.flash("error", "Not added: pick an indicator from the library or type its name.")
        return
    fields = base.model_dump(exclude_none=True)
    for field in ("name", "source", "unit", "frequency"):
        typed = optional(ADD.value(field))
        if typed and not (picked and field == "name"):
            fields[field] = typed
    for field in ("baseline", "target"):
        typed = measure(ADD.value(field))
        if typed is not None:
            fields[field] = typed
    state.apply(
        edit.update_node,
        node_id,
        indicators=[*node.indicators, fields],
        success=f"Indicator '{fields['name']}' added.",
    )


def save(node_id: str, index: int) -> None:
    node = state.current().node_by_id[node_id]
    k = EDIT.of(node_id, index)
    fields = {
        "name": k.text("name"),
        "source": optional(k.value("source")),
        "baseline": measure(k.value("baseline")),
        "target": measure(k.value("target")),
        "unit": optional(k.value("unit")),
        "frequency": optional(k.value("frequency")),
    }
    indicators = list(node.indicators)
    kept = indicators[index].model_dump(exclude_defaults=True) | fields  # its measurements and Fingertips id too
    indicators[index] = {name: v for name, v in kept.items() if v is not None or name == "name"}
    state.apply(
        edit.update_node, node_id, indicators=indicators, success=f"Indicator '{fields['name']}' saved.", summary=""
    )


def remove_item(node_id: str, field: str, index: int) -> None:
    """Remove a box's indicator or evidence (``field``) at ``index``."""
    node = state.current().node_by_id[node_id]
    items = list(getattr(node, field))
    removed = items.pop(index)
    name = getattr(removed, "name", None) or getattr(removed, "title", "")
    state.apply(edit.update_node, node_id, **{field: items}, success=f"Removed '{name}'.")
