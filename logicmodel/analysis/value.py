"""Value for money: what the framework costs a year, per participant, behind each strategic outcome, and the
benefits claimed against it.

The rules, stated wherever the figures are shown (``RULE``):

- a cost in another period is converted to a year (a month times 12, a week times 52, a quarter times 4,
  "over 3 years" divided by 3), however it is written ("year", "pa", "p.a.", "/yr", "12 months", "2025/26",
  "monthly", "pcm", "every 2 weeks": ``read_period``); a one-off cost (one-off, pilot, set-up, capital, a
  total) is shown apart, never added to a year; a period not stated or not understood is shown apart, saying so;
- a box's yearly cost is shared equally between the strategic outcomes (the last level) it leads to;
- cost per participant is the yearly cost of the boxes that record both a cost and a reach, over their reach;
- benefits are estimates, added up as claimed; their ratio to costs is shown only where both exist; that total
  and its ratio are a rough estimate (``ROUGH``), not the appraisal (``logicmodel.analysis.appraisal``), which
  takes off deadweight, displacement and attribution, lets a benefit fade and discounts it;
- a missing figure is said to be missing, never counted as zero;
- a template's example box, while it keeps its example words, is counted nowhere, as on Check
  (``logicmodel.analysis.placeholders``): its cost is not added, its missing cost is not a gap, no cost is shared
  through it.

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

from logicmodel.analysis.placeholders import placeholder_boxes
from logicmodel.core.graph import activity_ids, last_level_ids, reached_from
from logicmodel.core.models import Benefit, Cost, Framework, Node
from logicmodel.core.wording import plural

__all__ = [
    "ROUGH",
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
    "Costs in other periods are converted to a year (a quarter ×4, a month ×12, a week ×52, over 3 years ÷3; a "
    "year written as p.a., /yr, 12 months or 2025/26 counts as it is); one-off costs are shown apart. An "
    "activity's yearly cost is shared equally between the strategic outcomes it reaches. "
    "Cost per participant is the yearly cost of the activities that record both a cost and a reach, divided by "
    "their reach. Benefits are rough estimates as claimed on each box, not the appraisal (nothing taken off, "
    "nothing discounted); the ratio is shown only where both exist."
)
"""How the figures are worked out, in words, for every page and report that shows them."""

ROUGH = "a rough estimate, not the appraisal"
"""What the simple benefit total and its ratio are, said wherever they are shown (``RULE`` says why)."""

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


_SPANS = {
    "year": 1.0, "yr": 1.0, "annum": 1.0,
    "half-year": 2.0, "half year": 2.0,
    "quarter": 4.0, "qtr": 4.0,
    "month": 12.0, "mth": 12.0, "mo": 12.0, "calendar month": 12.0,
    "fortnight": 26.0,
    "week": 52.0, "wk": 52.0,
}  # fmt: skip
"""Each word for a span of time (singular; a plural "s" is read too) and how many of it make a year."""

_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
_TIMES_WORDS = {"once": 1, "twice": 2, "thrice": 3}

_SPAN = r"(?P<span>" + "|".join(sorted((re.escape(w) for w in _SPANS), key=len, reverse=True)) + r")s?"
_N = r"(?P<n>\d+(?:\.\d+)?|" + "|".join(_NUMBER_WORDS) + r")"
_EACH = r"(?:(?:a|an|per|each|every)\s+|/\s*)"
_KIND_OF_YEAR = r"(?:(?:financial|calendar|academic|school|fiscal)\s+)?"

_ONE_OFF = re.compile(
    r"\b(one[- ]?off|once(?!\s+(?:a|an|per|each|every|in)\b)|one[- ]time|pilot|set[- ]?up|start[- ]?up|capital"
    r"|total|in all)\b"
)
_TIMES = re.compile(
    r"\b(?P<times>\d+|"
    + "|".join(_NUMBER_WORDS)
    + "|"
    + "|".join(_TIMES_WORDS)
    + r")\s*(?:times|x)?\s*"
    + _EACH
    + _KIND_OF_YEAR
    + _SPAN
    + r"(?![\w-])"
)
_EVERY = re.compile(r"(?<![\w-])" + _EACH + _KIND_OF_YEAR + _SPAN + r"(?![\w-])")
_NAMED = (
    (re.compile(r"\b(?:half[- ]?yearly|six[- ]?monthly|semi[- ]?annual(?:ly)?)\b"), 2.0),
    (re.compile(r"\b(?:annual(?:ly)?|yearly|per\s+an\.?)\b"), 1.0),
    (re.compile(r"\bquarterly\b"), 4.0),
    (re.compile(r"\bmonthly\b"), 12.0),
    (re.compile(r"\bfortnightly\b"), 26.0),
    (re.compile(r"\bweekly\b"), 52.0),
    (re.compile(r"(?<![\w.])(?:p\.?\s?a\.?|p/a|p/y)(?![\w])"), 1.0),
    (re.compile(r"(?<![\w.])(?:p\.?c\.?m\.?|p\.?m\.?|p/m)(?![\w])"), 12.0),
    (re.compile(r"(?<![\w.])(?:p\.?w\.?|p/w)(?![\w])"), 52.0),
)
"""Words that name a period whole: "annual", "monthly", "p.a.", "pcm", "pw"."""
_LASTING = re.compile(
    r"(?:\b(?P<each>every|each|per|a)\s+|\b(?:over|for|across|lasting)\s+)?" + _N + r"\s*-?\s*" + _SPAN + r"(?![\w])"
)
_FINANCIAL_YEAR = re.compile(r"(?<!\d)(?:fy\s*)?(?P<start>(?:19|20)\d{2})\s*[/-]\s*(?P<end>\d{4}|\d{2})(?!\d)")
_YEAR_ALONE = re.compile(r"^(?:in\s+|fy\s*|during\s+)?(?:19|20)\d{2}$")
_BARE = re.compile(r"(?<![\w-])" + _KIND_OF_YEAR + _SPAN + r"(?![\w-])")
_DAILY = re.compile(r"\b(?:daily|(?:a|per|each|every)\s+day|days?)\b|/\s*day\b")
_NOTE = re.compile(r"\([^()]*\)")


def read_period(period: str | None) -> PeriodReading:
    """Read a cost's period, as people type it, into a yearly factor.

    A period is read in this order: a one-off (one-off, pilot, set-up, capital, a total); "N times a year";
    a period named by "a", "per", "each", "every" or "/" ("a year", "per month", "/yr"), or by one word
    ("annual", "monthly", "p.a.", "pcm", "pw"); a stretch of time ("12 months", "over 3 years", "every 2
    weeks"); a financial year ("2025/26"); a span word alone ("year", "month"). Words in brackets, such as
    "(illustrative)", are notes and not read. A stretch shorter than a year, such as "6 months", is not
    converted unless it repeats ("every 6 months"): it may be a one-off.

    >>> read_period("over 3 years").per_year
    0.3333333333333333
    >>> [read_period(p).per_year for p in ("year", "p.a.", "/yr", "12 months", "2025/26", "quarter", "pcm")]
    [1.0, 1.0, 1.0, 1.0, 1.0, 4.0, 12.0]
    >>> read_period(None).why
    'period not stated'
    >>> read_period("per session").kind
    'unknown'
    """
    if period is None or not period.strip():
        return PeriodReading("unknown", why="period not stated")
    text = " ".join(_NOTE.sub(" ", period.casefold().replace("\u2013", "-").replace("\u2014", "-")).split())
    if _ONE_OFF.search(text):
        return PeriodReading("one-off")
    factor = _factor(text)
    if isinstance(factor, float):
        return PeriodReading("yearly", factor)
    return PeriodReading("unknown", why=factor.format(period=period))


def _number(word: str) -> float:
    return float(_NUMBER_WORDS.get(word) or _TIMES_WORDS.get(word) or word)


def _span(word: str) -> float:
    return _SPANS[word.removesuffix("s") if word.removesuffix("s") in _SPANS else word]


def _factor(text: str) -> float | str:
    """How many times a year ``text`` (casefolded, notes taken out) comes round, or why it is not known."""
    times = _TIMES.search(text)
    if times:
        return _number(times["times"]) * _span(times["span"])
    every = _EVERY.search(text)
    if every:
        return _span(every["span"])
    for pattern, factor in _NAMED:
        if pattern.search(text):
            return factor
    lasting = _LASTING.search(text)
    if lasting:
        n, per_year = _number(lasting["n"]), _span(lasting["span"])
        if n <= 0:
            return "period “{period}” not understood"
        if lasting["each"] or n >= per_year:  # repeats ("every 6 months"), or spreads a cost over a year or more
            return per_year / n
        return "period “{period}” is shorter than a year: say whether it repeats (“every …”) or is a one-off"
    years = _FINANCIAL_YEAR.findall(text)
    if years:
        spans = [(int(start), int(end)) for start, end in years]
        if all(_next_year(start, end) for start, end in spans):
            return 1.0 / (spans[-1][0] - spans[0][0] + 1) if len(spans) > 1 else 1.0
    if _YEAR_ALONE.match(text):
        return 1.0
    bare = {_span(m["span"]) for m in _BARE.finditer(text)}
    if len(bare) == 1:
        return bare.pop()
    if _DAILY.search(text):
        return "period “{period}” is by the day: say what it costs a year, or a week"
    return "period “{period}” not understood"


def _next_year(start: int, end: int) -> bool:
    """Whether ``end`` (two or four digits) is the year after ``start``: "2025/26", "2025-2026"."""
    return end == start + 1 if end >= 100 else end == (start + 1) % 100


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
            said.append(f"no cost recorded for {plural(len(self.uncosted), 'activity', 'activities')}")
        if self.unreadable:
            said.append(f"{plural(len(self.unreadable), 'cost')} not converted to a year (period not clear)")
        if self.no_reach:
            said.append(f"no reach recorded for {plural(len(self.no_reach), 'box', 'boxes')} with a cost or activity")
        if not self.benefits:
            said.append("no benefits estimated")
        return said


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
    examples = placeholder_boxes(fw)
    nodes = [n for n in fw.nodes if (within is None or n.id in within) and n.id not in examples]
    activities = set(activity_ids(fw)).difference(examples)
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
    examples = placeholder_boxes(fw)
    strategic = [o for o in last_level_ids(fw) if o not in examples]
    ends = set(strategic)
    position = {o: i for i, o in enumerate(strategic)}
    activities = set(activity_ids(fw))
    shares: dict[str, list[tuple[Node, float]]] = {o: [] for o in strategic}
    uncosted: dict[str, list[Node]] = {o: [] for o in strategic}
    one_off: dict[str, list[Figure]] = {o: [] for o in strategic}
    unshared: list[Figure] = []
    for node in fw.nodes:
        if (node.cost is None and node.id not in activities) or node.id in examples:
            continue
        reached = sorted(reached_from(fw, [node.id], avoiding=examples) & ends - {node.id}, key=position.__getitem__)
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
