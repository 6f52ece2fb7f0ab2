"""Links: pick the box a link starts from, add a link to a box the rules allow, edit or delete its links."""

from __future__ import annotations

import streamlit as st

from logicmodel import edit
from logicmodel.models import STRENGTHS, Framework
from ui import state
from ui.forms import Keys, as_text, lines, optional
from ui.sections import LINK
from ui.text import md
from ui.widgets import box_namer

__all__ = ["ADD", "EDIT", "MAX_REASONS", "add", "delete", "draw", "save"]

ADD = Keys("link", ("source", "target", "rationale", "assumptions", "strength"))
"""The box links start from (``link_source``, also the box whose links are edited) and the form to add one."""
EDIT = Keys("lk", ("rationale", "assumptions", "strength"))
"""One link's form: ``lk_rationale_{from}_{to}_{rev}``."""
MAX_REASONS = 40
"""Most "why not offered" reasons listed for a link's source."""


def draw(fw: Framework, rev: int) -> None:
    """Choose a box; add a link from it; see why other boxes are not offered; edit or delete its links."""
    if len(fw.nodes) < 2:
        st.info("Add at least two boxes before linking them.")
        return
    source = _draw_source(fw)
    _draw_add(fw, source)
    _draw_edit(fw, source, rev)


def _draw_source(fw: Framework) -> str:
    namer = box_namer(fw)
    ids = [n.id for n in fw.nodes]
    st.subheader("Add a link", anchor=False)
    wanted = state.take_link()
    if wanted is not None and wanted[0] in fw.node_by_id:  # another page asked for this box's links
        st.session_state[ADD("source")] = wanted[0]
        if wanted in fw.link_pairs:
            st.session_state[LINK] = wanted
    elif st.session_state.get(ADD("source")) not in fw.node_by_id:
        st.session_state[ADD("source")] = state.selected_node() or ids[0]
    return st.selectbox("From (the box that contributes)", ids, format_func=namer, key=ADD("source"))


def _draw_add(fw: Framework, source: str) -> None:
    namer = box_namer(fw)
    rank = fw.node_rank
    # later levels first: linking within a level is allowed but rarer
    targets = sorted(edit.allowed_targets(fw, source), key=lambda t: rank[t] == rank[source])
    if targets:
        with st.form("add_link", clear_on_submit=True):
            st.selectbox("To (the box it leads to)", targets, format_func=namer, key=ADD("target"))
            st.text_area("Why it leads there (optional)", key=ADD("rationale"), height=68)
            st.text_area("Assumptions (optional, one a line)", key=ADD("assumptions"), height=68)
            st.selectbox("Strength of evidence", STRENGTHS, index=len(STRENGTHS) - 1, key=ADD("strength"))
            st.form_submit_button("Add the link", type="primary", on_click=add)
    else:
        st.warning(f"{md(namer(source))} cannot lead to any other box: see why below.")
    refused = edit.unavailable_targets(fw, source)
    with st.expander(f"Why some boxes are not offered ({len(refused)})", icon=":material/help:"):
        for node_id, reason in refused[:MAX_REASONS]:
            st.markdown(f"- {md(namer(node_id))}: {md(reason)}")
        if len(refused) > MAX_REASONS:
            st.caption(f"... and {len(refused) - MAX_REASONS} more.")


def _draw_edit(fw: Framework, source: str, rev: int) -> None:
    if not fw.links:
        return
    namer = box_namer(fw)
    st.subheader("Edit a link of this box", anchor=False)
    pairs = fw.link_pairs
    mine = [p for p in pairs if source in p]  # only this box's links: a long list of every link is no help
    if not mine:
        st.caption(f"{md(namer(source))} has no links yet.")
        return
    if st.session_state.get(LINK) not in mine:
        st.session_state[LINK] = mine[0]
    pair = st.selectbox("Link to edit", mine, format_func=lambda p: f"{namer(p[0])} → {namer(p[1])}", key=LINK)
    link = fw.links[pairs.index(pair)]
    k = EDIT.of(pair[0], pair[1], rev)
    with st.form(f"link_{pair[0]}_{pair[1]}_{rev}"):
        st.text_area("Why it leads there", value=as_text(link.rationale), key=k("rationale"), height=68)
        st.text_area("Assumptions (one a line)", value=as_text(link.assumptions), key=k("assumptions"), height=68)
        st.selectbox("Strength of evidence", STRENGTHS, index=STRENGTHS.index(link.strength), key=k("strength"))
        st.form_submit_button("Save the link", type="primary", on_click=save, args=(pair, rev))
    st.button("Delete this link", key=f"delete_link_{pair[0]}_{pair[1]}_{rev}", on_click=delete, args=(pair,))


def add() -> None:
    source, target = ADD.value("source"), ADD.value("target")
    if not source or not target:
        state.flash("error", "Not added: choose the box the link starts from and the box it leads to.")
        return
    namer = box_namer(state.current())
    state.apply(
        edit.add_link,
        {
            "source": source,
            "target": target,
            "rationale": optional(ADD.value("rationale")),
            "assumptions": lines(ADD.value("assumptions")),
            "strength": ADD.value("strength") or "unknown",
        },
        success=f"Linked {namer(source)} → {namer(target)}.",
    )


def save(pair: tuple[str, str], rev: int) -> None:
    k = EDIT.of(pair[0], pair[1], rev)
    state.apply(
        edit.update_link,
        *pair,
        rationale=optional(k.value("rationale")),
        assumptions=lines(k.value("assumptions")),
        strength=k.value("strength") or "unknown",
        success="Link saved.",
        summary="",
    )


def delete(pair: tuple[str, str]) -> None:
    namer = box_namer(state.current())
    state.apply(edit.delete_link, *pair, success=f"Removed the link {namer(pair[0])} → {namer(pair[1])}.")
