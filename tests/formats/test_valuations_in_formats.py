"""Valuations and the appraisal (issue 23) travel through the workbook (a Valuations sheet; the discount rate and
price year as rows of the Framework sheet) and the zip of CSV files (valuations.csv; rows of framework.csv), so
a framework edited in Excel keeps its case: known rows written, every figure read back, a bad cell refused in one
line naming its sheet (or file), row and column, a workbook or zip from before the sheet still loading, and the
other formats keeping the open version's figures when a file is brought back."""

from __future__ import annotations

import csv
import io
import zipfile

import openpyxl
import pytest
from paths import ROOT

from logicmodel import formats
from logicmodel.cli.main import main
from logicmodel.core.errors import FrameworkError
from logicmodel.core.readwrite import from_data, load, to_data
from logicmodel.formats.update import update_from
from logicmodel.jobs.tasks import bring_back, read_upload
from logicmodel.store import Library

FIXTURE = ROOT / "tests" / "fixtures" / "v1" / "additions" / "appraisal.json"
"""Illustrative figures made up for a test (labelled so in the fixture), not confirmed unit costs."""
XLSX, CSV_FILES = formats.get("xlsx"), formats.get("csv-files")
HEADERS = ("box", "quantity", "proxy amount", "currency", "unit", "source", "deadweight", "displacement")
HEADERS += ("attribution", "drop-off", "duration", "beneficiary")


@pytest.fixture
def fw():
    return load(FIXTURE)


def workbook(fw, edit=None) -> bytes:
    """The framework's workbook, edited as a person would in Excel (``edit(book)``)."""
    book = openpyxl.load_workbook(io.BytesIO(XLSX.write(fw, formats.Choices())))
    if edit is not None:
        edit(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def csv_files(fw, edit=None) -> bytes:
    """The framework's zip of CSV files, its texts changed by ``edit(files)`` (a dict of name: text)."""
    with zipfile.ZipFile(io.BytesIO(CSV_FILES.write(fw, formats.Choices()))) as z:
        files = {name: z.read(name).decode("utf-8-sig") for name in z.namelist()}
    if edit is not None:
        edit(files)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, text in files.items():
            z.writestr(name, text)
    return out.getvalue()


def rows(files: dict[str, str], name: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(files[name])))


def refusal(fmt, data) -> str:
    """The one problem a file is refused for, as the app and the command line show it."""
    with pytest.raises(FrameworkError) as caught:
        formats.read(fmt, data)
    [problem] = caught.value.problems
    assert "\n" not in str(problem)
    return str(problem)


# --- written: the rows a finance officer sees ---


def test_the_workbook_has_a_valuations_sheet_a_box_a_row_and_the_appraisal_on_the_framework_sheet(fw):
    book = openpyxl.load_workbook(io.BytesIO(workbook(fw)))
    sheet = [list(row) for row in book["Valuations"].iter_rows(values_only=True)]
    source = "illustrative figure made up for a test, not a confirmed unit cost"
    assert sheet == [
        [*HEADERS],
        ["falls", 12, 1000, "GBP", "a fall avoided", source, 0.3, 0, 0.2, 0.5, 3, "nhs"],
        ["wellbeing", 50, None, None, None, None, None, None, None, None, None, "people"],  # only what is said
    ]
    framework = {row[0]: row[1] for row in book["Framework"].iter_rows(min_row=2, values_only=True)}
    assert framework["discount rate"] == 0.035 and framework["price year"] == 2025
    readme = [row[:2] for row in book["Read me"].iter_rows(values_only=True)]
    assert ("Valuations", "deadweight") in readme and ("Valuations", "beneficiary") in readme
    assert "discount rate" in next(
        row[2] for row in book["Read me"].iter_rows(values_only=True) if row[0] == "Framework"
    )


def test_the_zip_has_valuations_csv_and_the_appraisal_in_framework_csv(fw):
    with zipfile.ZipFile(io.BytesIO(CSV_FILES.write(fw, formats.Choices()))) as z:
        files = {name: z.read(name).decode("utf-8-sig") for name in z.namelist()}
    valued = rows(files, "valuations.csv")
    assert valued[0][:3] == ["box", "quantity", "proxy amount"] and valued[0][-1] == "beneficiary"
    figures = ["12.0", "1000.0", "GBP", "a fall avoided", valued[1][5], "0.3", "0.0", "0.2", "0.5", "3", "nhs"]
    assert valued[1] == ["falls", *figures]
    assert ["discount rate", "0.035"] in rows(files, "framework.csv")
    assert ["price year", "2025"] in rows(files, "framework.csv")
    assert "valuations.csv (Valuations)" in files["README.txt"] and "30%" in files["README.txt"]


def test_a_framework_without_valuations_or_an_appraisal_writes_none(fw):
    data = to_data(fw)
    del data["appraisal"]
    for node in data["nodes"]:
        node.pop("valuation", None)
    fw = from_data(data)
    book = openpyxl.load_workbook(io.BytesIO(workbook(fw)))
    assert book["Valuations"].max_row == 1  # the headers, to fill in
    fields = [row[0] for row in book["Framework"].iter_rows(values_only=True)]
    assert "discount rate" not in fields and "price year" not in fields
    back = formats.read(XLSX, workbook(fw))
    assert back.appraisal is None and all(n.valuation is None for n in back.nodes)


# --- read back ---


@pytest.mark.parametrize("fmt", [XLSX, CSV_FILES], ids=lambda f: f.name)
def test_the_case_comes_back_the_same(fw, fmt):
    back = formats.read(fmt, fmt.write(fw, formats.Choices()))
    assert back == fw
    assert back.node_by_id["falls"].valuation.proxy.source.startswith("illustrative")


def test_an_appraisal_at_the_green_books_rate_with_no_price_year_is_still_an_appraisal(fw):
    fw = fw.model_copy(update={"appraisal": fw.appraisal.model_copy(update={"price_year": None})})
    for fmt in (XLSX, CSV_FILES):
        back = formats.read(fmt, fmt.write(fw, formats.Choices()))
        assert back.appraisal is not None and back.appraisal == fw.appraisal, fmt.name


def test_a_figure_typed_in_excel_is_read(fw):
    """A deadweight changed to 0.45, a duration typed as 5, a price year changed: the framework says so."""

    def edit(book):
        book["Valuations"]["G2"] = 0.45
        book["Valuations"]["K2"] = 5
        framework = book["Framework"]
        framework.cell(
            row=next(r for r in range(1, 9) if framework.cell(r, 1).value == "price year"), column=2
        ).value = 2026

    back = formats.read(XLSX, workbook(fw, edit))
    falls = back.node_by_id["falls"].valuation
    assert (falls.deadweight, falls.duration, back.appraisal.price_year) == (0.45, 5, 2026)


def test_shares_written_as_percentages_in_csv_files_are_read_as_fractions(fw):
    """Excel saves a cell typed as 30% as the text "30%" in a CSV file."""

    def edit(files):
        lines = files["valuations.csv"].split("\r\n")
        cells = next(csv.reader([lines[1]]))
        cells[6], cells[9], cells[10] = "30%", "12.5 %", "4.0"
        lines[1] = ",".join(f'"{c}"' for c in cells)
        files["valuations.csv"] = "\r\n".join(lines)
        files["framework.csv"] = files["framework.csv"].replace("discount rate,0.035", "discount rate,3.5%")

    back = formats.read(CSV_FILES, csv_files(fw, edit))
    falls = back.node_by_id["falls"].valuation
    assert (falls.deadweight, falls.drop_off, falls.duration) == (0.3, 0.125, 4)
    assert back.appraisal.discount_rate == 0.035


def test_a_text_that_starts_like_a_formula_is_written_harmless_and_comes_back_as_written(fw):
    data = to_data(fw)
    data["nodes"][1]["valuation"]["proxy"]["source"] = '=HYPERLINK("https://evil.example","PSSRU")'
    data["nodes"][1]["valuation"]["proxy"]["unit"] = "-a fall avoided"
    fw = from_data(data)
    book = openpyxl.load_workbook(io.BytesIO(workbook(fw)))
    assert book["Valuations"]["F2"].value.startswith("'=") and book["Valuations"]["F2"].data_type == "s"
    assert book["Valuations"]["E2"].value == "'-a fall avoided"
    for fmt in (XLSX, CSV_FILES):
        assert formats.read(fmt, fmt.write(fw, formats.Choices())) == fw, fmt.name


# --- refused in one line, naming the sheet, row and column ---


@pytest.mark.parametrize(
    ("cell", "value", "said"),
    [
        (
            "G2",
            "lots",
            "sheet 'Valuations', row 2, column G 'deadweight' (nodes[1].valuation.deadweight): should be a number",
        ),
        (
            "G2",
            1.5,
            "sheet 'Valuations', row 2, column G 'deadweight' (nodes[1].valuation.deadweight): should be at most 1",
        ),
        ("K2", 0, "sheet 'Valuations', row 2, column K 'duration' (nodes[1].valuation.duration): should be at least 1"),
        ("K2", 2.5, "column K 'duration' (nodes[1].valuation.duration): should be a whole number"),
        ("C2", None, "column C 'proxy amount' (nodes[1].valuation.proxy.amount): required, but missing"),
        ("D2", "pounds", "column D 'currency' (nodes[1].valuation.proxy.currency): should be a three-letter currency"),
        ("L2", "council", "column L 'beneficiary' (nodes[1].valuation.beneficiary): unknown stakeholder 'council'"),
        ("A2", "nobody", "sheet 'Valuations', row 2, column A 'box': no box has the id or label 'nobody'"),
        (
            "A3",
            "falls",
            "sheet 'Valuations', row 3, column A 'box': a second valuation of 'falls' (the first is on row 2)",
        ),
    ],
)
def test_a_bad_cell_in_the_valuations_sheet_is_one_line_naming_sheet_row_and_column(fw, cell, value, said):
    def edit(book):
        book["Valuations"][cell] = value

    assert said in refusal(XLSX, workbook(fw, edit))


def test_a_bad_discount_rate_is_named_on_the_framework_sheet(fw):
    def edit(book):
        framework = book["Framework"]
        row = next(r for r in range(1, 9) if framework.cell(r, 1).value == "discount rate")
        framework.cell(row=row, column=2).value = 3.5  # 3.5 meaning 3.5%: a share is from 0 to 1

    said = refusal(XLSX, workbook(fw, edit))
    assert said.startswith("sheet 'Framework', row 5, column B 'value' (appraisal.discount_rate): should be at most 1")


@pytest.mark.parametrize(
    ("cells", "said"),
    [
        ({6: "lots"}, "valuations.csv, row 2, column 'deadweight' (nodes[1].valuation.deadweight): should be a number"),
        ({6: "1.5"}, "valuations.csv, row 2, column 'deadweight' (nodes[1].valuation.deadweight): should be at most 1"),
        ({10: "0"}, "valuations.csv, row 2, column 'duration' (nodes[1].valuation.duration): should be at least 1"),
        ({0: "nobody"}, "valuations.csv, row 2, column 'box': no box has the id or label 'nobody'"),
    ],
)
def test_a_bad_cell_in_valuations_csv_is_one_line_naming_file_row_and_column(fw, cells, said):
    def edit(files):
        lines = files["valuations.csv"].split("\r\n")
        row = next(csv.reader([lines[1]]))
        for column, value in cells.items():
            row[column] = value
        lines[1] = ",".join(f'"{c}"' for c in row)
        files["valuations.csv"] = "\r\n".join(lines)

    assert said in refusal(CSV_FILES, csv_files(fw, edit))


def test_a_deleted_outcome_is_named_with_its_valuation_row_at_once_and_a_repair_leaves_the_row_out(fw):
    """A person deletes an outcome from Boxes and forgets its Valuations row: told with the rest, not alone."""

    def edit(book):
        boxes = book["Boxes"]
        boxes.delete_rows(next(r for r in range(2, boxes.max_row + 1) if boxes.cell(r, 1).value == "falls"))

    with pytest.raises(FrameworkError) as caught:
        formats.read(XLSX, workbook(fw, edit))
    said = [str(p) for p in caught.value.problems]
    assert any("sheet 'Valuations', row 2" in line and "'falls'" in line for line in said)
    assert any("sheet 'Links'" in line or "links[" in line for line in said)  # its link, in the same refusal
    assert caught.value.repairable


# --- files from before the Valuations sheet ---


def test_a_workbook_from_before_the_valuations_sheet_still_loads(fw):
    def edit(book):
        del book["Valuations"]
        framework = book["Framework"]
        for r in range(framework.max_row, 1, -1):
            if framework.cell(r, 1).value in ("discount rate", "price year"):
                framework.delete_rows(r)

    back = formats.read(XLSX, workbook(fw, edit))
    assert back.appraisal is None and all(n.valuation is None for n in back.nodes)
    assert [n.label for n in back.nodes] == [n.label for n in fw.nodes]


def test_a_zip_from_before_valuations_csv_still_loads(fw):
    def edit(files):
        del files["valuations.csv"]

    back = formats.read(CSV_FILES, csv_files(fw, edit))
    assert all(n.valuation is None for n in back.nodes) and back.appraisal == fw.appraisal


# --- bringing a file back onto the open framework ---


def test_an_edited_workbook_brought_back_changes_the_figure_and_keeps_the_rest(fw):
    def edit(book):
        book["Valuations"]["G2"] = 0.4

    done = update_from(fw, formats.read(XLSX, workbook(fw, edit)), XLSX)
    assert done.framework.node_by_id["falls"].valuation.deadweight == 0.4
    assert done.framework.appraisal == fw.appraisal and not done.kept
    assert [c.fields[0].field for c in done.diff.changed] == ["valuation.deadweight"]


@pytest.mark.parametrize("name", ["kumu", "graphml", "mermaid", "csv", "tocmaker"])
def test_a_file_of_another_tool_brought_back_keeps_the_open_versions_valuations_and_appraisal(fw, name):
    fmt = formats.get(name)
    assert "valuations" in fmt.cannot_carry and "the appraisal" in fmt.cannot_carry
    read = formats.read(fmt, fmt.write(fw, formats.Choices()))
    assert read.appraisal is None and all(n.valuation is None for n in read.nodes)  # the file has none
    done = update_from(fw, read, fmt)
    assert done.framework.appraisal == fw.appraisal
    assert [n.valuation for n in done.framework.nodes] == [n.valuation for n in fw.nodes]
    kept = " ".join(done.kept)
    assert "appraisal" in kept and "valuation of 2 boxes" in kept and f"{name} files do not carry them" in kept


@pytest.mark.parametrize("name", ["walking-logframe.csv", "falls-prevention-plain.prsm"])
def test_a_logframe_or_prsm_map_brought_back_keeps_the_open_versions_case(name):
    """Formats that only read say what their readers fill in: the case of the framework the file was opened as
    (an illustrative valuation and appraisal added since) is kept, not removed, when the file comes back."""
    data = (ROOT / "tests" / "fixtures" / "other_tools" / name).read_bytes()
    upload = read_upload(name, data)
    opened = upload.framework or upload.repaired
    valued = to_data(opened)
    valued["nodes"][-1]["valuation"] = {"quantity": 10, "deadweight": 0.3}
    valued["appraisal"] = {"price_year": 2025}
    fw = from_data(valued)
    brought = bring_back(fw, name, data)
    update = brought.update or brought.repaired
    assert update.framework.appraisal == fw.appraisal
    assert update.framework.nodes[-1].valuation == fw.nodes[-1].valuation
    assert update.diff.is_empty()  # the file says what it said: nothing changes
    assert any("appraisal" in line for line in update.kept) and any("valuation" in line for line in update.kept)


def test_a_figure_of_seventeen_digits_keeps_every_digit_and_an_unedited_workbook_changes_nothing(fw):
    """0.1 + 0.2 is 0.30000000000000004: openpyxl wrote 16 significant digits, so it came back 0.3, and an
    unedited workbook brought back showed a changed deadweight."""
    data = to_data(fw)
    data["nodes"][1]["valuation"]["deadweight"] = 0.1 + 0.2
    data["nodes"][1]["valuation"]["quantity"] = 12.345678901234567
    fw = from_data(data)
    back = formats.read(XLSX, workbook(fw))
    assert back.node_by_id["falls"].valuation.deadweight == 0.30000000000000004
    assert back.node_by_id["falls"].valuation.quantity == 12.345678901234567
    done = update_from(fw, back, XLSX)
    assert done.framework is fw and done.diff.is_empty()


def _old_workbook(book):
    """The workbook as a copy of the builder from before valuations wrote it: no Valuations sheet, no appraisal."""
    del book["Valuations"]
    framework = book["Framework"]
    for r in range(framework.max_row, 1, -1):
        if framework.cell(r, 1).value in ("discount rate", "price year"):
            framework.delete_rows(r)


def test_a_workbook_from_before_valuations_brought_back_keeps_the_open_versions_case(fw):
    """It says nothing of valuations (it has no sheet for them): its edits are applied, the case is kept. A
    workbook with the sheet, emptied, does remove them: that is the person's edit."""

    def edit(book):
        _old_workbook(book)
        book["Boxes"]["C2"] = "Classes, renamed in an old workbook"

    brought = bring_back(fw, "old.xlsx", workbook(fw, edit))
    done = brought.update
    assert done.framework.nodes[0].label == "Classes, renamed in an old workbook"
    assert done.framework.appraisal == fw.appraisal
    assert [n.valuation for n in done.framework.nodes] == [n.valuation for n in fw.nodes]
    assert any("valuation of 2 boxes" in line and "no part for them" in line for line in done.kept)

    def emptied(book):
        book["Valuations"].delete_rows(2, 2)

    gone = bring_back(fw, "new.xlsx", workbook(fw, emptied)).update
    assert all(n.valuation is None for n in gone.framework.nodes) and gone.framework.appraisal == fw.appraisal


def test_library_update_with_a_workbook_from_before_valuations_keeps_the_case(fw, tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'library.db'}"
    monkeypatch.setenv("LOGICMODEL_DATABASE_URL", url)
    with Library.open(url) as lib:
        first = lib.create(fw, author="Ann")
    path = tmp_path / "old.xlsx"
    path.write_bytes(workbook(fw, _old_workbook))
    out = io.StringIO()
    assert main(["library", "update", first.id, str(path)], out=out) == 0, out.getvalue()
    assert "nothing to save" in out.getvalue()
    with Library.open(url) as lib:
        assert lib.get(first.id).framework == fw
