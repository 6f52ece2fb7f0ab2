"""The zip of CSV files, one for each part (``logicmodel.formats.csv_files``): what a person fills in by hand
comes in, or is refused in lines naming the file, row and column; what the zip holds is bounded before it is
read; the command line and Home's import take it from the registry. (Round trips: test_interchange_roundtrip.)"""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from app_helpers import framework, open_page
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from logicmodel import formats
from logicmodel.cli.main import main
from logicmodel.core.errors import FrameworkError
from logicmodel.core.samples import find
from logicmodel.editing.repair import repair
from logicmodel.formats.csv_files import FILES, MAX_FILES
from logicmodel.formats.parts_layout import SHEETS
from logicmodel.formats.xlsx_workbook import MAX_UNPACKED

FORMAT = formats.get("csv-files")


def zipped(files: dict[str, str | bytes]) -> bytes:
    """A zip of these files, text written as UTF-8."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content.encode("utf-8") if isinstance(content, str) else content)
    return out.getvalue()


def repairable(data: bytes) -> bool:
    """Whether reading ``data`` is refused with a repair that would read it (and say what it leaves out)."""
    with pytest.raises(FrameworkError) as caught:
        formats.read(FORMAT, data)
    return caught.value.repairable


def refused(data: bytes) -> list[str]:
    with pytest.raises(FrameworkError) as caught:
        formats.read(FORMAT, data)
    lines = [str(p) for p in caught.value.problems]
    assert all("\n" not in line and "Traceback" not in line for line in lines)
    return lines


BOXES = (
    "id,level,label\r\n"
    "walks,activity,Walking groups\r\n"
    "walkers,output,People walking weekly\r\n"
    "fitter,outcome,Fitter older people\r\n"
)


def test_the_zip_holds_a_csv_file_for_each_part_with_the_workbooks_columns_and_a_readme():
    with zipfile.ZipFile(io.BytesIO(FORMAT.write(find("enfield").load(), formats.Choices()))) as archive:
        names = archive.namelist()
        assert names == ["README.txt", *FILES]
        for name, part in FILES.items():
            header = archive.read(name).decode("utf-8-sig").split("\r\n", 1)[0]
            assert header == ",".join(column if "," not in column else f'"{column}"' for column, _ in SHEETS[part])
        readme = archive.read("README.txt").decode("utf-8-sig")
    for name, part in FILES.items():
        assert name in readme
        assert all(meaning in readme for _, meaning in SHEETS[part])


def test_a_hand_filled_set_with_mistakes_points_at_the_file_row_and_column():
    data = zipped(
        {
            "boxes.csv": BOXES + "w2,,No level here\r\nw3,output,\r\n",
            "links.csv": "from,to\r\nwalks,walkers\r\nwalkers,fitter\r\n",
        }
    )
    assert refused(data) == [
        "boxes.csv, row 5, column 'level' (nodes[3].level): required, but missing",
        "boxes.csv, row 6, column 'label' (nodes[4].label): required, but missing",
    ]
    mended = zipped(
        {"boxes.csv": BOXES, "links.csv": "from,to\r\nwalks,walkers\r\nwalkers,fitter\r\nwalkers,Fewer falls\r\n"}
    )
    assert refused(mended) == [
        "links.csv, row 4, column 'to': a link to 'Fewer falls': no box has that id or label",
    ]
    assert repairable(mended)  # the command line says "--repair", the app "Open anyway", each in its words
    fw, changes = repair(formats.parse(FORMAT, mended))
    assert len(fw.links) == 2 and [(c.where, c.what) for c in changes] == [
        ("links.csv, row 4, column 'to'", "left out a link to 'Fewer falls': no box has that id or label")
    ]
    on_nothing = zipped(
        {"boxes.csv": BOXES, "indicators.csv": "box,name\r\nwalks,Groups running\r\nRunning,Runners\r\n"}
    )
    assert refused(on_nothing) == [
        "indicators.csv, row 3, column 'box': an indicator of 'Running': no box has that id or label"
    ]
    assert repairable(on_nothing)  # a box deleted from boxes.csv: its indicators are left out by a repair


def test_boxes_and_links_are_named_by_label_too_and_numbers_come_in_as_numbers():
    data = zipped(
        {
            "boxes.csv": "id,level,label,reach,cost,currency\r\n,activity,Walking groups,120,2500.50,GBP\r\n"
            ",outcome,Fitter older people,,,\r\n",
            "links.csv": "from,to,strength\r\nWalking groups,fitter older people,moderate\r\n",
            "indicators.csv": "box,name,baseline,target\r\nFitter older people,Active adults,54.5,'60\r\n",
        }
    )
    fw = formats.read(FORMAT, data)
    walks, fitter = fw.nodes
    assert (walks.id, walks.reach, walks.cost.amount, walks.cost.currency) == ("walking-groups", 120, 2500.5, "GBP")
    assert [(k.source, k.target) for k in fw.links] == [("walking-groups", "fitter-older-people")]
    (indicator,) = fitter.indicators
    assert (indicator.baseline, indicator.target) == (54.5, "60")  # '60: the text "60", as in Excel


def test_a_number_column_holding_words_is_named_by_its_cell():
    data = zipped({"boxes.csv": "id,level,label,reach\r\nwalks,activity,Walking groups,about 100\r\n"})
    (line,) = refused(data)
    assert line.startswith("boxes.csv, row 2, column 'reach' (nodes[0].reach): ")


def test_each_file_is_read_as_excel_saves_it_byte_order_mark_semicolons_and_windows_text():
    data = zipped(
        {
            "Framework/boxes.csv": ("id;level;label\r\nwalks;activity;Café walks\r\nfit;outcome;Fitter\r\n").encode(
                "cp1252"
            ),
            "Framework/links.csv": "\ufefffrom,to\r\nwalks,fit\r\n",
            "Framework/framework.csv": "\ufefffield;value\r\ntitle;Active Slough\r\n",
            "__MACOSX/Framework/._boxes.csv": b"\x00\x05\x16\x07",
        }
    )
    fw = formats.read(FORMAT, data)
    assert fw.meta.title == "Active Slough" and [n.label for n in fw.nodes] == ["Café walks", "Fitter"]
    assert [(k.source, k.target) for k in fw.links] == [("walks", "fit")]


def test_a_file_it_does_not_read_is_named_and_left_out_only_by_a_repair():
    data = zipped({"boxes.csv": BOXES, "budget.csv": "line,amount\r\nstaff,100\r\n", "notes.txt": "hello"})
    assert refused(data) == ["budget.csv: a file this builder does not read"] and repairable(data)
    fw, changes = repair(formats.parse(FORMAT, data))
    assert len(fw.nodes) == 3 and len(changes) == 1


@pytest.mark.parametrize(
    ("data", "line"),
    [
        (
            b"PK not really",
            "not a zip of CSV files: it is damaged, perhaps cut short in a download: open it and save it again",
        ),
        (
            zipped({"links.csv": "from,to\r\n"}),
            "no boxes.csv in the zip (it holds 'links.csv'): boxes.csv lists the boxes",
        ),
        (
            zipped({"boxes.csv": BOXES, "Copy/boxes.csv": BOXES}),
            "boxes.csv: the zip holds two files of this name: keep one",
        ),
        (
            zipped({"boxes.csv": b"id,level\x00\x01"}),
            "boxes.csv: not a CSV file (it holds binary data: a spreadsheet saved as .csv?)",
        ),
        (
            zipped({"boxes.csv": b"id,level,label\r\n" + b"walks,activity,\x81\x8d\x8f\r\n"}),
            "boxes.csv: not UTF-8 or Windows text (bad byte at position 31)",
        ),
    ],
    ids=["not-a-zip", "no-boxes", "twice", "binary", "bad-bytes"],
)
def test_a_zip_that_is_not_our_files_is_refused_in_one_line_naming_the_file(data: bytes, line: str):
    assert refused(data) == [line]


def test_a_zip_bomb_is_refused_in_one_line_before_it_is_unpacked():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("boxes.csv", b"id,level,label\r\n" + b" " * (MAX_UNPACKED + 1))
    assert len(out.getvalue()) < 1_000_000  # a small file
    assert refused(out.getvalue()) == [f"the zip unpacks to more than {MAX_UNPACKED:,} bytes"]


def test_a_zip_of_too_many_files_is_refused_in_one_line():
    data = zipped({"boxes.csv": BOXES} | {f"extra/{i}.csv": "" for i in range(MAX_FILES)})
    assert refused(data) == [f"the zip holds {MAX_FILES + 1:,} files: at most {MAX_FILES} are read"]


def test_an_upload_ending_zip_is_read_as_csv_files():
    assert formats.reader_for("Active Slough.ZIP") is FORMAT
    fw = formats.read_named("Active Slough.zip", zipped({"boxes.csv": BOXES}))
    assert fw.meta.title == "Active Slough" and len(fw.nodes) == 3


def test_export_and_import_on_the_command_line(tmp_path, capsys):
    source = tmp_path / "enfield.json"
    source.write_text(json.dumps(find("enfield").load().model_dump(mode="json", exclude_none=True)))
    assert main(["export", str(source), "--to", "csv-files", "-o", str(tmp_path / "out.zip")]) == 0
    assert main(["import", "--from", "csv-files", str(tmp_path / "out.zip"), "-o", str(tmp_path / "back.json")]) == 0
    assert formats.read(formats.get("json"), (tmp_path / "back.json").read_bytes()) == find("enfield").load()
    broken = tmp_path / "broken.zip"
    broken.write_bytes(zipped({"boxes.csv": BOXES, "links.csv": "from,to\r\nwalks,nowhere\r\nwalks,walkers\r\n"}))
    assert main(["import", "--from", "csv-files", str(broken), "-o", str(tmp_path / "b.json")]) != 0
    assert "links.csv, row 2, column 'to' (links[0].target): no box has the id 'nowhere'" in capsys.readouterr().out
    assert main(["import", "--from", "csv-files", "--repair", str(broken), "-o", str(tmp_path / "b.json")]) == 0
    assert len(formats.read(formats.get("json"), (tmp_path / "b.json").read_bytes()).links) == 1


def test_home_imports_a_zip_of_csv_files():
    at = open_page("home")
    data = FORMAT.write(find("slough").load(), formats.Choices())
    at.file_uploader(key="import_file").set_value(("slough.zip", data, "application/zip"))
    at.run()
    assert framework(at) == find("slough").load()


_CELLS = st.text(alphabet=st.sampled_from(list("ab;,\n\"'-=15.e |")), max_size=60)
_HEADERS = {name: ",".join(column for column, _ in SHEETS[part]) for name, part in FILES.items()}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from(sorted(FILES)), _CELLS, max_size=6), _CELLS)
def test_any_cells_under_our_headers_are_read_or_refused_in_lines(files: dict[str, str], boxes: str) -> None:
    """Whatever a person types under our headers, the zip gives a framework or lines naming where, never a
    traceback; a repair gives a framework or lines too."""
    data = zipped(
        {"boxes.csv": _HEADERS["boxes.csv"] + "\r\n" + boxes} | {n: _HEADERS[n] + "\r\n" + t for n, t in files.items()}
    )
    try:
        formats.read(FORMAT, data)
    except FrameworkError as exc:
        assert exc.problems and all("\n" not in str(p) for p in exc.problems)
    try:
        repair(formats.parse(FORMAT, data))
    except FrameworkError as exc:
        assert exc.problems


def test_the_same_framework_makes_the_same_zip():
    fw = find("suffolk").load()
    assert FORMAT.write(fw, formats.Choices()) == FORMAT.write(fw.model_copy(deep=True), formats.Choices())


def test_a_box_level_written_as_people_write_it_finds_the_level_the_levels_file_declares():
    """The same matcher as Build's grid: singular or plural, any case, a level's id or label."""
    data = zipped(
        {
            "levels.csv": "id,label\r\nactivity,Activities\r\nmid,Intermediate outcomes\r\nlong,Long-term outcomes\r\n",
            "boxes.csv": "id,level,label\r\na,ACTIVITY,Walks\r\nb,Intermediate outcome,Walkers\r\n"
            "c,long term outcome,Fit\r\n",
        }
    )
    assert [n.level for n in formats.read(FORMAT, data).nodes] == ["activity", "mid", "long"]


def test_without_a_levels_file_one_level_written_two_ways_is_one_level():
    data = zipped({"boxes.csv": "level,label\r\nActivity,Walks\r\nactivities,Swims\r\nIntermediate outcome,Fitter\r\n"})
    fw = formats.read(FORMAT, data)
    assert [(lv.id, lv.label) for lv in fw.levels] == [
        ("activity", "Activities"),
        ("intermediate", "Intermediate outcomes"),
    ]
    assert [n.level for n in fw.nodes] == ["activity", "activity", "intermediate"]
