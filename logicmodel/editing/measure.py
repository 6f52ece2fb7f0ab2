"""Measurements brought into a framework: added where new, left where already recorded, reported where they clash.

A reader (``logicmodel.formats.bring_in``: a Fingertips data download, or the tool's own measurements table)
turns a file into ``Incoming`` measurements, each for one indicator of one box and saying where in the file it
came from; ``add_measurements`` puts them into a new framework and gives the account (``Brought``). The rule,
written once here:

- a period the indicator has not recorded is **added** (its measurements kept in order of ``period_end``);
- a period already recorded with the same value is **already** there: nothing changes, so bringing the same file
  in twice changes nothing;
- a period already recorded with another value is a **conflict**: reported by box, indicator and period, and the
  recorded value kept (never overwritten silently: the lead decides, and edits it by hand);
- a period the file gives twice is taken once when the values agree, and from neither when they differ.

Periods are the same when written the same, ignoring case and spacing ("2022/23" and "2022 / 23" differ:
``logicmodel.core.periods`` reads both, but a measurement keeps its period as written).

>>> from logicmodel.core.models import Framework, Measurement
>>> fw = Framework.model_validate({"schema_version": 1, "meta": {"title": "Active Swindon"}, "nodes": [
...     {"id": "active", "level": "strategic", "label": "More adults active",
...      "indicators": [{"name": "Physically inactive adults", "fingertips_id": 93015}]}], "links": []})
>>> m = Measurement(period="2022/23", period_end="2023-03-31", value=22.5)
>>> brought = add_measurements(fw, [Incoming("active", 0, m, "row 2")])
>>> brought.added, brought.already, len(brought.framework.nodes[0].indicators[0].measurements)
(1, 0, 1)
>>> again = add_measurements(brought.framework, [Incoming("active", 0, m, "row 2")])
>>> again.added, again.already, again.framework == brought.framework
(0, 1, True)
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from logicmodel.core.errors import FrameworkError, Problem, excerpt, quoted
from logicmodel.core.limits import MAX_DELIVERY, MAX_MEASUREMENTS
from logicmodel.core.models import Delivery, Framework, Indicator, Measurement, Node
from logicmodel.core.wording import plural
from logicmodel.editing.edit import replace_parts

__all__ = ["Brought", "Conflict", "Incoming", "IncomingDelivery", "Kind", "Taken", "add_measurements", "same_period"]

Kind = Literal["fingertips", "table"]
"""The kinds of file measurements are brought in from: a Fingertips data download, or our measurements table."""

MAX_LISTED = 20
"""Most conflicts named a line each in the account; the rest are counted."""

MAX_EXAMPLES = 3
"""Rows named as examples of each reason this rule left rows; the rest are counted."""


@dataclass(frozen=True, slots=True)
class Incoming:
    """One measurement a file brings for one indicator: the box's id, the indicator's place in the box's list
    (two indicators of a box may share a name), the measurement, and where in the file it came from ("row 12")."""

    box: str
    indicator: int
    measurement: Measurement
    where: str


@dataclass(frozen=True, slots=True)
class IncomingDelivery:
    """One period of delivery a file brings for one box (an activity): the box's id, what was delivered, and
    where in the file it came from."""

    box: str
    delivery: Delivery
    where: str


DELIVERY = "delivery"
"""The name ``Taken`` gives a box's delivery, beside its indicators' names."""


@dataclass(frozen=True, slots=True)
class Conflict:
    """A period already recorded with another value than the file gives: reported, the recorded value kept."""

    box: str
    """The box's id."""
    label: str
    """The box's label, as the lead knows it."""
    indicator: str
    """The indicator's name; for delivery, the figure: "participants" or "spent"."""
    period: str
    recorded: float | None
    """The value recorded (None: a delivery figure the period was recorded without)."""
    brought: float | None
    where: str
    """Where in the file the other value is ("row 12")."""

    def line(self) -> str:
        """The conflict in words: box label, indicator, period, both values, and what was kept."""
        return (
            f"Conflict: {quoted(self.label)}, {excerpt(self.indicator, 120)}, {self.period}: recorded as "
            f"{_number(self.recorded)}, the file ({self.where}) says {_number(self.brought)}; "
            f"kept {_number(self.recorded)} (change it by hand if the file is right)."
        )


@dataclass(frozen=True, slots=True)
class Taken:
    """What one indicator took: the box, the indicator, and how many measurements were added, already there or in
    conflict, with the periods added."""

    box: str
    label: str
    indicator: str
    added: tuple[str, ...]
    already: int
    conflicts: int


@dataclass(frozen=True)
class Brought:
    """The framework with the measurements added, and the account of what happened to each row of the file.

    ``added`` measurements are new; ``already`` were recorded with the same value (unchanged); ``conflicts``
    were recorded with another value (reported, not overwritten); ``unmatched`` counts the rows left, by reason
    in words ("for other areas", "no box has that id or label"). ``read`` is the reader's own account (what it
    read, which indicators matched, examples of rows left); ``lines()`` gives the whole account.
    """

    framework: Framework
    added: int
    already: int
    conflicts: tuple[Conflict, ...]
    unmatched: Mapping[str, int]
    read: tuple[str, ...] = ()
    taken: tuple[Taken, ...] = ()
    kind: Kind | None = None
    repeated: int = field(default=0)
    """Rows repeating a period of the same indicator within the file (counted in ``unmatched`` too)."""
    delivered: int = 0
    """Periods of delivery added (from a delivery table); ``already`` and ``conflicts`` count delivery's too."""

    @property
    def changed(self) -> bool:
        """True when the framework gained anything."""
        return self.added > 0 or self.delivered > 0

    def lines(self) -> list[str]:
        """The account in plain words, a line each: what was read, each indicator's measurements added, already
        recorded or in conflict, the rows left and why, and each conflict by box label, indicator and period."""
        out = list(self.read)
        for taken in self.taken:
            parts = []
            if taken.added:
                span = taken.added[0] if len(taken.added) == 1 else f"{taken.added[0]} to {taken.added[-1]}"
                what = "period" if taken.indicator == DELIVERY else "measurement"
                parts.append(f"{plural(len(taken.added), what)} added ({span})")
            if taken.already:
                parts.append(f"{taken.already:,} already recorded")
            if taken.conflicts:
                parts.append(plural(taken.conflicts, "conflict"))
            if not parts:  # every period it was given came twice with two values: said in the rows left
                parts.append("nothing added")
            out.append(f"{quoted(taken.label)}: {excerpt(taken.indicator, 120)}: {', '.join(parts)}.")
        counted = [plural(self.added, "measurement")] if self.added or not self.delivered else []
        if self.delivered:
            counted.append(f"{plural(self.delivered, 'period')} of delivery")
        summary = f"Added {' and '.join(counted)}"
        if self.already:
            summary += f"; {self.already:,} already recorded with the same value (unchanged)"
        if self.conflicts:
            summary += f"; {plural(len(self.conflicts), 'conflict')}: recorded with another value, kept as recorded"
        out.append(summary + ".")
        for conflict in self.conflicts[:MAX_LISTED]:
            out.append(conflict.line())
        if len(self.conflicts) > MAX_LISTED:
            out.append(f"And {len(self.conflicts) - MAX_LISTED:,} more conflicts.")
        return out


def same_period(period: str) -> str:
    """A period as compared: without case, and its spaces as one ("Q2 2025/26" is "q2  2025/26").

    >>> same_period(" Q2  2025/26 ") == same_period("q2 2025/26")
    True
    """
    return " ".join(period.split()).lower()


def _same(a: float, b: float) -> bool:
    return a == b or math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


def _number(value: float | None) -> str:
    if value is None:
        return "empty"
    return f"{int(value):,}" if float(value).is_integer() and abs(value) < 1e15 else f"{value:,.6g}"


def add_measurements(
    fw: Framework,
    incoming: Iterable[Incoming],
    *,
    unmatched: Mapping[str, int] | None = None,
    read: Sequence[str] = (),
    kind: Kind | None = None,
    delivery: Iterable[IncomingDelivery] = (),
) -> Brought:
    """A new framework with the incoming measurements added by the rule above, and the account (``Brought``).

    ``unmatched`` and ``read`` are the reader's: the rows it left by reason, and its own account lines; rows this
    leaves (a period given two values in the file) are counted in with them. ``delivery``: periods of delivery
    for boxes, by the same rule (the same participants, spent and currency: already; any other: a conflict for
    each figure that differs). Raises ``FrameworkError`` in one line when an indicator would hold more than
    ``MAX_MEASUREMENTS`` (a box more than ``MAX_DELIVERY``); ``fw`` is then still the one to use. Nothing added:
    ``framework`` is ``fw`` itself.
    """
    left: dict[str, int] = dict(unmatched or {})
    seen: dict[str, list[str]] = {}
    """The rows this rule leaves, by reason: where each is in the file (for the account)."""
    nodes = {node.id: node for node in fw.nodes}
    # Group by indicator and period: a period the file gives twice with one value is taken once, two values none.
    grouped: dict[tuple[str, int], dict[str, list[Incoming]]] = {}
    for item in incoming:
        grouped.setdefault((item.box, item.indicator), {}).setdefault(same_period(item.measurement.period), []).append(
            item
        )
    added_to: dict[tuple[str, int], list[Measurement]] = {}
    taken: list[Taken] = []
    conflicts: list[Conflict] = []
    added = already = repeated = 0
    for (box, index), periods in grouped.items():
        node = nodes[box]
        indicator = node.indicators[index]
        recorded = {same_period(m.period): m for m in indicator.measurements}
        new: list[Measurement] = []
        mine_already = mine_conflicts = 0
        for items in periods.values():
            first = items[0]
            if any(not _same(i.measurement.value, first.measurement.value) for i in items[1:]):
                _leave(left, seen, "giving one period two values in the file (neither taken)", items)
                continue
            if len(items) > 1:
                _leave(left, seen, "repeating a period of the same indicator in the file (taken once)", items[1:])
                repeated += len(items) - 1
            before = recorded.get(same_period(first.measurement.period))
            if before is None:
                new.append(first.measurement)
            elif _same(before.value, first.measurement.value):
                mine_already += 1
            else:
                mine_conflicts += 1
                conflicts.append(
                    Conflict(
                        node.id,
                        node.label,
                        indicator.name,
                        before.period,
                        before.value,
                        first.measurement.value,
                        first.where,
                    )
                )
        if len(indicator.measurements) + len(new) > MAX_MEASUREMENTS:
            raise FrameworkError(
                [
                    Problem(
                        f"nodes[{fw.nodes.index(node)}].indicators[{index}].measurements",
                        f"{quoted(node.label)}, {excerpt(indicator.name, 120)}: would hold "
                        f"{len(indicator.measurements) + len(new):,} measurements, more than the "
                        f"{MAX_MEASUREMENTS:,} an indicator may have",
                    )
                ]
            )
        new.sort(key=lambda m: m.period_end)
        if new:
            added_to[(box, index)] = new
        added += len(new)
        already += mine_already
        taken.append(
            Taken(node.id, node.label, indicator.name, tuple(m.period for m in new), mine_already, mine_conflicts)
        )
    delivered_to, delivered, delivery_already = _delivery(fw, delivery, left, seen, conflicts, taken)
    read = [*read, *_left_lines(seen)]
    already += delivery_already
    result = fw
    if added_to or delivered_to:
        result = replace_parts(fw, nodes=[_with_added(node, added_to, delivered_to) for node in fw.nodes])
    return Brought(
        framework=result,
        added=added,
        already=already,
        conflicts=tuple(conflicts),
        unmatched=left,
        read=tuple(read),
        taken=tuple(taken),
        kind=kind,
        repeated=repeated,
        delivered=delivered,
    )


def _leave(
    left: dict[str, int], seen: dict[str, list[str]], reason: str, items: Sequence[Incoming | IncomingDelivery]
) -> None:
    """Count rows this rule leaves under their reason, noting where they are."""
    left[reason] = left.get(reason, 0) + len(items)
    seen.setdefault(reason, []).extend(item.where for item in items)


def _left_lines(seen: Mapping[str, list[str]]) -> list[str]:
    """The rows this rule left, a line a reason, the first few named."""
    lines = []
    for reason, where in seen.items():
        shown = "; ".join(where[:MAX_EXAMPLES]) + (
            f"; and {len(where) - MAX_EXAMPLES:,} more" if len(where) > MAX_EXAMPLES else ""
        )
        lines.append(f"Left {plural(len(where), 'row')} {reason}: {shown}.")
    return lines


def _figures(delivered: Delivery) -> tuple[int | None, float | None, str]:
    return (delivered.participants, delivered.spent, delivered.currency)


def _delivery(
    fw: Framework,
    incoming: Iterable[IncomingDelivery],
    left: dict[str, int],
    seen: dict[str, list[str]],
    conflicts: list[Conflict],
    taken: list[Taken],
) -> tuple[dict[str, list[Delivery]], int, int]:
    """Periods of delivery by the rule: each box's new periods, how many were added and how many already there;
    conflicts and what each box took are appended to the lists given."""
    nodes = {node.id: node for node in fw.nodes}
    grouped: dict[str, dict[str, list[IncomingDelivery]]] = {}
    for item in incoming:
        grouped.setdefault(item.box, {}).setdefault(same_period(item.delivery.period), []).append(item)
    added_to: dict[str, list[Delivery]] = {}
    added = already = 0
    for box, periods in grouped.items():
        node = nodes[box]
        recorded = {same_period(d.period): d for d in node.delivery}
        new: list[Delivery] = []
        mine_already = mine_conflicts = 0
        for items in periods.values():
            first = items[0]
            if any(_figures(i.delivery) != _figures(first.delivery) for i in items[1:]):
                _leave(left, seen, "giving one period two values in the file (neither taken)", items)
                continue
            if len(items) > 1:
                _leave(left, seen, "repeating a period of the same box's delivery in the file (taken once)", items[1:])
            before = recorded.get(same_period(first.delivery.period))
            if before is None:
                new.append(first.delivery)
            elif _figures(before) == _figures(first.delivery):
                mine_already += 1
            else:
                mine_conflicts += 1
                for figure in ("participants", "spent"):
                    was, now = getattr(before, figure), getattr(first.delivery, figure)
                    if was != now or (figure == "spent" and before.currency != first.delivery.currency):
                        conflicts.append(Conflict(node.id, node.label, figure, before.period, was, now, first.where))
        if len(node.delivery) + len(new) > MAX_DELIVERY:
            raise FrameworkError(
                [
                    Problem(
                        f"nodes[{fw.nodes.index(node)}].delivery",
                        f"{quoted(node.label)}: would hold {len(node.delivery) + len(new):,} periods of delivery, "
                        f"more than the {MAX_DELIVERY:,} a box may have",
                    )
                ]
            )
        new.sort(key=lambda d: d.period_end)
        if new:
            added_to[box] = new
        added += len(new)
        already += mine_already
        taken.append(Taken(node.id, node.label, DELIVERY, tuple(d.period for d in new), mine_already, mine_conflicts))
    return added_to, added, already


def _with_added(
    node: Node,
    added_to: Mapping[tuple[str, int], list[Measurement]],
    delivered_to: Mapping[str, list[Delivery]],
) -> Node:
    """The box with its indicators' new measurements and its new periods of delivery, each list in order of the
    day its period ends (a stable sort: entries of one end day keep their order)."""
    changes: dict[str, tuple] = {}
    if node.id in delivered_to:
        changes["delivery"] = tuple(sorted([*node.delivery, *delivered_to[node.id]], key=lambda d: d.period_end))
    if any((node.id, i) in added_to for i in range(len(node.indicators))):
        indicators: list[Indicator] = []
        for i, indicator in enumerate(node.indicators):
            new = added_to.get((node.id, i))
            if new:
                merged = sorted([*indicator.measurements, *new], key=lambda m: m.period_end)
                indicator = indicator.model_copy(update={"measurements": tuple(merged)})
            indicators.append(indicator)
        changes["indicators"] = tuple(indicators)
    return node.model_copy(update=changes) if changes else node
