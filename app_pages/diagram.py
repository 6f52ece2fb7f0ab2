"""Diagram: the open framework drawn in columns, one per level; click a box to see its pathway.

The page only reads the open framework, asks the engine for the diagram's HTML (cached on the
framework's content and the chosen filters, so a rerun that changes nothing rebuilds nothing) and
shows it. The same diagram downloads in every format of the registry that draws it (``logicmodel.formats``):
a standalone offline page and a poster to print (A3 to A0).

Above the diagram, one row: Filter (stakeholder, cohort, levels), Keep together, Colour boxes by, Projector,
Comments and Download. Filter, Comments and Download open as popovers, drawn by the browser only when opened,
so that a page switch to a big framework's diagram is not held up by them (issue 26's page-switch line).
"""

from __future__ import annotations

import streamlit as st

from logicmodel import formats
from logicmodel.core.graph import cohorts
from logicmodel.core.models import Framework
from logicmodel.drawing.diagram import DEFAULT_HEIGHT, diagram_and_note, fingerprint
from logicmodel.drawing.svg import PAPER
from ui import comment_marks, comments, sharing
from ui.progress_key import COLOUR_BY, show_progress_key
from ui.text import md, plural, slug
from ui.widgets import require_framework, show_flash

PROJECTOR_HEIGHT = 900
GROUPS = {"Nothing": None, "Stakeholder": "stakeholder", "Cohort": "cohort"}


@st.cache_data(max_entries=16, show_spinner="Drawing the diagram…")
def cached_html(key: str, _fw: Framework, options: dict, comments: tuple = ((), ())) -> tuple[str, str]:
    """The diagram page and its note on a quick layout, cached on the framework's fingerprint, the options and
    the open comment threads' counts (per box, per link) marked on it (``_fw`` is not hashed)."""
    boxes, links = comments
    return diagram_and_note(_fw, **options, comment_counts=dict(boxes), link_comment_counts=dict(links))


@st.cache_data(max_entries=8, show_spinner="Drawing…")
def cached_drawing(name: str, key: str, _fw: Framework, choices: formats.Choices) -> bytes:
    """A drawing to download (the poster, the offline page), cached like the page."""
    fmt = formats.get(name)
    assert fmt.write is not None
    return fmt.write(_fw, choices)


def _filter_words(fw: Framework, names: dict[str, str], all_cohorts: list[str]) -> str:
    """The Filter button's words: what the diagram shows, as the choices inside it stand (kept for the session;
    the button is drawn before them), e.g. "Filter: Public Health, older people, 3 of 4 levels"."""
    chosen = st.session_state
    parts = []
    if chosen.get("diagram_stakeholder") in names:
        parts.append(names[chosen["diagram_stakeholder"]])
    if chosen.get("diagram_cohort") in all_cohorts:
        parts.append(chosen["diagram_cohort"])
    shown = [level for level in chosen.get("diagram_levels", fw.level_ids) if level in fw.level_ids]
    if len(shown) < len(fw.level_ids):
        parts.append(f"{len(shown)} of {plural(len(fw.level_ids), 'level')}")
    return f"Filter: {md(', '.join(parts))}" if parts else "Filter"


fw = require_framework()
st.title("Diagram")
st.caption(md(fw.meta.title))
show_flash()

names = {s.id: s.name for s in fw.stakeholders}
all_cohorts = cohorts(fw)
counts = comment_marks.open_counts()  # marked here only: comments stay out of downloads and presentations
# One row of choices above the diagram. The filters, the comments and the downloads are each behind a button
# (a popover, which the browser draws only when it is opened): a page switch then waits for four controls, not
# a dozen, before the diagram (issue 26). Grouping, colour and large type change the drawing most, so they
# stay in sight.
with st.container(horizontal=True, vertical_alignment="bottom"):
    with st.popover(_filter_words(fw, names, all_cohorts), icon=":material/filter_alt:"):
        stakeholder = st.selectbox(
            "Stakeholder",
            [None, *names],
            format_func=lambda sid: "Everyone" if sid is None else names[sid],
            key="diagram_stakeholder",
            disabled=not names,
        )
        cohort = st.selectbox(
            "Cohort",
            [None, *all_cohorts],
            format_func=lambda c: "All cohorts" if c is None else c,
            key="diagram_cohort",
            disabled=not all_cohorts,
        )
        levels = st.multiselect(
            "Levels shown",
            fw.level_ids,
            default=fw.level_ids,
            format_func=fw.level_label,
            key="diagram_levels",
        )
    group_label = st.selectbox("Keep together", list(GROUPS), key="diagram_group")
    colour_by = st.selectbox(
        "Colour boxes by",
        list(COLOUR_BY),
        key="diagram_colour",
        help="Progress: each box with indicators takes the colour of its indicators' status, written on the box too.",
    )
    projector = st.toggle("Projector (large type)", key="diagram_projector")
    talk = comments.diagram_button(counts.total)  # filled after the diagram, which is then sent first
    downloads = st.popover("Download", icon=":material/download:")
if not levels:
    st.info("Choose at least one level to draw.")
    downloads.caption("Choose at least one level to draw first.")
    with talk:
        comments.on_diagram(fw)
    st.stop()

options = {
    "projector": projector,
    "stakeholder": stakeholder,
    "cohort": cohort,
    "levels": tuple(levels) if len(levels) < len(fw.level_ids) else None,
    "group_by": GROUPS[group_label],
    "height": PROJECTOR_HEIGHT if projector else DEFAULT_HEIGHT,
    "progress": COLOUR_BY[colour_by],
}
key = fingerprint(fw)
marked = (tuple(sorted(counts.boxes.items())), tuple(sorted(counts.links.items())))
page_html, quick_note = cached_html(key, fw, options, marked)
if not fw.nodes:
    st.info("This framework has no boxes yet: add some on Build and they will appear here.")
st.iframe(page_html, height=options["height"] + 4, alt=f"Diagram of {fw.meta.title}")
st.caption(  # below the diagram, which then starts higher on a laptop's first screen
    f"{plural(len(fw.nodes), 'box', 'boxes')} in columns by level, left to right. Click a box, or pick it "
    "from the list, to see what contributes to it and what it contributes to; click the background to clear. "
    "Scroll to zoom, drag to move."
)
if quick_note:
    st.caption(quick_note)
if options["progress"]:
    show_progress_key(fw)
with talk:
    comments.on_diagram(fw)  # the threads on a picked box, and a form to start one
name = slug(fw.meta.title)
drawings = [f for f in formats.writers() if f.draws()]  # the registry's drawings; the rest download on Export
with downloads:
    st.caption(
        "Both draw the diagram as filtered and chosen here. The poster is landscape; a big framework needs bigger "
        "paper to be read, and the poster says so when it does."
    )
    paper = st.selectbox("Poster paper", list(PAPER)[1:], key="diagram_paper", width=140)
    choices = formats.Choices(paper=paper, **options)
    for fmt in drawings:
        st.download_button(
            fmt.label(choices),
            data=sharing.guarded(lambda fmt=fmt: cached_drawing(fmt.name, key, fw, choices)),
            file_name=fmt.file_name_for(name, choices),
            mime=fmt.media_type,
            icon=":material/print:" if "paper" in fmt.options else ":material/download:",
            key=f"download_{fmt.name}",
            on_click="ignore",
        )
