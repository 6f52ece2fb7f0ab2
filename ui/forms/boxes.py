"""Boxes: add one (typed, or an outcome from the library), pick one, edit it, change its id, delete it."""

from __future__ import annotations

from functools import partial

import streamlit as st

from logicmodel.core import library
from logicmodel.core.graph import cohorts
from logicmodel.core.models import Framework
from logicmodel.editing import edit
from ui import comment_marks, comments, state
from ui.forms import Keys, as_text, evidence, indicators, lines, optional
from ui.sections import BOX
from ui.state import fields
from ui.tables import boxes_table
from ui.text import md, plural
from ui.widgets import box_namer

__all__ = [
    "ADD",
    "EDIT",
    "LIBRARY",
    "RENAME",
    "add",
    "add_from_library",
    "delete",
    "draw_add",
    "draw_edit",
    "draw_library",
    "draw_overview",
    "edit_selected_row",
    "picked",
    "remove_benefit",
    "rename",
    "save",
]

ADD = Keys("add_box", ("label", "level", "description", "stakeholders"))
LIBRARY = Keys("lib", ("outcome", "outcome_level", "outcome_stakeholders"))
"""Add an outcome from the library: ``lib_outcome``, ``lib_outcome_level``, ``lib_outcome_stakeholders``."""
EDIT = Keys(
    "box",
    (
        "label",
        "level",
        "description",
        "stakeholders",
        "cohorts",
        "reach",
        "cost",
        "currency",
        "period",
        "benefit",
        "benefit_currency",
        "benefit_period",
        "basis",
        "tags",
    ),
)
"""A box's own form, each field keyed by the saved value it shows (``box_label_{box}_{stamp}``), not on every
edit: adding an indicator below, or someone else's change to another field, must not wipe what the user typed
and has not saved yet."""
RENAME = Keys("box", ("newid",))
"""Change a box's id: ``box_newid_{box}_{stamp}``."""


def _names(fw: Framework) -> tuple[dict[str, str], dict[str, str]]:
    """Levels and stakeholders by id, as pickers show them."""
    return {lv.id: lv.label for lv in fw.levels}, {s.id: f"{s.name} ({s.role})" for s in fw.stakeholders}


def draw_add(fw: Framework) -> None:
    """The form to add a box. Its level stays chosen after an add: boxes come in runs of one level."""
    level_names, stakeholder_names = _names(fw)
    kinds = fw.level_kinds
    first_activity = next((i for i, lv in enumerate(fw.level_ids) if kinds[lv] == "activity"), 0)
    with st.form("add_box"):  # not cleared on submit: the level stays chosen (add() clears the rest)
        st.markdown("**Add a box**")
        label, level = st.columns([2, 1])  # side by side: "Add the box" stays on a laptop's first screen
        label.text_input("Label", key=ADD("label"), max_chars=300, placeholder="e.g. Free summer swimming")
        level.selectbox(
            "Level", list(level_names), index=first_activity, format_func=level_names.__getitem__, key=ADD("level")
        )
        st.text_area("Description (optional)", key=ADD("description"), height=80)
        st.multiselect(
            "Stakeholders (optional)",
            list(stakeholder_names),
            format_func=stakeholder_names.__getitem__,
            key=ADD("stakeholders"),
            placeholder="Add stakeholders in the Stakeholders section first" if not stakeholder_names else None,
        )
        st.form_submit_button("Add the box", type="primary", on_click=add)


def draw_library(fw: Framework) -> None:
    """The form to add an outcome from the outcome library (when the framework has an outcome level)."""
    level_names, stakeholder_names = _names(fw)
    outcome_levels = [lv for lv in fw.level_ids if fw.level_kinds[lv] == "outcome"]
    entries = {o.id: o for o in library.outcomes()}
    if not outcome_levels or not entries:
        return
    with st.expander("Add an outcome from the library", icon=":material/library_books:"):
        st.caption(
            "Outcomes from public frameworks, each with its source and a suggested indicator. "
            "Pick one instead of typing it."
        )
        with st.form("add_library_outcome", clear_on_submit=True):
            st.selectbox(
                "Outcome",
                list(entries),
                format_func=lambda i: f"{entries[i].label} · {entries[i].group}",
                key=LIBRARY("outcome"),
            )
            default = outcome_levels.index("strategic") if "strategic" in outcome_levels else 0
            st.selectbox(
                "Level",
                outcome_levels,
                index=default,
                format_func=level_names.__getitem__,
                key=LIBRARY("outcome_level"),
            )
            st.multiselect(
                "Stakeholders (optional)",
                list(stakeholder_names),
                format_func=stakeholder_names.__getitem__,
                key=LIBRARY("outcome_stakeholders"),
            )
            st.form_submit_button("Add the outcome", on_click=add_from_library)


def draw_overview(fw: Framework) -> None:
    """Every box, one a row, with its counts of indicators, links and open comment threads: selecting a row opens
    it in Edit a box. Tall enough for every row of a sample, and narrow enough for 1366x768. Keyed by the rows it
    shows, so a newer version (or a new count) redraws it."""
    table = boxes_table(fw).copy()  # the cached table (also the CSV download) stays without comments
    on_boxes = comment_marks.open_counts().boxes  # open threads: in the library, never in the framework's files
    table.insert(len(table.columns) - 1, "Comments", [on_boxes.get(n.id, 0) for n in fw.nodes])
    key = fields.field_key("boxes_table", table.to_json(), hold=False)
    st.dataframe(
        table,
        hide_index=True,
        height=38 + 35 * min(len(fw.nodes), 100) + 2,
        key=key,
        on_select=partial(edit_selected_row, key),
        selection_mode="single-row",
        column_config={
            "Box": st.column_config.TextColumn(width=230),  # room for Comments at 1366x768
            "Level": st.column_config.TextColumn(width=140),
            "Stakeholders": st.column_config.TextColumn(width=170),
            "Indicators": st.column_config.NumberColumn(width=70),
            "Links in": st.column_config.NumberColumn(width=60),
            "Links out": st.column_config.NumberColumn(width=60),
            "Comments": st.column_config.NumberColumn(width=80, help="Open comment threads on the box"),
            "Id": st.column_config.TextColumn(width=60),
        },
    )


def edit_selected_row(key: str) -> None:
    """Callback of the All boxes table: the box in the row the user selected opens in Edit a box."""
    rows = getattr(getattr(st.session_state.get(key), "selection", None), "rows", None) or []
    fw = state.current()
    if fw is not None and rows and 0 <= rows[0] < len(fw.nodes):
        state.select_node(fw.nodes[rows[0]].id, jump=True)


def draw_edit(fw: Framework) -> None:
    """Pick a box (the one selected elsewhere first) and edit it: its form, indicators, evidence, id."""
    if not fw.nodes:
        st.info("No boxes yet: add one in Add boxes.")
        return
    ids = [n.id for n in fw.nodes]
    wanted = state.take_selection() or state.selected_node()
    if wanted in fw.node_by_id:
        st.session_state[BOX] = wanted
    elif st.session_state.get(BOX) not in fw.node_by_id:
        # Set, never drop: a dropped key leaves the browser showing the deleted box over another box's form.
        st.session_state[BOX] = ids[0]
    node_id = st.selectbox("Box to edit", ids, format_func=box_namer(fw), key=BOX, on_change=picked)
    state.select_node(node_id)
    _draw_box(fw, node_id)
    comments.beside(fw, box=node_id)
    indicators.draw(fw, node_id)
    evidence.draw(fw, node_id)
    _draw_rename_and_delete(fw, node_id)


def _draw_box(fw: Framework, node_id: str) -> None:
    level_names, stakeholder_names = _names(fw)
    node = fw.node_by_id[node_id]
    k = EDIT.of(node_id)
    namer = box_namer(fw)
    graph_in = [s for s, t in fw.link_pairs if t == node_id]
    graph_out = [t for s, t in fw.link_pairs if s == node_id]
    st.caption(
        "Comes from: "
        + (md("; ".join(namer(n) for n in graph_in)) or "nothing yet")
        + " · Leads to: "
        + (md("; ".join(namer(n) for n in graph_out)) or "nothing yet")
        + " (change links in the Links section)"
    )
    with st.form(f"box_{node_id}"):
        st.text_input("Label", value=node.label, key=k("label", node.label), max_chars=300)
        levels = list(level_names)
        st.selectbox(
            "Level",
            levels,
            index=levels.index(node.level),
            format_func=level_names.__getitem__,
            key=k("level", node.level),
        )
        st.text_area(
            "Description", value=as_text(node.description), key=k("description", as_text(node.description)), height=80
        )
        st.multiselect(
            "Stakeholders",
            list(stakeholder_names),
            default=[s for s in node.stakeholders if s in stakeholder_names],
            format_func=stakeholder_names.__getitem__,
            key=k("stakeholders", node.stakeholders),
            placeholder="Add stakeholders in the Stakeholders section first" if not stakeholder_names else None,
        )
        st.multiselect(
            "Cohorts (pick or type a new one)",
            sorted(set(cohorts(fw)) | set(node.cohorts)),
            default=node.cohorts,
            accept_new_options=True,
            key=k("cohorts", node.cohorts),
        )
        c1, c2, c3, c4 = st.columns(4)
        c1.number_input(
            "Reach (participants a year)",
            min_value=0,
            max_value=10**9,
            step=1,
            value=node.reach,
            key=k("reach", node.reach),
        )
        c2.number_input(
            "Cost",
            min_value=0.0,
            max_value=1e15,
            step=100.0,
            value=node.cost.amount if node.cost else None,
            key=k("cost", node.cost.amount if node.cost else None),
        )
        c3.text_input(
            "Currency",
            value=node.cost.currency if node.cost else "GBP",
            max_chars=3,
            key=k("currency", node.cost.currency if node.cost else "GBP"),
        )
        c4.text_input(
            "Cost period",
            value=as_text(node.cost.period if node.cost else None),
            key=k("period", as_text(node.cost.period if node.cost else None)),
            placeholder="e.g. a year",
        )
        benefit = node.benefit
        st.markdown("**Estimated benefit** (optional): a saving or value this box is claimed to bring")
        b1, b2, b3 = st.columns([2, 1, 2])
        b1.number_input(
            "Benefit (estimate)",
            min_value=0.0,
            max_value=1e15,
            step=100.0,
            value=benefit.amount if benefit else None,
            key=k("benefit", benefit.amount if benefit else None),
            help="Leave blank, and the basis too, for no benefit.",
        )
        b2.text_input(
            "Currency",
            value=benefit.currency if benefit else "GBP",
            max_chars=3,
            key=k("benefit_currency", benefit.currency if benefit else "GBP"),
        )
        b3.text_input(
            "Benefit period",
            value=as_text(benefit.period if benefit else None),
            key=k("benefit_period", as_text(benefit.period if benefit else None)),
            placeholder="e.g. a year",
        )
        st.text_input(
            "Basis of the estimate",
            value=as_text(benefit.basis if benefit else None),
            key=k("basis", as_text(benefit.basis if benefit else None)),
            max_chars=300,
            placeholder="e.g. avoided emergency admissions for falls at an illustrative unit cost",
        )
        st.text_area("Tags (one a line)", value=as_text(node.tags), key=k("tags", as_text(node.tags)), height=68)
        st.form_submit_button("Save the box", type="primary", on_click=save, args=(node_id,))
    if node.benefit is not None:
        st.button(
            "Remove the estimated benefit",
            key=f"rm_benefit_{node_id}",
            on_click=remove_benefit,
            args=(node_id,),
            help="Or clear its amount and basis above and save.",
        )


def _draw_rename_and_delete(fw: Framework, node_id: str) -> None:
    k = RENAME.of(node_id)
    with st.expander("Delete this box, or change its id", icon=":material/delete:"):
        with st.form(f"rename_{node_id}"):
            st.text_input(
                "Id (the box's name in the file; its label is what people read)",
                value=node_id,
                key=k("newid", node_id),
                max_chars=64,
            )
            st.caption(md(edit.rename_node_impact(fw, node_id, "the new id").replace("'the new id'", "the new id")))
            st.form_submit_button("Change the id", on_click=rename, args=(node_id,))
        st.caption(md(edit.delete_node_impact(fw, node_id)))
        st.button("Delete this box", key=f"delete_{node_id}", on_click=delete, args=(node_id,))


# --- what the forms' buttons do ---


def add() -> None:
    fw = state.current()
    label = ADD.text("label")
    if not label:
        state.flash("error", "Not added: give the box a label.")
        return
    node_id = edit.suggest_id(fw, label)
    ok = state.apply(
        edit.add_node,
        {
            "id": node_id,
            "level": ADD.value("level"),
            "label": label,
            "description": optional(ADD.value("description")),
            "stakeholders": ADD.value("stakeholders") or [],
        },
        success=f"Added '{label}'.",
    )
    if ok:
        state.select_node(node_id)
        st.session_state[ADD("label")] = st.session_state[ADD("description")] = ""
        st.session_state[ADD("stakeholders")] = []


def add_from_library() -> None:
    fw = state.current()
    entry = library.outcome(LIBRARY.value("outcome"))
    node_id = edit.suggest_id(fw, entry.label)
    ok = state.apply(
        edit.add_node,
        {
            "id": node_id,
            "level": LIBRARY.value("outcome_level"),
            "label": entry.label,
            "description": entry.description or None,
            "stakeholders": LIBRARY.value("outcome_stakeholders") or [],
            "indicators": [i.indicator for i in entry.indicators[:1]],
        },
        success=f"Added '{entry.label}' from the outcome library ({entry.source}).",
    )
    if ok:
        state.select_node(node_id)


def save(node_id: str) -> None:
    """Save a box's form."""
    k = EDIT.of(node_id)
    amount = k.value("cost")
    cost = None
    if amount is not None:
        cost = {"amount": float(amount), "currency": (k.value("currency") or "GBP").strip().upper()}
        if optional(k.value("period")):
            cost["period"] = optional(k.value("period"))
    benefit, missing = _benefit(k)
    if missing:
        state.flash("error", f"Not saved: {missing}")
        return
    reach = k.value("reach")
    state.apply(
        edit.update_node,
        node_id,
        label=k.text("label"),
        level=k.value("level"),
        description=optional(k.value("description")),
        stakeholders=k.value("stakeholders") or [],
        cohorts=[c.strip() for c in k.value("cohorts") or [] if c.strip()],
        tags=lines(k.value("tags")),
        reach=None if reach is None else int(reach),
        cost=cost,
        benefit=benefit,
        success="Box saved.",
        summary="",
    )


def _benefit(k: Keys) -> tuple[dict[str, object] | None, str]:
    """The benefit a box's form holds (None when amount and basis are both blank), or what is missing.

    An estimate needs both its amount and the basis it was estimated on: one without the other is refused,
    naming the field to fill in.
    """
    amount, basis = k.value("benefit"), optional(k.value("basis"))
    if amount is None and basis is None:
        return None, ""
    if amount is None:
        return None, "give the estimated benefit's amount (Benefit (estimate)), or clear its basis."
    if basis is None:
        return None, "say how the benefit was estimated (Basis of the estimate), or clear its amount."
    benefit: dict[str, object] = {
        "amount": float(amount),
        "currency": (k.value("benefit_currency") or "GBP").strip().upper(),
        "basis": basis,
    }
    if optional(k.value("benefit_period")):
        benefit["period"] = optional(k.value("benefit_period"))
    return benefit, ""


def remove_benefit(node_id: str) -> None:
    state.apply(edit.update_node, node_id, benefit=None, success="Estimated benefit removed.")


def rename(node_id: str) -> None:
    new_id = RENAME.of(node_id).text("newid")
    if state.apply(edit.rename_node, node_id, new_id, success=f"The id is now '{new_id}'; its links follow it."):
        state.select_node(new_id)


def delete(node_id: str) -> None:
    fw = state.current()
    links = sum(1 for pair in fw.link_pairs if node_id in pair)
    also = f" and its {plural(links, 'link')}" if links else ""
    done = f"Deleted '{fw.node_by_id[node_id].label}'{also}."
    if state.apply(edit.delete_node, node_id, success=done, hint=f"Undo brings {'them' if links else 'it'} back."):
        state.select_node(None)


def picked() -> None:
    """The user chose another box: it becomes the selected one (for Links and the diagram too)."""
    state.select_node(st.session_state.get(BOX))
