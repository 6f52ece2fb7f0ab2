"""The Case page as a user sees it: on every sample and template it renders and says the case (or that none is
made yet); on a framework with valuations the ratio, present value, investment and net present value shown are
``appraise``'s, with the rule beside them, who pays and who saves in a table and in words, what is missing, and
the tornado of ``sensitivity`` with a break-even table; saving a valuation or the appraisal settings is one
version that Undo takes back; a wrong value is refused in one line naming the field, nothing changed."""

from __future__ import annotations

import json
import re

import pytest
from app_helpers import button, edit_grid, framework, library, messages, open_page, plain, saved
from paths import ROOT

from logicmodel.analysis.appraisal import RULE, appraise
from logicmodel.analysis.case_words import per_pound
from logicmodel.analysis.sensitivity import sensitivity
from logicmodel.analysis.value import money
from logicmodel.core import samples
from logicmodel.core.readwrite import dumps, from_data, load
from logicmodel.core.version_kinds import VersionKind
from ui.forms.case import BOX, SETTINGS, VALUE

FIXTURE = ROOT / "tests" / "fixtures" / "v1" / "additions" / "appraisal.json"
SHIPPED = samples.samples() + samples.templates()


def metrics(at) -> dict[str, str]:
    return {plain(m.label): m.value for m in at.metric}


def words(at) -> str:
    shown = [m.value for m in at.markdown] + [c.value for c in at.caption] + [i.value for i in at.info]
    shown += [w.value for w in at.warning]
    return plain(" ".join(shown))


def tables(at) -> list[list[dict]]:
    return [t.value.to_dict("records") for t in at.table]


def charts(at) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("vega_lite_chart")]


def _stamped(at, base: str) -> str:
    """The key of the field ``base`` on the page: the base and a stamp of the saved value it shows."""
    widgets = [*at.text_input, *at.selectbox]
    [key] = [w.key for w in widgets if w.key and re.fullmatch(re.escape(base) + r"_[0-9a-f]{8}", w.key)]
    return key


def value_form(at, box: str):
    """The keys of the valuation form shown for ``box``, as drawn now (each carries its saved value's stamp)."""
    return lambda field: _stamped(at, VALUE.of(box).base(field))


@pytest.mark.parametrize("sample", SHIPPED, ids=[s.name for s in SHIPPED])
def test_every_sample_renders_and_shows_appraises_figures(sample):
    fw = sample.load()
    at = open_page("case", fw)
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert at.title[0].value == "Case"
    case = appraise(fw)
    shown = metrics(at)
    ratio = shown[f"For every {money(1, case.currency)} invested"]
    assert ratio == (per_pound(case.ratio, case.currency) if case.ratio is not None else "no ratio")
    if not case.outcomes:
        assert "No financial case has been made yet" in words(at)
    assert RULE in words(at)  # the rule beside the figures, always


def test_a_framework_with_valuations_shows_the_figures_the_table_who_pays_and_the_tornado():
    fw = load(FIXTURE)
    case = appraise(fw)
    at = open_page("case", fw)
    assert not at.exception and not at.error
    shown = metrics(at)
    assert shown["For every £1 invested"] == per_pound(case.ratio, "GBP")
    assert shown["Present value of benefits"] == money(case.present_value, "GBP")
    assert shown["Investment"] == money(case.investment, "GBP") == "£20,000"
    outcomes, shares, break_even = tables(at)
    falls = next(row for row in outcomes if row["Outcome"] == "Fewer falls needing hospital care")
    assert falls["Present value"] == money(case.outcomes[0].present_value, "GBP")
    assert falls["Beneficiary"] == "Integrated care board" and falls["Missing"] == "nothing: counted"
    wellbeing = next(row for row in outcomes if row["Outcome"] == "Better wellbeing")
    assert wellbeing["Present value"] == "not said" and "proxy" in wellbeing["Missing"]  # never counted as zero
    assert [row["Stakeholder"] for row in shares] == ["Public Health", "Integrated care board"]
    saved_by_icb = money(case.outcomes[0].present_value, "GBP")
    assert f"Public Health pays £20,000; Integrated care board saves {saved_by_icb}." in words(at)
    assert "‘Better wellbeing’: no proxy" in words(at)  # the missing list
    [tornado] = charts(at)
    moved = sensitivity(fw, spread=0.5)
    assert tornado["layer"][0]["encoding"]["y"]["sort"] == [a.key for a in moved if a.swing][:10]
    assert [row["Assumption"] for row in break_even] == [a.label for a in moved]


def test_the_spread_of_the_sensitivity_can_be_chosen():
    at = open_page("case", load(FIXTURE))
    at.select_slider(key="case_spread").set_value(0.1).run()
    assert not at.exception
    investment = next(row for row in tables(at)[2] if row["Assumption"] == "Investment")
    assert (investment["Low"], investment["High"]) == ("£18,000", "£22,000")


def test_saving_a_valuation_is_one_version_that_undo_takes_back():
    fw = load(FIXTURE)
    at = open_page("case", fw)
    before = saved(at)
    at.selectbox(key=BOX).set_value("wellbeing").run()
    k = value_form(at, "wellbeing")
    for field, typed in {
        "proxy_amount": "£100",
        "proxy_source": "illustrative figure for a test",
        "deadweight": "40%",
        "displacement": "0",
        "attribution": "0.1",
        "duration": "1",
    }.items():
        at.text_input(key=k(field)).set_value(typed)
    button(at, "Save the valuation of Better wellbeing").click().run()
    assert not at.exception and not messages(at)
    after = saved(at)
    assert after.version == before.version + 1
    assert library().history(after.id)[0].summary == (
        "Changed the valuation of 'Better wellbeing' (proxy, deadweight, attribution, displacement, duration)"
    )
    v = framework(at).node_by_id["wellbeing"].valuation
    assert (v.proxy.amount, v.deadweight, v.attribution, v.duration) == (100.0, 0.4, 0.1, 1)
    case = appraise(framework(at))
    assert metrics(at)["For every £1 invested"] == per_pound(case.ratio, "GBP")  # the ratio follows the edit
    assert case.outcomes[1].counted
    button(at, "Undo").click().run()
    assert not at.exception
    assert framework(at).node_by_id["wellbeing"].valuation == fw.node_by_id["wellbeing"].valuation
    undone = saved(at)
    assert undone.version == after.version + 1 and library().history(undone.id)[0].kind == VersionKind.UNDO


def test_a_bad_value_is_refused_in_one_line_naming_the_field_and_nothing_changes():
    fw = load(FIXTURE)
    at = open_page("case", fw)
    before = saved(at)
    at.selectbox(key=BOX).set_value("falls").run()
    k = value_form(at, "falls")
    at.text_input(key=k("deadweight")).set_value("1.5")
    button(at, "Save the valuation of Fewer falls needing hospital care").click().run()
    assert not at.exception
    [error] = messages(at)
    assert error == (
        "Not changed: box 'Fewer falls needing hospital care', deadweight: should be at most 1 "
        "(a share from 0 to 1: 0.2 or 20%)"
    )
    assert "\n" not in error
    assert framework(at) == fw and saved(at).version == before.version


def test_the_appraisal_settings_are_saved_as_one_version_and_a_wrong_rate_is_refused():
    fw = load(FIXTURE)
    at = open_page("case", fw)
    before = saved(at)

    def k(field: str) -> str:
        return _stamped(at, SETTINGS.base(field))

    assert at.text_input(key=k("discount_rate")).value == "3.5%"
    at.text_input(key=k("discount_rate")).set_value("150%")
    button(at, "Save the appraisal settings").click().run()
    assert messages(at) == ["Not changed: discount rate: should be at most 1 (a share from 0 to 1: 0.2 or 20%)"]
    assert saved(at).version == before.version
    at.text_input(key=k("discount_rate")).set_value("1.5%")
    button(at, "Save the appraisal settings").click().run()
    assert not messages(at)
    assert framework(at).appraisal.discount_rate == 0.015
    assert library().history(saved(at).id)[0].summary == "Appraisal: discount rate 1.5%, prices of 2025"
    assert metrics(at)["For every £1 invested"] == per_pound(appraise(framework(at)).ratio, "GBP")


def test_taking_a_valuation_off_is_one_version_and_the_box_is_no_longer_in_the_case():
    at = open_page("case", load(FIXTURE))
    at.selectbox(key=BOX).set_value("falls").run()
    button(at, "Take the valuation off this box").click().run()
    assert not at.exception
    assert framework(at).node_by_id["falls"].valuation is None
    assert library().history(saved(at).id)[0].summary == "Took the valuation off 'Fewer falls needing hospital care'"
    assert metrics(at)["For every £1 invested"] == "no ratio"


def test_double_counting_is_warned_and_both_outcomes_still_counted():
    fw = load(FIXTURE)
    data = json.loads(dumps(fw))
    data["nodes"].insert(
        1,
        {
            "id": "stronger",
            "level": "intermediate",
            "label": "Stronger legs",
            "valuation": {
                "quantity": 30,
                "proxy": {"amount": 50, "source": "illustrative figure for a test"},
                "deadweight": 0.5,
                "displacement": 0,
                "attribution": 0,
                "duration": 1,
                "beneficiary": "people",
            },
        },
    )
    data["links"] += [{"source": "walks", "target": "stronger"}, {"source": "stronger", "target": "falls"}]
    chained = from_data(data)
    at = open_page("case", chained)
    assert not at.exception and not at.error
    [warning] = [plain(w.value) for w in at.warning]
    assert "Possible double counting: “Stronger legs” leads to “Fewer falls needing hospital care”" in warning
    assert not [c for c in at.caption if "may already count" in plain(c.value)]  # warned once, not again below
    outcomes = tables(at)[0]
    assert [row["Missing"] for row in outcomes if row["Outcome"] != "Better wellbeing"] == ["nothing: counted"] * 2


def test_the_users_own_low_and_high_values_move_the_assumption_and_a_bad_one_is_refused_in_one_line():
    fw = load(FIXTURE)
    at = open_page("case", fw)
    moved = sensitivity(fw)
    row = next(i for i, a in enumerate(moved) if a.key == "deadweight:falls")
    at = edit_grid(at, "case_ranges_grid_0", edited={row: {"Low": "10%", "High": "0.6"}})
    assert not at.exception and not messages(at)
    deadweight = next(r for r in tables(at)[2] if r["Assumption"] == moved[row].label)
    assert (deadweight["Low"], deadweight["High"]) == ("10%", "60%")
    ranges = {"deadweight:falls": (0.1, 0.6)}
    mine = next(a for a in sensitivity(fw, ranges=ranges) if a.key == "deadweight:falls")
    assert deadweight["Ratio at low"] == per_pound(mine.ratio_low, "GBP")
    moved = sensitivity(fw, ranges=ranges)
    row = next(i for i, a in enumerate(moved) if a.key == "investment")
    at = edit_grid(at, "case_ranges_grid_1", edited={row: {"High": "lots"}})
    assert messages(at) == [
        "Not changed: Investment, high: 'lots' is not an amount: write a number such as 1650 or £1,650"
    ]
    deadweight = next(r for r in tables(at)[2] if r["Assumption"].startswith("Deadweight"))
    assert deadweight["Low"] == "10%"  # what was applied before stays
    button(at, "Back to the same spread for every assumption").click().run()
    deadweight = next(r for r in tables(at)[2] if r["Assumption"].startswith("Deadweight"))
    assert deadweight["Low"] == "15%"  # 30% ± 50%


def test_a_viewer_sees_the_case_but_no_form_to_change_it():
    from test_app_access import alices_shared_framework
    from test_app_signin import BOB, app

    at = app(BOB, "case", alices_shared_framework("viewer"))
    assert not at.exception and not at.error
    assert "Only people who can edit this framework can change its valuations" in words(at)
    assert not [b for b in at.button if b.label.startswith("Save the valuation") or b.label in ("Undo", "Redo")]
    case = appraise(samples.find("swindon").load())  # her framework is Swindon's, with an uncosted box added
    assert metrics(at)["For every £1 invested"] == per_pound(case.ratio, "GBP")  # the figures are there to read


def test_a_library_source_fills_the_proxy_source_never_an_amount_it_cannot_back_and_saves_on_save():
    fw = load(FIXTURE)
    at = open_page("case", fw)
    before = saved(at)
    at.selectbox(key=BOX).set_value("falls").run()
    at.selectbox(key="case_library").set_value("unit-costs-health-social-care").run()
    button(at, "Use this source").click().run()
    assert not at.exception and not at.error and not at.warning
    [said] = messages(at, "info")
    assert said.startswith("The proxy's source is filled in from the library (Unit Costs of Health and Social Care)")
    assert "Check that 1000 is the amount" in said  # the box's own amount is kept, to be checked
    k = value_form(at, "falls")
    assert at.text_input(key=k("proxy_source")).value.startswith("Unit Costs of Health and Social Care")
    assert at.text_input(key=k("proxy_amount")).value == "1000"
    assert saved(at).version == before.version  # nothing saved yet
    button(at, "Save the valuation of Fewer falls needing hospital care").click().run()
    proxy = framework(at).node_by_id["falls"].valuation.proxy
    assert proxy.source.startswith("Unit Costs of Health and Social Care") and proxy.amount == 1000
    assert saved(at).version == before.version + 1


def test_the_ratio_is_set_beside_sport_englands_benchmark_as_a_comparison_not_a_target():
    at = open_page("case", load(FIXTURE))
    assert "For comparison only: Sheffield Hallam University for Sport England found £3.91" in words(at)
    assert "not a target for one service" in words(at)


def test_own_values_typed_for_another_framework_are_not_used_for_this_one():
    at = open_page("case", load(FIXTURE), case_ranges={"another-framework": {"investment": ("1", "2")}})
    assert not at.exception and not at.error
    investment = next(row for row in tables(at)[2] if row["Assumption"] == "Investment")
    assert (investment["Low"], investment["High"]) == ("£10,000", "£30,000")  # ±50% of £20,000, not £1 to £2
