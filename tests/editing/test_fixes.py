"""Where Check sends the user to fix each warning: somewhere the fix can be made."""

import pytest
from factories import link, minimal, node

from logicmodel import from_data
from logicmodel.analysis.checks import check
from logicmodel.editing.fixes import FixPlace, where_to_fix


@pytest.fixture
def fw():
    boxes = [
        node("swim"),
        node("walk"),
        node("mid", "intermediate"),
        node("goal", "strategic"),
        node("lone", "strategic"),
    ]
    return from_data(minimal(boxes, [link("walk", "mid"), link("mid", "goal"), link("walk", "goal")]))


@pytest.mark.parametrize(
    ("code", "nodes", "expected"),
    [
        ("unlinked-node", ("swim",), FixPlace("links", "swim")),
        ("unlinked-node", ("lone",), FixPlace("box", "lone")),  # it needs links into it, not to its neighbour
        ("no-route-to-strategic", ("swim",), FixPlace("links", "swim")),
        ("outcome-without-indicator", ("goal",), FixPlace("box", "goal")),
        ("no-contributing-activity", ("lone",), FixPlace("box", "lone")),
        ("level-skip", ("walk", "goal"), FixPlace("links", "walk", "goal")),
        ("link-strength-unstated", ("mid", "goal"), FixPlace("links", "mid", "goal")),
        ("activity-without-cost", ("walk",), FixPlace("box", "walk")),
        ("strategic-outcome-without-commissioner", ("goal",), FixPlace("box", "goal")),
    ],
)
def test_each_warning_opens_where_it_is_fixed(fw, code, nodes, expected):
    finding = next((f for f in check(fw) if f.code == code and f.nodes == nodes), None)
    assert finding is not None, [f for f in check(fw)]
    assert where_to_fix(fw, finding) == expected


def test_a_box_that_can_lead_nowhere_opens_the_box():
    fw = from_data(minimal([node("swim"), node("goal", "strategic")]))
    finding = next(f for f in check(fw) if f.code == "unlinked-node" and f.nodes == ("goal",))
    assert where_to_fix(fw, finding) == FixPlace("box", "goal")
