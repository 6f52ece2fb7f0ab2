"""The box (or link) selected, and the Build section another page asked to jump to."""

from __future__ import annotations

import streamlit as st

from ui.sections import Section
from ui.state.session import JUMP, JUMP_LINK, SELECTED, current

__all__ = ["jump_pending", "select_link", "select_node", "selected_node", "take_link", "take_selection"]


def select_node(node_id: str | None, *, jump: bool = False) -> None:
    """Make ``node_id`` the box Build shows; with ``jump``, Build also opens its Edit a box section."""
    st.session_state[SELECTED] = node_id
    if jump:
        st.session_state[JUMP] = node_id


def selected_node() -> str | None:
    """The box last selected (on Build, Check or the diagram), if it still exists."""
    fw = current()
    node_id = st.session_state.get(SELECTED)
    return node_id if fw is not None and node_id in fw.node_by_id else None


def take_selection() -> str | None:
    """The box another page asked Build to jump to, once (then forgotten)."""
    return st.session_state.pop(JUMP, None)


def select_link(source: str, target: str | None = None) -> None:
    """Ask Build to open its Links section from ``source``: on its link to ``target``, or to add one."""
    st.session_state[SELECTED] = source
    st.session_state[JUMP_LINK] = (source, target)


def take_link() -> tuple[str, str | None] | None:
    """The link another page asked Build to show, once (then forgotten)."""
    return st.session_state.pop(JUMP_LINK, None)


def jump_pending() -> Section | None:
    """The Build section another page asked for (Edit a box or Links), or None."""
    if st.session_state.get(JUMP_LINK) is not None:
        return Section.LINKS
    if st.session_state.get(JUMP) is not None:
        return Section.EDIT
    return None
