"""What a progress report says, once, for the HTML and Word writers (``formats/progress_html.py``,
``formats/progress_docx.py``): what has happened since the baseline, for one commissioner or the whole framework.

Its chapters, in the commissioner's words: what has happened since (the narrative's ``since``); what has moved
(indicators improving or met: baseline to latest, a period at a time, with each indicator's chart); what has not
moved and what is being done (no change or worsening, with the activities that lead to that outcome, what they
delivered and the assumptions written on the way); what was measured but cannot be judged; what was delivered
and what it cost (reach and spending against plan, a year at a time); the indicators with no data, said plainly;
and the rule a status is judged by, once. The boxes are the commissioner's, as their brief picks them
(``logicmodel.analysis.offer``): their outcomes first, then every box on the pathways into them.

Each chart is ``progress_chart.indicator_chart`` drawn as SVG by vl-convert, offline.

>>> from logicmodel.core.samples import find
>>> content = progress_report(find("slough").load(), commissioner="adult-social-care")
>>> content.title
'Progress: what Slough has done for Adult Social Care'
>>> [s.heading for s in content.sections]  # nothing measured in this sample: said, and no chart
['Since the baseline', 'What was delivered and what it cost', 'Indicators with no data yet']
"""

from __future__ import annotations

from collections import defaultdict

from logicmodel.analysis.narrative import since, since_words
from logicmodel.analysis.offer import offer, pathway_into
from logicmodel.analysis.placeholders import placeholder_boxes
from logicmodel.analysis.progress import RULE, DeliveryYear, Judgement, delivery_against_plan, judge, level
from logicmodel.analysis.value import money
from logicmodel.core.graph import reached_from
from logicmodel.core.models import Framework, Node
from logicmodel.core.wording import plural
from logicmodel.drawing.progress_chart import REPORT, chart_svg, indicator_chart
from logicmodel.drawing.report import Block, Chart, Paragraph, Report, Section, Table, figure, short_title

__all__ = ["MOVED", "NOT_MOVED", "progress_report"]

MOVED = ("met", "improving")
"""The statuses of indicators that have moved the better way."""
NOT_MOVED = ("no change", "worsening")
"""The statuses of indicators that have not moved, or moved the worse way."""
MAX_ASSUMPTIONS = 3
"""Assumptions named beside an activity; the rest are counted."""


def _boxes(fw: Framework, commissioner: str | None) -> tuple[list[Node], set[str]]:
    """The boxes the report covers, in order, and the commissioner's own outcomes: as their brief picks them
    (their outcomes first, then the boxes on the pathways into them); else every box but a template's examples."""
    if commissioner is None:
        examples = placeholder_boxes(fw)
        return [n for n in fw.nodes if n.id not in examples], set()
    o = offer(fw, commissioner)
    owned = {n.id for n in o.outcomes}
    on_path = [n for n in fw.nodes if n.id in o.boxes]
    return [n for n in on_path if n.id in owned] + [n for n in on_path if n.id not in owned], owned


def progress_report(fw: Framework, commissioner: str | None = None) -> Report:
    """The progress report of ``fw``, or of one commissioner's part of it. ``KeyError`` for an unknown id."""
    boxes, owned = _boxes(fw, commissioner)
    short = short_title(fw)
    if commissioner is None:
        title, whose = f"Progress: {short}", None
    else:
        whose = next(s.name for s in fw.stakeholders if s.id == commissioner)
        title = f"Progress: what {short} has done for {whose}"
    judged = [judge(i, n) for n in boxes for i in n.indicators]
    measured = [j for j in judged if j.latest is not None]
    ids = {n.id for n in boxes}
    delivered = [y for y in delivery_against_plan(fw) if y.box.id in ids]
    sections = [_opening(fw, commissioner, measured, delivered, whose)]
    if measured:
        moved = [j for j in measured if j.status in MOVED]
        still = [j for j in measured if j.status in NOT_MOVED]
        unjudged = [j for j in measured if j.status not in MOVED + NOT_MOVED]
        if moved or still:  # where nothing can be judged yet, neither chapter has anything to say
            sections.append(Section("What has moved", 1, [] if moved else [Paragraph(_NONE_MOVED)]))
            sections.extend(_indicator_part(j, owned, whose) for j in moved)
            sections.append(
                Section("What has not moved, and what is being done", 1, [] if still else [Paragraph(_ALL_MOVED)])
            )
        for j in still:
            part = _indicator_part(j, owned, whose)
            part.blocks.extend(_being_done(fw, j.box, delivered))
            sections.append(part)
        if unjudged:
            sections.append(
                Section(
                    "Measured, with nothing to judge it by yet",
                    1,
                    [Paragraph("These have measurements, but no baseline or target a status can be judged from.")],
                )
            )
            sections.extend(_indicator_part(j, owned, whose) for j in unjudged)
    sections.append(_delivery(delivered, whose))
    sections.append(_no_data([j for j in judged if j.latest is None], bool(judged)))
    if measured:
        sections.append(Section("How a status is judged", 1, [Paragraph(RULE, "note")]))
    return Report(
        title,
        _subtitle(fw, measured),
        sections,
        framework=fw.meta.title,
        authors=tuple(fw.meta.authors),
        organisation=fw.meta.organisation or "",
    )


_NONE_MOVED = "No indicator has improved or met its target yet."
_ALL_MOVED = "No indicator measured has stayed where it was or moved the worse way."


def _subtitle(fw: Framework, measured: list[Judgement]) -> str:
    """The framework's title and the periods the measurements cover: "…, measured 2021/22 to 2023/24"."""
    if not measured:
        return fw.meta.title
    found = sorted((m.period_end, m.period) for j in measured for m in j.indicator.measurements)
    first, last = found[0][1], found[-1][1]
    return f"{fw.meta.title}. Measured {first}" + ("" if first == last else f" to {last}") + "."


def _opening(
    fw: Framework, commissioner: str | None, measured: list[Judgement], delivered: list[DeliveryYear], whose: str | None
) -> Section:
    """What has happened since, in the narrative's words (its first paragraph: the statuses counted), or that
    nothing has been recorded yet."""
    told = since(fw, commissioner, rule=False)
    if not measured and not delivered:
        where = f"the pathways into the outcomes of {whose}" if whose else "this framework"
        return Section(
            "Since the baseline",
            1,
            [
                Paragraph(
                    f"Nothing has been measured or delivered on {where} since the baseline yet: no indicator has a "
                    "measurement and no activity has delivery recorded. Bring in a Fingertips download or a "
                    "measurements table on Progress (or logicmodel measure), then make this report again.",
                    "lead",
                )
            ],
        )
    blocks: list[Block] = [Paragraph(told[0], "lead")] if told else []
    return Section("Since the baseline", 1, blocks)


def _moved_words(j: Judgement) -> str:
    """The narrative's sentence for one indicator (``since_words``), without its name, which heads the part."""
    said = since_words(j)
    name = f"{j.indicator.name}: "
    return said[len(name)].upper() + said[len(name) + 1 :] if said.startswith(name) else said


def _indicator_part(j: Judgement, owned: set[str], whose: str | None) -> Section:
    """One indicator: whose outcome it measures, baseline to latest with its status (the narrative's sentence),
    each period's measurement in a table, and its chart."""
    ind = j.indicator
    where = (
        f"Measures “{j.box.label}”, one of the outcomes of {whose}."
        if j.box.id in owned
        else f"Measures “{j.box.label}”" + (f", on the way to the outcomes of {whose}." if whose else ".")
    )
    rows = []
    if ind.baseline is not None:
        rows.append(("Baseline", figure(ind.baseline, ind.unit, ""), "", ind.source or ""))
    for m in sorted(ind.measurements, key=lambda m: m.period_end):
        interval = (
            f"{figure(m.lower_ci, None, '')} to {figure(m.upper_ci, None, '')}"
            if m.lower_ci is not None and m.upper_ci is not None
            else "not given"
        )
        where_from = "; ".join(p for p in (m.source, m.note) if p)
        rows.append((m.period, figure(m.value, ind.unit, ""), interval, where_from))
    blocks: list[Block] = [
        Paragraph(_moved_words(j), "lead"),
        Paragraph(where),
        Table(("Period", "Value", "95% confidence interval", "Where from"), rows),
        Chart(
            chart_svg(indicator_chart(ind, j.box, size=REPORT)),
            _caption(j),
        ),
    ]
    return Section(ind.name, 2, blocks)


def _caption(j: Judgement) -> str:
    """What the chart draws, in words, naming only what is there: "the baseline (grey square), each measurement
    with its 95% confidence interval (blue) and the target (dashed line)"."""
    ind = j.indicator
    intervals = any(m.lower_ci is not None and m.upper_ci is not None for m in ind.measurements)
    drawn = ["the baseline (grey square)"] if level(ind.baseline) is not None else []
    drawn.append("each measurement" + (" with its 95% confidence interval" if intervals else "") + " (blue)")
    if level(ind.target) is not None:
        drawn.append("the target (dashed line)")
    said = drawn[0] if len(drawn) == 1 else ", ".join(drawn[:-1]) + " and " + drawn[-1]
    missing = [w for w, v in (("baseline", ind.baseline), ("target", ind.target)) if level(v) is None]
    if missing:
        said += f"; no {' or '.join(missing)} written as a number to draw"
    return f"{ind.name}: {said}."


def _being_done(fw: Framework, box: Node, delivered: list[DeliveryYear]) -> list[Block]:
    """The activities that lead to ``box``, from the framework's links: what each delivered last recorded,
    and the assumptions written on the links between it and the outcome."""
    boxes, links = pathway_into(fw, [box.id])
    activities = [n for n in fw.nodes if n.id in boxes and fw.level_kinds.get(n.level) == "activity"]
    if not activities:
        return [Paragraph(f"What is being done: no activity leads to “{box.label}” yet.")]
    last: dict[str, DeliveryYear] = {}
    for year in delivered:
        last[year.box.id] = year  # in order: the last recorded year wins
    rows = []
    for a in activities:
        downstream = reached_from(fw, [a.id]) & boxes
        said = list(dict.fromkeys(x for k in links if k.source in downstream for x in k.assumptions))
        more = [f"and {len(said) - MAX_ASSUMPTIONS:,} more"] if len(said) > MAX_ASSUMPTIONS else []
        year = last.get(a.id)
        rows.append(
            (
                a.label,
                _year_words(year) if year else "no delivery recorded yet",
                " ".join(said[:MAX_ASSUMPTIONS] + more) or "none written",
            )
        )
    return [
        Paragraph(f"What is being done: {plural(len(activities), 'activity leads', 'activities lead')} there."),
        Table(("Activity", "Delivered (latest year recorded)", "Assumptions on the way"), rows),
    ]


def _year_words(year: DeliveryYear) -> str:
    """ "2024/25: 320 participants (plan 400 a year); £12,000 spent (plan £15,000 a year)"."""
    parts = []
    if year.participants is not None:
        plan = f" (plan {year.planned_reach:,} a year)" if year.planned_reach is not None else ""
        parts.append(f"{plural(year.participants, 'participant')}{plan}")
    if year.spent is not None:
        plan = f" (plan {money(year.planned_cost, year.currency)} a year)" if year.planned_cost is not None else ""
        parts.append(f"{money(year.spent, year.currency)} spent{plan}")
    return f"{year.year}: " + ("; ".join(parts) or "recorded, with no participants or spending")


def _against(done: float | None, plan: float | None, words) -> str:
    if done is None:
        return "not recorded"
    if plan is None:
        return f"{words(done)} (no plan a year to compare)"
    return f"{words(done)} of {words(plan)} planned ({done / plan:.0%})" if plan else words(done)


def _delivery(delivered: list[DeliveryYear], whose: str | None) -> Section:
    """What was delivered and what it cost: each year's totals in a sentence, then each activity's year."""
    if not delivered:
        return Section(
            "What was delivered and what it cost",
            1,
            [Paragraph("No activity has delivery recorded yet: no participants or spending to report.")],
        )
    totals: dict[tuple[str, str], list[DeliveryYear]] = defaultdict(list)
    for year in delivered:
        totals[(year.year, year.currency)].append(year)
    said = []
    for (name, currency), years in sorted(totals.items()):
        reached = [y.participants for y in years if y.participants is not None]
        spent = [y.spent for y in years if y.spent is not None]
        text = f"In {name}, {plural(len(years), 'activity', 'activities')} recorded delivery"
        if reached:
            text += f": {plural(sum(reached), 'participant')}"
        if spent:
            text += f"{',' if reached else ':'} {money(sum(spent), currency)} spent"
        said.append(text + ".")
    blocks: list[Block] = [Paragraph(" ".join(said), "lead")]
    rows = [
        (
            y.box.label,
            y.year + (f" ({', '.join(y.periods)})" if y.periods != (y.year,) else ""),
            _against(y.participants, y.planned_reach, lambda v: f"{v:,.0f}"),
            _against(y.spent, y.planned_cost, lambda v, c=y.currency: money(v, c)),
        )
        for y in sorted(delivered, key=lambda y: (y.year, y.box.label))
    ]
    blocks.append(Table(("Activity", "Year (periods)", "Participants", "Spent"), rows))
    blocks.append(
        Paragraph(
            "Participants are added up over a year's periods: people who came in two quarters are counted twice. "
            "The plan is the activity's reach and yearly cost as written in the framework.",
            "note",
        )
    )
    return Section("What was delivered and what it cost", 1, blocks)


def _no_data(unmeasured: list[Judgement], any_indicator: bool) -> Section:
    """The indicators with no measurement yet, said plainly rather than left out."""
    if not unmeasured:
        said = "Every indicator has at least one measurement." if any_indicator else "No indicators yet."
        return Section("Indicators with no data yet", 1, [Paragraph(said)])
    rows = [
        (
            j.indicator.name,
            j.box.label,
            figure(j.indicator.baseline, j.indicator.unit, "no baseline yet"),
            figure(j.indicator.target, j.indicator.unit, "no target yet"),
        )
        for j in unmeasured
    ]
    return Section(
        "Indicators with no data yet",
        1,
        [
            Paragraph(
                f"{plural(len(unmeasured), 'indicator has', 'indicators have')} nothing measured since the baseline: "
                "no status can be given for them, and no chart is drawn."
            ),
            Table(("Indicator", "Box", "Baseline", "Target"), rows),
        ],
    )
