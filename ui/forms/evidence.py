"""Evidence on a box or on a link: each item edited or removed, and a new one added.

Evidence usually backs a step of the logic (a link: "walking groups raise activity in older people") more than a
box, so a link carries a list of the same shape as a box's; both count for the readiness check
``outcome-without-evidence``. One drawing serves both: ``draw`` for a box, ``draw_link`` for a link.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import streamlit as st

from logicmodel.core.models import STRENGTHS, Evidence, Framework
from logicmodel.editing import edit
from ui import state
from ui.forms import Keys, as_text, optional
from ui.forms.indicators import remove_item
from ui.text import md

__all__ = [
    "ADD",
    "EDIT",
    "LINK_ADD",
    "LINK_EDIT",
    "add",
    "add_to_link",
    "draw",
    "draw_link",
    "remove_from_link",
    "save",
    "save_on_link",
]

EDIT = Keys("ee", ("title", "url", "strength"))
"""One item's form on a box, each field keyed by its saved value: ``ee_title_{box}_{index}_{stamp}``."""
ADD = Keys("ev", ("title", "url", "strength"))
LINK_EDIT = Keys("le", ("title", "url", "strength"))
"""One item's form on a link: ``le_title_{from}_{to}_{index}_{stamp}``."""
LINK_ADD = Keys("lev", ("title", "url", "strength"))
"""Add evidence to the link being edited: ``lev_title``..."""


def draw(fw: Framework, node_id: str) -> None:
    """The box's evidence, each item with its form, then the form to add one."""
    _draw(
        fw.node_by_id[node_id].evidence,
        node_id,
        edit_keys=lambda i: EDIT.of(node_id, i),
        add_keys=ADD,
        remove=(remove_item, (node_id, "evidence")),
        save=(save, (node_id,)),
        add=(add, (node_id,)),
        what="",
    )


def draw_link(fw: Framework, pair: tuple[str, str]) -> None:
    """The link's evidence, each item with its form, then the form to add one."""
    link = fw.links[fw.link_pairs.index(pair)]
    _draw(
        link.evidence,
        f"link_{pair[0]}_{pair[1]}",
        edit_keys=lambda i: LINK_EDIT.of(*pair, i),
        add_keys=LINK_ADD,
        remove=(remove_from_link, pair),
        save=(save_on_link, pair),
        add=(add_to_link, pair),
        what=" behind this link",
    )


def _draw(
    items: Sequence[Evidence],
    suffix: str,
    *,
    edit_keys: Callable[[int], Keys],
    add_keys: Keys,
    remove: tuple[Callable[..., None], tuple[Any, ...]],
    save: tuple[Callable[..., None], tuple[Any, ...]],
    add: tuple[Callable[..., None], tuple[Any, ...]],
    what: str,
) -> None:
    st.markdown(f"**Evidence{what}**")
    if not items:
        st.caption("No evidence listed.")
    for i, ev in enumerate(items):
        cols = st.columns([5, 1])
        text = f"**{md(ev.title)}** · strength: {ev.strength}"
        if ev.url:
            text += f" · {md(ev.url)}"
        cols[0].markdown(text)
        cols[1].button(
            f"Remove evidence {i + 1}",
            key=f"rm_ev_{suffix}_{i}",
            on_click=remove[0],
            args=(*remove[1], i),
            help=md(f"Remove the evidence {ev.title}"),
        )
        k = edit_keys(i)
        with cols[0].expander("Edit this evidence"), st.form(f"ev_form_{suffix}_{i}", border=False):
            st.text_input("Title", value=ev.title, key=k("title", ev.title), max_chars=300)
            c1, c2 = st.columns([3, 1])
            c1.text_input(
                "Web address", value=as_text(ev.url), key=k("url", as_text(ev.url)), placeholder="https://..."
            )
            c2.selectbox("Strength", STRENGTHS, index=STRENGTHS.index(ev.strength), key=k("strength", ev.strength))
            st.form_submit_button("Save the evidence", on_click=save[0], args=(*save[1], i))
    with (
        st.expander(f"Add evidence{what}", icon=":material/menu_book:"),
        st.form(f"add_evidence_{suffix}", clear_on_submit=True),
    ):
        st.text_input(
            "Title", key=add_keys("title"), max_chars=300, placeholder="e.g. University of Suffolk evaluation"
        )
        st.text_input("Web address (optional)", key=add_keys("url"), placeholder="https://...")
        st.selectbox("Strength", STRENGTHS, index=len(STRENGTHS) - 1, key=add_keys("strength"))
        st.form_submit_button(f"Add the evidence{what}", on_click=add[0], args=add[1])


def _item(k: Keys) -> dict[str, str] | None:
    """The evidence a form holds, or None (with the reason said) when its title is blank."""
    title = optional(k.value("title"))
    if not title:
        state.flash("error", "Not saved: give the evidence a title (Title).")
        return None
    item = {"title": title, "strength": k.value("strength") or "unknown"}
    if optional(k.value("url")):
        item["url"] = optional(k.value("url"))
    return item


def add(node_id: str) -> None:
    node = state.current().node_by_id[node_id]
    item = _item(ADD)
    if item:
        state.apply(
            edit.update_node, node_id, evidence=[*node.evidence, item], success=f"Evidence '{item['title']}' added."
        )


def save(node_id: str, index: int) -> None:
    node = state.current().node_by_id[node_id]
    item = _item(EDIT.of(node_id, index))
    if item:
        evidence = list(node.evidence)
        evidence[index] = item
        state.apply(
            edit.update_node, node_id, evidence=evidence, success=f"Evidence '{item['title']}' saved.", summary=""
        )


def _link(source: str, target: str) -> Any:
    fw = state.current()
    return fw.links[fw.link_pairs.index((source, target))]


def add_to_link(source: str, target: str) -> None:
    item = _item(LINK_ADD)
    if item:
        evidence = [*_link(source, target).evidence, item]
        state.apply(edit.update_link, source, target, evidence=evidence, success=f"Evidence '{item['title']}' added.")


def save_on_link(source: str, target: str, index: int) -> None:
    item = _item(LINK_EDIT.of(source, target, index))
    if item:
        evidence = list(_link(source, target).evidence)
        evidence[index] = item
        state.apply(
            edit.update_link,
            source,
            target,
            evidence=evidence,
            success=f"Evidence '{item['title']}' saved.",
            summary="",
        )


def remove_from_link(source: str, target: str, index: int) -> None:
    evidence = list(_link(source, target).evidence)
    removed = evidence.pop(index)
    state.apply(edit.update_link, source, target, evidence=evidence, success=f"Removed '{removed.title}'.")
