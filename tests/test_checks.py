"""Completeness checks: each warning fires when its gap is there, and only then."""

from pathlib import Path

import pytest
from factories import link, minimal, node, walking

from logicmodel import CHECKS, check, from_data
from logicmodel.checks import GROUPS, warnings_table

OUTCOME = {"indicators": [{"name": "An indicator"}]}


def codes(data):
    return [(f.code, f.nodes) for f in check(from_data(data))]


def test_complete_framework_has_no_warnings():
    assert codes(walking()) == []


def test_unlinked_node():
    assert ("unlinked-node", ("lonely",)) in codes(minimal([node("lonely", "output")]))


def test_activity_with_no_route_to_strategic():
    data = minimal([node("a"), node("b"), node("i", "intermediate", **OUTCOME), node("s", "strategic", **OUTCOME)])
    data["links"] = [link("a", "i"), link("i", "s"), link("b", "i")]
    assert codes(data) == []
    data["links"] = [link("a", "i"), link("i", "s")]
    data["nodes"].append(node("dead-end-output", "output"))
    data["links"].append(link("b", "dead-end-output"))
    assert [c for c in codes(data) if c[0] == "no-route-to-strategic"] == [("no-route-to-strategic", ("b",))]


def test_strategic_outcome_no_activity_reaches():
    data = minimal(
        [node("a"), node("i", "intermediate", **OUTCOME), node("s", "strategic", **OUTCOME)],
        [link("i", "s"), link("a", "i")],
    )
    assert codes(data) == []
    data["nodes"] += [node("orphan-source", "intermediate", **OUTCOME), node("s2", "strategic", **OUTCOME)]
    data["links"].append(link("orphan-source", "s2"))
    assert ("no-contributing-activity", ("s2",)) in codes(data)
    assert ("no-contributing-activity", ("s",)) not in codes(data)


def test_outcome_without_indicator_only_above_outputs():
    data = minimal([node("a"), node("o", "output"), node("i", "intermediate")], [link("a", "o"), link("o", "i")])
    assert [c for c in codes(data) if c[0] == "outcome-without-indicator"] == [("outcome-without-indicator", ("i",))]


def test_level_skip_counts_only_levels_in_use():
    # Outputs are optional: with no outputs at all, activity -> intermediate skips nothing.
    data = minimal([node("a"), node("i", "intermediate", **OUTCOME), node("s", "strategic", **OUTCOME)])
    data["links"] = [link("a", "i"), link("i", "s")]
    assert codes(data) == []
    data["links"].append(link("a", "s"))
    [finding] = [f for f in check(from_data(data)) if f.code == "level-skip"]
    assert finding.nodes == ("a", "s")
    assert "skips intermediate outcomes" in finding.message


def test_findings_follow_the_order_of_checks():
    data = minimal(
        [
            *(node("a"), node("b"), node("u", "output"), node("o", "output"), node("i", "intermediate")),
            *(node("s", "strategic", **OUTCOME), node("s2", "strategic", **OUTCOME)),
        ],
        [link("a", "s"), link("b", "o"), link("i", "s2")],
    )
    order = [f.code for f in check(from_data(data))]
    assert order == sorted(order, key=list(CHECKS).index)
    assert set(order) == set(CHECKS)


@pytest.mark.parametrize("code", list(CHECKS))
def test_every_kind_of_warning_is_defined_in_full(code):
    kind = CHECKS[code]
    assert kind.code == code and kind.group in GROUPS
    assert kind.title and kind.boxes and kind.description.endswith(".") and kind.fix.endswith(".")
    assert "|" not in "".join(kind)  # it is a row of the docs' table


def test_the_docs_table_of_warnings_is_the_engines():
    docs = (Path(__file__).parent.parent / "docs" / "format.md").read_text(encoding="utf-8")
    assert warnings_table() in docs, "regenerate the table in docs/format.md from logicmodel.checks.warnings_table()"


def test_messages_use_labels_not_ids():
    [finding] = [f for f in check(from_data(minimal([node("x1", label="Free swimming")]))) if f.code == "unlinked-node"]
    assert "'Free swimming'" in finding.message
