"""The boxes and the links as editable grids: change cells, add or delete rows, paste rows from a spreadsheet.

A change to a grid is one batch (``logicmodel.editing.grid``): checked by the engine as a whole, applied whole as one
edit (one undo step), or refused whole with each problem at its row and column, shown under the grid while the
grid still holds what the lead typed, so they can put it right.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from logicmodel.core.errors import FrameworkError
from logicmodel.core.level_names import LevelNames
from logicmodel.core.models import STRENGTHS, Framework
from logicmodel.core.wording import problem_line
from logicmodel.editing import grid
from ui import state
from ui.forms import Keys
from ui.state import fields
from ui.text import md

__all__ = ["BOXES", "LINKS", "MAX_ROWS_SHOWN", "PASTE_HINT", "PROBLEMS", "apply", "draw_boxes", "draw_links"]

BOXES = Keys("grid", ("boxes",))
"""The box grid, keyed by the rows it shows (``grid_boxes_{stamp}``): applied, or changed by someone else, it
starts afresh; a grid holding a refused change keeps it while the rows are unchanged."""
LINKS = Keys("grid", ("links",))
"""The link grid: ``grid_links_{stamp}``."""
PROBLEMS = "grid_problems"
"""Session key: the grid key whose last batch was refused, and the problems, one a line."""
MAX_ROWS_SHOWN = 100
"""Rows a grid shows before it scrolls inside: every sample's boxes and links fit."""
ROW_PX, HEADER_PX = 35, 38
"""One line a row (the grid does not wrap text: a long label shows in full when its cell is chosen)."""
# Column widths (pixels) add up to what fits beside the sidebar at 1366x768: no column is cut off.


PASTE_HINT = (
    "To paste rows copied from a spreadsheet, click any cell (or the empty row at the "
    "bottom) and press Ctrl+V, then Enter if the cell opened for typing."
)
"""Said above each grid: where a paste lands, and the one key a paste into a cell being typed in needs."""


def _say_how(columns: str) -> None:
    """What the grid takes, how to paste into it, and that its change is one step."""
    st.caption(
        f"Change cells, add or delete rows, or paste rows ({columns}). The change is checked as a whole and "
        f"applied in one step; Undo takes it back.  \n{PASTE_HINT}"
    )


def _height(rows: int) -> int:
    """Tall enough for every row and the row to add one, up to ``MAX_ROWS_SHOWN``: no inner scroll for a sample."""
    return HEADER_PX + ROW_PX * (min(rows, MAX_ROWS_SHOWN) + 1) + 2


def _key(keys: Keys, which: str, rows: object) -> str:
    """The grid's key, stamped by its rows. Never held for typing: a grid's identity is also its data, so the
    browser could not keep a change in it anyway (``ui.state.live`` waits instead while it holds one)."""
    return fields.field_key(keys.base(which), rows, hold=False)


def draw_boxes(fw: Framework) -> None:
    """Every box as a row: label, level, description, stakeholders (by name, ``;`` between), id."""
    rows = fw.cached("ui_box_rows", grid.box_rows)
    key = _key(BOXES, "boxes", rows)
    table = pd.DataFrame(rows, columns=list(grid.BOX_COLUMNS))
    names = ", ".join(s.name for s in fw.stakeholders) or "none yet: add them in Stakeholders"
    _say_how("Box, Level, Description, Stakeholders")
    st.data_editor(
        table,
        key=key,
        num_rows="dynamic",
        hide_index=True,
        width="stretch",
        height=_height(len(table)),
        placeholder="",
        on_change=apply,
        args=("boxes",),
        column_config={
            "Box": st.column_config.TextColumn("Box", width=240, max_chars=300, help="What people read"),
            "Level": st.column_config.TextColumn(  # text, not a list: a pasted "Intermediate outcome" is kept
                "Level",
                width=140,
                help=md(f"One of: {LevelNames.of(fw.levels).choices()} (singular or plural, any case)"),
            ),
            "Description": st.column_config.TextColumn("Description", width=240),
            "Stakeholders": st.column_config.TextColumn(
                "Stakeholders", width=150, help=f"Names, with ; between them. Known: {names}"
            ),
            "Id": st.column_config.TextColumn(
                "Id", disabled=True, width=80, help="Made from the label for a new box; change it in Edit a box"
            ),
        },
    )
    _problems(key)


def draw_links(fw: Framework) -> None:
    """Every link as a row: from, leads to (boxes by label), strength, why, assumptions (``;`` between)."""
    rows = fw.cached("ui_link_rows", grid.link_rows)
    key = _key(LINKS, "links", rows)
    table = pd.DataFrame(rows, columns=list(grid.LINK_COLUMNS))
    _say_how("From, Leads to, Strength, Why, Assumptions")
    st.data_editor(
        table,
        key=key,
        num_rows="dynamic",
        hide_index=True,
        width="stretch",
        height=_height(len(table)),
        placeholder="",
        on_change=apply,
        args=("links",),
        column_config={
            "From": st.column_config.TextColumn("From", width=220, help="A box's label (or its id)"),
            "Leads to": st.column_config.TextColumn("Leads to", width=220, help="A box's label (or its id)"),
            "Strength": st.column_config.TextColumn(  # text, not a list: a pasted "Strong" is kept
                "Strength", width=90, help=f"One of: {', '.join(STRENGTHS)} (any case); blank is unknown"
            ),
            "Why": st.column_config.TextColumn("Why", width=170),
            "Assumptions": st.column_config.TextColumn("Assumptions", width=150, help="With ; between them"),
        },
    )
    _problems(key)


def _problems(key: str) -> None:
    """The last refused batch's problems, while the grid still holds that change (not once it is undone)."""
    refused = st.session_state.get(PROBLEMS)
    if refused and refused[0] == key and grid.GridChange.from_editor(st.session_state.get(key)):
        lines = "\n".join(f"- {md(line)}" for line in refused[1])
        heading = "Not applied, so nothing has changed. Put these right in the grid and it applies:"
        st.error(f"{heading}\n\n{lines}", icon=":material/error:")


_APPLY: dict[str, tuple[Keys, Callable[[Framework, grid.GridChange], Framework], str, str, tuple[str, ...]]] = {
    "boxes": (BOXES, grid.apply_boxes, "box", "boxes", grid.BOX_COLUMNS),
    "links": (LINKS, grid.apply_links, "link", "links", grid.LINK_COLUMNS),
}


def apply(which: str) -> None:
    """The grid changed: apply its whole change as one edit, or keep it in the grid with its problems listed."""
    k, batch, one, many, columns = _APPLY[which]
    change = grid.GridChange.from_editor(k.value(which))
    fw = state.current()
    if fw is None or not change:
        return
    count = len(fw.nodes if which == "boxes" else fw.links)
    change = grid.as_pasted(change, columns, count)  # rows pasted into one cell: as many rows, for the words
    try:
        new = batch(fw, change)
    except FrameworkError as err:
        st.session_state[PROBLEMS] = (k(which), [problem_line(p) for p in err.problems])  # the screen's words
        return
    st.session_state[PROBLEMS] = None
    words = grid.what_changed(change, one, many)
    if state.replace(new, words):
        state.flash("success", f"{words} Undo takes the whole change back.")
