"""Cases found by trying real files from other tools through the importers (the sweep in issue 21's note):
each with its own small file in ``tests/fixtures/imports`` (see the README there), never the real file."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from paths import ROOT

from logicmodel import formats
from logicmodel.cli.main import main
from logicmodel.core.errors import FrameworkError

FIXTURES = ROOT / "tests" / "fixtures" / "imports"


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    return main(list(argv), out=out), out.getvalue()


@pytest.mark.parametrize("repairing", [False, True])
def test_an_empty_yed_graph_is_refused_with_the_reason_not_written_as_a_framework(tmp_path: Path, repairing: bool):
    out = tmp_path / "empty.json"
    argv = ["import", "--from", "graphml", str(FIXTURES / "empty-yed.graphml"), "-o", str(out)]
    code, said = run(*argv, *(["--repair"] if repairing else []))
    assert code == 1 and not out.exists()
    assert "the graphml file holds no boxes: there is nothing to open" in said


@pytest.mark.parametrize(
    ("fmt", "data"),
    [
        ("kumu", b'{"elements": [], "connections": []}'),
        ("mermaid", b"flowchart LR\n"),
        ("csv", b"level,label\n"),
        ("tocmaker", b'{"sections": []}'),
    ],
)
def test_a_file_from_another_tool_with_no_box_is_refused_by_every_reader(fmt: str, data: bytes):
    with pytest.raises(FrameworkError, match=f"the {fmt} file holds no boxes"):
        formats.read(formats.get(fmt), data)
    with pytest.raises(FrameworkError, match=f"the {fmt} file holds no boxes"):
        formats.parse(formats.get(fmt), data)


def test_an_empty_framework_file_still_opens():
    fw = formats.read(formats.get("json"), b'{"schema_version": 1, "meta": {"title": "New"}, "nodes": [], "links": []}')
    assert fw.nodes == () or list(fw.nodes) == []


def test_a_level_called_in_no_group_is_the_files_own_level_not_a_box_with_none():
    """A yEd file imported with its ungrouped boxes kept has a level "In no group"; exported to GraphML and read
    back, each node says that level, and the strict reader took them for boxes with no level and refused."""
    data = (FIXTURES / "level-in-no-group.graphml").read_bytes()
    fw = formats.read(formats.get("graphml"), data)
    assert [(node.label, fw.level_label(node.level)) for node in fw.nodes] == [
        ("Walking groups", "In no group"),
        ("Fitter residents", "Outcomes"),
    ]
    assert len(fw.links) == 1


def test_a_tocmaker_section_called_strategies_holds_activities_as_in_a_kumu_map():
    """The readers of other tools had their own list of kind words, without "strategy", "intervention" or
    "act": a ToC-Maker chart (or a Mermaid chart with a class "act" written out as one) had its activities
    checked as outcomes."""
    fw = formats.read(formats.get("tocmaker"), (FIXTURES / "strategies.tocmaker.json").read_bytes())
    assert [fw.level_kinds[level.id] for level in fw.levels] == ["activity", "outcome", "outcome"]
    assert len(fw.links) == 2


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "csv-files"])
def test_a_json_file_given_as_a_table_or_workbook_is_told_it_is_json(fmt: str):
    """Not "a CSV file named like a workbook?", nor a table whose one header is '['."""
    with pytest.raises(FrameworkError) as caught:
        formats.read(formats.get(fmt), (FIXTURES / "levels-list.json").read_bytes())
    [problem] = caught.value.problems
    assert "it holds JSON (a Kumu map, ToC-Maker chart, KOICA PDM or framework file?)" in str(problem)
    assert "CSV file named like a workbook" not in str(problem) and "headers" not in str(problem)
