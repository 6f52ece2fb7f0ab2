"""The financial proxy library: only confirmed figures, each with its reference; the rest say where to look and
that their amount could not be confirmed; filling a box's proxy never puts in an amount the library cannot back."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from paths import ROOT

from logicmodel.core import proxies
from logicmodel.core.models import Appraisal, Proxy
from logicmodel.core.proxies import (
    DOUBTFUL_WORDS,
    ProxyLibraryError,
    benchmark,
    benchmark_words,
    benchmarks,
    entries,
    entry,
    entry_for,
    fill,
    not_confirmed,
    unit_proxies,
)
from logicmodel.core.readwrite import dumps, from_data, loads

ENTRIES = entries()
DOCS = ROOT / "docs" / "appraise.md"

# Every figure the library gives, checked by hand against its reference (and the first two stated in issue 23's
# own text): (value, currency, year, price base). A new figure must be added here, with its reference read.
CONFIRMED_FIGURES = {
    "green-book-discount-rate": (0.035, None, 2025, "real terms"),
    "sport-england-sroi-2020": (3.91, "GBP", 2020, "2018 prices"),
}


def by_id(items: list) -> list[object]:
    return [pytest.param(item, id=item.id) for item in items]


@pytest.mark.parametrize("item", by_id(ENTRIES))
def test_every_entry_says_where_it_comes_from(item):
    assert item.reference.strip() and item.publisher.strip() and item.definition.strip() and item.source.strip()


@pytest.mark.parametrize("item", by_id([e for e in ENTRIES if e.value is not None]))
def test_every_figure_given_is_one_checked_by_hand(item):
    """A figure (rate, ratio or amount) appears only with the value, year and price base confirmed above."""
    value, currency, year, price_base = CONFIRMED_FIGURES[item.id]
    assert item.confirmed
    assert (item.value, item.currency, item.year) == (value, currency, year)
    assert price_base in (item.price_base or "")


def test_the_checked_figures_are_all_in_the_library():
    assert {e.id for e in ENTRIES if e.value is not None} == set(CONFIRMED_FIGURES)


@pytest.mark.parametrize("item", by_id(not_confirmed()))
def test_an_unconfirmed_entry_gives_no_amount_and_says_what_to_look_up(item):
    assert item.value is None
    assert "could not be confirmed" in item.note
    assert item.look_up.strip()
    assert item.badge == "no amount: look it up"
    assert item.in_words.startswith("No amount given: ")


@pytest.mark.parametrize("item", by_id(ENTRIES))
def test_no_words_of_doubt_reach_a_users_proxy(item):
    """Doubt is the library's to explain (note, badge); the source put on a user's box carries none."""
    for words in DOUBTFUL_WORDS:
        assert words not in f"{item.source} {item.unit or ''}".casefold()


def test_the_library_names_the_places_a_lead_looks_for_proxies():
    names = " ".join(e.name for e in unit_proxies())
    for place in ("Unit Costs of Health and Social Care", "National Cost Collection", "Greater Manchester", "HACT"):
        assert place in names


def test_the_green_book_rate_is_the_formats_default():
    """The format's default discount rate is the Green Book's, so the two cannot drift apart silently."""
    assert Appraisal().discount_rate == entry("green-book-discount-rate").value == 0.035


def test_the_sport_england_ratio_is_a_benchmark_not_a_unit_proxy():
    sroi = benchmark("sport-england-sroi-2020")
    assert sroi in benchmarks() and sroi not in unit_proxies()
    assert sroi.in_words.startswith("£3.91 of social value for every £1 spent on community sport")
    with pytest.raises(ValueError, match="benchmark"):
        fill("sport-england-sroi-2020")
    with pytest.raises(ValueError, match="rate"):
        fill("green-book-discount-rate")
    with pytest.raises(KeyError):
        benchmark("green-book-discount-rate")


def test_a_benchmark_is_shown_as_a_comparison_not_a_target():
    words = benchmark_words(0.37)
    assert words.startswith("This case: £0.37 for every £1 put in.")
    assert "£3.91" in words and "2018 prices" in words and "not a target" in words
    assert "no ratio yet" in benchmark_words(None)


# --- filling a box's proxy ---------------------------------------------------------------------------


@pytest.mark.parametrize("item", by_id([e for e in unit_proxies() if not e.confirmed]))
def test_picking_a_source_without_an_amount_asks_for_one(item):
    filled = fill(item.id)
    assert filled.amount is None and filled.proxy is None
    assert filled.source == item.source
    assert filled.to_do.startswith("Add the amount yourself") and item.look_up in filled.to_do


@pytest.mark.parametrize("item", by_id([e for e in unit_proxies() if not e.confirmed]))
def test_picking_a_source_keeps_the_leads_own_amount_and_asks_to_check_it(item):
    mine = Proxy(amount=1234.5, currency="GBP", unit="a fall avoided", source="our audit")
    filled = fill(item.id, mine)
    assert filled.proxy == Proxy(amount=1234.5, currency="GBP", unit="a fall avoided", source=item.source)
    assert "Check that 1234.5 is the amount" in filled.to_do
    assert entry_for(filled.proxy) == item


@pytest.mark.parametrize("item", by_id(unit_proxies()))
def test_a_filled_proxy_goes_on_a_box_and_survives_the_file(item):
    proxy = fill(item.id, Proxy(amount=100)).proxy
    data = {
        "schema_version": 1,
        "meta": {"title": "T"},
        "stakeholders": [{"id": "icb", "name": "ICB", "role": "commissioner"}],
        "nodes": [
            {"id": "act", "level": "activity", "label": "A", "stakeholders": ["icb"]},
            {
                "id": "out",
                "level": "strategic",
                "label": "O",
                "stakeholders": ["icb"],
                "valuation": {"quantity": 3, "proxy": proxy.model_dump(exclude_none=True), "beneficiary": "icb"},
            },
        ],
        "links": [{"source": "act", "target": "out"}],
    }
    again = loads(dumps(from_data(data))).node_by_id["out"].valuation.proxy
    assert again == proxy and again.source == item.source


@given(
    item=st.sampled_from([e for e in unit_proxies() if not e.confirmed]),
    amount=st.none() | st.floats(min_value=0, max_value=1e15, allow_nan=False),
    unit=st.none() | st.sampled_from(["a fall avoided", "a GP consultation avoided"]),
)
def test_filling_from_a_source_never_makes_up_or_changes_an_amount(item, amount, unit):
    """Whatever the box had, picking a source without a confirmed figure keeps the box's own amount (or none),
    and always leaves the lead something to do: the library never supplies a figure it cannot back."""
    current = None if amount is None else Proxy(amount=amount, unit=unit)
    filled = fill(item.id, current)
    assert filled.amount == amount
    assert (filled.proxy is None) == (amount is None)
    assert filled.to_do and item.look_up in filled.to_do
    if current is not None:
        assert filled.proxy.unit == (item.unit or unit) and filled.proxy.source == item.source


def test_entry_for_a_proxy_of_the_leads_own_is_none():
    assert entry_for(Proxy(amount=5)) is None
    assert entry_for(Proxy(amount=5, source="illustrative, not a real unit cost; not Swindon's data")) is None


# --- the documentation says the same --------------------------------------------------------------------


def test_the_docs_list_what_could_not_be_confirmed_and_the_figures_with_their_references():
    """docs/appraise.md is where a lead reads what the library could not confirm: every entry, named."""
    text = DOCS.read_text(encoding="utf-8")
    for item in not_confirmed():
        assert item.name in text, item.id
    assert "£3.91" in text and "3.5%" in text and "2018 prices" in text
    assert "Sheffield Hallam" in text and "Green Book" in text


# --- broken data is a packaging fault, reported in one line ---------------------------------------------

GOOD = {
    "id": "x",
    "group": "G",
    "kind": "unit cost",
    "name": "N",
    "value": 10.0,
    "currency": "GBP",
    "unit": "a fall avoided",
    "source": "S, 2024 prices",
    "publisher": "P",
    "year": 2024,
    "price_base": "2024 prices",
    "confirmed": True,
    "reference": "R",
}
LEAD = {
    "id": "y",
    "group": "G",
    "kind": "where to look",
    "name": "M",
    "source": "T",
    "publisher": "P",
    "confirmed": False,
    "note": "The amount could not be confirmed.",
    "look_up": "the unit cost",
    "reference": "R",
}


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(proxies, "DATA_DIR", tmp_path)
    proxies._load.cache_clear()
    yield tmp_path
    proxies._load.cache_clear()


def write(folder: Path, items: list) -> None:
    (folder / "proxies.json").write_text(json.dumps(items))


@pytest.mark.parametrize(
    ("items", "message"),
    [
        ([GOOD, GOOD], "appears twice"),
        ([GOOD | {"price_base": None}], "year or price base"),
        ([GOOD | {"year": None}], "year or price base"),
        ([LEAD | {"value": 12.0}], "not confirmed"),
        ([LEAD | {"note": ""}], "does not say so"),
        ([LEAD | {"look_up": ""}], "what to look up"),
        ([GOOD | {"source": "S (amount not confirmed)"}], "words of doubt"),
        ([GOOD | {"unit": "a fall avoided (probable)"}], "words of doubt"),
        ([GOOD | {"currency": None}], "currency"),
        ([GOOD | {"unit": None}], "what one unit is"),
        ([GOOD | {"kind": "rate", "value": 3.5, "currency": None}], "rate above 1"),
        ([GOOD | {"colour": "red"}], "proxies.json"),
        ([GOOD | {"kind": "guess"}], "proxies.json"),
    ],
)
def test_broken_proxy_data_is_refused(data_dir: Path, items, message):
    write(data_dir, items)
    with pytest.raises(ProxyLibraryError, match=message):
        entries()


def test_missing_proxy_file_is_refused(data_dir: Path):
    with pytest.raises(ProxyLibraryError, match=r"proxies\.json"):
        entries()


def test_a_confirmed_unit_cost_fills_the_amount_itself(data_dir: Path):
    """The day a unit cost is confirmed, picking it fills the amount: nothing left to do."""
    write(data_dir, [GOOD, LEAD])
    filled = fill("x", Proxy(amount=999, unit="something else"))
    assert filled.proxy == Proxy(amount=10.0, currency="GBP", unit="a fall avoided", source="S, 2024 prices")
    assert filled.to_do == ""
    assert entry("x").in_words == "£10.00 a fall avoided (2024 prices)"
    assert [e.id for e in unit_proxies()] == ["x", "y"] and [e.id for e in not_confirmed()] == ["y"]


def test_lookup_of_an_unknown_id_raises_key_error():
    with pytest.raises(KeyError):
        entry("pssru-2031")
