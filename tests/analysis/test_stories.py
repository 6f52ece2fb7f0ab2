"""Stories in the file (the optional ``stories`` field), their errors, edits that keep them right, and the
ready-made stories offered when a framework has none."""

from __future__ import annotations

import json

import jsonschema
import pytest
from factories import link, minimal, node, walking
from hypothesis import given, settings
from hypothesis import strategies as st

from logicmodel import FrameworkError, dumps, from_data, loads
from logicmodel.analysis.step_text import step_lines
from logicmodel.analysis.stories import commissioner_story, outcome_story, ready_made_stories, stories_of
from logicmodel.core.limits import MAX_NOTE
from logicmodel.core.readwrite import reference_dumps
from logicmodel.core.samples import samples
from logicmodel.core.schema import json_schema
from logicmodel.editing.edit import delete_node, delete_node_impact, rename_node, rename_node_impact

FALLS_STORY = {
    "id": "falls",
    "title": "Fewer falls",
    "steps": [
        {"nodes": ["falls"], "title": "The outcome"},
        {"nodes": ["active", "falls"], "note": "Strength and balance work makes the difference."},
        {"nodes": ["walk", "sessions", "advisers"]},
    ],
}


def with_stories(*stories: dict) -> dict:
    return walking(stories=list(stories))


def problems(data: dict) -> list[str]:
    with pytest.raises(FrameworkError) as caught:
        from_data(data)
    return [str(p) for p in caught.value.problems]


def test_a_file_with_a_story_loads_and_keeps_it():
    fw = from_data(with_stories(FALLS_STORY))
    story = fw.stories[0]
    assert (story.id, story.title, len(story.steps)) == ("falls", "Fewer falls", 3)
    assert story.steps[1].nodes == ("active", "falls")
    assert story.steps[1].note.startswith("Strength")
    assert story.steps[2].title is None


def test_a_file_written_before_stories_still_loads_and_formats_the_same():
    text = dumps(from_data(walking()))
    assert '"stories"' not in text
    assert dumps(loads(text)) == text
    assert loads(text).stories == ()


def test_stories_round_trip_through_fmt_last_in_the_file():
    fw = from_data(with_stories(FALLS_STORY))
    text = dumps(fw)
    assert text == reference_dumps(fw)
    assert list(json.loads(text)) == ["schema_version", "meta", "stakeholders", "nodes", "links", "stories"]
    assert loads(text) == fw
    assert dumps(loads(text)) == text


def test_a_step_naming_a_box_that_does_not_exist_says_where():
    story = {**FALLS_STORY, "steps": [*FALLS_STORY["steps"][:2], {"nodes": ["falls-clinic"]}]}
    assert problems(with_stories(story)) == ["stories[0].steps[2].nodes[0]: no box 'falls-clinic'"]


def test_a_repeated_story_id_is_an_error():
    assert problems(with_stories(FALLS_STORY, {**FALLS_STORY, "title": "Again"})) == [
        "stories[1].id: duplicate story id 'falls'"
    ]


@pytest.mark.parametrize(
    ("story", "message"),
    [
        ({**FALLS_STORY, "steps": []}, "stories[0].steps: should not be empty"),
        ({**FALLS_STORY, "steps": [{"nodes": []}]}, "stories[0].steps[0].nodes: should not be empty"),
        ({**FALLS_STORY, "title": ""}, "stories[0].title: should not be empty"),
        ({**FALLS_STORY, "steps": [{"nodes": ["falls"], "colour": "red"}]}, "stories[0].steps[0].colour: unknown"),
        ({**FALLS_STORY, "steps": [{"nodes": ["falls"], "note": "x" * (MAX_NOTE + 1)}]}, "stories[0].steps[0].note"),
    ],
)
def test_a_wrong_story_is_refused_with_its_place(story, message):
    found = problems(with_stories(story))
    assert any(p.startswith(message) for p in found), found


def test_a_note_of_the_longest_length_is_kept():
    story = {**FALLS_STORY, "steps": [{"nodes": ["falls"], "note": "n" * MAX_NOTE}]}
    assert len(from_data(with_stories(story)).stories[0].steps[0].note) == MAX_NOTE


def test_the_schema_says_what_the_reader_says_about_stories():
    validator = jsonschema.Draft202012Validator(json_schema())
    validator.validate(json.loads(dumps(from_data(with_stories(FALLS_STORY)))))
    assert not validator.is_valid(with_stories({**FALLS_STORY, "steps": []}))
    assert not validator.is_valid(with_stories({**FALLS_STORY, "steps": [{"nodes": []}]}))
    assert not validator.is_valid(with_stories({**FALLS_STORY, "extra": 1}))


def test_deleting_a_box_takes_it_out_of_stories_and_says_so_first():
    fw = from_data(with_stories(FALLS_STORY, {"id": "only", "title": "Only falls", "steps": [{"nodes": ["falls"]}]}))
    impact = delete_node_impact(fw, "falls")
    assert "'Fewer falls', which loses 1 step" in impact
    assert "'Only falls', which is deleted" in impact
    after = delete_node(fw, "falls")
    assert [s.id for s in after.stories] == ["falls"]
    assert [step.nodes for step in after.stories[0].steps] == [("active",), ("walk", "sessions", "advisers")]


def test_deleting_a_box_no_story_shows_leaves_stories_alone():
    fw = from_data(with_stories(FALLS_STORY))
    assert "story" not in delete_node_impact(fw, "referrals")
    assert delete_node(fw, "referrals").stories == fw.stories


def test_renaming_a_box_rewrites_the_stories_that_use_it():
    fw = from_data(with_stories(FALLS_STORY))
    assert "and 1 story" in rename_node_impact(fw, "falls", "fewer-falls")
    after = rename_node(fw, "falls", "fewer-falls")
    assert after.stories[0].steps[0].nodes == ("fewer-falls",)
    assert after.stories[0].steps[1].nodes == ("active", "fewer-falls")


def test_other_edits_keep_the_stories():
    from logicmodel.editing.edit import update_meta

    fw = from_data(with_stories(FALLS_STORY))
    assert update_meta(fw, title="New title").stories == fw.stories


# --- ready-made stories -----------------------------------------------------------------------


def test_an_outcome_story_walks_back_level_by_level_to_the_activities():
    fw = from_data(walking())
    story = outcome_story(fw, "falls")
    assert story.title == "Fewer falls"
    assert [step.nodes for step in story.steps] == [
        ("falls",),
        ("active", "falls"),
        ("sessions", "active", "referrals"),
        ("walk", "sessions", "advisers", "referrals"),
    ]
    assert story.steps[2].title == "What leads to it: Outputs"
    assert "5 boxes lead to it, starting from 2 activities" in story.steps[0].note


def test_a_level_too_big_for_one_screen_is_cut_into_steps_with_their_links():
    activities = [node(f"a{k}") for k in range(7)]
    data = minimal([*activities, node("goal", "strategic", label="Goal")], [link(f"a{k}", "goal") for k in range(7)])
    story = outcome_story(from_data(data), "goal", fits=lambda ids: len(ids) <= 3)
    cut = story.steps[1:]
    assert [step.title for step in cut] == [f"What leads to it: Activities ({i} of 4)" for i in range(1, 5)]
    assert all("goal" in step.nodes and len(step.nodes) <= 3 for step in cut)
    assert sorted(n for step in cut for n in step.nodes if n != "goal") == [f"a{k}" for k in range(7)]


def test_a_box_joins_a_step_only_while_the_side_panel_holds_what_the_step_says():
    """Issue 27, finding 2: what a step's boxes say moves on to the next step rather than off the panel; a box
    alone still makes a step with the box it leads to (its links show), however much it says."""
    wordy = [node(f"a{k}", indicators=[{"name": "Sessions a week " * (8 if k == 1 else 1)}]) for k in range(4)]
    data = minimal([*wordy, node("goal", "strategic", label="Goal")], [link(f"a{k}", "goal") for k in range(4)])
    fw = from_data(data)
    said: list[tuple[tuple[str, ...], frozenset[str]]] = []

    def tells(ids, told):  # a panel that holds two boxes' words, where box a1 alone says too much
        said.append((tuple(ids), told))
        return step_lines(fw, ids, told) <= step_lines(fw, ["a0", "a2", "goal"], frozenset({"goal"}))

    story = outcome_story(fw, "goal", tells=tells)
    assert [sorted(step.nodes) for step in story.steps[1:]] == [["a0", "goal"], ["a1", "goal"], ["a2", "a3", "goal"]]
    assert all(told == frozenset({"goal"}) for _ids, told in said), "the outcome is told by the first step"
    assert sorted(outcome_story(fw, "goal").steps[1].nodes) == ["a0", "a1", "a2", "a3", "goal"], "no limit by default"


def test_an_outcome_nothing_leads_to_is_one_step():
    fw = from_data(minimal([node("goal", "strategic")]))
    story = outcome_story(fw, "goal")
    assert [step.nodes for step in story.steps] == [("goal",)]
    assert "Nothing in the framework leads to it" in story.steps[0].note


def test_a_commissioner_story_walks_forward_from_its_boxes():
    fw = from_data(walking())
    story = commissioner_story(fw, "ph")
    assert story.title == "What Public Health commissions, and what it leads to"
    assert [step.nodes for step in story.steps] == [("active",), ("falls", "active")]
    assert commissioner_story(from_data(walking(nodes=[node("x")], links=[])), "ph") is None


def test_ready_made_stories_one_per_strategic_outcome_then_per_commissioner():
    fw = from_data(walking())
    assert [s.id for s in ready_made_stories(fw)] == ["outcome-falls", "commissioner-ph", "commissioner-asc"]
    assert [s.id for s in stories_of(fw)] == [s.id for s in ready_made_stories(fw)]
    own = from_data(with_stories(FALLS_STORY))
    assert [s.id for s in stories_of(own)] == ["falls"]


def test_a_ready_made_story_saved_into_the_file_is_an_ordinary_story():
    fw = from_data(walking())
    story = ready_made_stories(fw)[0]
    saved = from_data(walking(stories=[story.model_dump(mode="json", exclude_defaults=True)]))
    assert saved.stories[0] == story
    assert loads(dumps(saved)) == saved


@pytest.mark.parametrize("sample", samples(), ids=lambda s: s.name)
def test_every_samples_ready_made_stories_are_valid_in_its_file(sample):
    fw = sample.load()
    stories = ready_made_stories(fw)
    assert len(stories) >= len([n for n in fw.nodes if n.level == fw.levels[-1].id])
    data = json.loads(dumps(fw))
    data["stories"] = [s.model_dump(mode="json", exclude_defaults=True) for s in stories]
    assert from_data(data).stories == tuple(stories)


@settings(max_examples=25, deadline=None)
@given(n=st.integers(min_value=4, max_value=120), seed=st.integers(0, 10_000), most=st.integers(2, 8))
def test_ready_made_steps_fit_and_together_show_every_box_on_the_way(n, seed, most):
    from logicmodel.core.graph import reaching
    from logicmodel.core.synthetic import synthetic_data

    fw = from_data(synthetic_data(n, seed=seed))
    for story in ready_made_stories(fw, fits=lambda ids, most=most: len(ids) <= most):
        assert all(len(step.nodes) <= most for step in story.steps)
        if story.id.startswith("outcome-"):
            goal = story.steps[0].nodes[0]
            shown = {box for step in story.steps for box in step.nodes}
            assert shown == reaching(fw, [goal])


@settings(max_examples=30, deadline=None)
@given(
    n=st.integers(min_value=1, max_value=40),
    seed=st.integers(0, 10_000),
    picks=st.lists(
        st.lists(st.lists(st.integers(0, 10_000), min_size=1, max_size=4), min_size=1, max_size=5),
        max_size=4,
    ),
    words=st.text(max_size=60),
)
def test_any_stories_round_trip_through_fmt_and_satisfy_the_schema(n, seed, picks, words):
    from logicmodel.core.synthetic import synthetic_data

    data = synthetic_data(n, seed=seed)
    ids = [node["id"] for node in data["nodes"]]
    clean = "".join(ch for ch in words if ch.isprintable()) or "Story"
    data["stories"] = [
        {
            "id": f"s{i}",
            "title": clean if clean.strip() else "Story",
            "steps": [{"nodes": [ids[k % len(ids)] for k in step], "note": clean} for step in story],
        }
        for i, story in enumerate(picks)
    ]
    fw = from_data(data)
    text = dumps(fw)
    assert loads(text) == fw and dumps(loads(text)) == text == reference_dumps(fw)
    jsonschema.Draft202012Validator(json_schema()).validate(json.loads(text))
