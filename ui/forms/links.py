"""Links: pick the box a link starts from, add a link to a box the rules allow, edit or delete its links."""

from __future__ import annotations

import re

import streamlit as st

from logicmodel.core.models import STRENGTHS, Framework
from logicmodel.core.rules import EARLIER_TO_LATER
from logicmodel.editing import edit, grid
from ui import comments, state
from ui.forms import Keys, as_text, evidence, grids, lines, optional
from ui.sections import LINK, Section
from ui.text import md, plural
from ui.widgets import box_namer

__all__ = [
    "ADD",
    "EDIT",
    "MAX_COLUMNS",
    "MAX_REASONS",
    "MAX_TICKS",
    "PAIRS",
    "TAB",
    "TABS",
    "add",
    "cells",
    "delete",
    "draw",
    "save",
    "save_cells",
    "tick",
    "ticks",
]

ADD = Keys("link", ("source", "target", "rationale", "assumptions", "strength"))
"""The box links start from (``link_source``, also the box whose links are edited) and the form to add one."""
EDIT = Keys("lk", ("rationale", "assumptions", "strength"))
"""One link's form, each field keyed by its saved value: ``lk_rationale_{from}_{to}_{stamp}``."""
MAX_REASONS = 40
"""Most "why not offered" reasons listed for a link's source."""
MAX_TICKS = 150
"""Most boxes offered to tick; past this, links are added one at a time (or in the grid)."""
PAIRS = Keys("pairs", ("from", "to"))
"""The two levels linked as a grid of ticks: rows the boxes of ``pairs_from``, columns those of ``pairs_to``."""
MAX_COLUMNS = 12
"""Most boxes of the second level shown as columns: more would not fit at 1366x768."""
MAX_ROWS = 60
"""Most boxes of the first level shown as rows."""
TABS = ("From one box", "Two levels at a time", "All links as a grid")
"""Three ways to link, one tab each: the section fits a screen, and each way is in sight at its top."""
TAB = "build_links_tab"
"""Session key: the tab open (it stays open after a save)."""
WRAPPED = """<style>
.st-key-link_ticks [data-testid="stCheckbox"] label * {white-space: normal; overflow: visible; text-overflow: clip}
</style>"""
"""The boxes to tick from one box, labels in full over as many lines as they need (not cut off with "...")."""
HEADINGS = """<style>
.st-key-link_pairs [data-testid="stCaptionContainer"] p {font-size: 0.75rem; line-height: 1.3; hyphens: auto}
.st-key-link_pairs [class*="st-key-refused_"] {
  background: repeating-linear-gradient(135deg, #e4e6eb 0 6px, #eef0f3 6px 12px);
  border: 1px solid #b8bcc6; border-radius: 0.4rem; padding: 0.15rem 0.3rem; min-height: 2rem;
  justify-content: center;
}
.st-key-link_pairs [class*="st-key-refused_"] [data-testid="stCaptionContainer"] {opacity: 1}
.st-key-link_pairs [class*="st-key-refused_"] [data-testid="stCaptionContainer"] p {
  color: #31333f; font-weight: 600; font-size: 0.8rem
}
</style>"""
"""The grid of two levels: column headings in narrow columns, so smaller text broken between syllables with a
hyphen (the page is in English), not in the middle of a syllable; a cell that cannot be ticked is grey and
hatched, with no box to tick, and says why in dark text."""


def ticks(fw: Framework, source: str) -> Keys:
    """The "tick every box it leads to" form's keys: one a box ``source`` leads to or may lead to, in the
    framework's order (``tick_{box}_{source}_{stamp}``, stamped by whether it is ticked now). Drawn and read
    from the same framework, so they agree."""
    linked = {t for s, t in fw.link_pairs if s == source}
    offered = linked | set(edit.allowed_targets(fw, source))
    return Keys("tick", tuple(n.id for n in fw.nodes if n.id in offered)).of(source)


def cells(fw: Framework, source: str, target: str) -> Keys:
    """The level pair's grid of ticks: one key a cell the rules allow (``cell_{row}>{column}_{from}_{to}_{stamp}``,
    by the boxes' ids). Drawn and read from the same framework, so they agree."""
    pair = grid.level_pair(fw, source, target)
    fields = tuple(f"{r}>{c}" for r in pair.rows for c in pair.columns if (r, c) not in pair.refused)
    return Keys("cell", fields).of(source, target)


def draw(fw: Framework) -> None:
    """Choose a box; add a link from it; see why other boxes are not offered; edit or delete its links."""
    if len(fw.nodes) < 2:
        st.info("Add at least two boxes before linking them.")
        return
    if state.jump_pending() == Section.LINKS:  # another page asked for a box's links: they are on the first tab
        st.session_state[TAB] = TABS[0]
    one, two, every = st.tabs(TABS, key=TAB)
    with one:
        source = _draw_source(fw)
        ticked = _draw_ticks(fw, source)
        _draw_add(fw, source, expanded=not ticked)
        _draw_edit(fw, source)
    with two:
        _draw_pairs(fw)
    with every:
        grids.draw_links(fw)


def _draw_ticks(fw: Framework, source: str) -> bool:
    """Tick every box the chosen box leads to, level by level; boxes the rules refuse are shown, not tickable,
    with the reason on them. False when there is nothing to tick, or too much (then links are added one by one)."""
    k = ticks(fw, source)
    if not k.fields or len(k.fields) > MAX_TICKS:
        return False
    linked = {t for s, t in fw.link_pairs if s == source}
    refused = dict(edit.unavailable_targets(fw, source))
    rank, own = fw.level_rank, fw.node_by_id[source].level
    later = [lv for lv in fw.levels if rank[lv.id] >= rank[own]]
    shown = 0
    st.html(WRAPPED)
    with st.container(key="link_ticks"), st.form(f"tick_{source}"):
        st.markdown(f"**Tick every box {md(fw.node_by_id[source].label)} leads to**")
        columns = st.columns(len(later))
        for column, level in zip(columns, later, strict=True):
            column.caption(md(level.label))
            for node in fw.nodes:
                if node.level != level.id or node.id == source:
                    continue
                if node.id in k.fields:
                    column.checkbox(md(node.label), value=node.id in linked, key=k(node.id, node.id in linked))
                elif node.id in refused and shown < MAX_REASONS:
                    shown += 1
                    column.checkbox(
                        md(node.label),
                        value=False,
                        disabled=True,
                        key=f"untickable_{node.id}_{source}",
                        help=md(f"Not offered: {refused[node.id]}"),
                    )
        if rank[own] > 0:
            st.caption(f"Boxes at earlier levels are not offered: {EARLIER_TO_LATER}.")
        st.form_submit_button("Save the ticked links", type="primary", on_click=tick, args=(source,))
    return True


def _draw_pairs(fw: Framework) -> None:
    """Two levels as a grid of ticks: a row a box of the first, a column a box of the second, ticked where a
    link runs. Saved as one checked batch (one undo step); cells the rules refuse are shown, not tickable."""
    ids, names = fw.level_ids, {lv.id: lv.label for lv in fw.levels}
    if st.session_state.get(PAIRS("from")) not in ids:
        st.session_state[PAIRS("from")] = ids[0]
    c1, c2 = st.columns(2)
    source = c1.selectbox(
        "Rows: the boxes of", ids, format_func=names.__getitem__, key=PAIRS("from"), on_change=_next_level
    )
    later = ids[ids.index(source) :]
    if st.session_state.get(PAIRS("to")) not in later:
        st.session_state[PAIRS("to")] = later[min(1, len(later) - 1)]
    target = c2.selectbox("Columns: the boxes they lead to, at", later, format_func=names.__getitem__, key=PAIRS("to"))
    pair = grid.level_pair(fw, source, target)
    if not pair.rows or not pair.columns:
        empty = names[source] if not pair.rows else names[target]
        st.info(f"No boxes at {md(empty)} yet: add them in Add boxes.")
        return
    if len(pair.columns) > MAX_COLUMNS or len(pair.rows) > MAX_ROWS:
        st.info(
            f"{len(pair.rows)} × {len(pair.columns)} boxes are too many to tick as a grid here: tick from one box "
            "above, or paste the links into the grid below."
        )
        return
    label = {n.id: n.label for n in fw.nodes}
    k = cells(fw, source, target)
    widths = [2.5] + [1] * len(pair.columns)
    st.html(HEADINGS)
    st.caption(
        "Tick where a box of the row leads to the box of the column; untick to remove a link. Saving applies "
        "every change at once, checked as a whole; Undo takes it back."
    )
    refused = 0
    with st.container(key="link_pairs"), st.form(f"pairs_{source}_{target}"):
        header = st.columns(widths, gap="xsmall", vertical_alignment="bottom")
        header[0].markdown(f"**{md(names[source])}** leads to …")
        for column, c in zip(header[1:], pair.columns, strict=True):
            column.caption(_breakable(md(label[c])))
        for r in pair.rows:
            row = st.columns(widths, gap="xsmall", vertical_alignment="center")
            row[0].markdown(md(label[r]))
            for column, c in zip(row[1:], pair.columns, strict=True):
                words = md(f"{label[r]} leads to {label[c]}")
                if (r, c) in pair.refused:  # no box to tick: a grey cell saying why, the whole reason on hover
                    refused += 1
                    column.container(key=f"refused_{refused}").caption(
                        md(pair.in_short((r, c))),
                        help=None if r == c else md(f"{label[r]} cannot lead to {label[c]}: {pair.refused[(r, c)]}"),
                    )
                else:
                    column.checkbox(
                        words,
                        value=(r, c) in pair.linked,
                        key=k(f"{r}>{c}", (r, c) in pair.linked),
                        label_visibility="collapsed",
                    )
        if any(r != c for r, c in pair.refused):
            st.caption(
                "Grey cells cannot be ticked, and say why: a box cannot lead to itself, nor to a box that already "
                "leads back to it (point at its question mark to see through which box)."
            )
        elif pair.refused:
            st.caption("Grey cells cannot be ticked: a box cannot lead to itself.")
        st.form_submit_button(
            "Save the ticks between the levels", type="primary", on_click=save_cells, args=(source, target)
        )


def _breakable(text: str) -> str:
    """Words too long for a narrow column with a soft hyphen in the middle: "volunt-eering", not "volunteerin g".

    >>> _breakable("Young volunteering leaders") == "Young volunt\u00adeering leaders"
    True
    """
    return re.sub(r"\w{11,}", lambda m: m[0][: len(m[0]) // 2] + "\u00ad" + m[0][len(m[0]) // 2 :], text)


def _next_level() -> None:
    """Another first level chosen: the second becomes the one after it (the pair a lead links next)."""
    st.session_state.pop(PAIRS("to"), None)


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


def _draw_add(fw: Framework, source: str, *, expanded: bool) -> None:
    namer = box_namer(fw)
    rank = fw.node_rank
    # later levels first: linking within a level is allowed but rarer
    targets = sorted(edit.allowed_targets(fw, source), key=lambda t: rank[t] == rank[source])
    if targets:
        with (
            st.expander("Add one link, with why it leads there", icon=":material/add_link:", expanded=expanded),
            st.form("add_link", clear_on_submit=True),
        ):
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


def _draw_edit(fw: Framework, source: str) -> None:
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
    k = EDIT.of(pair[0], pair[1])
    why, assumptions = as_text(link.rationale), as_text(link.assumptions)
    with st.form(f"link_{pair[0]}_{pair[1]}"):
        st.text_area("Why it leads there", value=why, key=k("rationale", why), height=68)
        st.text_area("Assumptions (one a line)", value=assumptions, key=k("assumptions", assumptions), height=68)
        st.selectbox(
            "Strength of evidence",
            STRENGTHS,
            index=STRENGTHS.index(link.strength),
            key=k("strength", link.strength),
        )
        st.form_submit_button("Save the link", type="primary", on_click=save, args=(pair,))
    st.button("Delete this link", key=f"delete_link_{pair[0]}_{pair[1]}", on_click=delete, args=(pair,))
    evidence.draw_link(fw, pair)
    comments.beside(fw, link=pair)


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


def save(pair: tuple[str, str]) -> None:
    k = EDIT.of(pair[0], pair[1])
    state.apply(
        edit.update_link,
        *pair,
        rationale=optional(k.value("rationale")),
        assumptions=lines(k.value("assumptions")),
        strength=k.value("strength") or "unknown",
        success="Link saved.",
        summary="",
    )


def tick(source: str) -> None:
    """Save the ticks: ``source`` leads to exactly the boxes ticked, in one edit (one undo step)."""
    fw = state.current()
    k = ticks(fw, source)
    wanted = [t for t in k.fields if k.value(t)]
    linked = [t for s, t in fw.link_pairs if s == source]
    label = {n.id: n.label for n in fw.nodes}
    added = [label[t] for t in wanted if t not in linked]
    removed = [label[t] for t in linked if t not in wanted]
    if not added and not removed:
        state.flash("info", "No change: the ticks are as the links were.")
        return
    words = [f"now leads to {', '.join(repr(x) for x in added)}"] if added else []
    words += [f"no longer leads to {', '.join(repr(x) for x in removed)}"] if removed else []
    state.apply(grid.link_to, source, wanted, success=f"'{label[source]}' {' and '.join(words)}.")


def save_cells(source: str, target: str) -> None:
    """Save the grid of ticks between two levels: the links between them become exactly the ticked cells, in
    one checked edit (one undo step), or none of it with the reasons."""
    fw = state.current()
    k = cells(fw, source, target)
    pair = grid.level_pair(fw, source, target)
    ticked = [tuple(field.split(">")) for field in k.fields if k.value(field)]
    added = sum(1 for cell in ticked if cell not in pair.linked)
    removed = sum(1 for cell in pair.linked if cell not in ticked)
    if not added and not removed:
        state.flash("info", "No change: the ticks are as the links were.")
        return
    words = " and ".join(
        w
        for w in (
            f"{plural(added, 'link')} added" if added else "",
            f"{plural(removed, 'link')} removed" if removed else "",
        )
        if w
    )
    between = f"{fw.level_label(source)} → {fw.level_label(target)}"
    state.apply(
        grid.link_level_pair, source, target, ticked, success=f"{between}: {words}.", hint="Undo takes it back."
    )


def delete(pair: tuple[str, str]) -> None:
    namer = box_namer(state.current())
    state.apply(edit.delete_link, *pair, success=f"Removed the link {namer(pair[0])} → {namer(pair[1])}.")
