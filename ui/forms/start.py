"""Home's forms to start a framework (blank or from a template) and to import a framework file."""

from __future__ import annotations

import streamlit as st

from logicmodel import edit, formats
from logicmodel import samples as gallery
from logicmodel.errors import FrameworkError
from logicmodel.limits import MAX_FILE_MB
from logicmodel.models import DEFAULT_LEVELS
from logicmodel.wording import problem_lines, start_choice
from ui import state
from ui.forms import Keys
from ui.text import md, plural
from ui.widgets import show_problems

__all__ = ["BLANK", "IMPORT", "IMPORT_PROBLEMS", "START", "draw_import", "draw_start", "import_file", "start_new"]

START = Keys("new", ("title", "organisation", "start"))
IMPORT = Keys("import", ("file",))
BLANK = "blank"
"""The "start from" choice of a blank framework with the default levels."""
IMPORT_PROBLEMS = "import_problems"
"""Session key of the last refused import: (file name, FrameworkError), shown on Home until the next action."""


def draw_start(open_now: bool) -> None:
    """Title, organisation, and what to start from: blank or a template (with what each holds)."""
    templates = gallery.templates()
    names = {BLANK: f"Blank: {' → '.join(level.label for level in DEFAULT_LEVELS)}"}
    names |= {t.name: start_choice(t.title, t.levels) for t in templates}
    captions = ["No boxes yet: add your own."]
    captions += [f"{plural(t.boxes, 'example box', 'example boxes')} to adapt. {t.story}" for t in templates]
    with st.form("new_framework", border=True):
        st.text_input("Title", key=START("title"), placeholder="e.g. Active Swindon outcomes framework", max_chars=200)
        st.text_input(
            "Organisation (optional)",
            key=START("organisation"),
            placeholder="e.g. Swindon Borough Council",
            max_chars=200,
        )
        st.radio(
            "Start from",
            list(names),
            format_func=lambda name: md(names[name]),
            captions=[md(c) for c in captions],
            key=START("start"),
        )
        with st.expander("How to use each template", icon=":material/lightbulb:"):
            for t in templates:  # the guidance is shown here, never copied into the new framework
                st.markdown(f"**{md(t.title)}**")
                for paragraph in gallery.guidance(t.load()):
                    st.markdown(md(paragraph))
        st.form_submit_button("Start the framework", type="primary", on_click=start_new)
    if open_now:
        st.caption("Starting or opening another framework keeps the open one in your library, above.")


def start_new() -> None:
    """Callback of the "Start" button: a blank framework or a copy of a template, with the user's title."""
    title = START.text("title")
    organisation = START.text("organisation") or None
    choice = START.value("start") or BLANK
    st.session_state[IMPORT_PROBLEMS] = None
    if not title:
        state.flash("error", "Give the framework a title first, e.g. 'Active Swindon outcomes framework'.")
        return
    try:
        if choice == BLANK:
            fw, source = edit.new_framework(title, organisation), "a blank framework"
        else:  # the user's copy: without the gallery's own tags ("template", "accepts:...")
            template = gallery.find(choice)
            fw, source = gallery.start_from(template, title, organisation), f"the template '{template.title}'"
    except FrameworkError as err:
        state.flash("error", "Could not start it: " + "; ".join(problem_lines(err.found, err.hidden)))
        return
    started = state.open_framework(
        fw, f"Started '{fw.meta.title}'. Add its boxes and links on Build.", summary=f"Started from {source}"
    )
    if started:  # cleared only now: a refused start keeps what was typed and chosen
        st.session_state[START("title")] = st.session_state[START("organisation")] = ""
        st.session_state[START("start")] = BLANK


def draw_import() -> None:
    """The file uploader, and what was wrong with the last file it refused."""
    readable = formats.extensions()  # every format the engine reads (logicmodel.formats)
    st.file_uploader(
        f"Framework file ({', '.join(readable)})",
        type=[ending.removeprefix(".") for ending in readable],
        key=IMPORT("file"),
        on_change=import_file,
        max_upload_size=MAX_FILE_MB,  # the engine's one limit; the uploader counts megabytes of 1,000,000 bytes
        help=f"A framework saved from this builder (Export page) or written to the same format, at most {MAX_FILE_MB} "
        "MB.",
    )
    failed = st.session_state.get(IMPORT_PROBLEMS)
    if failed and IMPORT.value("file") is None:  # the refused file was removed, or we left and came back
        failed = st.session_state[IMPORT_PROBLEMS] = None
    if failed:
        name, err = failed
        show_problems(err, f"{name} could not be opened, so nothing has changed. What is wrong with it:")


def import_file() -> None:
    """Callback of the file uploader: add the file to the library if it is a valid framework, else keep the open one."""
    uploaded = IMPORT.value("file")
    st.session_state[IMPORT_PROBLEMS] = None
    if uploaded is None:
        return
    try:
        fw = formats.read_named(uploaded.name, uploaded.getvalue())  # by the format its name says
    except FrameworkError as err:
        st.session_state[IMPORT_PROBLEMS] = (uploaded.name, err)
        return
    state.open_framework(
        fw, f"Imported '{fw.meta.title}' from {uploaded.name}.", summary=f"Imported from {uploaded.name}"
    )
