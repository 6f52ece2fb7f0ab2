"""What a report says, once, for every way it is written (``formats/report_html.py``, ``formats/report_docx.py``).

A report is a title and sections of paragraphs, tables and a drawing, all plain text: the HTML writer escapes
it through Jinja's autoescape, the Word writer puts it in text runs. ``report(fw)`` is the whole framework:
summary, the diagram, the narrative, each commissioner's offer (with a drawing of their pathways), the
indicators, the value summary, the assumptions and evidence, and the gaps. ``report(fw, commissioner=ID)`` is the
brief for that one commissioner, one A4 page, essentials first: their outcomes with how they are measured and the
evidence on the way, the activities that deliver them with reach and cost, the strongest route into their first
strategic outcomes, cost and value, and the gaps. The drawing is left to the full report (a line says so): at
the size left on the page nobody could read it. The first ``BRIEF_ROWS`` outcomes and activities are named, the
rest counted, so that a commissioner who owns many still gets one page.

>>> from logicmodel.core.samples import find
>>> brief = report(find("swindon").load(), commissioner="adult-social-care")
>>> brief.title
'What Get Swindon Active offers Adult Social Care'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import pairwise

from logicmodel.analysis import case_words
from logicmodel.analysis.appraisal import RULE as CASE_RULE
from logicmodel.analysis.appraisal import Case, appraise
from logicmodel.analysis.checks import CHECKS, check
from logicmodel.analysis.narrative import (
    MAX_ROUTES,
    commissioner_story,
    cost_words,
    indicator_words,
    outcome_stories,
    since,
    strength_words,
)
from logicmodel.analysis.offer import Offer, is_outcome, offer, offers, pathway_into
from logicmodel.analysis.placeholders import NOT_COUNTED, counted_links, placeholder_boxes
from logicmodel.analysis.progress import RULE as STATUS_RULE
from logicmodel.analysis.progress import Judgement, judge
from logicmodel.analysis.sensitivity import sensitivity
from logicmodel.analysis.value import ROUGH, RULE, Summary, money, summary
from logicmodel.core.comments import CommentThread, when
from logicmodel.core.models import Framework
from logicmodel.core.wording import authors_line, plural
from logicmodel.drawing.svg import most_readable, poster_and_outline
from logicmodel.drawing.tornado import tornado_svg

__all__ = [
    "BRIEF_ROWS",
    "BRIEF_STORIES",
    "CASE_HEADING",
    "CASE_ROWS",
    "Chart",
    "Drawing",
    "Paragraph",
    "Report",
    "Section",
    "Table",
    "comments_appendix",
    "financial_case",
    "report",
    "short_title",
]


@dataclass(frozen=True)
class Paragraph:
    text: str
    kind: str = "text"
    """ "text", "lead" (an opening line), "note" (small print, e.g. the rule) or "comment" (a line of what someone
    wrote in a comment, in the appendix of comments)."""


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: list[tuple[str, ...]]


@dataclass(frozen=True)
class Drawing:
    """The diagram as an SVG document (``logicmodel.drawing.svg``), with a sentence saying what it shows.

    ``outline`` is set when the diagram has too many boxes to read on A4: the same layout with each box a block
    and no words, for a writer that makes a picture (Word), with ``outline_note`` saying so. A browser can zoom
    into the SVG, so the HTML report keeps every word.
    """

    svg: str
    caption: str
    outline: str | None = None
    outline_note: str = ""


@dataclass(frozen=True)
class Chart:
    """One indicator's progress chart as an SVG document (``logicmodel.drawing.progress_chart``, drawn offline
    by vl-convert, which escapes every text it holds), with a sentence saying what it shows. Drawn in the flow
    of the page at its own size, where a ``Drawing`` (the diagram) takes a landscape page of its own."""

    chart: str
    caption: str


Block = Paragraph | Table | Drawing | Chart


@dataclass
class Section:
    heading: str
    level: int = 1
    """1 for a chapter, 2 for a part of one, 3 for a part of that (Word's Heading 1, 2 and 3); a section is
    never more than one level below the one before it, so that headings nest (``Report.levels_nest``)."""
    blocks: list[Block] = field(default_factory=list)


def _now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


@dataclass(frozen=True)
class Report:
    title: str
    subtitle: str
    sections: list[Section]
    brief: bool = False
    framework: str = ""
    """The framework's own title, for the document's properties (a brief's title names the commissioner)."""
    authors: tuple[str, ...] = ()
    """The framework's authors (``meta.authors``), for the document's properties."""
    organisation: str = ""
    written: datetime = field(default_factory=_now)
    """When the report was made (UTC, to the second): the document's created and modified dates."""

    def levels_nest(self) -> bool:
        """Whether the headings nest: the first section is a chapter and none is more than one level below the
        one before it (a reader's navigation pane, or a screen reader, never finds a level skipped)."""
        levels = [1] + [s.level for s in self.sections]
        return self.sections[0].level == 1 and all(b <= a + 1 for a, b in pairwise(levels))

    @property
    def author(self) -> str:
        """The authors as one line for the document's properties: the framework's authors, else its owner."""
        return authors_line(self.authors, self.organisation)


def short_title(fw: Framework) -> str:
    """The framework's title before a colon: "Get Swindon Active"."""
    return fw.meta.title.split(":", 1)[0].strip() or fw.meta.title


def _subtitle(fw: Framework) -> str:
    parts = [p for p in (fw.meta.organisation, fw.meta.area) if p]
    return ", ".join(dict.fromkeys(parts)) if parts else ""


def report(fw: Framework, commissioner: str | None = None, comments: tuple[CommentThread, ...] | None = None) -> Report:
    """The report of ``fw``, or the brief for one commissioner. ``KeyError`` for an unknown stakeholder id.

    ``comments`` (threads the page read from the library) adds them as an appendix (``comments_appendix``);
    without it the report says nothing of comments: they are a conversation, not part of the framework."""
    made = _brief(fw, offer(fw, commissioner)) if commissioner is not None else _full(fw)
    return Report(
        made.title,
        made.subtitle,
        made.sections + (comments_appendix(fw, comments) if comments is not None else []),
        made.brief,
        framework=fw.meta.title,
        authors=tuple(fw.meta.authors),
        organisation=fw.meta.organisation or "",
    )


def _full(fw: Framework) -> Report:
    sections = [_summary(fw), _diagram(fw), *_narrative(fw)]
    all_offers = offers(fw)
    sections.append(Section("Each commissioner's offer", 1, [] if all_offers else [Paragraph(_NO_COMMISSIONERS)]))
    for o in all_offers:
        sections.extend(_offer_sections(fw, o, level=2))
    sections.append(_indicators(fw))
    progress = progress_section(fw)
    if progress is not None:
        sections.append(progress)
    sections.append(_value(fw, summary(fw)))
    case = financial_case(fw)
    if case is not None:
        sections.append(case)
    sections += [_assumptions(fw), _gaps(fw)]
    return Report(fw.meta.title, _subtitle(fw), sections)


_NO_COMMISSIONERS = "No stakeholder is named as a commissioner yet: add them under Stakeholders on Build."


def _summary(fw: Framework) -> Section:
    blocks: list[Block] = []
    if fw.meta.description:
        blocks.append(Paragraph(fw.meta.description.split("\n\n", 1)[0], "lead"))
    examples = placeholder_boxes(fw)
    outcomes = [n for n in fw.nodes if is_outcome(fw, n) and n.id not in examples]
    activities = [n for n in fw.nodes if fw.level_kinds.get(n.level) == "activity" and n.id not in examples]
    commissioners = [s.name for s in fw.stakeholders if s.role == "commissioner"]
    left_out = (
        f", leaving out the template's {plural(len(examples), 'example box', 'example boxes')}" if examples else ""
    )
    blocks.append(
        Paragraph(
            f"{plural(len(fw.nodes), 'box')} in {plural(len(fw.levels), 'level')} "
            f"({', '.join(lv.label for lv in fw.levels)}), joined by {plural(len(fw.links), 'link')}: "
            f"{plural(len(activities), 'activity', 'activities')} serving {plural(len(outcomes), 'outcome')}"
            f"{left_out}."
        )
    )
    if commissioners:
        blocks.append(Paragraph("Commissioners: " + "; ".join(commissioners) + "."))
    value = summary(fw)
    blocks.append(Paragraph(_value_headline(value, appraise(fw))))
    said = case_words.headline(fw)
    if said is not None:
        blocks.append(Paragraph(f"The financial case: {said}"))
    return Section("Summary", 1, blocks)


def _value_headline(value: Summary, case: Case) -> str:
    cost = value.cost_a_year
    if cost is None:
        return "Value for money: no yearly cost is recorded yet."
    text = f"Recorded costs come to {money(cost, value.currency)} a year"
    per = value.per_participant
    if per is not None:
        text += f", {money(per[0], value.currency)} a participant ({plural(per[1], 'participant')} a year)"
    if value.ratio is not None:
        text += f"; estimated benefits of {money(value.benefit_a_year or 0, value.currency)} a year, an estimated "
        text += f"{money(value.ratio, value.currency)} for each {money(1, value.currency)} spent ({_rough(case)})"
    return text + "."


def _rough(case: Case) -> str:
    """The simple benefit total labelled as what it is, pointing to the financial case where there is one."""
    if case.outcomes:
        return f"{ROUGH}: see “{CASE_HEADING}”"
    return f"{ROUGH}: no financial case has been made yet"


def _diagram(fw: Framework) -> Section:
    svg, outline = poster_and_outline(fw, paper="A4")
    return Section(
        "The framework",
        1,
        [Drawing(svg, f"Every box and link of {short_title(fw)}.", outline, _outline_note(len(fw.nodes)))],
    )


def _outline_note(boxes: int) -> str:
    return (
        f"{boxes:,} boxes are too many to read on an A4 page, so this picture shows the framework's shape: each box "
        "a block of its level's colour, each link a line. The printable HTML report holds the diagram with every "
        "word (zoom in), and the poster prints on larger paper from Diagram."
    )


def _narrative(fw: Framework) -> list[Section]:
    """The chapter telling how each strategic outcome is delivered, each outcome's story a part of it."""
    parts = [
        Section(
            story.heading, 2, [Paragraph(story.paragraphs[0], "lead"), *(Paragraph(p) for p in story.paragraphs[1:])]
        )
        for story in outcome_stories(fw)
    ]
    return [Section(_narrative_heading(fw), 1, [] if parts else [Paragraph("No strategic outcomes yet.")]), *parts]


def _narrative_heading(fw: Framework) -> str:
    return f"How {short_title(fw)} delivers each strategic outcome"


def _money_or_missing(value: float | None, currency: str, missing: str) -> str:
    return money(value, currency) if value is not None else missing


def _offer_sections(fw: Framework, o: Offer, level: int) -> list[Section]:
    """One commissioner's offer in the full report: the opening, their outcomes, the activities, cost, every
    link with its evidence, the drawing of their pathways, then the story of each outcome none of theirs leads
    to (strategic outcomes are told once, apart)."""
    stories = commissioner_story(fw, o.stakeholder.id, o, max_routes=MAX_ROUTES, strategic=False)
    head = Section(o.stakeholder.name, level, [])
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
    owned = {n.id for n in o.outcomes}  # once: made for each row, it made a big report quadratic
    shares = [
        (v.outcome.label, _money_or_missing(v.cost_a_year, currency, "no yearly cost recorded"))
        for v in value.outcomes
        if v.outcome.id in owned
    ]
    if shares:
        head.blocks.append(Table(("Their strategic outcome", "Cost standing behind it a year"), shares))
    head.blocks.append(
        Table(
            ("From", "To", "Evidence", "Assumptions"),
            [
                (by_id[k.source].label, by_id[k.target].label, strength_words(k.strength), " ".join(k.assumptions))
                for k in o.links
            ],
        )
    )
    drawing = _pathway_drawing(fw, o)
    if drawing is not None:
        head.blocks.append(drawing)
    head.blocks.append(
        Paragraph(f"The story of each strategic outcome is told once, under “{_narrative_heading(fw)}”.", "note")
    )
    sections = [head]
    for story in stories[1:]:
        part = Section(story.heading, level + 1, [Paragraph(story.paragraphs[0], "lead")])
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
        if n.id not in placeholder_boxes(fw)  # a template's example indicator is not the framework's yet
        for i in n.indicators
    ]
    if not rows:
        return Section("Indicators", 1, [Paragraph("No indicators yet.")])
    return Section("Indicators", 1, [Table(("Box", "Indicator", "Source", "Baseline", "Target", "Frequency"), rows)])


def measured(fw: Framework, boxes: set[str] | None = None) -> list[Judgement]:
    """Every indicator with a measurement, judged by the progress rule (``logicmodel.analysis.progress``), box
    by box in the framework's order; only those of ``boxes`` when given. A template's example box has none."""
    examples = placeholder_boxes(fw)
    return [
        judge(i, n)
        for n in fw.nodes
        if n.id not in examples and (boxes is None or n.id in boxes)
        for i in n.indicators
        if i.measurements
    ]


def figure(value: float | int | str | None, unit: str | None, missing: str) -> str:
    """A baseline, target or measurement as people write it: "23.5%", "2,100 rate per 100,000"; a value in words
    as written, without the unit ("reduce", not "reduce %"); ``missing`` when there is none."""
    if value is None or isinstance(value, str) or not unit:
        return _measure(value, None, missing)
    number = _measure(value, None, missing)
    return f"{number}{unit}" if unit.startswith("%") else f"{number} {unit}"


def latest_words(j: Judgement) -> str:
    """The latest measurement and its period: "23.5% (2023/24)"; "not measured yet" when there is none."""
    if j.latest is None:
        return "not measured yet"
    return f"{figure(j.latest.value, j.indicator.unit, '')} ({j.latest.period})"


def progress_section(
    fw: Framework, boxes: set[str] | None = None, commissioner: str | None = None, brief: bool = False
) -> Section | None:
    """A short chapter on progress for the full report or a brief, where there are measurements: how many
    indicators have moved (the narrative's "what has happened since"); in the full report, each measured
    indicator's baseline, latest and status, and the rule a status is judged by; a brief, which must stay on one
    page, points to the progress report for those. None where nothing has been measured, so that a report of a
    framework without measurements is as it was."""
    judged = measured(fw, boxes)
    if not judged:
        return None
    opening = since(fw, commissioner, rule=False)
    blocks: list[Block] = [Paragraph(opening[0], "lead")] if opening else []
    if brief:
        blocks.append(Paragraph(_IN_THE_PROGRESS_REPORT + ", with how a status is judged.", "note"))
        return Section("Progress since the baseline", 1, blocks)
    rows = [
        (
            j.box.label,
            j.indicator.name,
            figure(j.indicator.baseline, j.indicator.unit, "no baseline yet"),
            latest_words(j),
            figure(j.indicator.target, j.indicator.unit, "no target yet"),
            j.status,
        )
        for j in judged
    ]
    blocks.append(Table(("Box", "Indicator", "Baseline", "Latest (period)", "Target", "Status"), rows))
    blocks.append(Paragraph(f"{_IN_THE_PROGRESS_REPORT}. How a status is judged: {STATUS_RULE}", "note"))
    return Section("Progress since the baseline", 1, blocks)


_IN_THE_PROGRESS_REPORT = (
    "Each indicator's chart, and what was delivered for what it cost, are in the progress report (on Export)"
)


def _measure(value: float | int | str | None, unit: str | None, missing: str) -> str:
    if value is None:
        return missing
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = f"{value:,}" if isinstance(value, int) else str(value)
    return f"{text} {unit}" if unit else text


def _value(fw: Framework, value: Summary) -> Section:
    c = value.currency
    blocks: list[Block] = [Paragraph(_value_headline(value, appraise(fw)), "lead")]
    rows = [
        ("Total cost a year", _money_or_missing(value.cost_a_year, c, "missing: no yearly cost recorded")),
        (
            "Cost per participant a year",
            f"{money(value.per_participant[0], c)} ({plural(value.per_participant[1], 'participant')}, "
            f"{plural(value.per_participant[2], 'box')} with both cost and reach)"
            if value.per_participant
            else "missing: no box records both a yearly cost and a reach",
        ),
        ("One-off costs, apart", _money_or_missing(value.one_off_total, c, "none recorded")),
        (
            "Estimated benefits a year",
            f"{money(value.benefit_a_year, c)}, a rough estimate"
            if value.benefit_a_year is not None
            else "missing: no benefits estimated",
        ),
        (
            "Ratio of estimated benefits to costs",
            f"an estimated {money(value.ratio, c)} for each {money(1, c)} of cost, a rough estimate"
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


CASE_HEADING = "Financial case"
CASE_ROWS = 8
"""Assumptions the report's sensitivity table lists, widest swing first (the Case page and the workbook have all)."""


def financial_case(fw: Framework) -> Section | None:
    """The appraisal (``logicmodel.analysis.appraisal``) as a chapter: the headline and totals in words, each
    valued outcome with its figures, who pays and who saves, how sensitive the ratio is to each assumption, what
    is missing and what may be counted twice, and the rule. None when no outcome carries a valuation, so that a
    report of a framework without any is as it was."""
    case = appraise(fw)
    if not case.outcomes:
        return None
    c = case.currency
    said = case_words.paragraphs(fw)
    blocks: list[Block] = [Paragraph(said[0], "lead"), *(Paragraph(p) for p in said[1:])]
    blocks.append(
        Table(
            ("Outcome", "Who gains", "Figures", "First year", "Present value"),
            [
                (
                    o.box.label,
                    _who(fw, o.beneficiary),
                    case_words.figures_words(o, c),
                    _money_or_missing(o.first_year, c, "not worked out"),
                    money(o.present_value, c)
                    if o.present_value is not None
                    else f"not counted: {case_words.not_counted(o)}",
                )
                for o in case.outcomes
            ],
        )
    )
    if case.shares:
        blocks.append(
            Table(
                case_words.SHARES_HEADERS,
                case_words.shares_rows(case),
            )
        )
        blocks.append(Paragraph(case_words.SHARES_NOTE, "note"))
    blocks.extend(_sensitivity(fw, c))
    blocks.append(Paragraph("How the figures are worked out: " + CASE_RULE, "note"))
    return Section(CASE_HEADING, 1, blocks)


def _who(fw: Framework, stakeholder: str | None) -> str:
    names = {s.id: s.name for s in fw.stakeholders}
    return names.get(stakeholder or "", "not said")


def _sensitivity(fw: Framework, currency: str) -> list[Block]:
    """The assumptions the ratio is most sensitive to, as a table; nothing when there is no ratio to move."""
    if appraise(fw).ratio is None:
        return []
    moved = [a for a in sensitivity(fw) if a.swing > 0]
    if not moved:
        return []
    rows = [
        (
            a.label,
            case_words.assumption_value(a, a.value, currency),
            case_words.assumption_value(a, a.low, currency),
            case_words.assumption_value(a, a.high, currency),
            case_words.per_pound(a.ratio_low, currency) if a.ratio_low is not None else "–",
            case_words.per_pound(a.ratio_high, currency) if a.ratio_high is not None else "–",
            case_words.assumption_value(a, a.break_even, currency),
        )
        for a in moved[:CASE_ROWS]
    ]
    ratio = appraise(fw).ratio
    blocks: list[Block] = [
        Chart(
            tornado_svg(moved, ratio, currency, top=CASE_ROWS),
            f"How far the ratio moves when each assumption is set to its low and its high value, the others held: "
            f"widest swing at the top; the dashed line is break-even, {money(1, currency)} back for each "
            f"{money(1, currency)} put in.",
        ),
        Table(("Assumption", "As given", "Low", "High", "Ratio at low", "Ratio at high", "Break-even"), rows),
    ]
    more = len(moved) - len(rows)
    note = case_words.SENSITIVITY_NOTE
    if more > 0:
        note += f" {plural(more, 'more assumption')} with a narrower swing, on the Case page."
    blocks.append(Paragraph(note, "note"))
    return blocks


def _assumptions(fw: Framework) -> Section:
    by_id = fw.node_by_id
    blocks: list[Block] = []
    links = [k for k in counted_links(fw) if k.assumptions or k.rationale]
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
    examples = placeholder_boxes(fw)
    evidence = [
        (n.label, e.title, strength_words(e.strength), e.url or "")
        for n in fw.nodes
        if n.id not in examples
        for e in n.evidence
    ]
    if evidence:
        blocks.append(Table(("Box", "Evidence", "Strength", "Where to find it"), evidence))
    else:
        blocks.append(Paragraph("No evidence is cited on any box yet."))
    return Section("Assumptions and evidence", 1, blocks)


def _gaps(fw: Framework) -> Section:
    """The Check page's own findings (``logicmodel.analysis.checks``: the logic, and what a commissioner will ask for),
    then the links whose evidence is weak."""
    by_id = fw.node_by_id
    rows = [(CHECKS[f.code].title, f.message) for f in check(fw)]  # unstated strength is one of these
    weak = [f"{by_id[k.source].label} → {by_id[k.target].label}" for k in fw.links if k.strength == "weak"]
    rows.append(("Links with weak evidence", "; ".join(weak) if weak else "none"))
    blocks: list[Block] = [Table(("Gap", "Where"), rows)]
    if placeholder_boxes(fw):
        blocks.append(Paragraph(NOT_COUNTED, "note"))
    return Section("Gaps", 1, blocks)


COMMENTS_HEADING = "Appendix: comments"


def comments_appendix(fw: Framework, threads: tuple[CommentThread, ...]) -> list[Section]:
    """The appendix of comments: a chapter that counts the threads, then one part for the framework as a whole,
    one for each box with threads (in the framework's order, by its label) and one for each link ("A → B"),
    each thread oldest first, open or resolved said in words, each comment with its author and time and its
    text line by line exactly as typed. Threads on a box or link no longer in the framework are kept, named by
    the ids they were on."""
    by_id = fw.node_by_id
    shown = sorted(threads, key=lambda t: (t.comments[0].written, t.comments[0].text) if t.comments else ())
    shown = [t for t in shown if t.comments]
    resolved = sum(t.resolved for t in shown)
    opening = (
        f"{plural(len(shown), 'comment thread')} on this framework: {len(shown) - resolved} open, {resolved} "
        "resolved, as they stood when this report was made."
        if shown
        else "No one has commented on this framework."
    )
    sections = [
        Section(
            COMMENTS_HEADING,
            1,
            [
                Paragraph(opening, "lead"),
                Paragraph(
                    "Comments are a conversation about the framework kept in the library, not part of the framework: "
                    "they are in no file of it. Each is printed exactly as its author typed it.",
                    "note",
                ),
            ],
        )
    ]

    def label(box: str) -> str:
        return by_id[box].label if box in by_id else f"a box no longer in the framework (id {box})"

    def part(heading: str, group: list[CommentThread]) -> None:
        if group:
            sections.append(Section(heading, 2, [block for t in group for block in _thread_blocks(t)]))

    part("On the framework as a whole", [t for t in shown if t.on == "framework"])
    box_order = {node.id: k for k, node in enumerate(fw.nodes)}
    on_boxes = sorted({t.box for t in shown if t.box is not None}, key=lambda b: (box_order.get(b, len(box_order)), b))
    for box in on_boxes:
        part(f"Box: {label(box)}", [t for t in shown if t.box == box])
    link_order = {pair: k for k, pair in enumerate(fw.link_pairs)}
    on_links = sorted(
        {t.link for t in shown if t.link is not None}, key=lambda p: (link_order.get(p, len(link_order)), p)
    )
    for link in on_links:
        gone = "" if link in link_order else " (a link no longer in the framework)"
        part(f"Link: {label(link[0])} → {label(link[1])}{gone}", [t for t in shown if t.link == link])
    return sections


def _thread_blocks(thread: CommentThread) -> list[Block]:
    """A thread: whether it is open or resolved (by whom, when), then each comment: who and when, then its text."""
    if thread.resolved:
        status = f"Resolved thread (resolved by {thread.resolved_by or 'someone'}, {when(thread.resolved_at)})"
    else:
        status = "Open thread"
    blocks: list[Block] = [Paragraph(status, "lead")]
    for k, comment in enumerate(thread.comments):
        blocks.append(Paragraph(f"{'Reply from ' if k else ''}{comment.author}, {when(comment.written)}:", "note"))
        blocks.extend(Paragraph(line, "comment") for line in comment.text.splitlines() or [""])
    return blocks


def _pathway_drawing(fw: Framework, o: Offer) -> Drawing | Paragraph | None:
    """The drawing of every box and link upstream of a commissioner's outcomes; a sentence instead when they
    are too many to read on an A4 page, whatever the layout (``logicmodel.drawing.svg.most_readable``)."""
    if not o.boxes:
        return None
    if len(o.boxes) > most_readable("A4"):
        return Paragraph(
            f"Their pathways hold {len(o.boxes):,} boxes, too many to draw readably on an A4 page: the diagram "
            f"above holds them, and the Commissioners page of Logic Model Builder highlights them.",
            "note",
        )
    part = fw.model_copy(
        update={
            "meta": fw.meta.model_copy(update={"title": f"Pathways into the outcomes of {o.stakeholder.name}"}),
            "nodes": tuple(n for n in fw.nodes if n.id in o.boxes),
            "links": tuple(o.links),
        }
    )
    svg, outline = poster_and_outline(part, paper="A4")
    return Drawing(
        svg,
        f"Every box and link upstream of the outcomes of {o.stakeholder.name}, from {short_title(fw)}.",
        outline,
        _outline_note(len(part.nodes)),
    )


BRIEF_ROWS = 8
"""Outcomes and activities a brief lists by name; the rest are counted, and named in the full report."""
BRIEF_STORIES = 2
"""Strategic outcomes whose strongest route a brief tells."""


def _evidence_counts(links: list) -> str:
    """ "2 strong, 1 weak, 1 not stated": the links on the way into an outcome, by strength of evidence."""
    grades = [("strong", "strong"), ("moderate", "moderate"), ("weak", "weak"), ("unknown", "not stated")]
    counts = [(sum(1 for k in links if k.strength == g), words) for g, words in grades]
    said = [f"{n:,} {words}" for n, words in counts if n]
    return ", ".join(said) if said else "no links yet"


def _more_row(rows: list[tuple[str, ...]], total: int, one: str, many: str, width: int) -> list[tuple[str, ...]]:
    """The rows, and a last row counting those left out: "and 1 more outcome, named in the full report"."""
    if total > len(rows):
        rows.append((f"and {plural(total - len(rows), f'more {one}', f'more {many}')}, named in the full report",
                     *[""] * (width - 1)))  # fmt: skip
    return rows


def _brief(fw: Framework, o: Offer) -> Report:
    """One page for one commissioner: their outcomes, what delivers them, cost and value, evidence, gaps."""
    name, short = o.stakeholder.name, short_title(fw)
    title = f"What {short} offers {name}"
    if not o.outcomes:
        story = commissioner_story(fw, o.stakeholder.id, o)[0]
        blocks: list[Block] = [Paragraph(story.paragraphs[0])]
        said = _brief_case(fw, o)
        if said is not None and case_words.share_of(appraise(fw), o.stakeholder.id) is not None:  # pays or saves
            blocks.append(Paragraph(said))
        return Report(title, fw.meta.title, [Section("Their outcomes", 1, blocks)], True)
    value = summary(fw, o.boxes)
    c = value.currency
    said = _brief_case(fw, o)  # in the opening, where a line's end has room for it: the brief is one page
    opening = _brief_opening(fw, o, value) + (f" {said}" if said else "")
    sections = [Section("In short", 1, [Paragraph(opening)])]

    outcome_rows = [
        (
            n.label,
            "; ".join(i.name for i in n.indicators) or "No indicator yet",
            _evidence_counts(pathway_into(fw, [n.id])[1]),
        )
        for n in o.outcomes[:BRIEF_ROWS]
    ]
    sections.append(
        Section(
            "Their outcomes",
            1,
            [
                Table(
                    ("Their outcome", "Measured by", "Evidence on the links leading there"),
                    _more_row(outcome_rows, len(o.outcomes), "outcome", "outcomes", 3),
                )
            ],
        )
    )

    activity_rows = [
        (
            a.label,
            f"{a.reach:,}" if a.reach is not None else "not recorded",
            f"{money(a.cost.amount, a.cost.currency)} {a.cost.period or '(period not stated)'}"
            if a.cost
            else "no cost recorded",
        )
        for a in o.activities[:BRIEF_ROWS]
    ]
    delivers: list[Block] = [
        Table(
            ("Activity", "People a year", "Cost"),
            _more_row(activity_rows, len(o.activities), "activity", "activities", 3),
        )
        if o.activities
        else Paragraph("No activity leads to their outcomes yet.")
    ]
    stories = commissioner_story(fw, o.stakeholder.id, o, max_routes=1, strategic=True)[1:]
    progress = progress_section(fw, o.boxes, o.stakeholder.id, brief=True)
    told = BRIEF_STORIES - 1 if progress is not None else BRIEF_STORIES  # room on the page for progress
    for story in stories[:told]:
        route = story.paragraphs[2] if len(story.paragraphs) > 2 and story.paragraphs[1][0].isdigit() else None
        delivers.append(Paragraph(f"Into {story.heading}: " + (route or "no activity leads here yet.")))
    if len(stories) > told:
        delivers.append(Paragraph(_other_routes([s.heading for s in stories[told:]]), "note"))
    sections.append(Section("What delivers them", 1, delivers))

    owned = {n.id for n in o.outcomes}
    value_blocks: list[Block] = []
    shares = []
    for v in value.outcomes:
        if v.outcome.id not in owned:
            continue
        text = f"{v.outcome.label}: " + _money_or_missing(v.cost_a_year, c, "no yearly cost recorded")
        if v.cost_a_year is not None:
            text += " a year"
        if v.benefit is not None:
            text += f"; estimated benefit {v.benefit.words()}"
            if v.benefit.node.benefit and v.benefit.node.benefit.basis:
                text += f" (basis: {v.benefit.node.benefit.basis})"
            if v.ratio is not None:
                text += f", a rough estimate of {money(v.ratio, c)} for each {money(1, c)}"
        shares.append(text)
    if shares:
        more = [f"and {len(shares) - BRIEF_ROWS:,} more, in the full report"] if len(shares) > BRIEF_ROWS else []
        value_blocks.append(
            Paragraph(
                "Cost standing behind each of their strategic outcomes: " + "; ".join(shares[:BRIEF_ROWS] + more) + "."
            )
        )
    missing = value.missing()
    if missing:
        value_blocks.append(Paragraph("Missing: " + "; ".join(missing) + "."))
    if said is None:
        value_blocks.append(Paragraph(case_words.NO_CASE, "note"))  # a commissioner's next question
    value_blocks.append(Paragraph("How the figures are worked out: " + RULE, "note"))
    sections.append(Section("Cost and value", 1, value_blocks))

    if progress is not None:
        sections.append(progress)
    sections.append(Section("Gaps", 1, [Paragraph(_brief_gaps(fw, o))]))
    if len(o.boxes) > most_readable("A4"):
        where = (
            f"Their pathways hold {len(o.boxes):,} boxes, too many to draw readably on a page: the Commissioners "
            "page of Logic Model Builder highlights them on the diagram."
        )
    else:
        where = (
            f"Their pathways are drawn in the full report of {short}, under “{name}”, and on the Commissioners "
            "page of Logic Model Builder; this brief leaves the drawing out to stay on one page."
        )
    sections[-1].blocks.append(Paragraph(where, "note"))
    return Report(title, fw.meta.title, sections, brief=True)


def _brief_case(fw: Framework, o: Offer) -> str | None:
    """The financial case as a brief says it, in its opening: what this commissioner puts in and saves, then the
    headline and the outcomes not yet counted; None when no outcome carries a valuation."""
    share = case_words.share_words(fw, o.stakeholder.id, they=True)  # the brief is theirs: "they put in …"
    if share is None:
        return None
    case = appraise(fw)
    text = f"In the financial case, {share[0].lower()}{share[1:]} {case_words.headline(fw, case)}"
    uncounted = [f"“{oc.box.label}”" for oc in case.outcomes if not oc.counted]
    if uncounted:
        named = uncounted[:3] + ([f"{len(uncounted) - 3:,} more"] if len(uncounted) > 3 else [])
        text += f" Not counted until their figures are complete: {', '.join(named)} (see the full report)."
    return text


def _other_routes(outcomes: list[str]) -> str:
    """Where the routes a brief leaves out are told, naming the outcomes they lead into (the first three).

    >>> _other_routes(["Fewer falls"])
    'The full report tells the route into “Fewer falls”.'
    >>> _other_routes(["A", "B", "C", "D", "E"])
    'The full report tells the routes into “A”, “B”, “C” and 2 more strategic outcomes.'
    """
    named = [f"“{label}”" for label in outcomes[:3]]
    if len(outcomes) > 3:
        named.append(plural(len(outcomes) - 3, "more strategic outcome", "more strategic outcomes"))
    listed = named[0] if len(named) == 1 else ", ".join(named[:-1]) + " and " + named[-1]
    return f"The full report tells the {'route' if len(outcomes) == 1 else 'routes'} into {listed}."


def _brief_opening(fw: Framework, o: Offer, value: Summary) -> str:
    c = value.currency
    text = f"{o.stakeholder.name} owns {plural(len(o.outcomes), 'outcome')} in {short_title(fw)}. "
    if not o.activities:
        return text + "No activity leads to them yet."
    text += f"{plural(len(o.activities), 'activity delivers', 'activities deliver')} them"
    text += (
        f", reaching {plural(o.reach, 'person', 'people')} a year"
        if o.reach is not None
        else ", with no reach recorded"
    )
    cost = value.cost_a_year
    text += f", for {money(cost, c)} a year" if cost is not None else ", with no yearly cost recorded"
    if value.uncosted and cost is not None:
        text += f" (no cost recorded for {len(value.uncosted):,} of them)"
    text += "."
    per = value.per_participant
    if per is not None:
        text += f" That is {money(per[0], c)} a participant a year."
    if value.ratio is not None:
        text += (
            f" Estimated benefits: {money(value.benefit_a_year or 0, c)} a year, an estimated {money(value.ratio, c)}"
            f" for each {money(1, c)} spent ({ROUGH})."
        )
    elif not value.benefits:
        text += " No benefit is estimated yet."
    return text


def _brief_gaps(fw: Framework, o: Offer) -> str:
    g = o.gaps
    said = []
    if g.unreached:
        said.append("no activity leads to " + "; ".join(f"“{n.label}”" for n in g.unreached[:3]))
    if g.unmeasured:
        said.append("no indicator for " + "; ".join(f"“{n.label}”" for n in g.unmeasured[:3]))
    indicators = [i for n in o.outcomes for i in n.indicators]
    no_baseline = sum(1 for i in indicators if i.baseline is None)
    if no_baseline:
        said.append(f"no baseline yet for {no_baseline:,} of their {plural(len(indicators), 'indicator')}")
    by_id = fw.node_by_id
    for links, words in ((g.weak, "weak evidence"), (g.unstated, "strength of evidence not stated")):
        if links:
            named = "; ".join(f"{by_id[k.source].label} → {by_id[k.target].label}" for k in links[:2])
            more = f"; and {len(links) - 2:,} more" if len(links) > 2 else ""
            said.append(f"{words} on {plural(len(links), 'link')}: {named}{more}")
    if not said:
        return "None: every outcome is reached and measured, with a baseline, and every link's evidence is stated."
    return (". ".join(x[0].upper() + x[1:] for x in said)) + "."
