"""Present: tell the open framework as a story, one pathway at a time, on a projector.

Pick a story (the framework's own, or a ready-made one: one per strategic outcome, one per commissioner)
and present it: the diagram then fills the window with no editing chrome, each step framing its boxes
beside a text panel (told in parts when a step says more than it holds), with the keys a presentation clicker
sends (→ ← Page Down, Page Up, Space, Home, End); Esc comes back here. A ready-made story can be saved into
the framework, then changed: its title and each step's boxes, title and note; steps taken out or added.
The same stories download as one offline file (the ``slides`` format) to present on a laptop with no network.
Everything drawn comes from the engine (``logicmodel.drawing.diagram``, ``logicmodel.analysis.stories``).
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from logicmodel import formats
from logicmodel.core.models import Framework, Story
from logicmodel.drawing.diagram import crowded_steps, diagram_html, fingerprint, offered_stories
from logicmodel.editing import edit
from ui import sharing, state
from ui.progress_key import COLOUR_BY, show_progress_key
from ui.state import fields
from ui.text import md, plural, slug
from ui.widgets import require_framework, show_flash

CHOSEN = "present_story"
"""Session key: the id of the chosen story, the one the Story box shows, whose steps are listed and which
Present presents. The one piece of state for "which story": the box is drawn from it and writes to it."""
PRESENTING = "present_on"
"""Session key: True while the chosen story is being presented."""
BOX = "present_choice"
"""The Story box's widget key. While presenting the box is not drawn, so Streamlit forgets it and the browser
may bring it back showing another story: it is set from ``CHOSEN`` before every drawing instead."""

COLOURED = "present_colour_by"
"""Session key: how boxes are coloured ("Level" or "Progress"), kept while presenting, when the box choosing it
is not drawn (``COLOUR_BOX`` is set from it before every drawing, as the Story box is from ``CHOSEN``)."""
COLOUR_BOX = "present_colour"

FULL_WINDOW = """<style>
header[data-testid="stHeader"], section[data-testid="stSidebar"],
[data-testid="stSidebarCollapsedControl"], [data-testid="stToolbar"], [data-testid="stToastContainer"]
{ display: none !important; }
.st-key-lm_present iframe { position: fixed !important; inset: 0 !important; width: 100vw !important;
  height: 100vh !important; z-index: 999999; border: 0 !important; background: #ffffff; }
</style>"""
"""While presenting, the diagram's frame covers the whole window and the app's own bars are hidden: the
CSS is this page's own, no user text in it."""


@st.cache_data(max_entries=8, show_spinner="Getting the presentation ready…")
def cached_presentation(key: str, story_id: str, _fw: Framework, _story: Story, progress: bool = False) -> str:
    """The presentation of one story, cached on the framework's fingerprint, the story's id and whether boxes
    are coloured by progress."""
    return diagram_html(_fw, stories=(_story,), progress=progress)


@st.cache_data(max_entries=4, show_spinner="Making the slides…")
def cached_slides(key: str, _fw: Framework, progress: bool = False) -> bytes:
    """The offline slides of every story (the ``slides`` format), boxes coloured by progress or not."""
    fmt = formats.get("slides")
    assert fmt.write is not None
    return fmt.write(_fw, formats.Choices(progress=progress))


def choose() -> None:
    """The Story box was changed: that story is now the chosen one."""
    st.session_state[CHOSEN] = st.session_state[BOX]


def colour() -> None:
    """The Colour box was changed: boxes are now coloured that way, here and while presenting."""
    st.session_state[COLOURED] = st.session_state[COLOUR_BOX]


def start(story_id: str) -> None:
    st.session_state[CHOSEN] = story_id
    st.session_state[PRESENTING] = True


def stop() -> None:
    st.session_state.pop(PRESENTING, None)


def save_ready_made(story: Story) -> None:
    state.apply(edit.save_story, story, success=f"Story '{story.title}' saved into the framework: edit it below.")


def _typed(base: str, default: Any) -> Any:
    """What the story form's field ``base`` holds (``default`` when it is not on the page)."""
    value = fields.read(base)
    return default if value is None else value


def save_words(story: Story) -> None:
    """Save the title and each step's boxes, title and note as typed for ``story``: a step left with no box is
    taken out; a new step is added when boxes are chosen for it."""
    title = _typed(f"story_title_{story.id}", story.title)
    steps = []
    for i, step in enumerate([*story.steps, None]):
        boxes = _typed(f"story_step_boxes_{story.id}_{i}", list(step.nodes) if step else [])
        words = _typed(f"story_step_title_{story.id}_{i}", (step and step.title) or "").strip()
        note = _typed(f"story_step_note_{story.id}_{i}", (step and step.note) or "").strip()
        if boxes:
            steps.append({"nodes": list(boxes), "title": words or None, "note": note or None})
    if not steps:
        state.flash("error", "Not changed: a story needs at least one step with a box; delete the story instead.")
        return
    changed = {"id": story.id, "title": title, "steps": steps}
    state.apply(edit.save_story, changed, success=f"Story '{title}' saved.")


def delete(story_id: str) -> None:
    state.apply(edit.delete_story, story_id, success="Story deleted.")


fw = require_framework()
key = fingerprint(fw)
stories = offered_stories(fw)
by_id = {s.id: s for s in stories}
own_ids = {s.id for s in fw.stories}

coloured = st.session_state.get(COLOURED, "Level")
progress = COLOUR_BY.get(coloured, False)
chosen = st.session_state.get(CHOSEN)
if chosen not in by_id:  # none chosen yet, or the story has gone (deleted, or its box)
    chosen = st.session_state[CHOSEN] = next(iter(by_id), None)
if chosen is not None and st.session_state.get(PRESENTING):
    story = by_id[chosen]
    st.html(FULL_WINDOW)
    with st.container(key="lm_present"):
        st.iframe(cached_presentation(key, chosen, fw, story, progress), height=720, alt=f"Presentation: {story.title}")
    st.button("Stop presenting", key="lm_present_stop", on_click=stop)
    st.stop()
stop()
changing = not sharing.view_only()  # a viewer or a commenter presents, never saves or changes a story

st.title("Present", anchor=False)
st.caption(md(fw.meta.title))
show_flash()
if not stories:
    st.info("There is nothing to present yet: add boxes on Build, with at least one strategic outcome.")
    st.stop()
own = bool(fw.stories)
st.markdown(
    "Tell the framework one pathway at a time, on a projector: each step frames a few boxes at a size the back "
    "of the room can read, with what they say beside them (a step that says more than the side holds is shown "
    "in parts). Keys: → or Space for the next step or part, ← to go back, Home and End, F for full screen, Esc "
    "to come back here. The framework's own stories come first, then ready-made ones."
    if own
    else "This framework has no stories of its own yet, so here are ready-made ones: one per strategic "
    "outcome (the outcome, then what leads to it, back to the activities) and one per commissioner. "
    "Present one as it is, or save it into the framework to change its words. Keys: → or Space for the next "
    "step (a step that says more than the side holds is shown in parts), ← to go back, Esc to come back here."
)
st.session_state[BOX] = chosen  # the box shows the chosen story, whatever the browser last had in it
st.selectbox(
    "Story",
    list(by_id),
    format_func=lambda story_id: by_id[story_id].title + ("" if story_id in own_ids or not own else " (ready-made)"),
    key=BOX,
    on_change=choose,
)
story = by_id[chosen]
st.session_state[COLOUR_BOX] = coloured if coloured in COLOUR_BY else "Level"
st.selectbox(
    "Colour boxes by",
    list(COLOUR_BY),
    key=COLOUR_BOX,
    on_change=colour,
    help="Progress: each box with indicators takes the colour of its indicators' status, written on the box too, "
    "and the side panel lists the statuses shown.",
    width=260,
)
with st.container(horizontal=True, vertical_alignment="center"):
    st.button(
        "Present",
        type="primary",
        icon=":material/slideshow:",
        on_click=start,
        args=(story.id,),
        key="present_start",
    )
    if story.id not in own_ids and changing:
        st.button("Save this story into the framework", on_click=save_ready_made, args=(story,), key="present_save")
    st.download_button(
        formats.get("slides").button,
        data=sharing.guarded(lambda: cached_slides(key, fw, progress)),
        file_name=formats.get("slides").file_name_for(slug(fw.meta.title)),
        mime="text/html",
        icon=":material/download:",
        on_click="ignore",
        key="download_slides",
    )
st.caption("The slides file presents every story here the same way, on a laptop with no network.")
if progress:  # below the Present button, which stays on a laptop's first screen
    show_progress_key(fw)

crowded = crowded_steps(fw, story)
if crowded:
    which = ", ".join(str(i) for i in crowded)
    st.warning(
        f"Step{'s' if len(crowded) > 1 else ''} {which} of this story show boxes too far apart to be read from the "
        "back of a room: they will be drawn smaller. Split such a step into steps of fewer, neighbouring boxes.",
        icon=":material/visibility:",
    )
st.subheader(f"{plural(len(story.steps), 'step')}", anchor=False)
labels = {n.id: n.label for n in fw.nodes}
for i, step in enumerate(story.steps, 1):
    boxes = "; ".join(labels.get(n, n) for n in step.nodes)
    st.markdown(f"**{i}. {md(step.title or 'Step')}**: {md(boxes)}")

if story.id in own_ids and changing:
    names = {n.id: n.label for n in fw.nodes}
    with st.expander("Change this story"), st.form(f"story_words_{story.id}"):
        # Each field keyed by the saved value it shows: a newer version refreshes only what it changed.
        title_key = fields.field_key(f"story_title_{story.id}", story.title)
        st.text_input("Title", value=story.title, key=title_key, max_chars=200)
        st.caption("Take every box out of a step to remove it; choose boxes for the last, new step to add one.")
        for i, step in enumerate([*story.steps, None]):
            chosen = [n for n in step.nodes if n in names] if step else []
            step_title, step_note = (step and step.title) or "", (step and step.note) or ""
            st.multiselect(
                f"Step {i + 1}: boxes" if step else f"New step {i + 1}: boxes",
                list(names),
                default=chosen,
                format_func=names.__getitem__,
                key=fields.field_key(f"story_step_boxes_{story.id}_{i}", chosen),
            )
            st.text_input(
                f"Step {i + 1}: title",
                value=step_title,
                key=fields.field_key(f"story_step_title_{story.id}_{i}", step_title),
                max_chars=200,
            )
            st.text_area(
                f"Step {i + 1}: note",
                value=step_note,
                key=fields.field_key(f"story_step_note_{story.id}_{i}", step_note),
                max_chars=2000,
            )
        st.form_submit_button("Save the story", on_click=save_words, args=(story,))
    st.button("Delete this story", on_click=delete, args=(story.id,), key=f"present_delete_{story.id}")
