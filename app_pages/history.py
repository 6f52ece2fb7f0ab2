"""History: every saved version of the open framework, who saved it and when; view one, restore it.

Each change is saved as a version with its one-line summary. Viewing a version draws its diagram (the same
engine as the Diagram page) and lists what has changed between it and now (``logicmodel.analysis.changes``);
restoring it saves it again as a new version, so nothing is lost and Undo takes the restore back.
"""

from __future__ import annotations

from datetime import UTC, datetime

import streamlit as st

from logicmodel.analysis.changes import changes
from logicmodel.core.wording import ago
from logicmodel.drawing.diagram import DEFAULT_HEIGHT, diagram_html
from logicmodel.store import StoreError
from ui import sharing, state, store
from ui.text import md, plural
from ui.widgets import require_framework, show_flash

PER_PAGE = 15
"""Versions listed at a time."""
MAX_CHANGES = 40
"""Most changes listed one by one for a version; the rest are counted."""
VIEWED = "history_viewed"
"""Session key of the version being looked at: (framework id, version, Framework)."""
PAGE = "history_page"


def view(version: int) -> None:
    """Callback of a version's View button."""
    st.session_state[VIEWED] = (state.current_id(), version, None)


def turn(step: int) -> None:
    st.session_state[PAGE] = max(0, st.session_state.get(PAGE, 0) + step)


def viewed(framework_id: str, versions: list[int]):
    """The version being looked at and its framework (loaded once), or None."""
    chosen = st.session_state.get(VIEWED)
    if not chosen or chosen[0] != framework_id or chosen[1] not in versions:
        return None
    if chosen[2] is None:
        chosen = (chosen[0], chosen[1], store.library().version(framework_id, chosen[1]))
        st.session_state[VIEWED] = chosen
    return chosen[1], chosen[2]


fw = require_framework()
framework_id = state.current_id()
st.title("History", anchor=False)
st.caption(md(fw.meta.title))
show_flash()
try:
    versions = store.library().history(framework_id)
except StoreError as err:
    st.error(f"The history could not be read: {md(err)}")
    st.stop()
now_version = st.session_state.get(state.VERSION)
now = datetime.now(UTC)
st.markdown(
    f"Every change is saved as a version ({plural(len(versions), 'version')} kept). View one to see its diagram "
    "and what has changed since; restore it to make it the current version again (a new version, so nothing is lost)."
)

try:
    chosen = viewed(framework_id, [v.version for v in versions])
except StoreError as err:
    st.error(f"That version could not be read: {md(err)}")
    chosen = None

listing, detail = st.columns([2, 3], gap="large")
with listing:
    pages = max(1, -(-len(versions) // PER_PAGE))
    page = min(st.session_state.get(PAGE, 0), pages - 1)
    for info in versions[page * PER_PAGE : (page + 1) * PER_PAGE]:
        with st.container(border=True):
            cols = st.columns([5, 2], vertical_alignment="center")
            now_mark = " · open now" if info.version == now_version else ""
            cols[0].markdown(f"**Version {info.version}**{now_mark}: {md(info.summary)}")
            restored = f" · restored from version {info.restored_from}" if info.restored_from else ""
            kind = f" · {info.kind.mark}" if info.kind.mark else ""
            cols[0].caption(
                f"Saved {ago(info.saved_at, now)} by {md(info.author)}{kind}{restored}",
                help=f"{info.saved_at:%d %B %Y, %H:%M} UTC",
            )
            looking = chosen is not None and chosen[0] == info.version
            cols[1].button(
                "Viewing" if looking else "View",
                key=f"view_version_{info.version}",
                on_click=view,
                args=(info.version,),
                disabled=looking,
                help=f"See version {info.version}'s diagram and what has changed since",
            )
    if pages > 1:
        with st.container(horizontal=True, vertical_alignment="center"):
            st.button("Newer", key="history_newer", on_click=turn, args=(-1,), disabled=page == 0)
            st.caption(f"Page {page + 1} of {pages}")
            st.button("Older", key="history_older", on_click=turn, args=(1,), disabled=page == pages - 1)

with detail:
    if chosen is None:
        st.info("Choose View beside a version to see it here.")
    else:
        version, old = chosen
        info = next(v for v in versions if v.version == version)
        st.subheader(f"Version {version}", anchor=False)
        st.caption(f"Saved {ago(info.saved_at, now)} by {md(info.author)}: {md(info.summary)}")
        if version == now_version:
            st.success("This is the version open now.")
        else:
            lines = changes(old, fw)
            if lines:
                st.markdown(f"**What has changed since ({plural(len(lines), 'change')}):**")
                shown = "\n".join(f"- {md(line)}" for line in lines[:MAX_CHANGES])
                if len(lines) > MAX_CHANGES:
                    shown += f"\n- ... and {len(lines) - MAX_CHANGES:,} more"
                st.markdown(shown)
            else:
                st.caption("It is the same as the version open now.")
            st.button(  # not for a viewer, who is told why instead (the store refuses it anyway)
                f"Restore version {version}",
                key="restore_version",
                type="primary",
                icon=":material/restore:",
                on_click=state.restore_version,
                args=(version,),
                disabled=state.conflict() is not None or sharing.view_only(),
                help="Shared with you to view only: make a copy to change it."
                if sharing.view_only()
                else "Save it again as the newest version; Undo on Build takes the restore back.",
            )
        st.caption(f"Version {version}: {plural(len(old.nodes), 'box', 'boxes')}, {plural(len(old.links), 'link')}")
        st.iframe(diagram_html(old), height=DEFAULT_HEIGHT + 4, alt=f"Diagram of version {version}")
