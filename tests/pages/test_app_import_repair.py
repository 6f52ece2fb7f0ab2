"""Home's import of a file that fails the checks: it says what is wrong, offers "Open anyway" naming what will be
left out, and opens the rest; a Kumu map whose types are not levels asks which level each type is."""

import json

from app_helpers import button, framework, messages, open_page, plain

from logicmodel.editing.edit import new_framework

BROKEN = {
    "schema_version": 1,
    "meta": {"title": "Active Slough", "notes": "from last year"},
    "nodes": [{"id": "walks", "level": "activity", "label": "Walking groups"}],
    "links": [{"source": "walks", "target": "gone"}, {"source": "walks", "target": "lost"}],
}
KUMU = {
    "elements": [{"label": "Coaching", "type": "Support"}, {"label": "Team trust", "type": "Factor"}],
    "connections": [{"from": "Team trust", "to": "Coaching"}],
}
TANGLED = {  # Support leads to Factor and Factor to Support: no order of the two keeps both links forwards
    "elements": [
        {"label": "Coaching", "type": "Support"},
        {"label": "Team trust", "type": "Factor"},
        {"label": "Mentoring", "type": "Support"},
    ],
    "connections": [{"from": "Coaching", "to": "Team trust"}, {"from": "Team trust", "to": "Mentoring"}],
}


def test_a_broken_file_opens_anyway_without_what_is_wrong_saying_what_was_left_out():
    at = open_page("home", new_framework("Already open"))
    at.file_uploader(key="import_file").set_value(("broken.json", json.dumps(BROKEN).encode(), "application/json"))
    at.run()
    assert framework(at).meta.title == "Already open"  # refused: what is open stays open
    anyway = at.button(key="import_anyway")
    assert plain(anyway.label) == "Open anyway: 2 links to missing boxes and the unknown field 'notes' will be left out"
    anyway.click().run()
    fw = framework(at)
    assert fw.meta.title == "Active Slough" and [n.label for n in fw.nodes] == ["Walking groups"] and not fw.links
    assert any("Left out: 2 links to missing boxes and the unknown field 'notes'" in m for m in messages(at, "success"))


def test_a_kumu_map_whose_types_are_not_levels_opens_with_its_types_where_its_links_run_forwards():
    at = open_page("home")
    at.file_uploader(key="import_file").set_value(("map.json", json.dumps(KUMU).encode(), "application/json"))
    at.run()
    fw = framework(at)  # 'Team trust' -> 'Coaching': Factor comes before Support, and the link is kept
    assert [level.label for level in fw.levels] == ["Factor", "Support"] and len(fw.links) == 1


def test_a_kumu_map_whose_types_are_not_levels_asks_which_level_each_type_is():
    at = open_page("home")
    at.file_uploader(key="import_file").set_value(("map.json", json.dumps(TANGLED).encode(), "application/json"))
    at.run()
    assert framework(at) is None and messages(at)  # refused: one of the two links runs backwards
    at.selectbox(key="import_level_Support").set_value("output")
    at.selectbox(key="import_level_Factor").set_value("output")
    button(at, "Import with these levels").click().run()
    fw = framework(at)
    assert [(n.label, n.level) for n in fw.nodes] == [
        ("Coaching", "output"),
        ("Team trust", "output"),
        ("Mentoring", "output"),
    ]


def test_a_mermaid_chart_whose_subgraphs_are_not_levels_asks_too():
    chart = (
        b'flowchart LR\n  subgraph A["Doing"]\n    a["Walks"]\n    c["Talks"]\n  end\n'
        b'  subgraph B["Getting"]\n    b["Fitter"]\n  end\n  a --> b\n  b --> c\n'
    )
    at = open_page("home")
    at.file_uploader(key="import_file").set_value(("toc.mmd", chart, "text/plain"))
    at.run()
    assert framework(at) is None  # Doing leads to Getting and Getting to Doing: one link runs backwards
    at.selectbox(key="import_level_Doing").set_value("activity")
    at.selectbox(key="import_level_Getting").set_value("activity")
    button(at, "Import with these levels").click().run()
    assert [(n.label, n.level) for n in framework(at).nodes] == [
        ("Walks", "activity"),
        ("Talks", "activity"),
        ("Fitter", "activity"),
    ]


def test_the_apps_own_workbook_with_a_box_deleted_opens_anyway_and_asks_nothing_about_levels():
    import io

    import openpyxl

    from logicmodel import formats
    from logicmodel.core.samples import find

    fw = find("enfield").load()
    gone = next(n for n in fw.nodes if n.indicators and any(k.source == n.id for k in fw.links))
    book = openpyxl.load_workbook(io.BytesIO(formats.get("xlsx").write(fw, formats.Choices())))
    boxes = book["Boxes"]
    boxes.delete_rows(next(r for r in range(2, boxes.max_row + 1) if boxes.cell(row=r, column=1).value == gone.id))
    book["Links"].cell(row=2, column=4).value = "Moderate"  # as Excel users type it: never a problem
    out = io.BytesIO()
    book.save(out)
    at = open_page("home")
    at.file_uploader(key="import_file").set_value(("framework.xlsx", out.getvalue(), "application/octet-stream"))
    at.run()
    assert framework(at) is None
    [error] = messages(at)
    assert "an indicator of" in error and "no box has the id" in error and "strength" not in error
    assert not [s for s in at.selectbox if s.key and s.key.startswith("import_level_")]  # its levels are its own
    at.button(key="import_anyway").click().run()
    opened = framework(at)
    assert len(opened.nodes) == len(fw.nodes) - 1 and gone.id not in opened.node_by_id
