"""Case: the financial case a finance officer signs off. The appraisal settings, each outcome box's valuation
(quantity, financial proxy and its source, deadweight, displacement, attribution, drop-off, duration and who
gains), the headline (present value, investment, net present value, ratio) with the rule beside it, each
outcome's figures and what is missing, who pays and who saves, double counting, and how sensitive the ratio is
(a tornado chart and each assumption's break-even value).

Every figure comes from the engine (``logicmodel.analysis.appraisal.appraise``, ``...sensitivity.sensitivity``),
every sentence from ``logicmodel.analysis.case_words``, the chart from ``logicmodel.drawing.tornado``; edits are
``ui.forms.case``'s, one version each, undoable. The value summary's simple benefit total is not this page's.
"""

from __future__ import annotations

import streamlit as st

from logicmodel.analysis import case_words as words
from logicmodel.analysis.appraisal import RULE, Case, appraise, figure_words
from logicmodel.analysis.sensitivity import sensitivity
from logicmodel.analysis.value import money
from logicmodel.core.models import Framework
from logicmodel.core.proxies import benchmark_words
from logicmodel.drawing.tornado import TOP, tornado_spec
from logicmodel.editing.valuation import typed_ranges
from ui import sharing
from ui.forms import case as forms
from ui.text import md, plural
from ui.widgets import box_namer, require_framework, show_flash, undo_redo_buttons

SPREADS = (0.1, 0.25, 0.5, 0.75)
"""How far each assumption may be moved either way, for the sensitivity (±50% unless chosen)."""
SPREAD = "case_spread"
BREAK_EVEN_ROWS = 30
"""Most assumptions listed in the break-even table (the widest swings): the rest move the ratio less."""


def figure(value: float | None, currency: str) -> str:
    """An amount, or "not said" (never zero)."""
    return words.amount(value, currency) if value is not None else "not said"


def draw_headline(fw: Framework, case: Case) -> None:
    """The four totals across the page, large enough to read from the back of a room; under them the case in
    words, with the rule beside it."""
    c = case.currency
    cells = st.columns(4)
    cells[0].metric("Present value of benefits", figure(case.present_value, c))
    cells[1].metric("Investment", figure(case.investment, c))
    cells[2].metric("Net present value", figure(case.npv, c))
    cells[3].metric(
        f"For every {money(1, c)} invested",
        words.per_pound(case.ratio, c) if case.ratio is not None else "no ratio",
    )
    left, right = st.columns([3, 2], gap="large")
    with left:
        said = [words.headline(fw, case), words.totals(case)]
        st.markdown("\n\n".join(f"**{md(s)}**" if i == 0 else md(s) for i, s in enumerate(said) if s))
        if case.outcomes and c == "GBP":  # the benchmark is in pounds: a case in another currency is not compared
            st.caption(md(benchmark_words(case.ratio)))
    with right:
        st.markdown("**How it is worked out**")
        st.caption(md(RULE))


def outcome_rows(fw: Framework, case: Case) -> list[dict[str, str]]:
    """Each valued box: its beneficiary, first-year value, present value and what stops it counting."""
    c = case.currency
    names = {s.id: s.name for s in fw.stakeholders}
    return [
        {
            "Outcome": o.box.label,
            "Beneficiary": names.get(o.beneficiary or "", "not said"),
            "First year": figure(o.first_year, c),
            "Years": str(len(o.years)) if o.years else "not said",
            "Present value": figure(o.present_value, c),
            "Missing": ", ".join([figure_words(f) for f in o.missing] + ([o.problem] if o.problem else []))
            or "nothing: counted",
        }
        for o in case.outcomes
    ]


def break_even_rows(case: Case, moved: list) -> list[dict[str, str]]:
    """Each assumption (widest swing first): its value, low and high, the ratio at each, its break-even."""
    c = case.currency
    return [
        {
            "Assumption": a.label,
            "Value": words.assumption_value(a, a.value, c),
            "Low": words.assumption_value(a, a.low, c),
            "High": words.assumption_value(a, a.high, c),
            "Ratio at low": words.per_pound(a.ratio_low, c) if a.ratio_low is not None else "–",
            "Ratio at high": words.per_pound(a.ratio_high, c) if a.ratio_high is not None else "–",
            "Break-even": words.assumption_value(a, a.break_even, c),
        }
        for a in moved[:BREAK_EVEN_ROWS]
    ]


fw = require_framework()
st.title("Case", anchor=False)
st.caption(md(fw.meta.title))
editing = not sharing.view_only()
if editing:
    undo_redo_buttons("case_")
show_flash()
case = appraise(fw)
c = case.currency

st.header("The case", anchor=False)
if not case.outcomes:
    st.info(words.NO_CASE, icon=":material/savings:")
draw_headline(fw, case)

st.header("Value an outcome", anchor=False)
boxes = forms.outcome_boxes(fw)
if not editing:
    st.caption("Only people who can edit this framework can change its valuations and appraisal settings.")
elif not boxes:
    st.caption("No outcome boxes yet: add outcomes on Build, then value them here.")
else:
    namer = box_namer(fw)
    valued = {o.box.id for o in case.outcomes}
    if st.session_state.get(forms.BOX) not in boxes:  # first visit, or the box was deleted: a valued one first
        st.session_state[forms.BOX] = next((b for b in boxes if b in valued), boxes[0])
    chosen = st.selectbox(
        "Outcome box",
        boxes,
        format_func=lambda b: f"{namer(b)}{' · valued' if b in valued else ''}",
        key=forms.BOX,
    )
    said = words.outcome_words(fw, chosen)
    if said:
        st.caption(md(said))
    forms.draw_library(fw, chosen)
    forms.draw_valuation(fw, chosen)
if editing:
    with st.expander("Appraisal settings: discount rate and price year", icon=":material/tune:"):
        forms.draw_settings(fw)

if case.outcomes:
    st.header("Outcomes valued", anchor=False)
    st.table(outcome_rows(fw, case), hide_index=True)
    st.caption(
        f"Discounted at {words.percent(case.discount_rate)} a year"
        + (f", in {case.price_year} prices." if case.price_year else "; price year not said.")
    )

    st.header("Who pays and who saves", anchor=False)
    if case.shares:
        st.table(
            [dict(zip(words.SHARES_HEADERS, row, strict=True)) for row in words.shares_rows(case)], hide_index=True
        )
        in_words = words.pays_and_saves(case)
        if in_words:
            st.markdown(f"**{md(in_words)}**")
        st.caption(md(words.SHARES_NOTE))
    else:
        st.caption(
            "Nobody pays or saves yet: give the activities costs and their commissioners, and the outcomes "
            "beneficiaries."
        )

    warned = words.double_counting_words(case)
    if warned:
        st.warning(md(warned), icon=":material/warning:")
    for caution in case.cautions[len(case.double_counting) :]:  # appraise says each pair first: warned above
        st.caption(md(caution))

    st.header("What is missing", anchor=False)
    if case.missing:
        st.markdown("\n".join(f"- {md(line)}" for line in case.missing))
        st.caption("A missing figure is never counted as zero: fill it in above, or on Build for a cost.")
    else:
        st.caption("Nothing: every valued outcome and every activity's cost is counted.")

    st.header("How sensitive the case is", anchor=False)
    spread = st.select_slider(
        "Move each assumption either way by",
        SPREADS,
        value=0.5,
        format_func=lambda s: f"±{s:.0%}",
        key=SPREAD,
    )
    moved = sensitivity(fw, spread=spread)
    mine = forms.own_ranges()
    if mine:
        moved = sensitivity(fw, ranges=typed_ranges(moved, mine), spread=spread)
    if not moved:
        st.caption(
            "No sensitivity yet: it needs a ratio, so at least one outcome counted (every figure given) and a cost."
        )
    else:
        st.vega_lite_chart(
            spec=tornado_spec(moved, case.ratio, c),
            theme=None,
            alt=f"How sensitive the ratio is: the {TOP} or fewer assumptions that move it most, widest first.",
        )
        st.caption(md(words.SENSITIVITY_NOTE))
        st.subheader("Break-even", anchor=False)
        st.table(break_even_rows(case, moved), hide_index=True)
        if len(moved) > BREAK_EVEN_ROWS:
            st.caption(f"The {BREAK_EVEN_ROWS} widest swings of {plural(len(moved), 'assumption')}.")
        with st.expander("Your own low and high values", expanded=bool(mine), icon=":material/tune:"):
            st.caption(
                "Type over a low or a high value to move that assumption by your own range rather than "
                f"±{spread:.0%}: a share as 20% or 0.2, money as 1650, a duration in whole years. Kept while this "
                "tab is open, not saved in the framework."
            )
            forms.draw_ranges(moved)
