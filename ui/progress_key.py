"""The key to a diagram coloured by progress, under it on the Diagram and Present pages: each status shown,
its mark, how many boxes have it and what it means, then the rules. Reads the engine, draws; nothing else."""

from __future__ import annotations

import streamlit as st

from logicmodel.analysis.progress import BOX_RULE, RULE, box_status
from logicmodel.core.models import Framework
from logicmodel.drawing.style import progress_key
from ui.text import md, plural

__all__ = ["COLOUR_BY", "show_progress_key"]

COLOUR_BY = {"Level": False, "Progress": True}
"""The choice of how boxes are coloured, as the pages offer it: by their level, or by their indicators' status."""


def show_progress_key(fw: Framework) -> None:
    """What the colours and marks mean, for the statuses of ``fw``'s boxes; says so when none can be shown."""
    statuses = box_status(fw)
    if not statuses:
        st.info(
            "No box has an indicator yet, so no box has a status: boxes are drawn as usual. Add indicators on "
            "Build, then their measurements, to colour boxes by progress.",
            icon=":material/info:",
        )
        return
    counts: dict[str, int] = {}
    for found in statuses.values():
        counts[found.status] = counts.get(found.status, 0) + 1
    if set(counts) <= {"no data", "no target"}:
        st.info(
            "Nothing has been measured against a baseline and a target yet, so every box with indicators shows "
            "no data or no target. Bring in measurements to see what has moved.",
            icon=":material/info:",
        )
    rows = ["| On the box | Boxes | What it means |", "|---|---|---|"]
    for name, mark, meaning in progress_key(counts):
        rows.append(f"| **{md(mark.words)}** | {counts[name]} | {md(meaning)} |")
    st.markdown("\n".join(rows))
    no_status = len(fw.nodes) - len(statuses)
    st.caption(
        md(
            f"{BOX_RULE} {plural(no_status, 'box', 'boxes')} without indicators "
            f"{'is' if no_status == 1 else 'are'} drawn as usual."
        )
    )
    with st.expander("How each indicator's status is judged"):
        st.markdown(md(RULE))
