"""The progress chart: what it draws for an indicator, the same spec on the page and as SVG in the report."""

from __future__ import annotations

import json

from logicmodel.analysis.progress import judge
from logicmodel.core.models import Indicator
from logicmodel.drawing.progress_chart import (
    BASELINE,
    REPORT,
    chart_points,
    chart_svg,
    indicator_chart,
    subtitle,
    target_line,
)


def _indicator(**extra) -> Indicator:
    data = {
        "name": "Physically inactive adults",
        "baseline": 25.4,
        "target": "reduce to 22% by 2028",
        "unit": "% of adults",
        "measurements": [
            {"period": "2023/24", "period_end": "2024-03-31", "value": 23.5, "lower_ci": 22.1, "upper_ci": 24.9},
            {"period": "2022/23", "period_end": "2023-03-31", "value": 24.9, "lower_ci": 23.1, "upper_ci": 26.7},
        ],
    }
    return Indicator.model_validate({**data, **extra})


def test_the_baseline_comes_first_and_measurements_follow_in_the_order_their_periods_end():
    points = chart_points(_indicator())
    assert [(p.period, p.value, p.kind) for p in points] == [
        (BASELINE, 25.4, "baseline"),
        ("2022/23", 24.9, "measured"),
        ("2023/24", 23.5, "measured"),
    ]
    assert points[2].note == "23.5 (95% CI 22.1 to 24.9)"


def test_a_period_written_twice_is_told_apart_by_the_day_it_ends():
    indicator = _indicator(
        measurements=[
            {"period": "2024", "period_end": "2024-03-31", "value": 1},
            {"period": "2024", "period_end": "2024-12-31", "value": 2},
        ]
    )
    assert [p.period for p in chart_points(indicator)][1:] == ["2024 (to 2024-03-31)", "2024 (to 2024-12-31)"]


def test_a_baseline_or_target_in_words_is_said_not_drawn():
    indicator = _indicator(baseline="about a quarter", target="reduce")
    assert [p.kind for p in chart_points(indicator)] == ["measured", "measured"]
    assert target_line(indicator) is None
    said = subtitle(judge(indicator))
    assert "Baseline: about a quarter." in said and "Target: reduce." in said


def test_the_chart_draws_the_target_line_the_intervals_and_the_status():
    spec = indicator_chart(_indicator()).to_dict()
    text = json.dumps(spec)
    assert "Target: reduce to 22% by 2028" in text
    assert '"y2"' in text  # the intervals' whiskers
    assert spec["title"]["text"] == "Physically inactive adults"
    assert " ".join(spec["title"]["subtitle"]).startswith("Improving: down 1.9 from the baseline of 25.4")


def test_the_svg_is_drawn_offline_with_every_typed_word_escaped():
    svg = chart_svg(indicator_chart(_indicator(name="Adults <script>alert(1)</script> & co"), size=REPORT))
    assert svg.startswith("<svg")
    assert "<script" not in svg
    assert "&lt;script&gt;" in svg
    assert "2023/24" in svg and "Target: reduce to 22% by 2028" in svg
    assert "http://" not in svg.replace("http://www.w3.org", "")  # nothing to load


def test_an_indicator_with_nothing_measured_and_no_level_says_so_without_an_empty_axis():
    svg = chart_svg(indicator_chart(Indicator(name="Falls", baseline="high", target="fewer falls"), size=REPORT))
    assert "Nothing measured yet" in svg
    assert "No data: nothing has been measured yet." in svg
