"""The progress chart as plain Vega-Lite (``chart_spec``): what the Progress page draws 200 of at once. It must
be a spec Vega-Lite accepts (checked against its schema by Altair) and draw exactly what the Altair chart of
the report draws (``indicator_chart``), for each status and for targets and baselines in words."""

from __future__ import annotations

import altair as alt
import pytest
from paths import ROOT

from logicmodel.core.models import Indicator
from logicmodel.core.readwrite import load
from logicmodel.drawing.progress_chart import PAGE, REPORT, chart_spec, chart_svg, indicator_chart

FIXTURE = load(ROOT / "tests" / "fixtures" / "progress" / "illustrative.json")
CASES = [(node, indicator) for node in FIXTURE.nodes for indicator in node.indicators] + [
    (None, Indicator(name="Falls", baseline="high", target="fewer falls")),  # nothing to draw: words alone
    (None, Indicator(name="Sessions", target=30)),  # a target line, nothing measured
]


@pytest.mark.parametrize(("box", "indicator"), CASES, ids=[i.name[:30] for _, i in CASES])
def test_the_spec_is_valid_vega_lite_and_draws_what_the_altair_chart_draws(box, indicator):
    spec = chart_spec(indicator, box, REPORT)
    alt.LayerChart.from_dict(spec, validate=True)  # raises on a spec the schema refuses
    assert chart_svg(spec) == chart_svg(indicator_chart(indicator, box, REPORT))


def test_the_page_size_is_large_type():
    box, indicator = CASES[1]
    spec = chart_spec(indicator, box, PAGE)
    assert spec["config"]["axis"]["labelFontSize"] >= 14 and spec["title"]["fontSize"] >= 16
