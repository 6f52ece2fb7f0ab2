"""How sensitive the case is: each assumption moved to a low and a high value, the others held, and the ratio
worked out again; and the break-even value of each, where the ratio is exactly 1.

The assumptions are every figure of every counted outcome (``deadweight:falls`` and so on), the discount rate
and the investment. Low and high are the user's own (``ranges``, by key) or the value × (1 ∓ spread), ±50% by
default; a fraction is kept within 0 to 1, a duration is a whole number of years from 1 to ``MAX_DURATION``.

Moving one outcome's figure changes only that outcome's present value, so the ratio is worked out from the
other outcomes' present values (added with ``math.fsum``) plus its new one, not from the whole framework again:
300 valued outcomes stay fast. Not the total less its old value: where one outcome dwarfs the rest, that
subtraction loses the small ones' digits. The break-even value is worked out in closed form where the present
value is a straight line in the figure (quantity, proxy, deadweight, displacement, attribution, investment) and
by bisection where it is not (drop-off, discount rate); for the duration it is the fewest whole years at which
the ratio reaches 1. It is None when no value the figure can take (a fraction from 0 to 1, an amount of 0 or
more, 1 to ``MAX_DURATION`` years, a rate from 0 to 1) gives a ratio of 1.

>>> round(present_value(10, 100, 0.5, 0, 0, 0.5, 2, 0.0), 6)
750.0
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from logicmodel.analysis.appraisal import FIGURES, Case, OutcomeCase, appraise
from logicmodel.core.limits import MAX_DURATION, MAX_NUMBER
from logicmodel.core.models import Appraisal, Framework, Node

__all__ = ["FRACTIONS", "LINEAR", "Assumption", "assumption_ratio", "present_value", "sensitivity"]

FRACTIONS = ("deadweight", "displacement", "attribution", "drop_off", "discount_rate")
"""Figures that are a share from 0 to 1."""
LINEAR = ("quantity", "proxy", "deadweight", "displacement", "attribution", "investment")
"""Figures whose break-even is worked out in closed form."""

_NAMES = {
    "quantity": "Quantity",
    "proxy": "Financial proxy",
    "deadweight": "Deadweight",
    "displacement": "Displacement",
    "attribution": "Attribution",
    "drop_off": "Drop-off",
    "duration": "Duration",
}

_BISECTIONS = 100
"""Most halvings of a bisection."""
_TOLERANCE = 1e-15
"""A bisection stops once its interval is narrower than this (a fraction or a rate)."""


@dataclass(frozen=True)
class Assumption:
    """One assumption of the case, moved low and high with the others held."""

    key: str
    """ "discount_rate", "investment", or "<figure>:<box id>", e.g. "deadweight:falls"."""
    figure: str
    """One of FIGURES (proxy is the proxy's amount), "discount_rate" or "investment"."""
    box: Node | None
    label: str
    """In words: "Deadweight of ‘Fewer falls’"."""
    value: float
    low: float
    high: float
    ratio_low: float | None
    ratio_high: float | None
    break_even: float | None
    """The value at which the ratio is 1, the others held; None when no value it can take gives 1."""

    @property
    def swing(self) -> float:
        """How far the ratio moves between low and high (0 when either cannot be worked out)."""
        if self.ratio_low is None or self.ratio_high is None:
            return 0.0
        return abs(self.ratio_high - self.ratio_low)


def present_value(
    quantity: float,
    proxy: float,
    deadweight: float,
    displacement: float,
    attribution: float,
    drop_off: float,
    duration: int,
    rate: float,
) -> float:
    """An outcome's present value by the rule: the first year's value × Σ (1 − drop_off)^(n−1) / (1 + rate)^n,
    n = 1 … duration, the sum taken in closed form (a geometric series) so that a bisection over 300 outcomes
    of 100 years each stays fast; equal to ``appraisal.outcome_case``'s year-by-year sum to rounding."""
    first = quantity * proxy * (1 - deadweight) * (1 - displacement) * (1 - attribution)
    grow = 1.0 + rate
    ratio = (1.0 - drop_off) / grow
    if abs(1.0 - ratio) < 1e-6:  # (nearly) no fading and no discounting: the series' formula loses precision
        return sum(first * (1.0 - drop_off) ** (n - 1) * (1.0 / grow**n) for n in range(1, duration + 1))
    return first / grow * (1.0 - ratio**duration) / (1.0 - ratio)


def _figures(o: OutcomeCase) -> dict[str, float]:
    v = o.valuation
    assert v.proxy is not None  # counted: every figure is given
    return {
        "quantity": float(v.quantity or 0.0),
        "proxy": float(v.proxy.amount),
        "deadweight": float(v.deadweight or 0.0),
        "displacement": float(v.displacement or 0.0),
        "attribution": float(v.attribution or 0.0),
        "drop_off": float(v.drop_off or 0.0),
        "duration": float(v.duration or 1),
    }


def _pv(figures: Mapping[str, float], rate: float, drop_off_given: bool = True) -> float | None:
    duration = int(figures["duration"])
    if duration > 1 and not drop_off_given:
        return None  # a longer duration needs the drop-off, which is not given
    return present_value(
        figures["quantity"],
        figures["proxy"],
        figures["deadweight"],
        figures["displacement"],
        figures["attribution"],
        figures["drop_off"],
        duration,
        rate,
    )


def _clip(figure: str, x: float) -> float:
    if figure in FRACTIONS:
        return min(1.0, max(0.0, x))
    if figure == "duration":
        return float(min(MAX_DURATION, max(1, math.floor(x + 0.5))))
    return min(MAX_NUMBER, max(0.0, x))


def _ratio(total: float | None, investment: float | None) -> float | None:
    if total is None or not investment:
        return None
    return total / investment


def sensitivity(
    fw: Framework, ranges: Mapping[str, tuple[float, float]] | None = None, spread: float = 0.5
) -> list[Assumption]:
    """Every assumption of every counted outcome, plus the discount rate and the investment, moved low and high
    (``ranges`` by key, else value × (1 ∓ spread)), sorted by swing, widest first. Empty when the case has no
    ratio (nothing counted, or no investment)."""
    case = appraise(fw)
    if case.ratio is None or case.present_value is None or case.investment is None:
        return []
    ranges = ranges or {}
    total, investment, rate = case.present_value, case.investment, case.discount_rate
    found: list[Assumption] = []

    def bounds(key: str, figure: str, value: float) -> tuple[float, float]:
        low, high = ranges.get(key, (value * (1 - spread), value * (1 + spread)))
        return _clip(figure, low), _clip(figure, high)

    for o in case.counted:
        figures = _figures(o)
        given = o.valuation.drop_off is not None
        rest = math.fsum(other.present_value or 0.0 for other in case.counted if other is not o)
        for figure in FIGURES:
            if figure == "drop_off" and not given:
                continue  # a one-year benefit with no drop-off: nothing assumed
            key = f"{figure}:{o.box.id}"
            value = figures[figure]
            low, high = bounds(key, figure, value)

            def ratio_at(
                x: float,
                figure: str = figure,
                figures: dict[str, float] = figures,
                given: bool = given,
                rest: float = rest,
            ) -> float | None:
                pv = _pv({**figures, figure: x}, rate, given)
                return None if pv is None else _ratio(rest + pv, investment)

            found.append(
                Assumption(
                    key,
                    figure,
                    o.box,
                    f"{_NAMES[figure]} of ‘{o.box.label}’",
                    value,
                    low,
                    high,
                    ratio_at(low),
                    ratio_at(high),
                    _outcome_break_even(figure, figures, rate, rest, investment, given, ratio_at),
                )
            )
    found.append(_discount_rate(case, bounds))
    low, high = bounds("investment", "investment", investment)
    found.append(
        Assumption(
            "investment",
            "investment",
            None,
            "Investment",
            investment,
            low,
            high,
            _ratio(total, low),
            _ratio(total, high),
            total if 0 < total <= MAX_NUMBER else None,  # ratio 1 when the investment equals the present value
        )
    )
    found.sort(key=lambda a: -a.swing)
    return found


def _outcome_break_even(
    figure: str,
    figures: dict[str, float],
    rate: float,
    rest: float,
    investment: float,
    drop_off_given: bool,
    ratio_at: Callable[[float], float | None],
) -> float | None:
    """The value of one outcome's figure at which the total present value equals the investment."""
    need = investment - rest  # the present value this outcome must have
    if figure in ("quantity", "proxy"):
        per_unit = _pv({**figures, figure: 1.0}, rate, drop_off_given) or 0.0
        if per_unit <= 0 or need < 0:
            return None
        x = need / per_unit
        return x if x <= MAX_NUMBER else None
    if figure in ("deadweight", "displacement", "attribution"):
        whole = _pv({**figures, figure: 0.0}, rate, drop_off_given) or 0.0  # present value were none taken off
        if whole <= 0 or need < 0 or need > whole:
            return None
        return 1.0 - need / whole
    if figure == "duration":  # the ratio never falls as the years lengthen: the fewest years that reach 1
        lo, hi = 1, MAX_DURATION
        at_hi = ratio_at(float(hi))
        if at_hi is None or at_hi < 1.0:
            at_lo = ratio_at(1.0)
            return 1.0 if at_lo is not None and at_lo >= 1.0 else None
        while lo < hi:
            mid = (lo + hi) // 2
            at_mid = ratio_at(float(mid))
            if at_mid is not None and at_mid >= 1.0:
                hi = mid
            else:
                lo = mid + 1
        return float(lo)
    return _bisect(ratio_at, 0.0, 1.0)  # drop-off: the ratio falls as it rises


def _discount_rate(case: Case, bounds: Callable[[str, str, float], tuple[float, float]]) -> Assumption:
    rate, investment = case.discount_rate, case.investment or 0.0
    counted = [(_figures(o), o.valuation.drop_off is not None) for o in case.counted]

    def ratio_at(r: float) -> float | None:
        return _ratio(sum(_pv(f, r, given) or 0.0 for f, given in counted), investment)

    low, high = bounds("discount_rate", "discount_rate", rate)
    return Assumption(
        "discount_rate",
        "discount_rate",
        None,
        "Discount rate",
        rate,
        low,
        high,
        ratio_at(low),
        ratio_at(high),
        _bisect(ratio_at, 0.0, 1.0),
    )


def _bisect(ratio_at: Callable[[float], float | None], lo: float, hi: float) -> float | None:
    """The x in [lo, hi] where a ratio that falls as x rises is 1; None when it is above or below 1 throughout."""
    at_lo, at_hi = ratio_at(lo), ratio_at(hi)
    if at_lo is None or at_hi is None or at_lo < 1.0 or at_hi > 1.0:
        return None
    if at_lo == 1.0:
        return lo
    if at_hi == 1.0:
        return hi
    for _ in range(_BISECTIONS):
        mid = (lo + hi) / 2
        if hi - lo < _TOLERANCE:
            break
        at_mid = ratio_at(mid)
        if at_mid is None:
            return None
        if at_mid == 1.0:
            return mid
        if at_mid > 1.0:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


def assumption_ratio(fw: Framework, key: str, value: float) -> float | None:
    """The ratio with one assumption (by key) set to ``value`` and everything else held, worked out by changing
    the framework and appraising it whole: the long way round, to check the quick one against."""
    if key == "investment":
        case = appraise(fw)
        return _ratio(case.present_value, value)
    if key == "discount_rate":
        current = fw.appraisal or Appraisal()
        changed = fw.model_copy(update={"appraisal": current.model_copy(update={"discount_rate": value})})
        return appraise(changed).ratio  # a copy forgets what was cached: worked out afresh
    figure, _, box_id = key.partition(":")
    nodes = []
    for node in fw.nodes:
        if node.id == box_id and node.valuation is not None:
            v = node.valuation
            if figure == "proxy":
                assert v.proxy is not None
                v = v.model_copy(update={"proxy": v.proxy.model_copy(update={"amount": value})})
            else:
                v = v.model_copy(update={figure: int(value) if figure == "duration" else value})
            node = node.model_copy(update={"valuation": v})
        nodes.append(node)
    return appraise(fw.model_copy(update={"nodes": tuple(nodes)})).ratio
