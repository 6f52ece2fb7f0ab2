"""The framework as a poster to print: an SVG page, A3 landscape by default, laid out like the diagram.

Same columns, same order, same colours and marks as the interactive
diagram (``logicmodel.drawing.layout`` and ``logicmodel.drawing.style``). Sizes are
millimetres on paper. Every label is wrapped in full, never cut; the box
width is chosen, from a few, to give the largest type the page allows, and
a note on the poster says so when a framework is too big for its paper to
be read at arm's length. All text is escaped for XML.

>>> from logicmodel.core.readwrite import from_data
>>> from logicmodel.core.synthetic import synthetic_data
>>> svg = poster_svg(from_data(synthetic_data(12)))
>>> svg.startswith('<?xml') and 'width="420mm"' in svg
True
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from typing import Literal
from xml.sax.saxutils import escape, quoteattr

from logicmodel.analysis.marks import Mark
from logicmodel.analysis.progress import BOX_RULE, box_status
from logicmodel.core.characters import without_unwritable
from logicmodel.core.models import Framework
from logicmodel.core.wording import plural
from logicmodel.drawing.layout import Layout, layout
from logicmodel.drawing.style import (
    NO_STATUS,
    STRENGTH_LABELS,
    STRENGTH_WIDTH,
    TEXT,
    LevelStyle,
    group_order,
    level_styles,
    progress_key,
    progress_marks,
    select_nodes,
    wrap,
)

__all__ = ["PAPER", "most_readable", "poster_and_outline", "poster_svg"]

PAPER = {"A4": (297.0, 210.0), "A3": (420.0, 297.0), "A2": (594.0, 420.0), "A1": (841.0, 594.0), "A0": (1189.0, 841.0)}
"""Paper sizes in millimetres, landscape."""

FONT = 3.2
"""Box text on paper, in mm at full scale (about 9 pt)."""
LINE = FONT * 1.25
PAD = 1.8
CHAR = FONT * 0.54
"""Average width of a character of Arial/Helvetica, in mm: wraps lines so they fit the box."""
MARK = 2.4
MIN_READABLE = 2.1
"""Smallest type that reads on paper at arm's length (about 6 pt), in mm."""
FAMILY = "Arial, Helvetica, 'Liberation Sans', sans-serif"
MARGIN = 10.0
TITLE_BAND = 20.0
LEGEND_BAND = 20.0
KEY_BAND = 14.0
"""Room added under the legend on a poster coloured by progress: what each status shown means."""
HEADING_BAND = 16.0


@dataclass(frozen=True)
class _Plan:
    result: Layout
    lines: dict[str, list[str]]
    box_width: float
    scale: float


def _plan(
    fw: Framework, ids: list[str], area: tuple[float, float], levels, group_by, marks: dict[str, Mark] | None = None
) -> _Plan:
    """Try a few box widths and keep the one that lets the type be largest on the page; a marked box (coloured
    by progress) has its status in words on a first line."""
    by_id = fw.node_by_id
    candidates = (40.0, 52.0, 66.0, 84.0) if len(ids) <= 400 else (52.0,)
    best: _Plan | None = None
    for box_width in candidates:
        chars = max(8, int((box_width - 2 * PAD - MARK - 1.0) / CHAR))
        lines = {node_id: wrap(by_id[node_id].label, chars) for node_id in ids}
        for node_id, mark in (marks or {}).items():
            if node_id in lines:
                lines[node_id] = [mark.words, *lines[node_id]]
        result = layout(
            fw,
            node_ids=ids,
            levels=levels,
            group_by=group_by,
            size=lambda node, w=box_width, ls=lines: (w, len(ls[node.id]) * LINE + 2 * PAD),
            column_gap=18.0,
            band_gap=6.0,
            row_gap=4.0,
            bend_height=1.5,
        )
        scale = min(
            1.3,
            area[0] / max(result.total_width, 1.0),
            (area[1] - HEADING_BAND) / max(result.total_height, 1.0),
        )
        if best is None or scale > best.scale + 1e-9:
            best = _Plan(result, lines, box_width, scale)
    assert best is not None
    return best


def _mark(kind: str, cx: float, cy: float, r: float, colour: str) -> str:
    """A level's mark (square, triangle...) as SVG, centred on (cx, cy)."""
    fill = f'fill="{colour}" stroke="{TEXT}" stroke-width="{r * 0.12:.2f}"'
    if kind == "square":
        return f'<rect x="{cx - r:.2f}" y="{cy - r:.2f}" width="{2 * r:.2f}" height="{2 * r:.2f}" {fill}/>'
    if kind == "circle":
        return f'<circle cx="{cx:.2f}" cy="{cy:.2f}" r="{r:.2f}" {fill}/>'
    points = {
        "triangle": [(0, -1.1), (1.05, 0.8), (-1.05, 0.8)],
        "diamond": [(0, -1.2), (1.2, 0), (0, 1.2), (-1.2, 0)],
        "hexagon": [(math.cos(a) * 1.1, math.sin(a) * 1.1) for a in (k * math.pi / 3 for k in range(6))],
        "star": [
            (math.cos(a) * rr, math.sin(a) * rr)
            for k in range(10)
            for a, rr in [(-math.pi / 2 + k * math.pi / 5, 1.2 if k % 2 == 0 else 0.5)]
        ],
    }[kind]
    coords = " ".join(f"{cx + x * r:.2f},{cy + y * r:.2f}" for x, y in points)
    return f'<polygon points="{coords}" {fill}/>'


def _link_path(points: list[tuple[float, float]], digits: int = 2) -> str:
    """A smooth path through ``points``, leaving and entering each horizontally."""
    (x0, y0), rest = points[0], points[1:]
    parts = [f"M{x0:.{digits}f},{y0:.{digits}f}"]
    for x1, y1 in rest:
        dx = (x1 - x0) / 2
        c1, c2 = f"{x0 + dx:.{digits}f},{y0:.{digits}f}", f"{x1 - dx:.{digits}f},{y1:.{digits}f}"
        end = f"{x1:.{digits}f},{y1:.{digits}f}"
        parts.append(f"C{c1} {c2} {end}")
        x0, y0 = x1, y1
    return "".join(parts)


def poster_svg(
    fw: Framework,
    *,
    paper: Literal["A4", "A3", "A2", "A1", "A0"] = "A3",
    stakeholder: str | None = None,
    cohort: str | None = None,
    levels: list[str] | tuple[str, ...] | None = None,
    group_by: Literal["stakeholder", "cohort"] | None = None,
    progress: bool = False,
) -> str:
    """The poster of ``fw`` (or of the boxes the filters keep) as an SVG document, landscape on ``paper``;
    with ``progress``, each box with indicators coloured by its status and saying it in words on its first
    line, the rest white, and the legend saying what each status shown means."""
    return _poster(fw, paper, stakeholder, cohort, levels, group_by, progress=progress)[0]


def poster_and_outline(fw: Framework, *, paper: Literal["A4", "A3", "A2", "A1", "A0"] = "A4") -> tuple[str, str | None]:
    """The poster of ``fw`` on ``paper``, and its outline when the poster's type is too small to read there.

    The outline is the same layout with each box a block of its level's colour and no words (there would be
    nothing to read at that size), its links drawn as one line per strength: a few dozen shapes where the
    poster has thousands, so that turning it into a picture is quick. None when the poster can be read.

    >>> from logicmodel.core.readwrite import from_data
    >>> from logicmodel.core.synthetic import synthetic_data
    >>> poster_and_outline(from_data(synthetic_data(12)))[1] is None
    True
    >>> outline = poster_and_outline(from_data(synthetic_data(1000)))[1]
    >>> '<path class="block' in outline and 'data-id=' not in outline  # blocks, no boxes with words
    True
    """
    return _poster(fw, paper, None, None, None, None, outline=True)


def most_readable(paper: Literal["A4", "A3", "A2", "A1", "A0"]) -> int:
    """No poster of more boxes than this can be read on ``paper``: even the narrowest one-line boxes, packed
    with the smallest gaps at the smallest readable type, would not fit. A bound to skip drawing what nobody
    could read, before paying for its layout; fewer boxes may still not fit.

    >>> most_readable("A4") < most_readable("A3")
    True
    """
    page_w, page_h = PAPER[paper]
    scale = MIN_READABLE / FONT
    width = (page_w - 2 * MARGIN) / scale
    height = (page_h - 2 * MARGIN - TITLE_BAND - LEGEND_BAND - HEADING_BAND) / scale
    return int(width * height / ((40.0 + 18.0) * (LINE + 2 * PAD + 4.0)))


def _poster(
    fw: Framework,
    paper: Literal["A4", "A3", "A2", "A1", "A0"],
    stakeholder: str | None,
    cohort: str | None,
    levels: list[str] | tuple[str, ...] | None,
    group_by: Literal["stakeholder", "cohort"] | None,
    outline: bool = False,
    progress: bool = False,
) -> tuple[str, str | None]:
    page_w, page_h = PAPER[paper]
    styles = level_styles(fw)
    ids = [n.id for n in select_nodes(fw, stakeholder=stakeholder, cohort=cohort, levels=levels) if n.level in styles]
    judged = box_status(fw) if progress else None
    marks = dict(progress_marks({i: judged[i] for i in ids if i in judged})) if judged is not None else None
    key = progress_key(judged[i].status for i in ids if i in judged) if judged is not None else None
    bottom = LEGEND_BAND + (KEY_BAND if key else 0.0)
    area = (page_w - 2 * MARGIN, page_h - 2 * MARGIN - TITLE_BAND - bottom)
    plan = _plan(fw, ids, area, levels, group_by, marks)
    result, s = plan.result, plan.scale
    ox = MARGIN + (area[0] - result.total_width * s) / 2
    oy = MARGIN + TITLE_BAND + HEADING_BAND

    def draw(blocks: bool) -> str:
        out: list[str] = [
            '<?xml version="1.0" encoding="UTF-8"?>',
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{page_w:g}mm" height="{page_h:g}mm" '
            f'viewBox="0 0 {page_w:g} {page_h:g}" font-family="{FAMILY}" role="img">',
            f"<title>{escape(fw.meta.title)}</title>",
            '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="2.6" markerHeight="2.6" '
            'orient="auto-start-reverse" markerUnits="userSpaceOnUse"><path d="M0,0 L10,5 L0,10 z" fill="#4d4d4d"/>'
            "</marker></defs>",
            f'<rect x="0" y="0" width="{page_w:g}" height="{page_h:g}" fill="#ffffff"/>',
        ]
        out += _header(fw, page_w, len(ids), len(result.links), s, blocks)
        out.append(f'<g transform="translate({ox:.2f},{oy:.2f}) scale({s:.4f})">')
        out += _headings(result, styles, s)
        if blocks:
            out += _outline_links(fw, result) + _blocks(fw, result, styles)
        else:
            out += _links(fw, result) + _boxes(fw, result, plan.lines, styles, marks)
        out.append("</g>")
        out += _legend(result, styles, page_w, page_h - (KEY_BAND if key else 0.0), key, plain=marks is not None)
        if key:
            out += _key(key, page_w, page_h)
        if group_by is not None:
            out.append(_groups(fw, result, group_by, page_h - (KEY_BAND if key else 0.0)))
        out.append("</svg>")
        return without_unwritable("\n".join(out) + "\n")  # well-formed XML, whatever got past the model

    unreadable = FONT * s < MIN_READABLE
    return draw(False), (draw(True) if outline and unreadable else None)


def _header(fw: Framework, page_w: float, n_boxes: int, n_links: int, scale: float, blocks: bool) -> list[str]:
    meta = fw.meta
    where = ", ".join(x for x in (meta.organisation, meta.area) if x)
    counts = f"{plural(n_boxes, 'box')}, {plural(n_links, 'link')}"
    sub = " · ".join(x for x in (where, counts, f"printed {date.today().isoformat()}") if x)
    size = 7.0  # the title shrinks to fit one line, down to 4.5 mm, and is cut only past that
    while size > 4.5 and len(meta.title) * size * 0.56 > page_w - 2 * MARGIN:
        size -= 0.25
    title = wrap(meta.title, int((page_w - 2 * MARGIN) / (size * 0.56)), 1)[0]
    out = [
        f'<text x="{MARGIN}" y="{MARGIN + 7}" font-size="{size:g}" font-weight="bold" fill="{TEXT}">'
        f"{escape(title)}</text>",
        f'<text x="{MARGIN}" y="{MARGIN + 14}" font-size="3.6" fill="#333333">{escape(sub)}</text>',
    ]
    points = FONT * scale / 0.3528
    type_size = f"{points:.0f} pt" if points >= 1 else "under 1 pt"
    if blocks:
        note = (
            f"Too many boxes to read on this paper (type {type_size}): each box is a block of its "
            "level's colour; a poster on larger paper has every word."
        )
    elif FONT * scale < MIN_READABLE:
        note = (
            f"Too many boxes for this paper to be read at arm's length (type {type_size}): "
            "print on larger paper, or show fewer levels, one stakeholder or one cohort."
        )
    else:
        return out
    out.append(
        f'<text x="{MARGIN}" y="{MARGIN + 19.5}" font-size="3.6" fill="#a3280a" '
        f'font-weight="bold">{escape(note)}</text>'
    )
    return out


def _headings(result: Layout, styles: dict[str, LevelStyle], scale: float) -> list[str]:
    size = 4.2 / max(scale, 1e-6) * min(1.0, scale)
    out = []
    for band in result.bands:
        cx = (band.left + band.right) / 2
        lines = wrap(band.label, max(10, int((band.right - band.left + 10) / (size * 0.55))), 2)
        y0 = -size * 0.6 - (len(lines) - 1) * size * 1.15
        spans = "".join(
            f'<tspan x="{cx:.2f}" y="{y0 + k * size * 1.15:.2f}">{escape(line)}</tspan>' for k, line in enumerate(lines)
        )
        out.append(
            f'<text class="heading" font-size="{size:.2f}" font-weight="bold" text-anchor="middle" fill="{TEXT}">'
            f"{spans}</text>"
        )
        out.append(
            f'<line x1="{band.left:.2f}" y1="{-size * 0.25:.2f}" x2="{band.right:.2f}" y2="{-size * 0.25:.2f}" '
            f'stroke="{styles[band.level].colour}" stroke-width="{size * 0.18:.2f}"/>'
        )
    return out


def _links(fw: Framework, result: Layout) -> list[str]:
    strength = {(link.source, link.target): link.strength for link in fw.links}
    out = ['<g class="links" fill="none" stroke="#4d4d4d">']
    for link in result.links:
        source, target = link
        grade = strength.get(link, "unknown")
        start = (result.x[source] + result.width[source] / 2, result.y[source])
        end = (result.x[target] - result.width[target] / 2 - 0.6, result.y[target])
        points = [start, *result.routes.get(link, []), end]
        dash = ' stroke-dasharray="2.4 1.6"' if grade == "unknown" else ""
        out.append(
            f'<path d="{_link_path(points)}" stroke-width="{STRENGTH_WIDTH[grade] * 0.22:.2f}"{dash} '
            'marker-end="url(#arrow)"/>'
        )
    out.append("</g>")
    return out


def _boxes(
    fw: Framework,
    result: Layout,
    lines: dict[str, list[str]],
    styles: dict[str, LevelStyle],
    marks: dict[str, Mark] | None = None,
) -> list[str]:
    """Every box: its level's tint, border and mark; coloured by progress (``marks`` not None), a marked box
    in its status's colours with its first line (the status) in bold, any other white with a thin grey border."""
    by_id = fw.node_by_id
    radius = {"square": 0.0, "triangle": 1.0, "circle": 3.5, "diamond": 0.6, "star": 2.0, "hexagon": 2.5}
    out = ['<g class="boxes">']
    for node_id in result.x:
        style = styles[by_id[node_id].level]
        w, h = result.width[node_id], result.height[node_id]
        x, y = result.x[node_id] - w / 2, result.y[node_id] - h / 2
        text_x = x + PAD + MARK + 1.0
        text_y = y + PAD + FONT * 0.95
        mark = marks.get(node_id) if marks is not None else None
        fill, stroke, width, dash = style.fill, style.colour, 0.6, ""
        if marks is not None:
            fill, stroke = (mark.background, mark.border) if mark else ("#ffffff", NO_STATUS)
            width = 1.2 if mark else 0.4
            dash = ' stroke-dasharray="2 1.2"' if mark and mark.dashed else ""
        spans = "".join(
            f'<tspan x="{text_x:.2f}" y="{text_y + k * LINE:.2f}"'
            + (' font-weight="bold"' if mark and k == 0 else "")
            + f">{escape(line)}</tspan>"
            for k, line in enumerate(lines[node_id])
        )
        out.append(
            f"<g class={quoteattr('box ' + style.level)} data-id={quoteattr(node_id)}>"
            f'<rect x="{x:.2f}" y="{y:.2f}" width="{w:.2f}" height="{h:.2f}" rx="{radius[style.mark]}" '
            f'fill="{fill}" stroke="{stroke}" stroke-width="{width}"{dash}/>'
            + _mark(
                style.mark,
                x + PAD + MARK / 2,
                y + PAD + FONT * 0.6 + (LINE if mark else 0),
                MARK / 2,
                style.colour if marks is None else NO_STATUS,
            )
            + f'<text font-size="{FONT}" fill="{TEXT}">{spans}</text></g>'
        )
    out.append("</g>")
    return out


def _outline_links(fw: Framework, result: Layout) -> list[str]:
    """Every link as part of one path per strength: no arrows (too small to see), the same widths and dashes.
    Coordinates to a tenth of a unit (a fiftieth of a millimetre at this scale): a third less for CairoSVG to read."""
    strength = {(link.source, link.target): link.strength for link in fw.links}
    paths: dict[str, list[str]] = {}
    for link in result.links:
        source, target = link
        start = (result.x[source] + result.width[source] / 2, result.y[source])
        end = (result.x[target] - result.width[target] / 2 - 0.6, result.y[target])
        paths.setdefault(strength.get(link, "unknown"), []).append(
            _link_path([start, *result.routes.get(link, []), end], digits=1)
        )
    out = ['<g class="links" fill="none" stroke="#4d4d4d">']
    for grade, parts in paths.items():
        dash = ' stroke-dasharray="2.4 1.6"' if grade == "unknown" else ""
        out.append(f'<path d="{"".join(parts)}" stroke-width="{STRENGTH_WIDTH[grade] * 0.22:.2f}"{dash}/>')
    out.append("</g>")
    return out


def _blocks(fw: Framework, result: Layout, styles: dict[str, LevelStyle]) -> list[str]:
    """Every box as a plain block in its level's colours, one path per level."""
    by_id = fw.node_by_id
    shapes: dict[str, list[str]] = {}
    for node_id in result.x:
        w, h = result.width[node_id], result.height[node_id]
        x, y = result.x[node_id] - w / 2, result.y[node_id] - h / 2
        shapes.setdefault(by_id[node_id].level, []).append(f"M{x:.1f},{y:.1f}h{w:.1f}v{h:.1f}h{-w:.1f}z")
    out = ['<g class="boxes">']
    for level, parts in shapes.items():
        style = styles[level]
        out.append(
            f'<path class={quoteattr("block " + level)} d="{"".join(parts)}" fill="{style.fill}" '
            f'stroke="{style.colour}" stroke-width="0.6"/>'
        )
    out.append("</g>")
    return out


def _groups(fw: Framework, result: Layout, group_by: str, page_h: float) -> str:
    """One line under the legend naming the groups kept together, in their order down each column."""
    text = " · ".join(group_order(fw, result, group_by))
    line = f"Boxes kept together by {group_by}, top to bottom in each column: {text}"
    return (
        f'<text x="{MARGIN}" y="{page_h - MARGIN - 1:.2f}" font-size="3.2" fill="{TEXT}">'
        f"{escape(wrap(line, 220, 1)[0])}</text>"
    )


def _legend(
    result: Layout,
    styles: dict[str, LevelStyle],
    page_w: float,
    page_h: float,
    key: list[tuple[str, Mark, str]] | None = None,
    plain: bool = False,
) -> list[str]:
    """Levels (mark, colour, name) and link strengths, on as many rows as the paper's width needs; coloured
    by progress, each status shown first (``key``: a swatch with its words)."""
    size = 3.4
    top = page_h - MARGIN - LEGEND_BAND + 1
    x, y = MARGIN, top + 5.5
    out = [
        f'<line x1="{MARGIN}" y1="{top:.2f}" x2="{page_w - MARGIN}" y2="{top:.2f}" stroke="#b3b3b3" '
        'stroke-width="0.3"/>',
        f'<g class="legend" font-size="{size}" fill="{TEXT}">',
    ]
    statuses = {mark.words: mark for _name, mark, _meaning in key or []}
    items: list[tuple[str, str]] = [("status:", words) for words in statuses]
    items += [(f"level:{band.level}", styles[band.level].label) for band in result.bands]
    items += [(f"link:{grade}", STRENGTH_LABELS[grade]) for grade in ("strong", "moderate", "weak", "unknown")]
    for kind, label in items:
        lead = 4.2 if kind.startswith("level:") else 12.0
        width = lead + len(label) * size * 0.52
        if kind == "status:":
            lead, width = 1.6, len(label) * size * 0.6 + 3.2
        if x > MARGIN and x + width > page_w - MARGIN:
            x, y = MARGIN, y + size * 1.6
        if kind == "status:":
            mark = statuses[label]
            dash = ' stroke-dasharray="1.2 0.8"' if mark.dashed else ""
            out.append(
                f'<rect x="{x:.2f}" y="{y - size * 1.05:.2f}" width="{width:.2f}" height="{size * 1.45:.2f}" '
                f'fill="{mark.background}" stroke="{mark.border}" stroke-width="0.6"{dash}/>'
            )
            out.append(f'<text x="{x + lead:.2f}" y="{y:.2f}" font-weight="bold">{escape(label)}</text>')
            x += width + 4
            continue
        if kind.startswith("level:"):
            style = styles[kind[6:]]
            out.append(_mark(style.mark, x + 1.6, y - size * 0.35, 1.6, NO_STATUS if plain else style.colour))
        else:
            grade = kind[5:]
            dash = ' stroke-dasharray="2.4 1.6"' if grade == "unknown" else ""
            out.append(
                f'<line x1="{x:.2f}" y1="{y - size * 0.35:.2f}" x2="{x + 10:.2f}" y2="{y - size * 0.35:.2f}" '
                f'stroke="#4d4d4d" stroke-width="{STRENGTH_WIDTH[grade] * 0.22:.2f}"{dash}/>'
            )
        out.append(f'<text x="{x + lead:.2f}" y="{y:.2f}">{escape(label)}</text>')
        x += width + 6
    out.append("</g>")
    return out


def _key(key: list[tuple[str, Mark, str]], page_w: float, page_h: float) -> list[str]:
    """Under the legend of a poster coloured by progress: what each status shown means, then how a box with
    several indicators takes one (``BOX_RULE``), on as many lines as ``KEY_BAND`` holds."""
    size = 2.8
    said = "; ".join(f"{mark.words}: {meaning}" for _name, mark, meaning in key) + f". {BOX_RULE}"
    lines = wrap(said, int((page_w - 2 * MARGIN) / (size * 0.5)), int(KEY_BAND / (size * 1.3)))
    top = page_h - MARGIN - KEY_BAND + size * 1.2
    spans = "".join(
        f'<tspan x="{MARGIN}" y="{top + k * size * 1.3:.2f}">{escape(line)}</tspan>' for k, line in enumerate(lines)
    )
    return [f'<text class="key" font-size="{size}" fill="{TEXT}">{spans}</text>']
