"""Build: edit the framework's details, levels, stakeholders, boxes and links, with undo and redo.

The model lives in session state; every change is an explicit edit from ``logicmodel.editing.edit`` applied by a
button's callback (``ui.state.apply``), checked before it is kept, and refused with the reason otherwise.
Each form is a module of ``ui.forms`` that draws it, reads it and owns its keys; this page lays them out.
"""

from __future__ import annotations

import streamlit as st

from logicmodel.core.models import Framework
from ui import sharing, state
from ui.forms import boxes, details, grids, levels, links, stakeholders
from ui.sections import SECTION, Section
from ui.tables import boxes_csv
from ui.text import md, slug
from ui.widgets import require_framework, show_flash, undo_redo_buttons


def section_add(fw: Framework) -> None:
    boxes.draw_add(fw)
    boxes.draw_library(fw)
    st.subheader("All boxes", anchor=False)
    if not fw.nodes:
        st.info("No boxes yet: add the first activity or outcome above, or paste rows into the grid below.")
    as_grid, overview = st.tabs(["Edit as a grid", "Pick a box to edit"])
    with as_grid:
        grids.draw_boxes(fw)
    with overview:
        st.caption("Select a box's row to edit it: its indicators, cohorts, cost, reach and evidence are there.")
        boxes.draw_overview(fw)
    if not fw.nodes:
        return
    st.download_button(
        "Download all boxes (CSV)",
        data=sharing.guarded(lambda: boxes_csv(fw)),  # made, and access asked, when clicked
        file_name=f"{slug(fw.meta.title)}-boxes.csv",
        mime="text/csv",
        on_click="ignore",
        icon=":material/download:",
        key="download_boxes_csv",
        help="To open in a spreadsheet. Text that starts with `=`, `+`, `-` or `@` gets a `'` in front, so the "
        "spreadsheet shows it rather than running it as a formula.",
    )


DRAW = {
    Section.ADD: section_add,
    Section.EDIT: boxes.draw_edit,
    Section.LINKS: links.draw,
    Section.DETAILS: details.draw,
    Section.LEVELS: levels.draw,
    Section.STAKEHOLDERS: stakeholders.draw,
}
"""What each section draws, given the framework (its forms' fields are keyed by the saved values they show)."""

# --- page ------------------------------------------------------------------------------------------

fw = require_framework()
st.title("Build", anchor=False)
st.caption(md(fw.meta.title))
undo_redo_buttons("")
show_flash()
jump = state.jump_pending()
if jump:
    st.session_state[SECTION] = jump
section = st.radio("Section", list(Section), horizontal=True, key=SECTION, label_visibility="collapsed")
DRAW[Section(section)](fw)
