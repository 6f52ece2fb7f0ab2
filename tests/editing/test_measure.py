"""Measurements brought into a framework by the one rule (``logicmodel.editing.measure``): a new period added, the
same value for a recorded period left as it is, another value reported as a conflict and never overwritten, a
period the file gives twice taken once (or, given two values, not at all); the account says each in words."""

from __future__ import annotations

import pytest
from factories import minimal, node
from hypothesis import given, settings
from hypothesis import strategies as st

from logicmodel.core.errors import FrameworkError
from logicmodel.core.limits import MAX_MEASUREMENTS
from logicmodel.core.models import Framework, Measurement
from logicmodel.editing.measure import Incoming, add_measurements, same_period


def framework(measurements: list[dict] | None = None) -> Framework:
    inactive = {"name": "Physically inactive adults", "measurements": measurements or []}
    return Framework.model_validate(
        minimal(
            [
                node("walks", label="Health walks"),
                node("active", "strategic", label="More adults active", indicators=[inactive, {"name": "Falls"}]),
            ],
            [{"source": "walks", "target": "active"}],
        )
    )


def m(period: str, end: str, value: float, **fields) -> Measurement:
    return Measurement(period=period, period_end=end, value=value, **fields)


def measured(fw: Framework, index: int = 0) -> list[tuple[str, float]]:
    return [(x.period, x.value) for x in fw.nodes[1].indicators[index].measurements]


RECORDED = [{"period": "2022/23", "period_end": "2023-03-31", "value": 22.5}]


def test_a_new_period_is_added_in_order_of_its_end_and_the_account_says_so():
    fw = framework(RECORDED)
    brought = add_measurements(
        fw,
        [
            Incoming("active", 0, m("2023/24", "2024-03-31", 21.0), "row 3"),
            Incoming("active", 0, m("2021/22", "2022-03-31", 23.4), "row 2"),
        ],
    )
    assert (brought.added, brought.already, brought.conflicts) == (2, 0, ())
    assert measured(brought.framework) == [("2021/22", 23.4), ("2022/23", 22.5), ("2023/24", 21.0)]
    assert measured(fw) == [("2022/23", 22.5)]  # the framework given is untouched
    lines = brought.lines()
    assert "'More adults active': Physically inactive adults: 2 measurements added (2021/22 to 2023/24)." in lines
    assert lines[-1] == "Added 2 measurements."


def test_the_same_value_for_a_recorded_period_changes_nothing():
    fw = framework(RECORDED)
    brought = add_measurements(fw, [Incoming("active", 0, m(" 2022/23 ", "2023-03-31", 22.5), "row 2")])
    assert (brought.added, brought.already, brought.changed) == (0, 1, False)
    assert brought.framework is fw
    assert brought.lines()[-1] == "Added 0 measurements; 1 already recorded with the same value (unchanged)."


def test_another_value_for_a_recorded_period_is_a_conflict_named_by_box_indicator_and_period_and_not_written():
    fw = framework(RECORDED)
    brought = add_measurements(fw, [Incoming("active", 0, m("2022/23", "2023-03-31", 24.0), "row 7")])
    assert brought.added == 0
    assert measured(brought.framework) == [("2022/23", 22.5)]
    (conflict,) = brought.conflicts
    assert (conflict.box, conflict.label, conflict.indicator, conflict.period) == (
        "active",
        "More adults active",
        "Physically inactive adults",
        "2022/23",
    )
    assert (conflict.recorded, conflict.brought) == (22.5, 24.0)
    assert conflict.line() in brought.lines()
    assert conflict.line() == (
        "Conflict: 'More adults active', Physically inactive adults, 2022/23: recorded as 22.5, the file (row 7) "
        "says 24; kept 22.5 (change it by hand if the file is right)."
    )


def test_a_period_given_twice_in_the_file_is_taken_once_or_with_two_values_not_at_all():
    fw = framework()
    twice = [Incoming("active", 0, m("2022/23", "2023-03-31", 22.5), f"row {r}") for r in (2, 3)]
    clash = [Incoming("active", 0, m("2023/24", "2024-03-31", v), f"row {r}") for r, v in ((4, 21.0), (5, 20.0))]
    brought = add_measurements(fw, twice + clash)
    assert measured(brought.framework) == [("2022/23", 22.5)]
    assert brought.unmatched == {
        "repeating a period of the same indicator in the file (taken once)": 1,
        "giving one period two values in the file (neither taken)": 2,
    }
    assert "Left 2 rows giving one period two values in the file (neither taken): row 4; row 5." in brought.lines()
    assert "Left 1 row repeating a period of the same indicator in the file (taken once): row 3." in brought.lines()
    only_clash = add_measurements(fw, clash)
    assert "'More adults active': Physically inactive adults: nothing added." in only_clash.lines()


def test_measurements_go_to_the_indicator_they_are_for_and_the_readers_counts_are_kept():
    fw = framework()
    brought = add_measurements(
        fw,
        [Incoming("active", 1, m("2024", "2024-12-31", 310), "row 2")],
        unmatched={"another area": 4},
        read=["Read."],
    )
    assert measured(brought.framework, 0) == [] and measured(brought.framework, 1) == [("2024", 310)]
    assert brought.unmatched == {"another area": 4}
    assert brought.lines()[0] == "Read."


def test_an_indicator_that_would_hold_too_many_measurements_is_refused_in_one_line():
    full = [{"period": f"P{i}", "period_end": "2020-01-01", "value": i} for i in range(MAX_MEASUREMENTS)]
    fw = framework(full)
    with pytest.raises(FrameworkError) as refused:
        add_measurements(fw, [Incoming("active", 0, m("2024", "2024-12-31", 1), "row 2")])
    (problem,) = refused.value.problems
    assert "'More adults active', Physically inactive adults: would hold" in problem.message


def test_periods_are_the_same_without_case_or_extra_spaces():
    assert same_period("Q2  2025/26") == same_period(" q2 2025/26")
    assert same_period("2022/23") != same_period("2022-23")


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(["2021", "2022", "2023", "2024"]), st.integers(0, 3)),
        max_size=12,
    )
)
def test_bringing_the_same_measurements_twice_changes_nothing_the_second_time(rows):
    """Whatever a file holds, the second time it is brought in nothing is added and nothing is in conflict."""
    incoming = [Incoming("active", 0, m(p, f"{p}-12-31", v), f"row {i + 2}") for i, (p, v) in enumerate(rows)]
    first = add_measurements(framework(), incoming)
    second = add_measurements(first.framework, incoming)
    assert second.added == 0 and second.conflicts == ()
    assert second.framework == first.framework
    assert second.already == first.added


def test_delivery_follows_the_same_rule_a_conflict_for_each_figure_that_differs():
    from logicmodel.core.models import Delivery
    from logicmodel.editing.measure import IncomingDelivery

    fw = framework()
    year = Delivery(period="2024/25", period_end="2025-03-31", participants=280, spent=19500)
    first = add_measurements(fw, [], delivery=[IncomingDelivery("walks", year, "row 2")])
    assert first.delivered == 1 and first.framework.nodes[0].delivery == (year,)
    again = add_measurements(first.framework, [], delivery=[IncomingDelivery("walks", year, "row 2")])
    assert (again.delivered, again.already, again.framework is first.framework) == (0, 1, True)
    other = Delivery(period="2024/25", period_end="2025-03-31", participants=300)
    clash = add_measurements(first.framework, [], delivery=[IncomingDelivery("walks", other, "row 3")])
    assert [(c.indicator, c.recorded, c.brought) for c in clash.conflicts] == [
        ("participants", 280, 300),
        ("spent", 19500, None),
    ]
    assert (
        clash.conflicts[1]
        .line()
        .endswith(
            "recorded as 19,500, the file (row 3) says empty; kept 19,500 (change it by hand if the file is right)."
        )
    )
    assert clash.framework.nodes[0].delivery == (year,)
