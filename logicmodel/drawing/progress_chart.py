"""One indicator's progress as a small chart: its baseline, each measurement with its 95% confidence
interval, and its target as a line, drawn the same way on the Progress page (Altair, which Streamlit
ships) and in the progress report (the same chart as SVG, drawn offline by vl-convert).

The periods run along the bottom in the order they end, after the baseline; nothing is drawn that was not
written: a baseline or target in words is said in the chart's subtitle, not placed on it.

>>> from logicmodel.core.models import Indicator
>>> indicator = Indicator.model_validate({"name": "Inactive adults", "baseline": 25, "target": 22,
...     "measurements": [{"period": "2023/24", "period_end": "2024-03-31", "value": 23.5,
...                       "lower_ci": 22.1, "upper_ci": 24.9}]})
>>> [(p.period, p.value, p.kind) for p in chart_points(indicator)]
[('Baseline', 25.0, 'baseline'), ('2023/24', 23.5, 'measured')]
>>> target_line(indicator)
22.0
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from logicmodel.analysis.progress import Judgement, judge, level
from logicmodel.core.models import Indicator, Node

if TYPE_CHECKING:
    import altair

__all__ = [
    "BASELINE",
    "PAGE",
    "REPORT",
    "ChartPoint",
    "ChartSize",
    "chart_png",
    "chart_points",
    "chart_spec",
    "chart_svg",
    "indicator_chart",
    "subtitle",
    "target_line",
]

BASELINE = "Baseline"
"""The first place along the bottom: the indicator's baseline, where it is written as a number."""

MEASURED_COLOUR = "#0072B2"  # Okabe-Ito blue, as the diagram's first level
BASELINE_COLOUR = "#555555"
TARGET_COLOUR = "#D55E00"  # Okabe-Ito vermillion: and dashed, and labelled, so never colour alone


@dataclass(frozen=True)
class ChartSize:
    """How big a chart is drawn and its type: large enough to read at arm's length (a page) or in print."""

    width: int
    height: int
    font: int
    title: int


PAGE = ChartSize(width=400, height=220, font=16, title=18)
REPORT = ChartSize(width=420, height=220, font=12, title=14)


@dataclass(frozen=True)
class ChartPoint:
    """One place on the chart: the baseline or a measurement, in the order they are drawn."""

    order: int
    period: str
    value: float
    lower: float | None
    upper: float | None
    kind: str  # "baseline" or "measured"
    note: str


def chart_points(indicator: Indicator) -> list[ChartPoint]:
    """The baseline (where it is a number) and every measurement in the order its period ends, each with a
    label along the bottom that is unique (a period written twice gains its end day)."""
    points: list[ChartPoint] = []
    start = level(indicator.baseline)
    if start is not None:
        points.append(ChartPoint(0, BASELINE, start, None, None, "baseline", f"Baseline: {indicator.baseline}"))
    measured = sorted(enumerate(indicator.measurements), key=lambda pair: (pair[1].period_end, pair[0]))
    seen: dict[str, int] = {}
    for _, m in measured:
        seen[m.period] = seen.get(m.period, 0) + 1
    for _, m in measured:
        label = m.period if seen[m.period] == 1 and m.period != BASELINE else f"{m.period} (to {m.period_end})"
        interval = (
            f" (95% CI {m.lower_ci:g} to {m.upper_ci:g})" if m.lower_ci is not None and m.upper_ci is not None else ""
        )
        points.append(
            ChartPoint(len(points), label, float(m.value), m.lower_ci, m.upper_ci, "measured", f"{m.value:g}{interval}")
        )
    return points


def target_line(indicator: Indicator) -> float | None:
    """The level the target states, drawn as a dashed line; None for a target in words or none."""
    return level(indicator.target)


def subtitle(judgement: Judgement) -> str:
    """The status and why, and a baseline or target in words: what the chart cannot draw.

    >>> from logicmodel.core.models import Indicator
    >>> subtitle(judge(Indicator(name="Falls", baseline="high", target="reduce")))
    'No data: nothing has been measured yet. Baseline: high. Target: reduce.'
    """
    indicator = judgement.indicator
    said = [f"{judgement.status.capitalize()}: {judgement.why}."]
    if indicator.baseline is not None and level(indicator.baseline) is None:
        said.append(f"Baseline: {indicator.baseline}.")
    if indicator.target is not None and level(indicator.target) is None:
        said.append(f"Target: {indicator.target}.")
    return " ".join(said)


def chart_spec(indicator: Indicator, box: Node | None = None, size: ChartSize = PAGE) -> dict[str, Any]:
    """The chart of one indicator as a Vega-Lite spec (plain data, built in microseconds: a page of 200 charts
    cannot wait for Altair's checks): points joined by a line, intervals as whiskers, the baseline as a grey
    square, the target as a dashed labelled line, the status and why as the subtitle. The one definition of
    the chart: ``indicator_chart`` gives it to Altair, ``chart_svg`` draws it offline."""
    judgement = judge(indicator, box)
    points = chart_points(indicator)
    rows = [
        {
            "order": p.order,
            "period": p.period,
            "value": p.value,
            "lower": p.lower,
            "upper": p.upper,
            "kind": "Baseline" if p.kind == "baseline" else "Measured",
            "note": p.note,
        }
        for p in points
    ]
    order = [p.period for p in points]
    x = {
        "field": "period",
        "type": "nominal",
        "sort": order,
        "title": None,
        "axis": {"labelAngle": 0, "labelLimit": 120},
    }
    values = [p.value for p in points] + [v for p in points for v in (p.lower, p.upper) if v is not None]
    aim = target_line(indicator)
    if aim is not None:
        values.append(aim)
    y: dict[str, Any] = {"field": "value", "type": "quantitative", "title": indicator.unit or None}
    if values:
        y["scale"] = {"zero": False, "nice": True, "domain": _domain(values)}
    tooltip = [
        {"field": "period", "type": "nominal", "title": "Period"},
        {"field": "note", "type": "nominal", "title": "Value"},
    ]
    measured = [{"filter": "(datum.kind === 'Measured')"}]
    data = {"values": rows}
    layers: list[dict[str, Any]] = [
        {
            "data": data,
            "transform": measured,
            "mark": {"type": "line", "color": MEASURED_COLOUR, "strokeWidth": 2},
            "encoding": {"x": x, "y": y},
        },
        {
            "data": data,
            "transform": measured,
            "mark": {"type": "rule", "color": MEASURED_COLOUR, "strokeWidth": 2},
            "encoding": {
                "x": x,
                "y": {"field": "lower", "type": "quantitative"},
                "y2": {"field": "upper"},
                "tooltip": tooltip,
            },
        },
        {
            "data": data,
            "transform": measured,
            "mark": {"type": "point", "filled": True, "size": 90, "color": MEASURED_COLOUR},
            "encoding": {"x": x, "y": y, "tooltip": tooltip},
        },
        {
            "data": data,
            "transform": [{"filter": "(datum.kind === 'Baseline')"}],
            "mark": {"type": "point", "shape": "square", "filled": True, "size": 110, "color": BASELINE_COLOUR},
            "encoding": {"x": x, "y": y, "tooltip": tooltip},
        },
    ]
    if aim is not None:
        target = {"values": [{"target": aim, "label": f"Target: {_as_written(indicator.target)}"}]}
        layers.append(
            {
                "data": target,
                "mark": {"type": "rule", "color": TARGET_COLOUR, "strokeDash": [6, 4], "strokeWidth": 2},
                "encoding": {"y": {"field": "target", "type": "quantitative"}},
            }
        )
        layers.append(
            {
                "data": target,
                "mark": {
                    "type": "text",
                    "align": "left",
                    "baseline": "bottom",
                    "dx": 4,
                    "dy": -3,
                    "color": TARGET_COLOUR,
                    "fontSize": size.font,
                    "x": 0,
                },
                "encoding": {
                    "y": {"field": "target", "type": "quantitative"},
                    "text": {"field": "label", "type": "nominal"},
                },
            }
        )
    nothing = {
        "data": {"values": [{"text": "Nothing measured yet"}]},
        "mark": {"type": "text", "fontSize": size.font, "color": BASELINE_COLOUR},
        "encoding": {"text": {"field": "text", "type": "nominal"}},
    }
    if not points and aim is None:  # nothing to draw against: the words alone, without an empty axis
        layers = [nothing]
    elif not points:
        layers.append(nothing)
    title = {
        "text": _title(indicator.name, size),
        "subtitle": _lines(subtitle(judgement), size),
        "fontSize": size.title,
        "subtitleFontSize": size.font - 1,
        "anchor": "start",
        "subtitleColor": "#333333",
        "limit": size.width,
    }
    return {
        "config": {
            "view": {"continuousWidth": 300, "continuousHeight": 300, "stroke": None},
            "axis": {"labelFontSize": size.font, "titleFontSize": size.font},
        },
        "layer": layers,
        "width": size.width,
        "height": size.height,
        "title": title,
    }


def indicator_chart(indicator: Indicator, box: Node | None = None, size: ChartSize = PAGE) -> altair.LayerChart:
    """The chart of one indicator (``chart_spec``) as an Altair chart, for whoever draws with Altair."""
    import altair as alt

    return alt.LayerChart.from_dict(chart_spec(indicator, box, size), validate=False)


def _as_written(value: float | int | str | None) -> str:
    """A baseline or target as its author wrote it: 22, not 22.0."""
    return f"{value:g}" if isinstance(value, float) else str(value)


def _domain(values: list[float]) -> list[float]:
    """A little room above and below the highest and lowest thing drawn."""
    low, high = min(values), max(values)
    pad = (high - low) * 0.15 or abs(high) * 0.1 or 1.0
    return [low - pad, high + pad]


def _lines(text: str, size: ChartSize) -> list[str]:
    """The subtitle wrapped to the chart's width (Vega-Lite does not wrap text itself)."""
    import textwrap

    per_line = max(20, int(size.width / (size.font * 0.55)))
    return textwrap.wrap(text, per_line)[:4]


def _title(name: str, size: ChartSize) -> str | list[str]:
    """The indicator's name, wrapped to the chart's width in at most three lines (not cut off at one)."""
    import textwrap

    lines = textwrap.wrap(name, max(20, int(size.width / (size.title * 0.55))))
    if len(lines) <= 1:
        return name
    return (
        [*lines[:2], textwrap.shorten(" ".join(lines[2:]), len(lines[0]), placeholder="…")] if len(lines) > 3 else lines
    )


def chart_svg(chart: altair.TopLevelMixin | dict[str, Any]) -> str:
    """The chart (an Altair chart or a ``chart_spec``) as an SVG document, drawn offline by vl-convert (no
    network; fonts named, not loaded)."""
    import vl_convert

    return vl_convert.vegalite_to_svg(chart if isinstance(chart, dict) else chart.to_dict(validate=False))


def chart_png(svg: str, width: int) -> bytes:
    """A chart's SVG (from ``chart_svg``) as a PNG ``width`` pixels wide, drawn by vl-convert with the fonts it
    measured the labels with: drawn by another library, in a wider font, a long label ran off the picture."""
    import re

    import vl_convert

    found = re.search(r'<svg[^>]*?\swidth="([0-9.]+)"', svg)
    scale = width / float(found.group(1)) if found else 1.0
    return vl_convert.svg_to_png(svg, scale=scale)
