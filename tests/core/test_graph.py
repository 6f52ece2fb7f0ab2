"""The questions the pages ask of a framework's graph."""

import pytest
from factories import walking
from hypothesis import given, settings
from hypothesis import strategies as st

from logicmodel import (
    cohorts,
    contributes_to,
    contributors,
    from_data,
    nodes_at_level,
    nodes_for_cohort,
    nodes_for_stakeholder,
    pathway,
)
from logicmodel.core.graph import pathway_links, reached_from, reaching, to_graph
from logicmodel.core.synthetic import synthetic_data


@pytest.fixture
def fw():
    return from_data(walking())


def test_contributes_to_runs_up_to_strategic(fw):
    assert contributes_to(fw, "walk") == {"sessions", "active", "falls"}


def test_contributors_of_a_strategic_outcome(fw):
    assert contributors(fw, "falls") == {"walk", "sessions", "advisers", "referrals", "active"}


def test_pathway_through_an_output(fw):
    assert pathway(fw, "sessions") == {"walk", "sessions", "active", "falls"}
    assert ("referrals", "active") not in pathway_links(fw, "sessions")
    assert ("walk", "sessions") in pathway_links(fw, "sessions")


def test_unknown_node_is_a_clear_error(fw):
    with pytest.raises(KeyError, match="no node has the id 'nope'"):
        pathway(fw, "nope")


def test_nodes_by_level_stakeholder_and_cohort(fw):
    assert [n.id for n in nodes_at_level(fw, "activity")] == ["walk", "advisers"]
    assert [n.id for n in nodes_for_stakeholder(fw, "asc")] == ["falls"]
    assert [n.id for n in nodes_for_cohort(fw, "OLDER  people")] == ["walk", "sessions"]
    assert cohorts(fw) == ["Older people"]


def test_graph_is_built_once_per_framework(fw):
    assert to_graph(fw) is to_graph(fw)


@settings(max_examples=25, deadline=None)
@given(n=st.integers(min_value=5, max_value=120), seed=st.integers(min_value=0, max_value=10_000))
def test_whole_model_searches_agree_with_per_node_searches(n, seed):
    fw = from_data(synthetic_data(n, seed=seed))
    starts = [node.id for node in fw.nodes if node.level == "activity"]
    expected = set(starts).union(*(contributes_to(fw, s) for s in starts))
    assert reached_from(fw, starts) == expected
    ends = [node.id for node in fw.nodes if node.level == "strategic"]
    assert reaching(fw, ends) == set(ends).union(*(contributors(fw, e) for e in ends))
