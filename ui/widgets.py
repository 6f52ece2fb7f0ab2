"""Widgets every page shares: queued messages, the "nothing open" notice, box names for pickers."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from logicmodel.core.errors import FrameworkError
from logicmodel.core.models import Framework
from logicmodel.core.wording import problem_lines
from ui import author, saving, state
from ui.text import md

__all__ = ["box_namer", "require_framework", "show_flash", "show_problems"]

_SHOW = {"success": st.success, "info": st.info, "warning": st.warning, "error": st.error}


_TOAST_ICONS = {"success": ":material/check_circle:", "info": ":material/info:", "error": ":material/error:"}
_TOAST_CHARS = 160


def show_flash() -> None:
    """Show the messages queued by the last action (an edit applied, refused, undone...), and a clash.

    Each is shown at the top of the page and, since the button that caused it may be far down the page,
    also as a short toast in view. While a change could not be saved because someone else saved first,
    every page says so here, with the ways out (``ui.saving.show_clash``). A name just given is written to
    its cookie here too, since every page comes this way once per run.

    All of it sits in one container drawn on every run, shown or empty: a message there on one run and not
    the next would otherwise shift what follows it, and Streamlit would make the diagram's frame below afresh
    (drawn again, its zoom and pick lost) on a run that changed nothing it shows.
    """
    with st.container():
        author.write_cookie()
        saving.show_clash()
        for kind, text in state.pop_flash():
            _SHOW.get(kind, st.info)(md(text))
            short = text if len(text) <= _TOAST_CHARS else text[: _TOAST_CHARS - 1] + "…"
            st.toast(md(short), icon=_TOAST_ICONS.get(kind, ":material/warning:"))


def undo_redo_buttons(prefix: str = "") -> None:
    """Undo and Redo side by side, each saying what it would take back or bring back (keys ``{prefix}undo``,
    ``{prefix}redo``): Build's and Case's, one pair of buttons."""
    with st.container(horizontal=True):
        for label, step, can, what in (
            ("Undo", state.undo, state.can_undo(), state.undo_what()),
            ("Redo", state.redo, state.can_redo(), state.redo_what()),
        ):
            st.button(
                label,
                icon=f":material/{label.lower()}:",
                on_click=step,
                disabled=not can,
                key=f"{prefix}{label.lower()}",
                help=md(f"{label}: {what}") if what else None,
            )


def require_framework() -> Framework:
    """The open framework; if there is none, say how to start one and stop drawing the page."""
    fw = state.current()
    if fw is None:
        st.info("No framework is open yet. Start a new one, open a sample or import a file on Home.")
        st.page_link("app_pages/home.py", label="Go to Home", icon=":material/home:")
        st.stop()
    return fw


def show_problems(err: FrameworkError, heading: str) -> None:
    """The engine's problems as one error box: the first few, one a line, boxes named by their labels,
    then how many more."""
    lines = "\n".join(f"- {md(line)}" for line in problem_lines(err.found, err.hidden))
    st.error(f"{md(heading)}\n\n{lines}", icon=":material/error:")


def box_namer(fw: Framework) -> Callable[[str], str]:
    """A ``format_func`` for pickers of box ids: "label (level)", built once per framework."""
    names = fw.cached(
        "ui_box_names",
        lambda f: {n.id: f"{n.label} ({f.level_label(n.level)})" for n in f.nodes},
    )
    return lambda node_id: names.get(node_id, node_id)
