"""Check: the coverage summary a manager reads, and every warning with a way to open its box in Build."""

from app_helpers import framework, open_page, plain
from builder_data import new_forest_data
from factories import link, minimal, node, sport_england_with_own_boxes

from logicmodel import check, from_data
from logicmodel.analysis.checks import CHECKS
from logicmodel.analysis.coverage import GROUP_TITLES, MEASURES
from logicmodel.analysis.placeholders import NOT_COUNTED
from logicmodel.core import samples


def test_complete_logic_shows_full_coverage_beside_what_is_not_ready():
    at = open_page("check", from_data(new_forest_data()))
    assert not at.exception
    metrics = {plain(m.label): m.value for m in at.metric}
    assert metrics == {
        "Activities leading to strategic outcomes": "100%",
        "Outcomes with an indicator": "100%",
        "Links with a stated strength": "50%",
        "Indicators with a baseline": "0%",
        "Activities with a cost": "0%",
        "Outcomes with evidence": "0%",
    }
    assert [m.delta for m in at.metric] == ["2 of 2", "2 of 2", "2 of 4", "0 of 2", "0 of 2", "0 of 2"]
    assert "**The logic**" in [m.value for m in at.markdown]  # each row of figures says its group
    assert "**Ready to show a commissioner**" in [m.value for m in at.markdown]
    table = at.dataframe[0].value
    groups = list(table["Group"])
    assert (groups[0], groups[3]) == ("The logic", "Ready to show a commissioner")
    assert groups[9] == GROUP_TITLES["commissioners"]
    assert list(table["Measure"])[9:] == ["Public Health", "Adult Social Care"]
    assert list(table["Count"]) == [
        *("2 of 2 (100%)", "2 of 2 (100%)", "2 of 4 (50%)"),
        *("0 of 2 (0%)", "0 of 2 (0%)", "1 of 2 (50%)", "0 of 2 (0%)", "0 of 2 (0%)", "0 of 2 (0%)"),
        *("1 of 1 (100%)", "1 of 1 (100%)"),
    ]
    # An open framework has passed every rule: no section that could never show anything, one for each group
    assert [h.value for h in at.header] == ["Coverage", "The logic", "Ready to show a commissioner"]


def test_two_verdicts_say_whether_the_logic_holds_and_how_far_it_is_from_ready():
    at = open_page("check", from_data(new_forest_data()))  # one link skips the outputs; no costs, no baselines
    gaps = [f for f in check(from_data(new_forest_data())) if CHECKS[f.code].group == "ready"]
    assert [plain(w.value) for w in at.warning] == [
        "The logic has 1 gap",
        f"Not yet ready to show a commissioner: {len(gaps)} gaps",
    ]


def test_each_kind_of_warning_says_how_to_fix_it_in_the_engines_words():
    at = open_page("check", from_data(new_forest_data()))  # one link skips the outputs
    skip = next(e for e in at.expander if plain(e.label).startswith(CHECKS["level-skip"].title))
    assert plain(skip.label) == f"{CHECKS['level-skip'].title} (1)"
    (caption,) = [plain(c.value) for c in skip.caption]
    assert caption == f"{CHECKS['level-skip'].description} **How to fix it:** {CHECKS['level-skip'].fix}"
    cost = next(e for e in at.expander if plain(e.label).startswith(CHECKS["activity-without-cost"].title))
    assert "**How to fix it:** Give its cost" in plain(cost.caption[0].value)


def gappy():
    return from_data(
        minimal(
            [node("swim", label="Free swimming"), node("goal", "strategic", label="Fewer overweight children")],
            [],
        )
    )


def test_warnings_name_their_box():
    at = open_page("check", gappy())
    texts = [plain(m.value) for m in at.markdown]
    assert "'Free swimming' has no links: connect it or remove it." in texts
    assert "'Fewer overweight children' has no indicator: how would a commissioner know it has changed?" in texts


def test_open_in_build_jumps_to_the_box():
    at = open_page("check", gappy())
    at.button(key="goto_outcome-without-indicator_0").click().run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Build"]
    assert at.radio(key="build_section").value == "Edit a box"
    assert at.selectbox(key="build_node").value == "goal"


def test_empty_framework_has_nothing_to_count():
    at = open_page("check", from_data(minimal()))
    assert not at.exception
    assert [m.value for m in at.metric] == ["–"] * 6
    assert not framework(at).nodes


def test_framework_without_gaps_reports_no_warnings():
    indicator = {"name": "Inactive adults", "source": "Active Lives", "baseline": 24.5, "target": 22}
    outcome = node("b", "strategic", indicators=[indicator], stakeholders=["ph"], evidence=[{"title": "A review"}])
    fw = minimal([node("a", cost={"amount": 5000}, reach=40), outcome], [link("a", "b", strength="moderate")])
    fw["levels"] = [{"id": "activity", "label": "Activities"}, {"id": "strategic", "label": "Strategic outcomes"}]
    fw["stakeholders"] = [{"id": "ph", "name": "Public Health", "role": "commissioner"}]
    at = open_page("check", from_data(fw))
    assert [plain(s.value) for s in at.success][:2] == ["The logic holds", "Ready to show a commissioner"]
    assert [e.label for e in at.expander] == ["The coverage figures as a table"] and not at.warning


def test_a_new_framework_from_a_template_is_not_complete_because_of_its_example_text():
    fw = samples.start_from(samples.find("sport-england"), "Active Swindon")
    at = open_page("check", fw)
    metrics = {plain(m.label): m.value for m in at.metric}
    assert metrics["Activities leading to strategic outcomes"] == "–"
    assert metrics["Activities with a cost"] == "–"  # the example activity's missing cost is not counted either
    example = next(e for e in at.expander if plain(e.label).startswith(CHECKS["placeholder-text"].title))
    assert any("Example activity: what you will deliver, for whom" in plain(m.value) for m in example.markdown)


def test_open_a_level_skip_in_build_shows_the_link():
    boxes = [node("a"), node("c", "intermediate"), node("b", "strategic")]
    fw = from_data(minimal(boxes, [link("a", "c"), link("c", "b"), link("a", "b")]))
    at = open_page("check", fw)
    at.button(key="goto_level-skip_0").click().run()
    assert not at.exception
    assert at.radio(key="build_section").value == "Links"
    assert at.selectbox(key="build_link").value == ("a", "b")
    assert at.selectbox(key="link_source").value == "a"


def test_open_an_unlinked_activity_in_build_offers_to_link_it():
    at = open_page("check", gappy())
    labels = [plain(m.value) for m in at.markdown]
    assert "'Free swimming' has no links: connect it or remove it." in labels
    at.button(key="goto_unlinked-node_0").click().run()  # 'Free swimming', the first box with no links
    assert not at.exception
    assert at.radio(key="build_section").value == "Links"
    assert at.selectbox(key="link_source").value == "swim"
    assert at.selectbox(key="link_target").options  # somewhere to link it to, right there


def test_open_an_unlinked_last_outcome_in_build_opens_the_box():
    at = open_page("check", gappy())
    at.button(key="goto_unlinked-node_1").click().run()  # 'Fewer overweight children' can lead nowhere
    assert at.radio(key="build_section").value == "Edit a box"
    assert at.selectbox(key="build_node").value == "goal"


def test_swindon_is_not_shown_as_complete_while_no_indicator_has_a_baseline():
    at = open_page("check", samples.find("swindon").load())
    assert not at.exception
    metrics = {plain(m.label): (m.value, m.delta) for m in at.metric}
    assert metrics["Activities leading to strategic outcomes"][0] == "100%"
    assert metrics["Indicators with a baseline"] == ("0%", "0 of 30")
    assert metrics["Outcomes with evidence"][0] == "0%"


def test_every_figure_beside_its_list_of_gaps_counts_the_same_boxes_and_the_page_says_examples_are_left_out():
    """Sport England's template with the lead's own boxes: "Activities with a cost 2 of 3" stands beside
    "Activities without a cost (1)", and so for every figure a list of gaps pairs with (the checks say which)."""
    fw = from_data(sport_england_with_own_boxes())
    at = open_page("check", fw)
    assert not at.exception
    assert [plain(i.value) for i in at.info] == [NOT_COUNTED]
    metrics = {plain(m.label): m.delta for m in at.metric}
    assert metrics["Activities with a cost"] == "2 of 3"
    listed = {plain(e.label).rsplit(" (", 1)[0]: int(plain(e.label).rsplit("(", 1)[1][:-1]) for e in at.expander[1:]}
    assert listed[CHECKS["activity-without-cost"].title] == 1
    counts = dict(zip(at.dataframe[0].value["Measure"], at.dataframe[0].value["Count"], strict=True))
    last = fw.levels[-1].label.lower()
    paired = 0
    for kind in CHECKS.values():
        if not kind.measure:
            continue
        count, total = (
            int(x) for x in counts[MEASURES[kind.measure][1].format(last=last)].split(" (")[0].split(" of ")
        )
        assert total - count == listed.get(kind.title, 0), kind.code
        paired += 1
    assert paired == sum(1 for k in CHECKS.values() if k.measure)
    assert plain(at.expander[1 + list(listed).index(CHECKS["placeholder-text"].title)].label).endswith("(5)")


def test_a_framework_without_example_boxes_says_nothing_about_them():
    at = open_page("check", samples.find("swindon").load())
    assert not at.info
