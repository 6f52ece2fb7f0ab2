"""The Compare page's forms: merge the compared framework into the open one, or start my own from it."""

from __future__ import annotations

import streamlit as st

from logicmodel.core.errors import FrameworkError
from logicmodel.core.models import Framework
from logicmodel.core.version_kinds import VersionKind
from logicmodel.editing.adapt import adapt
from logicmodel.jobs.tasks import merge_in_worker
from ui import state
from ui.forms import Keys, lines, optional
from ui.text import md, plural

__all__ = ["ADAPT", "OTHER", "draw_adapt", "draw_merge", "merge_in", "start_adapted"]

ADAPT = Keys("adapt", ("title", "organisation", "area", "authors", "leave_out"))
OTHER = "compare_other"
"""Session key of the framework the Compare page compares the open one with, and its name."""


def draw_merge() -> None:
    """The button that merges the compared framework in, and what it does."""
    with st.container(horizontal=True, vertical_alignment="center"):
        st.button(
            "Merge their boxes and links into mine", on_click=merge_in, icon=":material/merge:", key="compare_merge"
        )
        st.caption(
            "Boxes the same as yours merge; one whose id is yours but whose words differ gets a new id, and you "
            "are told. Refused, with the reasons, if the result would not be a valid framework."
        )


def draw_adapt(other: Framework, other_name: str) -> None:
    """A new framework of my own from the compared one: my details, and the boxes that do not apply here."""
    with st.expander(f"Start a new framework of my own from {md(other_name)}"), st.form("adapt", border=False):
        st.text_input("Title of my framework", key=ADAPT("title"), max_chars=200)
        c1, c2 = st.columns(2)
        c1.text_input("My organisation", key=ADAPT("organisation"), max_chars=200)
        c2.text_input("My area", key=ADAPT("area"), max_chars=200)
        st.text_area("Authors (one a line)", key=ADAPT("authors"), height=80)
        names = {n.id: f"{n.label} ({other.level_label(n.level)})" for n in other.nodes}
        st.multiselect(
            "Boxes that do not apply here (left out, with their links)",
            list(names),
            format_func=names.get,
            key=ADAPT("leave_out"),
        )
        st.caption(f"Where it came from ({md(other_name)}) is kept in the file, with today's date.")
        st.form_submit_button("Start my framework", on_click=start_adapted, type="primary")


def merge_in() -> None:
    """Bring the compared framework's boxes and links into the open one (``logicmodel.editing.merge``), saying what."""
    other, name = st.session_state.get(OTHER) or (None, "")
    fw = state.current()
    if other is None or fw is None:
        return
    try:
        merged, report = merge_in_worker(fw, other)  # in a worker with its limits: a big pair takes long
    except FrameworkError as err:
        state.flash("error", "Not merged: " + "; ".join(p.words() for p in err.found[:5]))
        return
    added = sum(1 for line in report if line.endswith(": added") or "so it is" in line)
    if state.replace(merged, f"Merged {name} in"):
        renamed = [line for line in report if "so it is" in line]
        note = f" Renamed: {'; '.join(renamed[:5])}." if renamed else ""
        state.flash("success", f"Merged {name} in: {plural(added, 'part')} added.{note}")


def start_adapted() -> None:
    """Start a new framework from the compared one (``logicmodel.editing.adapt``), with the details typed above."""
    other, name = st.session_state.get(OTHER) or (None, "")
    title = " ".join(ADAPT.text("title").split())
    if other is None:
        return
    if not title:
        state.flash("error", "Not started: type a title for your framework first.")
        return
    try:
        fw, report = adapt(
            other,
            title=title,
            organisation=optional(ADAPT.value("organisation")),
            area=optional(ADAPT.value("area")),
            authors=lines(ADAPT.value("authors")),
            leave_out=ADAPT.value("leave_out") or [],
        )
    except FrameworkError as err:
        state.flash("error", "Not started: " + "; ".join(p.words() for p in err.found[:5]))
        return
    left = f" Left out {plural(len(report), 'part')}." if report else ""
    state.open_framework(
        fw, f"Started '{title}' from {name}.{left}", summary=f"Adapted from {name}", kind=VersionKind.IMPORT
    )
