"""Export offers the financial case workbook (``export --to appraisal``) through the registry, with no code of the
page's own: its button, its words, and the workbook it makes when clicked."""

from __future__ import annotations

import io

import openpyxl
from app_helpers import open_page
from paths import ROOT

from logicmodel import formats
from logicmodel.core.readwrite import loads

FIXTURE = ROOT / "tests" / "fixtures" / "v1" / "additions" / "appraisal.json"


def test_export_offers_the_case_workbook_and_makes_it_when_clicked(deferred_downloads):
    fw = loads(FIXTURE.read_bytes())
    at = open_page("export", fw)
    assert not at.exception
    [button] = [b for b in at.get("download_button") if b.proto.id.endswith("download_appraisal")]
    assert button.proto.label == "Financial case to audit (Excel)"
    assert any("The financial case as an Excel workbook of formulas" in c.value for c in at.caption)
    made = deferred_downloads["download_appraisal"]
    assert made.file_name == "appraisal-test-fixture-illustrative-figures-case.xlsx"
    assert made.mime == formats.get("appraisal").media_type
    book = openpyxl.load_workbook(io.BytesIO(made()))
    case = book["Case"]
    assert [case.cell(row=r, column=1).value for r in (2, 3)] == ["falls", "wellbeing"]
    assert str(case.cell(row=2, column=case.max_column - 1).value).startswith("=IF(")  # the present value: a formula
