"""Home: the library of saved frameworks; start a new framework, import a framework file, or open a sample."""

from __future__ import annotations

from datetime import UTC, datetime

import streamlit as st

from logicmodel.core import samples as gallery
from logicmodel.core.wording import ago, sample_button
from logicmodel.store import Access, StoreError, Summary
from ui import actions, auth, state, store
from ui.forms import rename, start
from ui.text import md, plural
from ui.widgets import show_flash

PER_PAGE = 10
"""Frameworks listed at a time: the list stays quick with a thousand in the library."""
BIN_SHOWN = 20


st.title("Logic Model Builder", anchor=False)
st.markdown(  # two lines on a laptop: starting a framework, below, is on the first screen
    "Build an **outcomes framework** (a logic model) for sport and physical activity: your activities, the "
    "outcomes they lead to, the indicators that show change and the commissioners who care. The builder checks "
    "the logic, draws the diagram and gives you files to share."
)
show_flash()

fw = state.current()


def open_now() -> None:
    """The framework open now, with a link to each page that works on it."""
    if fw is None:
        return
    with st.container(border=True):
        st.markdown(
            f"**Open now:** {md(fw.meta.title)} ({plural(len(fw.nodes), 'box', 'boxes')}, "
            f"{plural(len(fw.links), 'link')})"
        )
        cols = st.columns(5)
        cols[0].page_link("app_pages/build.py", label="Build", icon=":material/edit:")
        cols[1].page_link("app_pages/diagram.py", label="Diagram", icon=":material/account_tree:")
        cols[2].page_link("app_pages/check.py", label="Check", icon=":material/fact_check:")
        cols[3].page_link("app_pages/export.py", label="Export", icon=":material/download:")
        cols[4].page_link("app_pages/history.py", label="History", icon=":material/history:")


def where(item: Summary) -> str:
    """A library line's second row: its organisation and area, when it was saved, by whom, its version."""
    place = " · ".join(md(x) for x in (item.organisation, item.area) if x)
    saved = f"saved {ago(item.updated_at, now)} by {md(item.updated_by)} · version {item.version}"
    saved += auth.shared_as(item)
    return f"{place} · {saved}" if place else "S" + saved[1:]


def library_row(item: Summary) -> None:
    """One framework of the library: Open, and More to rename it, copy it or move it to the bin."""
    is_open = item.id == state.current_id()
    title, buttons = st.columns([5, 2], vertical_alignment="center")
    with title:
        st.markdown(f"**{md(item.title)}**" + (" · open now" if is_open else ""))
        st.caption(where(item))
    with buttons.container(horizontal=True, horizontal_alignment="right"):
        st.button(
            "Open",
            key=f"lib_open_{item.id}",
            on_click=actions.library_open,
            args=(item.id,),
            disabled=is_open,
            help=md(f"Open {item.title}"),
        )
        more = st.popover("More", icon=":material/more_horiz:")
    with more:
        if item.access >= Access.EDITOR:  # shared to view only: copy, nothing else (the store refuses it anyway)
            rename.draw(item)
        st.button(
            "Make a copy",
            key=f"lib_copy_{item.id}",
            on_click=actions.library_duplicate,
            args=(item.id,),
            icon=":material/file_copy:",
        )
        if item.access >= Access.OWNER:
            st.button(
                "Move to the bin",
                key=f"lib_delete_{item.id}",
                on_click=actions.library_delete,
                args=(item.id, item.title),
                icon=":material/delete:",
                help="The bin keeps it, with its history, until the bin is emptied.",
            )


def library_section() -> None:
    st.header("Your library", anchor=False)
    st.caption(
        "Every framework started, opened or imported here is kept, with every change saved as it is made. "
        + auth.who_can_open()
    )
    try:
        found = store.library().list(search=st.session_state.get("library_search", ""))
        in_bin = store.library().list(in_bin=True)
    except StoreError as err:
        st.error(f"The library could not be listed: {md(err)}")
        return
    search = st.text_input(
        "Search the library",
        key="library_search",
        placeholder="Words from a title, organisation or area",
        on_change=actions.library_search,
        max_chars=200,
    )
    if not found:
        st.caption(f"Nothing in the library matches '{md(search)}'." if search.strip() else "Nothing saved yet.")
    pages = max(1, -(-len(found) // PER_PAGE))
    page = min(st.session_state.get(actions.LIBRARY_PAGE, 0), pages - 1)
    st.session_state[actions.LIBRARY_PAGE] = page
    for item in found[page * PER_PAGE : (page + 1) * PER_PAGE]:
        library_row(item)
    if pages > 1:
        with st.container(horizontal=True, vertical_alignment="center"):
            st.button(
                "Previous", key="lib_previous", on_click=actions.library_page, args=(-1,), disabled=page == 0,
                icon=":material/chevron_left:",
            )  # fmt: skip
            first = page * PER_PAGE + 1
            st.caption(f"{first}–{min(len(found), first + PER_PAGE - 1)} of {len(found):,}", width="content")
            st.button(
                "Next", key="lib_next", on_click=actions.library_page, args=(1,), disabled=page == pages - 1,
                icon=":material/chevron_right:",
            )  # fmt: skip
    if in_bin:
        with st.expander(f"Bin ({len(in_bin)})", icon=":material/delete:"):
            st.caption("Frameworks moved to the bin, with their history, until the bin is emptied.")
            for item in in_bin[:BIN_SHOWN]:
                cols = st.columns([6, 1], vertical_alignment="center")
                cols[0].markdown(f"**{md(item.title)}**")
                cols[0].caption(f"Moved to the bin {ago(item.deleted_at, now)}")
                cols[1].button(
                    "Restore",
                    key=f"lib_restore_{item.id}",
                    on_click=actions.library_restore,
                    args=(item.id, item.title),
                )
            if len(in_bin) > BIN_SHOWN:
                st.caption(f"... and {len(in_bin) - BIN_SHOWN:,} more.")
            with st.popover("Empty the bin", icon=":material/delete_forever:"):
                st.markdown(f"Remove {plural(len(in_bin), 'framework')} and their history **for good**?")
                st.button(
                    "Empty the bin for good", key="lib_empty_bin", type="primary", on_click=actions.library_empty_bin
                )


# Starting a framework is the first thing a newcomer does: it comes first, on the first screen of a laptop
# (1366x768), above the library, whose rows (ten at a time) would push it down the page.
st.header("Start a new framework", anchor=False)
start.draw_start(open_now=fw is not None)

open_now()
now = datetime.now(UTC)
library_section()

st.header("Import a framework file", anchor=False)
start.draw_import()

st.header("Open a sample", anchor=False)
samples = gallery.samples()
if not samples:
    st.caption("No samples are installed.")
PER_ROW = 3
for i, sample in enumerate(samples):
    if i % PER_ROW == 0:  # a row at a time, so Tab goes through the cards in the order they are read
        cols = st.columns(PER_ROW)
    with cols[i % PER_ROW].container(border=True, height="stretch"):
        st.markdown(f"**{md(sample.title)}**")
        where = ", ".join(x for x in (sample.organisation, sample.area) if x)
        if where:
            st.caption(md(where))
        if sample.story:
            st.markdown(md(sample.story))
        st.caption(f"{plural(sample.boxes, 'box', 'boxes')}, {plural(sample.links, 'link')}")
        if fw is not None and fw == sample.load():  # a copy just opened, unchanged: say where to go next, here
            st.markdown("**Open now.** See it on:")
            with st.container(horizontal=True):
                st.page_link("app_pages/diagram.py", label="Diagram", icon=":material/account_tree:")
                st.page_link("app_pages/build.py", label="Build", icon=":material/edit:")
        else:
            st.button(
                md(sample_button(sample.title)),
                help=md(f"Open the sample {sample.title}"),
                key=f"open_sample_{sample.name}",
                on_click=actions.open_sample,
                args=(sample.name,),
            )
