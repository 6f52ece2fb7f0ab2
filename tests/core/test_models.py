"""Field-level rules of format v1: types, limits and unknown fields."""

import pytest
from factories import minimal, node, walking

from logicmodel import FrameworkError, from_data
from logicmodel.core.models import DEFAULT_LEVELS


def problems(data):
    with pytest.raises(FrameworkError) as caught:
        from_data(data)
    return [(p.path, p.message) for p in caught.value.problems]


def test_default_levels_when_absent():
    fw = from_data(minimal())
    assert fw.level_ids == ["activity", "output", "intermediate", "strategic"]
    assert fw.levels == DEFAULT_LEVELS


def test_complete_framework_reads_every_field():
    data = walking()
    data["nodes"][0].update(
        description="Led walks from leisure centres",
        cost={"amount": 12000, "period": "a year"},
        reach=400,
        evidence=[{"title": "Walking for health evaluation", "url": "https://example.org/e", "strength": "moderate"}],
        tags=["walking"],
    )
    data["nodes"][4]["indicators"][0].update(baseline=61.2, target="at least 65%", unit="%", frequency="annual")
    fw = from_data(data)
    walk = fw.node_by_id["walk"]
    assert walk.cost.currency == "GBP"
    assert walk.reach == 400
    assert fw.node_by_id["active"].indicators[0].target == "at least 65%"


@pytest.mark.parametrize(
    ("change", "path", "message"),
    [
        ({"colour": "red"}, "nodes[0].colour", "unknown field 'colour'"),
        ({"label": ""}, "nodes[0].label", "should not be empty"),
        ({"label": "   "}, "nodes[0].label", "should not be blank"),
        ({"label": "x" * 301}, "nodes[0].label", "is too long: at most 300 characters"),
        ({"label": 7}, "nodes[0].label", "should be a text"),
        ({"id": "has space"}, "nodes[0].id", "should be 1 to 64 letters, digits, '-', '_' or '.'"),
        ({"id": "x" * 65}, "nodes[0].id", "should be 1 to 64 letters, digits, '-', '_' or '.'"),
        ({"reach": -1}, "nodes[0].reach", "should be at least 0"),
        ({"reach": 10**10}, "nodes[0].reach", "should be at most 1,000,000,000"),
        ({"reach": 1.5}, "nodes[0].reach", "should be a whole number"),
        ({"reach": True}, "nodes[0].reach", "should be a whole number"),
        ({"cost": {"amount": 5, "currency": "pounds"}}, "nodes[0].cost.currency", "should be a three-letter"),
        ({"cohorts": "older people"}, "nodes[0].cohorts", "should be a list"),
        ({"cohorts": ["x"] * 101}, "nodes[0].cohorts", "has too many entries: at most 100"),
        ({"evidence": [{"title": "E", "url": "javascript:alert(1)"}]}, "nodes[0].evidence[0].url", "http://"),
        ({"evidence": [{"title": "E", "strength": "certain"}]}, "nodes[0].evidence[0].strength", "should be"),
        ({"indicators": [{"source": "PHOF"}]}, "nodes[0].indicators[0].name", "required, but missing"),
        ({"indicators": [{"name": "I", "target": True}]}, "nodes[0].indicators[0].target", "a number or"),
        ({"indicators": [{"name": "I", "target": [1]}]}, "nodes[0].indicators[0].target", "a number or"),
        ({"indicators": [{"name": "I", "baseline": 1e16}]}, "nodes[0].indicators[0].baseline", "between"),
    ],
)
def test_node_field_errors_name_the_field(change, path, message):
    found = problems(minimal([node("a") | change]))
    assert len(found) == 1
    assert found[0][0] == path
    assert message in found[0][1]


@pytest.mark.parametrize(
    ("meta", "path", "message"),
    [
        ({}, "meta.title", "required, but missing"),
        ({"title": "t" * 201}, "meta.title", "at most 200"),
        ({"title": "T", "created": "23/11/2026"}, "meta.created", "ISO 8601"),
        ({"title": "T", "authors": "Jo"}, "meta.authors", "should be a list"),
    ],
)
def test_meta_errors(meta, path, message):
    found = problems(minimal() | {"meta": meta})
    assert found[0][0] == path
    assert message in found[0][1]


@pytest.mark.parametrize("when", ["2026-11-23", "2026-11-23T09:30:00Z", "2026-11-23T09:30:00+00:00"])
def test_iso_dates_are_kept_as_written(when):
    fw = from_data(minimal() | {"meta": {"title": "T", "created": when}})
    assert fw.meta.created == when


@pytest.mark.parametrize(
    ("change", "path", "message"),
    [
        ({"strength": "huge"}, "links[0].strength", "should be 'strong', 'moderate', 'weak' or 'unknown'"),
        ({"assumptions": [""]}, "links[0].assumptions[0]", "should not be empty"),
        ({"weight": 2}, "links[0].weight", "unknown field 'weight'"),
    ],
)
def test_link_field_errors(change, path, message):
    data = minimal([node("a"), node("b", "strategic")], [{"source": "a", "target": "b"} | change])
    assert problems(data) == [(path, message)]


def test_stakeholder_role_must_be_known():
    data = minimal(stakeholders=[{"id": "ph", "name": "Public Health", "role": "boss"}])
    [(path, message)] = problems(data)
    assert path == "stakeholders[0].role"
    assert "'commissioner'" in message


def test_levels_cannot_be_empty():
    assert problems(minimal(levels=[])) == [("levels", "should not be empty")]


def test_level_kinds_inferred_from_ids_and_first_level():
    kellogg = [
        {"id": "inputs", "label": "Inputs"},
        {"id": "activities", "label": "Activities"},
        {"id": "outputs", "label": "Outputs"},
        {"id": "short", "label": "Short-term outcomes"},
        {"id": "impact", "label": "Impact"},
    ]
    assert from_data(minimal(levels=kellogg)).level_kinds == {
        "inputs": "input",
        "activities": "activity",
        "outputs": "output",
        "short": "outcome",
        "impact": "outcome",
    }
    logframe = [{"id": "do", "label": "Activities"}, {"id": "goal", "label": "Goal"}]
    assert from_data(minimal(levels=logframe)).level_kinds == {"do": "activity", "goal": "outcome"}


def test_frameworks_are_immutable():
    fw = from_data(walking())
    with pytest.raises(ValueError, match="frozen"):
        fw.meta.title = "Changed"


def test_copy_forgets_cached_graph():
    from logicmodel.core.graph import to_graph

    fw = from_data(walking())
    graph = to_graph(fw)
    copy = fw.model_copy(update={"links": []})
    assert to_graph(copy) is not graph
    assert to_graph(copy).number_of_edges() == 0


def test_equality_ignores_cached_data():
    from logicmodel import check

    fw, again = from_data(walking()), from_data(walking())
    check(fw)
    assert fw == again
    assert fw != from_data(walking(links=[]))
