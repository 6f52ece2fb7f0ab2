"""The interactive diagram: one self-contained HTML page, drawn in its final place at once.

The boxes are placed by ``logicmodel.drawing.layout`` and fixed, so the first frame
drawn is the final one. The page is ``diagram_assets/page.html.j2`` rendered by Jinja
with autoescape on; its script is the project's own renderer, ``diagram_assets/canvas.js``
(boxes, links and headings on one canvas: drawing, picking, panning, zooming), and
``diagram.js`` on it, and ``text.js``, which writes the diagram as text
(``logicmodel.drawing.diagram_text``), with ``diagram.css``, all put in the page:
nothing is fetched, and a content security policy forbids any request. Every
text of the framework reaches the page only escaped by Jinja, or in the one
JSON block the script reads (``json_for_script``) and then sets as
``textContent``: never as markup.

The page lets people click a box (or pick it from a list) to see its whole
pathway, what contributes to it and what it contributes to, with the rest
faded; shows a box's details; has a legend; and in projector mode uses large
type for a room.

>>> from logicmodel.core.readwrite import from_data
>>> from logicmodel.core.synthetic import synthetic_data
>>> page = diagram_html(from_data(synthetic_data(20)))
>>> page.startswith("<!DOCTYPE html>") and "cdn.jsdelivr" not in page and 'src="http' not in page
True
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache
from importlib.resources import files
from typing import Any, Literal

from jinja2 import Environment, StrictUndefined, Template
from markupsafe import Markup

from logicmodel.analysis import step_text
from logicmodel.analysis.marks import Mark, Marks  # how a box is marked apart: a plain value the engine makes too
from logicmodel.analysis.progress import BOX_RULE, RULE, BoxStatus, box_status
from logicmodel.analysis.stories import ready_made_stories
from logicmodel.core.bulk import paused_collector
from logicmodel.core.characters import without_unwritable
from logicmodel.core.models import Framework, Node, Story
from logicmodel.core.readwrite import fingerprint  # fingerprint: the engine's one, kept here for the pages
from logicmodel.drawing.diagram_text import diagram_text
from logicmodel.drawing.layout import Layout, layout
from logicmodel.drawing.style import (
    FADED_TEXT,
    NO_STATUS,
    STRENGTH_LABELS,
    STRENGTH_WIDTH,
    TEXT,
    LevelStyle,
    group_order,
    level_styles,
    progress_key,
    progress_marks,
    quick_layout_note,
    select_nodes,
    wrap,
)

__all__ = [
    "CSP",
    "DEFAULT_HEIGHT",
    "KEEP",
    "PRESENT",
    "Mark",
    "Marks",
    "crowded_steps",
    "diagram_and_note",
    "diagram_html",
    "fingerprint",
    "json_for_script",
    "offered_stories",
    "present_stories",
]

DEFAULT_HEIGHT = 720
"""Height of the diagram in CSS pixels, legend and toolbar included."""

CSP = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data: blob:; "
    "font-src data:; connect-src 'none'; media-src 'none'; frame-src 'none'; base-uri 'none'; form-action 'none'"
)
"""The page may run its own inline script and styles and show data: images, and load nothing at all."""

KEEP = 4
"""Pages kept per framework object: a few filter settings, without a session's memory growing with each."""


@cache
def _own(name: str) -> str:
    """A file of the page's own: ``canvas.js``, ``diagram.js``, ``text.js``, ``diagram.css`` or ``page.html.j2`` in
    ``diagram_assets``. Boxes are numbered (0, 1, ...) in the page, never named by their own ids there, and the
    scripts keep every table keyed by text in a Map: an id such as ``__proto__`` stays text."""
    return files("logicmodel.drawing").joinpath("diagram_assets", name).read_text(encoding="utf-8")


def _writable(value: Any) -> Any:
    """Every value the page prints without the characters HTML cannot carry: the last line of defence,
    whatever got past the loader (``Markup`` stays ``Markup``, so unescaped)."""
    if isinstance(value, Markup):
        return Markup(without_unwritable(value))
    return without_unwritable(str(value))


@cache
def _template() -> Template:
    """``page.html.j2``, compiled once per process; autoescape on, and a misspelt name is an error."""
    env = Environment(autoescape=True, undefined=StrictUndefined, finalize=_writable, keep_trailing_newline=True)
    return env.from_string(_own("page.html.j2"))


_SCRIPT_ESCAPES = (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029"))


def json_for_script(value: Any) -> str:
    """JSON that is safe inside an HTML ``<script>`` element: ``<``, ``>``, ``&`` and line separators escaped.

    >>> json_for_script({"a": "</script><b>"})
    '{"a": "\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e"}'
    """
    text = json.dumps(value, ensure_ascii=False)
    for char, escaped in _SCRIPT_ESCAPES:
        text = text.replace(char, escaped)
    return text


def _metrics(projector: bool) -> dict[str, float]:
    """Type and box sizes: normal, or large for a projector at the back of a hall."""
    if projector:
        return {
            "font": 24,
            "width": 330,
            "chars": 23,
            "lines": 4,
            "margin": 12,
            "heading": 40,
            "edge": 1.6,
            "readable": 20,
        }
    return {"font": 14, "width": 200, "chars": 24, "lines": 5, "margin": 8, "heading": 24, "edge": 1.0, "readable": 11}


WIDER = (1.0, 1.35, 1.7, 0.8, 0.6)
"""Box widths tried for frameworks of up to ``FEW`` boxes, as multiples of the normal width (a narrower box
wraps its label on more lines, so no more of it is cut): the one whose drawing best fits ``SCREEN`` wins
(``_fits``). Wider boxes make shorter columns; narrower ones let many columns fit the width at a readable size."""
FEW = 200
SCREEN = (900, 630)
"""The drawing area a diagram is shaped for: the Diagram page's frame on a 1366x768 laptop with the sidebar
open (about 906x635 CSS pixels), the smallest screen the app is made for. A bigger screen shows it larger."""


LARGEST = 2.0
"""Most times its own size a diagram is drawn at first, however few its boxes."""


def _fits(width: float, height: float, m: dict[str, float]) -> tuple[int, float]:
    """How well a drawing of ``width`` x ``height`` fits ``SCREEN`` at first draw, as the page's script draws it
    (``diagram.js``): 2 when all of it fits with labels readable (then by how large), 1 when its width does
    (then by how large, up to its own size: the rest is a drag away), 0 when even that is too small."""
    readable = m["readable"] / m["font"]
    across = SCREEN[0] / max(width, 1)
    whole = min(across, SCREEN[1] / max(height, 1))
    if whole >= readable:
        return 2, whole
    if across >= readable:
        return 1, min(across, 1.0)
    return 0, across


PRESENT = {
    "screen": (1920, 1080),
    "panel": 0.27,
    "pad": 16,
    "readable": 28,
    "text": 24,
    "most": 2.0,
    "width": 300,
    "chars": 23,
    "boxes": 8,
}
"""The presentation's promise and geometry: on a ``screen`` of 1920x1080 CSS pixels, the text panel takes
``panel`` of the width beside the diagram (never over it), a step's boxes are framed ``pad`` pixels inside
the rest, with every label at least ``readable`` pixels tall (in proportion on other screens: about 20 px at
1366x768) and never zoomed past ``most`` times the drawing's size. The page's script reads the same numbers.
The panel's type is never under ``text`` pixels (in proportion elsewhere; diagram.css sizes it in vw) and the
panel never scrolls: a step that says more than it holds is told in parts, → reading on (diagram.js).
Boxes are ``width`` wide (``chars`` a line), a little narrower than the projector diagram's, so that a step
can span three columns (a link skipping one) at that size; a ready-made step frames at most ``boxes`` boxes,
so that what the panel says of them takes few parts."""


def diagram_html(
    fw: Framework,
    *,
    projector: bool = False,
    stakeholder: str | None = None,
    cohort: str | None = None,
    levels: list[str] | tuple[str, ...] | None = None,
    group_by: Literal["stakeholder", "cohort"] | None = None,
    height: int = DEFAULT_HEIGHT,
    standalone: bool = False,
    emphasis: frozenset[str] | None = None,
    stories: tuple[Story, ...] | None = None,
    start: int = 0,
    marks: Marks = (),
    progress: bool = False,
    comment_counts: Mapping[str, int] | None = None,
    link_comment_counts: Mapping[tuple[str, str], int] | None = None,
) -> str:
    """The interactive diagram of ``fw`` as one HTML page that loads nothing from anywhere.

    ``stakeholder``, ``cohort`` and ``levels`` show only the matching boxes;
    ``group_by`` keeps a stakeholder's or cohort's boxes together in each
    column; ``standalone`` adds the framework's title, for a file opened
    outside the app, and makes the page fill its window. ``stories`` makes it a presentation
    for a projector (no toolbar, a text panel beside the diagram, keys to step through; ``start`` the step
    to begin with); standalone, it opens on a list of the stories. ``emphasis``, a set of box ids (e.g. a
    commissioner's pathways), draws those boxes and the links between them as usual and fades the rest.
    ``progress`` colours each box with indicators by its status (``logicmodel.analysis.progress.box_status``),
    writes the status in words on the box's first line, adds the statuses shown to the legend and the summary
    to the box's details; ``marks`` of the same boxes (a change on Compare) win over it.
    ``comment_counts`` (box id -> open comment threads) puts a speech bubble with the count at the top right
    corner of each box that has any, and says it in the box's tooltip and details; ``link_comment_counts``
    ((source, target) -> open threads) marks a link, on its line just before its target. Neither changes a box's size or
    the layout; the default is none, as every page but the Diagram page wants (comments stay out of exports
    and presentations).
    The last few pages made are kept on the framework object (``KEEP``), so asking again for the same one
    costs nothing.
    """
    return diagram_and_note(
        fw,
        projector=projector,
        stakeholder=stakeholder,
        cohort=cohort,
        levels=levels,
        group_by=group_by,
        height=height,
        standalone=standalone,
        emphasis=emphasis,
        stories=stories,
        start=start,
        marks=marks,
        progress=progress,
        comment_counts=comment_counts,
        link_comment_counts=link_comment_counts,
    )[0]


def diagram_and_note(
    fw: Framework,
    *,
    projector: bool = False,
    stakeholder: str | None = None,
    cohort: str | None = None,
    levels: list[str] | tuple[str, ...] | None = None,
    group_by: Literal["stakeholder", "cohort"] | None = None,
    height: int = DEFAULT_HEIGHT,
    standalone: bool = False,
    emphasis: frozenset[str] | None = None,
    stories: tuple[Story, ...] | None = None,
    start: int = 0,
    marks: Marks = (),
    progress: bool = False,
    comment_counts: Mapping[str, int] | None = None,
    link_comment_counts: Mapping[tuple[str, str], int] | None = None,
) -> tuple[str, str]:
    """The page of ``diagram_html`` and the sentence to show beside it when its layout was made quickly
    (``quick_layout_note``: "" for every ordinary framework)."""
    levels_key = None if levels is None else tuple(levels)
    stories_key = None if stories is None else tuple(stories)
    key = (projector, stakeholder, cohort, levels_key, group_by, int(height), standalone)
    counts = _open_counts(comment_counts), _open_counts(link_comment_counts)
    key += (emphasis, stories_key, start, tuple(marks), progress, counts)
    pages: dict = fw.cached("diagram_pages", lambda _fw: {})
    if key in pages:
        pages[key] = pages.pop(key)  # most recently used last
        return pages[key]
    with paused_collector():  # many short-lived objects and no cycles, as when reading a file
        if stories_key is not None:
            made = pages[key] = _build_present(fw, stories_key, start, standalone, progress)
        else:
            made = pages[key] = _build(
                fw,
                projector,
                stakeholder,
                cohort,
                levels_key,
                group_by,
                int(height),
                standalone,
                emphasis,
                dict(marks),
                progress,
                counts,
            )
    while len(pages) > KEEP:
        del pages[next(iter(pages))]
    return made


def _open_counts(counts: Mapping[Any, int] | None) -> tuple[tuple[Any, int], ...]:
    """The counts worth a mark (more than none), in a fixed order: part of the key a page is kept by."""
    if not counts:
        return ()
    return tuple(sorted(((key, int(n)) for key, n in counts.items() if int(n) > 0), key=lambda kv: str(kv[0])))


def _box(node: Node, m: dict[str, float], glyph: str, words: str = "") -> tuple[str, float, float, float]:
    """A box's wrapped label (its level's mark first; ``words``, a status, on a line above), the height of its
    text, and its size drawn in pixels."""
    lines = ([words] if words else []) + wrap(f"{glyph} {node.label}", int(m["chars"]), int(m["lines"]))
    inner = len(lines) * m["font"] * 1.3 + 4
    return "\n".join(lines), inner, m["width"] + 2 * m["margin"] + 12, inner + 2 * m["margin"] + 4


def _build(
    fw: Framework,
    projector: bool,
    stakeholder: str | None,
    cohort: str | None,
    levels: tuple[str, ...] | None,
    group_by: Literal["stakeholder", "cohort"] | None,
    height: int,
    standalone: bool,
    emphasis: frozenset[str] | None = None,
    marks: dict[str, Mark] | None = None,
    progress: bool = False,
    counts: tuple[tuple[tuple[str, int], ...], tuple[tuple[tuple[str, str], int], ...]] = ((), ()),
) -> tuple[str, str]:
    drawings: dict = fw.cached("diagram_drawings", lambda _fw: {})
    key = (projector, stakeholder, cohort, levels, group_by, emphasis, tuple((marks or {}).items()), progress)
    if key not in drawings:  # a new count of comments draws the same boxes again: only the page is made anew
        drawings.clear()  # the last one only: a big framework's drawing is as big as its page
        drawings[key] = _drawing(fw, projector, stakeholder, cohort, levels, group_by, emphasis, marks, progress)
    scene, result, styles, m, judged = drawings[key]
    extra = {"comments": _comment_marks(result, m, *counts)} if any(counts) else None
    page = _page(
        scene,
        fw,
        result,
        styles,
        m,
        projector,
        height,
        standalone,
        group_by,
        extra,
        judged=judged if progress else None,
        marks=marks,
        emphasis=emphasis,
    )
    return page, quick_layout_note(result)


def _drawing(
    fw: Framework,
    projector: bool,
    stakeholder: str | None,
    cohort: str | None,
    levels: tuple[str, ...] | None,
    group_by: Literal["stakeholder", "cohort"] | None,
    emphasis: frozenset[str] | None,
    marks: dict[str, Mark] | None,
    progress: bool,
) -> tuple[dict[str, Any], Layout, dict[str, LevelStyle], dict[str, float], dict[str, BoxStatus]]:
    """The boxes and links as the page's renderer draws them, placed, with what the page is made from besides."""
    styles = level_styles(fw)
    judged = box_status(fw) if progress else {}
    marks = dict(progress_marks(judged)) | (marks or {})
    shown = [n for n in select_nodes(fw, stakeholder=stakeholder, cohort=cohort, levels=levels) if n.level in styles]
    best = None
    for wider in WIDER if len(shown) <= FEW else WIDER[:1]:
        m = _metrics(projector)
        m["width"], m["chars"] = m["width"] * wider, int(m["chars"] * wider)
        m["lines"] = max(m["lines"], round(m["lines"] / wider))  # a narrow box: as much of its label, more lines
        boxes = {node.id: _box(node, m, _glyph(node, styles, marks), _words(node, marks)) for node in shown}
        result = layout(
            fw,
            node_ids=boxes,
            levels=levels,
            group_by=group_by,
            size=lambda node, b=boxes: b[node.id][2:],
            column_gap=m["width"] * 0.3,
            band_gap=m["width"] * 0.1,
            row_gap=m["font"] * 1.4,
        )
        fit = _fits(*_extent(result, m), m)
        if best is None or fit[0] > best[0][0] or (fit[0] == best[0][0] and fit[1] > best[0][1] * 1.05):
            best = (fit, m, boxes, result)
    _, m, boxes, result = best
    scene = _scene(fw, result, boxes, styles, m) | _links(fw, result, m)
    scene["own"] = _own_looks(list(result.x), marks, plain=progress)
    if emphasis is not None:
        scene |= _fade_all_but(result, emphasis)
    return scene, result, styles, m, judged


def _comment_marks(
    result: Layout,
    m: dict[str, float],
    boxes: tuple[tuple[str, int], ...],
    links: tuple[tuple[tuple[str, str], int], ...],
) -> dict[str, Any]:
    """What the page's script needs to draw the comment marks: ``boxes``, [k, count] for box k; ``links``,
    [j, count] for link "ej"; ``size``, the mark's type size in the drawing's units (the label's, a quarter
    larger, so a mark reads wherever a label does). Counts of boxes or links not drawn are left out."""
    number = {node_id: k for k, node_id in enumerate(result.x)}
    link_number = {pair: j for j, pair in enumerate(result.links)}
    return {
        "boxes": [[number[box], n] for box, n in boxes if box in number],
        "links": [[link_number[tuple(pair)], n] for pair, n in links if tuple(pair) in link_number],
        "size": round(m["font"] * 1.25, 1),
    }


_FADED = {"text": FADED_TEXT, "border": "#c8c8c8", "edge": "#e3e3e3"}
"""A faded box's text and border (its fill white) and a faded link's colour."""


def _fade_all_but(result: Layout, emphasis: frozenset[str]) -> dict[str, list[int]]:
    """The boxes not in ``emphasis`` and the links not between two of them, by number, which the page draws
    faded at first and again when a pathway is cleared (a box's own pathway shows in full)."""
    return {
        "fadedBoxes": [k for k, node_id in enumerate(result.x) if node_id not in emphasis],
        "fadedLinks": [
            j for j, (source, target) in enumerate(result.links) if source not in emphasis or target not in emphasis
        ],
    }


def _present_layout(
    fw: Framework, together: frozenset[str] | None = None, progress: bool = False
) -> tuple[dict[str, float], dict, Layout]:
    """The presentation's drawing: every box in large type at the normal width, ``together`` (a story's
    boxes) kept at the top of each column, the rest below; a few kept per framework. ``present_stories``
    cuts ready-made steps to fit it, so the page draws exactly this (with ``progress``, a box with indicators
    has its status on a line more: a step may then be framed a little smaller)."""
    made: dict = fw.cached("present_layouts", lambda _fw: {})
    if (together, progress) not in made:
        m = _metrics(True) | {"width": PRESENT["width"], "chars": PRESENT["chars"]}
        styles = level_styles(fw)
        marks = dict(progress_marks(box_status(fw))) if progress else {}
        boxes = {n.id: _box(n, m, styles[n.level].glyph, _words(n, marks)) for n in fw.nodes if n.level in styles}
        result = layout(
            fw,
            node_ids=boxes,
            size=lambda node: boxes[node.id][2:],
            column_gap=m["width"] * 0.2,
            band_gap=m["width"] * 0.1,
            row_gap=m["font"] * 1.4,
            together=together,
        )
        made[(together, progress)] = (m, boxes, result)
        while len(made) > 64:
            del made[next(iter(made))]
    return made[(together, progress)]


def _drawn_width(m: dict[str, float]) -> float:
    """A box's width as the page draws it: the text's width, a margin each side and the border."""
    return m["width"] + 2 * m["margin"] + 4


def present_room() -> tuple[float, float]:
    """Width and height, in the drawing's units, that a step's boxes may span to be framed at the promised
    size on the promised screen (``PRESENT``)."""
    width, height = PRESENT["screen"]
    scale = PRESENT["readable"] / _metrics(True)["font"] * 1.01  # a little to spare
    free = width * (1 - PRESENT["panel"]) - 2 * PRESENT["pad"], height - 2 * PRESENT["pad"]
    return free[0] / scale, free[1] / scale


PER_STORY = 150
"""Frameworks of up to this many boxes draw each story with its boxes together (a layout a story); bigger
ones draw every story on the one layout, so that making the slides stays quick."""


def _together(fw: Framework, boxes: frozenset[str]) -> frozenset[str] | None:
    return boxes if len(fw.nodes) <= PER_STORY else None


def _framing(fw: Framework) -> Any:
    """For a story's boxes, whether a step's boxes fit the screen (``present_room``) in the story's drawing,
    and where each is, top to bottom (``logicmodel.analysis.stories.Framing``)."""

    def framing(together: frozenset[str]) -> tuple[Any, Any]:
        m, _boxes, result = _present_layout(fw, _together(fw, together))
        room_w, room_h = present_room()
        half_w = _drawn_width(m) / 2

        def fits(ids: Any) -> bool:
            if len(ids) > PRESENT["boxes"]:
                return False
            left = min(result.x[i] for i in ids) - half_w
            right = max(result.x[i] for i in ids) + half_w
            top = min(result.y[i] - result.height[i] / 2 for i in ids)
            bottom = max(result.y[i] + result.height[i] / 2 for i in ids)
            return right - left <= room_w and bottom - top <= room_h

        def order(node_id: str) -> float:
            return result.y.get(node_id, 0.0) + result.x.get(node_id, 0.0) * 1e-6

        return fits, order

    return framing


def present_stories(fw: Framework) -> tuple[Story, ...]:
    """The stories to present: the framework's own, or ready-made ones with steps cut to what a projector
    shows at a readable size (``PRESENT``), each step's boxes top to bottom as drawn."""
    if fw.stories:
        return tuple(fw.stories)
    return _ready_made(fw)


def offered_stories(fw: Framework) -> tuple[Story, ...]:
    """What the Present page offers: the framework's own stories, then the ready-made ones not yet saved
    (an id not taken), so that saving one does not hide the others."""
    taken = {story.id for story in fw.stories}
    return (*fw.stories, *(story for story in _ready_made(fw) if story.id not in taken))


def _ready_made(fw: Framework) -> tuple[Story, ...]:
    def made(fw: Framework) -> tuple[Story, ...]:
        return tuple(ready_made_stories(fw, framing=_framing(fw), tells=step_text.tells(fw)))

    return fw.cached("present_stories", made)


def crowded_steps(fw: Framework, story: Story) -> list[int]:
    """The steps of ``story`` (numbered from 1) whose boxes are too far apart to be framed at the promised
    size (``PRESENT``): the presentation shows them smaller, so the Present page says to split them."""
    fits, _order = _framing(fw)(_story_boxes(story))
    crowded = []
    for i, step in enumerate(story.steps, 1):
        shown = [n for n in step.nodes if n in fw.node_by_id]
        if len(shown) > 1 and not fits(shown):
            crowded.append(i)
    return crowded


def _story_boxes(story: Story) -> frozenset[str]:
    return frozenset(n for step in story.steps for n in step.nodes)


def _build_present(
    fw: Framework, stories: tuple[Story, ...], start: int, standalone: bool, progress: bool = False
) -> tuple[str, str]:
    """The presentation: the whole framework in large type, ``stories`` told a step at a time, each drawn
    with its own boxes together at the top of each column (the rest below, faded); with ``progress``, each
    box with indicators coloured and marked by its status, and the statuses shown listed in the panel."""
    first = _together(fw, _story_boxes(stories[0])) if stories and not standalone else None
    m, boxes, result = _present_layout(fw, first, progress)
    judged = box_status(fw) if progress else {}
    styles = level_styles(fw)
    number = {node_id: k for k, node_id in enumerate(result.x)}
    told = []
    for story in stories:
        steps = []
        for step in story.steps:
            shown = [number[n] for n in step.nodes if n in number]
            if shown:
                steps.append({"nodes": shown, "title": step.title or "", "note": step.note or ""})
        if not steps:
            continue
        told.append({"title": story.title, "steps": steps})
        together = _together(fw, _story_boxes(story))
        if together is not None:
            drawn = _present_layout(fw, together, progress)[2]
            told[-1] |= {"y": [round(drawn.y[node_id], 1) for node_id in result.x], "routes": _routes(drawn, m)}
    scene = _scene(fw, result, boxes, styles, m, keys=False) | _links(fw, result, m)
    scene["own"] = _own_looks(list(result.x), dict(progress_marks(judged)), plain=progress)
    extra = {
        "stories": told,
        "start": max(0, int(start)),
        "present": {key: PRESENT[key] for key in ("panel", "pad", "most")} | {"font": m["font"]},
    }
    page = _page(
        scene, fw, result, styles, m, True, DEFAULT_HEIGHT, standalone, None, extra, judged=judged if progress else None
    )
    return page, quick_layout_note(result)


def _glyph(node: Node, styles: dict[str, LevelStyle], marks: dict[str, Mark] | None) -> str:
    """The level's mark before a box's label, and the box's own sign (a change on Compare) before that."""
    glyph = styles[node.level].glyph
    mark = (marks or {}).get(node.id)
    return f"{mark.sign} {glyph}" if mark and mark.sign else glyph


def _words(node: Node, marks: dict[str, Mark] | None) -> str:
    """The line of words above a box's label (its status, coloured by progress), or ""."""
    mark = (marks or {}).get(node.id)
    return mark.words if mark else ""


_PLAIN_BOX = ("#ffffff", NO_STATUS, 2, False)
"""A box with no status on a diagram coloured by progress: white, a thin grey border, so that no level's colour
is read as a status (an activity's blue is not "improving")."""


def _own_looks(ids: list[str], marks: dict[str, Mark] | None, plain: bool = False) -> list[list[Any]]:
    """The boxes drawn in their own look rather than their level's, as ``[k, fill, border, border width,
    dashed]`` (box ``k`` is ``ids[k]``): each marked box (a change on Compare, a progress status), which the
    page keeps through a highlight (a fade it does not); with ``plain`` (coloured by progress), every unmarked
    box white with a thin grey border."""
    if not marks and not plain:
        return []
    marks = marks or {}
    looks: list[list[Any]] = []
    for k, node_id in enumerate(ids):
        mark = marks.get(node_id)
        if mark is not None:
            looks.append([k, mark.background, mark.border, 4, bool(mark.dashed)])
        elif plain:
            looks.append([k, *_PLAIN_BOX])
    return looks


_RADIUS = {"square": 0, "triangle": 6, "circle": 18, "diamond": 3, "star": 10, "hexagon": 12}
"""A box's corner radius by its level's mark, so that levels differ in shape as well as colour."""


def _scene(
    fw: Framework, result: Layout, boxes: dict, styles: dict[str, LevelStyle], m: dict, keys: bool = True
) -> dict[str, Any]:
    """What the page's renderer draws of the boxes: box ``k`` of ``result.x`` at ``x[k]``, ``y[k]``, with its
    label as drawn (``labels[k]``, lines joined by a newline) and its level's number (``levels[k]``, into
    ``styles`` and ``levelNames``); the level headings; type sizes. With ``keys``, the arrow keys move the
    diagram and + and - zoom it once it has the focus (the presentation has keys of its own)."""
    by_id = fw.node_by_id
    number = {level: i for i, level in enumerate(styles)}
    top = -m["heading"] * 3.2
    return {
        "x": [round(result.x[node_id], 1) for node_id in result.x],
        "y": [round(result.y[node_id], 1) for node_id in result.x],
        "labels": [boxes[node_id][0] for node_id in result.x],
        "levels": [number[by_id[node_id].level] for node_id in result.x],
        "levelNames": [fw.level_label(level) for level in styles],
        "styles": [
            {"fill": style.fill, "border": style.colour, "radius": _RADIUS[style.mark]} for style in styles.values()
        ],
        "headings": [
            {
                "label": "\n".join(_heading_lines(band.label, band.right - band.left, m)),
                "x": round((band.left + band.right) / 2, 1),
                "y": round(top, 1),
            }
            for band in result.bands
        ],
        "font": m["font"],
        "headingFont": m["heading"],
        "margin": m["margin"],
        "keys": keys,
    }


def _heading_lines(label: str, width: float, m: dict[str, float]) -> list[str]:
    """A level's heading on lines about as wide as its column (no narrower than its longest word), so that a
    narrow column's heading neither runs into the next one nor out of the drawing."""
    longest = max((len(word) for word in label.split()), default=1)
    return wrap(label, max(longest, min(26, int(width / (m["heading"] * HEADING_CHAR)))), 3)


HEADING_CHAR = 0.55
"""The width of a heading's average character, as a share of its height (a sans-serif's lower case)."""


def _links(fw: Framework, result: Layout, m: dict) -> dict[str, Any]:
    """What the page's renderer draws of the links: link ``j`` of ``result.links`` from box ``from[j]`` to box
    ``to[j]`` (numbers as in ``_scene``); ``widths``, ``[j, width]`` for each link of stated strength, drawn
    solid at that width (the rest, of unstated strength, dashed at ``linkWidth``: most links of a big
    framework, so a page of 100,000 links carries little more than their ends); ``routes``, the links that
    skip columns, drawn through the layout's bend points."""
    strength = {(link.source, link.target): link.strength for link in fw.links}
    number = {node_id: k for k, node_id in enumerate(result.x)}
    widths = []
    for j, pair in enumerate(result.links):
        grade = strength.get(pair, "unknown")
        if grade != "unknown":
            widths.append([j, STRENGTH_WIDTH[grade] * m["edge"]])
    return {
        "from": [number[source] for source, _target in result.links],
        "to": [number[target] for _source, target in result.links],
        "widths": widths,
        "linkWidth": STRENGTH_WIDTH["unknown"] * m["edge"],
        "routes": _routes(result, m),
    }


def _routes(result: Layout, m: dict) -> list[list[Any]]:
    """The links that skip columns, as ``[j, [x0, y0, x1, y1, ...]]``: link ``j`` from the right side of its
    source box, through the layout's bend points, to the left side of its target (as on the poster)."""
    half = _drawn_width(m) / 2
    routes = []
    for k, pair in enumerate(result.links):
        bends = result.routes.get(pair)
        if not bends:
            continue
        source, target = pair
        points = [(result.x[source] + half, result.y[source]), *bends, (result.x[target] - half, result.y[target])]
        routes.append([k, [round(v, 1) for point in points for v in point]])
    return routes


_LINK_COLOUR = "#4d4d4d"


def _box_details(fw: Framework, shown: list[Node], judged: dict[str, BoxStatus] | None = None) -> dict[str, list[Any]]:
    """What the details panel says about the shown boxes: one list a field, in box-number order (a field's
    name once, not once a box, in a page of thousands); plain strings, set as text. With ``judged`` (coloured
    by progress), ``progress`` is each box's status and summary, and each indicator's status follows its name."""
    names = {s.id: s.name for s in fw.stakeholders}
    if judged is not None:
        progress = []
        for n in shown:
            found = judged.get(n.id)
            progress.append(f"{found.status.capitalize()}: {found.summary}" if found else "")
        return _box_details(fw, shown) | {
            "progress": progress,
            "indicators": [
                [
                    i.name + (f" ({i.source})" if i.source else "") + f": {j.status}, {j.why}"
                    for i, j in zip(n.indicators, judged[n.id].judgements, strict=True)
                ]
                if n.id in judged
                else []
                for n in shown
            ],
        }
    return {
        "label": [n.label for n in shown],
        "description": [n.description or "" for n in shown],
        "stakeholders": [[names.get(s, s) for s in n.stakeholders] for n in shown],
        "cohorts": [list(n.cohorts) for n in shown],
        "indicators": [[i.name + (f" ({i.source})" if i.source else "") for i in n.indicators] for n in shown],
        "evidence": [[e.title for e in n.evidence] for n in shown],
    }


_STRENGTHS = ("strong", "moderate", "weak", "unknown")
_STRENGTH_WORDS = ["Strong evidence", "Moderate evidence", "Weak evidence", "Strength of evidence not stated"]


def _link_details(fw: Framework, result: Layout) -> dict[str, list[Any]]:
    """What the details panel says about the links (``ek`` is link k): ``strength``, a number into
    ``_STRENGTH_WORDS`` for each; ``why``, for the links that say why they hold, their rationale and
    assumptions (most links of a big framework have none, and carry only their strength)."""
    by_pair = {(link.source, link.target): link for link in fw.links}
    grade = {name: k for k, name in enumerate(_STRENGTHS)}
    strength, why = [], []
    for k, pair in enumerate(result.links):
        link = by_pair[pair]
        strength.append(grade.get(link.strength, grade["unknown"]))
        if link.rationale or link.assumptions:
            why.append({"link": k, "rationale": link.rationale or "", "assumptions": list(link.assumptions)})
    return {"strength": strength, "why": why}


def _extent(result: Layout, m: dict[str, float]) -> tuple[float, float]:
    """The drawing's width and height in its own pixels, headings and margins included."""
    return result.total_width + 2 * m["width"] * 0.1, result.total_height + 4 * m["heading"]


def _legend(
    result: Layout, styles: dict[str, LevelStyle], m: dict, judged: dict[str, BoxStatus] | None = None
) -> dict[str, Any]:
    """What the legend shows: each shown level's swatch and name, then a line of each strength of evidence;
    coloured by progress (``judged``), each status of a shown box first, with its meaning and the rules."""
    scale = m["edge"]
    shown = [judged[node_id].status for node_id in result.x if node_id in judged] if judged is not None else []
    return {
        "progress": progress_key(shown) if judged is not None else None,
        "plain": NO_STATUS if judged is not None else None,
        "rule": f"{BOX_RULE} {RULE}",
        "levels": [styles[band.level] for band in result.bands],
        "links": [
            {"label": STRENGTH_LABELS[grade], "width": STRENGTH_WIDTH[grade] * scale, "dashed": grade == "unknown"}
            for grade in _STRENGTHS
        ],
        "width": int(36 * scale),
        "height": int(12 * scale),
        "length": 36 * scale,
        "middle": 6 * scale,
    }


def _page(
    scene: dict[str, Any],
    fw: Framework,
    result: Layout,
    styles: dict,
    m: dict,
    projector: bool,
    height: int,
    standalone: bool,
    group_by: str | None = None,
    extra: dict[str, Any] | None = None,
    judged: dict[str, BoxStatus] | None = None,
    marks: dict[str, Mark] | None = None,
    emphasis: frozenset[str] | None = None,
) -> str:
    """The page from ``page.html.j2``: toolbar, legend, details and the script, with its data as one JSON block
    (``extra``: the presentation's stories and geometry); ``judged``, ``marks`` and ``emphasis`` for the
    diagram as text (``diagram_text``)."""
    ids = list(result.x)
    by_id = fw.node_by_id
    text = diagram_text(fw, result, judged, marks, emphasis)
    data = {
        "fadedBoxes": [],
        "fadedLinks": [],
        **scene,
        "ids": ids,
        "boxes": _box_details(fw, [by_id[node_id] for node_id in ids], judged),
        "links": _link_details(fw, result),
        "strengths": _STRENGTH_WORDS,
        "linkColour": _LINK_COLOUR,
        "byLabel": sorted(range(len(ids)), key=lambda k: (by_id[ids[k]].label.casefold(), ids[k])),
        "extent": list(_extent(result, m)),
        "text": TEXT,
        "readable": m["readable"] / m["font"],
        "largest": LARGEST,
        "faded": _FADED,
        "boxWidth": _drawn_width(m),
        "boxHeight": [round(result.height[node_id], 1) for node_id in ids],
        "stories": None,
        "comments": None,
        "reading": text.data(_STRENGTHS),
    } | (extra or {})
    count = len(ids)
    return _template().render(
        csp=Markup(CSP),  # our constant; escaping would turn its quotes into &#39;
        title=fw.meta.title,
        css=Markup(_own("diagram.css")),
        canvas=Markup(_own("canvas.js")),
        script=Markup(_own("diagram.js")),
        text_script=Markup(_own("text.js")),
        height=height,
        font=int(m["font"]),
        projector=projector,
        standalone=standalone,
        present=bool(extra) and "stories" in extra,
        panel=int(PRESENT["panel"] * 100),
        count=f"{count} box{'es' if count != 1 else ''}",
        legend=_legend(result, styles, m, judged),
        groups={"by": group_by, "names": group_order(fw, result, group_by)} if group_by else None,
        data=Markup(json_for_script(data)),
        text=text,
    )
