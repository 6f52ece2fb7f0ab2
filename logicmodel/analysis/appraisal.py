"""The financial case a finance officer signs off: each valued outcome's social value net of deadweight,
displacement and attribution, fading by its drop-off and discounted over the years it lasts, against the
investment; who pays and who saves; where two valued boxes may count the same benefit twice.

Pure arithmetic on a framework, no I/O. The rule, stated wherever a figure is shown, is ``RULE``:

- an outcome's first-year value is quantity × proxy × (1 − deadweight) × (1 − displacement) × (1 − attribution);
- year n's value (n = 1 … duration) is the first year's × (1 − drop_off)^(n−1), discounted by
  (1 + discount rate)^n; its present value is the sum of the discounted years;
- the investment is the yearly cost plus the one-off costs, at year 0 and not discounted, read exactly as the
  value summary reads costs (``logicmodel.analysis.value``);
- net present value is present value − investment; the ratio is present value ÷ investment;
- a missing figure is listed, never counted as zero; a proxy in another currency is not added;
- a valued box from which another valued box is reached along the links is flagged: the downstream value may
  already be part of it.

>>> from logicmodel.core.models import Node, Proxy, Valuation
>>> v = Valuation(quantity=10, proxy=Proxy(amount=100), deadweight=0.5, displacement=0, attribution=0,
...               drop_off=0.5, duration=2)
>>> case = outcome_case(Node(id="a", level="strategic", label="A"), v, 0.0, "GBP")
>>> case.first_year, case.years, case.present_value
(500.0, (500.0, 250.0), 750.0)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from logicmodel.analysis.placeholders import placeholder_boxes
from logicmodel.analysis.value import Figure, money, summary
from logicmodel.core.graph import activity_ids, reached_from
from logicmodel.core.models import Framework, Node, Valuation

__all__ = [
    "DEFAULT_DISCOUNT_RATE",
    "FIGURES",
    "NOT_SAID",
    "PAYING_ROLES",
    "RULE",
    "Case",
    "OutcomeCase",
    "Share",
    "appraise",
    "discount_factors",
    "outcome_case",
]

RULE = (
    "Each outcome's first-year value is quantity × financial proxy × (1 − deadweight) × (1 − displacement) × "
    "(1 − attribution). Year n's value (n = 1 to the duration) is the first year's × (1 − drop-off)^(n − 1), "
    "discounted by (1 + discount rate)^n; the outcome's present value is the sum of its discounted years. The "
    "investment is the yearly cost plus the one-off costs, at year 0 and not discounted, read as the value "
    "summary reads costs. Net present value is present value − investment; the ratio is present value ÷ "
    "investment. An activity's cost is shared equally among its commissioner and funder stakeholders (else "
    "“not said”); each outcome's present value is saved by its beneficiary. A missing figure is listed, never "
    "counted as zero; a proxy in another currency is not added; a valued box that leads to another valued box is "
    "flagged as possible double counting, both still counted."
)
"""The arithmetic in words, shown beside every figure (page, report, workbook, command line)."""

FIGURES = ("quantity", "proxy", "deadweight", "displacement", "attribution", "drop_off", "duration")
"""The figures of a valuation, in the order the arithmetic uses them."""

NOT_SAID = "not said"
"""The name of the row of costs or savings whose stakeholder is not said."""

DEFAULT_DISCOUNT_RATE = 0.035
"""HM Treasury's Green Book discount rate, used when the framework has no appraisal settings."""

PAYING_ROLES = ("commissioner", "funder")
"""The stakeholder roles that pay for an activity."""

_WORDS = {"drop_off": "drop-off"}
"""Each figure as it reads in a sentence."""


def figure_words(figure: str) -> str:
    """A figure's name as people write it: ``drop_off`` is "drop-off"."""
    return _WORDS.get(figure, figure.replace("_", " "))


def discount_factors(rate: float, duration: int) -> tuple[float, ...]:
    """1 / (1 + rate)^n for n = 1 … duration.

    >>> discount_factors(0.25, 2)
    (0.8, 0.64)
    """
    return tuple(1.0 / (1.0 + rate) ** n for n in range(1, duration + 1))


@dataclass(frozen=True)
class OutcomeCase:
    """One box that carries a valuation, worked through the rule."""

    box: Node
    valuation: Valuation
    missing: tuple[str, ...]
    """The FIGURES not given (drop_off is needed only when the duration is over a year)."""
    problem: str | None
    """Why it cannot be added although given, e.g. "proxy in EUR, not added to GBP"; None when none."""
    first_year: float | None
    """quantity × proxy × (1 − deadweight) × (1 − displacement) × (1 − attribution), when all five are given."""
    years: tuple[float, ...]
    """The value of year n = 1 … duration, undiscounted: first_year × (1 − drop_off)^(n − 1)."""
    discount_factors: tuple[float, ...]
    """1 / (1 + rate)^n for n = 1 … duration."""
    present_value: float | None
    """The sum of years × factors; None when anything is missing or there is a problem."""
    beneficiary: str | None
    """The id of the stakeholder who gains or saves; None when not said."""

    @property
    def counted(self) -> bool:
        """Whether its present value counts in the total."""
        return self.present_value is not None

    def missing_words(self) -> str | None:
        """What stops it counting, in words: "‘Fewer falls’: no deadweight, no proxy"; None when it counts."""
        said = [f"no {figure_words(f)}" for f in self.missing]
        if self.problem:
            said.append(self.problem)
        return f"‘{self.box.label}’: {', '.join(said)}" if said else None


def outcome_case(box: Node, valuation: Valuation, discount_rate: float, currency: str) -> OutcomeCase:
    """One outcome worked through the rule, on its own (pure: the framework is not needed)."""
    v = valuation
    duration = v.duration
    needed = [f for f in FIGURES if f != "drop_off" or (duration is not None and duration > 1)]
    missing = tuple(f for f in needed if getattr(v, f) is None)
    problem = None
    if v.proxy is not None and v.proxy.currency != currency:
        problem = f"proxy in {v.proxy.currency}, not added to {currency}"
    first_year = None
    given = (v.quantity, v.proxy, v.deadweight, v.displacement, v.attribution)
    if problem is None and v.quantity is not None and v.proxy is not None and None not in given[2:]:
        first_year = (
            v.quantity
            * v.proxy.amount
            * (1 - (v.deadweight or 0.0))
            * (1 - (v.displacement or 0.0))
            * (1 - (v.attribution or 0.0))
        )
    factors = discount_factors(discount_rate, duration) if duration is not None else ()
    years: tuple[float, ...] = ()
    if first_year is not None and duration is not None and (duration == 1 or v.drop_off is not None):
        keep = 1.0 - (v.drop_off or 0.0)
        years = tuple(first_year * keep ** (n - 1) for n in range(1, duration + 1))
    present_value = None
    if not missing and problem is None and years:
        present_value = sum(value * factor for value, factor in zip(years, factors, strict=True))
    return OutcomeCase(box, v, missing, problem, first_year, years, factors, present_value, v.beneficiary)


@dataclass(frozen=True)
class Share:
    """One row of who pays and who saves."""

    stakeholder: str | None
    """The stakeholder's id; None for "not said"."""
    name: str
    """The stakeholder's name, or NOT_SAID."""
    pays: float
    """Its share of the investment: each costed activity's yearly plus one-off cost shared equally among its
    commissioner and funder stakeholders (the "not said" row when it has none)."""
    saves: float
    """The present value of the counted outcomes whose beneficiary it is."""
    fair_share: float | None = None
    """investment × saves ÷ total present value: what it would put in if the cost were shared in proportion to
    what each gains; None when there is no present value or no investment."""

    @property
    def net(self) -> float:
        """What it saves less what it pays."""
        return self.saves - self.pays


@dataclass(frozen=True)
class Case:
    """The financial case of a framework."""

    currency: str
    """The framework's main currency, as the value summary reads it."""
    discount_rate: float
    price_year: int | None
    outcomes: tuple[OutcomeCase, ...]
    """Every box that carries a valuation, in the framework's order (a template's example boxes left out)."""
    yearly_cost: float | None
    one_off_cost: float | None
    investment: float | None
    """yearly_cost + one_off_cost, at year 0; None when there is no cost at all."""
    present_value: float | None
    """The sum of the counted outcomes' present values; None when none is counted."""
    npv: float | None
    ratio: float | None
    shares: tuple[Share, ...]
    """Payers and beneficiaries, in the stakeholders' order, NOT_SAID last."""
    double_counting: tuple[tuple[Node, Node], ...]
    """(valued box, valued box downstream of it that its value may also count), both counted."""
    missing: tuple[str, ...]
    """In words: every figure missing (never counted as zero) and every cost not added."""
    cautions: tuple[str, ...] = ()
    """In words: what is counted but should be looked at (double counting, a beneficiary not said)."""
    payments: tuple[tuple[Node, float, tuple[str, ...]], ...] = ()
    """Each costed box whose cost is in the investment: (box, its yearly plus one-off cost, its payers' ids;
    an empty tuple when not said)."""

    @property
    def counted(self) -> tuple[OutcomeCase, ...]:
        """The outcomes whose present value counts."""
        return tuple(o for o in self.outcomes if o.counted)

    def to_json(self) -> dict[str, Any]:
        """What ``logicmodel appraise --json`` prints: plain JSON types only."""
        return {
            "currency": self.currency,
            "discount_rate": self.discount_rate,
            "price_year": self.price_year,
            "outcomes": [
                {
                    "id": o.box.id,
                    "label": o.box.label,
                    "first_year": o.first_year,
                    "years": list(o.years),
                    "discount_factors": list(o.discount_factors),
                    "present_value": o.present_value,
                    "missing": list(o.missing),
                    "problem": o.problem,
                    "beneficiary": o.beneficiary,
                }
                for o in self.outcomes
            ],
            "yearly_cost": self.yearly_cost,
            "one_off_cost": self.one_off_cost,
            "investment": self.investment,
            "present_value": self.present_value,
            "npv": self.npv,
            "ratio": self.ratio,
            "shares": [
                {
                    "stakeholder": s.stakeholder,
                    "name": s.name,
                    "pays": s.pays,
                    "saves": s.saves,
                    "net": s.net,
                    "fair_share": s.fair_share,
                }
                for s in self.shares
            ],
            "payers": [{"stakeholder": s.stakeholder, "name": s.name, "pays": s.pays} for s in self.shares if s.pays],
            "beneficiaries": [
                {"stakeholder": s.stakeholder, "name": s.name, "saves": s.saves} for s in self.shares if s.saves
            ],
            "double_counting": [[a.id, b.id] for a, b in self.double_counting],
            "missing": list(self.missing),
            "cautions": list(self.cautions),
            "rule": RULE,
        }


def appraise(fw: Framework) -> Case:
    """The framework's case, worked out once per framework object."""
    return fw.cached("appraisal_case", _appraise)


def _appraise(fw: Framework) -> Case:
    value = summary(fw)
    currency = value.currency
    rate = fw.appraisal.discount_rate if fw.appraisal is not None else DEFAULT_DISCOUNT_RATE
    price_year = fw.appraisal.price_year if fw.appraisal is not None else None
    examples = placeholder_boxes(fw)
    outcomes = tuple(
        outcome_case(n, n.valuation, rate, currency)
        for n in fw.nodes
        if n.valuation is not None and n.id not in examples
    )
    counted = [o for o in outcomes if o.counted]
    present_value = sum(o.present_value or 0.0 for o in counted) if counted else None
    yearly, one_off = value.cost_a_year, value.one_off_total
    investment = None if yearly is None and one_off is None else (yearly or 0.0) + (one_off or 0.0)
    npv = present_value - investment if present_value is not None and investment is not None else None
    ratio = present_value / investment if present_value is not None and investment else None
    payments = _payments(fw, [f for f in value.costs if _in_investment(f, currency)])
    pairs = _double_counting(fw, counted, examples)
    missing = [w for o in outcomes if (w := o.missing_words())] + _costs_missing(fw, value, examples)
    if not outcomes:
        missing.insert(0, "no outcome box carries a valuation: no value to set against the cost")
    cautions = [
        f"‘{a.label}’ leads to ‘{b.label}’, which is valued too: the value of ‘{a.label}’ may already count "
        f"‘{b.label}’ (double counting); both are counted"
        for a, b in pairs
    ]
    cautions += [
        f"‘{o.box.label}’: beneficiary not said (its value is shown as “{NOT_SAID}”)"
        for o in counted
        if o.beneficiary is None
    ]
    cautions += [
        f"‘{box.label}’: no commissioner or funder among its stakeholders: its cost, "
        f"{money(amount, currency)}, is shown as paid by “{NOT_SAID}”"
        for box, amount, payers in payments
        if not payers and amount
    ]
    shares = _shares(fw, counted, payments, present_value, investment)
    return Case(
        currency,
        rate,
        price_year,
        outcomes,
        yearly,
        one_off,
        investment,
        present_value,
        npv,
        ratio,
        shares,
        tuple(pairs),
        tuple(missing),
        tuple(cautions),
        tuple(payments),
    )


def _in_investment(figure: Figure, currency: str) -> bool:
    """Whether a cost is in the investment as the value summary adds it: a year, or a one-off in its currency."""
    return figure.a_year is not None or (figure.reading.kind == "one-off" and figure.currency == currency)


def _payments(fw: Framework, costs: list[Figure]) -> list[tuple[Node, float, tuple[str, ...]]]:
    """Each cost in the investment (yearly and one-off parts of a box together) and who pays it."""
    roles = {s.id: s.role for s in fw.stakeholders}
    amounts: dict[str, float] = {}
    boxes: dict[str, Node] = {}
    for figure in costs:
        amount = figure.a_year if figure.a_year is not None else figure.amount
        amounts[figure.node.id] = amounts.get(figure.node.id, 0.0) + amount
        boxes.setdefault(figure.node.id, figure.node)
    paid = []
    for box_id, amount in amounts.items():
        box = boxes[box_id]
        payers = tuple(dict.fromkeys(s for s in box.stakeholders if roles.get(s) in PAYING_ROLES))
        paid.append((box, amount, payers))
    return paid


def _shares(
    fw: Framework,
    counted: list[OutcomeCase],
    payments: list[tuple[Node, float, tuple[str, ...]]],
    present_value: float | None,
    investment: float | None,
) -> tuple[Share, ...]:
    pays: dict[str | None, float] = {}
    saves: dict[str | None, float] = {}
    for _, amount, payers in payments:
        if payers:
            for payer in payers:
                pays[payer] = pays.get(payer, 0.0) + amount / len(payers)
        else:
            pays[None] = pays.get(None, 0.0) + amount
    for o in counted:
        saves[o.beneficiary] = saves.get(o.beneficiary, 0.0) + (o.present_value or 0.0)
    names = {s.id: s.name for s in fw.stakeholders}
    order = {s.id: i for i, s in enumerate(fw.stakeholders)}
    ids = sorted(set(pays) | set(saves), key=lambda s: (s is None, order.get(s or "", len(order)), s or ""))

    def fair(saved: float) -> float | None:
        return investment * saved / present_value if present_value and investment is not None else None

    return tuple(
        Share(
            s,
            NOT_SAID if s is None else names.get(s, s),
            pays.get(s, 0.0),
            saves.get(s, 0.0),
            fair(saves.get(s, 0.0)),
        )
        for s in ids
    )


def _double_counting(fw: Framework, counted: list[OutcomeCase], examples: frozenset[str]) -> list[tuple[Node, Node]]:
    """Each pair (counted box, counted box reached from it along the links, not through a template's example
    box), in the framework's order."""
    valued = {o.box.id: i for i, o in enumerate(counted)}
    pairs = []
    for o in counted:
        below = reached_from(fw, [o.box.id], avoiding=examples) - {o.box.id}
        for other in sorted((b for b in below if b in valued), key=valued.__getitem__):
            pairs.append((o.box, counted[valued[other]].box))
    return pairs


def _costs_missing(fw: Framework, value: Any, examples: frozenset[str]) -> list[str]:
    """The costs not added to the investment, in words: unreadable periods, other currencies, uncosted
    activities."""
    said = []
    for figure in value.unreadable:
        said.append(f"‘{figure.node.label}’: cost {figure.words()} not added ({figure.reading.why})")
    activities = set(activity_ids(fw)) - examples
    uncosted = [n for n in value.uncosted if n.id in activities]
    for box in uncosted:
        said.append(f"‘{box.label}’: no cost recorded")
    if not value.costs:
        said.append("no costs recorded: no investment to set the value against")
    return said
