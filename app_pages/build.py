"""Build: edit the framework's details, levels, stakeholders, boxes and links, with undo and redo.

The model lives in session state; every change is an explicit edit from ``logicmodel.edit`` applied by a
button's callback (``ui.state.apply``), checked before it is kept, and refused with the reason otherwise.
Forms prefilled from the model carry the model's revision in their keys, so they always show the model.
"""

from __future__ import annotations

from functools import partial

import streamlit as st

from logicmodel import edit, library
from logicmodel.graph import cohorts
from logicmodel.models import LEVEL_KINDS, STAKEHOLDER_ROLES, STRENGTHS, Framework
from logicmodel.wording import kind_plural
from ui import actions, state
from ui.forms import as_text, stamp
from ui.tables import boxes_table
from ui.text import md, plural
from ui.widgets import box_namer, require_framework, show_flash

SECTIONS = ["Add boxes", "Edit a box", "Links", "Details", "Levels", "Stakeholders"]
MAX_REASONS = 40  # most "why not offered" reasons listed for a link's source


def section_add(fw: Framework, rev: int) -> None:
    level_names = {level.id: level.label for level in fw.levels}
    stakeholder_names = {s.id: f"{s.name} ({s.role})" for s in fw.stakeholders}
    kinds = fw.level_kinds
    first_activity = next((i for i, lv in enumerate(fw.level_ids) if kinds[lv] == "activity"), 0)
    with st.form("add_box", clear_on_submit=True):
        st.markdown("**Add a box**")
        st.text_input("Label", key="add_box_label", max_chars=300, placeholder="e.g. Free summer swimming")
        st.selectbox(
            "Level", list(level_names), index=first_activity, format_func=level_names.__getitem__, key="add_box_level"
        )
        st.text_area("Description (optional)", key="add_box_description", height=80)
        st.multiselect(
            "Stakeholders (optional)",
            list(stakeholder_names),
            format_func=stakeholder_names.__getitem__,
            key="add_box_stakeholders",
            placeholder="Add stakeholders in the Stakeholders section first" if not stakeholder_names else None,
        )
        st.form_submit_button("Add the box", type="primary", on_click=actions.add_box)
    outcome_levels = [lv for lv in fw.level_ids if kinds[lv] == "outcome"]
    entries = {o.id: o for o in library.outcomes()}
    if outcome_levels and entries:
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
                    key="lib_outcome",
                )
                default = outcome_levels.index("strategic") if "strategic" in outcome_levels else 0
                st.selectbox(
                    "Level", outcome_levels, index=default, format_func=level_names.__getitem__, key="lib_outcome_level"
                )
                st.multiselect(
                    "Stakeholders (optional)",
                    list(stakeholder_names),
                    format_func=stakeholder_names.__getitem__,
                    key="lib_outcome_stakeholders",
                )
                st.form_submit_button("Add the outcome", on_click=actions.add_library_outcome)
    if not fw.nodes:
        st.info("No boxes yet: add the first activity or outcome above.")
        return
    st.subheader("All boxes", anchor=False)
    st.caption("Select a box's row to edit it: its indicators, cohorts, cost, reach and evidence are there.")
    st.dataframe(
        boxes_table(fw),
        hide_index=True,
        height=min(400, 38 + 35 * len(fw.nodes)),
        key=f"boxes_table_{rev}",
        on_select=partial(actions.edit_selected_row, f"boxes_table_{rev}"),
        selection_mode="single-row",
    )


def section_edit(fw: Framework, rev: int) -> None:
    if not fw.nodes:
        st.info("No boxes yet: add one in Add boxes.")
        return
    level_names = {level.id: level.label for level in fw.levels}
    stakeholder_names = {s.id: f"{s.name} ({s.role})" for s in fw.stakeholders}
    ids = [n.id for n in fw.nodes]
    wanted = state.take_selection() or state.selected_node()
    if wanted in fw.node_by_id:
        st.session_state["build_node"] = wanted
    elif st.session_state.get("build_node") not in fw.node_by_id:
        # Set, never drop: a dropped key leaves the browser showing the deleted box over another box's form.
        st.session_state["build_node"] = ids[0]
    node_id = st.selectbox("Box to edit", ids, format_func=box_namer(fw), key="build_node", on_change=actions.picked)
    state.select_node(node_id)
    edit_box(fw, node_id, rev, level_names, stakeholder_names)


def edit_box(fw: Framework, node_id: str, rev: int, level_names: dict, stakeholder_names: dict) -> None:
    node = fw.node_by_id[node_id]
    k = f"{node_id}_{rev}"
    # The box's own form is keyed on its fields, not on every edit: adding an indicator below must not
    # wipe what the user has typed above and not saved yet.
    kb = f"{node_id}_{stamp(node, {'indicators', 'evidence'})}"
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
    with st.form(f"box_{kb}"):
        st.text_input("Label", value=node.label, key=f"box_label_{kb}", max_chars=300)
        levels = list(level_names)
        st.selectbox(
            "Level", levels, index=levels.index(node.level), format_func=level_names.__getitem__, key=f"box_level_{kb}"
        )
        st.text_area("Description", value=as_text(node.description), key=f"box_description_{kb}", height=80)
        st.multiselect(
            "Stakeholders",
            list(stakeholder_names),
            default=[s for s in node.stakeholders if s in stakeholder_names],
            format_func=stakeholder_names.__getitem__,
            key=f"box_stakeholders_{kb}",
            placeholder="Add stakeholders in the Stakeholders section first" if not stakeholder_names else None,
        )
        known = cohorts(fw)
        st.multiselect(
            "Cohorts (pick or type a new one)",
            sorted(set(known) | set(node.cohorts)),
            default=node.cohorts,
            accept_new_options=True,
            key=f"box_cohorts_{kb}",
        )
        c1, c2, c3, c4 = st.columns(4)
        c1.number_input(
            "Reach (participants a year)", min_value=0, max_value=10**9, step=1, value=node.reach, key=f"box_reach_{kb}"
        )
        c2.number_input(
            "Cost",
            min_value=0.0,
            max_value=1e15,
            step=100.0,
            value=node.cost.amount if node.cost else None,
            key=f"box_cost_{kb}",
        )
        c3.text_input(
            "Currency", value=node.cost.currency if node.cost else "GBP", max_chars=3, key=f"box_currency_{kb}"
        )
        c4.text_input(
            "Cost period",
            value=as_text(node.cost.period if node.cost else None),
            key=f"box_period_{kb}",
            placeholder="e.g. a year",
        )
        st.text_area("Tags (one a line)", value=as_text(node.tags), key=f"box_tags_{kb}", height=68)
        st.form_submit_button("Save the box", type="primary", on_click=actions.save_box, args=(node_id, kb))

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
        cols[1].button(
            f"Remove indicator {i + 1}",
            key=f"rm_ind_{k}_{i}",
            on_click=actions.remove_item,
            args=(node_id, "indicators", i),
            help=md(f"Remove the indicator {ind.name}"),
        )
        with cols[0].expander("Edit this indicator"), st.form(f"ind_form_{k}_{i}", border=False):
            c1, c2 = st.columns(2)
            c1.text_input("Name", value=ind.name, key=f"ie_name_{k}_{i}", max_chars=200)
            c2.text_input("Source", value=as_text(ind.source), key=f"ie_source_{k}_{i}", max_chars=200)
            c1.text_input("Baseline", value=as_text(ind.baseline), key=f"ie_baseline_{k}_{i}", max_chars=200)
            c2.text_input("Target", value=as_text(ind.target), key=f"ie_target_{k}_{i}", max_chars=200)
            c1.text_input("Unit", value=as_text(ind.unit), key=f"ie_unit_{k}_{i}", max_chars=200)
            c2.text_input("How often it is measured", value=as_text(ind.frequency), key=f"ie_frequency_{k}_{i}")
            st.form_submit_button("Save the indicator", on_click=actions.save_indicator, args=(node_id, i, rev))
    needs_one = fw.level_kinds.get(node.level) == "outcome" and not node.indicators
    with st.expander("Add an indicator", expanded=needs_one, icon=":material/add_chart:"):
        entries = {i.id: i for i in library.indicators_for(node.label)}  # those that suit this box first
        with st.form(f"add_indicator_{k}", clear_on_submit=True):
            st.selectbox(
                "From the indicator library",
                [None, *entries],
                format_func=lambda i: (
                    "None: I will type my own below" if i is None else f"{entries[i].name} ({entries[i].source})"
                ),
                key="ind_library",
            )
            st.text_input("Name (if not from the library)", key="ind_name", max_chars=200)
            c1, c2 = st.columns(2)
            c1.text_input("Source (optional)", key="ind_source", max_chars=200)
            c2.text_input("Unit (optional)", key="ind_unit", max_chars=200, placeholder="e.g. % of adults")
            c1.text_input("Baseline (optional)", key="ind_baseline", max_chars=200)
            c2.text_input("Target (optional)", key="ind_target", max_chars=200)
            st.text_input("How often it is measured (optional)", key="ind_frequency", max_chars=200)
            st.form_submit_button("Add the indicator", on_click=actions.add_indicator, args=(node_id,))

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
            key=f"rm_ev_{k}_{i}",
            on_click=actions.remove_item,
            args=(node_id, "evidence", i),
            help=md(f"Remove the evidence {ev.title}"),
        )
        with cols[0].expander("Edit this evidence"), st.form(f"ev_form_{k}_{i}", border=False):
            st.text_input("Title", value=ev.title, key=f"ee_title_{k}_{i}", max_chars=300)
            c1, c2 = st.columns([3, 1])
            c1.text_input("Web address", value=as_text(ev.url), key=f"ee_url_{k}_{i}", placeholder="https://...")
            c2.selectbox("Strength", STRENGTHS, index=STRENGTHS.index(ev.strength), key=f"ee_strength_{k}_{i}")
            st.form_submit_button("Save the evidence", on_click=actions.save_evidence, args=(node_id, i, rev))
    with (
        st.expander("Add evidence", icon=":material/menu_book:"),
        st.form(f"add_evidence_{k}", clear_on_submit=True),
    ):
        st.text_input("Title", key="ev_title", max_chars=300, placeholder="e.g. University of Suffolk evaluation")
        st.text_input("Web address (optional)", key="ev_url", placeholder="https://...")
        st.selectbox("Strength", STRENGTHS, index=len(STRENGTHS) - 1, key="ev_strength")
        st.form_submit_button("Add the evidence", on_click=actions.add_evidence, args=(node_id,))

    with st.expander("Delete this box, or change its id", icon=":material/delete:"):
        with st.form(f"rename_{k}"):
            st.text_input(
                "Id (the box's name in the file; its label is what people read)",
                value=node.id,
                key=f"box_newid_{k}",
                max_chars=64,
            )
            st.caption(edit.rename_node_impact(fw, node_id, "the new id").replace("'the new id'", "the new id"))
            st.form_submit_button("Change the id", on_click=actions.rename_box, args=(node_id, rev))
        st.caption(md(edit.delete_node_impact(fw, node_id)))
        st.button("Delete this box", key=f"delete_{k}", on_click=actions.delete_box, args=(node_id,))


def section_links(fw: Framework, rev: int) -> None:
    if len(fw.nodes) < 2:
        st.info("Add at least two boxes before linking them.")
        return
    namer = box_namer(fw)
    ids = [n.id for n in fw.nodes]
    st.subheader("Add a link", anchor=False)
    wanted = state.take_link()
    if wanted is not None and wanted[0] in fw.node_by_id:  # another page asked for this box's links
        st.session_state["link_source"] = wanted[0]
        if wanted in fw.link_pairs:
            st.session_state["build_link"] = wanted
    elif st.session_state.get("link_source") not in fw.node_by_id:
        st.session_state["link_source"] = state.selected_node() or ids[0]
    source = st.selectbox("From (the box that contributes)", ids, format_func=namer, key="link_source")
    rank = fw.node_rank
    # later levels first: linking within a level is allowed but rarer
    targets = sorted(edit.allowed_targets(fw, source), key=lambda t: rank[t] == rank[source])
    if targets:
        with st.form("add_link", clear_on_submit=True):
            st.selectbox("To (the box it leads to)", targets, format_func=namer, key="link_target")
            st.text_area("Why it leads there (optional)", key="link_rationale", height=68)
            st.text_area("Assumptions (optional, one a line)", key="link_assumptions", height=68)
            st.selectbox("Strength of evidence", STRENGTHS, index=len(STRENGTHS) - 1, key="link_strength")
            st.form_submit_button("Add the link", type="primary", on_click=actions.add_link)
    else:
        st.warning(f"{md(namer(source))} cannot lead to any other box: see why below.")
    refused = edit.unavailable_targets(fw, source)
    with st.expander(f"Why some boxes are not offered ({len(refused)})", icon=":material/help:"):
        for node_id, reason in refused[:MAX_REASONS]:
            st.markdown(f"- {md(namer(node_id))}: {md(reason)}")
        if len(refused) > MAX_REASONS:
            st.caption(f"... and {len(refused) - MAX_REASONS} more.")

    if not fw.links:
        return
    st.subheader("Edit a link of this box", anchor=False)
    pairs = fw.link_pairs
    mine = [p for p in pairs if source in p]  # only this box's links: a long list of every link is no help
    if not mine:
        st.caption(f"{md(namer(source))} has no links yet.")
        return
    if st.session_state.get("build_link") not in mine:
        st.session_state["build_link"] = mine[0]
    pair = st.selectbox("Link to edit", mine, format_func=lambda p: f"{namer(p[0])} → {namer(p[1])}", key="build_link")
    link = fw.links[pairs.index(pair)]
    k = f"{pair[0]}_{pair[1]}_{rev}"
    with st.form(f"link_{k}"):
        st.text_area("Why it leads there", value=as_text(link.rationale), key=f"lk_rationale_{k}", height=68)
        st.text_area("Assumptions (one a line)", value=as_text(link.assumptions), key=f"lk_assumptions_{k}", height=68)
        st.selectbox("Strength of evidence", STRENGTHS, index=STRENGTHS.index(link.strength), key=f"lk_strength_{k}")
        st.form_submit_button("Save the link", type="primary", on_click=actions.save_link, args=(pair, rev))
    st.button("Delete this link", key=f"delete_link_{k}", on_click=actions.delete_link, args=(pair,))


def section_details(fw: Framework, rev: int) -> None:
    meta = fw.meta
    with st.form(f"meta_{rev}"):
        st.text_input("Title", value=meta.title, key=f"meta_title_{rev}", max_chars=200)
        c1, c2 = st.columns(2)
        c1.text_input("Organisation", value=as_text(meta.organisation), key=f"meta_org_{rev}", max_chars=200)
        c2.text_input("Area it covers", value=as_text(meta.area), key=f"meta_area_{rev}", max_chars=200)
        st.text_area("Description", value=as_text(meta.description), key=f"meta_description_{rev}", height=150)
        c1, c2 = st.columns(2)
        c1.text_area("Authors (one a line)", value=as_text(meta.authors), key=f"meta_authors_{rev}", height=80)
        c2.text_area("Tags (one a line)", value=as_text(meta.tags), key=f"meta_tags_{rev}", height=80)
        st.form_submit_button("Save the details", type="primary", on_click=actions.save_details, args=(rev,))


def section_levels(fw: Framework, rev: int) -> None:
    st.caption("Levels are the columns of the logic model, from where change starts to where it ends.")
    counts: dict[str, int] = {}
    for n in fw.nodes:
        counts[n.level] = counts.get(n.level, 0) + 1
    for i, level in enumerate(fw.levels):
        with st.container(border=True):
            st.markdown(
                f"**{i + 1}. {md(level.label)}** · holds {kind_plural(fw.level_kinds[level.id])} · "
                f"{plural(counts.get(level.id, 0), 'box', 'boxes')}"
            )
            with st.form(f"level_{level.id}_{rev}", border=False):
                c1, c2 = st.columns(2)
                c1.text_input("Label", value=level.label, key=f"lv_label_{level.id}_{rev}", max_chars=200)
                kinds = list(LEVEL_KINDS)
                c2.selectbox(
                    "Holds", kinds, index=kinds.index(fw.level_kinds[level.id]), key=f"lv_kind_{level.id}_{rev}"
                )
                st.form_submit_button(f"Save {md(level.label)}", on_click=actions.save_level, args=(level.id, rev))
            c1, c2, c3 = st.columns(3)
            c1.button(
                f"Move {md(level.label)} earlier",
                key=f"lv_up_{level.id}",
                on_click=actions.move_level,
                args=(level.id, -1),
                disabled=i == 0,
                help=md(f"Move {level.label} one column to the left"),
            )
            c2.button(
                f"Move {md(level.label)} later",
                key=f"lv_down_{level.id}",
                on_click=actions.move_level,
                args=(level.id, 1),
                disabled=i == len(fw.levels) - 1,
                help=md(f"Move {level.label} one column to the right"),
            )
            c3.button(
                f"Delete {md(level.label)}",
                key=f"lv_del_{level.id}",
                on_click=actions.delete_level,
                args=(level.id,),
                disabled=counts.get(level.id, 0) > 0,
                help=md(edit.delete_level_impact(fw, level.id)),
            )
    with st.form("add_level", clear_on_submit=True):
        st.markdown("**Add a level**")
        c1, c2, c3 = st.columns(3)
        c1.text_input("Label", key="add_level_label", max_chars=200, placeholder="e.g. Short-term outcomes")
        c2.selectbox("Holds", LEVEL_KINDS, index=LEVEL_KINDS.index("outcome"), key="add_level_kind")
        names = {lv.id: lv.label for lv in fw.levels}
        c3.selectbox(
            "After",
            [None, *names],
            index=len(names),
            key="add_level_after",
            format_func=lambda i: "At the start" if i is None else names[i],
        )
        st.form_submit_button("Add the level", on_click=actions.add_level)


def section_stakeholders(fw: Framework, rev: int) -> None:
    st.caption("Commissioners, providers, partners, funders and communities with a stake in the outcomes.")
    for s in fw.stakeholders:
        with st.container(border=True):
            with st.form(f"sh_{s.id}_{rev}", border=False):
                c1, c2 = st.columns(2)
                c1.text_input("Name", value=s.name, key=f"sh_name_{s.id}_{rev}", max_chars=200)
                c2.selectbox(
                    "Role", STAKEHOLDER_ROLES, index=STAKEHOLDER_ROLES.index(s.role), key=f"sh_role_{s.id}_{rev}"
                )
                st.form_submit_button(f"Save {md(s.name)}", on_click=actions.save_stakeholder, args=(s.id, rev))
            st.caption(md(edit.delete_stakeholder_impact(fw, s.id)))
            st.button(f"Delete {md(s.name)}", key=f"sh_del_{s.id}", on_click=actions.delete_stakeholder, args=(s.id,))
    with st.form("add_stakeholder", clear_on_submit=True):
        st.markdown("**Add a stakeholder**")
        c1, c2 = st.columns(2)
        c1.text_input("Name", key="add_sh_name", max_chars=200, placeholder="e.g. Public Health")
        c2.selectbox("Role", STAKEHOLDER_ROLES, key="add_sh_role")
        st.form_submit_button("Add the stakeholder", on_click=actions.add_stakeholder)


# --- page ------------------------------------------------------------------------------------------

fw = require_framework()
rev = state.revision()
st.title("Build", anchor=False)
st.caption(md(fw.meta.title))
with st.container(horizontal=True):
    st.button(
        "Undo",
        icon=":material/undo:",
        on_click=state.undo,
        disabled=not state.can_undo(),
        key="undo",
        help=md(f"Undo: {state.undo_what()}") if state.undo_what() else None,
    )
    st.button(
        "Redo",
        icon=":material/redo:",
        on_click=state.redo,
        disabled=not state.can_redo(),
        key="redo",
        help=md(f"Redo: {state.redo_what()}") if state.redo_what() else None,
    )
show_flash()
jump = state.jump_pending()
if jump:
    st.session_state["build_section"] = jump
section = st.radio("Section", SECTIONS, horizontal=True, key="build_section", label_visibility="collapsed")
{
    "Add boxes": section_add,
    "Edit a box": section_edit,
    "Links": section_links,
    "Details": section_details,
    "Levels": section_levels,
    "Stakeholders": section_stakeholders,
}[section](fw, rev)
