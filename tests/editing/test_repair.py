"""Repair: a file that fails the checks opens without what is wrong, and every part left out is listed; a loop
is broken by leaving out the fewest links; the command line's import --repair says the same."""

from __future__ import annotations

import io
import json

import pytest

from logicmodel.cli.main import main
from logicmodel.core.errors import FrameworkError
from logicmodel.core.readwrite import dumps, from_data, load
from logicmodel.core.samples import find
from logicmodel.editing.repair import repair, summary

BROKEN = {
    "schema_version": 1,
    "meta": {"title": "Active Slough", "notes": "from last year"},
    "nodes": [
        {"id": "walks", "level": "activity", "label": "Walking groups", "colour": "red"},
        {"id": "walkers", "level": "output", "label": "Regular walkers"},
        {"id": "ghost", "level": "nowhere", "label": "A box of no level"},
        {"id": "walks", "level": "output", "label": "The same id again"},
    ],
    "links": [
        {"source": "walks", "target": "walkers"},
        {"source": "walks", "target": "missing"},
        {"source": "walkers", "target": "gone"},
        {"source": "walkers", "target": "walks"},
    ],
}


def test_a_broken_file_opens_without_what_is_wrong_and_every_part_left_out_is_listed():
    fw, changes = repair(BROKEN)
    assert [n.id for n in fw.nodes] == ["walks", "walkers"] and fw.link_pairs == [("walks", "walkers")]
    assert [str(c) for c in changes] == [
        "meta.notes: left out the unknown field 'notes'",
        "nodes[0].colour: left out the unknown field 'colour'",
        "nodes[3]: left out the box 'walks': its id is used already",
        "nodes[2]: left out the box 'A box of no level': its level 'nowhere' is not one of the levels "
        "(activity, output, intermediate, strategic)",
        "links[1]: left out the link from 'Walking groups' to 'missing': no box has the id 'missing'",
        "links[2]: left out the link from 'Regular walkers' to 'gone': no box has the id 'gone'",
        "links[3]: left out the link from 'Regular walkers' to 'Walking groups': it goes backwards, to an earlier "
        "level",
    ]
    assert summary(changes) == (
        "2 links to missing boxes, 1 link running backwards, 2 boxes and the unknown fields 'colour', 'notes' will be "
        "left out"
    )


def test_a_valid_file_is_not_changed():
    fw = find("enfield").load()
    assert repair(json.loads(dumps(fw))) == (fw, [])


def test_a_loop_is_broken_by_the_fewest_links_each_named():
    """Two loops share the link from A to B: leaving that one out breaks both (leaving out the last link of each
    loop would take two)."""
    nodes = [{"id": x, "level": "intermediate", "label": f"Outcome {x}"} for x in "abcd"]
    links = [("a", "b"), ("b", "c"), ("c", "a"), ("b", "d"), ("d", "a")]
    data = {"schema_version": 1, "meta": {"title": "T"}, "nodes": nodes,
            "links": [{"source": s, "target": t} for s, t in links]}  # fmt: skip
    fw, changes = repair(data)
    assert [str(c) for c in changes] == ["links[0]: left out the link from 'Outcome a' to 'Outcome b': it made a loop"]
    assert len(fw.links) == 4


def test_import_repair_on_the_command_line_lists_each_change_and_writes_a_valid_file(tmp_path):
    source = tmp_path / "broken.json"
    source.write_text(json.dumps(BROKEN))
    out = io.StringIO()
    assert main(["import", "--from", "json", str(source), "-o", str(tmp_path / "ok.json")], out) == 1
    assert not (tmp_path / "ok.json").exists()
    out = io.StringIO()
    assert main(["import", "--from", "json", "--repair", str(source), "-o", str(tmp_path / "ok.json")], out) == 0
    lines = out.getvalue().splitlines()
    assert lines[0] == f"{source}: meta.notes: left out the unknown field 'notes'" and len(lines) == 8
    assert lines[-1].endswith("ok.json: written from json (2 boxes)")
    assert load(tmp_path / "ok.json") == repair(BROKEN)[0]


def test_a_level_map_is_a_usage_error_when_malformed_or_for_a_format_without_levels(tmp_path, capsys):
    source = tmp_path / "map.kumu.json"
    source.write_text(json.dumps({"elements": [{"label": "Walks", "type": "Support"}], "connections": []}))
    target = tmp_path / "out.json"
    for argv in (
        ["import", "--from", "kumu", "--level-map", "Support", str(source), "-o", str(target)],
        ["import", "--from", "json", "--level-map", "a=b", str(source), "-o", str(target)],
    ):
        try:
            main(argv, io.StringIO())
        except SystemExit as exc:
            assert exc.code == 2
    assert "should be NAME=LEVEL" in capsys.readouterr().err
    out = io.StringIO()
    argv = ["import", "--from", "kumu", "--level-map", "Support=activity", str(source), "-o", str(target)]
    assert main(argv, out) == 0
    assert load(target).nodes[0].level == "activity"


def test_the_repaired_framework_is_one_the_loader_accepts():
    fw, _ = repair(BROKEN)
    assert from_data(json.loads(dumps(fw))) == fw


def test_export_says_what_the_format_cannot_carry(tmp_path):
    save_to = tmp_path / "map.mmd"
    source = tmp_path / "enfield.json"
    source.write_text(dumps(find("enfield").load()))
    out = io.StringIO()
    assert main(["export", str(source), "--to", "mermaid", "-o", str(save_to)], out) == 0
    assert out.getvalue().splitlines()[-1].startswith(f"{save_to}: mermaid cannot carry details but the title, ")
    assert "indicators" in out.getvalue()


def test_a_hostile_file_with_too_much_wrong_is_refused_rather_than_listing_a_million_changes():
    from logicmodel.core.readwrite import parse_json
    from logicmodel.core.synthetic import hostile_text
    from logicmodel.editing.repair import MAX_CHANGES

    for name in ("876,000 unknown keys", "3,000,000 empty boxes"):
        data = parse_json(hostile_text(name))
        with pytest.raises(FrameworkError) as caught:
            repair(data)
        assert str(caught.value) == f"too much is wrong to repair: more than {MAX_CHANGES:,} parts would be left out"


def test_the_file_data_is_not_changed_by_a_repair():
    before = json.loads(json.dumps(BROKEN))
    repair(BROKEN)
    assert before == BROKEN
