"""Home: start a new framework, open a sample, or import a framework file."""

from __future__ import annotations

import streamlit as st

from logicmodel import samples as gallery
from logicmodel.edit import new_framework, update_meta
from logicmodel.errors import FrameworkError
from logicmodel.readwrite import loads
from ui import state
from ui.text import md, plural
from ui.widgets import show_flash, show_problems

BLANK = "blank"
_IMPORT_PROBLEMS = "import_problems"


def start_new() -> None:
    """Callback of the "Start" button: a blank framework or a copy of a template, with the user's title."""
    title = st.session_state.get("new_title", "").strip()
    organisation = st.session_state.get("new_organisation", "").strip() or None
    choice = st.session_state.get("new_start", BLANK)
    st.session_state[_IMPORT_PROBLEMS] = None
    if not title:
        state.flash("error", "Give the framework a title first, e.g. 'Active Swindon outcomes framework'.")
        return
    try:
        if choice == BLANK:
            fw = new_framework(title, organisation)
        else:
            template = gallery.find(choice)
            fw = update_meta(template.load(), title=title, organisation=organisation)
    except FrameworkError as err:
        state.flash("error", "Could not start it: " + "; ".join(str(p) for p in err.problems))
        return
    state.open_framework(fw, f"Started '{fw.meta.title}'. Add its boxes and links on Build.", unsaved=True)


def open_sample(name: str) -> None:
    """Callback of a gallery card's button."""
    sample = gallery.find(name)
    st.session_state[_IMPORT_PROBLEMS] = None
    if sample is None:
        state.flash("error", f"The sample '{name}' is no longer there.")
        return
    fw = sample.load()
    state.open_framework(fw, f"Opened the sample '{fw.meta.title}'.")


def import_file() -> None:
    """Callback of the file uploader: open the file if it is a valid framework, else keep the open one."""
    uploaded = st.session_state.get("import_file")
    st.session_state[_IMPORT_PROBLEMS] = None
    if uploaded is None:
        return
    try:
        fw = loads(uploaded.getvalue())
    except FrameworkError as err:
        st.session_state[_IMPORT_PROBLEMS] = (uploaded.name, err)
        return
    state.open_framework(fw, f"Imported '{fw.meta.title}' from {uploaded.name}.")


st.title("Logic Model Builder")
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

st.header("Start a new framework")
templates = gallery.templates()
names = {BLANK: "Blank: activities, outputs, intermediate and strategic outcomes (Sport England style)"}
names |= {t.name: f"Template: {t.title} ({' → '.join(t.levels)})" for t in templates}
with st.form("new_framework", border=True, clear_on_submit=True):
    st.text_input("Title", key="new_title", placeholder="e.g. Active Swindon outcomes framework", max_chars=200)
    st.text_input(
        "Organisation (optional)", key="new_organisation", placeholder="e.g. Swindon Borough Council", max_chars=200
    )
    st.radio("Start from", list(names), format_func=lambda name: md(names[name]), key="new_start")
    st.form_submit_button("Start the framework", type="primary", on_click=start_new)
if fw is not None:
    st.caption("Starting or opening another framework replaces the open one; Undo on Build brings it back.")

st.header("Import a framework file")
st.file_uploader(
    "Framework file (.json)",
    type=["json"],
    key="import_file",
    on_change=import_file,
    help="A framework saved from this builder (Export page) or written to the same format.",
)
failed = st.session_state.get(_IMPORT_PROBLEMS)
if failed:
    name, err = failed
    show_problems(err, f"{name} could not be opened, so nothing has changed. What is wrong with it:")

st.header("Open a sample")
samples = gallery.samples()
if not samples:
    st.caption("No samples are installed.")
cols = st.columns(3)
for i, sample in enumerate(samples):
    with cols[i % 3].container(border=True):
        st.markdown(f"**{md(sample.title)}**")
        where = ", ".join(x for x in (sample.organisation, sample.area) if x)
        if where:
            st.caption(md(where))
        if sample.story:
            st.markdown(md(sample.story))
        st.caption(f"{plural(sample.boxes, 'box', 'boxes')}, {plural(sample.links, 'link')}")
        st.button(
            f"Open {md(sample.title)}", key=f"open_sample_{sample.name}", on_click=open_sample, args=(sample.name,)
        )
