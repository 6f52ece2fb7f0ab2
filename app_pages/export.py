"""Export: download the framework in every format the engine writes that is not a drawing of it.

The buttons come from the formats registry (``logicmodel.formats``): a new format shows here with no change to
this page. Drawings (the poster, the interactive page) download on Diagram, beside the choices they use.
Below them, "Bring back an edited file" takes the workbook (or any file the builder reads) back after it was
edited outside, as the next version of the same framework (``ui.forms.bring_back``).
"""

from __future__ import annotations

import streamlit as st

from logicmodel import formats
from logicmodel.core.comments import CommentThread
from logicmodel.core.models import Framework
from logicmodel.core.readwrite import dumps
from logicmodel.drawing.diagram import fingerprint
from logicmodel.jobs.tasks import write_in_worker
from ui import comment_marks, sharing, state
from ui.forms.bring_back import draw_bring_back
from ui.text import md, plural, slug
from ui.widgets import require_framework, show_flash


@st.cache_data(max_entries=16, show_spinner=False)
def cached_file(name: str, key: str, _fw: Framework, comments: tuple[CommentThread, ...] | None = None) -> bytes:
    """A format's file of the framework, cached on the format, the framework's content (``_fw`` is not hashed) and
    the comments asked for as the report's appendix (None: none; only a format taking "comments" is given them).
    A report (made on click) is made in a worker with its limits: a big framework's takes seconds and memory."""
    fmt = formats.get(name)
    assert fmt.write is not None
    choices = formats.Choices(comments=comments if "comments" in fmt.options else None)
    return write_in_worker(fmt, _fw, choices) if fmt.on_click else fmt.write(_fw, choices)


fw = require_framework()
st.title("Export", anchor=False)
st.caption(md(fw.meta.title))
show_flash()

text = fw.cached("ui_canonical_json", dumps)
key = fingerprint(fw)
st.header("Download", anchor=False)
st.markdown(
    f"A file of {plural(len(fw.nodes), 'box', 'boxes')} and {plural(len(fw.links), 'link')} that this builder "
    "opens again (on Home). Send it to a neighbouring council or keep it with the project's papers: the same "
    "framework always gives the same file, so two versions can be compared line by line."
)
st.page_link(
    "app_pages/diagram.py",
    label="The diagram, as a page or a poster to print, downloads on Diagram",
    icon=":material/account_tree:",
)
name = slug(fw.meta.title)
threads = comment_marks.appendix_threads()  # () when the framework has no comments: nothing offered
appendix: tuple[CommentThread, ...] | None = None
offered = False
for i, fmt in enumerate(f for f in formats.writers() if not f.draws()):
    if threads and "comments" in fmt.options and not offered:  # just above the first report's button
        offered = True
        if st.checkbox(
            "Comments as an appendix",
            value=False,
            key="export_comments_appendix",
            help=f"The reports (HTML and Word) end with every comment thread, open and resolved "
            f"({plural(len(threads), 'thread')} now), grouped by the framework, each box and each link. "
            "No other file carries comments.",
        ):
            appendix = threads
    given = appendix if "comments" in fmt.options else None
    with st.container(horizontal=True, vertical_alignment="center"):
        st.download_button(
            fmt.label(formats.Choices()),
            data=sharing.guarded(lambda fmt=fmt, given=given: cached_file(fmt.name, key, fw, given)),  # on click
            file_name=fmt.file_name_for(name),
            mime=fmt.media_type,
            on_click="ignore",
            type="primary" if i == 0 else "secondary",
            icon=":material/download:",
            key=f"download_{fmt.name}",
        )
        left_out = f" It cannot carry {fmt.cannot_carry}." if fmt.cannot_carry else ""
        st.caption(md(fmt.description[:1].upper() + fmt.description[1:] + "." + left_out))
saved = state.last_saved()
if saved is not None:
    st.caption(
        f"The file is version {saved[0]} as saved in the library. The library keeps every change already: "
        "download a file to send the framework to someone, or to keep a copy outside this server."
    )
with st.expander("Preview the file"):
    lines = text.splitlines()
    st.code("\n".join(lines[:200]) + ("\n..." if len(lines) > 200 else ""), language="json")

st.header("Bring back an edited file", anchor=False)
if sharing.view_only():
    st.caption("Only people who can edit this framework can bring back an edited file.")
else:
    draw_bring_back(fw)
