"""How sensitive the financial case is, as a tornado chart: each assumption moved to its low and its high value
(others held) and the ratio of benefits to investment recomputed, widest swing at the top, with the break-even
ratio of 1 and the central ratio drawn as lines across.

One definition of the chart, a plain Vega-Lite spec (``tornado_spec``): the Case page draws it
(``st.vega_lite_chart``), the report draws the same spec as SVG offline (``tornado_svg``, vl-convert; nothing is
loaded from the internet). The assumptions are ``logicmodel.analysis.sensitivity.sensitivity(fw)``'s, already in
swing order; the central ratio is ``logicmodel.analysis.appraisal.appraise(fw).ratio``.

A label typed by a user reaches the chart only as data (a value a text mark shows): never inside an expression,
a filter or a field name, so no label can change what the chart does; the SVG escapes it as text. Values and
ratios are written as the case is said everywhere else (``logicmodel.analysis.case_words``).

>>> bars = tornado_bars([Assumption(key="deadweight:falls", figure="deadweight", box=None,
...     label="Deadweight of ‘Fewer falls’", value=0.2, low=0.1, high=0.3, ratio_low=2.6, ratio_high=1.9,
...     break_even=0.7)], central=2.25)
>>> [(b.label, b.low_ratio, b.high_ratio, b.low_value, b.high_value) for b in bars]
[('Deadweight of ‘Fewer falls’', 2.6, 1.9, '10%', '30%')]
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from logicmodel.analysis.case_words import assumption_value, per_pound
from logicmodel.analysis.sensitivity import Assumption
from logicmodel.analysis.value import money
from logicmodel.drawing.progress_chart import chart_svg

__all__ = [
    "BREAK_EVEN",
    "HIGH",
    "LOW",
    "PAGE",
    "REPORT",
    "TOP",
    "TornadoBar",
    "TornadoSize",
    "tornado_bars",
    "tornado_spec",
    "tornado_svg",
]

TOP = 10
"""Most assumptions drawn: the widest swings; the rest move the ratio less than the last one drawn."""
BREAK_EVEN = 1.0
"""The ratio at which the benefits equal the investment."""
LOW = "At its low value"
HIGH = "At its high value"
"""The two bars of an assumption, as the key names them."""

LOW_COLOUR = "#0072B2"  # Okabe-Ito blue and orange: told apart by people with any colour vision, and keyed
HIGH_COLOUR = "#E69F00"
BREAK_EVEN_COLOUR = "#D55E00"  # Okabe-Ito vermillion, and dashed, and labelled: never colour alone
CENTRAL_COLOUR = "#222222"
TEXT_COLOUR = "#222222"


@dataclass(frozen=True)
class TornadoSize:
    """How big the chart is drawn: large type for a screen seen from the back of a room, smaller for print."""

    width: int
    """Of the bars' area, in pixels (the labels are drawn to its left)."""
    row: int
    """Height of one assumption's row."""
    font: int
    title: int
    label_chars: int
    """Characters a line of an assumption's label holds before it wraps."""
    fit: bool = False
    """Stretched across the page's width (Vega-Lite's ``fit-x``: the rows keep their height); else drawn at
    ``width`` (print)."""


PAGE = TornadoSize(width=520, row=62, font=17, title=20, label_chars=30, fit=True)
REPORT = TornadoSize(width=380, row=40, font=11, title=13, label_chars=36)


@dataclass(frozen=True)
class TornadoBar:
    """One assumption's row: the ratio with it at its low and its high value, others held."""

    order: int
    key: str
    """The assumption's key (``deadweight:falls``): unique, so two assumptions with one label stay two rows."""
    label: str
    value: str
    low_value: str
    high_value: str
    low_ratio: float | None
    high_ratio: float | None
    break_even: str | None
    """The assumption's value at which the ratio is 1, as written; None when none in its range."""

    @property
    def swing(self) -> float:
        """How far the ratio moves between the two: what orders the rows."""
        if self.low_ratio is None or self.high_ratio is None:
            return 0.0
        return abs(self.high_ratio - self.low_ratio)


def tornado_bars(
    assumptions: Sequence[Assumption], central: float | None, currency: str = "GBP", top: int = TOP
) -> list[TornadoBar]:
    """The ``top`` assumptions that move the ratio at all, widest swing first (the order ``sensitivity`` gives,
    kept for equal swings); one whose ratio cannot be worked out at either end, or that does not move it (a
    displacement of 0 moved by ±50% is still 0), is left out: the break-even table lists every one."""
    drawn = [a for a in assumptions if (a.ratio_low is not None or a.ratio_high is not None) and _swing(a, central)]
    drawn.sort(key=lambda a: -_swing(a, central))  # stable: sensitivity's order among equals
    return [
        TornadoBar(
            order=i,
            key=a.key,
            label=a.label,
            value=assumption_value(a, a.value, currency),
            low_value=assumption_value(a, a.low, currency),
            high_value=assumption_value(a, a.high, currency),
            low_ratio=a.ratio_low,
            high_ratio=a.ratio_high,
            break_even=None if a.break_even is None else assumption_value(a, a.break_even, currency),
        )
        for i, a in enumerate(drawn[:top])
    ]


def _swing(a: Assumption, central: float | None) -> float:
    ends = [r for r in (a.ratio_low, a.ratio_high) if r is not None]
    if len(ends) == 2:
        return abs(ends[1] - ends[0])
    return abs(ends[0] - central) if central is not None else 0.0


def _wrapped(label: str, width: int) -> tuple[str, ...]:
    """A label over at most three lines (Vega-Lite does not wrap text itself); the rest shortened with …."""
    lines = textwrap.wrap(label, width, break_long_words=True) or [""]
    if len(lines) > 3:
        lines = [*lines[:2], textwrap.shorten(" ".join(lines[2:]), width, placeholder="…")]
    return tuple(lines)


def tornado_spec(
    assumptions: Sequence[Assumption],
    central: float | None,
    currency: str = "GBP",
    top: int = TOP,
    size: TornadoSize = PAGE,
) -> dict[str, Any]:
    """The tornado chart as a Vega-Lite spec (plain data): per assumption a bar from the central ratio to the
    ratio at its low value and one to the ratio at its high value, widest swing at the top, each end labelled
    with its ratio; a dashed line at the break-even ratio of 1 and a solid one at the central ratio. With no
    assumption to draw, the words saying so, not an empty axis."""
    bars = tornado_bars(assumptions, central, currency, top)
    unit = money(1, currency)
    if not bars:
        return {
            "config": {"view": {"stroke": None}},
            "width": size.width,
            "height": size.row * 2,
            "data": {"values": [{"text": "No assumption to move: value an outcome and give the costs first."}]},
            "mark": {"type": "text", "fontSize": size.font, "color": TEXT_COLOUR, "align": "left", "x": 0},
            "encoding": {"text": {"field": "text", "type": "nominal"}},
        }
    middle = central if central is not None else BREAK_EVEN
    rows: list[dict[str, Any]] = []
    for bar in bars:
        for side, ratio, value in ((LOW, bar.low_ratio, bar.low_value), (HIGH, bar.high_ratio, bar.high_value)):
            if ratio is None:
                continue
            rows.append(
                {
                    "key": bar.key,
                    "label": bar.label,
                    "side": side,
                    "start": middle,
                    "end": ratio,
                    "ratio": per_pound(ratio, currency),
                    "value": value,
                    "left": ratio < middle,
                }
            )
    labels = [
        {"key": bar.key, "lines": list(_wrapped(bar.label, size.label_chars)), "label": bar.label} for bar in bars
    ]
    line_height = round(size.font * 1.2)
    row = max(size.row, max(len(label["lines"]) for label in labels) * line_height + size.font)
    ends = [r["end"] for r in rows] + [BREAK_EVEN, middle]
    low, high = min(ends), max(ends)
    pad = (high - low) * 0.18 or 0.5  # room for the ratios written at the bars' ends
    domain = [max(0.0, low - pad) if low >= 0 else low - pad, high + pad]
    keys = [bar.key for bar in bars]
    y = {"field": "key", "type": "nominal", "sort": keys, "axis": None, "scale": {"paddingInner": 0.3}}
    x = {
        "field": "end",
        "type": "quantitative",
        "scale": {"domain": domain, "nice": False, "zero": False},
        "axis": {
            "title": f"Benefits for every {unit} invested",
            "format": ".2~f",
            "grid": True,
            "gridColor": "#dddddd",
            "tickCount": 6,
        },
    }
    tooltip = [
        {"field": "label", "type": "nominal", "title": "Assumption"},
        {"field": "side", "type": "nominal", "title": "Set"},
        {"field": "value", "type": "nominal", "title": "Value"},
        {"field": "ratio", "type": "nominal", "title": f"For every {unit}"},
    ]
    data = {"values": rows}
    height = row * len(bars)
    lines = {
        "values": [
            {"at": BREAK_EVEN, "text": "Break-even: 1", "kind": "break-even"},
            {"at": middle, "text": f"Central: {per_pound(middle, currency)}", "kind": "central"},
        ]
    }
    layers: list[dict[str, Any]] = [
        {
            "data": data,
            "mark": {"type": "bar", "stroke": "#ffffff", "strokeWidth": 0.5},
            "encoding": {
                "y": y,
                "x": x,
                "x2": {"field": "start"},
                "color": {
                    "field": "side",
                    "type": "nominal",
                    "scale": {"domain": [LOW, HIGH], "range": [LOW_COLOUR, HIGH_COLOUR]},
                    "legend": {
                        "title": None,
                        "orient": "bottom",
                        "direction": "horizontal",
                        "labelFontSize": size.font,
                        "symbolSize": size.font * 14,
                        "labelLimit": 400,
                    },
                },
                "tooltip": tooltip,
            },
        },
        *(
            {  # each bar's end labelled with its ratio, outside the bar: to the left of a bar that goes left
                "data": data,
                "transform": [{"filter": "datum.left" if left else "!datum.left"}],
                "mark": {
                    "type": "text",
                    "align": "right" if left else "left",
                    "dx": -5 if left else 5,
                    "fontSize": size.font - 1,
                    "color": TEXT_COLOUR,
                },
                "encoding": {"y": y, "x": x, "text": {"field": "ratio", "type": "nominal"}, "tooltip": tooltip},
            }
            for left in (True, False)
        ),
        {  # the labels, wrapped, to the left of the bars (a label is only ever data for a text mark)
            "data": {"values": labels},
            "mark": {
                "type": "text",
                "align": "right",
                "baseline": "middle",
                "x": -12,
                "fontSize": size.font,
                "color": TEXT_COLOUR,
                "lineHeight": line_height,
            },
            "encoding": {
                "y": y,
                "text": {"field": "lines", "type": "nominal"},
                "tooltip": [{"field": "label", "type": "nominal", "title": "Assumption"}],
            },
        },
        {
            "data": lines,
            "mark": {"type": "rule", "strokeWidth": 2.5},
            "encoding": {
                "x": {"field": "at", "type": "quantitative", "scale": {"domain": domain, "nice": False}},
                "strokeDash": {
                    "field": "kind",
                    "type": "nominal",
                    "scale": {"domain": ["break-even", "central"], "range": [[7, 5], [1, 0]]},
                    "legend": None,
                },
                "stroke": {
                    "field": "kind",
                    "type": "nominal",
                    "scale": {"domain": ["break-even", "central"], "range": [BREAK_EVEN_COLOUR, CENTRAL_COLOUR]},
                    "legend": None,
                },
            },
        },
        *(
            {  # each line named above the bars, so the dashed one is never told by colour alone
                "data": {"values": [line]},
                "mark": {
                    "type": "text",
                    "baseline": "bottom",
                    "align": align,
                    "dx": 4 if align == "left" else -4,
                    "y": -6,
                    "fontSize": size.font - 1,
                    "fontWeight": "bold",
                    "color": BREAK_EVEN_COLOUR if line["kind"] == "break-even" else CENTRAL_COLOUR,
                },
                "encoding": {
                    "x": {"field": "at", "type": "quantitative"},
                    "text": {"field": "text", "type": "nominal"},
                },
            }
            for line, align in zip(lines["values"], _aligns(middle), strict=True)
        ),
    ]
    autosize = {"autosize": {"type": "fit-x", "contains": "padding"}} if size.fit else {}
    return autosize | {
        "config": {
            "view": {"stroke": None},
            "axis": {"labelFontSize": size.font - 1, "titleFontSize": size.font, "titleFontWeight": "normal"},
            "legend": {"labelFontSize": size.font},
            "font": "sans-serif",
        },
        "layer": layers,
        "resolve": {"scale": {"color": "independent"}},
        "width": size.width,
        "height": height,
        "padding": {"left": 8, "right": 8, "top": 8, "bottom": 8},
        "title": {
            "text": "How sensitive the ratio is",
            "subtitle": _subtitle(len(bars), len(assumptions), size),
            "fontSize": size.title,
            "subtitleFontSize": size.font - 1,
            "subtitleColor": "#333333",
            "anchor": "start",
            "offset": size.font * 2,
        },
    }


def _aligns(central: float) -> list[str]:
    """Break-even and central labels written away from each other, so that close lines do not overprint."""
    return ["right", "left"] if central >= BREAK_EVEN else ["left", "right"]


def _subtitle(drawn: int, of: int, size: TornadoSize) -> list[str]:
    said = "Each assumption set to its low and its high value, the others held"
    said += f"; the {drawn} that move the ratio most of {of}." if drawn < of else "."
    return textwrap.wrap(said, max(40, int((size.width + 300) / (size.font * 0.55))))


def tornado_svg(
    assumptions: Sequence[Assumption],
    central: float | None,
    currency: str = "GBP",
    top: int = TOP,
    size: TornadoSize = REPORT,
) -> str:
    """The tornado chart as an SVG document, drawn offline (for the report)."""
    return chart_svg(tornado_spec(assumptions, central, currency, top, size))
