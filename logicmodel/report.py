"""What a report says, once, for every way it is written (``formats/report_html.py``, ``formats/report_docx.py``).

A report is a title and sections of paragraphs, tables and a drawing, all plain text: the HTML writer escapes
it through Jinja's autoescape, the Word writer puts it in text runs. ``report(fw)`` is the whole framework:
summary, the diagram, the narrative, each commissioner's offer, the indicators, the value summary, the
assumptions and evidence, and the gaps. ``report(fw, commissioner=ID)`` is the brief for that one commissioner,
about a page: their outcomes, what stands behind them, the gaps, the story and a drawing of their pathways.

>>> from logicmodel.samples import find
>>> brief = report(find("swindon").load(), commissioner="adult-social-care")
>>> brief.title
'What Get Swindon Active offers Adult Social Care'
"""

from __future__ import annotations

from dataclasses import dataclass, field

from logicmodel.checks import CHECKS, check
from logicmodel.models import Framework
from logicmodel.narrative import (
    MAX_ROUTES,
    commissioner_story,
    cost_words,
    indicator_words,
    outcome_stories,
    strength_words,
)
from logicmodel.offer import Offer, is_outcome, offer, offers
from logicmodel.svg import poster_svg
from logicmodel.value import RULE, Summary, money, summary

__all__ = ["BRIEF_ROUTES", "Drawing", "Paragraph", "Report", "Section", "Table", "report"]

BRIEF_ROUTES = 2
"""Routes a brief tells in full for each outcome (the strongest); the other activities are named."""


@dataclass(frozen=True)
class Paragraph:
    text: str
    kind: str = "text"
    """ "text", "lead" (an opening line) or "note" (small print, e.g. the rule)."""


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: list[tuple[str, ...]]


@dataclass(frozen=True)
class Drawing:
    """The diagram as an SVG document (``logicmodel.svg``), with a sentence saying what it shows."""

    svg: str
    caption: str


Block = Paragraph | Table | Drawing


@dataclass
class Section:
    heading: str
    level: int = 1
    """1 for a chapter, 2 for a part of one (Word's Heading 1 and 2)."""
    blocks: list[Block] = field(default_factory=list)


@dataclass(frozen=True)
class Report:
    title: str
    subtitle: str
    sections: list[Section]
    brief: bool = False


def _short_title(fw: Framework) -> str:
    """The framework's title before a colon: "Get Swindon Active"."""
    return fw.meta.title.split(":", 1)[0].strip() or fw.meta.title


def _subtitle(fw: Framework) -> str:
    parts = [p for p in (fw.meta.organisation, fw.meta.area) if p]
    return ", ".join(dict.fromkeys(parts)) if parts else ""


def report(fw: Framework, commissioner: str | None = None) -> Report:
    """The report of ``fw``, or the brief for one commissioner. ``KeyError`` for an unknown stakeholder id."""
    if commissioner is not None:
        return _brief(fw, offer(fw, commissioner))
    sections = [_summary(fw), _diagram(fw), _narrative(fw)]
    all_offers = offers(fw)
    sections.append(Section("Each commissioner's offer", 1, [] if all_offers else [Paragraph(_NO_COMMISSIONERS)]))
    for o in all_offers:
        sections.extend(_offer_sections(fw, o, level=2))
    sections += [_indicators(fw), _value(fw, summary(fw)), _assumptions(fw), _gaps(fw)]
    return Report(fw.meta.title, _subtitle(fw), sections)


_NO_COMMISSIONERS = "No stakeholder is named as a commissioner yet: add them under Stakeholders on Build."


def _summary(fw: Framework) -> Section:
    blocks: list[Block] = []
    if fw.meta.description:
        blocks.append(Paragraph(fw.meta.description.split("\n\n", 1)[0], "lead"))
    outcomes = [n for n in fw.nodes if is_outcome(fw, n)]
    activities = [n for n in fw.nodes if fw.level_kinds.get(n.level) == "activity"]
    commissioners = [s.name for s in fw.stakeholders if s.role == "commissioner"]
    blocks.append(
        Paragraph(
            f"{len(fw.nodes):,} boxes in {len(fw.levels)} levels ({', '.join(lv.label for lv in fw.levels)}), "
            f"joined by {len(fw.links):,} links: {len(activities):,} activities serving {len(outcomes):,} outcomes."
        )
    )
    if commissioners:
        blocks.append(Paragraph("Commissioners: " + "; ".join(commissioners) + "."))
    value = summary(fw)
    blocks.append(Paragraph(_value_headline(value)))
    return Section("Summary", 1, blocks)


def _value_headline(value: Summary) -> str:
    cost = value.cost_a_year
    if cost is None:
        return "Value for money: no yearly cost is recorded yet."
    text = f"Recorded costs come to {money(cost, value.currency)} a year"
    per = value.per_participant
    if per is not None:
        text += f", {money(per[0], value.currency)} a participant ({per[1]:,} participants a year)"
    if value.ratio is not None:
        text += f"; estimated benefits of {money(value.benefit_a_year or 0, value.currency)} a year, an estimated "
        text += f"{money(value.ratio, value.currency)} for each {money(1, value.currency)} spent"
    return text + "."


def _diagram(fw: Framework) -> Section:
    svg = poster_svg(fw, paper="A4")
    return Section("The framework", 1, [Drawing(svg, f"Every box and link of {_short_title(fw)}.")])


def _narrative(fw: Framework) -> Section:
    blocks: list[Block] = []
    for story in outcome_stories(fw):
        blocks.append(Paragraph(story.heading, "subheading"))
        blocks.append(Paragraph(story.paragraphs[0], "lead"))
        blocks.extend(Paragraph(p) for p in story.paragraphs[1:])
    if not blocks:
        blocks.append(Paragraph("No strategic outcomes yet."))
    return Section(_narrative_heading(fw), 1, blocks)


def _narrative_heading(fw: Framework) -> str:
    return f"How {_short_title(fw)} delivers each strategic outcome"


def _money_or_missing(value: float | None, currency: str, missing: str) -> str:
    return money(value, currency) if value is not None else missing


def _offer_sections(fw: Framework, o: Offer, level: int, brief: bool = False) -> list[Section]:
    stories = commissioner_story(
        fw, o.stakeholder.id, o, max_routes=BRIEF_ROUTES if brief else MAX_ROUTES, strategic=brief
    )
    head = Section(o.stakeholder.name if not brief else "Their outcomes", level, [])
    head.blocks.extend(Paragraph(p, "lead" if i == 0 else "text") for i, p in enumerate(stories[0].paragraphs))
    if not o.outcomes:
        return [head]
    head.blocks.append(
        Table(
            ("Their outcome", "Measured by"),
            [(n.label, "; ".join(indicator_words(i) for i in n.indicators) or "No indicator yet") for n in o.outcomes],
        )
    )
    by_id = fw.node_by_id
    currency = summary(fw).currency
    head.blocks.append(
        Table(
            ("Activity behind them", "Reach and cost"),
            [(a.label, cost_words(a)) for a in o.activities] or [("No activity leads to them yet", "")],
        )
    )
    value = summary(fw, o.boxes)
    shares = [
        (v.outcome.label, _money_or_missing(v.cost_a_year, currency, "no yearly cost recorded"))
        for v in value.outcomes
        if v.outcome.id in {n.id for n in o.outcomes}
    ]
    if shares:
        head.blocks.append(Table(("Their strategic outcome", "Cost standing behind it a year"), shares))
    if not brief:
        head.blocks.append(
            Table(
                ("From", "To", "Evidence", "Assumptions"),
                [
                    (by_id[k.source].label, by_id[k.target].label, strength_words(k.strength), " ".join(k.assumptions))
                    for k in o.links
                ],
            )
        )
    if not brief:
        head.blocks.append(
            Paragraph(f"The story of each strategic outcome is told once, under “{_narrative_heading(fw)}”.", "note")
        )
    sections = [head]
    for story in stories[1:]:
        opening = [] if brief else [Paragraph(story.paragraphs[0], "lead")]  # a brief's table has said it
        part = Section(story.heading, level + 1 if not brief else 2, opening)
        part.blocks.extend(Paragraph(p) for p in story.paragraphs[1:])
        sections.append(part)
    return sections


def _indicators(fw: Framework) -> Section:
    rows = [
        (
            n.label,
            i.name,
            i.source or "not stated",
            _measure(i.baseline, i.unit, "no baseline yet"),
            _measure(i.target, i.unit, "no target yet"),
            i.frequency or "not stated",
        )
        for n in fw.nodes
        for i in n.indicators
    ]
    if not rows:
        return Section("Indicators", 1, [Paragraph("No indicators yet.")])
    return Section("Indicators", 1, [Table(("Box", "Indicator", "Source", "Baseline", "Target", "Frequency"), rows)])


def _measure(value: float | int | str | None, unit: str | None, missing: str) -> str:
    if value is None:
        return missing
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = f"{value:,}" if isinstance(value, int) else str(value)
    return f"{text} {unit}" if unit else text


def _value(fw: Framework, value: Summary) -> Section:
    c = value.currency
    blocks: list[Block] = [Paragraph(_value_headline(value), "lead")]
    rows = [
        ("Total cost a year", _money_or_missing(value.cost_a_year, c, "missing: no yearly cost recorded")),
        (
            "Cost per participant a year",
            f"{money(value.per_participant[0], c)} ({value.per_participant[1]:,} participants, "
            f"{value.per_participant[2]:,} boxes with both cost and reach)"
            if value.per_participant
            else "missing: no box records both a yearly cost and a reach",
        ),
        ("One-off costs, apart", _money_or_missing(value.one_off_total, c, "none recorded")),
        ("Estimated benefits a year", _money_or_missing(value.benefit_a_year, c, "missing: no benefits estimated")),
        (
            "Ratio of estimated benefits to costs",
            f"an estimated {money(value.ratio, c)} for each {money(1, c)} of cost"
            if value.ratio is not None
            else "not shown: needs both a yearly cost and an estimated yearly benefit",
        ),
    ]
    blocks.append(Table(("Figure", "Value"), rows))
    if value.outcomes:
        blocks.append(
            Table(
                ("Strategic outcome", "Cost behind it a year", "Estimated benefit", "Missing"),
                [
                    (
                        v.outcome.label,
                        _money_or_missing(v.cost_a_year, c, "no yearly cost recorded"),
                        v.benefit.words() if v.benefit else "none estimated",
                        f"no cost for {len(v.uncosted):,} of the activities behind it" if v.uncosted else "",
                    )
                    for v in value.outcomes
                ],
            )
        )
    if value.costs:
        blocks.append(
            Table(
                ("Box", "Cost as recorded", "A year"),
                [
                    (
                        f.node.label,
                        f.words(),
                        money(f.a_year, c)
                        if f.a_year is not None
                        else ("one-off, apart" if f.reading.kind == "one-off" else f.reading.why),
                    )
                    for f in value.costs
                ],
            )
        )
    if value.benefits:
        blocks.append(
            Table(
                ("Box", "Estimated benefit", "Basis of the estimate"),
                [(f.node.label, f.words(), f.node.benefit.basis if f.node.benefit else "") for f in value.benefits],
            )
        )
    missing = value.missing()
    if missing:
        blocks.append(Paragraph("Missing: " + "; ".join(missing) + "."))
    blocks.append(Paragraph("How the figures are worked out: " + RULE, "note"))
    return Section("Value for money", 1, blocks)


def _assumptions(fw: Framework) -> Section:
    by_id = fw.node_by_id
    blocks: list[Block] = []
    links = [k for k in fw.links if k.assumptions or k.rationale]
    if links:
        blocks.append(
            Table(
                ("From", "To", "Evidence", "Why it holds, and assumptions"),
                [
                    (
                        by_id[k.source].label,
                        by_id[k.target].label,
                        strength_words(k.strength),
                        " ".join(([k.rationale] if k.rationale else []) + list(k.assumptions)),
                    )
                    for k in links
                ],
            )
        )
    else:
        blocks.append(Paragraph("No link states its rationale or assumptions yet."))
    evidence = [(n.label, e.title, strength_words(e.strength), e.url or "") for n in fw.nodes for e in n.evidence]
    if evidence:
        blocks.append(Table(("Box", "Evidence", "Strength", "Where to find it"), evidence))
    else:
        blocks.append(Paragraph("No evidence is cited on any box yet."))
    return Section("Assumptions and evidence", 1, blocks)


def _gaps(fw: Framework) -> Section:
    """The Check page's own findings (``logicmodel.checks``: the logic, and what a commissioner will ask for),
    then the links whose evidence is weak."""
    by_id = fw.node_by_id
    rows = [(CHECKS[f.code].title, f.message) for f in check(fw)]  # unstated strength is one of these
    weak = [f"{by_id[k.source].label} → {by_id[k.target].label}" for k in fw.links if k.strength == "weak"]
    rows.append(("Links with weak evidence", "; ".join(weak) if weak else "none"))
    return Section("Gaps", 1, [Table(("Gap", "Where"), rows)])


def _pathway_drawing(fw: Framework, o: Offer) -> Drawing | None:
    if not o.boxes:
        return None
    part = fw.model_copy(
        update={
            "meta": fw.meta.model_copy(update={"title": f"Pathways into the outcomes of {o.stakeholder.name}"}),
            "nodes": tuple(n for n in fw.nodes if n.id in o.boxes),
            "links": tuple(o.links),
        }
    )
    return Drawing(
        poster_svg(part, paper="A4"),
        f"Every box and link upstream of the outcomes of {o.stakeholder.name}, from {_short_title(fw)}.",
    )


def _brief(fw: Framework, o: Offer) -> Report:
    sections = _offer_sections(fw, o, level=1, brief=True)
    value = summary(fw, o.boxes)
    if o.outcomes:
        blocks: list[Block] = [Paragraph(_value_headline(value))]
        if value.benefits:
            blocks.append(
                Table(
                    ("Box", "Estimated benefit", "Basis of the estimate"),
                    [(f.node.label, f.words(), f.node.benefit.basis if f.node.benefit else "") for f in value.benefits],
                )
            )
        missing = value.missing()
        if missing:
            blocks.append(Paragraph("Missing: " + "; ".join(missing) + "."))
        blocks.append(Paragraph("How the figures are worked out: " + RULE, "note"))
        sections.append(Section("Value for money behind their outcomes", 1, blocks))
    drawing = _pathway_drawing(fw, o)
    if drawing is not None:
        sections.append(Section("Their pathways", 1, [drawing]))
    return Report(f"What {_short_title(fw)} offers {o.stakeholder.name}", fw.meta.title, sections, brief=True)
