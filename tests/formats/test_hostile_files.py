"""Every reader is linear and bounded before it works (issue 19): a file within the size limit, however it is
made, costs a reader at most the import budget (``limits.IMPORT_SECONDS``, ``limits.IMPORT_MB``) and ends in a
framework or the engine's one-line error.

Two kinds of test. The generated worst cases of ``logicmodel.testing.worst_cases`` for every reader in the registry,
each read in a fresh process under a memory limit (``RLIMIT_AS``) and a processor-time limit (``RLIMIT_CPU``).
And a test for each finding of the security review, each of which failed on the code before: run in a fresh
process under the same kind of limits (generous: four times the budget), or with the work counted, never timed.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest
from paths import ROOT

from logicmodel import formats
from logicmodel.analysis.diff import compare
from logicmodel.core.errors import FrameworkError
from logicmodel.core.ids import Taken, new_id
from logicmodel.core.limits import IMPORT_MB, IMPORT_SECONDS, MAX_CHANGES
from logicmodel.core.readwrite import from_data
from logicmodel.editing.repair import repair
from logicmodel.testing import worst_cases

CPU_SECONDS = 4 * IMPORT_SECONDS
"""The processor-time limit each case is read under: generous, so a busy machine does not fail a test, and far
below what the review measured (minutes)."""
MEMORY_MB = 2 * IMPORT_MB
"""The memory limit each case is read under, over the process's size once the engine is imported (600 MB)."""

_LIMITED = textwrap.dedent(
    """
    import json, resource, sys
    from logicmodel import formats
    from logicmodel.core.errors import FrameworkError
    from logicmodel.editing.repair import repair
    from logicmodel.analysis.diff import compare
    with open("/proc/self/statm") as statm:
        size = int(statm.read().split()[0]) * resource.getpagesize()
    room = size + {mb} * 1_000_000
    resource.setrlimit(resource.RLIMIT_AS, (room, room))
    resource.setrlimit(resource.RLIMIT_CPU, ({cpu}, {cpu} + 1))
    data = open(sys.argv[1], "rb").read()
    try:
        result = {code}
        print(json.dumps(["ok", str(result)[:200]]))
    except FrameworkError as exc:
        print(json.dumps(["refused", [str(p) for p in exc.problems]]))
    """
)


def limited(tmp_path: Path, data: bytes, code: str = "formats.read(formats.get(NAME), data)", name: str = "") -> list:
    """Run ``code`` on ``data`` in a fresh Python process held to ``CPU_SECONDS`` and ``MEMORY_MB``: its outcome,
    ``["ok", ...]`` or ``["refused", lines]``; the test fails saying how when the process was killed or crashed."""
    path = tmp_path / "case"
    path.write_bytes(data)
    script = _LIMITED.format(mb=MEMORY_MB, cpu=CPU_SECONDS, code=code.replace("NAME", repr(name)))
    done = subprocess.run(
        [sys.executable, "-c", script, str(path)], cwd=ROOT, capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, (
        f"killed or crashed (exit {done.returncode}; over {CPU_SECONDS} s of processor time or {MEMORY_MB} MB?): "
        f"{done.stderr[-600:]}"
    )
    outcome = json.loads(done.stdout.strip().splitlines()[-1])
    if outcome[0] == "refused":
        assert outcome[1] and all("\n" not in line for line in outcome[1])
    return outcome


def refused_lines(name: str, data: bytes) -> list[str]:
    with pytest.raises(FrameworkError) as caught:
        formats.read(formats.get(name), data)
    lines = [str(p) for p in caught.value.problems]
    assert lines and all("\n" not in line for line in lines)
    return lines


# The generated worst cases, for every reader in the registry


def test_every_registered_reader_has_worst_cases_of_its_own():
    assert sorted(worst_cases.CASES) == sorted(f.name for f in formats.readers())


@pytest.mark.slow
@pytest.mark.parametrize("name", [f.name for f in formats.readers()])
def test_every_worst_case_ends_in_a_framework_or_one_line_within_the_budget(name: str):
    done = subprocess.run(
        [sys.executable, "-m", "logicmodel.testing.worst_cases", name],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    outcomes = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(outcomes) == len(worst_cases.cases_for(name)), done.stderr[-2000:]
    bad = [o for o in outcomes if o["ended"] not in ("framework", "refused")]
    assert not bad, bad
    assert done.returncode == 0
    for outcome in outcomes:  # memory is measured (its peak over the process's size), not timed: within the budget
        assert outcome["peak_mb"] <= IMPORT_MB, outcome


def test_every_worst_case_is_within_the_size_limit():
    for name in worst_cases.CASES:
        for case, make in worst_cases.cases_for(name).items():
            assert len(make()) <= formats.registry.MAX_FILE_BYTES, (name, case)


# 1. The Mermaid reader was quadratic: 137 s for 400 KB of "a;", 11 s for 600 KB of "a&a&..."


@pytest.mark.parametrize("case", ["a; 5 million times", "a&a&... on one line", "a-->a-->... on one line"])
def test_a_mermaid_file_of_many_separators_is_read_in_linear_time(tmp_path: Path, case: str):
    outcome = limited(tmp_path, worst_cases.CASES["mermaid"][case](), name="mermaid")
    assert outcome[0] == "refused" and "more than" in outcome[1][0]


def test_a_mermaid_line_of_long_whitespace_runs_is_read_in_linear_time(tmp_path: Path):
    for case in ("spaces inside a subgraph title", "spaces inside a link's text", "spaces after the header"):
        limited(tmp_path, worst_cases.CASES["mermaid"][case](), name="mermaid")


def test_mermaid_statements_are_still_split_at_semicolons_outside_quotes_only():
    fw = formats.read(
        formats.get("mermaid"), b'flowchart LR\nsubgraph A[Activities]\na["Walks; talks"]; b["Runs"]\nend\na --> b'
    )
    assert [n.label for n in fw.nodes] == ["Walks; talks", "Runs"] and len(fw.links) == 1


# 2. openpyxl made an object for every merged cell: A3:XFD1048576 reached 3.6 GB, C3:CX10002 took 22 s, 410 MB


@pytest.mark.parametrize("case", ["merged A3:XFD1048576", "merged C3:CX10002", "20,000 merged ranges"])
def test_merged_ranges_are_counted_from_the_xml_before_a_cell_is_made(tmp_path: Path, case: str):
    outcome = limited(tmp_path, worst_cases.CASES["xlsx"][case](), name="xlsx")
    assert outcome[0] == "refused" and "merged cells cover more than 10,000 cells" in outcome[1][0]


def test_a_merged_header_still_names_every_column_it_spans():
    rows = (
        b'<row r="1"><c r="A1" t="inlineStr"><is><t>Activities</t></is></c>'
        b'<c r="C1" t="inlineStr"><is><t>Outcomes</t></is></c></row>'
        b'<row r="2"><c r="A2" t="inlineStr"><is><t>Walks</t></is></c>'
        b'<c r="B2" t="inlineStr"><is><t>Runs</t></is></c><c r="C2" t="inlineStr"><is><t>Fitter</t></is></c></row>'
    )
    merged = b'<mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells>'
    fw = formats.read(formats.get("xlsx"), worst_cases.xlsx_bytes(rows, [], merged))
    boxes = [(n.label, n.level) for n in fw.nodes]
    assert boxes == [("Walks", "activity"), ("Runs", "activity"), ("Fitter", "outcomes")]


# 3. Small files, gigabytes: the limits are checked while reading, never after


@pytest.mark.parametrize(
    ("name", "case", "says"),
    [
        ("mermaid", "1,500 names --- 1,500 names", "more than 1,000 problems"),
        ("csv-files", "boxes.csv of 4 million rows", "more than 120,000 rows"),
        ("csv", "60,000 names in each leads-to cell", "a cell holds at most 50,000"),
        ("xlsx", "2.2 million short cells", "more than 250,000 cells"),
    ],
)
def test_a_small_file_that_would_take_gigabytes_stops_at_its_limit(tmp_path: Path, name: str, case: str, says: str):
    outcome = limited(tmp_path, worst_cases.CASES[name][case](), name=name)
    assert outcome[0] == "refused" and any(says in line for line in outcome[1]), outcome


def test_a_cell_of_many_names_is_counted_as_its_links_are_made():
    names = ";".join(f"b{i}" for i in range(5_000))
    data = ("level,label,leads to\n" + "".join(f"activity,a{r},{names}\n" for r in range(25))).encode()
    assert refused_lines("csv", data) == [
        "row 22, column C 'leads to': more than 100,000 links: a framework has at most that"
    ]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "utf-32"])
def test_graphml_declaring_entities_is_refused_in_every_encoding(encoding: str):
    assert refused_lines("graphml", worst_cases.CASES["graphml"][f"entities in {encoding.upper()}"]()) == [
        "the XML declares a DTD or entities (<!DOCTYPE or <!ENTITY), refused"
    ]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "utf-32"])
def test_a_workbook_part_declaring_entities_is_refused_in_every_encoding(encoding: str):
    assert refused_lines("xlsx", worst_cases.CASES["xlsx"][f"entities in {encoding.upper()}"]()) == [
        "xl/worksheets/sheet1.xml: the XML declares a DTD or entities (<!DOCTYPE or <!ENTITY), refused"
    ]


def test_a_large_utf16_graphml_with_entities_is_refused_before_it_is_parsed(tmp_path: Path):
    entity = '<!ENTITY big "' + "a" * 1_000 + '">'
    body = "<graphml><graph><node id='n'><data key='d0'>" + "&big;" * 700_000 + "</data></node></graph></graphml>"
    data = f'<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE graphml [{entity}]>{body}'.encode("utf-16")
    assert len(data) < formats.registry.MAX_FILE_BYTES
    outcome = limited(tmp_path, data, name="graphml")
    assert outcome == ["refused", ["the XML declares a DTD or entities (<!DOCTYPE or <!ENTITY), refused"]]


# 4. Unbounded processor time: ids for repeated labels, one long shared string, repair, diff


class _Counted(Taken):
    """Ids in use, counting how often the id maker asks whether one is taken."""

    asked = 0

    def __contains__(self, item: object) -> bool:
        _Counted.asked += 1
        return super().__contains__(item)


def test_an_id_for_a_repeated_label_is_made_in_a_step_or_two():
    taken = _Counted()
    _Counted.asked = 0
    ids = [new_id("Walks", taken) for _ in range(20_000)]
    assert ids[-1] == "walks-20000" and len(set(ids)) == 20_000
    assert _Counted.asked <= 2 * 20_000  # walking from "walks" each time would ask 200 million times


@pytest.mark.parametrize(
    ("name", "case"),
    [
        ("csv", "20,000 rows of one label"),
        ("kumu", "20,000 elements of one label"),
        ("tocmaker", "20,000 nodes of one title"),
        ("prsm", "20,000 factors of one label"),
    ],
)
def test_twenty_thousand_boxes_of_one_label_come_in_within_the_budget(tmp_path: Path, name: str, case: str):
    outcome = limited(tmp_path, worst_cases.CASES[name][case](), name=name)
    assert outcome[0] == "ok"


def test_a_long_shared_string_used_in_every_row_is_refused_at_its_first_use(tmp_path: Path):
    outcome = limited(tmp_path, worst_cases.CASES["xlsx"]["a 40 MB shared string in 2,000 rows"](), name="xlsx")
    assert outcome == [
        "refused",
        ["sheet 'Boxes table', row 2, column B: 40,000,000 characters: a cell holds at most 50,000"],
    ]


def _loops(count: int) -> bytes:
    """A framework of ``count`` five-box loops, every two boxes of a loop linked both ways."""
    nodes, links = [], []
    for i in range(count):
        ids = [f"b{i}-{j}" for j in range(5)]
        nodes += [{"id": box, "level": "activity", "label": box} for box in ids]
        links += [{"source": a, "target": b} for a in ids for b in ids if a != b]
    return json.dumps({"schema_version": 1, "meta": {"title": "Loops"}, "nodes": nodes, "links": links}).encode()


def test_a_repair_stops_as_soon_as_it_passes_its_limit(tmp_path: Path):
    code = "repair(formats.parse(formats.get('json'), data))"
    outcome = limited(tmp_path, _loops(4_000), code=code)
    assert outcome == [
        "refused",
        [f"too much is wrong to repair: more than {MAX_CHANGES:,} parts would be left out"],
    ]


def test_a_repair_of_a_few_loops_still_leaves_out_the_fewest_links():
    fw, changes = repair(json.loads(_loops(3)))
    assert len(fw.nodes) == 15 and {c.kind for c in changes} == {"loop"} and len(changes) == 3 * 10


def _long_labels(prefix: str, count: int) -> str:
    import random

    pick = random.Random(prefix).choice
    nodes = [
        {"id": f"{prefix}{i}", "level": "activity", "label": "".join(pick("ab") for _ in range(199))}
        for i in range(count)
    ]
    return json.dumps({"schema_version": 1, "meta": {"title": "t"}, "nodes": nodes, "links": []})


def test_a_diff_of_long_alike_labels_stops_comparing_within_its_work_and_says_so(tmp_path: Path):
    data = json.dumps([_long_labels("a", 100), _long_labels("b", 100)]).encode()
    code = (
        "(lambda pair: compare(formats.get('json').read(pair[0].encode()), "
        "formats.get('json').read(pair[1].encode())).unchecked)(__import__('json').loads(data))"
    )
    outcome = limited(tmp_path, data, code=code)
    assert outcome[0] == "ok" and int(outcome[1]) > 0  # before: 10,000 pairs, about a minute


def test_a_diff_still_matches_a_renamed_box_by_its_similar_label():
    first = from_data(json.loads(_long_labels("a", 3)))
    second = first.model_copy(
        update={"nodes": [n.model_copy(update={"id": n.id + "x", "label": n.label[:-3] + "bbb"}) for n in first.nodes]}
    )
    diff = compare(first, second)
    assert not diff.added and not diff.removed and diff.unchecked == 0
    assert all(m.rule.startswith("similar label") for m in diff.matches)


# Issue 21: a PRSM map packed by lz-string could unpack a few kilobytes to gigabytes


def test_a_packed_prsm_map_that_would_unpack_to_gigabytes_stops_at_the_size_limit(tmp_path: Path):
    data = worst_cases.CASES["prsm"]["packed words each one longer"]()
    assert len(data) < 100_000  # 20,000 words, each one longer than the last: 200 million characters unpacked
    outcome = limited(tmp_path, data, name="prsm")
    assert outcome == ["refused", ["the packed map unpacks to more than 10,000,000 characters: too large"]]


# 9. Damaged zips gave tracebacks (zlib.error, "is encrypted", "negative seek value", "zip file version 10.8")


def _zip(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return out.getvalue()


ZIPPED_READERS = [f.name for f in formats.readers() if f.zipped]
"""The readers whose files are zips (``Format.zipped``): each has the damaged zips among its worst cases."""


@pytest.mark.parametrize(
    "how", ["packed data garbled", "flagged encrypted", "offset before the start", "zip version 10.8"]
)
@pytest.mark.parametrize("name", ZIPPED_READERS)
def test_a_damaged_zip_is_refused_in_one_line(name: str, how: str):
    lines = refused_lines(name, worst_cases.CASES[name][how]())
    assert len(lines) == 1
    if how in ("packed data garbled", "flagged encrypted"):  # the file in the zip is named
        assert lines[0].startswith(("boxes.csv: cannot be unpacked", "[Content_Types].xml: cannot be unpacked"))
    if how == "flagged encrypted":
        assert "encrypted (save it again without a password)" in lines[0]


def test_a_zip_whose_directory_lies_about_an_offset_is_refused_in_one_line():
    data = bytearray(_zip({"boxes.csv": b"level,label\nactivity,Walks\n"}))
    end = data.rfind(b"PK\x05\x06")
    data[end + 16 : end + 20] = (len(data) * 4).to_bytes(4, "little")  # the directory's offset, past the end
    for name in ZIPPED_READERS:
        assert len(refused_lines(name, bytes(data))) == 1


# 13. Cells under no header were dropped silently


def test_cells_under_no_header_are_named_by_row_and_column_in_a_csv_table():
    data = b"level,label\nactivity,Walks,Budget 500\noutput,Walkers\n"
    lines = refused_lines("csv", data)
    assert "row 2, column C: a cell 'Budget 500' under no header: head its column" in lines
    fw, changes = repair(formats.parse(formats.get("csv"), data))
    assert [n.label for n in fw.nodes] == ["Walks", "Walkers"]
    assert [str(c) for c in changes] == [
        "row 2, column C: left out a cell 'Budget 500' under no header: head its column"
    ]


def test_cells_under_no_header_are_named_by_file_row_and_column_in_a_zip_of_csv_files():
    data = _zip({"boxes.csv": b"level,label\nactivity,Walks,Budget 500\n"})
    lines = refused_lines("csv-files", data)
    assert "boxes.csv, row 2: column C: a cell 'Budget 500' under no header: head its column" in lines
