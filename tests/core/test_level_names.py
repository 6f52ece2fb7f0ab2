"""A level typed or pasted as a person writes it lands on that level; a name that is no level is quoted back
with the levels to choose from."""

from __future__ import annotations

import pytest
from builder_data import new_forest
from hypothesis import given, settings
from hypothesis import strategies as st

from logicmodel.core.errors import FrameworkError
from logicmodel.core.level_names import LevelNames, level_meaning
from logicmodel.core.models import DEFAULT_LEVELS, Level
from logicmodel.core.readwrite import from_data
from logicmodel.editing.grid import GridChange, apply_boxes
from logicmodel.formats.building import document, known_level, resolve_levels

WRITTEN = {
    "activity": ["Activities", "activities", "Activity", "ACTIVITY", "activity", "  activities "],
    "output": ["Outputs", "output", "Output", "OUTPUTS"],
    "intermediate": [
        "Intermediate outcomes",
        "Intermediate outcome",
        "intermediate outcome",
        "INTERMEDIATE OUTCOMES",
        "Intermediate  outcomes",
        "intermediate-outcomes",
        "intermediate_outcome",
        "intermediate",
        "Intermediate",
    ],
    "strategic": ["Strategic outcomes", "Strategic outcome", "strategic", "STRATEGIC OUTCOME"],
}
"""Ways people write each default level: its label, its id, singular or plural, in any case, its kind's word."""


@pytest.mark.parametrize(("level", "text"), [(level, text) for level, texts in WRITTEN.items() for text in texts])
def test_each_way_of_writing_a_level_finds_it(level: str, text: str):
    assert LevelNames.of(DEFAULT_LEVELS).find(text) == level


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(DEFAULT_LEVELS), st.booleans(), st.data())
def test_a_level_found_whatever_the_case_spacing_and_plural(level: Level, singular: bool, data):
    words = level.label.split()
    if singular:
        words[-1] = words[-1].removesuffix("s").replace("ivitie", "ivity")
    joined = data.draw(st.sampled_from([" ", "  ", "-", "_", " - "])).join(words)
    text = "".join(c.upper() if data.draw(st.booleans()) else c.lower() for c in joined)
    assert LevelNames.of(DEFAULT_LEVELS).find(f" {text} ") == level.id, text


def test_a_kind_names_the_one_level_of_that_kind_and_only_then():
    levels = (
        Level(id="in", label="Resources", kind="input"),
        Level(id="do", label="What we do", kind="activity"),
        Level(id="short", label="Short-term outcomes"),
        Level(id="long", label="Long-term outcomes"),
    )
    names = LevelNames.of(levels)
    assert [names.find(t) for t in ("activities", "activity", "inputs", "short term outcome", "LONG")] == [
        "do",
        "do",
        "in",
        "short",
        "long",
    ]
    assert names.find("outcomes") is None
    assert names.refusal("outcomes") == (
        "'outcomes' could be Short-term outcomes or Long-term outcomes; the levels are Resources, What we do, "
        "Short-term outcomes, Long-term outcomes"
    )


def test_a_pasted_intermediate_outcome_lands_on_intermediate_outcomes():
    fw = apply_boxes(
        new_forest(), GridChange(added=[{"Box": "Steadier on their feet", "Level": "Intermediate outcome"}])
    )
    assert (fw.nodes[-1].label, fw.nodes[-1].level) == ("Steadier on their feet", "intermediate")


def test_a_level_that_is_no_level_is_quoted_with_the_levels_to_choose_from():
    rows = [{"Box": "Swims", "Level": "Intermidiate"}, {"Box": "Walks", "Level": ""}]
    with pytest.raises(FrameworkError) as caught:
        apply_boxes(new_forest(), GridChange(added=rows))
    assert [str(p) for p in caught.value.problems] == [
        "Row 6, Level: no level called 'Intermidiate'; the levels are Activities, Outputs, Intermediate outcomes, "
        "Strategic outcomes",
        "Row 7, Level: say which level; the levels are Activities, Outputs, Intermediate outcomes, Strategic outcomes",
    ]


THEORY_OF_CHANGE_WORDS = [
    ("Resources", "input", 0),
    ("Inputs", "input", 0),
    ("Strategies", "activity", 1),
    ("Interventions", "activity", 1),
    ("Deliverables", "output", 2),
    ("Short term outcomes", "outcome", 3),
    ("Immediate outcomes", "outcome", 3),
    ("Intermediate outcomes", "outcome", 4),
    ("Medium-term outcomes", "outcome", 4),
    ("Outcomes", "outcome", 4),
    ("Results", "outcome", 4),
    ("Purpose", "outcome", 4),
    ("Long-term outcomes", "outcome", 5),
    ("Strategic outcomes", "outcome", 5),
    ("Impacts", "outcome", 6),
    ("Long-term goals", "outcome", 7),
    ("Goal", "outcome", 7),
    ("Overall objective", "outcome", 7),
    ("Mission", "outcome", 8),
    ("Vision", "outcome", 9),
]
"""Level names theory-of-change tools and logframes use, with what each holds and where it comes."""


@pytest.mark.parametrize(("name", "kind", "rank"), THEORY_OF_CHANGE_WORDS)
def test_a_level_name_in_theory_of_change_words_says_what_it_holds_and_where_it_comes(name, kind, rank):
    meaning = level_meaning(name)
    assert meaning is not None and (meaning.kind, meaning.rank) == (kind, rank)


@pytest.mark.parametrize("name", ["Schlüsselfaktor", "Problem", "Activities and outcomes", "Ripples", ""])
def test_a_name_that_says_nothing_known_or_two_things_is_left_to_ask(name):
    assert level_meaning(name) is None and not known_level(name)


@settings(max_examples=60, deadline=None)
@given(st.permutations([name for name, _, _ in THEORY_OF_CHANGE_WORDS if name not in ("Outcomes", "Results")]))
def test_known_level_names_come_in_their_order_whatever_order_a_file_names_them(names):
    levels, _ = resolve_levels(names)
    ranks = [level_meaning(level["label"]).rank for level in levels]
    assert ranks == sorted(ranks)


@settings(max_examples=60, deadline=None)
@given(
    st.integers(min_value=2, max_value=7).flatmap(
        lambda n: st.tuples(
            st.permutations(range(n)),
            st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), min_size=1, max_size=15),
        )
    )
)
def test_levels_whose_names_say_nothing_are_put_where_every_link_runs_forwards(drawn):
    """A map whose own types are listed in any order, every link running forwards in some order of them: after
    the import, every link still runs forwards (no link is lost for "going backwards")."""
    hidden, pairs = drawn
    names = [f"Faktor {chr(65 + i)}" for i in range(len(hidden))]
    listed = [names[i] for i in hidden]  # the file's order: not the links' order
    levels, level_of = resolve_levels(listed)
    nodes = [{"id": f"b{i}", "level": level_of[name], "label": name} for i, name in enumerate(names)]
    links = [{"source": f"b{min(a, b)}", "target": f"b{max(a, b)}"} for a, b in pairs if a != b]
    doc = document("T", levels, nodes, links)
    rank = {level["id"]: i for i, level in enumerate(doc["levels"])}
    at = {node["id"]: rank[node["level"]] for node in nodes}
    assert all(at[link["source"]] < at[link["target"]] for link in links)


@settings(max_examples=80, deadline=None)
@given(
    st.lists(st.sampled_from([name for name, _, _ in THEORY_OF_CHANGE_WORDS]), min_size=1, max_size=6, unique=True),
    st.lists(st.sampled_from(["Problem", "Ripples", "Faktor"]), max_size=2, unique=True),
    st.randoms(use_true_random=False),
)
def test_a_level_whose_name_says_what_it_holds_holds_that_whatever_else_the_file_names(known, own, random):
    """ "Long-term goals" first, or "Outputs" with no activities at all: never taken for activities."""
    names = known + own
    random.shuffle(names)
    levels, level_of = resolve_levels(names)
    nodes = [{"id": f"b{i}", "level": level_of[name], "label": name} for i, name in enumerate(names)]
    fw = from_data(document("T", levels, nodes, []))
    for node in fw.nodes:
        meaning = level_meaning(node.label)
        if meaning is not None:
            assert fw.level_kinds[node.level] == meaning.kind, node.label
