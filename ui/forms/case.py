"""The Case page's forms: the appraisal settings (discount rate, price year) and an outcome box's valuation.

Each save is one edit of ``logicmodel.editing.valuation`` through ``ui.state.apply``: one new version, which
Undo takes back; a value that cannot be used (a deadweight of 1.5, a duration of 0) is refused in one line naming
the box and the field, and the framework stays as it was. Shares are shown and typed as percentages ("30%") or
fractions ("0.3"); blank is "not said", never zero.
"""

from __future__ import annotations

import contextlib

import pandas as pd
import streamlit as st

from logicmodel.analysis.appraisal import DEFAULT_DISCOUNT_RATE
from logicmodel.analysis.sensitivity import Assumption, sensitivity
from logicmodel.core import proxies
from logicmodel.core.errors import FrameworkError
from logicmodel.core.models import Framework, Valuation
from logicmodel.core.wording import problem_lines
from logicmodel.editing import valuation as valuing
from ui import state
from ui.forms import Keys, as_text
from ui.text import md

__all__ = [
    "BOX",
    "RANGES",
    "SETTINGS",
    "VALUE",
    "draw_library",
    "draw_ranges",
    "draw_settings",
    "draw_valuation",
    "outcome_boxes",
    "own_ranges",
    "remove",
    "save",
    "settle",
    "use_library",
]

SETTINGS = Keys("case_settings", valuing.APPRAISAL_FIELDS)
"""The appraisal settings' form, each field keyed by its saved value: ``case_settings_discount_rate_{stamp}``."""
VALUE = Keys("case_value", valuing.TYPED_FIELDS)
"""A box's valuation form, once per box, each field keyed by its saved value:
``case_value_deadweight_{box}_{stamp}``."""
BOX = "case_box"
"""The picker of the outcome box whose valuation is shown."""
NOBODY = ""
"""The beneficiary picker's "not said"."""
RANGES = "case_ranges"
"""Session key: the user's own low and high values, by framework and assumption key, as typed (this browser
tab only: the file has no place for them)."""
RANGES_GRID = "case_ranges_grid"
"""Session key: how many times the grid of low and high values was applied (its key changes, so it starts
afresh from what was applied)."""
RANGE_COLUMNS = ("Assumption", "Low", "High", "key")
LIBRARY = "case_library"
"""The picker of a proxy library entry (``logicmodel.core.proxies``) to fill the proxy's source from."""


def share_text(value: float | None) -> str:
    """A share as the form shows it: 0.3 as "30%", blank when not said.

    >>> share_text(0.3), share_text(0.035), share_text(None)
    ('30%', '3.5%', '')
    """
    return "" if value is None else f"{value * 100:.6g}%"


def amount_text(value: float | None) -> str:
    """An amount as the form shows it: 1650.0 as "1650", 12.5 as "12.5"."""
    return "" if value is None else f"{value:.15g}"


def outcome_boxes(fw: Framework) -> list[str]:
    """The boxes a valuation can be given to, in the framework's order: outcome boxes, and any other box that
    already carries one (so that it can be changed or taken off)."""
    kinds = fw.level_kinds
    return [n.id for n in fw.nodes if kinds.get(n.level) == "outcome" or n.valuation is not None]


def draw_settings(fw: Framework) -> None:
    """The discount rate and the price year, saved together."""
    appraisal, k = fw.appraisal, SETTINGS
    rate = share_text(appraisal.discount_rate if appraisal else DEFAULT_DISCOUNT_RATE)
    year = as_text(appraisal.price_year if appraisal else None)
    with st.form("case_settings"):
        c1, c2 = st.columns(2)
        c1.text_input(
            "Discount rate a year",
            value=rate,
            key=k("discount_rate", rate),
            help="HM Treasury's Green Book rate is 3.5% a year (leave blank for it). Type 3.5% or 0.035.",
        )
        c2.text_input(
            "Price year",
            value=year,
            key=k("price_year", year),
            placeholder="e.g. 2025",
            help="The year whose prices every amount is in (the price base).",
        )
        st.form_submit_button("Save the appraisal settings", on_click=settle)


def draw_valuation(fw: Framework, node_id: str) -> None:
    """One box's valuation form: its figures, its proxy and where the proxy comes from, and its beneficiary."""
    node = fw.node_by_id[node_id]
    v = node.valuation or Valuation()
    k = VALUE.of(node_id)
    proxy = v.proxy
    names = {NOBODY: "Not said"} | {s.id: s.name for s in fw.stakeholders}
    with st.form(f"case_value_{node_id}"):
        c1, c2, c3 = st.columns([2, 2, 1])
        c1.text_input(
            "Quantity a year",
            value=amount_text(v.quantity),
            key=k("quantity", amount_text(v.quantity)),
            placeholder="e.g. 40",
            help="People or units a year achieving the outcome, e.g. falls avoided.",
        )
        c2.text_input(
            "Financial proxy (amount for one)",
            value=amount_text(proxy.amount if proxy else None),
            key=k("proxy_amount", amount_text(proxy.amount if proxy else None)),
            placeholder="e.g. 1650",
            help="What one unit is worth, e.g. the cost of one emergency admission for a fall.",
        )
        currency = proxy.currency if proxy else "GBP"
        c3.text_input("Currency", value=currency, max_chars=3, key=k("proxy_currency", currency))
        c1, c2 = st.columns([1, 2])
        c1.text_input(
            "Proxy unit",
            value=as_text(proxy.unit if proxy else None),
            key=k("proxy_unit", as_text(proxy.unit if proxy else None)),
            max_chars=200,
            placeholder="e.g. a fall avoided",
        )
        c2.text_input(
            "Proxy source (with its year and price base)",
            value=as_text(proxy.source if proxy else None),
            key=k("proxy_source", as_text(proxy.source if proxy else None)),
            max_chars=200,
            placeholder="e.g. a unit cost database, its year and price base",
        )
        shares = st.columns(5)
        helps = {
            "deadweight": "The share that would have happened anyway.",
            "displacement": "The share that merely moved elsewhere.",
            "attribution": "The share others' work brought about.",
            "drop_off": "How much the benefit fades each year after the first.",
        }
        for column, share in zip(shares, valuing.SHARES, strict=False):
            column.text_input(
                valuing.FIELD_WORDS[share].capitalize(),
                value=share_text(getattr(v, share)),
                key=k(share, share_text(getattr(v, share))),
                placeholder="e.g. 20%",
                help=f"{helps[share]} A share from 0 to 1: type 20% or 0.2.",
            )
        shares[4].text_input(
            "Duration (years)",
            value=as_text(v.duration),
            key=k("duration", as_text(v.duration)),
            placeholder="e.g. 3",
            help="Years the benefit lasts, at least 1.",
        )
        beneficiary = v.beneficiary if v.beneficiary in names else NOBODY
        st.selectbox(
            "Beneficiary: who gains or saves",
            list(names),
            index=list(names).index(beneficiary),
            format_func=names.__getitem__,
            key=k("beneficiary", beneficiary),
            help="A stakeholder: the NHS, adult social care, or the people themselves as a community stakeholder. "
            "Add stakeholders on Build.",
        )
        st.form_submit_button(f"Save the valuation of {md(node.label)}", type="primary", on_click=save, args=(node_id,))
    if node.valuation is not None:
        st.button(
            "Take the valuation off this box",
            key=f"case_value_off_{node_id}",
            on_click=remove,
            args=(node_id,),
            help="Undo brings it back.",
        )


def draw_library(fw: Framework, node_id: str) -> None:
    """Where to find a proxy: a library entry fills the form's proxy source (and unit, or amount where the
    library has a confirmed one) and says what is left to look up; nothing is saved until the form is."""
    choices = proxies.unit_proxies()
    if not choices:
        return
    names = {e.id: e.name + (f" ({e.badge})" if e.badge else "") for e in choices}
    with st.container(horizontal=True, vertical_alignment="bottom"):
        st.selectbox(
            "Where to find a proxy (the proxy library)",
            list(names),
            format_func=names.__getitem__,
            key=LIBRARY,
            help="Sources of unit costs and social values. The library gives an amount only where its source, "
            "year and price base are confirmed; otherwise it says what to look up.",
        )
        st.button("Use this source", key="case_library_use", on_click=use_library, args=(node_id,))


# --- what the forms' buttons do ---


def settle() -> None:
    """Save the appraisal settings as one version."""
    k = SETTINGS
    typed = {field: k.value(field) for field in valuing.APPRAISAL_FIELDS}
    fw = state.current()
    summary = None
    with contextlib.suppress(FrameworkError):  # apply says why, in one line
        summary = valuing.appraisal_summary(valuing.set_appraisal_typed(fw, typed)) if fw is not None else None
    state.apply(valuing.set_appraisal_typed, typed, success="Appraisal settings saved.", summary=summary)


def save(node_id: str) -> None:
    """Save a box's valuation as one version."""
    k = VALUE.of(node_id)
    typed = {field: k.value(field) for field in valuing.TYPED_FIELDS}
    fw = state.current()
    summary = None
    with contextlib.suppress(FrameworkError):  # apply says why, in one line
        new = valuing.set_valuation_typed(fw, node_id, typed) if fw is not None else None
        if new is not None and new is not fw:
            summary = valuing.valuation_summary(fw, new, node_id)
    label = fw.node_by_id[node_id].label if fw is not None and node_id in fw.node_by_id else node_id
    state.apply(
        valuing.set_valuation_typed, node_id, typed, success=f"Saved the valuation of '{label}'.", summary=summary
    )


def remove(node_id: str) -> None:
    fw = state.current()
    label = fw.node_by_id[node_id].label if fw is not None and node_id in fw.node_by_id else node_id
    state.apply(
        valuing.set_valuation,
        node_id,
        None,
        success=f"Took the valuation off '{label}'.",
        summary=f"Took the valuation off '{label}'",
        hint="Undo brings it back.",
    )


# --- the user's own low and high values ---


def own_ranges() -> dict[str, tuple[str, str]]:
    """The low and high values typed for this tab's sensitivity of the open framework, by assumption key, as
    typed (another framework's are its own: "investment" there is not this one's)."""
    return dict((st.session_state.get(RANGES) or {}).get(state.current_id(), {}))


def _keep_ranges(typed: dict[str, tuple[str, str]]) -> None:
    st.session_state[RANGES] = {**(st.session_state.get(RANGES) or {}), state.current_id(): typed}
    st.session_state[RANGES_GRID] = st.session_state.get(RANGES_GRID, 0) + 1


def draw_ranges(moved: list[Assumption]) -> None:
    """Every assumption's low and high value, to be typed over (a share as 20% or 0.2, money as 1650 or
    £1,650, a duration in whole years); applied at once, or refused in one line naming the assumption."""
    rows = [(a.label, valuing.range_text(a.figure, a.low), valuing.range_text(a.figure, a.high), a.key) for a in moved]
    key = f"{RANGES_GRID}_{st.session_state.get(RANGES_GRID, 0)}"
    st.data_editor(
        pd.DataFrame(rows, columns=list(RANGE_COLUMNS)),
        key=key,
        hide_index=True,
        width="stretch",
        disabled=["Assumption"],
        column_order=["Assumption", "Low", "High"],
        on_change=take_ranges,
        args=(key, rows),
        column_config={
            "Assumption": st.column_config.TextColumn("Assumption", width=420),
            "Low": st.column_config.TextColumn("Low", width=140, help="A share as 20% or 0.2; money as 1650."),
            "High": st.column_config.TextColumn("High", width=140, help="A share as 20% or 0.2; money as 1650."),
        },
    )
    if own_ranges():
        st.button("Back to the same spread for every assumption", key="case_ranges_clear", on_click=clear_ranges)


def take_ranges(key: str, rows: list[tuple[str, str, str, str]]) -> None:
    """The grid changed: keep the values typed when every one reads, else say which does not, in one line."""
    edited = (st.session_state.get(key) or {}).get("edited_rows", {})
    typed = own_ranges()
    for index, cells in edited.items():
        _, low, high, assumption = rows[int(index)]
        old_low, old_high = typed.get(assumption, (low, high))
        typed[assumption] = (str(cells.get("Low", old_low) or ""), str(cells.get("High", old_high) or ""))
    fw = state.current()
    if fw is None:
        return
    try:
        valuing.typed_ranges(sensitivity(fw), typed)
    except FrameworkError as err:
        state.flash("error", "Not changed: " + "; ".join(problem_lines(err.found, err.hidden, limit=3)))
        st.session_state[RANGES_GRID] = st.session_state.get(RANGES_GRID, 0) + 1
        return
    _keep_ranges(typed)


def clear_ranges() -> None:
    _keep_ranges({})


def use_library(node_id: str) -> None:
    """Put the library entry's source (and unit, and a confirmed amount) into the box's form, unsaved, and say
    what the lead must still look up."""
    fw = state.current()
    picked = st.session_state.get(LIBRARY)
    if fw is None or node_id not in fw.node_by_id or not picked:
        return
    current = fw.node_by_id[node_id].valuation
    filled = proxies.fill(picked, current.proxy if current else None)
    k = VALUE.of(node_id)
    st.session_state[k("proxy_source")] = filled.source
    if filled.unit:
        st.session_state[k("proxy_unit")] = filled.unit
    if filled.entry.confirmed and filled.amount is not None:
        st.session_state[k("proxy_amount")] = amount_text(filled.amount)
        st.session_state[k("proxy_currency")] = filled.currency
    to_do = f" {filled.to_do}" if filled.to_do else ""
    state.flash(
        "info",
        f"The proxy's source is filled in from the library ({filled.entry.name}); save the valuation to keep "
        f"it.{to_do}",
    )
