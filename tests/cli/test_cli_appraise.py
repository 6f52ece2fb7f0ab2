"""``logicmodel appraise FILE [--json]``: the table of valued outcomes, the totals, who pays and who saves, the
most sensitive assumptions, what is missing and the rule; the JSON keys scripts rely on, with the figures worked
by hand; one line for a file it cannot read. Figures are illustrative, made up for a test."""

from __future__ import annotations

import io
import json

import pytest
from factories import link, minimal, node
from paths import ROOT

from logicmodel.analysis.appraisal import RULE
from logicmodel.cli.main import main

FIXTURE = ROOT / "tests" / "fixtures" / "v1" / "additions" / "appraisal.json"


def run(*argv):
    out = io.StringIO()
    status = main(list(argv), out=out)
    return status, out.getvalue()


@pytest.fixture
def case_file(tmp_path):
    """£250 a month plus a £1,000 set-up paid by Public Health; "falls" worth £6,739.20 over three years at 25%
    (see tests/analysis/test_appraisal.py) saved by the ICB; "active", upstream of it, valued too; "weight" with
    figures missing."""
    full = {
        "quantity": 20,
        "proxy": {"amount": 500},
        "deadweight": 0.25,
        "displacement": 0.1,
        "attribution": 0.2,
        "drop_off": 0.5,
        "duration": 3,
    }
    data = minimal(
        [
            node("classes", label="Classes", cost={"amount": 250, "period": "monthly"}, stakeholders=["ph"]),
            node("setup", label="Set-up", cost={"amount": 1000, "period": "set-up"}, stakeholders=["ph"]),
            node("active", "intermediate", label="More active", valuation=full | {"quantity": 0}),
            node("falls", "strategic", label="Fewer falls", valuation=full | {"beneficiary": "icb"}),
            node("weight", "strategic", label="Healthy weight", valuation={"quantity": 5}),
        ],
        [link("classes", "active"), link("setup", "active"), link("active", "falls"), link("classes", "weight")],
        stakeholders=[
            {"id": "ph", "name": "Public Health", "role": "commissioner"},
            {"id": "icb", "name": "Integrated care board", "role": "partner"},
        ],
        appraisal={"discount_rate": 0.25, "price_year": 2025},
    )
    path = tmp_path / "case.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_json_gives_each_outcome_the_totals_and_who_pays_and_saves(case_file):
    status, out = run("appraise", str(case_file), "--json")
    assert status == 0
    data = json.loads(out)
    falls = next(o for o in data["outcomes"] if o["id"] == "falls")
    # 20 × £500 × 0.75 × 0.9 × 0.8 = £5,400 in year 1; 5,400 × 0.8 + 2,700 × 0.64 + 1,350 × 0.512 = £6,739.20.
    assert falls["first_year"] == pytest.approx(5400) and falls["present_value"] == pytest.approx(6739.2)
    assert falls["label"] == "Fewer falls" and falls["beneficiary"] == "icb" and falls["missing"] == []
    weight = next(o for o in data["outcomes"] if o["id"] == "weight")
    assert weight["present_value"] is None and "proxy" in weight["missing"]
    # "active" (quantity 0) counts £0; total £6,739.20 against £3,000 a year + £1,000 set-up = £4,000.
    assert data["present_value"] == pytest.approx(6739.2)
    assert data["investment"] == pytest.approx(4000)
    assert data["npv"] == pytest.approx(2739.2)
    assert data["ratio"] == pytest.approx(1.6848)
    assert (data["discount_rate"], data["price_year"], data["currency"]) == (0.25, 2025, "GBP")
    assert data["payers"] == [{"stakeholder": "ph", "name": "Public Health", "pays": 4000}]
    assert data["beneficiaries"] == [
        {"stakeholder": "icb", "name": "Integrated care board", "saves": pytest.approx(6739.2)}
    ]
    assert data["double_counting"] == [["active", "falls"]]
    assert data["missing"] == [
        "‘Healthy weight’: no proxy, no deadweight, no displacement, no attribution, no duration"
    ]
    assert data["rule"] == RULE
    keys = {a["key"] for a in data["sensitivity"]}
    assert {"investment", "discount_rate", "deadweight:falls", "quantity:active"} <= keys


def test_the_text_shows_the_table_totals_shares_sensitivity_missing_and_rule(case_file):
    status, out = run("appraise", str(case_file))
    assert status == 0
    lines = out.splitlines()
    assert lines[0].startswith(f"{case_file}: the financial case in GBP, at 2025 prices, discounted at 25% a year")
    falls = next(line for line in lines if line.startswith("Fewer falls [falls]"))
    assert "£5,400" in falls and "£6,739" in falls and "Integrated care board" in falls
    assert "not counted" in next(line for line in lines if line.startswith("Healthy weight [weight]"))
    totals = next(line for line in lines if line.startswith("Totals:"))
    assert "present value £6,739" in totals and "investment £4,000" in totals
    assert "net present value £2,739" in totals and "ratio 1.68" in totals
    assert any(line.strip().startswith("Public Health") and "£4,000" in line for line in lines)
    sensitive = lines.index(next(line for line in lines if line.startswith("Most sensitive assumptions")))
    assert (
        lines[sensitive + 1].strip().startswith("Investment (£4,000): £2,000 → 3.37, £6,000 → 1.12; ratio 1 at £6,739")
    )
    assert any("‘More active’ leads to ‘Fewer falls’" in line for line in lines)
    assert "  - ‘Healthy weight’: no proxy, no deadweight, no displacement, no attribution, no duration" in lines
    assert lines[-1] == f"Rule: {RULE}"


def test_a_loss_is_shown_with_its_sign():
    status, out = run("appraise", str(FIXTURE))
    assert status == 0
    # The fixture: £11,144.61 of value against £20,000 a year.
    assert "net present value −£8,855" in out and "ratio 0.56" in out


def test_a_framework_with_nothing_valued_says_so(tmp_path):
    path = tmp_path / "plain.json"
    path.write_text(json.dumps(minimal([node("walks", cost={"amount": 10, "period": "a year"})])), encoding="utf-8")
    status, out = run("appraise", str(path))
    assert status == 0
    assert "no outcome box carries a valuation" in out and "ratio none" in out


def test_a_file_it_cannot_read_is_named_in_one_line(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    status, out = run("appraise", str(bad))
    assert status == 1
    assert out.startswith(f"{bad}: ") and "Traceback" not in out
    status, out = run("appraise", str(tmp_path / "nope.json"), "--json")
    assert (status, out) == (1, f"{tmp_path / 'nope.json'}: no such file\n")


def test_a_label_is_shown_never_obeyed(tmp_path):
    data = minimal([node("x", "strategic", label="Falls\u202egnp.exe", valuation={"quantity": 1})])
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    status, out = run("appraise", str(path))
    assert status == 0 and "\u202e" not in out and "Falls\\u202egnp.exe" in out
