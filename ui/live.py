"""Live in the sidebar: who else has the open framework open, and others' saves shown as they happen.

``panel`` is a fragment that reruns on its own every ``POLL_S`` seconds (only itself, not the page) and asks
``ui.state.live.beat``; when that loads a newer version it reruns the whole page, so the diagram, grids and
forms draw it, and ``show_news`` says who changed what, once, as a toast. On a full run of the app it is drawn
before the page, so there the beat leaves saying "I am here" to ``ui.state.live.after_page``, after the page.
The fragment also holds the browser's watcher of typing (``ui.typing_watch``), whose reports rerun only the
fragment: what it says keeps the fields being typed into under their keys (``ui.state.fields``), so the
typing survives the newer version.
"""

from __future__ import annotations

import streamlit as st

from ui import state
from ui.state import live
from ui.text import md
from ui.typing_watch import watch

__all__ = ["panel", "show_news"]


def also_here() -> str:
    """ "Also here: Sam (Diagram), Priya (Build)", or "" when no one else is."""
    others = live.present()
    if not others:
        return ""
    return "Also here: " + ", ".join(f"{md(p.name)} ({md(p.page)})" for p in others)


@st.fragment(run_every=live.POLL_S)
def panel(page: str) -> None:
    """Who else is here; loads others' saves (keeping what is typed, as the watcher says), or says one is
    waiting while a grid holds an unsaved change."""
    reported = watch()  # a run for the watcher's report asks the library nothing: the timer's next look does
    if not reported and live.beat(page):
        st.rerun(scope="app")
    line = also_here()
    if line:
        st.caption(line, help="Everyone with this framework open now, and the page each is on.")
    latest = live.waiting()
    if latest is not None and state.conflict() is None:
        st.caption(
            f"{md(latest.author)} saved a newer version (version {latest.version}). It is not shown yet, so that "
            "the change in your grid is not lost; if your change and theirs clash, you will be asked which to keep."
        )
        st.button(
            "Show their version",
            on_click=live.show_waiting,
            icon=":material/sync:",
            key="live_show_waiting",
            help="Load the newer version now: the grid's change not yet applied is dropped.",
        )


def show_news() -> None:
    """Say once, as a toast, who changed what in the version just loaded.

    In a container drawn on every run: a toast takes a place among the page's elements, and one there on one
    run only would shift every element after it, so that Streamlit made the diagram's frame afresh."""
    text = live.news()
    with st.container():
        if text:
            st.toast(md(text), icon=":material/sync:")
