"""``logicmodel progress FILE [--json]``: each indicator's box, name, baseline, latest value and period, target
and status, the rule printed with them, delivery against plan; the JSON keys scripts rely on; one line for a
file it cannot read."""

from __future__ import annotations

import io
import json

import pytest
from factories import minimal, node
from paths import ROOT

from logicmodel.analysis.progress import RULE
from logicmodel.cli.main import main

FIXTURE = ROOT / "tests" / "fixtures" / "v1" / "additions" / "measurements.json"


def run(*argv):
    out = io.StringIO()
    status = main(list(argv), out=out)
    return status, out.getvalue()


@pytest.fixture
def measured(tmp_path):
    inactive = {
        "name": "Physically inactive adults",
        "baseline": 25,
        "target": 22,
        "measurements": [
            {"period": "2023/24", "period_end": "2024-03-31", "value": 23.5, "lower_ci": 22.0, "upper_ci": 25.0},
            {"period": "2022/23", "period_end": "2023-03-31", "value": 24},
        ],
    }
    falls = {"name": "Falls admissions", "baseline": "2,100", "target": "reduce"}
    delivered = [{"period": "2024/25", "period_end": "2025-03-31", "participants": 280, "spent": 19500}]
    data = minimal(
        [
            node(
                "walks", label="Health walks", reach=300, cost={"amount": 20000, "period": "a year"}, delivery=delivered
            ),
            node("active", "strategic", label="Fewer inactive adults", indicators=[inactive, falls]),
        ],
        [{"source": "walks", "target": "active"}],
    )
    path = tmp_path / "measured.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_json_gives_one_object_an_indicator_with_the_keys_scripts_rely_on(measured):
    status, out = run("progress", str(measured), "--json")
    assert status == 0
    assert json.loads(out) == [
        {
            "box": "active",
            "indicator": "Physically inactive adults",
            "baseline": 25,
            "latest": 23.5,
            "period": "2023/24",
            "target": 22,
            "status": "no change",
        },
        {
            "box": "active",
            "indicator": "Falls admissions",
            "baseline": "2,100",
            "latest": None,
            "period": None,
            "target": "reduce",
            "status": "no data",
        },
    ]


def test_the_lines_name_box_indicator_figures_and_status_and_end_with_the_rule(measured):
    status, out = run("progress", str(measured))
    lines = out.splitlines()
    assert status == 0
    assert lines[0] == f"{measured}: 2 indicators: 1 no change, 1 no data"
    assert lines[1].startswith(
        "Fewer inactive adults [active]: Physically inactive adults: baseline 25, latest 23.5 in 2023/24, "
        "target 22: no change (the baseline is inside the 95% confidence interval (22 to 25))"
    )
    assert lines[2].startswith("Fewer inactive adults [active]: Falls admissions: baseline 2,100, latest none")
    assert "Health walks [walks]: 2024/25 (2024/25): 280 participants of 300 planned a year; " in out
    assert "spent £19,500 of £20,000 planned a year" in out
    assert lines[-1] == f"Rule: {RULE}"


def test_a_sample_figure_is_shown_with_its_source_saying_it_is_illustrative():
    status, out = run("progress", str(ROOT / "logicmodel" / "sample_frameworks" / "nottingham-msk.json"))
    assert status == 0
    assert (
        "Waiting time to first MSK assessment: baseline none, latest 6 in December 2025 (Illustrative figures, "
        "not a measurement), target reduce: no data"
    ) in out


def test_a_framework_without_indicators_says_so_and_prints_an_empty_list_as_json(tmp_path):
    path = tmp_path / "plain.json"
    path.write_text(json.dumps(minimal([node("walks")])), encoding="utf-8")
    assert run("progress", str(path)) == (0, f"{path}: no indicators\n")
    assert run("progress", str(path), "--json") == (0, "[]\n")


def test_a_file_it_cannot_read_is_one_line_naming_the_place_and_exit_1(tmp_path):
    data = minimal([node("walks", delivery=[{"period": "2024/25", "period_end": "31/03/2025"}])])
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    status, out = run("progress", str(path), "--json")
    assert status == 1
    assert out == f"{path}: nodes[0].delivery[0].period_end: should be an ISO 8601 date such as 2023-03-31\n"


def test_the_fixture_shows_its_made_up_figures_as_written():
    status, out = run("progress", str(FIXTURE), "--json")
    assert status == 0
    assert [row["status"] for row in json.loads(out)] == ["improving", "no data"]
