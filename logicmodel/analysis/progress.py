"""Progress: each indicator's latest measurement against its baseline and target, by one stated rule, and
each activity's delivery against its plan, a year at a time.

The rule is written once, here (``RULE``, from ``STATUSES``), and shown wherever a status is: the command
line's ``progress``, and any page or report that shows one. Nothing is invented: a baseline or target that
is not a number a person wrote is never made into one, and a status that cannot be judged says why.

>>> from logicmodel.core.models import Indicator
>>> indicator = Indicator.model_validate({
...     "name": "Physically inactive adults", "baseline": 25.0, "target": 22.0,
...     "measurements": [{"period": "2023/24", "period_end": "2024-03-31", "value": 23.5,
...                       "lower_ci": 22.1, "upper_ci": 24.9}],
... })
>>> judge(indicator).status
'improving'
>>> judge(indicator.model_copy(update={"target": "reduce"})).status
'improving'
>>> level("at least 65%"), level("down 2 points by 2028"), level("2,100 admissions")
(65.0, None, 2100.0)
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Literal

from logicmodel.analysis.offer import outcomes_owned
from logicmodel.analysis.value import money, read_period
from logicmodel.core.models import Framework, Indicator, Measurement, Node
from logicmodel.core.wording import plural

__all__ = [
    "BOX_ORDER",
    "BOX_RULE",
    "DELIVERY_CAVEAT",
    "RULE",
    "STATUSES",
    "BoxStatus",
    "DeliveryYear",
    "Judgement",
    "Status",
    "StatusCount",
    "box_status",
    "delivery_against_plan",
    "direction",
    "financial_year",
    "indicator_progress",
    "judge",
    "level",
    "status_counts",
]

Status = Literal["met", "improving", "no change", "worsening", "no data", "no target"]
Direction = Literal["up", "down"]

STATUSES: dict[str, str] = {
    "met": "the latest value has reached a target written as a number",
    "improving": "the latest value has moved from the baseline the better way, beyond its 95% confidence interval",
    "no change": "the latest value equals the baseline, or the baseline is inside its 95% confidence interval",
    "worsening": "the latest value has moved from the baseline the worse way, beyond its 95% confidence interval",
    "no data": "no measurement yet, or no baseline written as a number to compare the latest with",
    "no target": "no target, or one that does not say which way is better",
}
"""Each status and what it means, in the order they are judged after ``met``."""

RULE = (
    "Status compares an indicator's latest measurement (the one whose period ends last) with its baseline and "
    "target. Which way is better is read from the target: 'at least', 'no more than', 'reduce to' and the like; "
    "else from the baseline to a target written as a number; else from words such as 'reduce' or 'increase'. "
    + " ".join(f"{name.capitalize()}: {meaning}." for name, meaning in STATUSES.items())
    + " A target in words is never met."
)
"""The rule, in one paragraph: shown wherever a status is."""

BOX_ORDER: tuple[Status, ...] = ("worsening", "no change", "improving", "met", "no data", "no target")
"""How a box with several indicators takes one status: the first of these that any of its indicators has.
The worst judged status wins, so a box never looks better than its weakest indicator; "no data" and
"no target" only where none of its indicators could be judged."""

BOX_RULE = (
    "A box with several indicators shows the worst status any of them has: worsening, then no change, then "
    "improving, then met; no data or no target only when none of its indicators could be judged (no data "
    "before no target). A box with no indicators has no status."
)
"""``BOX_ORDER`` in words: shown beside ``RULE`` wherever boxes are coloured by progress."""

_NUMBER = r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_COMPARATORS: dict[str, Direction] = {
    "at least": "up",
    "no less than": "up",
    "not less than": "up",
    "more than": "up",
    "above": "up",
    "over": "up",
    ">=": "up",
    "≥": "up",
    ">": "up",
    "increase to": "up",
    "raise to": "up",
    "at most": "down",
    "no more than": "down",
    "not more than": "down",
    "fewer than": "down",
    "less than": "down",
    "below": "down",
    "under": "down",
    "<=": "down",
    "≤": "down",
    "<": "down",
    "reduce to": "down",
    "decrease to": "down",
    "lower to": "down",
    "cut to": "down",
}
_LEVEL = re.compile(
    rf"^(?P<comparator>{'|'.join(sorted(map(re.escape, _COMPARATORS), key=len, reverse=True))})?\s*"
    rf"(?P<number>{_NUMBER})\s*(?P<unit>%|per ?cent|[^\d]{{0,60}}?)?"
    r"(?:\s*,?\s*(?:by|in|for)\s+(?:the\s+end\s+of\s+)?(?:19|20)\d{2}(?:\s*/\s*\d{2})?)?\.?$",
    re.IGNORECASE,
)
_CHANGE_WORDS = re.compile(
    r"\b(points?|pp|fewer|more|less|lower|higher|up|down|reduc\w*|increas\w*|decreas\w*|rise|fall|cut|change|"
    r"improv\w*|from)\b",
    re.IGNORECASE,
)
_DOWN_WORDS = re.compile(r"\b(reduc\w*|decreas\w*|lower\w*|fewer|less|down|fall\w*|cut\w*|declin\w*)\b", re.I)
_UP_WORDS = re.compile(r"\b(increas\w*|rais\w*|more|higher|up|ris\w*|grow\w*)\b", re.I)


def level(value: float | int | str | None) -> float | None:
    """The level a baseline or target states, as a number, or None when it states none: a number; or a text
    that is one number, with a unit, a comparator such as "at least" and a year it is due by ("at least 65%
    by 2028"). A text that speaks of a change ("down 2 points", "reduce by 5%"), or holds two numbers, states
    no level: no number is read out of it.

    >>> [level(v) for v in (61.2, "61.2%", "at least 50", "no more than 1,200 a year", "65% by 2028/29")]
    [61.2, 61.2, 50.0, 1200.0, 65.0]
    >>> level("reduce to 20% by 2030")
    20.0
    >>> [level(v) for v in ("reduce", "reduce by 5%", "from 30 to 25", "none", None, "2 points lower")]
    [None, None, None, None, None, None]
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    match = _LEVEL.match(" ".join(value.split()))
    if match is None or _CHANGE_WORDS.search(match["unit"] or ""):
        return None
    return float(match["number"].replace(",", ""))


def direction(indicator: Indicator) -> Direction | None:
    """Which way is better, "up" or "down", read from the target as ``RULE`` says; None when it does not say.

    >>> from logicmodel.core.models import Indicator
    >>> [direction(Indicator(name="I", baseline=b, target=t)) for b, t in ((30, 25), (30, "fewer falls"),
    ...     (None, "at least 65%"), (30, 30), (None, 25), (30, "improve"))]
    ['down', 'down', 'up', None, None, None]
    """
    target = indicator.target
    if target is None:
        return None
    if isinstance(target, str):
        match = _LEVEL.match(" ".join(target.split()))
        if match and match["comparator"] and level(target) is not None:
            return _COMPARATORS[match["comparator"].lower()]
    aim, start = level(target), level(indicator.baseline)
    if aim is not None and start is not None and aim != start:
        return "up" if aim > start else "down"
    if isinstance(target, str) and aim is None:
        down, up = bool(_DOWN_WORDS.search(target)), bool(_UP_WORDS.search(target))
        if down != up:
            return "down" if down else "up"
    return None


@dataclass(frozen=True)
class Judgement:
    """One indicator's status, with what it was judged from and why, in words."""

    box: Node
    indicator: Indicator
    status: Status
    why: str
    latest: Measurement | None
    direction: Direction | None

    @property
    def row(self) -> dict[str, object]:
        """As the command line's ``--json`` gives it: box, indicator, baseline, latest, period, target, status."""
        return {
            "box": self.box.id,
            "indicator": self.indicator.name,
            "baseline": self.indicator.baseline,
            "latest": self.latest.value if self.latest else None,
            "period": self.latest.period if self.latest else None,
            "target": self.indicator.target,
            "status": self.status,
        }


def latest(indicator: Indicator) -> Measurement | None:
    """The measurement whose period ends last (the last recorded of those, if two end on one day)."""
    found: Measurement | None = None
    for measured in indicator.measurements:
        if found is None or measured.period_end >= found.period_end:
            found = measured
    return found


def judge(indicator: Indicator, box: Node | None = None) -> Judgement:
    """The status of one indicator, by ``RULE``."""
    box = box or Node(id="box", level="box", label="box")
    last = latest(indicator)
    way = direction(indicator)

    def said(status: Status, why: str) -> Judgement:
        return Judgement(box, indicator, status, why, last, way)

    if indicator.target is None:
        return said("no target", "no target is set")
    if last is None:
        return said("no data", "nothing has been measured yet")
    if way is None and level(indicator.target) is not None and level(indicator.baseline) is None:
        return said("no data", "no baseline written as a number, to read which way is better from and compare with")
    if way is None:
        return said("no target", "the target does not say which way is better")
    aim, start, value = level(indicator.target), level(indicator.baseline), last.value
    if aim is not None and (value >= aim if way == "up" else value <= aim):
        return said("met", f"{_figure(value)} in {last.period} has reached the target")
    if start is None:
        return said("no data", "no baseline written as a number to compare the latest measurement with")
    low, high = last.lower_ci, last.upper_ci
    if value == start:
        return said("no change", f"{_figure(value)} in {last.period} is the baseline")
    if low is not None and high is not None and low <= start <= high:
        return said(
            "no change", f"the baseline is inside the 95% confidence interval ({_figure(low)} to {_figure(high)})"
        )
    better = value > start if way == "up" else value < start
    moved = f"{'up' if value > start else 'down'} {_figure(abs(value - start))} from the baseline of {_figure(start)}"
    if low is not None and high is not None:
        moved += ", beyond the 95% confidence interval"
    return said("improving" if better else "worsening", moved)


def _figure(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.4g}"


def indicator_progress(fw: Framework) -> list[Judgement]:
    """Every indicator's status, box by box in the framework's order (judged once per framework object)."""
    return list(fw.cached("indicator_progress", _judge_all))


def _judge_all(fw: Framework) -> list[Judgement]:
    return [judge(indicator, node) for node in fw.nodes for indicator in node.indicators]


@dataclass(frozen=True)
class StatusCount:
    """How many of a group's indicators have each status: a level's, or a commissioner's."""

    id: str
    """The level's id, or the commissioner's (stakeholder) id."""
    name: str
    """The level's label, or the commissioner's name."""
    counts: dict[str, int]
    """Each status of ``STATUSES``, in its order, with how many (0 included)."""

    @property
    def total(self) -> int:
        """How many indicators the group has."""
        return sum(self.counts.values())

    def in_words(self) -> str:
        """ "5 indicators: 1 met, 2 improving, 2 no data": the statuses the group has, in the rule's order."""
        counted = ", ".join(f"{n} {status}" for status, n in self.counts.items() if n)
        return f"{plural(self.total, 'indicator')}: {counted}" if counted else "no indicators"


def status_counts(fw: Framework, by: Literal["level", "commissioner"]) -> list[StatusCount]:
    """The statuses of the framework's indicators counted by level (each level that has an indicator, in the
    framework's order of levels) or by commissioner (every commissioner, in the framework's order, counting
    the indicators of the outcomes they own: ``logicmodel.analysis.offer.outcomes_owned``, the one definition
    the offer and the report use; a commissioner with none is listed with 0).

    >>> from logicmodel.core.readwrite import from_data
    >>> fw = from_data({"schema_version": 1, "meta": {"title": "T"},
    ...     "stakeholders": [{"id": "ph", "name": "Public Health", "role": "commissioner"}],
    ...     "nodes": [{"id": "o", "level": "strategic", "label": "Fewer inactive", "stakeholders": ["ph"],
    ...                "indicators": [{"name": "Inactive", "target": "reduce"}]}], "links": []})
    >>> [(c.name, c.in_words()) for c in status_counts(fw, by="commissioner")]
    [('Public Health', '1 indicator: 1 no data')]
    """
    judged = indicator_progress(fw)
    groups: list[tuple[str, str, list[Judgement]]] = []
    if by == "level":
        for lv in fw.levels:
            mine = [j for j in judged if j.box.level == lv.id]
            if mine:
                groups.append((lv.id, lv.label, mine))
    elif by == "commissioner":
        for who in fw.stakeholders:
            if who.role != "commissioner":
                continue
            owned = {n.id for n in outcomes_owned(fw, who.id)}
            groups.append((who.id, who.name, [j for j in judged if j.box.id in owned]))
    else:
        raise ValueError(f"count by 'level' or 'commissioner', not {by!r}")
    return [StatusCount(key, name, _counted(mine)) for key, name, mine in groups]


def _counted(judged: list[Judgement]) -> dict[str, int]:
    counts = dict.fromkeys(STATUSES, 0)
    for judgement in judged:
        counts[judgement.status] += 1
    return counts


@dataclass(frozen=True)
class BoxStatus:
    """One box's status, from its indicators' (``BOX_RULE``), and a short summary of them in words."""

    status: Status
    summary: str
    """E.g. "2 of 3 indicators improving; 1 no data": the box's own status first, then the others."""
    judgements: tuple[Judgement, ...]


def box_status(fw: Framework) -> dict[str, BoxStatus]:
    """Each box's status by ``BOX_RULE``, by box id, for the boxes with at least one indicator.

    >>> from logicmodel.core.readwrite import from_data
    >>> fw = from_data({"schema_version": 1, "meta": {"title": "T"}, "links": [], "nodes": [
    ...     {"id": "a", "level": "activity", "label": "A"},
    ...     {"id": "o", "level": "intermediate", "label": "O", "indicators": [
    ...         {"name": "Active adults", "baseline": 60, "target": 65,
    ...          "measurements": [{"period": "2023/24", "period_end": "2024-03-31", "value": 62}]},
    ...         {"name": "Inactive adults", "baseline": 25, "target": 22}]}]})
    >>> found = box_status(fw)
    >>> list(found), found["o"].status, found["o"].summary
    (['o'], 'improving', '1 of 2 indicators improving; 1 no data')
    """
    return dict(fw.cached("box_status", _box_status_all))  # a copy: the cached one is shared by every caller


def _box_status_all(fw: Framework) -> dict[str, BoxStatus]:
    """``box_status``, from the indicators' judgements already made (``indicator_progress``), grouped by box."""
    by_box: dict[str, list[Judgement]] = defaultdict(list)
    for judgement in indicator_progress(fw):
        by_box[judgement.box.id].append(judgement)
    found: dict[str, BoxStatus] = {}
    for node in fw.nodes:
        if node.id not in by_box:
            continue
        judged = tuple(by_box[node.id])
        counts = {status: sum(j.status == status for j in judged) for status in BOX_ORDER}
        status = next(status for status in BOX_ORDER if counts[status])
        total = len(judged)
        said = [f"{counts[status]} of {total} indicator{'s' if total != 1 else ''} {status}"]
        said += [f"{counts[other]} {other}" for other in STATUSES if other != status and counts[other]]
        found[node.id] = BoxStatus(status, "; ".join(said), judged)
    return found


def financial_year(day: str) -> str:
    """The UK financial year (April to March) a day falls in, written as people write it.

    >>> financial_year("2025-06-30"), financial_year("2026-03-31"), financial_year("2026-04-01")
    ('2025/26', '2025/26', '2026/27')
    """
    when = date.fromisoformat(day)
    start = when.year if when.month >= 4 else when.year - 1
    return f"{start}/{(start + 1) % 100:02d}"


DELIVERY_CAVEAT = (
    "Participants are added up over a year's periods: someone who came in two quarters is counted twice, so a "
    "year of quarters can read above a plan of distinct people. Spending is set beside the plan's cost only "
    "where the plan is a cost a year in the same currency."
)
"""What delivery against plan cannot say, shown wherever it is."""


@dataclass(frozen=True)
class DeliveryYear:
    """What an activity delivered in one financial year, beside its plan (``reach``, ``cost`` a year).

    Participants are added up over the year's periods: people who came in two quarters are counted twice,
    so a year of quarters can read above a plan of distinct people. Spending is added up in each currency;
    the plan's cost is set beside it only when it is in the same currency and its period reads as yearly."""

    box: Node
    year: str
    periods: tuple[str, ...]
    participants: int | None
    planned_reach: int | None
    spent: float | None
    currency: str
    planned_cost: float | None
    """The cost a year, where the plan's period reads as one (``logicmodel.analysis.value.read_period``)."""

    def reached(self) -> str:
        """The reach in words: "412 participants of 500 planned a year", or that it was not recorded."""
        if self.participants is None:
            return "participants not recorded"
        words = plural(self.participants, "participant")
        return words + (f" of {self.planned_reach:,} planned a year" if self.planned_reach is not None else "")

    def spending(self) -> str:
        """The spending in words: "spent £12,300 of £15,000 planned a year", or that it was not recorded."""
        if self.spent is None:
            return "spending not recorded"
        words = f"spent {money(self.spent, self.currency)}"
        if self.planned_cost is not None:
            words += f" of {money(self.planned_cost, self.currency)} planned a year"
        return words


def delivery_against_plan(fw: Framework) -> list[DeliveryYear]:
    """Each box's delivery, a financial year (and currency) at a time, beside its planned reach and cost."""
    found: list[DeliveryYear] = []
    for node in fw.nodes:
        years: dict[tuple[str, str], list] = defaultdict(list)
        for delivered in sorted(node.delivery, key=lambda d: d.period_end):
            years[(financial_year(delivered.period_end), delivered.currency)].append(delivered)
        for (year, currency), entries in years.items():
            reached = [d.participants for d in entries if d.participants is not None]
            spent = [d.spent for d in entries if d.spent is not None]
            found.append(
                DeliveryYear(
                    box=node,
                    year=year,
                    periods=tuple(d.period for d in entries),
                    participants=sum(reached) if reached else None,
                    planned_reach=node.reach,
                    spent=sum(spent) if spent else None,
                    currency=currency,
                    planned_cost=_yearly_cost(node, currency),
                )
            )
    return found


def _yearly_cost(node: Node, currency: str) -> float | None:
    if node.cost is None or node.cost.currency != currency:
        return None
    reading = read_period(node.cost.period)
    return node.cost.amount * reading.per_year if reading.kind == "yearly" and reading.per_year else None
