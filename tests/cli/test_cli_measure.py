"""``logicmodel measure FRAMEWORK DATA [--area CODE] [--from fingertips|table] -o OUT``: the account printed a line
each, OUT written with the measurements added, the same file twice writing the same framework, a conflict
reported and kept, and a file it cannot read said in one line with exit 1 and nothing written."""

from __future__ import annotations

import io
import json

import pytest
from paths import ROOT

from logicmodel.cli.main import main
from logicmodel.core.readwrite import loads

FIXTURES = ROOT / "tests" / "fixtures"
FRAMEWORK = FIXTURES / "measure" / "framework.json"
DOWNLOAD = FIXTURES / "fingertips" / "site-swindon.csv"
REGISTER = FIXTURES / "measure" / "register.csv"


def run(*argv) -> tuple[int, str]:
    out = io.StringIO()
    status = main([str(a) for a in argv], out=out)
    return status, out.getvalue()


def inactive(path) -> dict[str, float]:
    fw = loads(path.read_bytes())
    return {m.period: m.value for m in fw.nodes[1].indicators[0].measurements}


def test_a_download_is_brought_in_the_account_printed_and_the_result_written(tmp_path):
    out = tmp_path / "out.json"
    status, printed = run("measure", FRAMEWORK, DOWNLOAD, "-o", out)
    assert status == 0
    lines = printed.splitlines()
    assert lines[0] == "Read 20 rows of a Fingertips data download for area E06000030."
    assert "Added 4 measurements; 1 already recorded with the same value (unchanged)." in lines
    assert lines[-1] == f"{out}: written (4 measurements added)"
    assert inactive(out) == {"2019/20": 24.1, "2020/21": 26.3, "2022/23": 22.5}


def test_the_same_download_twice_writes_the_same_framework(tmp_path):
    once, twice = tmp_path / "once.json", tmp_path / "twice.json"
    assert run("measure", FRAMEWORK, DOWNLOAD, "-o", once)[0] == 0
    status, printed = run("measure", once, DOWNLOAD, "-o", twice)
    assert status == 0 and "Added 0 measurements; 5 already recorded with the same value (unchanged)." in printed
    assert twice.read_bytes() == once.read_bytes()


def test_a_conflict_is_printed_and_the_recorded_value_written(tmp_path):
    once, revised, out = tmp_path / "once.json", tmp_path / "revised.csv", tmp_path / "out.json"
    run("measure", FRAMEWORK, DOWNLOAD, "-o", once)
    revised.write_bytes(DOWNLOAD.read_bytes().replace(b"2022/23,22.5,", b"2022/23,23.5,"))
    status, printed = run("measure", once, revised, "-o", out)
    assert status == 0
    assert "Conflict: 'More adults active', Physically inactive adults, 2022/23: recorded as 22.5" in printed
    assert inactive(out)["2022/23"] == 22.5


def test_area_and_from_are_taken(tmp_path):
    out = tmp_path / "out.json"
    status, printed = run(
        "measure",
        FRAMEWORK,
        FIXTURES / "fingertips" / "other-area.csv",
        "--area",
        "E06000054",
        "--from",
        "fingertips",
        "-o",
        out,
    )
    assert status == 0 and "for area E06000054" in printed
    assert inactive(out) == {"2019/20": 24.1, "2021/22": 20.0, "2022/23": 20.0}
    status, printed = run("measure", FRAMEWORK, REGISTER, "--from", "table", "-o", out)
    assert status == 0 and "Added 2 measurements." in printed


def test_a_data_file_it_cannot_read_is_said_in_one_line_and_nothing_is_written(tmp_path):
    out = tmp_path / "out.json"
    bad = tmp_path / "notes.csv"
    bad.write_text("id,level,label\nwalk,activity,Walks\n", encoding="utf-8")
    status, printed = run("measure", FRAMEWORK, bad, "-o", out)
    assert status == 1 and not out.exists()
    assert printed.splitlines() == [
        f"{bad}: a table whose first row has 'id', 'level', 'label': not a Fingertips data download or a "
        "measurements table (a download has 'Indicator ID', 'Area Code', 'Time period' and 'Value'; a measurements "
        "table has 'box', 'indicator', 'period', 'value'; a delivery table 'box', "
        "'period' and 'participants' or 'spent')"
    ]
    status, printed = run("measure", FRAMEWORK, tmp_path / "missing.csv", "-o", out)
    assert (status, printed) == (1, f"{tmp_path / 'missing.csv'}: no such file\n")


def test_a_framework_it_cannot_read_is_said_and_exit_1(tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps({"schema_version": 1}), encoding="utf-8")
    status, printed = run("measure", broken, DOWNLOAD, "-o", tmp_path / "out.json")
    assert status == 1 and printed.startswith(f"{broken}: ")


def test_out_is_required_and_from_is_one_of_two_kinds(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["measure", str(FRAMEWORK), str(DOWNLOAD)])
    assert stop.value.code == 2
    with pytest.raises(SystemExit) as stop:
        main(["measure", str(FRAMEWORK), str(DOWNLOAD), "--from", "pdf", "-o", "x.json"])
    assert stop.value.code == 2
    assert "fingertips" in capsys.readouterr().err


def test_age_and_sex_are_passed_to_the_download(tmp_path):
    out = tmp_path / "out.json"
    status, printed = run("measure", FRAMEWORK, DOWNLOAD, "--sex", "Female", "--age", "19+ yrs", "-o", out)
    assert status == 0 and "(Female, 19+ yrs)" in printed
    assert inactive(out) == {"2019/20": 24.1, "2022/23": 21.0}
