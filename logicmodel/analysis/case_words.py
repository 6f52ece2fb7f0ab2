"""The financial case in words: the sentences the narrative, a commissioner's offer and brief, and the report say
about the appraisal (``logicmodel.analysis.appraisal``), written once so that every place reads the same.

"For every £1 Public Health puts in, the NHS (ICB) saves £2.40 over five years, discounted at 3.5% a year": the
ratio, the present value and net present value with the price base, what is missing (never counted as zero),
double counting warned. Said only where the framework has valuations: a framework without any gets nothing
(``paragraphs`` is empty), or the one line ``NO_CASE`` where a commissioner would ask for it.

The text is plain strings, in the framework's own words: whoever draws it escapes it.
"""

from __future__ import annotations

from logicmodel.analysis.appraisal import NOT_SAID, Case, OutcomeCase, Share, appraise, figure_words
from logicmodel.analysis.sensitivity import Assumption
from logicmodel.analysis.value import money
from logicmodel.core.models import Framework

__all__ = [
    "MAX_PAYERS",
    "MINUS",
    "NO_CASE",
    "SENSITIVITY_NOTE",
    "SHARES_HEADERS",
    "SHARES_NOTE",
    "amount",
    "assumption_value",
    "cautions_words",
    "double_counting_words",
    "figures_words",
    "has_case",
    "headline",
    "missing_words",
    "not_counted",
    "number",
    "outcome_words",
    "paragraphs",
    "pays_and_saves",
    "per_pound",
    "percent",
    "share_of",
    "share_words",
    "shares_rows",
    "totals",
    "years",
]

NO_CASE = (
    "No financial case has been made yet: no outcome carries a valuation (what it is worth, to whom; on the Case page)."
)
"""The one line where a commissioner would ask for the case and none has been made."""

SHARES_HEADERS = ("Stakeholder", "Pays", "Saves (present value)", "Net", "Cost-neutral share")
"""The columns of ``shares_rows``: who pays and who saves."""
SHARES_NOTE = (
    "Pays: each activity's yearly and one-off costs shared equally among its commissioners and funders. Saves: "
    "the present value of the outcomes it gains from. Cost-neutral share: what it would put in were the cost "
    "shared in proportion to what each saves."
)
SENSITIVITY_NOTE = (
    "Each assumption moved to a low and a high value, the others held, and the ratio worked out again; widest "
    "swing first. Break-even: the value at which the benefits equal the investment (a ratio of 1); none when "
    "no value of it does."
)

MAX_PAYERS = 2
"""Payers a headline names; with more, it names the one that pays most and counts the others ("For every £1
Adult Social Care, 5 other payers and funders not yet named put in"), each named in the table of who pays."""

_NUMBERS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def has_case(fw: Framework) -> bool:
    """Whether any outcome of the framework carries a valuation: the case is then said."""
    return bool(appraise(fw).outcomes)


MINUS = "\u2212\u2060"
"""A minus sign, then a word joiner (invisible) so that no line breaks between the sign and the amount."""


def amount(value: float, currency: str) -> str:
    """An amount that may be negative, as people write it: "£14,400", "−£5,600" (the sign kept to its amount)."""
    return f"{MINUS}{money(-value, currency)}" if value < 0 else money(value, currency)


def per_pound(ratio: float, currency: str) -> str:
    """A ratio as money for each unit, always in pence: "£2.40", "£0.50", "£1.00"."""
    return money(1, currency).replace("1", f"{ratio:,.2f}", 1)


def percent(fraction: float) -> str:
    """A fraction as a percentage, as short as it is exact to a tenth: "3.5%", "30%"."""
    text = f"{fraction * 100:.1f}".removesuffix(".0")
    return f"{text}%"


def years(n: int) -> str:
    """ "one year", "five years", "12 years"."""
    return f"{_word(n)} year" if n == 1 else f"{_word(n)} years"


def _word(n: int) -> str:
    """A number up to ten as a word, a larger one in figures."""
    return _NUMBERS[n] if 0 <= n < len(_NUMBERS) else f"{n:,}"


def _list(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _discounting(case: Case) -> str:
    if case.discount_rate == 0:
        return "not discounted"
    return f"discounted at {percent(case.discount_rate)} a year"


def _price_base(case: Case) -> str:
    return f"in {case.price_year} prices" if case.price_year is not None else "price base not said"


def _roles(fw: Framework) -> dict[str, str]:
    return {s.id: s.role for s in fw.stakeholders}


def _span(outcomes: list[OutcomeCase]) -> str:
    """Over how long the counted outcomes' benefits last: "over five years", "over one to five years"."""
    spans = sorted({len(o.years) for o in outcomes})
    if not spans:
        return ""
    return f"over {years(spans[0])}" if len(spans) == 1 else f"over {_word(spans[0])} to {years(spans[-1])}"


def _payers(case: Case) -> list[Share]:
    return [s for s in case.shares if s.pays > 0]


def _savers(case: Case) -> list[Share]:
    return [s for s in case.shares if s.saves > 0]


def headline(fw: Framework, case: Case | None = None) -> str | None:
    """The case in one sentence, who puts in and who saves, for each unit of money put in.

    "For every £1 Public Health puts in, NHS (ICB) saves £2.40 over five years, discounted at 3.5% a year."
    None when the framework has no valuation. Without a counted outcome, or without a cost, it says why there
    is no ratio."""
    case = case or appraise(fw)
    if not case.outcomes:
        return None
    c = case.currency
    if case.present_value is None:
        return "No outcome's value can be counted yet: figures are missing (below), and none is counted as zero."
    if not case.investment:
        return (
            f"The outcomes valued are worth {money(case.present_value, c)} in present value, but no cost is "
            "recorded for the activities, so there is no ratio of benefits to cost yet."
        )
    payers = _payers(case)
    named = [s.name for s in payers if s.stakeholder is not None]
    if any(s.stakeholder is None for s in payers):
        named.append("funders not yet named")
    if len(named) > MAX_PAYERS:  # the largest named; who pays what is in the table of who pays and who saves
        known = [s for s in payers if s.stakeholder is not None]
        largest = max(known, key=lambda s: s.pays)
        others = len(known) - 1
        who = [largest.name, f"{others:,} other payer{'' if others == 1 else 's'}"]
        if len(known) < len(payers):
            who.append("funders not yet named")
        start = f"For every {money(1, c)} {_list(who)} put in"
    else:
        puts = "puts" if len(named) == 1 and named[0] != "funders not yet named" else "put"
        start = f"For every {money(1, c)} {_list(named)} {puts} in"
    roles = _roles(fw)
    gains = []
    for share in _savers(case):
        mine = [o for o in case.outcomes if o.counted and o.beneficiary == share.stakeholder]
        each = per_pound(share.saves / case.investment, c)
        span = _span(mine)
        if share.stakeholder is None:
            gains.append(f"{each} of value goes to those not yet said {span}")
        elif roles.get(share.stakeholder) == "community":
            gains.append(f"{share.name} gain {each} of value {span}")
        else:
            gains.append(f"{share.name} saves {each} {span}")
    if not gains:  # every counted outcome is worth nothing once what would have happened anyway is taken off
        return f"{start}, the outcomes counted are worth {per_pound(0.0, c)} in present value."
    return f"{start}, {_list(gains)}, {_discounting(case)}."


def totals(case: Case) -> str | None:
    """The present value, the investment, the net present value and the ratio, with the price base."""
    if not case.outcomes or case.present_value is None:
        return None
    c = case.currency
    text = f"Present value of the benefits: {money(case.present_value, c)}"
    if case.investment:
        text += (
            f", against an investment of {money(case.investment, c)} (a year's cost and the one-off costs, at the "
            f"start): a net present value of {amount(case.npv or 0.0, c)}, {per_pound(case.ratio or 0.0, c)} "
            f"for each {money(1, c)} invested"
        )
    return f"{text}; {_price_base(case)}, {_discounting(case)}."


def missing_words(case: Case) -> str | None:
    """What is missing or not counted, in one sentence; None when nothing is."""
    if not case.missing:
        return None
    return "Not counted, never as zero: " + "; ".join(case.missing) + "."


def cautions_words(case: Case) -> str | None:
    """What is counted but should be looked at, in one sentence: possible double counting (a valued outcome
    leading to another valued outcome), a beneficiary or a payer not said; None when there is nothing."""
    if not case.cautions:
        return None
    return "To look at: " + "; ".join(case.cautions) + "."


def double_counting_words(case: Case) -> str | None:
    """The warning of possible double counting alone (a valued outcome leading to another valued outcome), for a
    page that shows it apart; None when there is none. ``cautions_words`` says it with the other cautions."""
    if not case.double_counting:
        return None
    pairs = [f"“{a.label}” leads to “{b.label}”" for a, b in case.double_counting]
    return (
        "Possible double counting: "
        + "; ".join(pairs)
        + ". Both are valued, so the same benefit may be counted twice: value one, or take the overlap out."
    )


def paragraphs(fw: Framework) -> list[str]:
    """The case in a few sentences: the headline, the totals, what is missing, what to look at (double
    counting). Empty when the
    framework has no valuation."""
    case = appraise(fw)
    if not case.outcomes:
        return []
    said = [headline(fw, case), totals(case), missing_words(case), cautions_words(case)]
    return [s for s in said if s]


def number(value: float) -> str:
    """A count as people write it: "12,000", "2.5"."""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0")


def figures_words(o: OutcomeCase, currency: str) -> str:
    """An outcome's figures as given, each missing one said: "10 a year × £2,000 a fall avoided (source: …);
    less deadweight 50%, displacement 0% and attribution 0%; drop-off 50% a year over two years"."""
    v = o.valuation
    quantity = f"{number(v.quantity)} a year" if v.quantity is not None else "quantity not said"
    if v.proxy is not None:
        proxy = money(v.proxy.amount, v.proxy.currency) + (f" {v.proxy.unit}" if v.proxy.unit else "")
        proxy += f" (source: {v.proxy.source})" if v.proxy.source else " (source not said)"
    else:
        proxy = "proxy not said"

    def fraction(name: str, value: float | None) -> str:
        return f"{name} {percent(value)}" if value is not None else f"{name} not said"

    less = (
        f"less {fraction('deadweight', v.deadweight)}, {fraction('displacement', v.displacement)} and "
        f"{fraction('attribution', v.attribution)}"
    )
    if v.duration is None:
        lasting = "duration not said"
    elif v.duration > 1:
        lasting = f"{fraction('drop-off', v.drop_off)} a year over {years(v.duration)}"
    else:
        lasting = "for one year"
    return f"{quantity} × {proxy}; {less}; {lasting}"


def outcome_words(fw: Framework, box_id: str) -> str | None:
    """What one outcome box is worth in the case, in one sentence; None when it carries no valuation."""
    case = appraise(fw)
    o = fw.cached("case_by_box", lambda f: {oc.box.id: oc for oc in case.outcomes}).get(box_id)
    if o is None:
        return None
    c = case.currency
    who = _beneficiary(fw, o)
    if o.problem:
        return f"Valued for the financial case, but not counted: {o.problem} ({figures_words(o, c)})."
    if not o.counted:
        return f"Valued for the financial case, but not counted until its figures are complete: {not_counted(o)}."
    return (
        f"Worth {money(o.first_year or 0.0, c)} in its first year and a present value of "
        f"{money(o.present_value or 0.0, c)} to {who}, {_discounting(case)}: {figures_words(o, c)}."
    )


def not_counted(o: OutcomeCase) -> str:
    """Why an outcome's value is not counted: "no proxy, no deadweight", or its problem."""
    return ", ".join([f"no {figure_words(f)}" for f in o.missing] + ([o.problem] if o.problem else []))


def _beneficiary(fw: Framework, o: OutcomeCase) -> str:
    names = {s.id: s.name for s in fw.stakeholders}
    return names.get(o.beneficiary or "", "a beneficiary not said")


def share_of(case: Case, stakeholder_id: str) -> Share | None:
    """One stakeholder's row of who pays and who saves; None when it neither pays nor saves."""
    return next((s for s in case.shares if s.stakeholder == stakeholder_id), None)


def share_words(fw: Framework, stakeholder_id: str, they: bool = False) -> str | None:
    """What one commissioner puts in and what it saves, in its name (or "They", where the page is theirs, as a
    brief is); None when the framework has no valuation.

    "Public Health puts in £10,000 of the £12,000 invested and saves nothing counted." """
    case = appraise(fw)
    if not case.outcomes:
        return None
    name = next((s.name for s in fw.stakeholders if s.id == stakeholder_id), stakeholder_id)
    who, it = ("They", "they") if they else (name, "it")
    s = "" if they else "s"  # "they put", "it puts"
    c = case.currency
    share = share_of(case, stakeholder_id)
    if share is None:
        return f"{who} pay{s} for none of the activities and gain{s} from no valued outcome."
    if share.pays > 0 and case.investment:
        text = f"{who} put{s} in {money(share.pays, c)} of the {money(case.investment, c)} invested"
    else:
        text = f"{who} pay{s} for none of the activities"
    if share.saves > 0:
        text += f" and save{s} {money(share.saves, c)} in present value"
        if share.pays > 0:
            text += f" (net {amount(share.net, c)})"
        if share.fair_share is not None:
            text += f"; were the cost shared by what each saves, {it} would put in {money(share.fair_share, c)}"
    else:
        text += f" and save{s} nothing counted"
    return text + "."


def assumption_value(a: Assumption, value: float | None, currency: str) -> str:
    """An assumption's value as people write it: a fraction as a percentage, the proxy and the investment as
    money, the duration in years, a quantity as a number; "none" when there is none (no break-even)."""
    if value is None:
        return "none"
    if a.figure in ("proxy", "investment"):
        return amount(value, currency)
    if a.figure == "duration":
        return years(round(value))
    if a.figure == "quantity":
        return number(value)
    return percent(value)


def shares_rows(case: Case) -> list[tuple[str, str, str, str, str]]:
    """Who pays and who saves, a row each: name, pays, saves, net, cost-neutral share."""
    c = case.currency
    return [
        (
            s.name if s.stakeholder is not None else f"{NOT_SAID} (no commissioner or funder named)",
            money(s.pays, c),
            money(s.saves, c),
            amount(s.net, c),
            money(s.fair_share, c) if s.fair_share is not None else "–",
        )
        for s in case.shares
    ]


def pays_and_saves(case: Case) -> str | None:
    """Who pays and who saves in one line, as the Case page says it under its table: "Public Health pays
    £20,000; Integrated care board saves £14,400". None when nobody pays or saves anything.

    >>> from logicmodel.analysis.appraisal import Share
    >>> from dataclasses import replace
    >>> case = Case("GBP", 0.035, None, (), None, None, None, None, None, None,
    ...     (Share("ph", "Public Health", 20000.0, 0.0), Share("icb", "ICB", 0.0, 14400.0),
    ...      Share(None, NOT_SAID, 500.0, 0.0)), (), ())
    >>> pays_and_saves(case)
    'Public Health pays £20,000 and funders not yet named pay £500; ICB saves £14,400.'
    """
    c = case.currency
    paying = [
        f"{s.name} pays {money(s.pays, c)}"
        if s.stakeholder is not None
        else f"funders not yet named pay {money(s.pays, c)}"
        for s in _payers(case)
    ]
    saving = [
        f"{s.name} saves {money(s.saves, c)}"
        if s.stakeholder is not None
        else f"those not yet said gain {money(s.saves, c)}"
        for s in _savers(case)
    ]
    said = [_list(part) for part in (paying, saving) if part]
    return "; ".join(said) + "." if said else None
