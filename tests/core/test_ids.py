"""Ids are made one way: whatever a lead types or a file names, the id is valid, unused and read from the words,
whether a box is added in Build, a row of the box grid, a level, a stakeholder, a merged part or a box imported."""

from __future__ import annotations

import re

from builder_data import new_forest
from hypothesis import given, settings
from hypothesis import strategies as st

from logicmodel.core.ids import Taken, new_id, slug
from logicmodel.core.limits import ID_PATTERN, MAX_ID
from logicmodel.editing import edit
from logicmodel.editing.grid import GridChange, apply_boxes
from logicmodel.editing.merge import merge


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300), st.sets(st.text("abc-2", min_size=1, max_size=8), max_size=20))
def test_any_words_make_a_valid_unused_id(text: str, taken: set[str]) -> None:
    before = set(taken)
    made = new_id(text, taken)
    assert re.fullmatch(ID_PATTERN, made) and len(made) <= MAX_ID
    assert made not in before and taken == before | {made}


def test_ids_are_the_words_and_numbered_when_taken() -> None:
    taken = Taken({"walks"})
    assert [new_id("Walks", taken) for _ in range(3)] == ["walks-2", "walks-3", "walks-4"]
    assert new_id("Café à vélo", taken) == "cafe-a-velo" and new_id("★", taken, "level") == "level"
    assert new_id("x" * 200, set()) == "x" * (MAX_ID - 6)  # room left for a number
    assert slug("Active Enfield: outcomes framework") == "active-enfield-outcomes-framework"


def test_build_the_box_grid_and_a_merge_make_the_same_id_from_the_same_label() -> None:
    fw = new_forest()
    label = "Fewer falls (Over 65s, the whole borough) and far fewer hospital admissions after a fall"
    expected = new_id(label, set(fw.node_by_id))
    assert edit.suggest_id(fw, label) == expected
    after = apply_boxes(fw, GridChange(added=[{"Box": label, "Level": "Strategic outcomes"}]))
    assert after.nodes[-1].id == expected
    theirs = edit.add_node(fw, {"id": "swims", "level": "activity", "label": "Swims"})
    ours = edit.add_node(fw, {"id": "swims", "level": "activity", "label": "Swimming lessons"})
    merged, said = merge(ours, theirs)  # their box whose id is one of mine gets a new one, made the same way
    assert merged.node_by_id["swims-theirs"].label == "Swims" and "'swims-theirs'" in said[0]
    again, _ = merge(merged, edit.add_node(fw, {"id": "swims", "level": "activity", "label": "Swimming club"}))
    assert again.node_by_id["swims-theirs-2"].label == "Swimming club"
