"""What people bring from other tools, in small fixtures of our own, one for each difficulty the real files in
../shared/real-files show: stage columns, byte-order marks, semicolons, Windows text, merged cells, sheets and
columns we do not read, Kumu's blueprint form, untyped elements and mutual connections, yEd groups, entities in
XML, Mermaid in Markdown with classes, arrows without heads and loops. Every refusal is one line a problem,
naming where (sheet, row, column; line; element), never a traceback."""

from __future__ import annotations

import io
import json

import networkx as nx
import openpyxl
import pytest

from logicmodel import formats
from logicmodel.core.errors import FrameworkError
from logicmodel.editing.repair import repair, summary
from logicmodel.formats import Reading
from logicmodel.formats.building import find_loop


def read(name: str, data: bytes, level_map: tuple = ()) -> object:
    return formats.read(formats.get(name), data, formats.Reading(level_map=level_map))


def refused(name: str, data: bytes) -> list[str]:
    with pytest.raises(FrameworkError) as caught:
        read(name, data)
    lines = [str(p) for p in caught.value.problems]
    assert all("\n" not in line and "Traceback" not in line for line in lines)
    return lines


def workbook(*sheets: tuple[str, list[list[object]]], merge: tuple[str, str] | None = None) -> bytes:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets:
        ws = book.create_sheet(title)
        for row in rows:
            ws.append(row)
    if merge:
        book[merge[0]].merge_cells(merge[1])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# --- CSV and spreadsheets ---

NHS_STYLE = b"stage,title,description\r\ninput,Funding,From the council\r\nactivity,Walking groups,Weekly\r\n"


def test_a_stage_title_description_table_comes_in_with_its_levels_in_order():
    fw = read("csv", NHS_STYLE)
    assert fw.level_ids == ["input", "activity"] and [n.label for n in fw.nodes] == ["Funding", "Walking groups"]
    assert fw.level_kinds == {"input": "input", "activity": "activity"}


def test_a_byte_order_mark_and_semicolons_are_read_as_excel_writes_them():
    data = "\ufefflevel;label;leads to\r\nActivities;Walks;Walkers\r\nOutputs;Walkers;\r\n".encode()
    fw = read("csv", data)
    assert [n.label for n in fw.nodes] == ["Walks", "Walkers"] and fw.link_pairs == [("walks", "walkers")]


def test_windows_text_from_excel_is_read():
    fw = read("csv", "stage,title\r\nactivity,Caf\xe9 walks\r\n".encode("cp1252"))
    assert fw.nodes[0].label == "Café walks"


def test_a_table_with_no_level_column_is_refused_saying_what_to_write():
    (line,) = refused("csv", b"factor;measurability\r\nTrust;1\r\n")
    assert line.startswith("row 1: the headers name no level and box") and "'factor'" in line


def test_a_hand_filled_sheet_with_mistakes_points_at_each_cell():
    data = workbook(
        (
            "Boxes",
            [
                ["id", "level", "label"],
                ["walks", "activity", "Walking groups"],
                ["w2", None, "No level here"],
                ["w3", "output", None],
            ],
        ),
        ("Links", [["from", "to"], ["walks", "nowhere"]]),
    )
    assert refused("xlsx", data) == [  # every problem at once: the link is named too, not on the next try
        "sheet 'Boxes', row 3, column B 'level' (nodes[1].level): required, but missing",
        "sheet 'Boxes', row 4, column C 'label' (nodes[2].label): required, but missing",
        "sheet 'Links', row 2 (links[0]): the link from 'Walking groups' to 'nowhere': no box has the id 'nowhere'",
    ]
    mended = workbook(
        ("Boxes", [["id", "level", "label"], ["walks", "activity", "Walking groups"]]),
        ("Links", [["from", "to"], ["walks", "nowhere"]]),
    )
    assert refused("xlsx", mended) == [
        "sheet 'Links', row 2, column B 'to' (links[0].target): no box has the id 'nowhere'"
    ]


def test_merged_header_cells_name_every_column_they_span_and_boxes_count_once():
    data = workbook(
        ("Model", [["Activities", "Outcomes", None], ["Walks", "Fitter", "Happier"], ["Runs", None, None]]),
        merge=("Model", "B1:C1"),
    )
    fw = read("xlsx", data)
    assert fw.level_ids == ["activity", "outcomes"]  # "Activities" is the usual level of that name
    assert [(n.label, n.level) for n in fw.nodes] == [
        ("Walks", "activity"),
        ("Fitter", "outcomes"),
        ("Happier", "outcomes"),
        ("Runs", "activity"),
    ]


def test_columns_and_sheets_not_read_are_named_and_left_out_only_by_a_repair():
    data = workbook(
        ("Factors", [["element_id", "label", "element_type", "score"], ["e1", "Trust", "Factor", 1]]),
        ("Connections", [["from_id", "to_id"]]),
        ("Meta", [["source", "kumu"]]),
    )
    lines = refused("xlsx", data)
    assert lines[:2] == [
        "sheet 'Factors', row 1, column D 'score': a column this builder does not read",
        "sheet 'Meta': a sheet this builder does not read",
    ]
    fw, changes = repair(formats.parse(formats.get("xlsx"), data))
    assert [n.label for n in fw.nodes] == ["Trust"] and len(changes) == 2


@pytest.mark.parametrize(
    ("data", "why"),
    [
        (b"PK\x03\x04 not really", "it is damaged, perhaps cut short in a download: open it and save it again"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500), "it is an old Excel workbook (.xls) or one with a password"),
        (b"level,label\r\nactivity,Walks\r\n", "it holds text (a CSV file named like a workbook?)"),
        (b"", "the file is empty"),
    ],
    ids=["cut-short", "xls-or-password", "csv-named-xlsx", "empty"],
)
def test_a_file_that_is_not_a_workbook_is_refused_in_one_line_saying_what_it_is(data: bytes, why: str):
    (line,) = refused("xlsx", data)  # never "it is not a zip file": a person does not know an .xlsx is a zip
    assert line.startswith(f"not an Excel workbook (.xlsx): {why}")


def test_a_formula_in_a_label_is_written_as_text_and_read_back_as_typed():
    data = workbook(("Boxes", [["level", "label"], ["activity", "'=HYPERLINK(1)"]]))
    assert read("xlsx", data).nodes[0].label == "=HYPERLINK(1)"


# --- Kumu ---

BLUEPRINT = {
    "elements": [
        {"_id": "elem-A", "attributes": {"label": "Coaching", "element type": "Support", "tags": ["Daily"]}},
        {"_id": "elem-B", "attributes": {"label": "Team trust", "element type": "Factor"}},
        {"_id": "elem-C", "attributes": {"label": "No type here"}},
    ],
    "connections": [
        {"_id": "c1", "from": "elem-A", "to": "elem-B", "direction": "directed", "attributes": {"description": "why"}},
        {"_id": "c2", "from": "elem-B", "to": "elem-C", "direction": "mutual"},
    ],
}


def test_a_kumu_blueprint_with_an_untyped_element_and_a_mutual_connection_lists_both():
    lines = refused("kumu", json.dumps(BLUEPRINT).encode())
    assert lines == [
        "elements[2]: the element 'No type here': it has no type, so no level",
        "connections[1]: the mutual connection between 'Team trust' and 'elem-C': a link runs one way",
    ]


def test_kumu_types_map_to_levels_with_a_level_map_and_the_rest_is_repaired():
    data = json.dumps(BLUEPRINT).encode()
    doc = formats.parse(formats.get("kumu"), data, formats.Reading((("Support", "activity"), ("Factor", "output"))))
    fw, changes = repair(doc)
    assert [(n.label, n.level) for n in fw.nodes] == [("Coaching", "activity"), ("Team trust", "output")]
    assert fw.links[0].rationale == "why" and fw.nodes[0].tags == ("Daily",)
    assert summary(changes) == "2 parts of the file will be left out"


def test_a_loop_in_a_systems_map_is_named_by_its_labels():
    flat = {
        "elements": [{"label": "Trust", "type": "Factor"}, {"label": "Openness", "type": "Factor"}],
        "connections": [{"from": "Trust", "to": "Openness"}, {"from": "Openness", "to": "Trust"}],
    }
    (line,) = refused("kumu", json.dumps(flat).encode())
    assert (
        "loop" in line and "'Trust' -> 'Openness' -> 'Trust'" in line
    ) or "'Openness' -> 'Trust' -> 'Openness'" in line


def test_a_kumu_map_saved_as_json_is_read_as_kumu_on_upload():
    fw = formats.read_named("map.json", json.dumps({"elements": [{"label": "Walks", "type": "activity"}]}).encode())
    assert fw.nodes[0].label == "Walks"


# --- GraphML ---

YED_GROUPS = b"""<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:y="http://www.yworks.com/xml/graphml">
  <key for="node" id="d6" yfiles.type="nodegraphics"/>
  <graph edgedefault="directed" id="G">
    <node id="n0" yfiles.foldertype="group">
      <data key="d6"><y:ProxyAutoBoundsNode><y:Realizers active="0">
        <y:GroupNode><y:NodeLabel>3</y:NodeLabel><y:NodeLabel>Activities</y:NodeLabel></y:GroupNode>
      </y:Realizers></y:ProxyAutoBoundsNode></data>
      <graph edgedefault="directed" id="n0:">
        <node id="n0::n0"><data key="d6"><y:ShapeNode><y:NodeLabel>Walks</y:NodeLabel></y:ShapeNode></data></node>
        <node id="n0::n1" yfiles.foldertype="group">
          <data key="d6"><y:GroupNode><y:NodeLabel>Outputs</y:NodeLabel></y:GroupNode></data>
          <graph edgedefault="directed" id="n0::n1:">
            <node id="n0::n1::n0"><data key="d6"><y:ShapeNode><y:NodeLabel>Walkers</y:NodeLabel>
            </y:ShapeNode></data></node>
          </graph>
        </node>
      </graph>
    </node>
    <node id="n1"><data key="d6"><y:ShapeNode><y:NodeLabel>Loose box</y:NodeLabel></y:ShapeNode></data></node>
    <edge id="e0" source="n0::n0" target="n0::n1::n0"/>
  </graph>
</graphml>"""


def test_nodes_inside_yed_groups_come_in_with_the_group_as_their_level():
    flat = nx.read_graphml(io.BytesIO(YED_GROUPS))  # networkx's reader takes the groups for boxes, flat
    assert flat.number_of_nodes() == 5
    lines = refused("graphml", YED_GROUPS)  # the box in no group is offered a level, not left out
    assert lines[0] == (
        "1 box is in no group and has no level ('Loose box'): kept in a level 'In no group'; say which level "
        'that is (--level-map "In no group=activity")'
    )
    assert formats.level_names(formats.get("graphml"), YED_GROUPS) == ["In no group"]  # what the app asks
    fw, changes = repair(formats.parse(formats.get("graphml"), YED_GROUPS))
    assert [(n.label, n.level) for n in fw.nodes] == [
        ("Walks", "activity"),
        ("Walkers", "output"),
        ("Loose box", "in-no-group"),
    ]
    assert [(fw.node_by_id[s].label, fw.node_by_id[t].label) for s, t in fw.link_pairs] == [("Walks", "Walkers")]
    assert [c.kind for c in changes] == ["changed"]
    mapped = formats.read(formats.get("graphml"), YED_GROUPS, Reading(level_map=(("In no group", "strategic"),)))
    assert mapped.node_by_id["n1"].level == "strategic"


@pytest.mark.parametrize(
    "xml",
    [
        b'<?xml version="1.0"?><!DOCTYPE g [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><graphml>&b;</graphml>',
        b'<?xml version="1.0"?><!DOCTYPE g [<!ENTITY x SYSTEM "file:///etc/passwd">]><graphml>&x;</graphml>',
    ],
    ids=["billion laughs", "external entity"],
)
def test_xml_declaring_entities_is_refused_before_it_is_parsed(xml: bytes):
    assert refused("graphml", xml) == ["the XML declares a DTD or entities (<!DOCTYPE or <!ENTITY), refused"]


def test_broken_xml_is_refused_naming_the_line():
    (line,) = refused("graphml", b"<graphml>\n<graph>\n<node id='a'>\n</graphml>")
    assert line.startswith("line 4, column") and line.endswith("not valid XML")


# --- Mermaid ---

MARKDOWN = """# Active Parks theory of change

Some words first.

```mermaid
%%{init: {"theme": "base"}}%%
flowchart LR
  classDef act fill:#fff3e0;
  subgraph A["Activities"]
    walks["Park #quot;walks#quot;"]:::act
  end
  subgraph O [Outputs]
    walkers(Regular walkers)
  end
  subgraph I["Outcomes"]
    fitter((Fitter people)) & happier{Happier people}
  end
  walks -->|weekly| walkers
  walkers -- over a year --> fitter & happier
```
"""


def test_a_theory_of_change_in_markdown_comes_in_with_subgraphs_as_levels():
    fw = read("mermaid", MARKDOWN.encode())
    assert fw.meta.title == "Active Parks theory of change"
    assert [level.label for level in fw.levels] == ["Activities", "Outputs", "Outcomes"]
    assert [n.label for n in fw.nodes] == ['Park "walks"', "Regular walkers", "Fitter people", "Happier people"]
    assert [(k.source, k.target, k.rationale) for k in fw.links] == [
        ("walks", "walkers", "weekly"),
        ("walkers", "fitter", "over a year"),
        ("walkers", "happier", "over a year"),
    ]


CAUSAL_LOOP = """{{< mermaid >}}
flowchart LR
  P1 -.- P2
  D --"minus"---> P1
  P1 --"plus"---> D
  subgraph BL["Balancing loop"]
    D(("Death"))
    P1(("Population"))
  end
  subgraph RL["Reinforcing loop"]
    P2(("Population again"))
  end
{{< /mermaid >}}
"""


def test_a_causal_loop_diagram_is_refused_naming_the_headless_link_and_repaired_naming_the_loop():
    lines = refused("mermaid", CAUSAL_LOOP.encode())
    assert lines[0] == (
        "line 3: the link between 'P1' and 'P2': it has no arrow (write --> for a link that runs one way)"
    )
    doc = formats.parse(formats.get("mermaid"), CAUSAL_LOOP.encode())
    assert find_loop(doc) is not None
    fw, changes = repair(doc)
    loops = [str(c) for c in changes if c.kind == "loop"]
    assert len(loops) == 1 and "it made a loop" in loops[0] and len(fw.links) == 1


def test_only_flowcharts_are_read_and_the_line_is_named():
    assert refused("mermaid", b"sequenceDiagram\n  A->>B: hi\n") == [
        "no Mermaid flowchart found: expected a line 'flowchart LR' (in a ```mermaid block)"
    ]
    assert refused("mermaid", b"%% a comment\nsequenceDiagram\nflowchart LR\n  a --> b\n") == [
        "line 2: only Mermaid flowcharts are read: start with 'flowchart LR'"
    ]


def test_a_label_with_mermaid_syntax_is_escaped_so_the_chart_still_renders():
    from logicmodel.formats.mermaid import escape_label, unescape_label

    nasty = 'end"] --> x["<script>'
    assert unescape_label(escape_label(nasty)) == nasty
    assert not set('"[]<>') & set(escape_label(nasty))


def test_a_workbook_that_unpacks_to_gigabytes_is_refused_before_it_is_read():
    import zipfile

    from logicmodel.formats.xlsx_workbook import MAX_UNPACKED

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"<" + b" " * (MAX_UNPACKED + 1))
    assert len(out.getvalue()) < 1_000_000  # a small file
    assert refused("xlsx", out.getvalue()) == [f"the workbook unpacks to more than {MAX_UNPACKED:,} bytes"]


def test_a_link_running_backwards_between_mapped_types_is_named_by_labels():
    flat = {
        "elements": [{"_id": "elem-x1", "label": "Coaching", "type": "Support"}, {"_id": "elem-y2", "label": "Trust"}],
        "connections": [{"from": "elem-x1", "to": "elem-y2"}],
    }
    flat["elements"][1]["type"] = "Factor"
    (line,) = refused_with("kumu", json.dumps(flat).encode(), (("Support", "output"), ("Factor", "activity")))
    assert "goes backwards: 'Trust' (Activities) comes before 'Coaching' (Outputs)" in line


def refused_with(name: str, data: bytes, level_map: tuple) -> list[str]:
    with pytest.raises(FrameworkError) as caught:
        read(name, data, level_map)
    return [str(p) for p in caught.value.problems]


def test_a_table_of_more_rows_than_a_framework_has_boxes_is_refused_before_it_is_read():
    data = b"level,label\r\n" + b"activity,x\r\n" * 20_001
    assert refused("csv", data) == ["row 1: 20,001 rows: a framework has at most 20,000 boxes"]


def test_a_file_that_names_no_title_takes_its_file_name():
    assert formats.read_named("Active Parks model.csv", NHS_STYLE).meta.title == "Active Parks model"
    assert read("csv", NHS_STYLE).meta.title == "Imported from a CSV table"


def test_kumu_and_graphml_fields_a_framework_has_no_place_for_are_named_once_not_dropped_silently():
    scored = {
        "elements": [{"label": f"Factor {i}", "type": "activity", "measurability": 0.5} for i in range(3)],
        "connections": [],
    }
    assert refused("kumu", json.dumps(scored).encode())[0] == (
        "elements[0].measurability: the field 'measurability' (and 2 more elements): a framework has no place for it"
    )
    fw, changes = repair(formats.parse(formats.get("kumu"), json.dumps(scored).encode()))
    assert len(fw.nodes) == 3 and summary(changes) == "the unknown field 'measurability' will be left out"


def test_the_workbooks_properties_name_the_framework_and_its_authors_not_openpyxl():
    from datetime import UTC, datetime

    from logicmodel.core.readwrite import from_data, to_data
    from logicmodel.core.samples import find

    data = to_data(find("swindon").load())
    data["meta"]["authors"] = ["Priya Shah"]
    fw = from_data(data)
    before = datetime.now(UTC).replace(tzinfo=None, microsecond=0)
    props = openpyxl.load_workbook(io.BytesIO(formats.get("xlsx").write(fw, formats.Choices()))).properties
    assert props.title == fw.meta.title and props.creator == props.lastModifiedBy == "Priya Shah"
    assert "openpyxl" not in f"{props.creator}{props.description}" and before <= props.created <= datetime.now(
        UTC
    ).replace(tzinfo=None)
