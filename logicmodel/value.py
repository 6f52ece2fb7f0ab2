"""Value for money: what the framework costs a year, per participant, behind each strategic outcome, and the
benefits claimed against it.

The rules, stated wherever the figures are shown (``RULE``):

- a cost in another period is converted to a year (a month times 12, a week times 52, a quarter times 4,
  "over 3 years" divided by 3); a one-off cost (one-off, pilot, set-up, capital, a total) is shown apart, never
  added to a year; a period not stated or not understood is shown apart, saying so;
- a box's yearly cost is shared equally between the strategic outcomes (the last level) it leads to;
- cost per participant is the yearly cost of the boxes that record both a cost and a reach, over their reach;
- benefits are estimates, added up as claimed; their ratio to costs is shown only where both exist;
- a missing figure is said to be missing, never counted as zero.

>>> read_period("a year (illustrative)").per_year, read_period("monthly").per_year, read_period("pilot").kind
(1.0, 12.0, 'one-off')
>>> money(12000, "GBP"), money(7.5, "EUR"), money(300, "SEK")
('£12,000', '€7.50', '300 SEK')
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Literal

from logicmodel.graph import activity_ids, last_level_ids, reached_from
from logicmodel.models import Benefit, Cost, Framework, Node

__all__ = [
    "RULE",
    "Figure",
    "OutcomeValue",
    "PeriodReading",
    "Summary",
    "money",
    "read_period",
    "summary",
]

RULE = (
    "Costs in other periods are converted to a year (a month ×12, a week ×52, a quarter ×4); one-off costs "
    "are shown apart. An activity's yearly cost is shared equally between the strategic outcomes it reaches. "
    "Cost per participant is the yearly cost of the activities that record both a cost and a reach, divided by "
    "their reach. Benefits are estimates as claimed on each box; the ratio is shown only where both exist."
)
"""How the figures are worked out, in words, for every page and report that shows them."""

_SYMBOL = {"GBP": "£", "EUR": "€", "USD": "$"}


def money(amount: float, currency: str) -> str:
    """An amount as people write it: £12,000; pence shown only under 100."""
    text = f"{amount:,.2f}" if amount < 100 and amount != int(amount) else f"{round(amount):,}"
    symbol = _SYMBOL.get(currency)
    return f"{symbol}{text}" if symbol else f"{text} {currency}"


@dataclass(frozen=True)
class PeriodReading:
    """How a cost's period reads: a yearly factor, a one-off, or not known (and why)."""

    kind: Literal["yearly", "one-off", "unknown"]
    per_year: float | None = None
    why: str = ""


_ONE_OFF = re.compile(r"\b(one[- ]?off|once|one[- ]time|pilot|set[- ]?up|start[- ]?up|capital|total|in all)\b")
_OVER_YEARS = re.compile(r"\b(?:over|for|across)\s+(\d{1,2})\s+years?\b")
_EVERY = (
    (re.compile(r"\b(?:a|per|each|every)\s+year\b|\bannual(?:ly)?\b|\byearly\b|\bper\s+annum\b|/\s*year\b"), 1.0),
    (re.compile(r"\b(?:a|per|each|every)\s+quarter\b|\bquarterly\b"), 4.0),
    (re.compile(r"\b(?:a|per|each|every)\s+month\b|\bmonthly\b"), 12.0),
    (re.compile(r"\b(?:a|per|each|every)\s+week\b|\bweekly\b"), 52.0),
)


def read_period(period: str | None) -> PeriodReading:
    """Read a cost's period, as typed, into a yearly factor.

    >>> read_period("over 3 years").per_year
    0.3333333333333333
    >>> read_period(None).why
    'period not stated'
    >>> read_period("per session").kind
    'unknown'
    """
    if period is None or not period.strip():
        return PeriodReading("unknown", why="period not stated")
    text = period.casefold()
    if _ONE_OFF.search(text):
        return PeriodReading("one-off")
    over = _OVER_YEARS.search(text)
    if over and int(over.group(1)) > 0:
        return PeriodReading("yearly", 1.0 / int(over.group(1)))
    for pattern, factor in _EVERY:
        if pattern.search(text):
            return PeriodReading("yearly", factor)
    return PeriodReading("unknown", why=f"period “{period}” not understood")


@dataclass(frozen=True)
class Figure:
    """One box's cost or benefit as recorded, and how it counts."""

    node: Node
    amount: float
    currency: str
    period: str | None
    reading: PeriodReading
    a_year: float | None
    """The amount a year, when it converts; None for a one-off or an unreadable figure."""

    def words(self) -> str:
        """As recorded: "£12,000 a year", "£5,000 (pilot)", "£300 (period not stated)"."""
        if self.period:
            return f"{money(self.amount, self.currency)} {self.period}"
        return f"{money(self.amount, self.currency)} (period not stated)"


def _figure(node: Node, item: Cost | Benefit, currency: str) -> Figure:
    reading = read_period(item.period)
    if item.currency != currency:
        reading = PeriodReading("unknown", why=f"in {item.currency}, not added to {currency}")
    a_year = item.amount * reading.per_year if reading.kind == "yearly" and reading.per_year is not None else None
    return Figure(node, item.amount, item.currency, item.period, reading, a_year)


@dataclass(frozen=True)
class OutcomeValue:
    """The cost standing behind one strategic outcome, and the benefit claimed on it."""

    outcome: Node
    shares: list[tuple[Node, float]]
    """Each costed box behind it and the share of its yearly cost that falls here."""
    uncosted: list[Node]
    """Activities behind it with no cost recorded (or none that converts to a year)."""
    one_off: list[Figure]
    """One-off costs of boxes behind it, shown apart and not shared."""
    benefit: Figure | None

    @property
    def cost_a_year(self) -> float | None:
        """The sum of the shares, or None when no box behind it has a yearly cost."""
        return sum(share for _, share in self.shares) if self.shares else None

    @property
    def ratio(self) -> float | None:
        """Estimated yearly benefit for each unit of yearly cost, where both exist."""
        cost = self.cost_a_year
        if cost and self.benefit is not None and self.benefit.a_year is not None:
            return self.benefit.a_year / cost
        return None


@dataclass(frozen=True)
class Summary:
    """The value summary of a framework (or of the boxes behind one commissioner's outcomes)."""

    currency: str
    costs: list[Figure]
    """Every cost recorded, in the framework's order."""
    benefits: list[Figure]
    uncosted: list[Node]
    """Activities with no cost recorded."""
    no_reach: list[Node]
    """Costed boxes and activities with no reach recorded."""
    outcomes: list[OutcomeValue] = field(default_factory=list)
    unshared: list[Figure] = field(default_factory=list)
    """Yearly costs of boxes that lead to no strategic outcome: they stand behind none."""

    @property
    def yearly(self) -> list[Figure]:
        return [f for f in self.costs if f.a_year is not None]

    @property
    def one_off(self) -> list[Figure]:
        return [f for f in self.costs if f.reading.kind == "one-off" and f.currency == self.currency]

    @property
    def unreadable(self) -> list[Figure]:
        """Costs that neither convert to a year nor are one-off: period not stated or not understood."""
        return [
            f
            for f in self.costs
            if f.a_year is None and not (f.reading.kind == "one-off" and f.currency == self.currency)
        ]

    @property
    def cost_a_year(self) -> float | None:
        yearly = self.yearly
        return sum(f.a_year or 0.0 for f in yearly) if yearly else None

    @property
    def one_off_total(self) -> float | None:
        return sum(f.amount for f in self.one_off) if self.one_off else None

    @property
    def per_participant(self) -> tuple[float, int, int] | None:
        """(cost a year per participant, participants, boxes counted), over boxes with both; None if none has."""
        both = [f for f in self.yearly if f.node.reach]
        if not both:
            return None
        reach = sum(f.node.reach or 0 for f in both)
        return sum(f.a_year or 0.0 for f in both) / reach, reach, len(both)

    @property
    def benefit_a_year(self) -> float | None:
        yearly = [f for f in self.benefits if f.a_year is not None]
        return sum(f.a_year or 0.0 for f in yearly) if yearly else None

    @property
    def ratio(self) -> float | None:
        """Estimated benefit a year for each unit of cost a year; None unless both are known."""
        cost, benefit = self.cost_a_year, self.benefit_a_year
        return benefit / cost if cost and benefit is not None else None

    def missing(self) -> list[str]:
        """What is missing, in words, for the summary to be complete."""
        said = []
        if not self.costs:
            said.append("no costs recorded")
        if self.uncosted:
            said.append(f"no cost recorded for {_count(len(self.uncosted), 'activity', 'activities')}")
        if self.unreadable:
            said.append(f"{_count(len(self.unreadable), 'cost')} not converted to a year (period not clear)")
        if self.no_reach:
            said.append(f"no reach recorded for {_count(len(self.no_reach), 'box', 'boxes')} with a cost or activity")
        if not self.benefits:
            said.append("no benefits estimated")
        return said


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


def _main_currency(fw: Framework) -> str:
    used = Counter(n.cost.currency for n in fw.nodes if n.cost) + Counter(
        n.benefit.currency for n in fw.nodes if n.benefit
    )
    return used.most_common(1)[0][0] if used else "GBP"


def summary(fw: Framework, within: set[str] | None = None) -> Summary:
    """The value summary of the framework, or of the boxes in ``within`` (e.g. one commissioner's pathways).

    Cost behind each strategic outcome is worked out over the whole framework, so a share is the same
    whichever commissioner looks at it; with ``within``, only the strategic outcomes in it are listed.
    """
    return fw.cached("value_summary", _whole) if within is None else _summary(fw, within)


def _whole(fw: Framework) -> Summary:
    return _summary(fw, None)


def _summary(fw: Framework, within: set[str] | None) -> Summary:
    currency = _main_currency(fw)
    nodes = [n for n in fw.nodes if within is None or n.id in within]
    activities = set(activity_ids(fw))
    costs = [_figure(n, n.cost, currency) for n in nodes if n.cost is not None]
    benefits = [_figure(n, n.benefit, currency) for n in nodes if n.benefit is not None]
    uncosted = [n for n in nodes if n.id in activities and n.cost is None]
    no_reach = [n for n in nodes if (n.cost is not None or n.id in activities) and n.reach is None]
    outcomes, unshared = fw.cached("value_behind_outcomes", lambda f: _behind_outcomes(f, currency))
    if within is not None:
        outcomes = [o for o in outcomes if o.outcome.id in within]
        unshared = [f for f in unshared if f.node.id in within]
    return Summary(currency, costs, benefits, uncosted, no_reach, outcomes, unshared)


def _behind_outcomes(fw: Framework, currency: str) -> tuple[list[OutcomeValue], list[Figure]]:
    strategic = last_level_ids(fw)
    ends = set(strategic)
    position = {o: i for i, o in enumerate(strategic)}
    activities = set(activity_ids(fw))
    shares: dict[str, list[tuple[Node, float]]] = {o: [] for o in strategic}
    uncosted: dict[str, list[Node]] = {o: [] for o in strategic}
    one_off: dict[str, list[Figure]] = {o: [] for o in strategic}
    unshared: list[Figure] = []
    for node in fw.nodes:
        if node.cost is None and node.id not in activities:
            continue
        reached = sorted(reached_from(fw, [node.id]) & ends - {node.id}, key=position.__getitem__)
        figure = _figure(node, node.cost, currency) if node.cost is not None else None
        if figure is not None and figure.a_year is not None:
            if not reached:
                unshared.append(figure)
            for o in reached:
                shares[o].append((node, figure.a_year / len(reached)))
        elif figure is not None and figure.reading.kind == "one-off":
            for o in reached:
                one_off[o].append(figure)
        elif node.id in activities:
            for o in reached:
                uncosted[o].append(node)
    by_id = fw.node_by_id
    benefit = {n.id: _figure(n, n.benefit, currency) for n in fw.nodes if n.benefit is not None}
    return [OutcomeValue(by_id[o], shares[o], uncosted[o], one_off[o], benefit.get(o)) for o in strategic], unshared
