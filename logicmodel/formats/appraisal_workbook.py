"""The financial case as an Excel workbook a finance officer can audit: every input a value, every figure a formula.

``export --to appraisal`` (and the Export page's button) writes the case of ``logicmodel.analysis.appraisal``
so that it can be checked, and changed, in Excel:

- ``Summary``: present value of benefits, investment, net present value and the ratio, each a formula over the
  sheets below, with the rule the arithmetic follows;
- ``Assumptions``: the discount rate, the price year and the currency as named input cells (``DiscountRate``,
  ``PriceYear``, ``Currency``), and the discount factor of each year, 1 ÷ (1 + rate)^year, as formulas;
- ``Case``: one row per valued outcome box, its figures as values (quantity, proxy, deadweight, displacement,
  attribution, drop-off, duration) and, as formulas, whether it counts, its first-year value, each year's
  discounted value (nought past its duration) and its present value; an outcome missing a figure shows its
  blanks, and its formulas give a blank, never a zero that would be added: as the tool, it is not counted;
- ``Investment``: one row per costed box with its yearly and one-off cost as values (read as the value summary
  reads them, ``logicmodel.analysis.value``), the total as a formula, and each payer's share as a formula;
- ``Who pays and saves``: per stakeholder what it pays (over the investment's shares), what it saves (SUMIF over
  the outcomes by beneficiary number), the net and its fair share, all formulas;
- ``Sources``: each proxy's source, unit and currency with the price year, the rule in words, and what is
  missing, listed.

Changing a deadweight, a proxy or the discount rate in Excel changes the ratio, as the tool would. Every text a
person typed goes through the one escaper for spreadsheet cells (``logicmodel.core.spreadsheet.safe_cell``): a
label such as ``=HYPERLINK(...)`` stays text. The tests recalculate the workbook with LibreOffice and compare
every figure with ``appraise`` to the penny (``tests/formats/test_appraisal_workbook.py``).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import openpyxl
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.worksheet import Worksheet

from logicmodel.analysis.appraisal import NOT_SAID, PAYING_ROLES, RULE, Case, OutcomeCase, appraise, figure_words
from logicmodel.analysis.value import Figure, summary
from logicmodel.core.models import Framework, Node
from logicmodel.core.spreadsheet import safe_cell
from logicmodel.core.wording import plural
from logicmodel.formats.registry import Choices, Format

__all__ = ["CASE_COLUMNS", "FORMAT", "SHEET_NAMES", "appraisal_workbook"]

SUMMARY, ASSUMPTIONS, CASE, INVESTMENT, WHO, SOURCES = (
    "Summary",
    "Assumptions",
    "Case",
    "Investment",
    "Who pays and saves",
    "Sources",
)
SHEET_NAMES = (SUMMARY, ASSUMPTIONS, CASE, INVESTMENT, WHO, SOURCES)
"""The workbook's sheets, in order."""

CASE_COLUMNS = (
    "Box id",
    "Outcome",
    "Beneficiary",
    "Beneficiary no.",
    "Quantity a year",
    "Proxy amount",
    "Proxy currency",
    "Deadweight",
    "Displacement",
    "Attribution",
    "Drop-off a year",
    "Duration (years)",
    "Counted",
    "First-year value",
)
"""The Case sheet's columns before the years; then ``Year 1`` … ``Year N`` (discounted), ``Present value`` and
``Note``."""

_BOLD = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDE7F0")
_INPUT_FILL = PatternFill("solid", fgColor="FFF6D5")
"""Input cells (values a finance officer may change) are shaded, as the Green Book's models do."""
_WRAP = Alignment(wrap_text=True, vertical="top")
_PERCENT = "0.0##%"
_FACTOR = "0.000000"
_RATIO = "0.00"
_FIRST = 2
"""The first data row of a table whose header is row 1."""

_SYMBOLS = {"GBP": "£", "EUR": "€", "USD": "$"}


def money_format(currency: str) -> str:
    """Excel's number format for an amount in ``currency``: ``£#,##0.00`` for pounds, ``#,##0.00 "SEK"`` else.

    >>> money_format("GBP"), money_format("SEK")
    ('£#,##0.00;-£#,##0.00', '#,##0.00 "SEK";-#,##0.00 "SEK"')
    """
    symbol = _SYMBOLS.get(currency)
    if symbol:
        return f"{symbol}#,##0.00;-{symbol}#,##0.00"
    return f'#,##0.00 "{currency}";-#,##0.00 "{currency}"'


def _ref(sheet: str, cell: str) -> str:
    """A reference to ``cell`` on ``sheet``, the sheet's name quoted as Excel needs it."""
    return f"'{sheet}'!{cell}"


def _span(column: int, first: int, last: int, sheet: str | None = None) -> str:
    """An absolute range down one column, e.g. ``$P$2:$P$9``; at least one row (an empty table's first row, blank,
    so that COUNT gives 0 and SUM gives 0 rather than a broken reference)."""
    letter = get_column_letter(column)
    text = f"${letter}${first}:${letter}${max(first, last)}"
    return _ref(sheet, text) if sheet else text


def _put(ws: Worksheet, row: int, column: int, value: Any, number_format: str | None = None) -> Any:
    """Write a value the tool worked out or a person typed: text through the one escaper for spreadsheet cells,
    so that it is never run as a formula. None leaves the cell blank."""
    cell = ws.cell(row=row, column=column)
    if value is not None:
        cell.value = safe_cell(value)
        if isinstance(cell.value, str):
            cell.data_type = "s"  # never a formula, whatever it starts with
    if number_format:
        cell.number_format = number_format
    return cell


def _formula(ws: Worksheet, row: int, column: int, formula: str, number_format: str | None = None) -> Any:
    """Write one of this module's own formulas (never a person's text)."""
    cell = ws.cell(row=row, column=column, value=formula)
    if number_format:
        cell.number_format = number_format
    return cell


def _header(ws: Worksheet, names: Sequence[str], widths: Sequence[float], row: int = 1) -> None:
    for column, (name, width) in enumerate(zip(names, widths, strict=True), start=1):
        cell = _put(ws, row, column, name)  # a header may hold a stakeholder's name
        cell.font, cell.fill, cell.alignment = _BOLD, _HEADER_FILL, _WRAP
        ws.column_dimensions[get_column_letter(column)].width = width
    ws.freeze_panes = ws.cell(row=row + 1, column=1)


def _input(cell: Any) -> None:
    cell.fill = _INPUT_FILL


@dataclass(frozen=True)
class _Payer:
    """A stakeholder (or "not said") with a column of shares on the Investment sheet and a row on Who."""

    key: str | None
    name: str
    role: str


def _payers_of(node: Node, roles: dict[str, str]) -> list[str]:
    """The box's commissioner and funder stakeholders, who share its cost equally (none: "not said")."""
    return [s for s in dict.fromkeys(node.stakeholders) if roles.get(s) in PAYING_ROLES]


def _cost_rows(fw: Framework) -> list[tuple[Figure, float | None, float | None, str]]:
    """Each costed box as the value summary reads it: its yearly cost, its one-off cost, and why neither counts."""
    summed = summary(fw)
    one_off = {id(f) for f in summed.one_off}
    rows = []
    for figure in summed.costs:
        yearly = figure.a_year
        once = figure.amount if id(figure) in one_off else None
        why = "" if yearly is not None or once is not None else f"not counted: {figure.reading.why}"
        rows.append((figure, yearly, once, why))
    return rows


def _note(oc: OutcomeCase, downstream: dict[str, list[Node]]) -> str:
    """Why an outcome is not counted, and any double counting, in words."""
    said = []
    if not oc.counted:
        why = [f"no {figure_words(f)}" for f in oc.missing] + ([oc.problem] if oc.problem else [])
        said.append("not counted: " + ", ".join(why))
    for other in downstream.get(oc.box.id, []):
        said.append(f"leads to ‘{other.label}’, valued too: possible double counting (both counted)")
    return "; ".join(said)


def appraisal_workbook(fw: Framework) -> bytes:
    """The case of ``fw`` as an .xlsx workbook of values and formulas (see the module's docstring)."""
    case = appraise(fw)
    book = openpyxl.Workbook()
    summary_ws = book.active
    summary_ws.title = SUMMARY
    sheets = {name: book.create_sheet(name) for name in SHEET_NAMES[1:]}
    money = money_format(case.currency)
    years = max([oc.valuation.duration or 1 for oc in case.outcomes] or [1])
    roles = {s.id: s.role for s in fw.stakeholders}
    names = {s.id: s.name for s in fw.stakeholders}

    # Who pays and who saves: stakeholders' order, "not said" last; every payer and every beneficiary.
    costs = _cost_rows(fw)
    paying = {s for figure, _, _, _ in costs for s in _payers_of(figure.node, roles)}
    unpaid = any(not _payers_of(figure.node, roles) for figure, y, o, _ in costs if y is not None or o is not None)
    benefiting = {oc.valuation.beneficiary for oc in case.outcomes}
    engine_rows = {share.stakeholder for share in case.shares}
    keys: list[str | None] = [
        s.id for s in fw.stakeholders if s.id in paying or s.id in benefiting or s.id in engine_rows
    ]
    if unpaid or None in benefiting or None in engine_rows:
        keys.append(None)
    who = [_Payer(k, names[k] if k is not None else NOT_SAID, roles[k] if k is not None else "") for k in keys]
    number = {p.key: i for i, p in enumerate(who, start=1)}

    assumptions = _assumptions(book, sheets[ASSUMPTIONS], case, years)
    pv_column, case_last = _case(sheets[CASE], case, years, number, money, assumptions)
    total_column, cost_last, payer_columns = _investment(sheets[INVESTMENT], costs, who, roles, money)
    totals = _summary(summary_ws, case, pv_column, case_last, total_column, cost_last, money)
    _who(sheets[WHO], who, payer_columns, pv_column, case_last, cost_last, totals, money)
    _sources(sheets[SOURCES], case, money)

    for ws in book:  # printed on A4 landscape, a sheet as wide as the page
        ws.page_setup.orientation, ws.page_setup.paperSize = "landscape", ws.PAPERSIZE_A4
        ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
    props = book.properties
    props.title = fw.meta.title
    props.creator = "Logic Model Builder"
    props.language = "en-GB"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@dataclass(frozen=True)
class _Assumptions:
    factor_row: int
    """The Assumptions row of year 1's discount factor; year n's is ``factor_row + n - 1``."""


def _assumptions(book: Any, ws: Worksheet, case: Case, years: int) -> _Assumptions:
    """The named inputs (discount rate, price year, currency) and each year's discount factor as a formula."""
    _header(ws, ["Assumption", "Value", "What it is"], [28, 16, 90])
    rows = [
        ("DiscountRate", "Discount rate a year", case.discount_rate, _PERCENT,
         "HM Treasury's Green Book rate is 3.5%; change it here and every present value follows"),
        ("PriceYear", "Price year", case.price_year, "0",
         "the year whose prices every amount is in (blank: not said)"),
        ("Currency", "Currency", case.currency, None,
         "the case's currency; an outcome whose proxy is in another is not counted"),
    ]  # fmt: skip
    for row, (name, label, value, number_format, meaning) in enumerate(rows, start=_FIRST):
        _put(ws, row, 1, label).font = _BOLD
        _input(_put(ws, row, 2, value, number_format))
        _put(ws, row, 3, meaning)
        book.defined_names[name] = DefinedName(name, attr_text=_ref(ASSUMPTIONS, f"$B${row}"))
    top = _FIRST + len(rows) + 1
    for column, name in enumerate(("Year", "Discount factor", "How"), start=1):
        cell = ws.cell(row=top, column=column, value=name)
        cell.font, cell.fill = _BOLD, _HEADER_FILL
    for n in range(1, years + 1):
        row = top + n
        _put(ws, row, 1, n)
        _formula(ws, row, 2, f"=1/(1+DiscountRate)^A{row}", _FACTOR)
        if n == 1:
            _put(ws, row, 3, "1 ÷ (1 + discount rate) to the power of the year")
    return _Assumptions(top + 1)


def _case(
    ws: Worksheet,
    case: Case,
    years: int,
    number: dict[str | None, int],
    money: str,
    assumptions: _Assumptions,
) -> tuple[int, int]:
    """One row per valued outcome; returns the present value's column and the last row."""
    who_last = _FIRST + len(number) - 1
    who_names, who_numbers = _span(2, _FIRST, who_last, WHO), _span(1, _FIRST, who_last, WHO)
    year_columns = [f"Year {n} (discounted)" for n in range(1, years + 1)]
    columns = [*CASE_COLUMNS, *year_columns, "Present value", "Note"]
    widths = [14, 36, 24, 11, 12, 14, 10, 12, 13, 12, 11, 10, 9, 15, *[14] * years, 16, 60]
    _header(ws, columns, widths)
    ws.freeze_panes = "C2"  # the header row, and the box and its label, stay in view
    first_year_col = len(CASE_COLUMNS)
    year_col = first_year_col + 1
    pv_col = year_col + years
    downstream: dict[str, list[Node]] = {}
    for upstream, down in case.double_counting:
        downstream.setdefault(upstream.id, []).append(down)
    row = _FIRST - 1
    for row, oc in enumerate(case.outcomes, start=_FIRST):
        v = oc.valuation
        proxy = v.proxy
        _put(ws, row, 1, oc.box.id)
        _put(ws, row, 2, oc.box.label)
        # the beneficiary's name follows its number, so that changing the number in Excel changes both
        _formula(ws, row, 3, f'=IFERROR(INDEX({who_names},MATCH(D{row},{who_numbers},0)),"no such row")')
        _input(_put(ws, row, 4, number.get(v.beneficiary), "0"))
        inputs = [
            (5, v.quantity, "#,##0.##########"),
            (6, proxy.amount if proxy else None, money),
            (7, proxy.currency if proxy else None, None),
            (8, v.deadweight, _PERCENT),
            (9, v.displacement, _PERCENT),
            (10, v.attribution, _PERCENT),
            (11, v.drop_off, _PERCENT),
            (12, v.duration, "0"),
        ]
        for column, value, number_format in inputs:
            _input(_put(ws, row, column, value, number_format))
        r = str(row)
        # counts when every figure is given (drop-off only when it lasts more than a year), in the case's currency
        _formula(
            ws, row, 13,
            f'=IF(AND(COUNT(E{r},F{r},H{r},I{r},J{r},L{r})=6,OR(L{r}=1,COUNT(K{r})=1),G{r}=Currency),"yes","no")',
        )  # fmt: skip
        # the first year's value as soon as its five figures are given, as the tool shows it
        _formula(
            ws, row, first_year_col,
            f'=IF(AND(COUNT(E{r},F{r},H{r},I{r},J{r})=5,G{r}=Currency),E{r}*F{r}*(1-H{r})*(1-I{r})*(1-J{r}),"")',
            money,
        )  # fmt: skip
        first = get_column_letter(first_year_col)
        for n in range(1, years + 1):
            factor = _ref(ASSUMPTIONS, f"$B${assumptions.factor_row + n - 1}")
            _formula(
                ws, row, year_col + n - 1,
                f'=IF($M{r}="yes",IF({n}<=$L{r},${first}{r}*(1-$K{r})^{n - 1}*{factor},0),"")',
                money,
            )  # fmt: skip
        span = f"{get_column_letter(year_col)}{r}:{get_column_letter(pv_col - 1)}{r}"
        _formula(ws, row, pv_col, f'=IF(M{r}="yes",SUM({span}),"")', money)
        _put(ws, row, pv_col + 1, _note(oc, downstream) or None).alignment = _WRAP
    return pv_col, row


def _investment(
    ws: Worksheet,
    costs: list[tuple[Figure, float | None, float | None, str]],
    who: list[_Payer],
    roles: dict[str, str],
    money: str,
) -> tuple[int, int, dict[str | None, int]]:
    """One row per costed box, its costs as values, its total and each payer's share as formulas; returns the
    total's column, the last row, and each payer's column of shares."""
    fixed = ["Box id", "Box", "Cost as recorded", "Yearly cost", "One-off cost", "Total (year 0)", "Paid by", "Note"]
    payers = [p for p in who if p.key is None or roles.get(p.key) in PAYING_ROLES]
    used = {s for figure, _, _, _ in costs for s in _payers_of(figure.node, roles)}
    payers = [p for p in payers if p.key in used or p.key is None]
    columns = {p.key: len(fixed) + i for i, p in enumerate(payers, start=1)}
    _header(
        ws,
        [*fixed, *(f"Share: {p.name}" for p in payers)],
        [14, 36, 26, 14, 14, 15, 30, 40, *[18] * len(payers)],
    )
    names = {p.key: p.name for p in who}
    row = _FIRST - 1
    for row, (figure, yearly, once, why) in enumerate(costs, start=_FIRST):
        r = str(row)
        _put(ws, row, 1, figure.node.id)
        _put(ws, row, 2, figure.node.label)
        _put(ws, row, 3, figure.words())
        _input(_put(ws, row, 4, yearly, money))
        _input(_put(ws, row, 5, once, money))
        _formula(ws, row, 6, f'=IF(COUNT(D{r}:E{r})=0,"",SUM(D{r}:E{r}))', money)
        shared: list[str | None] = list(_payers_of(figure.node, roles)) or [None]
        _put(ws, row, 7, ", ".join(names.get(s, NOT_SAID) for s in shared))
        _put(ws, row, 8, why or None)
        for s in shared:
            if s in columns:
                _formula(ws, row, columns[s], f'=IF(F{r}="","",F{r}/{len(shared)})', money)
    return 6, row, columns


def _summary(
    ws: Worksheet, case: Case, pv_column: int, case_last: int, total_column: int, cost_last: int, money: str
) -> dict[str, str]:
    """The totals as formulas, with the rule in words; returns each total's cell by name."""
    ws.column_dimensions["A"].width = 36
    ws.column_dimensions["B"].width = 20
    ws.column_dimensions["C"].width = 80
    title = ws.cell(row=1, column=1, value="The financial case")
    title.font = Font(bold=True, size=14)
    _put(ws, 1, 3, "Shaded cells on the other sheets are the figures given: change one and every figure follows.")
    pv = _span(pv_column, _FIRST, case_last, CASE)
    yearly = _span(4, _FIRST, cost_last, INVESTMENT)
    once = _span(5, _FIRST, cost_last, INVESTMENT)
    total = _span(total_column, _FIRST, cost_last, INVESTMENT)
    counted = _span(13, _FIRST, case_last, CASE)
    rows = [
        ("Outcomes valued", f"=COUNTA({_span(1, _FIRST, case_last, CASE)})", "0", "rows of the Case sheet"),
        ("Outcomes counted", f'=COUNTIF({counted},"yes")', "0", "those with every figure given"),
        ("Present value of benefits", f'=IF(COUNT({pv})=0,"",SUM({pv}))', money,
         "the counted outcomes' present values (Case sheet)"),
        ("Yearly cost", f'=IF(COUNT({yearly})=0,"",SUM({yearly}))', money, "Investment sheet"),
        ("One-off cost", f'=IF(COUNT({once})=0,"",SUM({once}))', money, "Investment sheet"),
        ("Investment", f'=IF(COUNT({total})=0,"",SUM({total}))', money,
         "the yearly cost plus the one-off costs, at year 0"),
        ("Net present value", '=IF(OR(B5="",B8=""),"",B5-B8)', money, "present value of benefits − investment"),
        ("Ratio (benefits ÷ investment)", '=IF(OR(B5="",B8="",B8=0),"",B5/B8)', _RATIO,
         f"value for each {_SYMBOLS.get(case.currency, case.currency + ' ')}1 put in"),
    ]  # fmt: skip
    cells = {}
    for row, (label, formula, number_format, how) in enumerate(rows, start=3):
        ws.cell(row=row, column=1, value=label).font = _BOLD
        _formula(ws, row, 2, formula, number_format).font = _BOLD
        _put(ws, row, 3, how)
        cells[label] = f"$B${row}"
    assert cells["Present value of benefits"] == "$B$5" and cells["Investment"] == "$B$8"  # the formulas above
    row = 3 + len(rows) + 1
    label = _put(ws, row, 1, "How it is worked out")
    label.font, label.alignment = _BOLD, _WRAP
    _put(ws, row, 3, RULE).alignment = _WRAP
    ws.row_dimensions[row].height = 15 * (1 + len(RULE) // 75)
    row += 1
    _put(ws, row, 1, "Discount rate, price year")
    _formula(ws, row, 2, "=DiscountRate", _PERCENT)
    _formula(ws, row, 3, '=IF(ISBLANK(PriceYear),"price year not said",PriceYear&" prices")')
    left_out = sum(1 for oc in case.outcomes if not oc.counted)
    if case.missing or left_out:
        row += 1
        _put(ws, row, 1, "Missing").font = _BOLD
        _put(ws, row, 3, f"{plural(left_out, 'valued outcome')} not counted; what is missing is listed on the "
             "Sources sheet, never counted as zero")  # fmt: skip
    return {
        "pv": _ref(SUMMARY, cells["Present value of benefits"]),
        "investment": _ref(SUMMARY, cells["Investment"]),
    }


def _who(
    ws: Worksheet,
    who: list[_Payer],
    payer_columns: dict[str | None, int],
    pv_column: int,
    case_last: int,
    cost_last: int,
    totals: dict[str, str],
    money: str,
) -> None:
    """Per stakeholder: pays, saves, net and fair share, all formulas."""
    _header(
        ws,
        ["No.", "Stakeholder", "Role", "Pays", "Saves", "Net (saves − pays)", "Fair share"],
        [6, 36, 14, 16, 16, 18, 16],
    )
    keys = _span(4, _FIRST, case_last, CASE)
    pv = _span(pv_column, _FIRST, case_last, CASE)
    for row, payer in enumerate(who, start=_FIRST):
        _put(ws, row, 1, row - _FIRST + 1, "0")
        _put(ws, row, 2, payer.name)
        _put(ws, row, 3, payer.role or None)
        column = payer_columns.get(payer.key)
        if column is None:
            _put(ws, row, 4, 0, money)
        else:
            _formula(ws, row, 4, f"=SUM({_span(column, _FIRST, cost_last, INVESTMENT)})", money)
        _formula(ws, row, 5, f"=SUMIF({keys},A{row},{pv})", money)
        _formula(ws, row, 6, f"=E{row}-D{row}", money)
        pv_total, investment = totals["pv"], totals["investment"]
        _formula(
            ws, row, 7,
            f'=IF(OR({pv_total}="",{pv_total}=0,{investment}=""),"",{investment}*E{row}/{pv_total})',
            money,
        )  # fmt: skip
    note = _FIRST + len(who) + 1
    _put(ws, note, 2, "Pays: each box's cost shared equally among its commissioner and funder stakeholders "
         "(Investment sheet). Saves: the present value of the counted outcomes whose beneficiary number is "
         "this row's (Case sheet). Fair share: what it would put in if the investment were shared in "
         "proportion to what each gains.").alignment = _WRAP  # fmt: skip
    ws.merge_cells(start_row=note, start_column=2, end_row=note, end_column=7)
    ws.row_dimensions[note].height = 48


def _sources(ws: Worksheet, case: Case, money: str) -> None:
    """Each proxy's source, the rule, and what is missing or not counted, listed."""
    _header(
        ws,
        ["Box id", "Outcome", "Proxy amount", "Currency", "Unit", "Source", "Price year"],
        [14, 36, 14, 10, 24, 60, 14],
    )
    row = _FIRST - 1
    for row, oc in enumerate(case.outcomes, start=_FIRST):
        proxy = oc.valuation.proxy
        _put(ws, row, 1, oc.box.id)
        _put(ws, row, 2, oc.box.label)
        if proxy is None:
            _put(ws, row, 6, "no proxy given: not counted")
            continue
        _put(ws, row, 3, proxy.amount, money_format(proxy.currency))
        _put(ws, row, 4, proxy.currency)
        _put(ws, row, 5, proxy.unit or "not said")
        _put(ws, row, 6, proxy.source or "not said: a figure without a source cannot be checked").alignment = _WRAP
        _formula(ws, row, 7, '=IF(ISBLANK(PriceYear),"not said",PriceYear)')
    row += 2
    label = _put(ws, row, 1, "How the figures are worked out")
    label.font, label.alignment = _BOLD, _WRAP
    row += 1
    _put(ws, row, 2, RULE).alignment = _WRAP
    ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=6)
    ws.row_dimensions[row].height = 15 * (2 + len(RULE) // 120)
    row += 2
    label = _put(ws, row, 1, "What is missing (never counted as zero)")
    label.font, label.alignment = _BOLD, _WRAP
    for line in case.missing or ("nothing: every valued outcome has every figure and every cost is added",):
        row += 1
        _put(ws, row, 2, line).alignment = _WRAP
        ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=6)
    if case.cautions:
        row += 2
        _put(ws, row, 1, "To look at (counted)").font = _BOLD
        for line in case.cautions:
            row += 1
            _put(ws, row, 2, line).alignment = _WRAP
            ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=6)


def _write(fw: Framework, choices: Choices) -> bytes:
    return appraisal_workbook(fw)


FORMAT = Format(
    name="appraisal",
    extension=".xlsx",
    media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    description="the financial case as an Excel workbook of formulas a finance officer can audit",
    button="Financial case to audit (Excel)",
    file_name="{title}-case",
    write=_write,
    on_click=True,
    zipped=True,
)
