"""What the app says about saving: when the open framework was saved, under whose name, and a clash.

Every page shows these: the sidebar's "Saved 2 minutes ago as version 14" and the name saves are recorded
under (``app.py``), and, when someone else saved first, the message that says who changed what, with
"Reload theirs" and "Keep mine as a copy" (at the top of each page, with its other messages).
"""

from __future__ import annotations

from datetime import UTC, datetime

import streamlit as st

from logicmodel.core.wording import ago
from ui import author, state
from ui.text import md, plural

__all__ = ["MAX_LISTED", "ask_name", "show_clash", "show_saved"]

MAX_LISTED = 12
"""Most changes listed one by one in a message; the rest are counted."""


def show_saved() -> None:
    """The sidebar's line about the open framework's last save, with a link to its history."""
    saved = state.last_saved()
    if saved is None:
        return
    version, when, by = saved
    line = f"Saved {ago(when, datetime.now(UTC))} as version {version}"
    if by != author.name():
        line += f" by {md(by)}"
    st.caption(line)
    st.page_link("app_pages/history.py", label="History of this framework", icon=":material/history:")


def _save_name() -> None:
    if not author.remember(st.session_state.get("author_input", "")):
        state.flash("error", "Type your name first: it is shown beside each change you save.")


def ask_name() -> None:
    """Ask for the name saves are recorded under, once per browser; once given, say it and let it change."""
    if author.named():
        with st.popover(f"Saving as {md(author.name())}", icon=":material/person:", width="stretch"):
            _name_form("Change the name", "Save the name")
        return
    with st.container(border=True):
        st.markdown("**Who is editing?**")
        st.caption("Your name is shown beside each change you save, in the framework's history.")
        _name_form("Your name", "Save my name")


def _name_form(label: str, button: str) -> None:
    with st.form(f"author_{button}", border=False, enter_to_submit=True):
        st.text_input(label, key="author_input", max_chars=100, placeholder="e.g. Sam Patel, Active Slough")
        st.form_submit_button(button, on_click=_save_name)


def show_clash() -> None:
    """When the last change could not be saved because someone else saved first: who, what, and two ways out."""
    clash = state.conflict()
    if clash is None:
        return
    title = md(clash.mine.meta.title)
    with st.container(border=True):
        if clash.theirs is None:
            st.error(
                f"**Not saved:** '{title}' was moved to the bin since you opened it. Nothing was overwritten. "
                f"Your change ({md(clash.what)}) is still on screen: keep it as a copy.",
                icon=":material/sync_problem:",
            )
        else:
            theirs = clash.theirs
            names = list(dict.fromkeys(v.author for v in clash.since)) or [theirs.updated_by]
            who = ", ".join(md(n) for n in names)
            st.error(
                f"**Not saved: {who} changed '{title}' since you opened it** "
                f"(now version {theirs.version}, saved {ago(theirs.updated_at, datetime.now(UTC))}). "
                f"Nothing was overwritten. Your change ({md(clash.what)}) is still on screen.",
                icon=":material/sync_problem:",
            )
            lines = clash.their_changes()
            if lines:
                st.markdown(f"What {'they' if len(names) > 1 else who} changed:")
                shown = "\n".join(f"- {md(line)}" for line in lines[:MAX_LISTED])
                if len(lines) > MAX_LISTED:
                    shown += f"\n- ... and {plural(len(lines) - MAX_LISTED, 'more change')}"
                st.markdown(shown)
        with st.container(horizontal=True):
            if clash.theirs is not None:
                st.button(
                    "Reload theirs",
                    on_click=state.reload_theirs,
                    icon=":material/refresh:",
                    key="clash_reload",
                    help="Open the framework as it is saved now; your change is dropped.",
                )
            st.button(
                "Keep mine as a copy",
                on_click=state.keep_mine_as_copy,
                icon=":material/file_copy:",
                type="primary",
                key="clash_copy",
                help="Save the framework with your change as a new framework in the library, and open it.",
            )
