"""Round trips framework -> format -> framework, on generated frameworks: equal for what each format carries.

The framework file, the Excel workbook and the zip of CSV files carry the whole of format v1 (valuations and the
appraisal included); the others carry what their tools have room for (each
format's ``cannot_carry`` says what that leaves out), compared here field by field.
"""

from __future__ import annotations

import copy
import io
import os

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from logicmodel import formats
from logicmodel.core.characters import without_noncharacters
from logicmodel.core.limits import MAX_DURATION, MAX_NUMBER, MAX_YEAR, MIN_YEAR
from logicmodel.core.models import Framework
from logicmodel.core.readwrite import from_data
from logicmodel.core.samples import samples
from logicmodel.core.synthetic import synthetic_data
from logicmodel.formats.carrying import leaf_paths, values_at

_TEXT = st.text(
    st.characters(exclude_categories=("Cs", "Cc", "Zl", "Zp"), exclude_characters="\x85\ufffe\uffff"),
    min_size=1,
    max_size=40,
).filter(
    lambda t: (kept := without_noncharacters(t)) == kept.strip() != "" and t == t.strip()
)  # the reader drops noncharacters


_SHARE = st.floats(0, 1, allow_nan=False)
"""A deadweight, attribution, displacement, drop-off or discount rate: any number from 0 to 1, subnormals too."""
_AMOUNT = st.one_of(st.integers(0, 10**15), st.floats(0, MAX_NUMBER, allow_nan=False))
_BENEFICIARIES = ("nhs", "asc", "12", "1e3")
"""Stakeholder ids, two that read as numbers in a CSV cell: an id stays words."""
_PROXIES = st.fixed_dictionaries(
    {"amount": _AMOUNT},
    optional={"currency": st.sampled_from(["GBP", "EUR", "USD"]), "unit": _TEXT, "source": _TEXT},
)
VALUATIONS = st.fixed_dictionaries(
    {},
    optional={
        "quantity": _AMOUNT,
        "proxy": _PROXIES,
        "deadweight": _SHARE,
        "attribution": _SHARE,
        "displacement": _SHARE,
        "drop_off": _SHARE,
        "duration": st.integers(1, MAX_DURATION),
        "beneficiary": st.sampled_from(_BENEFICIARIES),
    },
)
"""A box's valuation (issue 23): any of its figures, or none (an empty valuation is still one)."""
APPRAISALS = st.fixed_dictionaries(
    {}, optional={"discount_rate": _SHARE, "price_year": st.integers(MIN_YEAR, MAX_YEAR)}
)
"""The appraisal: its rate, its price base, or neither (the Green Book's rate, said)."""


@st.composite
def frameworks(draw: st.DrawFn) -> Framework:
    """A generated framework (``logicmodel.core.synthetic``), arbitrary labels, descriptions, tags and rationales."""
    data = synthetic_data(draw(st.integers(5, 30)), seed=draw(st.integers(0, 1000)))
    data = copy.deepcopy(data)
    data["meta"]["title"] = draw(_TEXT)
    if draw(st.booleans()):
        data["meta"]["provenance"] = [{"title": draw(_TEXT), "organisation": draw(_TEXT), "date": "2026-11-23"}]
    for node in data["nodes"]:
        node["label"] = draw(_TEXT)
        if draw(st.booleans()):
            node["description"] = draw(_TEXT)
        if draw(st.booleans()):
            node["tags"] = draw(st.lists(_TEXT.filter(lambda t: "\n" not in t), min_size=1, max_size=3))
    for link in data["links"]:
        if draw(st.booleans()):
            link["rationale"] = draw(_TEXT)
    # The additions to format v1 since the first version: a benefit, evidence behind a link, stories.
    if draw(st.booleans()):
        data["nodes"][0]["benefit"] = {"amount": draw(st.integers(1, 10**6)), "period": "a year", "basis": draw(_TEXT)}
    if data["links"] and draw(st.booleans()):
        data["links"][0]["evidence"] = [{"title": draw(_TEXT), "strength": "moderate"}]
    ids = [node["id"] for node in data["nodes"]]
    if draw(st.booleans()):
        steps = [
            {"nodes": draw(st.lists(st.sampled_from(ids), min_size=1, max_size=3, unique=True)), "note": draw(_TEXT)},
            {"nodes": [ids[-1]], "title": draw(_TEXT)},
        ]
        data["stories"] = [{"id": "story-1", "title": draw(_TEXT), "steps": steps}]
    # Valuations and the appraisal (issue 23), on any box: the beneficiaries are the stakeholders they name.
    for node in data["nodes"]:
        if draw(st.integers(0, 3)) == 0:
            node["valuation"] = draw(VALUATIONS)
    if any("valuation" in node for node in data["nodes"]):
        data["stakeholders"] = [{"id": s, "name": s.upper(), "role": "partner"} for s in _BENEFICIARIES]
    if draw(st.booleans()):
        data["appraisal"] = draw(APPRAISALS)
    return from_data(data)


def _round_trip(name: str, fw: Framework) -> Framework:
    fmt = formats.get(name)
    return formats.read(fmt, fmt.write(fw, formats.Choices()))


def _boxes(fw: Framework, *fields: str) -> list[tuple]:
    return sorted((n.id, fw.level_label(n.level), n.label, *(getattr(n, f) for f in fields)) for n in fw.nodes)


def _links(fw: Framework, rationale: bool) -> list[tuple]:
    return sorted((k.source, k.target, k.rationale if rationale else None) for k in fw.links)


FAST = settings(
    max_examples=int(os.environ.get("LM_EXAMPLES", "25")), deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
"""25 generated frameworks a test; LM_EXAMPLES=500 for a longer search."""


@FAST
@given(frameworks())
def test_the_framework_file_carries_the_whole_framework(fw: Framework) -> None:
    assert _round_trip("json", fw) == fw


@FAST
@given(frameworks())
def test_the_workbook_carries_the_whole_framework(fw: Framework) -> None:
    assert _round_trip("xlsx", fw) == fw


@pytest.mark.parametrize("sample", samples(), ids=lambda s: s.name)
def test_every_sample_comes_back_from_the_workbook_as_it_was(sample) -> None:
    fw = sample.load()
    assert _round_trip("xlsx", fw) == fw


@FAST
@given(frameworks())
def test_the_zip_of_csv_files_carries_the_whole_framework(fw: Framework) -> None:
    assert _round_trip("csv-files", fw) == fw


@pytest.mark.parametrize("sample", samples(), ids=lambda s: s.name)
def test_every_sample_comes_back_from_the_csv_files_as_it_was(sample) -> None:
    fw = sample.load()
    assert _round_trip("csv-files", fw) == fw


_MEASURES = st.one_of(
    st.integers(-(10**15), 10**15),
    st.floats(-1e15, 1e15, allow_nan=False, allow_infinity=False),
    _TEXT.filter(lambda t: len(t) <= 200),
    st.sampled_from(["5", "-5", "'5", "''5", "0.50", "1e3", " 7", "=1+1", "'=1"]).map(str.strip),
)


@FAST
@given(frameworks(), _MEASURES, _MEASURES, st.integers(0, 10**9))
def test_numbers_and_words_that_look_like_numbers_come_back_from_csv_files_as_they_were(
    fw: Framework, baseline: object, target: object, reach: int
) -> None:
    """In a CSV file every cell is text: a baseline of the words "5" must not come back as the number 5."""
    data = fw.model_dump(mode="json", exclude_none=True)
    data["nodes"][0]["indicators"] = [{"name": "Measured", "baseline": baseline, "target": target}]
    data["nodes"][0]["reach"] = reach
    fw = from_data(data)
    back = _round_trip("csv-files", fw)
    assert back == fw
    (indicator,) = back.nodes[0].indicators
    assert type(indicator.baseline) is type(fw.nodes[0].indicators[0].baseline)


@FAST
@given(frameworks())
def test_the_csv_table_carries_boxes_levels_tags_and_links(fw: Framework) -> None:
    back = _round_trip("csv", fw)
    assert back.level_ids == fw.level_ids
    assert _boxes(back, "description", "tags") == _boxes(fw, "description", "tags")
    assert _links(back, rationale=False) == _links(fw, rationale=False)


@FAST
@given(frameworks())
def test_kumu_carries_boxes_types_tags_and_links_with_their_reasons(fw: Framework) -> None:
    back = _round_trip("kumu", fw)
    assert back.level_ids == fw.level_ids
    assert _boxes(back, "description", "tags") == _boxes(fw, "description", "tags")
    assert _links(back, rationale=True) == _links(fw, rationale=True)


@FAST
@given(frameworks())
def test_graphml_carries_the_title_boxes_and_links_and_networkx_reads_it(fw: Framework) -> None:
    data = formats.get("graphml").write(fw, formats.Choices())
    graph = nx.read_graphml(io.BytesIO(data))
    assert graph.number_of_nodes() == len(fw.nodes) and graph.number_of_edges() == len(fw.links)
    back = _round_trip("graphml", fw)
    assert back.meta.title == fw.meta.title and back.level_ids == fw.level_ids
    assert _boxes(back, "description") == _boxes(fw, "description")
    assert _links(back, rationale=True) == _links(fw, rationale=True)


@FAST
@given(frameworks())
def test_mermaid_carries_the_title_labels_levels_and_links(fw: Framework) -> None:
    back = _round_trip("mermaid", fw)
    assert back.meta.title == fw.meta.title and back.level_ids == fw.level_ids
    assert [(n.label, n.level) for n in back.nodes] == [(n.label, n.level) for n in fw.nodes]
    label = {n.id: i for i, n in enumerate(fw.nodes)}
    back_label = {n.id: i for i, n in enumerate(back.nodes)}
    assert sorted((label[k.source], label[k.target], k.rationale) for k in fw.links) == sorted(
        (back_label[k.source], back_label[k.target], k.rationale) for k in back.links
    )


ROUND_TRIPS = [f.name for f in formats.readers() if f.write is not None]
WHOLE = ("xlsx", "csv-files")
"""The formats that carry the whole framework: their own tests above assert the framework comes back equal, which
is the field-by-field test below and more, so that test leaves them out rather than repeat their slow round trip."""
"""Every format of the registry that writes a framework and reads it back: a format added there is tested here."""


def test_every_writer_says_what_its_format_cannot_carry() -> None:
    assert {"xlsx", "csv-files", "csv", "kumu", "graphml", "mermaid"} <= set(ROUND_TRIPS)
    for name in ROUND_TRIPS:
        fmt = formats.get(name)
        assert fmt.carries is not None and fmt.read and fmt.write and fmt.parse
        assert bool(fmt.cannot_carry) == bool(fmt.lost_fields() or fmt.also_leaves_out), name
        assert fmt.cannot_carry or name in ("json", *WHOLE)
    for name in WHOLE:  # what lets the field-by-field test leave them to the whole-framework tests
        assert name in ROUND_TRIPS and not formats.get(name).cannot_carry and not formats.get(name).lost_fields()
    assert "indicators" in formats.get("mermaid").cannot_carry


def _as_kept(fw: Framework) -> dict:
    """The framework as plain data, as every format keeps its ids and levels: boxes in level order (as the writers
    write them), each box, link end and story step naming a box by its position, links in the order of their
    ends, and only the levels that hold boxes, each box naming its level by position among those."""
    data = fw.model_dump(mode="json")
    rank = fw.level_rank
    nodes = sorted(data["nodes"], key=lambda n: rank.get(n["level"], 0))
    at = {n["id"]: i for i, n in enumerate(nodes)}
    levels = [level for level in data["levels"] if any(n["level"] == level["id"] for n in nodes)]
    level_at = {level["id"]: i for i, level in enumerate(levels)}
    for n in nodes:
        n["id"], n["level"] = at[n["id"]], level_at[n["level"]]
    for k in data["links"]:
        k["source"], k["target"] = at[k["source"]], at[k["target"]]
    for story in data["stories"]:
        for step in story["steps"]:
            step["nodes"] = [at[box] for box in step["nodes"]]
    data["nodes"], data["levels"] = nodes, levels
    data["links"] = sorted(data["links"], key=lambda k: (k["source"], k["target"]))
    return data


@pytest.mark.parametrize("name", [name for name in ROUND_TRIPS if name not in WHOLE])
@FAST
@given(fw=frameworks())
def test_every_format_that_reads_back_keeps_every_field_it_does_not_say_it_cannot_carry(name: str, fw) -> None:
    """Generated from the registry and the models: each field of a generated framework that a format does not
    list as lost (``Format.lost_fields``) comes back as it was written. The workbook and the zip of CSV files
    lose nothing and are held to more (the framework back equal) by their own tests above."""
    fmt = formats.get(name)
    before, after = _as_kept(fw), _as_kept(_round_trip(name, fw))
    for path in leaf_paths():
        if path not in fmt.lost_fields():
            assert values_at(after, path) == values_at(before, path), f"{name} lost {path}"


_ITEM = _TEXT.filter(lambda t: not t.startswith(("-", "•", "*")))
"""An evidence title or assumption as ToC-Maker's text carries it: a leading bullet is read as a list's mark."""


@FAST
@given(frameworks(), st.data())
def test_tocmaker_carries_levels_boxes_and_links_with_strengths_evidence_and_assumptions(
    fw: Framework, data: st.DataObject
) -> None:
    doc = fw.model_dump(mode="json", exclude_none=True)
    for link in doc["links"]:
        link["strength"] = data.draw(st.sampled_from(["strong", "moderate", "weak"]))
        link["assumptions"] = data.draw(st.lists(_ITEM, max_size=3))
        link["evidence"] = [{"title": title} for title in data.draw(st.lists(_ITEM, max_size=2))]
    fw = from_data(doc)
    back = _round_trip("tocmaker", fw)
    assert back.meta.title == fw.meta.title and back.levels == fw.levels
    assert _boxes(back, "description") == _boxes(fw, "description")

    def said(k) -> tuple:
        return k.source, k.target, k.strength, k.assumptions, tuple(e.title for e in k.evidence)

    assert sorted(map(said, back.links)) == sorted(map(said, fw.links))
