"""Frameworks from other theory-of-change tools (issue 21): ToC-Maker charts, PRSM maps and logframes (a matrix in
Excel or CSV, KOICA's PDM as JSON) come in with their levels, links, strengths, evidence, assumptions and
indicators; what has no place is named once with a count; what the file does not say is asked, not guessed.

The fixtures in ``tests/fixtures/other_tools`` are our own, made to show what real files of each tool hold.
"""

from __future__ import annotations

import io
import json

import openpyxl
import pytest
from paths import ROOT

from logicmodel import formats
from logicmodel.core.errors import FrameworkError
from logicmodel.core.models import Framework
from logicmodel.core.readwrite import from_data
from logicmodel.core.samples import find
from logicmodel.editing.repair import repair
from logicmodel.formats.lz_string import unpack_utf16
from logicmodel.formats.tocmaker import strength_of

FIXTURES = ROOT / "tests" / "fixtures" / "other_tools"


def read(name: str, file: str) -> Framework:
    return formats.read(formats.get(name), (FIXTURES / file).read_bytes())


def refused(name: str, data: bytes) -> list[str]:
    with pytest.raises(FrameworkError) as caught:
        formats.read(formats.get(name), data)
    lines = [str(p) for p in caught.value.problems]
    assert lines and all("\n" not in line for line in lines)
    return lines


def repaired(name: str, data: bytes) -> tuple[Framework, list[str]]:
    fw, changes = repair(formats.parse(formats.get(name), data))
    return fw, [str(c) for c in changes]


def link(fw: Framework, source_label: str, target_label: str):
    by_label = {n.label: n.id for n in fw.nodes}
    return next(k for k in fw.links if (k.source, k.target) == (by_label[source_label], by_label[target_label]))


# ToC-Maker


def test_a_tocmaker_chart_comes_in_with_sections_as_levels_in_order_and_confidence_as_strength():
    fw = read("tocmaker", "walking-tocmaker.json")
    assert fw.meta.title == "Walking for Health, Swindon" and fw.meta.updated == "2026-11-30T10:15:00.000Z"
    assert [lv.label for lv in fw.levels] == ["Inputs", "Activities", "Outputs", "Outcomes", "End Goal"]
    kinds = fw.level_kinds
    assert [kinds[lv.id] for lv in fw.levels] == ["input", "activity", "output", "outcome", "outcome"]
    assert len(fw.nodes) == 6 and len(fw.links) == 6
    strengths = {(fw.node_by_id[k.source].label, fw.node_by_id[k.target].label): k.strength for k in fw.links}
    assert strengths == {
        ("Volunteer walk leaders", "Weekly led walks"): "strong",  # 90
        ("Weekly led walks", "Inactive adults join walks"): "strong",  # 75: solid in ToC-Maker
        ("Inactive adults join walks", "Walkers are more active"): "moderate",  # 74: dashed
        ("Inactive adults join walks", "Walkers feel less isolated"): "weak",  # 24: dotted
        ("Walkers are more active", "Older residents stay independent for longer"): "moderate",  # 25: dashed
        ("Walkers feel less isolated", "Older residents stay independent for longer"): "unknown",  # ids only
    }


def test_a_tocmaker_links_evidence_and_assumptions_come_one_item_a_sentence_or_line():
    fw = read("tocmaker", "walking-tocmaker.json")
    first = link(fw, "Volunteer walk leaders", "Weekly led walks")
    assert [e.title for e in first.evidence] == [
        "Ramblers' volunteer survey 2024. Leader retention above 80% in similar schemes."
    ]
    assert first.assumptions == ("Volunteers stay for at least a year.", "Training is free to volunteers.")
    assert fw.node_by_id["weekly-walks"].description == "Free 30-60 minute walks from libraries and GP surgeries"
    assert not link(fw, "Inactive adults join walks", "Walkers are more active").evidence  # empty text: nothing


@pytest.mark.parametrize(
    ("confidence", "strength"), [(100, "strong"), (75, "strong"), (74.9, "moderate"), (25, "moderate"), (0, "weak")]
)
def test_confidence_bands_are_tocmakers_own(confidence: float, strength: str):
    assert strength_of(confidence) == strength


def _chart(nodes: list[dict], **extra: object) -> bytes:
    sections = [{"title": "Activities", "columns": [{"nodes": nodes}]}]
    return json.dumps({"title": "T", "sections": sections, **extra}).encode()


def test_a_tocmaker_connection_to_a_missing_node_is_named_and_left_out_only_by_a_repair():
    nodes = [
        {
            "id": "a",
            "title": "Walks",
            "connections": [{"targetId": "b", "confidence": 50}, {"targetId": "gone"}, {"confidence": 10}],
        },
        {"id": "b", "title": "Runs", "connectionIds": []},
    ]
    lines = refused("tocmaker", _chart(nodes))
    assert lines == [  # every problem at once: the repair's too, so the second try reveals nothing new
        "sections[0].columns[0].nodes[0].connections[2]: the connection from 'Walks' names no 'targetId'",
        "sections[0].columns[0].nodes[0].connections[1], the link from 'Walks' to 'gone' (links[1].target): "
        "no box has the id 'gone'",
    ]
    fw, changes = repaired("tocmaker", _chart(nodes))
    assert len(fw.links) == 1 and len(changes) == 2 and "'gone'" in changes[1]


def test_tocmaker_fields_with_no_place_are_named_once_with_a_count_and_drawing_details_are_not():
    nodes = [
        {"id": f"n{i}", "title": f"Box {i}", "owner": "Jo", "yPosition": 3, "color": "#fff", "connectionIds": []}
        for i in range(3)
    ]
    nodes[0]["connections"] = [{"targetId": "n1", "confidence": "high", "weight": 2, "waypoints": []}]
    lines = refused("tocmaker", _chart(nodes, textSize=1.2, owner="Council"))
    assert lines == [
        "sections[0].columns[0].nodes[0].connections[0].confidence: the confidence 'high' of the link from 'Box 0' "
        "to 'Box 1': not a number from 0 to 100, so its strength is unknown",
        "the chart: the field 'owner': a framework has no place for it",
        "sections[0].columns[0].nodes[0]: the field 'owner' (and 2 more nodes): a framework has no place for it",
        "sections[0].columns[0].nodes[0].connections[0]: the field 'weight': a framework has no place for it",
    ]
    fw, _ = repaired("tocmaker", _chart(nodes))
    assert fw.links[0].strength == "unknown"


def test_a_framework_written_for_tocmaker_reads_back_with_its_levels_links_strengths_evidence_and_assumptions():
    data = json.loads(find("swindon").path.read_text())
    data["links"][0]["evidence"] = [{"title": "Sport England evaluation, 2024"}, {"title": "Local audit"}]
    fw = from_data(data)
    fmt = formats.get("tocmaker")
    written = fmt.write(fw, formats.Choices())
    chart = json.loads(written)
    assert [s["title"] for s in chart["sections"]] == [lv.label for lv in fw.levels]
    back = formats.read(fmt, written)
    assert back.meta.title == fw.meta.title and back.levels == fw.levels
    assert sorted((n.id, n.level, n.label, n.description) for n in back.nodes) == sorted(
        (n.id, n.level, n.label, n.description) for n in fw.nodes
    )

    def said(k) -> tuple:
        return k.strength, k.assumptions, tuple(e.title for e in k.evidence)

    assert {(k.source, k.target): said(k) for k in back.links} == {(k.source, k.target): said(k) for k in fw.links}
    assert any(k.evidence for k in fw.links) and any(k.assumptions for k in fw.links)


def test_a_tocmaker_chart_saved_as_json_is_read_as_tocmaker_on_upload():
    data = (FIXTURES / "walking-tocmaker.json").read_bytes()
    assert formats.reader_of("Walking.json", data).name == "tocmaker"
    assert formats.read_named("Walking.json", data).meta.title == "Walking for Health, Swindon"
    assert formats.reader_of("enfield.json", find("enfield").path.read_bytes()).name == "json"


# PRSM


def test_a_packed_prsm_map_and_the_same_map_saved_plain_read_the_same():
    packed, plain = (
        formats.parse(formats.get("prsm"), (FIXTURES / f).read_bytes())
        for f in ("falls-prevention.prsm", "falls-prevention-plain.prsm")
    )
    assert packed == plain and packed["meta"]["title"] == "Falls prevention, Swindon"


def test_a_prsm_map_comes_in_with_styles_as_levels_and_links_as_its_arrows_say():
    data = (FIXTURES / "falls-prevention.prsm").read_bytes()
    assert refused("prsm", data) == [
        "edges[4]: the link with arrows at both ends between 'More confidence' and 'Fewer falls': a link runs one way",
        "nodes[0] 'Strength and balance classes': the attribute 'Lead officer': a framework has no place for it",
        "nodes[0] 'Strength and balance classes': the vote 'thumbs up': a framework has no place for it",
    ]
    fw, changes = repaired("prsm", data)
    assert len(changes) == 3
    assert [lv.label for lv in fw.levels] == ["Activities", "Outputs", "Outcomes", "Impact"]
    assert fw.meta.description == "Drafted at the falls partnership workshop"
    classes = fw.node_by_id["a1"]
    assert (classes.label, classes.description) == (
        "Strength and balance classes",
        "Twice a week in\nthree leisure centres",
    )
    assert link(fw, "Strength and balance classes", "People at risk attend classes").strength == "strong"
    referral = link(fw, "GP referral route", "People at risk attend classes")  # its arrow at its start
    assert referral.rationale == "referrals fill classes"
    assert (
        link(fw, "People at risk attend classes", "Fewer falls").rationale == "Positive influence\nCochrane review 2019"
    )
    assert len(fw.links) == 4


def _map(nodes: list[dict], edges: list[dict], styles: dict | None = None) -> bytes:
    return json.dumps(
        {"version": "2.3", "styles": styles or {"nodes": {}, "edges": {}}, "nodes": nodes, "edges": edges}
    ).encode()


def test_prsm_styles_without_names_are_numbered_and_put_in_the_order_their_links_run():
    nodes = [{"id": "f", "label": "Focal", "grp": "group0"}, {"id": "p", "label": "Policy", "grp": "group2"}]
    styles = {"nodes": {"group0": {"groupLabel": "Sample"}, "group2": {"groupLabel": "Policy actions"}}}
    fw = formats.read(formats.get("prsm"), _map(nodes, [{"from": "p", "to": "f"}], styles))
    assert [lv.label for lv in fw.levels] == ["Policy actions", "Style 1"]
    # only the name that says nothing known is asked about ("Policy actions" are activities)
    assert formats.level_names(formats.get("prsm"), _map(nodes, [], styles)) == ["Style 1"]
    mapped = formats.read(
        formats.get("prsm"),
        _map(nodes, [{"from": "p", "to": "f"}], styles),
        formats.Reading(level_map=(("Style 1", "strategic"), ("Policy actions", "activity"))),
    )
    assert [(n.label, n.level) for n in mapped.nodes] == [("Focal", "strategic"), ("Policy", "activity")]


def test_a_link_without_arrows_is_listed_not_made_one_way():
    nodes = [{"id": "a", "label": "A"}, {"id": "b", "label": "B"}]
    edge = {"from": "a", "to": "b", "arrows": {"to": {"enabled": False}, "from": {"enabled": False}}}
    assert refused("prsm", _map(nodes, [edge])) == [
        "edges[0]: the link without an arrow between 'A' and 'B': a link runs one way"
    ]


def test_packed_text_is_unpacked_within_its_bound():
    packed = (FIXTURES / "falls-prevention.prsm").read_text("utf-8-sig")
    assert unpack_utf16(packed, 10_000).startswith("{")
    with pytest.raises(FrameworkError, match="unpacks to more than 100 characters"):
        unpack_utf16(packed, 100)
    assert refused("prsm", "\ufeff\u4e00\u4e01\u4e02".encode()) == [
        "not a PRSM map: neither JSON nor a map packed by PRSM"
    ]


# Logframes


def test_a_logframe_matrix_in_csv_comes_in_linked_up_its_levels_with_indicators_and_assumptions():
    fw = read("logframe", "walking-logframe.csv")
    assert [lv.label for lv in fw.levels] == ["Activities", "Outputs", "Purpose", "Goal"]
    pairs = sorted((fw.node_by_id[k.source].label, fw.node_by_id[k.target].label) for k in fw.links)
    assert pairs == [
        ("Commission classes from the leisure trust", "Strength and balance classes"),
        ("Inactive adults over 55 become active", "More older residents stay independent"),
        ("Map walking routes from libraries", "Weekly led walks across the borough"),
        ("Recruit and train volunteer walk leaders", "Weekly led walks across the borough"),
        ("Strength and balance classes", "Inactive adults over 55 become active"),
        ("Weekly led walks across the borough", "Inactive adults over 55 become active"),
    ]
    walks = next(n for n in fw.nodes if n.label == "Weekly led walks across the borough")
    assert [(i.name, i.baseline, i.target, i.source) for i in walks.indicators] == [
        ("Walks a week", 12, 20, "Walk registers"),
        ("Walkers a week", 90, 200, "Walk registers"),
    ]
    purpose = next(n for n in fw.nodes if n.label == "Inactive adults over 55 become active")
    assert [(i.baseline, i.target, i.source) for i in purpose.indicators] == [
        ("52%", "60%", "Active Lives Adult Survey")
    ]
    assert link(fw, "Weekly led walks across the borough", "Inactive adults over 55 become active").assumptions == (
        "Walks attract inactive people",
    )
    assert link(fw, "Inactive adults over 55 become active", "More older residents stay independent").assumptions == (
        "Local leisure prices stay affordable",
    )


def test_a_dfid_layout_workbook_is_read_as_a_logframe_its_milestones_named_once_with_a_count():
    data = (FIXTURES / "walking-logframe-dfid.xlsx").read_bytes()
    assert formats.reader_of("logframe.xlsx", data).name == "logframe"
    assert refused("logframe", data) == [
        "sheet 'Logframe', row 3, column E 'Milestone 1 (2027)': the column 'Milestone 1 (2027)' (and 4 more rows): "
        "a framework has no place for it"
    ]
    fw, _ = repaired("logframe", data)
    assert [lv.label for lv in fw.levels] == ["Activities", "Outputs", "Outcome", "Impact"]
    outcome = next(n for n in fw.nodes if n.label == "Inactive adults over 55 become active")
    assert [i.name for i in outcome.indicators] == [
        "Adults 55+ active 150 minutes a week",
        "Walkers still active after six months",  # a row with no narrative: another indicator of the box above
    ]
    assert {fw.node_by_id[k.source].label for k in fw.links if fw.node_by_id[k.target].label == "Weekly led walks"} == {
        "Train volunteer walk leaders",
        "Map walking routes from libraries",
    }


def test_our_own_workbook_and_table_are_not_taken_for_a_logframe():
    fw = find("enfield").load()
    for name in ("xlsx", "csv"):
        data = formats.get(name).write(fw, formats.Choices())
        assert formats.reader_of(f"enfield.{name}", data).name == name


def test_a_logframe_that_does_not_say_which_purpose_an_output_serves_is_asked_not_guessed():
    data = (
        b"Level,Narrative summary,Indicators,Means of verification,Assumptions\n"
        b"Purpose,Adults more active,,,\n,Children more active,,,\nOutputs,Walks,,,\n"
    )
    assert refused("logframe", data) == [
        "row 4: which of the 2 purpose rows 'Walks' leads to is not said: number it under one "
        "(activity 1.2 under output 1)"
    ]
    fw, changes = repaired("logframe", data)
    assert len(fw.nodes) == 3 and not fw.links and len(changes) == 1


def test_a_logframe_row_naming_no_level_is_named():
    data = b"Level,Narrative summary,Indicators,Assumptions\nGoal,Healthier town,,\nBudget,50000,,\n"
    assert refused("logframe", data) == ["row 3, column A: 'Budget' names no level of a logframe"]


def test_a_koica_pdm_comes_in_linked_as_its_ids_say_with_indicators_and_assumptions():
    data = (FIXTURES / "active-communities-pdm.json").read_bytes()
    assert formats.reader_of("pdm.json", data).name == "logframe"
    lines = refused("logframe", data)
    assert lines == [
        "outcomes[0].indicators[0]: the field 'data_source': a framework has no place for it",
        "outcomes[0].indicators[0]: the field 'definition': a framework has no place for it",
        "outcomes[0].indicators[0]: the field 'formula': a framework has no place for it",
        "outcomes[0].indicators[0]: the field 'collector': a framework has no place for it",
        "inputs: the field 'pre_conditions': a framework has no place for it",
    ]
    fw, _ = repaired("logframe", data)
    assert fw.meta.title == "Active Communities, Swindon" and fw.meta.created == "2026-11-02"
    assert [lv.label for lv in fw.levels] == ["Inputs", "Activities", "Outputs", "Outcomes", "Impact"]
    pairs = sorted((k.source, k.target) for k in fw.links)
    assert pairs == [
        ("act-1", "op-1"),
        ("act-2", "op-1"),
        ("act-2", "op-2"),
        ("oc-1", "imp-1"),
        ("op-1", "oc-1"),
        ("op-2", "oc-1"),
    ]  # act-2.1, a sub-activity, is its activity's
    assert fw.node_by_id["act-2"].description == "act-2.1 Agree venues with the leisure trust"
    walks = fw.node_by_id["op-1"].indicators[0]
    assert (walks.name, walks.baseline, walks.target, walks.source, walks.frequency) == (
        "Walkers a week",
        90,
        200,
        "Walk registers",
        "monthly",
    )
    assert fw.node_by_id["op-2"].indicators[0].target is None  # none in the file: none invented
    assert link(fw, "Weekly led walks", "Inactive adults over 55 become active").assumptions == (
        "Walks and classes stay free",
        "GPs refer patients",
    )
    assert link(fw, "Recruit and train walk leaders", "Weekly led walks").assumptions == ("Volunteers stay a year",)
    assert fw.node_by_id["imp-1"].tags == ("SDG 3.4",)


def test_a_workbook_that_is_not_a_logframe_is_refused_saying_what_a_logframe_has():
    book = openpyxl.Workbook()
    book.active.append(["level", "label"])
    out = io.BytesIO()
    book.save(out)
    assert refused("logframe", out.getvalue()) == [
        "sheet 'Sheet', row 1: not a logframe: no row of headers naming the indicators beside the narrative "
        "summary, means of verification or assumptions"
    ]


def test_a_pdm_is_recognised_by_its_keys_not_by_words_in_its_text():
    logframe = formats.get("logframe")
    assert logframe.recognise((FIXTURES / "active-communities-pdm.json").read_bytes())
    assert not logframe.recognise(b'{"title": "Outcomes", "sections": [{"title": "Outputs"}]}')
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "properties": {"outcomes": {}, "outputs": {}}}
    assert not logframe.recognise(json.dumps(schema).encode())
    assert not logframe.recognise(b"PK\x03\x04 damaged")  # a damaged zip is the workbook reader's to refuse
