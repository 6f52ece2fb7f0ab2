"""Edits of the financial case: an outcome box's valuation and the framework's appraisal settings (discount
rate, price year), from values or from what a user typed in a form, each a new checked framework or a
``FrameworkError`` whose one line names the box and the field ("box 'Fewer falls', deadweight: should be at
most 1"); the framework given is then untouched.

Typed shares read as a fraction or a percentage ("0.2" or "20%"), money with or without its symbol and
thousands commas ("£1,650"), years as whole numbers; blank means not said (never zero).

>>> from logicmodel.core.readwrite import from_data
>>> fw = from_data({"schema_version": 1, "meta": {"title": "T"},
...     "stakeholders": [{"id": "icb", "name": "Integrated care board", "role": "commissioner"}],
...     "nodes": [{"id": "falls", "level": "strategic", "label": "Fewer falls"}], "links": []})
>>> fw = set_valuation_typed(fw, "falls", {"quantity": "40", "proxy_amount": "£1,650", "deadweight": "20%",
...                                        "duration": "3", "beneficiary": "icb"})
>>> v = fw.node_by_id["falls"].valuation
>>> v.quantity, v.proxy.amount, v.proxy.currency, v.deadweight, v.duration, v.beneficiary
(40.0, 1650.0, 'GBP', 0.2, 3, 'icb')
>>> from logicmodel.core.wording import problem_lines
>>> try:
...     set_valuation_typed(fw, "falls", {"quantity": "40", "deadweight": "1.5"})
... except FrameworkError as err:
...     print(problem_lines(err.found)[0])
box 'Fewer falls', deadweight: should be at most 1 (a share from 0 to 1: 0.2 or 20%)
>>> set_appraisal_typed(fw, {"discount_rate": "3.5%", "price_year": "2025"}).appraisal
Appraisal(discount_rate=0.035, price_year=2025)
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import ValidationError

from logicmodel.analysis.appraisal import FIGURES, figure_words
from logicmodel.analysis.sensitivity import FRACTIONS, Assumption
from logicmodel.core.errors import Box, FrameworkError, Problem, Where, validation_problems
from logicmodel.core.models import Appraisal, Framework, Node, Valuation
from logicmodel.editing.edit import replace_parts

__all__ = [
    "APPRAISAL_FIELDS",
    "FIELD_WORDS",
    "SHARES",
    "TYPED_FIELDS",
    "appraisal_summary",
    "range_text",
    "read_amount",
    "read_share",
    "read_years",
    "set_appraisal",
    "set_appraisal_typed",
    "set_valuation",
    "set_valuation_typed",
    "typed_appraisal",
    "typed_ranges",
    "typed_valuation",
    "valuation_summary",
]

SHARES = ("deadweight", "displacement", "attribution", "drop_off")
"""A valuation's figures that are shares from 0 to 1."""
TYPED_FIELDS = (
    "quantity",
    "proxy_amount",
    "proxy_currency",
    "proxy_unit",
    "proxy_source",
    *SHARES,
    "duration",
    "beneficiary",
)
"""What a valuation's form holds, each as typed (text; the beneficiary a stakeholder's id or blank)."""
APPRAISAL_FIELDS = ("discount_rate", "price_year")
"""What the appraisal settings' form holds, as typed."""
FIELD_WORDS = {
    **{name: figure_words(name) for name in (*FIGURES, "beneficiary", "discount_rate", "price_year")},
    **{f"proxy{joint}{part}": f"proxy {part}" for part in ("amount", "currency", "unit", "source") for joint in "_."},
}
"""Each field as the screen names it in a refusal."""
_SHARE_HINT = " (a share from 0 to 1: 0.2 or 20%)"
_MONEY = re.compile(r"^[£€$]?\s*([0-9][0-9,]*(?:\.[0-9]*)?|\.[0-9]+)$")


class _Refused(ValueError):
    """What was typed in one field cannot be read: ``field`` says which."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


# --- typed text to values ------------------------------------------------------------------------


def read_share(text: str | None, field: str = "share") -> float | None:
    """A share as typed: "0.2" or "20%" (or "20 %"); None when blank. A value outside 0 to 1 is read as it is
    (the model refuses it, naming the field); text that is not a number is refused here.

    >>> read_share("0.25"), read_share("12.5%"), read_share(" "), read_share("1.5")
    (0.25, 0.125, None, 1.5)
    """
    text = (text or "").strip()
    if not text:
        return None
    percent = text.endswith("%")
    number = _number(text.rstrip("%").strip(), field, "a share such as 0.2 or 20%")
    return number / 100 if percent else number


def read_amount(text: str | None, field: str = "amount") -> float | None:
    """A number or an amount of money as typed: "1650", "1,650.50", "£1,650"; None when blank.

    >>> read_amount("£1,650"), read_amount("12.5"), read_amount("")
    (1650.0, 12.5, None)
    """
    text = (text or "").strip()
    if not text:
        return None
    found = _MONEY.match(text)
    if found is None:
        raise _Refused(field, f"'{_cut(text)}' is not an amount: write a number such as 1650 or £1,650")
    return _number(found.group(1).replace(",", ""), field, "a number such as 1650")


def read_years(text: str | None, field: str = "duration", what: str = "number of years such as 3") -> int | None:
    """A number of whole years as typed; None when blank.

    >>> read_years("3"), read_years(" 10 "), read_years("")
    (3, 10, None)
    """
    text = (text or "").strip()
    if not text:
        return None
    number = _number(text, field, f"a whole {what}")
    if not number.is_integer():
        raise _Refused(field, f"'{_cut(text)}' is not a whole number: write a whole {what}")
    return int(number)


def _number(text: str, field: str, example: str) -> float:
    try:
        number = float(text)
    except ValueError:
        number = math.nan
    if not math.isfinite(number):
        raise _Refused(field, f"'{_cut(text)}' is not a number: write {example}")
    return number


def _cut(text: str) -> str:
    return text if len(text) <= 30 else text[:29] + "…"


def typed_valuation(typed: Mapping[str, str | None]) -> dict[str, Any] | None:
    """A valuation's fields from its form as typed (``TYPED_FIELDS``), None when every field is blank.

    Raises ``FrameworkError`` naming the field when one cannot be read, or when a proxy's unit, source or
    currency is given without its amount.
    """
    try:
        return _typed_valuation(typed)
    except _Refused as refused:
        raise FrameworkError([Problem(FIELD_WORDS[refused.field], refused.message)]) from None


def _typed_valuation(typed: Mapping[str, str | None]) -> dict[str, Any] | None:
    def text(field: str) -> str | None:
        return (typed.get(field) or "").strip() or None

    valuation: dict[str, Any] = {}
    quantity = read_amount(text("quantity"), "quantity")
    if quantity is not None:
        valuation["quantity"] = quantity
    amount = read_amount(text("proxy_amount"), "proxy_amount")
    proxy_words = {part: text(f"proxy_{part}") for part in ("unit", "source")}
    if amount is not None:
        proxy: dict[str, Any] = {"amount": amount, "currency": (text("proxy_currency") or "GBP").upper()}
        proxy |= {part: words for part, words in proxy_words.items() if words}
        valuation["proxy"] = proxy
    elif any(proxy_words.values()):
        raise _Refused("proxy_amount", "give the proxy's amount, or clear its unit and source")
    for share in SHARES:
        value = read_share(text(share), share)
        if value is not None:
            valuation[share] = value
    duration = read_years(text("duration"), "duration")
    if duration is not None:
        valuation["duration"] = duration
    if text("beneficiary"):
        valuation["beneficiary"] = text("beneficiary")
    return valuation or None


def typed_appraisal(typed: Mapping[str, str | None]) -> dict[str, Any]:
    """The appraisal settings from their form as typed: a blank discount rate is the Green Book's 3.5%."""
    try:
        rate = read_share(typed.get("discount_rate"), "discount_rate")
        year = read_years(typed.get("price_year"), "price_year", "year such as 2025")
    except _Refused as refused:
        raise FrameworkError([Problem(FIELD_WORDS[refused.field], refused.message)]) from None
    return {"discount_rate": Appraisal().discount_rate if rate is None else rate, "price_year": year}


# --- the edits -----------------------------------------------------------------------------------


def set_valuation(fw: Framework, node_id: str, valuation: Mapping[str, Any] | Valuation | None) -> Framework:
    """Give a box its valuation (None, or one with nothing said, takes it off). Refused, naming the box and the
    field, when a figure is out of range (a share above 1, a duration under 1 year) or the beneficiary is not
    one of the framework's stakeholders."""
    index, node = _box_at(fw, node_id)
    where = _where(index, node)
    if valuation is not None and not isinstance(valuation, Valuation):
        try:
            valuation = Valuation.model_validate(dict(valuation))
        except ValidationError as exc:
            raise FrameworkError([_worded(p, where) for p in validation_problems(exc)]) from None
    if valuation is not None and valuation == Valuation():
        valuation = None
    beneficiary = valuation.beneficiary if valuation else None
    if beneficiary is not None and beneficiary not in {s.id for s in fw.stakeholders}:
        names = ", ".join(s.name for s in fw.stakeholders) or "none yet: add them on Build"
        said = f"'{beneficiary}' is not one of the stakeholders ({names})"
        raise FrameworkError([Problem("beneficiary", said, where=where("beneficiary"))])
    if node.valuation == valuation:
        return fw
    nodes = list(fw.nodes)
    nodes[index] = node.model_copy(update={"valuation": valuation})
    return replace_parts(fw, nodes=nodes)


def set_valuation_typed(fw: Framework, node_id: str, typed: Mapping[str, str | None]) -> Framework:
    """``set_valuation`` from the box's form as typed (``TYPED_FIELDS``)."""
    index, node = _box_at(fw, node_id)
    try:
        valuation = typed_valuation(typed)
    except FrameworkError as err:
        raise FrameworkError([_worded(p, _where(index, node)) for p in err.found]) from None
    return set_valuation(fw, node_id, valuation)


def set_appraisal(fw: Framework, *, discount_rate: float | None = None, price_year: int | None = None) -> Framework:
    """Set how the case is appraised: the discount rate (None: the Green Book's 3.5%) and the price year.
    Refused, naming the field, when the rate is not from 0 to 1 or the year is not a year."""
    fields: dict[str, Any] = {"price_year": price_year}
    if discount_rate is not None:
        fields["discount_rate"] = discount_rate
    try:
        appraisal = Appraisal.model_validate(fields)
    except ValidationError as exc:
        problems = validation_problems(exc)
        raise FrameworkError([_worded(p, None) for p in problems]) from None
    if fw.appraisal == appraisal or (fw.appraisal is None and appraisal == Appraisal()):
        return fw
    return replace_parts(fw, appraisal=appraisal)


def set_appraisal_typed(fw: Framework, typed: Mapping[str, str | None]) -> Framework:
    """``set_appraisal`` from its form as typed (``APPRAISAL_FIELDS``)."""
    return set_appraisal(fw, **typed_appraisal(typed))


# --- what an edit did, for the history --------------------------------------------------------------


def valuation_summary(old: Framework, new: Framework, node_id: str) -> str:
    """What a valuation edit did, as the version's summary: "Valued 'Fewer falls'", "Changed the valuation of
    'Fewer falls' (deadweight, duration)", "Took the valuation off 'Fewer falls'"."""
    before, after = old.node_by_id[node_id].valuation, new.node_by_id[node_id].valuation
    label = new.node_by_id[node_id].label
    if before is None:
        return f"Valued '{label}'"
    if after is None:
        return f"Took the valuation off '{label}'"
    changed = [FIELD_WORDS[name] for name in Valuation.model_fields if getattr(before, name) != getattr(after, name)]
    return f"Changed the valuation of '{label}' ({', '.join(changed)})"


def appraisal_summary(new: Framework) -> str:
    """The appraisal settings as the version's summary: "Discount rate 3.5%, prices of 2025"."""
    appraisal = new.appraisal or Appraisal()
    year = f", prices of {appraisal.price_year}" if appraisal.price_year else ", price year not said"
    return f"Appraisal: discount rate {appraisal.discount_rate * 100:.3g}%{year}"


# --- where a refusal is ---------------------------------------------------------------------------


def _box_at(fw: Framework, node_id: str) -> tuple[int, Node]:
    for index, node in enumerate(fw.nodes):
        if node.id == node_id:
            return index, node
    raise FrameworkError([Problem.about("", "no box has the id ", Box(node_id))])


def _where(index: int, node: Node) -> Any:
    return lambda field: Where("box", index, (Box(node.id, node.label),), field)


def _worded(problem: Problem, where: Any) -> Problem:
    """A model's problem in the screen's words: the field named as the form names it, a share's range said."""
    path = problem.path.removeprefix("valuation.")
    field = FIELD_WORDS.get(path, FIELD_WORDS.get(path.split(".")[0], path.replace("_", " ")))
    message = problem.message
    if path in SHARES or path == "discount_rate":
        message += _SHARE_HINT
    if where is None:
        return Problem(field, message)
    return Problem(problem.path, message, where=where(field))


# --- the user's own low and high values, for the sensitivity ------------------------------------------


def range_text(figure: str, value: float) -> str:
    """An assumption's low or high value as a form shows it, to be typed over: a share as a percentage, an
    amount or a quantity as a plain number, a duration in whole years.

    >>> range_text("deadweight", 0.15), range_text("proxy", 825.0), range_text("duration", 2.0)
    ('15%', '825', '2')
    """
    if figure in FRACTIONS:
        return f"{value * 100:.6g}%"
    if figure == "duration":
        return str(round(value))
    return f"{value:.15g}"


def typed_ranges(
    assumptions: Sequence[Assumption], typed: Mapping[str, tuple[str, str]]
) -> dict[str, tuple[float, float]]:
    """The user's own low and high values of the assumptions (by key), as typed (``range_text``'s forms, and
    "£1,650" or "0.2" too), for ``sensitivity(fw, ranges=...)``. Refused in one line naming the assumption and
    which end, when one cannot be read.

    >>> moved = [Assumption("deadweight:falls", "deadweight", None, "Deadweight of ‘Falls’", 0.3, 0.15, 0.45,
    ...                     None, None, None)]
    >>> typed_ranges(moved, {"deadweight:falls": ("10%", "0.5")})
    {'deadweight:falls': (0.1, 0.5)}
    """
    by_key = {a.key: a for a in assumptions}
    ranges: dict[str, tuple[float, float]] = {}
    for key, (low_text, high_text) in typed.items():
        a = by_key.get(key)
        if a is None:
            continue  # an assumption no longer there (its box deleted, its figure taken away)
        ends = []
        for end, text in (("low", low_text), ("high", high_text)):
            try:
                value = _read_assumption(a.figure, text, a.label)
            except _Refused as refused:
                raise FrameworkError([Problem(f"{a.label}, {end}", refused.message)]) from None
            ends.append(value if value is not None else (a.low if end == "low" else a.high))
        ranges[key] = (ends[0], ends[1])
    return ranges


def _read_assumption(figure: str, text: str, label: str) -> float | None:
    if figure in FRACTIONS:
        value = read_share(text, label)
        if value is not None and not 0 <= value <= 1:
            raise _Refused(label, f"'{_cut(text.strip())}' is not a share from 0 to 1 (0.2 or 20%)")
        return value
    if figure == "duration":
        years = read_years(text, label)
        if years is not None and years < 1:
            raise _Refused(label, "a duration is at least 1 year")
        return None if years is None else float(years)
    return read_amount(text, label)
