"""docs/appraise.md works Swindon's falls case by hand: its figures are the engine's, so neither can drift.

The engine (``logicmodel.analysis.appraisal`` and ``sensitivity``) and the sample's illustrative valuation are
built on separate branches; until both are in the tree these tests are skipped, never passed unseen."""

from __future__ import annotations

import pytest
from paths import ROOT

from logicmodel.core.samples import find

appraisal = pytest.importorskip("logicmodel.analysis.appraisal", reason="the appraisal engine is not merged yet")
sensitivity = pytest.importorskip("logicmodel.analysis.sensitivity", reason="the sensitivity is not merged yet")

DOCS = " ".join((ROOT / "docs" / "appraise.md").read_text(encoding="utf-8").split())
"""The page's words with its line breaks as spaces, as a reader reads them."""


def pounds(amount: float, pence: bool = True) -> str:
    return f"£{amount:,.2f}" if pence else f"£{round(amount):,}"


@pytest.fixture(scope="module")
def case():
    return appraisal.appraise(find("swindon").load())


def test_the_worked_falls_outcome_is_the_engines(case):
    falls = next(o for o in case.outcomes if o.box.id == "str-fewer-falls")
    assert falls.first_year == pytest.approx(22400)
    assert "= £22,400" in DOCS
    for year, factor in zip(falls.years, falls.discount_factors, strict=True):
        assert pounds(year, pence=False) in DOCS and f"{factor:.6f}" in DOCS
        assert pounds(year * factor) in DOCS
    assert pounds(falls.present_value) in DOCS


def test_the_worked_totals_are_the_engines(case):
    assert case.discount_rate == 0.035 and case.price_year == 2025
    assert f"**{pounds(case.investment, pence=False)}**" in DOCS
    assert f"NPV = {pounds(case.present_value)} − {pounds(case.investment, pence=False)} = −{pounds(-case.npv)}" in DOCS
    assert f"= {case.ratio:.2f}, that is £{case.ratio:.2f} for every £1" in DOCS


def test_who_pays_and_who_saves_in_the_docs_is_the_engines(case):
    paid = {share.name: pounds(share.pays, pence=False) for share in case.shares}
    said = {
        "Public Health: Community Health and Wellbeing Team": "Public Health pays {}",
        "Adult Social Care": "Adult Social Care {}",
        "Integrated care board (formerly the clinical commissioning group)": "integrated care board {}",
        "Children's Services": "Children's Services {}",
        "StreetGames": "StreetGames {}",
        "Sport England (Community Sport Activation Fund)": "Sport England {}",
        "not said": '{} is paid by "not said"',
    }
    assert set(paid) == set(said)
    for name, words in said.items():
        assert words.format(paid[name]) in DOCS, name
    icb = next(s for s in case.shares if s.stakeholder == "icb")
    assert f"saves {pounds(icb.saves, pence=False)}, a net gain of {pounds(icb.net, pence=False)}" in DOCS


def test_the_break_even_values_in_the_docs_are_the_engines():
    found = {a.key: a for a in sensitivity.sensitivity(find("swindon").load())}
    assert f"{found['quantity:str-fewer-falls'].break_even:.1f} falls avoided" in DOCS
    assert f"a proxy of {pounds(found['proxy:str-fewer-falls'].break_even, pence=False)}" in DOCS
    assert f"an investment of {pounds(found['investment'].break_even, pence=False)}" in DOCS
    for figure in ("deadweight", "drop_off"):
        assert found[f"{figure}:str-fewer-falls"].break_even is None  # "no deadweight, drop-off ... gets it there"
    assert found["discount_rate"].break_even is None
