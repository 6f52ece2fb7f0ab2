"""Compare: how another framework (a sample, or a file from a neighbouring council) differs from the open one.

The engine matches the boxes (by id, then by label) and lists what changed (``logicmodel.analysis.diff``); the page
shows it as a table and on the diagram, added, removed and changed boxes marked apart, with a legend. From here the
other framework's boxes can be merged into the open one (``logicmodel.editing.merge``).
"""

from __future__ import annotations

import hashlib

import streamlit as st

from logicmodel import formats
from logicmodel.analysis.diff import change_marks, table_rows, union
from logicmodel.analysis.marks import CHANGE_MARKS
from logicmodel.core import samples as gallery
from logicmodel.core.errors import FrameworkError
from logicmodel.core.limits import MAX_FILE_MB
from logicmodel.core.models import Framework
from logicmodel.drawing.diagram import DEFAULT_HEIGHT, diagram_html, fingerprint
from logicmodel.jobs.tasks import Comparison, compare_in_worker
from logicmodel.jobs.worker import WorkStopped
from ui import sharing
from ui.forms import compare as compare_forms
from ui.text import md, plural
from ui.widgets import require_framework, show_flash, show_problems

SOURCE = {"sample": "A sample", "file": "A file"}
COMPARED = "compare_result"
"""Session key of the last comparison made: (what was compared, the comparison or why it could not be made)."""


@st.cache_data(max_entries=8, show_spinner="Drawing the changes…")
def cached_diagram(key: tuple, _union: Framework, marks: tuple) -> str:
    """The diagram of both frameworks with the changes marked, cached on the two frameworks' content."""
    return diagram_html(_union, marks=marks, height=DEFAULT_HEIGHT)


def other_framework() -> tuple[Framework | tuple[str, bytes] | None, str, str]:
    """What to compare with, as chosen on the page (a sample's framework, or an uploaded file's name and bytes,
    read in the worker), its name and what identifies it; None until one is chosen."""
    source = st.radio("Compare with", list(SOURCE), format_func=SOURCE.get, horizontal=True, key="compare_source")
    if source == "sample":
        choices = {s.name: s.title for s in gallery.samples()}
        name = st.selectbox("Sample", list(choices), format_func=choices.get, key="compare_sample")
        found = gallery.find(name) if name else None
        return (found.load(), found.title, f"sample {found.name}") if found else (None, "", "")
    uploaded = st.file_uploader(
        f"Framework file ({', '.join(formats.extensions())})",
        type=[ending.removeprefix(".") for ending in formats.extensions()],
        key="compare_file",
        max_upload_size=MAX_FILE_MB,
    )
    if uploaded is None:
        return None, "", ""
    data = uploaded.getvalue()
    return (uploaded.name, data), uploaded.name, f"file {uploaded.name} {hashlib.sha256(data).hexdigest()}"


def comparison(fw: Framework, other: Framework | tuple[str, bytes], name: str, key: str) -> Comparison | None:
    """How the open framework differs from the other, made in a worker with its limits once for each pair
    (redrawing the page does not read or compare again); None, saying why, when it cannot be made."""
    pair = (fingerprint(fw), key)
    held = st.session_state.get(COMPARED)
    if held is None or held[0] != pair:
        try:
            held = (pair, compare_in_worker(fw, other))
        except FrameworkError as err:
            held = (pair, err)
        st.session_state[COMPARED] = held
    found = held[1]
    if isinstance(found, WorkStopped):
        st.error(md(f"Nothing to compare: {found.found[0].message}"), icon=":material/error:")
        return None
    if isinstance(found, FrameworkError):
        show_problems(found, f"{name} could not be read, so there is nothing to compare:")
        return None
    return found


fw = require_framework()
st.title("Compare", anchor=False)
st.caption(md(fw.meta.title))
show_flash()
st.markdown(
    "See how another framework differs from the open one: a neighbouring council's, or last year's. Boxes are "
    "matched by id, then by the same or a similar label; the table says which rule matched each pair."
)
chosen, other_name, chosen_key = other_framework()
found = comparison(fw, chosen, other_name, chosen_key) if chosen is not None else None
if found is None:
    st.stop()

other, diff = found.other, found.diff
st.session_state[compare_forms.OTHER] = (other, other_name)
if diff.is_empty():
    st.success(f"{md(other_name)} is the same framework as the open one.", icon=":material/check:")
    st.stop()

st.subheader("The changes", anchor=False)
st.markdown(f"From the open framework to {md(other_name)}: {diff.in_words() or 'no changes'}.")
if diff.unchecked:
    st.info(
        f"{plural(diff.unchecked, 'box', 'boxes')} could not be compared by similar labels (too many long labels to "
        "compare in reasonable time): some shown as removed and added may be the same box renamed.",
        icon=":material/info:",
    )
st.dataframe(table_rows(diff, fw, other), hide_index=True, width="stretch")

st.subheader("On the diagram", anchor=False)
legend = {
    "added": ":green-background[**+ added**] (only in {other})",
    "removed": ":red-background[**− removed**] (only in the open one, dashed border)",
    "changed": ":orange-background[**~ changed**]",
}
st.markdown(
    "  ".join(text.format(other=md(other_name)) for kind, text in legend.items() if kind in CHANGE_MARKS)
    + f"  \nDrawn: {md(other_name)}, with the boxes it does not have put back, so every change shows."
)
both = union(fw, other, diff)
marks = change_marks(diff)
page = cached_diagram((fingerprint(fw), fingerprint(other)), both, marks)
st.iframe(page, height=DEFAULT_HEIGHT + 4, alt=f"Diagram of the changes from {fw.meta.title} to {other_name}")
st.caption(f"{plural(len(both.nodes), 'box', 'boxes')} drawn, {plural(len(marks), 'box', 'boxes')} marked.")

st.subheader("Adopt the useful parts", anchor=False)
if not sharing.view_only():  # a viewer or a commenter may start their own from it, never merge into this one
    compare_forms.draw_merge()
compare_forms.draw_adapt(other, other_name)
