"""The library of financial proxies the Case page offers, so a lead picks a sourced figure rather than types one.

Built like the indicator library (``logicmodel.core.library``): the data lives in
``logicmodel/data/proxies.json``, read from the installed package with ``importlib.resources``, checked on
first use and cached; every entry carries its reference. A figure (``value``) is given only where its source,
year and price base were confirmed; every other entry names where a lead can find a proxy (a unit cost
database, a social value bank) with no amount, ``confirmed`` false, and says in ``note`` what could not be
confirmed and in ``look_up`` what to look up. ``docs/appraise.md`` lists them. An entry is one of:

- a **rate**: the Green Book's discount rate, for the framework's ``appraisal``;
- a **benchmark**: a published ratio to compare a case's ratio against (Sport England's £3.91 for every £1),
  never a proxy for one box;
- a **unit cost**: what one unit of an outcome is worth (none is confirmed today, so none is shipped);
- **where to look**: a source of unit costs or social values, with no amount.

>>> rate = entry("green-book-discount-rate")
>>> rate.value, rate.confirmed, rate.year
(0.035, True, 2025)
>>> benchmark("sport-england-sroi-2020").value
3.91
>>> pssru = entry("unit-costs-health-social-care")
>>> pssru.value is None, pssru.badge
(True, 'no amount: look it up')
>>> filled = fill("unit-costs-health-social-care")
>>> filled.amount is None, filled.proxy is None, filled.source.startswith("Unit Costs of Health and Social Care")
(True, True, True)
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from importlib.resources import files
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from logicmodel.core.limits import ID_PATTERN, MAX_NUMBER, MAX_SHORT, MAX_TEXT, MAX_URL, MAX_YEAR, MIN_YEAR
from logicmodel.core.models import Proxy

__all__ = [
    "DATA_DIR",
    "DOUBTFUL_WORDS",
    "KINDS",
    "Filled",
    "LibraryProxy",
    "ProxyLibraryError",
    "benchmark",
    "benchmark_words",
    "benchmarks",
    "entries",
    "entry",
    "entry_for",
    "fill",
    "not_confirmed",
    "unit_proxies",
]

DATA_DIR = files("logicmodel").joinpath("data")
"""The package's ``data/`` folder, where ``proxies.json`` lives."""

Id = Annotated[str, StringConstraints(pattern=ID_PATTERN)]
Short = Annotated[str, StringConstraints(min_length=1, max_length=MAX_SHORT, pattern=r"\S")]
Text = Annotated[str, StringConstraints(max_length=MAX_TEXT)]
Url = Annotated[str, StringConstraints(max_length=MAX_URL, pattern=r"^https://[^\s<>\"]+$")]
Currency = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]

Kind = Literal["rate", "benchmark", "unit cost", "where to look"]
KINDS: tuple[str, ...] = ("rate", "benchmark", "unit cost", "where to look")
"""The kinds of entry, in the order the library lists them."""

DOUBTFUL_WORDS = ("unconfirmed", "not confirmed", "assumed", "probable", "could not")
"""Words of doubt that belong in an entry's ``note``, never in the source given to a user's proxy."""


class ProxyLibraryError(ValueError):
    """The shipped proxy data is broken (a packaging fault, never a user's)."""


class LibraryProxy(BaseModel):
    """One entry of the proxy library: a confirmed figure with its reference, or where to look for one."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    id: Id
    """Stable id in the library, e.g. ``"green-book-discount-rate"``."""
    group: Short
    """The family it belongs to, e.g. "Discounting", "Where to find unit costs"."""
    kind: Kind
    name: Short
    value: Annotated[float, Field(ge=0, le=MAX_NUMBER)] | None = None
    """The figure (a rate as a fraction, a ratio, an amount), only where its source, year and price base are
    confirmed; None for a source to look in."""
    currency: Currency | None = None
    """For an amount or a ratio of money, e.g. ``"GBP"``."""
    unit: Short | None = None
    """What the figure is per: "a fall avoided", "of social value for every £1 spent"."""
    source: Short
    """What a proxy filled from this entry says it comes from (no words of doubt: those stay in ``note``)."""
    publisher: Short
    year: Annotated[int, Field(ge=MIN_YEAR, le=MAX_YEAR)] | None = None
    """The year the figure was published or stated."""
    price_base: Short | None = None
    """The prices the figure is in, e.g. "2018 prices", or "real terms" for a rate."""
    confirmed: bool
    """True only when the figure, its source, year and price base were all confirmed."""
    definition: Text = ""
    """What it is, in plain words."""
    note: Text = ""
    """Caveats: how (not) to use it, and what could not be confirmed."""
    look_up: Text = ""
    """What a lead must look up in the source before using it (for an entry without a confirmed figure)."""
    reference: Short
    """The publication, publisher and date."""
    url: Url | None = None

    @property
    def badge(self) -> str | None:
        """What a picker shows beside an entry without a confirmed figure; None when the figure is confirmed."""
        return None if self.confirmed else "no amount: look it up"

    @property
    def in_words(self) -> str:
        """The figure with its unit and price base, as a page or report shows it; for a source to look in, what
        to look up. Never a figure that is not confirmed.

        >>> entry("green-book-discount-rate").in_words
        '3.5% a year, in real terms, for the first 30 years of a proposal'
        >>> entry("sport-england-sroi-2020").in_words
        '£3.91 of social value for every £1 spent on community sport and physical activity in England (2018 prices)'
        """
        if self.value is None:
            return f"No amount given: {self.look_up}"
        if self.kind == "rate":
            return f"{self.value * 100:g}% {self.unit or ''}".strip()
        money = f"{_symbol(self.currency)}{self.value:,.2f}"
        return f"{money} {self.unit or ''} ({self.price_base})".replace("  ", " ")


def _symbol(currency: str | None) -> str:
    return {"GBP": "£", "EUR": "€", "USD": "$"}.get(currency or "", f"{currency} " if currency else "")


@dataclass(frozen=True)
class Filled:
    """What picking a library entry puts into a box's financial proxy.

    ``amount`` is the library's only where the entry's figure is confirmed; otherwise it is the amount the box
    already had (the lead's own), or None. ``to_do`` says in words what the lead must still look up or check
    ("" when nothing). ``proxy`` is the ``Proxy`` to store, None until there is an amount.
    """

    entry: LibraryProxy
    amount: float | None
    currency: str
    unit: str | None
    source: str
    to_do: str

    @property
    def proxy(self) -> Proxy | None:
        """The proxy to put on the box's valuation, or None while no amount is known."""
        if self.amount is None:
            return None
        return Proxy(amount=self.amount, currency=self.currency, unit=self.unit, source=self.source)


def entries() -> list[LibraryProxy]:
    """Every entry, in the data file's order (rates, benchmarks, then where to look)."""
    return list(_load().values())


def entry(entry_id: str) -> LibraryProxy:
    """The entry with this id. Raises ``KeyError`` if there is none."""
    return _load()[entry_id]


def benchmarks() -> list[LibraryProxy]:
    """The published ratios a case's ratio can be compared against."""
    return [e for e in entries() if e.kind == "benchmark"]


def benchmark(entry_id: str) -> LibraryProxy:
    """The benchmark with this id. Raises ``KeyError`` if there is none (or the entry is not a benchmark)."""
    found = entry(entry_id)
    if found.kind != "benchmark":
        raise KeyError(entry_id)
    return found


def unit_proxies() -> list[LibraryProxy]:
    """The entries a box's proxy can be filled from: confirmed unit costs and the sources to look in."""
    return [e for e in entries() if e.kind in ("unit cost", "where to look")]


def not_confirmed() -> list[LibraryProxy]:
    """The entries whose figure could not be confirmed (listed in ``docs/appraise.md``)."""
    return [e for e in entries() if not e.confirmed]


def fill(entry_id: str, current: Proxy | None = None) -> Filled:
    """What a box's proxy becomes when the lead picks this library entry.

    The unit and source come from the entry (a source without a confirmed figure keeps the box's own unit); the
    amount is the entry's only where it is confirmed, else the box's own amount, never one the library cannot
    back. Raises ``ValueError`` for a rate or a benchmark, which are not what one unit of an outcome is worth.

    >>> from logicmodel.core.models import Proxy
    >>> mine = Proxy(amount=500, unit="a GP consultation avoided")
    >>> filled = fill("unit-costs-health-social-care", mine)
    >>> filled.proxy.amount, filled.proxy.unit
    (500.0, 'a GP consultation avoided')
    >>> filled.to_do.startswith("Check that 500 is the amount")
    True
    >>> fill("sport-england-sroi-2020")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: 'sport-england-sroi-2020' is a benchmark to compare a case's ratio against, not what one unit ...
    """
    picked = entry(entry_id)
    if picked.kind not in ("unit cost", "where to look"):
        raise ValueError(
            f"'{entry_id}' is a {picked.kind} to "
            + ("appraise with" if picked.kind == "rate" else "compare a case's ratio against")
            + ", not what one unit of an outcome is worth"
        )
    if picked.confirmed and picked.value is not None:
        return Filled(picked, picked.value, picked.currency or "GBP", picked.unit, picked.source, "")
    amount = current.amount if current else None
    currency = current.currency if current else "GBP"
    unit = picked.unit or (current.unit if current else None)
    if amount is None:
        to_do = f"Add the amount yourself: {picked.look_up}"
    else:
        to_do = f"Check that {amount:g} is the amount {picked.name} gives: {picked.look_up}"
    return Filled(picked, amount, currency, unit, picked.source, to_do)


def entry_for(proxy: Proxy) -> LibraryProxy | None:
    """The library entry a box's proxy was filled from (its source starts with the entry's), so a page can show
    whether its amount is the library's or still to be checked.

    >>> from logicmodel.core.models import Proxy
    >>> entry_for(fill("nhs-national-cost-collection", Proxy(amount=1)).proxy).id
    'nhs-national-cost-collection'
    >>> entry_for(Proxy(amount=1, source="our own audit")) is None
    True
    """
    if not proxy.source:
        return None
    return next((e for e in unit_proxies() if proxy.source.startswith(e.source)), None)


def benchmark_words(ratio: float | None, entry_id: str = "sport-england-sroi-2020") -> str:
    """A case's ratio beside a published benchmark, in words that say what the benchmark is and is not.

    >>> case, national = benchmark_words(1.5).split(" For comparison only: ")
    >>> case
    'This case: £1.50 for every £1 put in.'
    >>> national.startswith("Sheffield Hallam University for Sport England found £3.91 of social value for every £1")
    True
    >>> national.endswith("(2018 prices): a national figure over all community sport, not a target for one service.")
    True
    >>> benchmark_words(None).startswith("This case: no ratio yet")
    True
    """
    found = benchmark(entry_id)
    case = "no ratio yet (see what is missing)" if ratio is None else f"£{ratio:,.2f} for every £1 put in"
    return (
        f"This case: {case}. For comparison only: Sheffield Hallam University for Sport England found "
        f"{found.in_words}: a national figure over all community sport, not a target for one service."
        if found.id == "sport-england-sroi-2020"
        else f"This case: {case}. For comparison only: {found.publisher}: {found.in_words}."
    )


@functools.cache
def _load() -> dict[str, LibraryProxy]:
    """Read and check the data file once."""
    try:
        raw = json.loads((DATA_DIR / "proxies.json").read_text(encoding="utf-8"))
        found = [LibraryProxy.model_validate(item) for item in raw]
    except (OSError, ValueError, TypeError) as exc:
        detail = exc.errors()[0] if isinstance(exc, ValidationError) else exc
        raise ProxyLibraryError(f"proxies.json: {detail}") from None
    by_id: dict[str, LibraryProxy] = {}
    for item in found:
        if item.id in by_id:
            raise ProxyLibraryError(f"proxies.json: id '{item.id}' appears twice")
        _check(item)
        by_id[item.id] = item
    return by_id


def _check(item: LibraryProxy) -> None:
    """A figure is given only with its year and price base confirmed; doubt stays in the note."""
    where = f"proxies.json: '{item.id}'"
    given = f"{item.source} {item.unit or ''}".casefold()
    if any(word in given for word in DOUBTFUL_WORDS):
        raise ProxyLibraryError(f"{where} puts words of doubt into the source or unit a user's proxy gets")
    if item.confirmed:
        if item.value is None or item.year is None or item.price_base is None:
            raise ProxyLibraryError(f"{where} is confirmed but lacks its figure, year or price base")
    else:
        if item.value is not None:
            raise ProxyLibraryError(f"{where} gives a figure that is not confirmed")
        if "could not be confirmed" not in item.note or not item.look_up.strip():
            raise ProxyLibraryError(f"{where} is not confirmed but does not say so, or what to look up")
    if item.kind in ("unit cost", "benchmark") and item.value is not None and not item.currency:
        raise ProxyLibraryError(f"{where} gives an amount of money without its currency")
    if item.kind == "rate" and item.value is not None and item.value > 1:
        raise ProxyLibraryError(f"{where} gives a rate above 1 (rates are fractions: 0.035 for 3.5%)")
    if item.kind == "unit cost" and item.value is not None and not item.unit:
        raise ProxyLibraryError(f"{where} gives a unit cost without saying what one unit is")
