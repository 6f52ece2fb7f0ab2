"""The ``appraise`` command: ``logicmodel appraise FILE [--json]``, the financial case by the stated rule.

A table of the valued outcomes (first-year value, years, present value, beneficiary, or what is missing); the
totals (present value, investment, net present value, ratio); who pays and who saves; the assumptions the ratio
is most sensitive to, each moved half down and half up, with its break-even value; what is missing (never
counted as zero) and what to look at (double counting); then the rule in words, so that no figure is shown
without it (``logicmodel.analysis.appraisal``). ``--json`` prints ``Case.to_json()`` with the sensitivity
added under ``sensitivity``. Exit 0 when the file reads, 1 when it cannot be read. Listed in the command line's
table (``logicmodel.cli.main.COMMANDS``).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any, TextIO

from logicmodel.analysis.appraisal import NOT_SAID, RULE, Case, OutcomeCase, appraise
from logicmodel.analysis.sensitivity import Assumption, sensitivity
from logicmodel.analysis.value import money
from logicmodel.cli.files import load_or_say
from logicmodel.cli.terminal import say
from logicmodel.core.wording import plural

__all__ = ["DESCRIPTION", "HELP", "TOP", "arguments", "run"]

HELP = "the financial case: each valued outcome's present value, the ratio to the investment, who pays and saves"
DESCRIPTION = (
    "The financial case of a framework: each valued outcome's first-year value and present value (net of "
    "deadweight, displacement and attribution, with drop-off and discounting), the investment, net present "
    "value and ratio, who pays and who saves, the assumptions the ratio is most sensitive to with their "
    "break-even values, what is missing, and the rule."
)
TOP = 8
"""How many of the most sensitive assumptions are printed (``--json`` gives them all)."""


def arguments(parser: argparse.ArgumentParser) -> None:
    """The framework file, and ``--json``."""
    parser.add_argument("file", metavar="FILE", type=Path)
    parser.add_argument(
        "--json",
        action="store_true",
        help="print the case as one JSON object: outcomes, totals, shares, sensitivity, missing, rule",
    )


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Print the case (or it as JSON); 0 when the file reads, 1 when it cannot."""
    fw = load_or_say(out, args.file)
    if fw is None:
        return 1
    case = appraise(fw)
    assumptions = sensitivity(fw)
    if args.json:
        data = case.to_json() | {"sensitivity": [_assumption_json(a) for a in assumptions]}
        print(json.dumps(data, ensure_ascii=False), file=out)
        return 0
    names = {s.id: s.name for s in fw.stakeholders}
    for line in _lines(str(args.file), case, assumptions, names):
        say(out, line)
    return 0


def _assumption_json(a: Assumption) -> dict[str, Any]:
    return {
        "key": a.key,
        "figure": a.figure,
        "box": a.box.id if a.box is not None else None,
        "label": a.label,
        "value": a.value,
        "low": a.low,
        "high": a.high,
        "ratio_low": a.ratio_low,
        "ratio_high": a.ratio_high,
        "break_even": a.break_even,
    }


def signed(amount: float, currency: str) -> str:
    """Money with its sign: −£8,855 for a loss."""
    return f"−{money(-amount, currency)}" if amount < 0 else money(amount, currency)


def _ratio(ratio: float | None, currency: str) -> str:
    if ratio is None:
        return "none"
    return f"{ratio:.2f} ({money(ratio, currency)} for every {money(1, currency)})"


def _lines(name: str, case: Case, assumptions: list[Assumption], names: dict[str, str]) -> list[str]:
    c = case.currency
    prices = f"at {case.price_year} prices" if case.price_year else "price year not said"
    lines = [
        f"{name}: the financial case in {c}, {prices}, discounted at {case.discount_rate * 100:.4g}% a year: "
        f"{plural(len(case.outcomes), 'valued outcome')}, {len(case.counted)} counted"
    ]
    if case.outcomes:
        lines += _table(
            ["Outcome", "First year", "Years", "Present value", "Beneficiary"],
            [_outcome_row(o, case, names) for o in case.outcomes],
        )
    investment = "none" if case.investment is None else money(case.investment, c)
    parts = []
    if case.yearly_cost is not None:
        parts.append(f"{money(case.yearly_cost, c)} a year")
    if case.one_off_cost is not None:
        parts.append(f"{money(case.one_off_cost, c)} one-off")
    if parts:
        investment += f" ({' + '.join(parts)}, at year 0)"
    pv = "none counted" if case.present_value is None else money(case.present_value, c)
    npv = "none" if case.npv is None else signed(case.npv, c)
    lines.append(
        f"Totals: present value {pv}; investment {investment}; net present value {npv}; ratio {_ratio(case.ratio, c)}"
    )
    if case.shares:
        lines.append("Who pays and who saves:")
        lines += _table(
            ["Stakeholder", "Pays", "Saves", "Net", "Fair share"],
            [
                [
                    s.name,
                    money(s.pays, c),
                    money(s.saves, c),
                    signed(s.net, c),
                    "none" if s.fair_share is None else money(s.fair_share, c),
                ]
                for s in case.shares
            ],
            indent="  ",
            left_last=False,
        )
        lines.append("  (Fair share: what each would put in if the cost were shared as the benefits are.)")
    if assumptions:
        shown = assumptions[:TOP]
        lines.append(
            f"Most sensitive assumptions ({len(shown)} of {len(assumptions)}; each moved half down and half up, "
            "the others held):"
        )
        lines += [f"  {_assumption_line(a, c)}" for a in shown]
    if case.cautions:
        lines.append("To look at:")
        lines += [f"  - {w}" for w in case.cautions]
    if case.missing:
        lines.append("Missing (listed, never counted as zero):")
        lines += [f"  - {w}" for w in case.missing]
    lines.append(f"Rule: {RULE}")
    return lines


def _outcome_row(o: OutcomeCase, case: Case, names: dict[str, str]) -> list[str]:
    c = case.currency
    label = f"{o.box.label} [{o.box.id}]"
    beneficiary = NOT_SAID if o.beneficiary is None else names.get(o.beneficiary, o.beneficiary)
    if not o.counted:
        first = money(o.first_year, c) if o.first_year is not None else "-"
        return [label, first, str(o.valuation.duration or "-"), "not counted", beneficiary]
    return [label, money(o.first_year or 0.0, c), str(len(o.years)), money(o.present_value or 0.0, c), beneficiary]


def _value(a: Assumption, x: float | None, currency: str) -> str:
    if x is None:
        return "none"
    if a.figure in ("proxy", "investment"):
        return money(x, currency)
    if a.figure in ("deadweight", "displacement", "attribution", "drop_off", "discount_rate"):
        return f"{x * 100:.4g}%"
    if a.figure == "duration":
        return plural(int(x), "year")
    return f"{x:,.4g}" if x < 1000 else f"{x:,.0f}"


def _assumption_line(a: Assumption, currency: str) -> str:
    def at(x: float, ratio: float | None) -> str:
        return f"{_value(a, x, currency)} → {'none' if ratio is None else f'{ratio:.2f}'}"

    even = "no value gives 1" if a.break_even is None else f"ratio 1 at {_value(a, a.break_even, currency)}"
    return f"{a.label} ({_value(a, a.value, currency)}): {at(a.low, a.ratio_low)}, {at(a.high, a.ratio_high)}; {even}"


def _table(head: list[str], rows: list[list[str]], indent: str = "", left_last: bool = True) -> list[str]:
    """Columns padded to their widest cell; the first column left, the rest right-aligned (the last left too
    when it is words)."""
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
    last = len(head) - 1 if left_last else 0

    def line(row: list[str]) -> str:
        cells = [cell.ljust(widths[i]) if i in (0, last) else cell.rjust(widths[i]) for i, cell in enumerate(row)]
        return (indent + "  ".join(cells)).rstrip()

    return [line(head), *(line(r) for r in rows)]
