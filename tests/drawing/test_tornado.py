"""The tornado chart of the case's sensitivity (``logicmodel.drawing.tornado``), as a Case page and a report draw
it: the assumptions in swing order (widest at the top), at most ``top`` of them, a dashed line at the break-even
ratio of 1 and one at the central ratio, each bar's end labelled with its ratio, a spec Vega-Lite accepts and
that draws offline; a label a user typed is only ever a value a text mark shows (never part of an expression,
a filter or a field name) and is escaped in the SVG."""

from __future__ import annotations

import json
from typing import Any

import altair as alt
import pytest
from paths import ROOT

from logicmodel.analysis.appraisal import appraise
from logicmodel.analysis.sensitivity import Assumption, sensitivity
from logicmodel.core.readwrite import load
from logicmodel.drawing.tornado import (
    BREAK_EVEN,
    HIGH,
    LOW,
    PAGE,
    REPORT,
    tornado_bars,
    tornado_spec,
    tornado_svg,
)


def Moved(
    key: str,
    figure: str,
    label: str,
    value: float,
    low: float,
    high: float,
    ratio_low: float | None,
    ratio_high: float | None,
    break_even: float | None = None,
) -> Assumption:
    """An assumption as ``sensitivity`` gives it, with made-up ratios."""
    return Assumption(key, figure, None, label, value, low, high, ratio_low, ratio_high, break_even)


HOSTILE = "'); alert(1); (' <script>x</script> {{datum.key}} \" & datum.end > 0 || "

ASSUMPTIONS = [  # not in swing order: the chart puts them in it
    Moved("discount_rate", "discount_rate", "Discount rate", 0.035, 0.0175, 0.0525, 2.5, 2.3),  # swing 0.2
    Moved("proxy:falls", "proxy", "Proxy of ‘Fewer falls’", 1650, 825, 2475, 1.2, 3.6, 688),  # swing 2.4
    Moved("investment", "investment", "Investment", 50000, 25000, 75000, 4.8, 1.6, 120000),  # swing 3.2
    Moved("deadweight:falls", "deadweight", "Deadweight of ‘Fewer falls’", 0.3, 0.15, 0.45, 2.9, 1.9),  # 1.0
    Moved("duration:walks", "duration", f"Duration of ‘{HOSTILE}’", 3, 1, 5, 2.0, 2.6),  # swing 0.6
]
CENTRAL = 2.4
FIXTURE = ROOT / "tests" / "fixtures" / "v1" / "additions" / "appraisal.json"


def rows(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """The bars' rows: the first layer's data."""
    return spec["layer"][0]["data"]["values"]


def strings_in_code(spec: Any, inside: str = "") -> list[str]:
    """Every string the chart runs or looks up (expressions, filters, field names, sort orders), not data."""
    if isinstance(spec, dict):
        found = []
        for key, value in spec.items():
            if key == "values":  # data: shown, never run
                continue
            found += strings_in_code(value, key)
        return found
    if isinstance(spec, list):
        return [s for item in spec for s in strings_in_code(item, inside)]
    return (
        [spec]
        if isinstance(spec, str) and inside in {"filter", "expr", "calculate", "field", "sort", "labelExpr"}
        else []
    )


def test_the_bars_are_in_swing_order_widest_at_the_top():
    bars = tornado_bars(ASSUMPTIONS, CENTRAL)
    assert [b.key for b in bars] == ["investment", "proxy:falls", "deadweight:falls", "duration:walks", "discount_rate"]
    assert [round(b.swing, 6) for b in bars] == [3.2, 2.4, 1.0, 0.6, 0.2]
    spec = tornado_spec(ASSUMPTIONS, CENTRAL)
    assert spec["layer"][0]["encoding"]["y"]["sort"] == [b.key for b in bars]  # drawn top to bottom in that order


def test_each_assumption_has_a_bar_from_the_central_ratio_to_its_low_and_its_high_ratio():
    spec = tornado_spec(ASSUMPTIONS, CENTRAL)
    investment = [r for r in rows(spec) if r["key"] == "investment"]
    assert [(r["side"], r["start"], r["end"], r["ratio"], r["value"]) for r in investment] == [
        (LOW, CENTRAL, 4.8, "£4.80", "£25,000"),
        (HIGH, CENTRAL, 1.6, "£1.60", "£75,000"),
    ]
    assert spec["layer"][0]["encoding"]["x2"] == {"field": "start"}


def test_only_the_top_few_are_drawn_and_the_subtitle_says_so():
    spec = tornado_spec(ASSUMPTIONS, CENTRAL, top=2)
    assert {r["key"] for r in rows(spec)} == {"investment", "proxy:falls"}
    assert "the 2 that move the ratio most of 5" in " ".join(spec["title"]["subtitle"])


def test_a_dashed_line_marks_break_even_at_1_and_a_solid_one_the_central_ratio():
    spec = tornado_spec(ASSUMPTIONS, CENTRAL)
    [rule] = [layer for layer in spec["layer"] if layer["mark"]["type"] == "rule"]
    lines = {row["kind"]: row for row in rule["data"]["values"]}
    assert lines["break-even"]["at"] == BREAK_EVEN == 1 and lines["break-even"]["text"] == "Break-even: 1"
    assert lines["central"]["at"] == CENTRAL and lines["central"]["text"] == "Central: £2.40"
    dashes = rule["encoding"]["strokeDash"]["scale"]
    assert dict(zip(dashes["domain"], dashes["range"], strict=True))["break-even"] == [7, 5]  # dashed
    domain = rule["encoding"]["x"]["scale"]["domain"]
    assert domain[0] <= 1 <= domain[1]  # break-even always on the chart, even when every ratio is above it


def test_an_assumption_whose_ratio_cannot_be_worked_out_is_left_out_and_one_end_missing_draws_the_other():
    moved = [
        Moved("investment", "investment", "Investment", 100, 50, 150, None, None),
        Moved("quantity:falls", "quantity", "Quantity of ‘Fewer falls’", 10, 5, 15, None, 3.0),
    ]
    spec = tornado_spec(moved, 2.0)
    assert [(r["key"], r["side"]) for r in rows(spec)] == [("quantity:falls", HIGH)]


def test_with_nothing_to_move_the_chart_says_so_in_words():
    spec = tornado_spec([], None)
    assert "No assumption to move" in json.dumps(spec)
    assert "layer" not in spec  # no empty axis


@pytest.mark.parametrize("size", [PAGE, REPORT], ids=["page", "report"])
def test_the_spec_is_valid_vega_lite_and_draws_offline_with_the_labels_wrapped(size):
    spec = tornado_spec(ASSUMPTIONS, CENTRAL, size=size)
    alt.LayerChart.from_dict(spec, validate=True)  # raises on a spec the schema refuses
    svg = tornado_svg(ASSUMPTIONS, CENTRAL, size=size)
    assert svg.startswith("<svg") and "Deadweight of ‘Fewer falls’" in svg and "Break-even: 1" in svg
    labels = next(layer for layer in spec["layer"] if layer["data"]["values"][0].get("lines"))
    assert all(len(line) <= size.label_chars for row in labels["data"]["values"] for line in row["lines"])


def test_the_page_size_is_large_type_for_the_back_of_a_room_and_rows_tall_enough_for_their_labels():
    spec = tornado_spec(ASSUMPTIONS, CENTRAL, size=PAGE)
    assert spec["autosize"]["type"] == "fit-x"  # across the page, each row keeping its height
    labels = next(layer for layer in spec["layer"] if layer["data"]["values"][0].get("lines"))
    most = max(len(row["lines"]) for row in labels["data"]["values"])
    assert spec["height"] / len(labels["data"]["values"]) >= most * labels["mark"]["lineHeight"]
    assert spec["config"]["axis"]["titleFontSize"] >= 16 and spec["title"]["fontSize"] >= 18
    assert all(layer["mark"].get("fontSize", 16) >= 16 for layer in spec["layer"] if layer["mark"]["type"] == "text")


def test_a_label_is_data_only_never_code_and_is_escaped_in_the_svg():
    spec = tornado_spec(ASSUMPTIONS, CENTRAL)
    assert not [s for s in strings_in_code(spec) if "alert" in s or "script" in s or "Duration" in s]
    shown = [row for layer in spec["layer"] for row in layer["data"]["values"] if HOSTILE in row.get("label", "")]
    assert shown  # the label is there, as typed, as data
    svg = tornado_svg(ASSUMPTIONS, CENTRAL)
    assert "<script>" not in svg and "&lt;script&gt;" in svg


def test_values_are_written_as_the_case_is_said_everywhere():
    bars = tornado_bars(ASSUMPTIONS, CENTRAL)
    proxy = next(b for b in bars if b.key == "proxy:falls")
    assert (proxy.value, proxy.low_value, proxy.high_value, proxy.break_even) == ("£1,650", "£825", "£2,475", "£688")
    deadweight = next(b for b in bars if b.key == "deadweight:falls")
    assert (deadweight.value, deadweight.low_value, deadweight.break_even) == ("30%", "15%", None)
    assert next(b for b in bars if b.key == "duration:walks").high_value == "five years"


def test_the_chart_of_a_real_case_draws_every_assumption_sensitivity_gives_in_its_order():
    fw = load(FIXTURE)
    case, moved = appraise(fw), sensitivity(fw)
    assert case.ratio is not None and moved
    spec = tornado_spec(moved, case.ratio, case.currency, top=len(moved))
    drawn = spec["layer"][0]["encoding"]["y"]["sort"]
    assert drawn == [a.key for a in moved if a.swing > 0]
    assert "discount_rate" in drawn and "investment" in drawn and "deadweight:falls" in drawn
    assert "displacement:falls" not in drawn  # 0 moved by ±50% is 0: an empty row would say nothing
    central = next(r for r in spec["layer"] if r["mark"]["type"] == "rule")["data"]["values"][1]
    assert central["at"] == case.ratio
    alt.LayerChart.from_dict(spec, validate=True)


def test_the_word_reports_tornado_keeps_every_label_inside_the_picture():
    """The Word report's chart is drawn in the fonts the chart measured its labels with: drawn by Cairo in a
    wider font, "Quantity of ‘Fewer care home moves’" lost its first letters off the picture's left edge."""
    import io
    import sys

    from docx import Document
    from PIL import Image

    from logicmodel import formats

    sys.path.insert(0, str(ROOT / "tests"))
    from case_fixture import hand

    fw = hand()
    long = "Fewer care home moves among people living alone with dementia"
    fw = fw.model_copy(
        update={
            "nodes": tuple(
                n.model_copy(update={"label": long}) if n.valuation and "care" in n.label.casefold() else n
                for n in fw.nodes
            )
        }
    )
    assert any(n.label == long for n in fw.nodes)
    document = Document(io.BytesIO(formats.get("docx").write(fw, formats.Choices())))
    blips = document.element.body.findall(".//{http://schemas.openxmlformats.org/drawingml/2006/main}blip")
    tornado = document.part.related_parts[
        blips[-1].get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed")
    ]
    picture = Image.open(io.BytesIO(tornado.blob)).convert("L")
    edge = [picture.getpixel((x, y)) for x in range(4) for y in range(picture.height)]
    assert min(edge) > 240, "something dark is drawn at the picture's left edge: a label runs off it"
