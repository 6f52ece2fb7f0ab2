"""Builder edits: each returns a new checked framework, or refuses with the reason and leaves the old one as it was."""

import pytest
from builder_data import new_forest_data
from factories import link, minimal, node

from logicmodel import FrameworkError, dumps, from_data
from logicmodel.core.wording import problem_lines
from logicmodel.editing import edit as e


@pytest.fixture
def fw():
    return from_data(new_forest_data())


def refused(edit, *args, **kwargs) -> str:
    """Why the edit was refused, as the screen says it (boxes named by label)."""
    with pytest.raises(FrameworkError) as caught:
        edit(*args, **kwargs)
    return "; ".join(problem_lines(caught.value.found, caught.value.hidden))


def refusal(edit, *args, **kwargs):
    with pytest.raises(FrameworkError) as caught:
        edit(*args, **kwargs)
    (problem,) = caught.value.problems
    return problem


def test_new_framework_is_blank_with_default_levels():
    fw = e.new_framework("Active Swindon", "Swindon Borough Council")
    assert (fw.meta.title, fw.meta.organisation) == ("Active Swindon", "Swindon Borough Council")
    assert not fw.nodes and not fw.links
    assert fw.level_ids == ["activity", "output", "intermediate", "strategic"]


def test_new_framework_refuses_blank_title():
    assert "should not be empty" in refused(e.new_framework, "")


def test_add_node_returns_new_framework_and_keeps_old(fw):
    before = dumps(fw)
    after = e.add_node(fw, node("swim", label="Free swimming"))
    assert after.node_by_id["swim"].label == "Free swimming"
    assert dumps(fw) == before


@pytest.mark.parametrize(
    ("new", "reason"),
    [
        pytest.param(node("walk"), "a box with the id 'walk' already exists", id="duplicate-id"),
        pytest.param(node("x", "outcome"), "no level has the id 'outcome'", id="unknown-level"),
        pytest.param(node("x", label="   "), "label: should not be blank", id="blank-label"),
        pytest.param(node("x", stakeholders=["nhs"]), "unknown stakeholder 'nhs'", id="unknown-stakeholder"),
        pytest.param(node("bad id"), "id: should be 1 to 64 letters", id="bad-id"),
    ],
)
def test_add_node_refused_with_reason(fw, new, reason):
    assert reason in refused(e.add_node, fw, new)


def test_update_node_changes_fields(fw):
    after = e.update_node(fw, "walk", label="Health walks for carers", reach=120, cohorts=["carers"])
    changed = after.node_by_id["walk"]
    assert (changed.label, changed.reach, list(changed.cohorts)) == ("Health walks for carers", 120, ["carers"])
    assert after.link_pairs == fw.link_pairs


def test_update_node_level_that_makes_a_link_run_backwards_is_refused(fw):
    reason = refused(e.update_node, fw, "falls", level="activity")
    assert "goes backwards" in reason and "'Fewer falls'" in reason


def test_update_node_cannot_change_id(fw):
    assert "rename_node" in refused(e.update_node, fw, "walk", id="walking")


def test_update_unknown_node_is_refused(fw):
    assert "no box has the id 'nope'" in refused(e.update_node, fw, "nope", label="x")


def test_delete_node_removes_its_links(fw):
    after = e.delete_node(fw, "active")
    assert "active" not in after.node_by_id
    assert after.link_pairs == [("walk", "sessions")]


def test_delete_node_impact_names_the_links(fw):
    assert e.delete_node_impact(fw, "active") == (
        "Deleting 'More older people active' also removes 3 links: "
        "'Weekly walks delivered' → 'More older people active'; "
        "'Active lifestyles advisers in GP surgeries' → 'More older people active'; "
        "'More older people active' → 'Fewer falls'."
    )


def test_delete_node_impact_of_unlinked_node():
    fw = from_data(minimal([node("a")]))
    assert e.delete_node_impact(fw, "a") == "Deleting 'A' removes no links: it has none."


def test_rename_node_rewrites_links(fw):
    after = e.rename_node(fw, "active", "more-active")
    assert "active" not in after.node_by_id
    assert ("sessions", "more-active") in after.link_pairs and ("more-active", "falls") in after.link_pairs
    assert e.rename_node_impact(fw, "active", "more-active") == (
        "Changing the id 'active' to 'more-active' rewrites 3 links that use it."
    )


@pytest.mark.parametrize(
    ("new_id", "reason"), [("walk", "already exists"), ("not valid!", "should be 1 to 64 letters")]
)
def test_rename_node_refused(fw, new_id, reason):
    assert reason in refused(e.rename_node, fw, "active", new_id)


def test_allowed_targets_follow_the_rules(fw):
    # not itself, not sessions (already linked); another activity at the same level is allowed
    assert e.allowed_targets(fw, "walk") == ["advisers", "active", "falls"]
    assert "walk" not in e.allowed_targets(fw, "sessions")  # an earlier level
    assert e.allowed_targets(fw, "falls") == []


def test_allowed_targets_exclude_loops_inside_a_level():
    fw = from_data(
        minimal(
            [node("a", "intermediate"), node("b", "intermediate"), node("c", "intermediate")],
            [link("a", "b"), link("b", "c")],
        )
    )
    assert e.allowed_targets(fw, "c") == []  # c -> a or c -> b would close a loop
    assert e.allowed_targets(fw, "a") == ["c"]


def test_unavailable_targets_say_why():
    fw = from_data(
        minimal([node("a"), node("b", "intermediate"), node("c", "intermediate")], [link("a", "b"), link("b", "c")])
    )
    assert e.unavailable_targets(fw, "c") == [
        ("a", "it is at an earlier level (Activities): links run from earlier levels to later ones"),
        ("b", "it already leads to 'C', so the link would make a loop"),
        ("c", "it is the box itself"),
    ]
    assert e.unavailable_targets(fw, "a") == [("a", "it is the box itself"), ("b", "the link already exists")]


@pytest.mark.parametrize(
    ("new", "reason"),
    [
        pytest.param(link("walk", "walk"), "'Health walks' cannot lead to itself", id="self"),
        pytest.param(link("walk", "sessions"), "already exists", id="duplicate"),
        pytest.param(link("falls", "walk"), "links run from earlier levels to later ones", id="backward"),
        pytest.param(link("walk", "nope"), "no box has the id 'nope'", id="unknown"),
        pytest.param(link("walk", "falls", strength="certain"), "strength: should be", id="bad-strength"),
    ],
)
def test_add_link_refused_with_reason(fw, new, reason):
    assert reason in refused(e.add_link, fw, new)


def test_add_link_that_makes_a_loop_is_refused_naming_the_loop():
    fw = from_data(minimal([node("a", "intermediate"), node("b", "intermediate")], [link("a", "b")]))
    assert refused(e.add_link, fw, link("b", "a")) == "the link 'B' → 'A' would make a loop: 'B' → 'A' → 'B'"


def test_add_every_allowed_target_succeeds(fw):
    for target in e.allowed_targets(fw, "walk"):
        assert (("walk", target)) in e.add_link(fw, link("walk", target)).link_pairs


def test_update_link_changes_rationale_and_strength(fw):
    after = e.update_link(fw, "sessions", "active", rationale="Regular walks", strength="moderate")
    changed = after.links[1]
    assert (changed.rationale, changed.strength) == ("Regular walks", "moderate")


def test_update_link_cannot_move_its_ends(fw):
    assert "delete it and add a new one" in refused(e.update_link, fw, "walk", "sessions", target="active")


def test_delete_link(fw):
    assert ("walk", "sessions") not in e.delete_link(fw, "walk", "sessions").link_pairs
    assert "there is no link" in refused(e.delete_link, fw, "walk", "falls")


def test_update_meta(fw):
    after = e.update_meta(fw, title="Active Ageing", area="New Forest")
    assert (after.meta.title, after.meta.area) == ("Active Ageing", "New Forest")
    assert "title: should not be empty" in refused(e.update_meta, fw, title="")


def test_levels_add_update_move_delete(fw):
    after = e.add_level(fw, {"id": "inputs", "label": "Inputs", "kind": "input"}, position=0)
    assert after.level_ids[0] == "inputs"
    after = e.update_level(after, "inputs", label="Resources")
    assert after.levels[0].label == "Resources"
    after = e.move_level(after, "inputs", 4)
    assert after.level_ids[-1] == "inputs"
    assert e.delete_level(after, "inputs").level_ids == fw.level_ids


def test_move_level_that_reverses_links_is_refused(fw):
    assert "goes backwards" in refused(e.move_level, fw, "strategic", 0)


def test_delete_level_with_boxes_is_refused(fw):
    assert "1 box is at this level" in refused(e.delete_level, fw, "strategic")
    assert e.delete_level_impact(fw, "strategic") == (
        "'Strategic outcomes' holds 1 box: move or delete them before deleting the level."
    )


def test_stakeholders_add_update_delete(fw):
    after = e.add_stakeholder(fw, {"id": "csp", "name": "Active Partnership", "role": "partner"})
    after = e.update_stakeholder(after, "csp", role="provider")
    assert after.stakeholders[-1].role == "provider"
    assert "already exists" in refused(e.add_stakeholder, after, {"id": "ph", "name": "X", "role": "funder"})
    assert e.delete_stakeholder_impact(fw, "ph") == (
        "Deleting 'Public Health' also takes it off 1 box: 'More older people active'."
    )
    removed = e.delete_stakeholder(fw, "ph")
    assert not removed.node_by_id["active"].stakeholders


def test_suggest_id_is_unique_and_valid(fw):
    assert e.suggest_id(fw, "Health walks!") == "health-walks"
    assert e.suggest_id(fw, "Walk") == "walk-2"
    assert e.suggest_id(fw, "★★★") == "box"
    assert e.suggest_id(fw, "Walk", taken=["walk-2"]) == "walk-3"


def test_impacts_count_several_boxes_in_plain_english(fw):
    many = e.add_node(fw, {"id": "extra", "level": "strategic", "label": "Fewer falls", "stakeholders": ["ph"]})
    assert "takes it off 2 boxes:" in e.delete_stakeholder_impact(many, "ph")
    assert "holds 2 boxes:" in e.delete_level_impact(many, "strategic")


def test_a_refused_edit_names_boxes_by_label_not_id(fw):
    # Moving the activity to the last level would make its link run backwards
    reason = refused(e.update_node, fw, "walk", level="strategic")
    assert "goes backwards" in reason
    for box in fw.nodes:
        assert f"'{box.id}'" not in reason or box.id == box.label


def test_a_refusal_carries_its_boxes_and_link_as_data(fw):
    fw2 = e.add_link(e.add_node(fw, node("fit", "intermediate", label="Fitter")), link("active", "fit"))
    loop = refusal(e.add_link, fw2, link("fit", "active"))
    assert loop.nodes == ("fit", "active") and loop.links == (("fit", "active"),)
    assert "'fit'" in loop.message and "'Fitter'" not in loop.message  # the file's terms, for scripts
    assert "'Fitter'" in loop.words() and "'fit'" not in loop.words()  # the user's, for the screen
    backwards = refusal(e.update_node, fw, "falls", level="activity")
    assert set(backwards.nodes) == set(backwards.links[0]) and "falls" in backwards.nodes
    missing = refusal(e.update_node, fw, "nope", label="x")
    assert missing.nodes == ("nope",)
