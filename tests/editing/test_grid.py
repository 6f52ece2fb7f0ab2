"""The box and link grids: a batch of rows applies whole or not at all, each problem at its row and column."""

from __future__ import annotations

import pytest
from builder_data import new_forest
from hypothesis import given, settings
from hypothesis import strategies as st

from logicmodel.core.errors import FrameworkError
from logicmodel.core.rules import find_problems
from logicmodel.editing.grid import (
    BOX_COLUMNS,
    GridChange,
    apply_boxes,
    apply_links,
    as_pasted,
    box_rows,
    level_pair,
    link_level_pair,
    link_rows,
    link_to,
    what_changed,
)


def problems(call, *args) -> list[str]:
    with pytest.raises(FrameworkError) as caught:
        call(*args)
    return [str(p) for p in caught.value.problems]


def test_rows_show_boxes_and_links_by_their_labels():
    fw = new_forest()
    assert box_rows(fw)[4] == {
        "Box": "Fewer falls",
        "Level": "Strategic outcomes",
        "Description": "",
        "Stakeholders": "Adult Social Care",
        "Id": "falls",
    }
    assert link_rows(fw)[3]["From"] == "More older people active" and link_rows(fw)[3]["Leads to"] == "Fewer falls"
    assert link_rows(fw)[3]["Assumptions"] == "Activity includes strength and balance"


def test_pasted_rows_become_boxes_with_levels_and_stakeholders_by_name():
    pasted = [
        {"Box": "Chair-based exercise", "Level": "activities", "Stakeholders": "public health; Adult Social Care"},
        {"Box": "Classes delivered", "Level": "Outputs", "Description": "Weekly, in 12 care homes"},
        {"Box": "Fewer falls", "Level": "strategic"},  # a label already used: a new id
    ]
    fw = apply_boxes(new_forest(), GridChange(added=pasted))
    added = fw.nodes[-3:]
    assert [(n.id, n.level) for n in added] == [
        ("chair-based-exercise", "activity"),
        ("classes-delivered", "output"),
        ("fewer-falls", "strategic"),
    ]
    assert added[0].stakeholders == ("ph", "asc") and added[1].description == "Weekly, in 12 care homes"
    assert not find_problems(fw)


def test_mistakes_point_at_their_row_and_column_and_nothing_is_applied():
    fw = new_forest()
    pasted = [
        {"Box": "Chair-based exercise", "Level": "Activities"},
        {"Box": "", "Level": "Outputs"},
        {"Box": "Classes", "Level": "Outcomes"},
        {"Box": "Yoga", "Level": "Activities", "Stakeholders": "Public Health; NHS"},
    ]
    found = problems(apply_boxes, fw, GridChange(added=pasted))
    assert found == [
        "Row 7, Box: give the box a label",
        "Row 8, Level: 'Outcomes' could be Intermediate outcomes or Strategic outcomes; the levels are Activities, "
        "Outputs, Intermediate outcomes, Strategic outcomes",
        "Row 9, Stakeholders: no stakeholder called 'NHS'; the stakeholders are Public Health, Adult Social Care",
    ]
    assert len(fw.nodes) == 5  # the framework given is untouched


def test_rows_are_numbered_as_the_grid_shows_them_after_a_deletion():
    found = problems(apply_boxes, new_forest(), GridChange(deleted=[0], added=[{"Box": "Swims", "Level": "x"}]))
    assert found[0].startswith("Row 5, Level: no level called 'x'")


def test_a_level_change_that_turns_a_link_backwards_is_refused_at_the_level_cell():
    found = problems(apply_boxes, new_forest(), GridChange(edited={4: {"Level": "Activities"}}))
    assert found == [
        "Row 5, Level: 'More older people active' leads to 'Fewer falls', so 'Fewer falls' cannot come before it"
    ]


def test_changing_and_deleting_rows():
    fw = apply_boxes(new_forest(), GridChange(edited={0: {"Box": "Health walks for carers"}}, deleted=[1]))
    assert fw.node_by_id["walk"].label == "Health walks for carers" and "advisers" not in fw.node_by_id
    assert ("advisers", "active") not in fw.link_pairs  # its links go with it


def test_pasted_links_by_label():
    fw = apply_boxes(new_forest(), GridChange(added=[{"Box": "Chair-based exercise", "Level": "Activities"}]))
    fw = apply_links(
        fw, GridChange(added=[{"From": "chair-based exercise", "Leads to": "Fewer falls", "Strength": "Weak"}])
    )
    assert fw.links[-1].source == "chair-based-exercise" and fw.links[-1].strength == "weak"


def test_link_mistakes_name_row_and_column_in_the_leads_words():
    fw = new_forest()
    rows = [
        {"From": "Health walks", "Leads to": "Fewer fals"},
        {"From": "Fewer falls", "Leads to": "Health walks"},
        {"From": "Health walks", "Leads to": "Weekly walks delivered"},
        {"From": "Health walks", "Leads to": "Health walks"},
        {"From": "Health walks", "Leads to": "More older people active", "Strength": "very"},
    ]
    assert problems(apply_links, fw, GridChange(added=rows)) == [
        "Row 5, Leads to: no box called 'Fewer fals'",
        "Row 9, Strength: say strong, moderate, weak, unknown, not 'very'",
        "Row 6, Leads to: 'Health walks' (Activities) comes before 'Fewer falls' (Strategic outcomes): links run "
        "from earlier levels to later ones",
        "Row 7, Leads to: 'Health walks' → 'Weekly walks delivered' is already row 1",
        "Row 8, Leads to: 'Health walks' cannot lead to itself",
    ]


def test_a_loop_is_refused_at_a_row_of_the_batch():
    from factories import link, minimal, node

    from logicmodel import from_data

    fw = from_data(minimal([node("a", "intermediate"), node("b", "intermediate")], [link("a", "b")]))
    found = problems(apply_links, fw, GridChange(added=[{"From": "B", "Leads to": "A"}]))
    assert found == ["Row 2, Leads to: the links would make a loop: 'A' → 'B' → 'A'"]


def test_link_to_ticks_adds_and_removes_in_one_step():
    fw = new_forest()
    fw = link_to(fw, "sessions", ["falls"])
    assert [p for p in fw.link_pairs if p[0] == "sessions"] == [("sessions", "falls")]
    with pytest.raises(FrameworkError):
        link_to(fw, "falls", ["walk"])


def test_a_blank_row_the_grid_adds_is_no_change():
    assert not GridChange(added=[{"Box": None, "Level": None}]) and GridChange(added=[{"Box": "Swims"}])
    assert not GridChange.from_editor({"edited_rows": {}, "added_rows": [{}], "deleted_rows": []})


def test_what_changed_says_it_in_a_few_words():
    assert what_changed(GridChange(deleted=[1, 2]), "box", "boxes") == "Grid: 2 boxes deleted."


LABELS = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=20)
LEVELS = st.sampled_from(["Activities", "outputs", "strategic", "Nowhere", ""])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.fixed_dictionaries({"Box": LABELS, "Level": LEVELS}), max_size=8), st.lists(st.integers(0, 4)))
def test_a_batch_applies_whole_and_valid_or_not_at_all(rows, deleted):
    fw = new_forest()
    try:
        new = apply_boxes(fw, GridChange(added=rows, deleted=sorted(set(deleted))))
    except FrameworkError as err:
        assert all(p.path.startswith("Row ") or not p.path for p in err.problems)
        assert len(fw.nodes) == 5
        return
    assert not find_problems(new)
    wanted = [r for r in rows if r["Box"].strip() or r["Level"]]
    assert len(new.nodes) == 5 - len(set(deleted)) + len(wanted)


def test_a_batch_keeps_the_stories_and_a_deleted_box_leaves_them():
    from logicmodel.editing.edit import save_story

    story = {"id": "falls", "title": "Fewer falls", "steps": [{"nodes": ["walk", "falls"]}, {"nodes": ["advisers"]}]}
    fw = save_story(new_forest(), story)
    assert apply_links(fw, GridChange(edited={0: {"Strength": "weak"}})).stories == fw.stories
    assert link_to(fw, "sessions", ["active"]).stories == fw.stories
    [kept] = apply_boxes(fw, GridChange(deleted=[1])).stories  # 'advisers' goes: its step goes with it
    assert [step.nodes for step in kept.steps] == [("walk", "falls")]


def test_a_level_pair_is_the_boxes_of_one_level_against_the_next_with_its_links_ticked():
    pair = level_pair(new_forest(), "activity", "intermediate")
    assert pair.rows == ("walk", "advisers") and pair.columns == ("active",)
    assert pair.linked == {("advisers", "active")} and not pair.refused


def test_ticks_between_two_levels_apply_as_one_batch_and_keep_what_links_they_keep_say():
    fw = new_forest()
    fw = link_level_pair(fw, "intermediate", "strategic", [("active", "falls")])
    assert fw == new_forest()  # ticks as they were: nothing changes
    fw = link_level_pair(fw, "activity", "output", [("advisers", "sessions")])
    assert ("walk", "sessions") not in fw.link_pairs and ("advisers", "sessions") in fw.link_pairs
    assert ("advisers", "active") in fw.link_pairs  # a link to another level is not this grid's
    fw = link_level_pair(new_forest(), "intermediate", "strategic", [("active", "falls")])
    assert fw.links[3].assumptions == ("Activity includes strength and balance",)


def test_ticks_the_rules_refuse_name_their_row_and_column_and_change_nothing():
    from factories import link, minimal, node

    from logicmodel import from_data

    fw = from_data(minimal([node("a", "intermediate"), node("b", "intermediate")], [link("a", "b")]))
    pair = level_pair(fw, "intermediate", "intermediate")
    assert pair.refused == {
        ("a", "a"): "it is the box itself",
        ("b", "a"): "it already leads to 'B', so the link would make a loop",
        ("b", "b"): "it is the box itself",
    }
    assert problems(link_level_pair, fw, "intermediate", "intermediate", [("a", "b"), ("b", "a")]) == [
        "Row 'B', column 'A': it already leads to 'B', so the link would make a loop"
    ]
    assert problems(link_level_pair, new_forest(), "activity", "output", [("walk", "falls")]) == [
        "Row 'Health walks', column 'Fewer falls': 'Fewer falls' is not at Outputs"
    ]
    assert problems(level_pair, new_forest(), "strategic", "activity") == [
        "Activities comes before Strategic outcomes: links run from earlier levels to later ones"
    ]


EIGHT = [
    ("Free summer swims", "Activities", "Six weeks, two pools", "Public Health"),
    ("Swims delivered", "Output", "", ""),
    ("Children swimming weekly", "Intermediate outcome", "", ""),
    ("Fitter children", "Strategic outcomes", "", ""),
    ('Walks "for all"', "activities", 'Led, "free"; weekly', ""),
    ("Walks led", "outputs", "", ""),
    ("Older people walking", "intermediate", "", ""),
    ("Fewer falls in winter", "strategic", "", ""),
]
"""Eight rows as a lead copies them from Excel, levels written as people write them."""


def _excel(rows) -> str:
    """Rows as Excel puts them on the clipboard: tabs between cells, CRLF after each row, a cell holding a quote
    or a line break in double quotes."""

    def cell(text: str) -> str:
        return '"' + text.replace('"', '""') + '"' if any(c in text for c in '"\t\n') else text

    return "".join("\t".join(cell(c) for c in row) + "\r\n" for row in rows)


def _as_rows(rows) -> list[dict[str, str]]:
    return [dict(zip(("Box", "Level", "Description", "Stakeholders"), row, strict=True)) for row in rows]


def test_rows_pasted_into_one_cell_land_as_the_rows_a_paste_into_the_grid_makes():
    """The grid's empty last row opens a cell to type in; Ctrl+V there puts the whole copied block in that cell.
    It lands as the same eight boxes as a paste into a chosen cell, which the grid spreads itself."""
    fw = new_forest()
    spread = apply_boxes(fw, GridChange(added=_as_rows(EIGHT)))
    in_one_cell = apply_boxes(fw, GridChange(added=[{"Box": _excel(EIGHT)}]))
    assert in_one_cell == spread
    added = in_one_cell.nodes[5:]
    assert [(n.label, n.level) for n in added] == [
        ("Free summer swims", "activity"),
        ("Swims delivered", "output"),
        ("Children swimming weekly", "intermediate"),
        ("Fitter children", "strategic"),
        ('Walks "for all"', "activity"),
        ("Walks led", "output"),
        ("Older people walking", "intermediate"),
        ("Fewer falls in winter", "strategic"),
    ]
    assert added[0].stakeholders == ("ph",) and added[4].description == 'Led, "free"; weekly'
    assert what_changed(as_pasted(GridChange(added=[{"Box": _excel(EIGHT)}]), BOX_COLUMNS, 5), "box", "boxes") == (
        "Grid: 8 boxes added."
    )


def test_a_block_pasted_into_a_cell_fills_from_that_cell_rightwards_and_downwards():
    fw = new_forest()  # five boxes: a block typed into row 4's Level cell covers rows 4 and 5, then adds one
    block = "Outputs\tWeekly\nStrategic outcomes\t\nIntermediate outcome\tNew"
    change = as_pasted(GridChange(edited={3: {"Level": block}}), BOX_COLUMNS, len(fw.nodes))
    assert change.edited == {
        3: {"Level": "Outputs", "Description": "Weekly"},
        4: {"Level": "Strategic outcomes", "Description": ""},
    }
    assert change.added == [{"Level": "Intermediate outcome", "Description": "New"}]


def test_a_line_break_in_a_description_is_kept_and_one_in_a_label_is_rows():
    fw = apply_boxes(new_forest(), GridChange(added=[{"Box": "Swims", "Level": "Activities", "Description": "a\nb"}]))
    assert fw.nodes[-1].description == "a\nb"
    found = problems(apply_boxes, new_forest(), GridChange(added=[{"Box": "Swims\nRuns\n", "Level": "Activities"}]))
    assert found == [  # two labels, one above the other, are two rows: the second has no level yet
        "Row 7, Level: say which level; the levels are Activities, Outputs, Intermediate outcomes, Strategic outcomes"
    ]


@settings(max_examples=80, deadline=None)
@given(
    st.lists(
        st.tuples(LABELS, st.sampled_from(["Activities", "output", "Intermediate outcome", "strategic", "x"])),
        min_size=1,
        max_size=8,
    )
)
def test_pasted_into_one_cell_or_spread_by_the_grid_the_same_batch(rows):
    fw = new_forest()
    spread = GridChange(added=[{"Box": box, "Level": level} for box, level in rows])
    in_one_cell = GridChange(added=[{"Box": _excel(rows)}])
    outcomes = []
    for change in (spread, in_one_cell):
        try:
            outcomes.append(apply_boxes(fw, change))
        except FrameworkError as err:
            outcomes.append([str(p) for p in err.problems])
    assert outcomes[0] == outcomes[1]


def test_links_pasted_into_one_cell_and_strength_in_any_case():
    fw = new_forest()
    block = "Health walks\tFewer falls\tStrong\r\nActive lifestyles advisers in GP surgeries\tFewer falls\tModerate\r\n"
    new = apply_links(fw, GridChange(added=[{"From": block}]))
    assert [(link.source, link.target, link.strength) for link in new.links[-2:]] == [
        ("walk", "falls", "strong"),
        ("advisers", "falls", "moderate"),
    ]


def test_a_duplicate_pasted_link_is_named_by_its_boxes_labels_even_when_pasted_by_ids():
    rows = [
        {"From": "walk", "Leads to": "sessions"},  # ids, as a links file from elsewhere names them: row 1 again
        {"From": "advisers", "Leads to": "falls"},
        {"From": "Active lifestyles advisers in GP surgeries", "Leads to": "FEWER FALLS"},
    ]
    assert problems(apply_links, new_forest(), GridChange(added=rows)) == [
        "Row 5, Leads to: 'Health walks' → 'Weekly walks delivered' is already row 1",
        "Row 7, Leads to: 'Active lifestyles advisers in GP surgeries' → 'Fewer falls' is already row 6",
    ]


def test_a_quoted_cell_holding_a_tab_or_a_line_break_stays_one_cell():
    block = 'Swims\tActivities\t"Two pools\tsix weeks"\r\n"Swims\nfor all"\tActivities\r\n'
    once = as_pasted(GridChange(added=[{"Box": block}]), BOX_COLUMNS, 5)
    assert once.added == [
        {"Box": "Swims", "Level": "Activities", "Description": "Two pools\tsix weeks"},
        {"Box": "Swims\nfor all", "Level": "Activities"},
    ]
    assert as_pasted(once, BOX_COLUMNS, 5) == once  # spread once: the engine and the page may both ask
