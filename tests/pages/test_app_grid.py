"""Build's grids and ticks: paste rows of boxes and links, see mistakes at their row and column, undo a batch in
one step, link a box to many by ticking, and keep the level chosen for the next box."""

from __future__ import annotations

from app_helpers import button, edit_grid, framework, messages, open_page, plain, saved
from builder_data import new_forest
from factories import link, minimal, node

from logicmodel import from_data
from logicmodel.editing.edit import new_framework
from ui.forms import boxes, grids, links
from ui.sections import SECTION, Section

PASTED = [
    {"Box": "Chair-based exercise", "Level": "Activities", "Stakeholders": "Public Health"},
    {"Box": "Classes delivered", "Level": "Outputs", "Description": "Weekly, in 12 care homes"},
    {"Box": "Stronger, steadier older people", "Level": "Intermediate outcomes"},
]


def grid_key(at, which: str) -> str:
    [key] = [e.key for e in at.data_editor if e.key.startswith(f"grid_{which}_")]
    return key


def test_the_box_grid_shows_every_box_and_takes_new_rows():
    at = open_page("build", new_forest())
    [editor] = at.data_editor
    assert list(editor.value["Box"]) == [n.label for n in new_forest().nodes]
    assert editor.editing_mode == "dynamic"


def test_pasting_rows_adds_them_as_boxes_in_one_saved_step_and_undo_takes_them_back():
    at = open_page("build", new_forest())
    edit_grid(at, grid_key(at, "boxes"), added=PASTED)
    fw = framework(at)
    assert [(n.label, n.level) for n in fw.nodes[5:]] == [
        ("Chair-based exercise", "activity"),
        ("Classes delivered", "output"),
        ("Stronger, steadier older people", "intermediate"),
    ]
    assert fw.nodes[5].stakeholders == ("ph",)
    assert "Grid: 3 boxes added. Undo takes the whole change back." in messages(at, "success")
    assert saved(at).version == 2  # one batch, one version
    assert list(at.data_editor[0].value["Box"])[5:] == [row["Box"] for row in PASTED]  # the grid starts afresh
    button(at, "Undo").click().run()
    assert [n.id for n in framework(at).nodes] == [n.id for n in new_forest().nodes]


def test_pasted_mistakes_point_at_their_row_and_column_and_change_nothing():
    at = open_page("build", new_forest())
    key = grid_key(at, "boxes")
    mistakes = [*PASTED[:1], {"Box": "Classes delivered", "Level": ""}, {"Box": "", "Level": "Outputs"}]
    edit_grid(at, key, added=mistakes, edited={4: {"Level": "Activities"}})
    assert len(framework(at).nodes) == 5 and saved(at).version == 1
    [error] = messages(at)
    assert error.startswith("Not applied, so nothing has changed.")
    assert (
        "- Row 7, Level: say which level; the levels are Activities, Outputs, Intermediate outcomes, Strategic outcomes"
        in error
    )
    assert "- Row 8, Box: give the box a label" in error
    assert grid_key(at, "boxes") == key  # the grid keeps what was typed, to be put right
    at.radio(key=SECTION).set_value(Section.LINKS).run()
    at.radio(key=SECTION).set_value(Section.ADD).run()
    assert not messages(at)  # away and back: the grid starts afresh, and its old problems are gone


def test_pasting_links_by_label_and_a_mistake_in_the_leads_words():
    at = open_page("build", new_forest())
    at.radio(key=SECTION).set_value(Section.LINKS).run()
    key = grid_key(at, "links")
    edit_grid(at, key, added=[{"From": "Health walks", "Leads to": "Fewer fals"}])
    assert "- Row 5, Leads to: no box called 'Fewer fals'" in messages(at)[0]
    assert len(framework(at).links) == 4
    edit_grid(at, key, added=[{"From": "Health walks", "Leads to": "Fewer falls", "Strength": "weak"}])
    assert ("walk", "falls") in framework(at).link_pairs
    assert not messages(at)
    assert "Grid: 1 link added. Undo takes the whole change back." in messages(at, "success")


def test_link_by_ticking_every_box_it_leads_to():
    at = open_page("build", new_forest())
    at.radio(key=SECTION).set_value(Section.LINKS).run()
    at.selectbox(key=links.ADD("source")).set_value("advisers").run()
    ticks = {c.label: c for c in at.checkbox}
    assert ticks["More older people active"].value is True  # already linked
    assert ticks["Fewer falls"].value is False and not ticks["Fewer falls"].disabled
    assert "Weekly walks delivered" in ticks and "Advisers" not in ticks  # not itself
    ticks["Fewer falls"].check()
    ticks["Weekly walks delivered"].check()
    ticks["More older people active"].uncheck()
    button(at, "Save the ticked links").click().run()
    mine = [p for p in framework(at).link_pairs if p[0] == "advisers"]
    assert sorted(mine) == [("advisers", "falls"), ("advisers", "sessions")]
    assert any("now leads to 'Weekly walks delivered', 'Fewer falls'" in m for m in messages(at, "success"))
    button(at, "Undo").click().run()
    assert [p for p in framework(at).link_pairs if p[0] == "advisers"] == [("advisers", "active")]


def test_the_level_chosen_for_the_next_box_stays_chosen():
    at = open_page("build", new_framework("T"))
    at.text_input(key=boxes.ADD("label")).input("Fewer falls")
    at.selectbox(key=boxes.ADD("level")).set_value("strategic")
    button(at, "Add the box").click().run()
    assert at.selectbox(key=boxes.ADD("level")).value == "strategic"
    assert at.text_input(key=boxes.ADD("label")).value == ""
    assert list(at.data_editor[0].value["Box"]) == ["Fewer falls"]


def test_a_box_the_rules_refuse_is_shown_unticked_with_the_reason():
    boxes_ = [node("a", "intermediate"), node("b", "intermediate"), node("c", "strategic")]
    fw = from_data(minimal(boxes_, [link("a", "b")]))
    at = open_page("build", fw)
    at.radio(key=SECTION).set_value(Section.LINKS).run()
    at.selectbox(key=links.ADD("source")).set_value("b").run()
    [refused] = [c for c in at.checkbox if c.label == "A"]
    assert refused.disabled and refused.value is False
    assert plain(refused.help) == "Not offered: it already leads to 'B', so the link would make a loop"
    assert not next(c for c in at.checkbox if c.label == "C").disabled


def cells(at) -> dict[str, object]:
    """The level pair's ticks by "row > column" (the boxes' labels)."""
    return {c.label: c for c in at.checkbox if c.key.startswith("cell_")}


def refused_cells(at) -> list[tuple[str, str | None]]:
    """The level pair's cells that cannot be ticked, as they read: the reason at the cell, and its whole reason."""
    return [(plain(c.value), plain(c.help) or None) for c in at.caption if c.value in ("same box", "makes a loop")]


def test_link_two_levels_by_ticking_a_grid_in_one_step():
    at = open_page("build", new_forest())
    at.radio(key=SECTION).set_value(Section.LINKS).run()
    assert at.selectbox(key=links.PAIRS("from")).value == "activity"
    assert at.selectbox(key=links.PAIRS("to")).value == "output"  # the next level
    ticks = cells(at)
    assert set(ticks) == {
        "Health walks leads to Weekly walks delivered",
        "Active lifestyles advisers in GP surgeries leads to Weekly walks delivered",
    }
    assert ticks["Health walks leads to Weekly walks delivered"].value is True
    ticks["Health walks leads to Weekly walks delivered"].uncheck()
    ticks["Active lifestyles advisers in GP surgeries leads to Weekly walks delivered"].check()
    button(at, "Save the ticks between the levels").click().run()
    pairs = framework(at).link_pairs
    assert ("walk", "sessions") not in pairs and ("advisers", "sessions") in pairs
    assert ("advisers", "active") in pairs  # a link to another level stays
    assert "Activities → Outputs: 1 link added and 1 link removed. Undo takes it back." in messages(at, "success")
    assert saved(at).version == 2  # one batch, one version
    assert cells(at)["Active lifestyles advisers in GP surgeries leads to Weekly walks delivered"].value is True
    button(at, "Undo").click().run()
    assert framework(at).link_pairs == new_forest().link_pairs


def test_the_second_level_follows_the_first_and_unchanged_ticks_change_nothing():
    at = open_page("build", new_forest())
    at.radio(key=SECTION).set_value(Section.LINKS).run()
    at.selectbox(key=links.PAIRS("from")).set_value("intermediate").run()
    assert at.selectbox(key=links.PAIRS("to")).value == "strategic"
    assert [c.value for c in cells(at).values()] == [True]
    button(at, "Save the ticks between the levels").click().run()
    assert "No change: the ticks are as the links were." in messages(at, "info")
    assert saved(at).version == 1
    at.selectbox(key=links.PAIRS("to")).set_value("intermediate").run()  # within a level: the box itself is grey
    assert cells(at) == {} and refused_cells(at) == [("same box", None)]  # no box to tick, the reason at the cell


def test_a_tick_the_rules_refuse_is_greyed_with_the_reason():
    boxes_ = [node("a", "intermediate"), node("b", "intermediate"), node("c", "strategic")]
    fw = from_data(minimal(boxes_, [link("a", "b")]))
    at = open_page("build", fw)
    at.radio(key=SECTION).set_value(Section.LINKS).run()
    at.selectbox(key=links.PAIRS("from")).set_value("intermediate").run()
    at.selectbox(key=links.PAIRS("to")).set_value("intermediate").run()
    assert set(cells(at)) == {"A leads to B"}  # the only cell with a box to tick
    assert cells(at)["A leads to B"].value is True and not cells(at)["A leads to B"].disabled
    assert refused_cells(at) == [  # a row at a time: A's own cell, then B's two
        ("same box", None),
        ("makes a loop", "B cannot lead to A: it already leads to 'B', so the link would make a loop"),
        ("same box", None),
    ]
    assert not any("Greyed out:" in c.value for c in at.caption)  # no paragraph of reasons under the grid


def test_rows_pasted_into_one_cell_become_boxes_and_the_grid_says_how_to_paste():
    """The browser puts a block pasted into the cell the grid's empty row opens into that one cell."""
    at = open_page("build", new_framework("T"))
    assert any(grids.PASTE_HINT in c.value for c in at.caption)
    block = "Swims\tActivities\r\nSwimmers\tOutput\r\nFitter\tIntermediate outcome\r\nWell\tstrategic\r\n"
    edit_grid(at, grid_key(at, "boxes"), added=[{"Box": block}])
    assert [(n.label, n.level) for n in framework(at).nodes] == [
        ("Swims", "activity"),
        ("Swimmers", "output"),
        ("Fitter", "intermediate"),
        ("Well", "strategic"),
    ]
    assert "Grid: 4 boxes added. Undo takes the whole change back." in messages(at, "success")


def test_a_level_or_strength_written_as_people_write_it_is_kept_in_the_grid():
    at = open_page("build", new_forest())
    columns = at.data_editor[0].proto.columns
    assert "options" not in columns and '"Level"' in columns  # a text cell: what is pasted there reaches the check
    edit_grid(at, grid_key(at, "boxes"), added=[{"Box": "Steadier", "Level": "Intermidiate"}])
    assert (
        "- Row 6, Level: no level called 'Intermidiate'; the levels are Activities, Outputs, Intermediate outcomes, "
        "Strategic outcomes" in messages(at)[0]
    )
