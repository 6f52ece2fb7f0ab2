"""Cross-framework rules: each error the format lists refuses the file and says where."""

import pytest
from factories import link, minimal, node, walking

from logicmodel import FrameworkError, from_data


def problems(data):
    with pytest.raises(FrameworkError) as caught:
        from_data(data)
    return [(p.path, p.message) for p in caught.value.problems]


def test_valid_framework_has_no_problems():
    assert from_data(walking()).meta.title == "Active Ageing, New Forest"


@pytest.mark.parametrize(
    ("nodes", "links", "expected"),
    [
        pytest.param(
            [node("a"), node("a", "strategic")], [], [("nodes[1].id", "duplicate box id 'a'")], id="duplicate-node"
        ),
        pytest.param(
            [node("a")], [link("a", "zz")], [("links[0].target", "no box has the id 'zz'")], id="missing-target"
        ),
        pytest.param(
            [node("a")],
            [link("yy", "zz")],
            [("links[0].source", "no box has the id 'yy'"), ("links[0].target", "no box has the id 'zz'")],
            id="missing-both",
        ),
        pytest.param([node("a")], [link("a", "a")], [("links[0]", "'a' links to itself")], id="self-link"),
        pytest.param(
            [node("a"), node("b", "strategic")],
            [link("a", "b"), link("a", "b")],
            [("links[1]", "duplicate link from 'a' to 'b'")],
            id="duplicate-link",
        ),
        pytest.param(
            [node("o", "intermediate"), node("a")],
            [link("o", "a")],
            [
                (
                    "links[0]",
                    "goes backwards: 'a' (Activities) comes before 'o' (Intermediate outcomes); "
                    "links run from earlier levels to later ones",
                )
            ],
            id="backward-link",
        ),
        pytest.param(
            [node("x", "intermediate"), node("y", "intermediate"), node("z", "intermediate")],
            [link("x", "y"), link("y", "z"), link("z", "x")],
            [("links[2]", "makes a loop: 'x' → 'y' → 'z' → 'x'")],
            id="loop-inside-a-level",
        ),
        pytest.param(
            [node("a", "outcome")],
            [],
            [("nodes[0].level", "unknown level 'outcome' (levels: activity, output, intermediate, strategic)")],
            id="unknown-level",
        ),
        pytest.param(
            [node("a", stakeholders=["ph"])],
            [],
            [("nodes[0].stakeholders[0]", "unknown stakeholder 'ph' (stakeholders: none declared)")],
            id="unknown-stakeholder",
        ),
        pytest.param(
            [node("a", "strategic", valuation={"quantity": 10, "beneficiary": "nhs"})],
            [],
            [
                (
                    "nodes[0].valuation.beneficiary",
                    "unknown stakeholder 'nhs' as beneficiary (stakeholders: none declared)",
                )
            ],
            id="unknown-beneficiary",
        ),
    ],
)
def test_each_rule(nodes, links, expected):
    assert problems(minimal(nodes, links)) == expected


def test_chain_inside_a_level_is_allowed():
    fw = from_data(minimal([node("x", "intermediate"), node("y", "intermediate")], [link("x", "y")]))
    assert fw.link_pairs == [("x", "y")]


def test_duplicate_level_and_stakeholder_ids():
    data = minimal(
        levels=[{"id": "a", "label": "A"}, {"id": "a", "label": "B"}],
        stakeholders=[{"id": "s", "name": "S", "role": "partner"}, {"id": "s", "name": "T", "role": "funder"}],
    )
    assert problems(data) == [
        ("levels[1].id", "duplicate level id 'a'"),
        ("stakeholders[1].id", "duplicate stakeholder id 's'"),
    ]


def test_every_problem_is_reported_at_once():
    data = minimal([node("a"), node("a"), node("b", "nowhere")], [link("a", "zz"), link("a", "a")])
    assert len(problems(data)) == 4


def test_error_list_is_capped_with_a_count():
    data = minimal([node("a")], [link("a", f"missing-{i}") for i in range(80)])
    found = problems(data)
    assert len(found) == 51
    assert found[-1] == ("", "... and 30 more problems")


def rule_problems(nodes, links):
    with pytest.raises(FrameworkError) as caught:
        from_data(minimal(nodes, links))
    return caught.value.problems


def test_a_problem_carries_its_boxes_and_link_as_data_and_names_them_by_label_for_the_screen():
    (backwards,) = rule_problems([node("o", "intermediate", label="More active"), node("a", label="Walks")],
                                 [link("o", "a")])  # fmt: skip
    assert backwards.nodes == ("o", "a") and backwards.links == (("o", "a"),)
    assert backwards.message.startswith("goes backwards: 'a' (Activities) comes before 'o'")
    assert backwards.words().startswith("goes backwards: 'Walks' (Activities) comes before 'More active'")
    (loop,) = rule_problems(
        [node("x", "intermediate", label="X"), node("y", "intermediate", label="Y")], [link("x", "y"), link("y", "x")]
    )
    assert set(loop.nodes) == {"x", "y"}
    assert loop.words() in ("makes a loop: 'X' → 'Y' → 'X'", "makes a loop: 'Y' → 'X' → 'Y'")


def test_a_problem_at_a_box_or_a_missing_end_says_which():
    (level,) = rule_problems([node("a", "nowhere", label="Walks")], [])
    assert level.nodes == ("a",) and level.where.kind == "box" and level.where.field == "level"
    (missing,) = rule_problems([node("a")], [link("a", "zz")])
    assert missing.nodes == ("a", "zz") and missing.links == (("a", "zz"),) and missing.where.field == "target"
