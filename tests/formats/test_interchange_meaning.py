"""Files from Kumu, yEd, Mermaid and spreadsheets come in saying what they say: levels by the meaning of their
names and the order the file gives, links never turned one way without asking, labels, polarity and boxes
kept, and refusals that name the real problem. One test a case, each with its own small file in
``tests/fixtures/imports`` (see the README there)."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
from paths import ROOT

from logicmodel import formats
from logicmodel.cli.main import main
from logicmodel.core.errors import FrameworkError
from logicmodel.core.models import Framework
from logicmodel.core.readwrite import load
from logicmodel.editing.repair import repair
from logicmodel.formats import Reading

FIXTURES = ROOT / "tests" / "fixtures" / "imports"


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def read(fmt: str, name: str, level_map: tuple[tuple[str, str], ...] = ()) -> Framework:
    return formats.read(formats.get(fmt), fixture(name), Reading(level_map=level_map))


def refused(fmt: str, name: str) -> list[str]:
    with pytest.raises(FrameworkError) as caught:
        read(fmt, name)
    return [str(problem) for problem in caught.value.problems]


def repaired(fmt: str, name: str) -> tuple[Framework, list[str]]:
    fw, changes = repair(formats.parse(formats.get(fmt), fixture(name)))
    return fw, [str(change) for change in changes]


def labelled_links(fw: Framework) -> list[tuple[str, str]]:
    return [(fw.node_by_id[link.source].label, fw.node_by_id[link.target].label) for link in fw.links]


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    return main(list(argv), out=out), out.getvalue()


# Levels by meaning


def test_a_top_down_chart_from_vision_to_activities_keeps_every_link():
    fw, changes = repaired("mermaid", "vision-top-down.mmd")
    assert changes == []  # first appearance would put Vision first and every link would "go backwards"
    assert [level.label for level in fw.levels] == ["Activities", "Outputs", "Outcomes", "Vision"]
    assert len(fw.links) == 5
    assert fw.level_kinds == {"activity": "activity", "output": "output", "outcomes": "outcome", "vision": "outcome"}
    assert read("mermaid", "vision-top-down.mmd") == fw  # and the strict reader opens it as it is
    assert formats.level_names(formats.get("mermaid"), fixture("vision-top-down.mmd")) == []  # nothing to ask


def test_long_term_goals_listed_first_hold_outcomes_not_activities():
    fw = read("kumu", "long-term-goals.kumu.json")
    assert [(level.label, fw.level_kinds[level.id]) for level in fw.levels] == [
        ("Strategies", "activity"),
        ("Short-term outcomes", "outcome"),
        ("Long-term goals", "outcome"),
    ]
    goal = next(node for node in fw.nodes if node.label == "Healthy life expectancy rises")
    assert fw.level_kinds[goal.level] == "outcome"


def test_a_kumu_map_with_types_of_its_own_keeps_its_links_and_asks_only_about_those_types(tmp_path: Path):
    fw = read("kumu", "own-types.kumu.json")  # "Problem" comes first in the file, yet is where the links end
    assert [level.label for level in fw.levels] == ["Einflussfaktor", "Schlüsselfaktor", "Problem"]
    assert len(fw.links) == 5
    asked = formats.level_names(formats.get("kumu"), fixture("own-types.kumu.json"))
    assert asked == ["Einflussfaktor", "Schlüsselfaktor", "Problem"]
    code, said = run("import", "--from", "kumu", str(FIXTURES / "own-types.kumu.json"), "-o", str(tmp_path / "o.json"))
    assert code == 0 and "'Einflussfaktor', 'Schlüsselfaktor', 'Problem' say nothing this builder knows" in said
    assert '--level-map "Einflussfaktor=activity"' in said


def test_a_bottom_up_charts_subgraphs_whose_names_say_nothing_are_ordered_as_drawn():
    fw = read("mermaid", "subgraphs-bottom-up.mmd")  # BT: the last subgraph written is drawn at the bottom
    assert [level.label for level in fw.levels] == ["Seeds", "Ripples"]


# Undirected and mutual links


def test_an_undirected_graphml_graph_is_refused_and_never_made_one_way():
    assert refused("graphml", "undirected.graphml") == [
        "edge 'e0': the undirected edge between 'Walking groups' and 'Weekly walks': a link runs one way"
    ]
    fw, changes = repaired("graphml", "undirected.graphml")
    assert labelled_links(fw) == [("Weekly walks", "More people active")]  # said directed="true" itself
    assert changes == [
        "edge 'e0': left out the undirected edge between 'Walking groups' and 'Weekly walks': a link runs one way"
    ]


def test_undirected_edges_and_yed_arrows_in_a_directed_graph_are_read_as_drawn():
    lines = refused("graphml", "undirected-edges-in-directed-graph.graphml")
    assert lines == [
        "edge 'e0': the undirected edge between 'Walking groups' and 'Weekly walks': a link runs one way",
        "edge 'e1': the undirected edge between 'Weekly walks' and 'More people active': a link runs one way",
    ]
    fw, _ = repaired("graphml", "undirected-edges-in-directed-graph.graphml")
    assert labelled_links(fw) == [("Walking groups", "More people active")]  # yEd's arrow at the source end


# Keep what a file says


def test_kumu_link_labels_polarity_and_delay_land_in_the_link():
    fw = read("kumu", "polarity.kumu.json")
    assert [link.rationale for link in fw.links] == [
        "[A], connection type +-: Company lowers loneliness.",
        "connection type ++, delayed",
    ]


def test_kumu_connections_with_source_and_target_name_their_boxes():
    lines = refused("kumu", "source-target.kumu.json")
    assert lines == ["connections[1]: the connection from 'Walking groups': it has no 'to' (or 'target')"]
    fw, changes = repaired("kumu", "source-target.kumu.json")
    assert labelled_links(fw) == [("Walking groups", "Fitter residents")]
    assert all("'box'" not in change for change in changes)


def test_a_repair_keeps_the_strict_readers_reason():
    data = json.loads(fixture("polarity.kumu.json"))
    data["elements"][1]["description"] = "x" * 5001
    raw = json.dumps(data).encode()
    with pytest.raises(FrameworkError) as caught:
        formats.read(formats.get("kumu"), raw)
    assert "at most 5000 characters" in str(caught.value)
    _, changes = repair(formats.parse(formats.get("kumu"), raw))
    assert [change.what for change in changes] == ["left out description: it is too long: at most 5000 characters"]


def test_a_map_whose_elements_have_no_type_is_refused_not_written_empty(tmp_path: Path):
    out = tmp_path / "empty.json"
    code, said = run("import", "--from", "kumu", str(FIXTURES / "no-types.kumu.json"), "-o", str(out), "--repair")
    assert code == 1 and not out.exists()
    assert "nothing would be left to open: every box would be left out" in said
    assert "the element 'Walking groups': it has no type, so no level" in said


def test_a_yed_box_outside_every_group_is_offered_a_level_and_an_unlabelled_box_gets_a_name():
    assert refused("graphml", "ungrouped-unlabelled.graphml")[0].startswith(
        "1 box is in no group and has no level ('Fitter residents'): kept in a level 'In no group'"
    )
    assert formats.level_names(formats.get("graphml"), fixture("ungrouped-unlabelled.graphml")) == ["In no group"]
    fw = read("graphml", "ungrouped-unlabelled.graphml", (("In no group", "strategic"),))
    assert [(node.label, node.level) for node in fw.nodes] == [
        ("Walking groups", "activity"),
        ("Unlabelled box 1 in 'Activities'", "activity"),
        ("Fitter residents", "strategic"),
    ]
    assert len(fw.links) == 2


# Messages that name the real problem


def test_graphml_without_its_namespace_is_read():
    fw = read("graphml", "no-namespace.graphml")
    assert labelled_links(fw) == [("Walking groups", "More people active")]


@pytest.mark.parametrize("name", ["mermaid-in-mdx.md", "mermaid-in-pre.md", "front-matter.mmd"])
def test_a_flowchart_in_mdx_in_html_or_after_front_matter_is_found(name: str):
    fw = read("mermaid", name)
    assert [link.source for link in fw.links] == ["a"] and len(fw.nodes) == 2
    assert fw.node_by_id["a"].label in ("Walking groups", "Walks & talks")


def test_a_table_of_level_columns_and_one_more_names_that_column():
    lines = refused("csv", "levels-and-notes.csv")
    assert lines == [
        "row 1, column E 'Notes': the column 'Notes' and its 1 cell: it names no level (the other columns do); if "
        'it is one, say which with --level-map "Notes=activity"'
    ]
    fw, _ = repaired("csv", "levels-and-notes.csv")
    assert [level.label for level in fw.levels] == ["Activities", "Outputs", "Outcomes", "Impact"]
    assert len(fw.nodes) == 6


def test_a_table_that_names_no_level_quotes_every_header_it_can():
    table = b"code,name,first,latest,source,theme,owner,unit,period,notes\r\n1,a,b,c,d,e,f,g,h,i\r\n"
    with pytest.raises(FrameworkError) as caught:
        formats.read(formats.get("csv"), table)
    (line,) = [str(problem) for problem in caught.value.problems]
    assert "the 10 headers are: 'code', 'name'" in line and "'notes'" in line


def test_a_workbook_cut_short_says_it_is_damaged():
    book = openpyxl.Workbook()
    book.active.append(["level", "label"])
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(FrameworkError) as caught:
        formats.read(formats.get("xlsx"), out.getvalue()[:300])
    assert str(caught.value) == (
        "not an Excel workbook (.xlsx): it is damaged, perhaps cut short in a download: open it and save it again"
    )


def test_openpyxls_warnings_stay_off_the_terminal(tmp_path: Path):
    book = openpyxl.Workbook()
    book.active.append(["level", "label"])
    book.active.append(["activity", "Walking groups"])
    plain = io.BytesIO()
    book.save(plain)
    marked = io.BytesIO()  # a sheet with an extension openpyxl does not know, as Excel and Google Sheets write
    with zipfile.ZipFile(io.BytesIO(plain.getvalue())) as source, zipfile.ZipFile(marked, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(
                    b"</worksheet>", b'<extLst><ext uri="{0A1B2C3D-0000-4000-8000-000000000000}"/></extLst></worksheet>'
                )
            target.writestr(item, data)
    path = tmp_path / "marked.xlsx"
    path.write_bytes(marked.getvalue())
    warned = subprocess.run(
        [sys.executable, "-c", f"import openpyxl; openpyxl.load_workbook({str(path)!r})"],
        capture_output=True,
        text=True,
    )
    assert "Unknown extension" in warned.stderr  # the file does make openpyxl warn
    done = subprocess.run(
        [sys.executable, "-m", "logicmodel", "import", "--from", "xlsx", str(path), "-o", str(tmp_path / "o.json")],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0 and done.stderr == "" and "Warning" not in done.stdout
    assert load(tmp_path / "o.json").nodes[0].label == "Walking groups"
