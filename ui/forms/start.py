"""Home's forms to start a framework (blank or from a template) and to import a framework file."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import streamlit as st

from logicmodel import formats
from logicmodel.core import samples as gallery
from logicmodel.core.errors import FrameworkError
from logicmodel.core.limits import MAX_FILE_MB
from logicmodel.core.models import DEFAULT_LEVELS
from logicmodel.core.version_kinds import VersionKind
from logicmodel.core.wording import problem_lines, start_choice
from logicmodel.editing import edit
from logicmodel.editing.repair import change_line, summary
from logicmodel.jobs.tasks import Upload, read_upload_in_worker
from ui import state
from ui.forms import Keys
from ui.text import md, plural
from ui.widgets import show_problems

__all__ = [
    "BLANK",
    "IMPORT",
    "IMPORT_LEVEL",
    "IMPORT_PROBLEMS",
    "START",
    "draw_import",
    "draw_start",
    "import_file",
    "import_level_map",
    "import_repaired",
    "import_with_levels",
    "repair_summary",
    "start_new",
]

START = Keys("new", ("title", "organisation", "start"))
IMPORT = Keys("import", ("file",))
BLANK = "blank"
"""The "start from" choice of a blank framework with the default levels."""
IMPORT_PROBLEMS = "import_problems"
"""Session key of the last refused import: (``logicmodel.jobs.tasks.Upload``, the file's bytes), shown on Home until the
next action. The upload holds what the one reading found (the problems, the file's own level names, what "Open
anyway" opens), so that drawing the page never reads the file again; the bytes let the level choices read it
again with the levels chosen."""


def draw_start(open_now: bool) -> None:
    """Title, organisation, and what to start from: blank or a template (with what each holds)."""
    templates = gallery.templates()
    names = {BLANK: f"Blank: {' → '.join(level.label for level in DEFAULT_LEVELS)}"}
    names |= {t.name: start_choice(t.title, t.levels) for t in templates}
    captions = ["No boxes yet: add your own."]  # one line each: the button stays on a laptop's first screen
    captions += [f"{plural(t.boxes, 'example box', 'example boxes')} to adapt." for t in templates]
    with st.form("new_framework", border=True):
        title, organisation = st.columns(2)  # side by side: the button stays on a laptop's first screen
        title.text_input(
            "Title", key=START("title"), placeholder="e.g. Active Swindon outcomes framework", max_chars=200
        )
        organisation.text_input(
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
        st.form_submit_button("Start the framework", type="primary", on_click=start_new)
        with st.expander("How to use each template", icon=":material/lightbulb:"):
            for t in templates:  # the guidance is shown here, never copied into the new framework
                st.markdown(f"**{md(t.title)}**")
                if t.story:
                    st.markdown(md(t.story))
                for paragraph in gallery.guidance(t.load()):
                    st.markdown(md(paragraph))
    if open_now:
        st.caption("Starting or opening another framework keeps the open one in your library, below.")


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
    """The file uploader, and what was wrong with the last file it refused: with, where the engine can, the
    levels to give the file's own types and an "Open anyway" that leaves out what is wrong, saying what."""
    readable = formats.extensions()  # every format the engine reads (logicmodel.formats)
    st.file_uploader(
        f"Framework file ({', '.join(readable)})",
        type=[ending.removeprefix(".") for ending in readable],
        key=IMPORT("file"),
        on_change=import_file,
        max_upload_size=MAX_FILE_MB,  # the engine's one limit; the uploader counts megabytes of 1,000,000 bytes
        help=f"A framework saved from this builder (Export page), a spreadsheet (Excel or CSV), a Kumu map, a yEd or "
        f"Gephi graph (GraphML) or a Mermaid flowchart (on its own or in a Markdown page), at most {MAX_FILE_MB} MB.",
    )
    failed = st.session_state.get(IMPORT_PROBLEMS)
    if failed and IMPORT.value("file") is None:  # the refused file was removed, or we left and came back
        failed = st.session_state[IMPORT_PROBLEMS] = None
    if not failed:
        return
    upload: Upload = failed[0]
    name, err = upload.name, upload.error
    assert err is not None
    if upload.stopped:  # a limit of time or memory: one line, nothing else was tried
        st.error(
            md(f"{name} could not be opened, so nothing has changed. {err.found[0].message}"), icon=":material/error:"
        )
        return
    show_problems(err, f"{name} could not be opened, so nothing has changed. What is wrong with it:")
    labels = {level.id: level.label for level in DEFAULT_LEVELS}
    types = upload.level_names
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
                    key=f"{IMPORT_LEVEL}{kind}",
                )
            st.form_submit_button("Import with these levels", on_click=import_with_levels)
    fw_anyway, changes = upload.repaired, list(upload.changes)
    if fw_anyway is not None:
        st.button(
            md(f"Open anyway: {repair_summary(changes)} will be left out"),
            on_click=import_repaired,
            type="primary",
            key="import_anyway",
        )
        with st.expander(f"What will be left out or changed ({len(changes)})"):
            st.markdown("\n".join(f"- {md(change_line(change))}" for change in changes[:200]))
            if len(changes) > 200:
                st.caption(f"... and {len(changes) - 200} more")


def import_file() -> None:
    """Callback of the file uploader: add the file to the library if it is a valid framework, else keep the open one."""
    uploaded = IMPORT.value("file")
    st.session_state[IMPORT_PROBLEMS] = None
    if uploaded is None:
        return
    raw = uploaded.getvalue()
    upload = read_upload_in_worker(uploaded.name, raw)  # by the format its name says, once, in a worker
    fw = upload.framework
    if fw is None:
        st.session_state[IMPORT_PROBLEMS] = (upload, raw)
        return
    state.open_framework(
        fw,
        f"Imported '{fw.meta.title}' from {uploaded.name}.",
        summary=f"Imported from {uploaded.name}",
        kind=VersionKind.IMPORT,
    )


def import_repaired() -> None:
    """ "Open anyway": open the refused upload without what is wrong (``logicmodel.editing.repair``), saying what
    was left out; the level map chosen above, if any, is used."""
    failed = st.session_state.get(IMPORT_PROBLEMS)
    if not failed or failed[0].repaired is None:
        return
    upload: Upload = failed[0]
    name, fw, changes = upload.name, upload.repaired, list(upload.changes)
    st.session_state[IMPORT_PROBLEMS] = None
    left = f" Left out: {repair_summary(changes)}." if changes else ""
    state.open_framework(
        fw, f"Imported '{fw.meta.title}' from {name}.{left}", summary=f"Imported from {name}", kind=VersionKind.IMPORT
    )


def import_with_levels() -> None:
    """Read the refused upload again with the levels chosen for its types above."""
    failed = st.session_state.get(IMPORT_PROBLEMS)
    if not failed:
        return
    before, raw = failed
    upload = read_upload_in_worker(before.name, raw, import_level_map())
    name, fw = upload.name, upload.framework
    if fw is None:  # refused again: its problems and repair with these levels, the file's own level names kept
        st.session_state[IMPORT_PROBLEMS] = (replace(upload, level_names=before.level_names), raw)
        return
    st.session_state[IMPORT_PROBLEMS] = None
    state.open_framework(
        fw, f"Imported '{fw.meta.title}' from {name}.", summary=f"Imported from {name}", kind=VersionKind.IMPORT
    )


IMPORT_LEVEL = "import_level_"
"""Key prefix of the level chosen for each of a refused upload's own types: one widget a type, so the keys are
made from the file, not declared (``import_level_map`` reads them back)."""


def import_level_map() -> tuple[tuple[str, str], ...]:
    """The levels chosen for the refused upload's types (those left as they are not included)."""
    chosen = []
    for key, value in st.session_state.items():
        if isinstance(key, str) and key.startswith(IMPORT_LEVEL) and value:
            chosen.append((key.removeprefix(IMPORT_LEVEL), value))
    return tuple(sorted(chosen))


def repair_summary(changes: list[Any]) -> str:
    """What "Open anyway" leaves out, in a few words ("2 links to missing boxes and the unknown field 'notes'")."""
    return summary(changes).removesuffix(" will be left out")
