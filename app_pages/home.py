"""Home: the library of saved frameworks; start a new framework, import a framework file, or open a sample."""

from __future__ import annotations

from datetime import UTC, datetime

import streamlit as st

from logicmodel import formats
from logicmodel import samples as gallery
from logicmodel.errors import FrameworkError
from logicmodel.limits import MAX_FILE_MB
from logicmodel.models import DEFAULT_LEVELS
from logicmodel.store import Access, StoreError, Summary
from logicmodel.wording import ago, sample_button, start_choice
from ui import actions, auth, state, store
from ui.text import md, plural
from ui.widgets import show_flash, show_problems

PER_PAGE = 10
"""Frameworks listed at a time: the list stays quick with a thousand in the library."""
BIN_SHOWN = 20

actions.BLANK = "blank"
actions.IMPORT_PROBLEMS = "import_problems"


st.title("Logic Model Builder", anchor=False)
st.markdown(
    "Build an **outcomes framework** (a logic model) for sport and physical activity: the activities you run, "
    "the outcomes they lead to, the indicators that show change and the commissioners who care about each outcome. "
    "The builder checks the logic as you go, draws the diagram and gives you a file to share."
)
show_flash()

fw = state.current()
if fw is not None:
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
            _rename_form(item)
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


def _rename_form(item: Summary) -> None:
    with st.form(f"rename_form_{item.id}", border=False):
        st.text_input("New title", value=item.title, key=f"rename_{item.id}", max_chars=200)
        st.form_submit_button(
            "Rename", on_click=actions.library_rename, args=(item.id, item.version), key=f"lib_rename_{item.id}"
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


now = datetime.now(UTC)
library_section()

st.header("Start a new framework", anchor=False)
templates = gallery.templates()
names = {actions.BLANK: f"Blank: {' → '.join(level.label for level in DEFAULT_LEVELS)}"}
names |= {t.name: start_choice(t.title, t.levels) for t in templates}
captions = ["No boxes yet: add your own."]
captions += [f"{plural(t.boxes, 'example box', 'example boxes')} to adapt. {t.story}" for t in templates]
with st.form("new_framework", border=True):
    st.text_input("Title", key="new_title", placeholder="e.g. Active Swindon outcomes framework", max_chars=200)
    st.text_input(
        "Organisation (optional)", key="new_organisation", placeholder="e.g. Swindon Borough Council", max_chars=200
    )
    st.radio(
        "Start from",
        list(names),
        format_func=lambda name: md(names[name]),
        captions=[md(c) for c in captions],
        key="new_start",
    )
    st.form_submit_button("Start the framework", type="primary", on_click=actions.start_new)
if fw is not None:
    st.caption("Starting or opening another framework keeps the open one in your library, above.")

st.header("Import a framework file", anchor=False)
readable = formats.extensions()  # every format the engine reads (logicmodel.formats)
st.file_uploader(
    f"Framework file ({', '.join(readable)})",
    type=[ending.removeprefix(".") for ending in readable],
    key="import_file",
    on_change=actions.import_file,
    max_upload_size=MAX_FILE_MB,  # the engine's one limit; the uploader counts megabytes of 1,000,000 bytes
    help=f"A framework saved from this builder (Export page), a spreadsheet (Excel or CSV), a Kumu map, a yEd or "
    f"Gephi graph (GraphML) or a Mermaid flowchart, at most {MAX_FILE_MB} MB.",
)
failed = st.session_state.get(actions.IMPORT_PROBLEMS)
if failed and st.session_state.get("import_file") is None:  # the refused file was removed, or we left and came back
    failed = st.session_state[actions.IMPORT_PROBLEMS] = None
if failed:
    name, err, raw = failed
    show_problems(err, f"{name} could not be opened, so nothing has changed. What is wrong with it:", raw)
    labels = {level.id: level.label for level in DEFAULT_LEVELS}
    reader = formats.reader_of(name, raw)
    types = formats.level_names(reader, raw) if reader is not None else []
    if types:
        with st.form("import_levels", border=True):
            st.markdown(
                "The file names its own levels (Kumu's types, yEd's groups, Mermaid's subgraphs, a sheet's stages). "
                "Say which of this builder's levels each one is (left empty, it becomes a level of its own):"
            )
            for kind in types:
                st.selectbox(
                    md(kind),
                    [None, *(level.id for level in DEFAULT_LEVELS)],
                    format_func=lambda level_id: "Its own level" if level_id is None else labels[level_id],
                    key=f"{actions.IMPORT_LEVEL}{kind}",
                )
            st.form_submit_button("Import with these levels", on_click=actions.import_with_levels)
    try:
        fw_anyway, changes = actions.import_preview(name, raw, actions.import_level_map())
    except FrameworkError:
        fw_anyway = None
    if fw_anyway is not None:
        st.button(
            md(f"Open anyway: {actions.repair_summary(changes)} will be left out"),
            on_click=actions.import_repaired,
            type="primary",
            key="import_anyway",
        )
        with st.expander(f"What will be left out or changed ({len(changes)})"):
            st.markdown("\n".join(f"- {md(str(change))}" for change in changes[:200]))
            if len(changes) > 200:
                st.caption(f"... and {len(changes) - 200} more")

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
