"""Home: start a new framework, open a sample, or import a framework file."""

from __future__ import annotations

import streamlit as st

from logicmodel import samples as gallery
from logicmodel.limits import MAX_FILE_MB
from logicmodel.models import DEFAULT_LEVELS
from logicmodel.wording import sample_button, start_choice
from ui import actions, state
from ui.text import md, plural
from ui.widgets import show_flash, show_problems

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
        cols = st.columns(4)
        cols[0].page_link("pages/build.py", label="Build", icon=":material/edit:")
        cols[1].page_link("pages/diagram.py", label="Diagram", icon=":material/account_tree:")
        cols[2].page_link("pages/check.py", label="Check", icon=":material/fact_check:")
        cols[3].page_link("pages/export.py", label="Export", icon=":material/download:")

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
    st.caption("Starting or opening another framework replaces the open one; Undo on Build brings it back.")

st.header("Import a framework file", anchor=False)
st.file_uploader(
    "Framework file (.json)",
    type=["json"],
    key="import_file",
    on_change=actions.import_file,
    max_upload_size=MAX_FILE_MB,  # the engine's one limit; the uploader counts megabytes of 1,000,000 bytes
    help=f"A framework saved from this builder (Export page) or written to the same format, at most {MAX_FILE_MB} MB.",
)
failed = st.session_state.get(actions.IMPORT_PROBLEMS)
if failed and st.session_state.get("import_file") is None:  # the refused file was removed, or we left and came back
    failed = st.session_state[actions.IMPORT_PROBLEMS] = None
if failed:
    name, err, raw = failed
    show_problems(err, f"{name} could not be opened, so nothing has changed. What is wrong with it:", raw)

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
        if fw is not None and fw is sample.load():  # just opened, unchanged: say where to go next, here
            st.markdown("**Open now.** See it on:")
            with st.container(horizontal=True):
                st.page_link("pages/diagram.py", label="Diagram", icon=":material/account_tree:")
                st.page_link("pages/build.py", label="Build", icon=":material/edit:")
        else:
            st.button(
                md(sample_button(sample.title)),
                help=md(f"Open the sample {sample.title}"),
                key=f"open_sample_{sample.name}",
                on_click=actions.open_sample,
                args=(sample.name,),
            )
