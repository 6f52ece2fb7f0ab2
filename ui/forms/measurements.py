"""Progress's "Bring data in": a Fingertips data download or the tool's own measurements table, uploaded, its
account shown before anything changes, then applied as the next version of the open framework.

The engine reads the file and adds the measurements by its one rule (``logicmodel.formats.bring_in``: new
periods added, the same value already there, another value a conflict that is reported and never overwritten),
in a worker with the upload limits (``logicmodel.jobs.tasks.bring_in_in_worker``), once for each framework, file
and area. Applying saves one new version through the normal save (``ui.state.replace``), so Undo takes it back
and a clash with someone else's save behaves as for any edit. A file that cannot be read is one line a problem,
never a traceback, and the open framework is untouched.
"""

from __future__ import annotations

import hashlib

import streamlit as st

from logicmodel.core.errors import FrameworkError
from logicmodel.core.limits import MAX_FILE_MB
from logicmodel.core.models import Framework
from logicmodel.drawing.diagram import fingerprint
from logicmodel.editing.measure import Brought
from logicmodel.jobs.tasks import bring_in_in_worker
from ui import state
from ui.text import md, plural
from ui.widgets import show_problems

__all__ = ["AREA", "BROUGHT_IN", "FILE", "apply_measurements", "draw_bring_in"]

BROUGHT_IN = "bring_in_result"
"""Session key of the last file read: ((the framework's fingerprint, the file's name and digest, the area), the
``Brought`` or the ``FrameworkError`` it gave)."""
FILE = "bring_in_file"
AREA = "bring_in_area"


def draw_bring_in(fw: Framework) -> None:
    """The area, the uploader, then what the chosen file brings and the button that adds it."""
    st.markdown(
        "Download your area's figures from Fingertips (the **Data** tab, *Export table as CSV file*) and bring "
        "them in here: each indicator with a Fingertips id takes its area's all-persons rows. For local figures "
        "(session registers, surveys), bring a **measurements table** (box, indicator, period, value, and "
        "optionally note, source); for what activities delivered, a **delivery table** (box, period, "
        "participants, spent). Either as a CSV file, or this builder's own workbook (or zip of CSV files) with "
        "rows added to its Measurements or Delivery sheet. You see what it adds before anything changes; a "
        "period already recorded with another value is reported, never overwritten."
    )
    area = st.text_input(
        "Area code (ONS) the Fingertips rows are taken for",
        value=fw.meta.area_code or "",
        key=AREA,
        max_chars=12,
        placeholder="e.g. E06000030 for Swindon",
        help="The framework's own area code (set on Build, Details) unless you type another here.",
    ).strip()
    uploaded = st.file_uploader(
        "Fingertips data download, measurements or delivery table (.csv, .xlsx, .zip)",
        type=["csv", "xlsx", "zip"],
        key=FILE,
        max_upload_size=MAX_FILE_MB,
    )
    if uploaded is None:
        st.session_state[BROUGHT_IN] = None
        return
    data = uploaded.getvalue()
    key = (fingerprint(fw), uploaded.name, hashlib.sha256(data).hexdigest(), area)
    held = st.session_state.get(BROUGHT_IN)
    if held is None or held[0] != key:
        try:
            found: Brought | FrameworkError = bring_in_in_worker(fw, data, uploaded.name, area or None)
        except FrameworkError as err:
            found = err
        held = (key, found)
        st.session_state[BROUGHT_IN] = held
    found = held[1]
    if isinstance(found, FrameworkError):
        show_problems(found, f"{uploaded.name} could not be brought in, so nothing has changed. What is wrong:")
        return
    _account(uploaded.name, found)


def _account(name: str, brought: Brought) -> None:
    """What the file brings, in words, and the button that adds it (none when it adds nothing)."""
    with st.container(border=True):
        st.markdown(f"**What {md(name)} brings**")
        st.markdown("\n".join(f"- {md(line)}" for line in brought.lines()))
    if not brought.changed:
        st.info(
            "Nothing new to add: every measurement this file gives is already recorded (or could not be matched, "
            "as listed above).",
            icon=":material/info:",
        )
        return
    st.button(
        f"Add {_what(brought)} as the next version",
        on_click=apply_measurements,
        type="primary",
        icon=":material/upload_file:",
        key="bring_in_apply",
    )


def apply_measurements() -> None:
    """Save the shown measurements as one new version of the open framework (``Measurements from <file>``)."""
    held = st.session_state.get(BROUGHT_IN)
    fw = state.current()
    if held is None or fw is None or not isinstance(held[1], Brought):
        return
    key, brought = held
    if key[0] != fingerprint(fw):  # changed since it was read (another tab, an undo): read it again first
        state.flash("error", "Not changed: the framework changed since the file was read. Look at what it adds again.")
        st.session_state[BROUGHT_IN] = None
        return
    if state.replace(brought.framework, f"Measurements brought in from {key[1]}"):
        state.flash("success", f"Added {_what(brought)} from {key[1]}. Undo takes it back.")


def _what(brought: Brought) -> str:
    """What the file adds, counted: "3 measurements", "2 periods of delivery", or both."""
    counted = [plural(brought.added, "measurement")] if brought.added else []
    if brought.delivered:
        counted.append(f"{plural(brought.delivered, 'period')} of delivery")
    return " and ".join(counted)
