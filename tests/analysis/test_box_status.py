"""A box's status from its indicators' (``box_status``, ``BOX_RULE``), by known answers worked out by hand:
the worst judged status wins, "no data" and "no target" only where nothing could be judged, a box with no
indicators has none, and the summary counts each status in words."""

from __future__ import annotations

import pytest
from factories import minimal, node

from logicmodel.analysis.progress import BOX_ORDER, BOX_RULE, STATUSES, box_status
from logicmodel.core.readwrite import from_data

# One indicator for each status, worked out by hand against the status rule (fewer inactive adults is better).
KINDS = {
    "met": {
        "name": "Met",
        "baseline": 25,
        "target": 22,
        "measurements": [{"period": "2023/24", "period_end": "2024-03-31", "value": 21}],
    },
    "improving": {
        "name": "Up",
        "baseline": 25,
        "target": 22,
        "measurements": [{"period": "2023/24", "period_end": "2024-03-31", "value": 24}],
    },
    "no change": {
        "name": "Same",
        "baseline": 25,
        "target": 22,
        "measurements": [{"period": "2023/24", "period_end": "2024-03-31", "value": 25}],
    },
    "worsening": {
        "name": "Down",
        "baseline": 25,
        "target": 22,
        "measurements": [{"period": "2023/24", "period_end": "2024-03-31", "value": 27}],
    },
    "no data": {"name": "Unmeasured", "baseline": 25, "target": 22},
    "no target": {
        "name": "Aimless",
        "baseline": 25,
        "measurements": [{"period": "2023/24", "period_end": "2024-03-31", "value": 24}],
    },
}


def statuses(*kinds: str) -> dict:
    """``box_status`` of a framework with one box whose indicators are of these kinds, in this order."""
    indicators = [dict(KINDS[kind], name=f"{kind} {k}") for k, kind in enumerate(kinds)]
    fw = from_data(minimal([node("o", "intermediate", indicators=indicators), node("a")]))
    return box_status(fw)


@pytest.mark.parametrize("kind", list(KINDS))
def test_one_indicator_gives_the_box_its_own_status(kind):
    found = statuses(kind)["o"]
    assert found.status == kind
    assert found.summary == f"1 of 1 indicator {kind}"


@pytest.mark.parametrize(
    ("kinds", "expected", "summary"),
    [
        (("improving", "improving", "no data"), "improving", "2 of 3 indicators improving; 1 no data"),
        (("met", "improving", "improving", "improving"), "improving", "3 of 4 indicators improving; 1 met"),
        (("met", "met"), "met", "2 of 2 indicators met"),
        (("improving", "worsening", "met"), "worsening", "1 of 3 indicators worsening; 1 met; 1 improving"),
        (("no change", "improving"), "no change", "1 of 2 indicators no change; 1 improving"),
        (("no change", "worsening"), "worsening", "1 of 2 indicators worsening; 1 no change"),
        (("no data", "no target"), "no data", "1 of 2 indicators no data; 1 no target"),
        (("no target", "no target"), "no target", "2 of 2 indicators no target"),
        (("no target", "met", "no data"), "met", "1 of 3 indicators met; 1 no data; 1 no target"),
    ],
)
def test_the_worst_judged_status_wins(kinds, expected, summary):
    found = statuses(*kinds)["o"]
    assert (found.status, found.summary) == (expected, summary)
    assert [j.indicator.name for j in found.judgements] == [f"{kind} {k}" for k, kind in enumerate(kinds)]


def test_order_of_indicators_does_not_matter():
    assert statuses("worsening", "met")["o"].status == statuses("met", "worsening")["o"].status == "worsening"


def test_a_box_with_no_indicators_has_no_status():
    found = statuses("met")
    assert "a" not in found and list(found) == ["o"]
    assert box_status(from_data(minimal([node("a"), node("b", "intermediate")]))) == {}


def test_the_rule_names_every_status_in_its_order():
    assert set(BOX_ORDER) == set(STATUSES)
    places = [BOX_RULE.index(status) for status in BOX_ORDER]
    assert places == sorted(places)
    assert "no indicators has no status" in BOX_RULE
