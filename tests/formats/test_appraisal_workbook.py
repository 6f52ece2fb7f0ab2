"""The financial case workbook (``export --to appraisal``): recalculated by LibreOffice, its formulas give the
tool's figures to the penny (``appraise``), a change made in Excel moves the ratio as the tool would, no formula
errs, and no text a person typed becomes a formula.

Each recalculation starts LibreOffice (about 2 s), so the generated frameworks are few."""

from __future__ import annotations

import copy
import io
import json
import math
import random
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from factories import link, minimal, node
from hostile_text import PAYLOAD
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from paths import ROOT
from payloads import poison
from recalc import formula_errors, recalculated

from logicmodel import formats
from logicmodel.analysis.appraisal import NOT_SAID, appraise
from logicmodel.core.readwrite import from_data, loads
from logicmodel.core.samples import samples
from logicmodel.core.spreadsheet import safe_cell
from logicmodel.core.synthetic import synthetic_data
from logicmodel.formats.appraisal_workbook import CASE_COLUMNS, SHEET_NAMES

FIXTURE = ROOT / "tests" / "fixtures" / "v1" / "additions" / "appraisal.json"
APPRAISAL = formats.get("appraisal")

Sheets = dict[str, list[list[object]]]


# ---------------------------------------------------------------------------------------------- reading the book


def write(fw, path: Path) -> Path:
    path.write_bytes(APPRAISAL.write(fw, formats.Choices()))
    return path


def figure(value: object) -> float | None:
    """A recalculated figure: a formula's blank ("") reads back as None, as the tool's None."""
    if value is None or value == "":
        return None
    assert isinstance(value, int | float), value
    return float(value)


def penny(value: object) -> float | None:
    number = figure(value)
    return None if number is None else round(number, 2)


def same(book: object, tool: float | None) -> bool:
    """The workbook's figure and the tool's agree to the penny (both blank, or within half a penny)."""
    number = figure(book)
    if number is None or tool is None:
        return number is None and tool is None
    return abs(number - tool) < 0.005


def table(sheets: Sheets, sheet: str) -> list[dict[str, object]]:
    """A sheet's rows under its header row, as {header: value}, up to the first row with no first cell."""
    header, *rows = sheets[sheet]
    found = []
    for row in rows:
        if row[0] is None:
            break
        found.append(dict(zip(header, row, strict=False)))
    return found


def summary(sheets: Sheets) -> dict[str, object]:
    """The Summary sheet's figures by their label."""
    return {row[0]: row[1] for row in sheets["Summary"] if row and isinstance(row[0], str) and len(row) > 1}


def check_against_the_tool(fw, sheets: Sheets) -> None:
    """Every figure of the workbook equals the tool's to the penny: each outcome's first-year value, each
    discounted year and present value; the totals; and each stakeholder's pays, saves, net and fair share."""
    case = appraise(fw)
    assert formula_errors(sheets) == []
    rows = table(sheets, "Case")
    assert [r["Box id"] for r in rows] == [oc.box.id for oc in case.outcomes]
    for row, oc in zip(rows, case.outcomes, strict=True):
        assert row["Counted"] == ("yes" if oc.counted else "no"), oc.box.id
        assert same(row["First-year value"], oc.first_year), oc.box.id
        assert same(row["Present value"], oc.present_value), oc.box.id
        year_columns = [k for k in row if isinstance(k, str) and k.startswith("Year ")]
        for n, column in enumerate(year_columns, start=1):
            if not oc.counted:
                assert figure(row[column]) is None
            elif n <= len(oc.years):
                assert same(row[column], oc.years[n - 1] * oc.discount_factors[n - 1]), (oc.box.id, n)
            else:
                assert figure(row[column]) == 0.0, (oc.box.id, n)
    totals = summary(sheets)
    assert same(totals["Present value of benefits"], case.present_value)
    assert same(totals["Yearly cost"], case.yearly_cost)
    assert same(totals["One-off cost"], case.one_off_cost)
    assert same(totals["Investment"], case.investment)
    assert same(totals["Net present value"], case.npv)
    ratio = figure(totals["Ratio (benefits ÷ investment)"])
    assert (ratio is None) == (case.ratio is None) and (ratio is None or math.isclose(ratio, case.ratio, abs_tol=1e-9))
    who = {r["Stakeholder"]: r for r in table(sheets, "Who pays and saves")}
    for share in case.shares:
        row = who.pop(safe_cell(share.name) if share.stakeholder is not None else NOT_SAID)
        assert same(row["Pays"], share.pays), share.name
        assert same(row["Saves"], share.saves), share.name
        assert same(row["Net (saves − pays)"], share.net), share.name
        assert same(row["Fair share"], share.fair_share), share.name
    for name, row in who.items():  # a row the tool has none for (a beneficiary of an outcome not counted)
        assert figure(row["Pays"]) == 0.0 and figure(row["Saves"]) == 0.0, name


# --------------------------------------------------------------------------------------------- a worked example

STAKEHOLDERS = [
    {"id": "ph", "name": "Public Health", "role": "commissioner"},
    {"id": "asc", "name": "Adult social care", "role": "commissioner"},
    {"id": "icb", "name": "Integrated care board", "role": "partner"},
    {"id": "people", "name": "Older residents", "role": "community"},
]


def worked() -> dict[str, Any]:
    """Illustrative figures made up for the test, not confirmed unit costs."""
    return minimal(
        [
            node("classes", stakeholders=["ph"], cost={"amount": 20000, "period": "a year"}),
            node("setup", stakeholders=["ph", "asc"], cost={"amount": 6000, "period": "one-off"}),
            node("sessions", stakeholders=["ph"], cost={"amount": 500, "period": "per session"}),
            node(
                "falls",
                "strategic",
                label="Fewer falls",
                valuation={
                    "quantity": 12,
                    "proxy": {"amount": 1000, "unit": "a fall avoided", "source": "illustrative"},
                    "deadweight": 0.3,
                    "displacement": 0.0,
                    "attribution": 0.2,
                    "drop_off": 0.5,
                    "duration": 3,
                    "beneficiary": "icb",
                },
            ),
            node(
                "home",
                "strategic",
                label="Living at home longer",
                valuation={
                    "quantity": 5,
                    "proxy": {"amount": 2000, "source": "illustrative"},
                    "deadweight": 0.5,
                    "displacement": 0.1,
                    "attribution": 0.25,
                    "duration": 1,
                    "beneficiary": "asc",
                },
            ),
            node(
                "wellbeing", "strategic", label="Better wellbeing", valuation={"quantity": 50, "beneficiary": "people"}
            ),
            node(
                "active",
                "strategic",
                label="More active for years",
                valuation={
                    "quantity": 40,
                    "proxy": {"amount": 100, "source": "illustrative"},
                    "deadweight": 0.5,
                    "displacement": 0.0,
                    "attribution": 0.5,
                    "duration": 3,
                    "beneficiary": "people",
                },
            ),
        ],
        [link("classes", "falls"), link("setup", "home"), link("sessions", "wellbeing")],
        stakeholders=STAKEHOLDERS,
        appraisal={"discount_rate": 0.035, "price_year": 2025},
    )


def test_a_worked_case_gives_the_figures_worked_by_hand(tmp_path):
    """Fewer falls: 12 × £1,000 × (1 − 0.3) × (1 − 0) × (1 − 0.2) = £6,720 in year 1, halving each year:
    £6,720 ÷ 1.035 + £3,360 ÷ 1.035² + £1,680 ÷ 1.035³ = £6,492.75 + £3,136.60 + £1,515.26 = £11,144.61.
    Living at home: 5 × £2,000 × 0.5 × 0.9 × 0.75 = £3,375 for one year (no drop-off needed): £3,375 ÷ 1.035
    = £3,260.87. Wellbeing has no proxy and more: listed, not counted. Present value £14,405.48.
    Investment: £20,000 a year + £6,000 one-off = £26,000 (the £500 "per session" is not read as a year, so not
    counted). NPV £14,405.48 − £26,000 = −£11,594.52; ratio 0.55.
    More active for years lasts 3 years with no drop-off given: its first year, 40 × £100 × 0.5 × 1 × 0.5 =
    £1,000, is shown, but it is not counted (a drop-off is needed past one year), never counted as no drop-off.
    Public Health pays £20,000 + £3,000 = £23,000, adult social care £3,000 and saves £3,260.87; the ICB saves
    £11,144.61 and its fair share is £26,000 × 11,144.61 ÷ 14,405.48 = £20,114.56."""
    fw = from_data(worked())
    sheets = recalculated(write(fw, tmp_path / "case.xlsx"))
    check_against_the_tool(fw, sheets)
    rows = {r["Box id"]: r for r in table(sheets, "Case")}
    assert penny(rows["falls"]["First-year value"]) == 6720.00
    assert [penny(rows["falls"][f"Year {n} (discounted)"]) for n in (1, 2, 3)] == [6492.75, 3136.60, 1515.26]
    assert penny(rows["falls"]["Present value"]) == 11144.61
    assert penny(rows["home"]["Present value"]) == 3260.87
    assert rows["wellbeing"]["Counted"] == "no" and rows["wellbeing"]["Present value"] in (None, "")
    assert rows["wellbeing"]["Proxy amount"] is None and "proxy" in rows["wellbeing"]["Note"]
    assert penny(rows["active"]["First-year value"]) == 1000.00 and rows["active"]["Counted"] == "no"
    assert rows["active"]["Present value"] in (None, "") and rows["active"]["Note"] == "not counted: no drop-off"
    totals = summary(sheets)
    assert penny(totals["Present value of benefits"]) == 14405.48
    assert penny(totals["Investment"]) == 26000.00
    assert penny(totals["Net present value"]) == -11594.52
    assert round(totals["Ratio (benefits ÷ investment)"], 2) == 0.55
    who = {r["Stakeholder"]: r for r in table(sheets, "Who pays and saves")}
    assert penny(who["Public Health"]["Pays"]) == 23000.00
    assert (penny(who["Adult social care"]["Pays"]), penny(who["Adult social care"]["Saves"])) == (3000.0, 3260.87)
    assert penny(who["Integrated care board"]["Saves"]) == 11144.61
    assert penny(who["Integrated care board"]["Fair share"]) == 20114.56


def test_the_workbook_holds_formulas_over_values_a_finance_officer_can_change(tmp_path):
    """Inputs are values and every derived figure a formula referring to them: what makes it auditable."""
    book = openpyxl.load_workbook(io.BytesIO(APPRAISAL.write(from_data(worked()), formats.Choices())))
    assert book.sheetnames == list(SHEET_NAMES)
    case = book["Case"]
    header = [c.value for c in case[1]]
    assert header[: len(CASE_COLUMNS)] == list(CASE_COLUMNS)
    falls = {h: c for h, c in zip(header, case[2], strict=True)}
    for column in ("Quantity a year", "Proxy amount", "Deadweight", "Displacement", "Attribution", "Duration (years)"):
        assert falls[column].data_type == "n", column
    for column in ("Counted", "First-year value", "Year 1 (discounted)", "Year 3 (discounted)", "Present value"):
        assert falls[column].data_type == "f", column
    assert "DiscountRate" in book.defined_names and "PriceYear" in book.defined_names
    assert book.defined_names["DiscountRate"].attr_text == "'Assumptions'!$B$2"
    assert book["Assumptions"]["B2"].value == 0.035 and book["Assumptions"]["B3"].value == 2025
    assert falls["Proxy amount"].number_format.startswith("£#,##0.00")
    assert case.freeze_panes == "C2" and book["Investment"].freeze_panes == "A2"
    summary_cells = {row[0].value: row[1] for row in book["Summary"].iter_rows() if row[0].value}
    for label in ("Present value of benefits", "Investment", "Net present value", "Ratio (benefits ÷ investment)"):
        assert summary_cells[label].data_type == "f", label
    who = book["Who pays and saves"]
    assert [c.data_type for c in who[2][3:7]] == ["f", "f", "f", "f"]
    assert who["E2"].value.startswith("=SUMIF(")


def test_changing_a_deadweight_in_the_workbook_changes_the_ratio_as_the_tool_would(tmp_path):
    """The finance officer's check: a deadweight of 0.3 → 0.6, the discount rate 3.5% → 5% and the falls
    outcome's beneficiary from the ICB to adult social care, changed in Excel, give the figures the tool gives."""
    data = worked()
    path = write(from_data(data), tmp_path / "case.xlsx")
    book = openpyxl.load_workbook(path)
    header = [c.value for c in book["Case"][1]]
    falls = next(r for r in book["Case"].iter_rows(min_row=2) if r[0].value == "falls")
    falls[header.index("Deadweight")].value = 0.6
    who = {r[1].value: r[0].value for r in book["Who pays and saves"].iter_rows(min_row=2) if r[0].value}
    falls[header.index("Beneficiary no.")].value = who["Adult social care"]
    book["Assumptions"]["B2"].value = 0.05  # the discount rate, a named input
    book.save(path)
    sheets = recalculated(path)
    changed = copy.deepcopy(data)
    changed["nodes"][3]["valuation"] |= {"deadweight": 0.6, "beneficiary": "asc"}
    changed["appraisal"]["discount_rate"] = 0.05
    before, after = appraise(from_data(data)), appraise(from_data(changed))
    ratio = summary(sheets)["Ratio (benefits ÷ investment)"]
    assert math.isclose(ratio, after.ratio, rel_tol=1e-9) and not math.isclose(ratio, before.ratio, rel_tol=1e-3)
    check_against_the_tool(from_data(changed), sheets)
    rows = {r["Box id"]: r for r in table(sheets, "Case")}
    assert rows["falls"]["Beneficiary"] == "Adult social care"


def test_the_fixture_gives_the_tools_figures_and_lists_what_is_missing(tmp_path):
    fw = loads(FIXTURE.read_bytes())
    sheets = recalculated(write(fw, tmp_path / "fixture.xlsx"))
    check_against_the_tool(fw, sheets)
    sources = [c for row in sheets["Sources"] for c in row if isinstance(c, str)]
    assert "a fall avoided" in sources and any("illustrative" in c for c in sources)
    assert any(c.startswith("‘Better wellbeing’: no proxy") for c in sources)
    from logicmodel.analysis.appraisal import RULE

    assert RULE in sources
    for line in appraise(fw).missing:
        assert safe_cell(line) in sources, line


def test_a_framework_with_no_valuation_still_writes_a_workbook_that_says_so(tmp_path):
    fw = from_data(minimal([node("a", cost={"amount": 100, "period": "a year"}), node("b", "strategic")],
                           [link("a", "b")]))  # fmt: skip
    sheets = recalculated(write(fw, tmp_path / "none.xlsx"))
    check_against_the_tool(fw, sheets)
    totals = summary(sheets)
    assert totals["Present value of benefits"] in (None, "") and totals["Ratio (benefits ÷ investment)"] in (None, "")
    assert penny(totals["Investment"]) == 100.0


@pytest.mark.parametrize("sample", samples(), ids=lambda s: s.name)
def test_every_sample_gives_the_tools_figures(tmp_path, sample):
    """The samples' real costs (yearly, monthly, one-off, unreadable periods, shared between commissioners):
    the investment and who pays, as the tool reads them."""
    fw = sample.load()
    check_against_the_tool(fw, recalculated(write(fw, tmp_path / f"{sample.name}.xlsx")))


def test_a_big_case_recalculates_to_the_tools_figures(tmp_path):
    """500 boxes, 150 valued outcomes lasting up to 30 years, 100 costed activities shared among up to three
    payers (illustrative figures): every range of the formulas reaches its last row and column."""
    rng = random.Random(23)
    data = synthetic_data(500, seed=23)
    data["stakeholders"] = [*STAKEHOLDERS, {"id": "se", "name": "Sport England", "role": "funder"}]
    data["appraisal"] = {"discount_rate": 0.035}
    for i, box in enumerate(n for n in data["nodes"] if n["level"] == "activity"):
        period = "one-off (illustrative)" if i % 10 == 0 else "a month (illustrative)"
        box["cost"] = {"amount": float(rng.randrange(1_000, 20_000)), "period": period}
        box["stakeholders"] = rng.sample(["ph", "asc", "se", "icb"], rng.randint(0, 3))
    for box in [n for n in data["nodes"] if n["level"] in ("strategic", "intermediate")][:150]:
        box["valuation"] = {
            "quantity": float(rng.randrange(10, 250)),
            "proxy": {"amount": rng.randrange(5_000, 100_000) / 100, "source": "illustrative"},
            "deadweight": rng.choice([0.1, 0.3, 0.5]),
            "displacement": rng.choice([0.0, 0.1]),
            "attribution": rng.choice([0.1, 0.25, 0.4]),
            "drop_off": rng.choice([0.1, 0.33, 0.5]),
            "duration": rng.randint(1, 30),
        }
        beneficiary = rng.choice(["icb", "asc", "people", None])
        if beneficiary is not None:
            box["valuation"]["beneficiary"] = beneficiary
    fw = from_data(data)
    assert len(appraise(fw).counted) == 150
    check_against_the_tool(fw, recalculated(write(fw, tmp_path / "big.xlsx")))


# -------------------------------------------------------------------------------------------- generated cases

FRACTION = st.one_of(st.none(), st.sampled_from([0.0, 0.1, 0.25, 0.333, 0.5, 0.9, 1.0]))


@st.composite
def frameworks(draw) -> dict[str, Any]:
    """A few activities (yearly, one-off, unreadable or no cost; shared between commissioners and funders or
    none) leading to a few valued outcomes, any figure of which may be missing."""
    roles = ["commissioner", "funder", "partner", "community"]
    stakeholders = [{"id": f"s{i}", "name": f"Stakeholder {i}", "role": draw(st.sampled_from(roles))}
                    for i in range(draw(st.integers(1, 4)))]  # fmt: skip
    ids = [s["id"] for s in stakeholders]
    nodes, links = [], []
    periods = st.sampled_from(["a year", "monthly", "one-off", "pilot", "per session", "over 3 years"])
    costs = st.builds(
        dict, amount=st.integers(0, 50_000).map(float), period=periods, currency=st.sampled_from(["GBP", "GBP", "EUR"])
    )
    proxies = st.builds(
        dict, amount=st.floats(0, 100_000).map(lambda x: round(x, 2)), currency=st.sampled_from(["GBP", "GBP", "EUR"])
    )
    for i in range(draw(st.integers(1, 3))):
        cost = draw(st.one_of(st.none(), costs))
        payers = draw(st.lists(st.sampled_from(ids), max_size=3, unique=True))
        nodes.append(node(f"a{i}", stakeholders=payers, **({"cost": cost} if cost else {})))
    for j in range(draw(st.integers(1, 4))):
        valuation = {
            "quantity": draw(st.one_of(st.none(), st.integers(0, 5_000).map(float), st.just(12.5))),
            "proxy": draw(st.one_of(st.none(), proxies)),
            "deadweight": draw(FRACTION),
            "displacement": draw(FRACTION),
            "attribution": draw(FRACTION),
            "drop_off": draw(FRACTION),
            "duration": draw(st.one_of(st.none(), st.integers(1, 12))),
            "beneficiary": draw(st.one_of(st.none(), st.sampled_from(ids))),
        }
        nodes.append(node(f"o{j}", "strategic", valuation={k: v for k, v in valuation.items() if v is not None}))
        links += [link(f"a{i}", f"o{j}") for i in range(len(nodes) - j - 1) if draw(st.booleans())]
    rate = draw(st.sampled_from([0.0, 0.035, 0.015, 0.1]))
    return minimal(nodes, links, stakeholders=stakeholders, appraisal={"discount_rate": rate})


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=frameworks())
def test_generated_cases_recalculate_to_the_tools_figures(tmp_path_factory, data):
    fw = from_data(data)
    path = write(fw, tmp_path_factory.mktemp("generated") / "case.xlsx")
    check_against_the_tool(fw, recalculated(path))


# --------------------------------------------------------------------------------------------- hostile text

FORMULAS = [
    '=HYPERLINK("https://evil.example/x","Click")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "=1+1",
    "\t=1+1",
    "'=already quoted",
    "=DiscountRate*1000",
]


def test_hostile_text_stays_text_and_never_becomes_a_formula(tmp_path):
    """Labels, stakeholder names, units and sources that a spreadsheet would run: written through the one
    escaper, shown as typed, and no formula of the workbook holds any of them."""
    data = poison(json.loads(json.dumps(worked())), [*FORMULAS, PAYLOAD])
    for n in data["nodes"]:  # a label that starts with a formula, exactly
        n["label"] = FORMULAS[len(n["id"]) % len(FORMULAS)] + " " + n["id"]
    data["stakeholders"][2]["name"] = "=1+1 ICB"
    for n, formula in zip(data["nodes"][3:5], FORMULAS, strict=False):
        n["valuation"]["proxy"] |= {"source": formula + " source", "unit": "@" + formula}
    fw = from_data(data)
    path = write(fw, tmp_path / "hostile.xlsx")
    book = openpyxl.load_workbook(path)
    typed = {n.label for n in fw.nodes} | {s.name for s in fw.stakeholders}
    typed |= {n.valuation.proxy.source for n in fw.nodes if n.valuation and n.valuation.proxy}
    for ws in book:
        for row in ws.iter_rows():
            for c in row:
                if c.data_type == "f":
                    assert not any(t in c.value for t in typed), (ws.title, c.coordinate, c.value)
                    assert "evil.example" not in c.value and "cmd|" not in c.value
    sheets = recalculated(path)
    assert formula_errors(sheets) == []
    shown = {c for rows in sheets.values() for row in rows for c in row if isinstance(c, str)}
    for text in typed:
        assert safe_cell(text) in shown, text
    assert "'=1+1 ICB" in shown
    check_against_the_tool(fw, sheets)


def test_export_writes_the_case_workbook_from_the_command_line(tmp_path):
    from logicmodel.cli.main import main

    source = tmp_path / "case.json"
    source.write_bytes(FIXTURE.read_bytes())
    out = io.StringIO()
    assert main(["export", str(source), "--to", "appraisal", "-o", str(tmp_path / "case.xlsx")], out=out) == 0
    assert "written (appraisal, 3 boxes)" in out.getvalue()
    assert openpyxl.load_workbook(tmp_path / "case.xlsx").sheetnames == list(SHEET_NAMES)
