"""A level typed or pasted as a person writes it lands on that level; a name that is no level is quoted back
with the levels to choose from."""

from __future__ import annotations

import pytest
from builder_data import new_forest
from hypothesis import given, settings
from hypothesis import strategies as st

from logicmodel.errors import FrameworkError
from logicmodel.grid import GridChange, apply_boxes
from logicmodel.level_names import LevelNames
from logicmodel.models import DEFAULT_LEVELS, Level

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
