"""Export's "Bring back an edited file": the exported workbook, edited in Excel, comes back as the next version
of the same framework, its changes shown first; Undo takes it back; a broken file is offered "anyway"."""

import io

import openpyxl
from app_helpers import button, framework, library, messages, open_page, plain, saved
from paths import ROOT

from logicmodel import formats
from logicmodel.core.readwrite import load
from logicmodel.core.samples import find

KEY = "bring_back_file"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def edited_workbook(fw, edit) -> bytes:
    """The framework's workbook as the app exports it, edited as a person would in Excel."""
    book = openpyxl.load_workbook(io.BytesIO(formats.get("xlsx").write(fw, formats.Choices())))
    edit(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def row_of(sheet, box_id: str) -> int:
    return next(r for r in range(2, sheet.max_row + 1) if sheet.cell(row=r, column=1).value == box_id)


def test_an_edited_workbook_shows_its_changes_then_becomes_one_new_version_that_undo_takes_back():
    fw = find("enfield").load()
    first = fw.nodes[0]

    def edit(book):
        boxes = book["Boxes"]
        boxes.cell(row=row_of(boxes, first.id), column=3).value = "Renamed in Excel"
        boxes.append([None, "Outputs", "A box typed in Excel"])  # no id, its level by its label
        book["Links"].cell(row=2, column=4).value = "Moderate"  # a capital, as Excel users type it

    at = open_page("export", fw)
    before = saved(at)
    frameworks = len(library().list())  # the test session's library: other tests' frameworks too
    at.file_uploader(key=KEY).set_value(("framework.xlsx", edited_workbook(fw, edit), XLSX)).run()
    assert not at.exception and not messages(at)
    assert framework(at) == fw  # shown, not applied yet
    shown = " ".join(plain(m.value) for m in at.markdown)
    assert "What framework.xlsx changes" in shown and "1 box added" in shown and "1 box changed" in shown
    table = at.dataframe[0].value
    assert "A box typed in Excel" in set(table["Box or link"]) and "Renamed in Excel" in set(table["Box or link"])
    button(at, "Apply these changes as the next version").click().run()
    after = saved(at)
    assert after.id == before.id and after.version == before.version + 1  # the same framework, one version on
    assert len(library().list()) == frameworks  # not a new framework
    assert library().history(after.id)[0].summary == "Updated from framework.xlsx"
    labels = [n.label for n in framework(at).nodes]
    assert "Renamed in Excel" in labels and "A box typed in Excel" in labels and first.label not in labels
    assert framework(at).node_by_id[first.id].label == "Renamed in Excel"  # its id kept
    assert framework(at).links[0].strength == "moderate"
    assert any("Brought back framework.xlsx" in m for m in messages(at, "success"))
    assert any("nothing to bring back" in m for m in messages(at, "success"))  # the file now says what is open
    at.switch_page("app_pages/build.py").run()
    button(at, "Undo").click().run()
    assert framework(at) == fw and saved(at).framework == fw


def test_a_workbook_with_a_box_deleted_names_every_problem_and_comes_back_anyway():
    fw = find("swindon").load()
    gone = next(n for n in fw.nodes if n.indicators and sum(k.target == n.id for k in fw.links) > 1)

    def edit(book):
        book["Boxes"].delete_rows(row_of(book["Boxes"], gone.id))

    at = open_page("export", fw)
    at.file_uploader(key=KEY).set_value(("framework.xlsx", edited_workbook(fw, edit), XLSX)).run()
    [error] = messages(at)
    assert error.count("no box has the id") > 1 and "an indicator of" in error  # all at once, not one a try
    assert "names its own levels" not in " ".join(plain(m.value) for m in at.markdown)
    anyway = at.button(key="bring_back_anyway")
    assert "will be left out" in plain(anyway.label)
    anyway.click().run()
    assert framework(at) == fw  # still only shown
    button(at, "Apply these changes as the next version").click().run()
    fw_after = framework(at)
    assert gone.id not in fw_after.node_by_id and len(fw_after.nodes) == len(fw.nodes) - 1
    assert all(gone.id not in (k.source, k.target) for k in fw_after.links)
    assert saved(at).version == 2


def test_a_file_saying_what_the_framework_says_changes_nothing():
    fw = find("enfield").load()
    at = open_page("export", fw)
    at.file_uploader(key=KEY).set_value(("same.xlsx", edited_workbook(fw, lambda book: None), XLSX)).run()
    assert any("nothing to bring back" in m for m in messages(at, "success"))
    assert not [b for b in at.button if b.label == "Apply these changes as the next version"]
    assert saved(at).version == 1


def test_someone_elses_save_in_between_is_a_clash_as_for_any_edit_and_nothing_is_overwritten():
    fw = find("enfield").load()

    def edit(book):
        book["Boxes"].cell(row=2, column=3).value = "Renamed in Excel"

    at = open_page("export", fw)
    first = saved(at)
    at.file_uploader(key=KEY).set_value(("framework.xlsx", edited_workbook(fw, edit), XLSX)).run()
    library().rename(first.id, "Renamed by a colleague", expected_version=first.version, author="Colleague")
    button(at, "Apply these changes as the next version").click().run()
    now = saved(at)
    assert now.version == 2 and now.title == "Renamed by a colleague"  # theirs kept, mine not written over it
    assert now.framework.nodes[0].label == fw.nodes[0].label
    assert any("Not saved:" in m and "Colleague" in m for m in messages(at))


def test_a_kumu_map_brought_back_keeps_the_open_versions_valuations_and_appraisal_and_says_so():
    """Kumu has no room for a financial case: the map's edit is applied, the case kept from this version."""
    fw = load(ROOT / "tests" / "fixtures" / "v1" / "additions" / "appraisal.json")  # illustrative figures
    kumu = formats.get("kumu")
    data = kumu.write(fw, formats.Choices()).decode().replace(fw.nodes[0].label, "Strength and balance, renamed")
    at = open_page("export", fw)
    at.file_uploader(key=KEY).set_value(("map.json", data.encode(), "application/json")).run()
    assert not at.exception and not messages(at)
    kept = " ".join(plain(c.value) for c in at.caption if "Kept from this version" in c.value)
    assert "appraisal" in kept and "valuation of 2 boxes" in kept
    button(at, "Apply these changes as the next version").click().run()
    after = framework(at)
    assert after.nodes[0].label == "Strength and balance, renamed"
    assert after.appraisal == fw.appraisal and [n.valuation for n in after.nodes] == [n.valuation for n in fw.nodes]
