"""Plain English written from the model: per strategic outcome and per commissioner.

Never stored: made from the framework each time, so it changes when the model does. Every box, indicator and
assumption appears in the framework's own words (a label is never reworded, so a commissioner who says
"physical activity" reads "physical activity"); the connecting words are this module's. Each route states the
strength of evidence of its links and their assumptions; the weakest links are named; what is missing is said
("no baseline yet", "no cost recorded"), never left out or counted as zero.

The text is plain strings: whoever draws it escapes it (Jinja's autoescape, Word's text runs).

>>> from logicmodel.core.readwrite import from_data
>>> fw = from_data({
...     "schema_version": 1, "meta": {"title": "T"},
...     "nodes": [
...         {"id": "swim", "level": "activity", "label": "Free summer swimming", "reach": 120,
...          "cost": {"amount": 12000, "period": "a year"}},
...         {"id": "active", "level": "intermediate", "label": "More children active"},
...         {"id": "weight", "level": "strategic", "label": "Fewer Year 6 children with excess weight",
...          "indicators": [{"name": "Year 6 prevalence of overweight", "source": "NCMP"}]}],
...     "links": [{"source": "swim", "target": "active", "strength": "moderate",
...                "assumptions": ["Families take up the offer."]},
...               {"source": "active", "target": "weight", "strength": "weak"}]})
>>> print(outcome_story(fw, "weight").paragraphs[2])  # doctest: +NORMALIZE_WHITESPACE
Free summer swimming (120 people a year; £12,000 a year). We expect it to lead to: More children active
(moderate evidence; assumption: Families take up the offer.); and so to Fewer Year 6 children with excess
weight (weak evidence).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from itertools import pairwise

from logicmodel.analysis.appraisal import appraise
from logicmodel.analysis.case_words import headline, outcome_words, share_of, share_words
from logicmodel.analysis.offer import STRENGTH_RANK, Offer, offer, pathway_into
from logicmodel.analysis.placeholders import placeholder_boxes
from logicmodel.analysis.progress import RULE, STATUSES, DeliveryYear, Judgement, delivery_against_plan, judge, level
from logicmodel.analysis.value import ROUGH, money, summary
from logicmodel.core.graph import is_last_level, last_level_ids, leading_into, routes_to
from logicmodel.core.models import Framework, Indicator, Link, Node
from logicmodel.core.wording import plural

__all__ = [
    "MAX_ROUTES",
    "Story",
    "commissioner_story",
    "cost_words",
    "indicator_words",
    "outcome_stories",
    "outcome_story",
    "since",
    "since_words",
    "strength_words",
]

MAX_ROUTES = 8
"""Routes told in full for one outcome; the other activities that lead there are named in one sentence."""
MAX_NAMED = 3
"""Links named in a sentence about weak or unstated links; the rest are counted."""

_STRENGTH = {"strong": "strong evidence", "moderate": "moderate evidence", "weak": "weak evidence"}


@dataclass(frozen=True)
class Story:
    """A heading and its paragraphs, as plain text."""

    heading: str
    paragraphs: list[str]


def strength_words(strength: str) -> str:
    """ "moderate evidence", or "strength of evidence not stated"."""
    return _STRENGTH.get(strength, "strength of evidence not stated")


def _list(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return "; ".join(items[:-1]) + ("; and " if len(items) > 2 else " and ") + items[-1]


def _measure(value: float | int | str | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value:,}" if isinstance(value, int) else str(value)


def indicator_words(ind: Indicator) -> str:
    """An indicator with its source, baseline and target, saying which are missing.

    >>> indicator_words(Indicator(name="Inactive adults", source="PHOF C17b", target="Fewer"))
    'Inactive adults (PHOF C17b; no baseline yet; target Fewer)'
    """
    parts = [ind.source] if ind.source else []
    unit = f" {ind.unit}" if ind.unit else ""
    baseline, target = _measure(ind.baseline), _measure(ind.target)
    parts.append(f"baseline {baseline}{unit}" if baseline is not None else "no baseline yet")
    parts.append(f"target {target}{unit}" if target is not None else "no target yet")
    return f"{ind.name} ({'; '.join(parts)})"


def cost_words(node: Node) -> str:
    """A box's reach and cost as recorded: "120 people a year; £12,000 a year", saying which is missing."""
    reach = f"{plural(node.reach, 'person', 'people')} a year" if node.reach is not None else "reach not recorded"
    if node.cost is None:
        return f"{reach}; no cost recorded"
    period = node.cost.period or "period not stated"
    return f"{reach}; {money(node.cost.amount, node.cost.currency)} {period}"


def _link_words(link: Link) -> str:
    words = strength_words(link.strength)
    if link.assumptions:
        label = "assumption" if len(link.assumptions) == 1 else "assumptions"
        words += f"; {label}: " + " ".join(link.assumptions)
    return words


def _quoted(fw: Framework, node_id: str) -> str:
    return f"“{fw.node_by_id[node_id].label}”"


def _links_named(fw: Framework, links: list[Link]) -> str:
    named = [f"from {_quoted(fw, link.source)} to {_quoted(fw, link.target)}" for link in links[:MAX_NAMED]]
    more = len(links) - len(named)
    return _list(named + ([f"{more:,} more"] if more else []))


def _owners(fw: Framework, node: Node) -> list[str]:
    names = {s.id: s.name for s in fw.stakeholders if s.role == "commissioner"}
    return [names[s] for s in node.stakeholders if s in names]


def _links_by_pair(fw: Framework) -> dict[tuple[str, str], Link]:
    return fw.cached("links_by_pair", lambda f: {(link.source, link.target): link for link in f.links})


def _route_sentence(fw: Framework, route: list[str], by_pair: dict[tuple[str, str], Link]) -> str:
    by_id = fw.node_by_id
    start = by_id[route[0]]
    steps = []
    for k in range(1, len(route)):
        link = by_pair[(route[k - 1], route[k])]
        target = by_id[route[k]].label
        prefix = "and so to " if k == len(route) - 1 and k > 1 else ("then " if k > 1 else "")
        steps.append(f"{prefix}{target} ({_link_words(link)})")
    lead = "We expect it to lead to: " if len(route) > 2 else "We expect it to lead directly to: "
    return f"{start.label} ({cost_words(start)}). {lead}{'; '.join(steps)}."


def outcome_story(fw: Framework, outcome_id: str, max_routes: int = MAX_ROUTES) -> Story:
    """The story of one outcome: who owns it, how it is measured, each activity's route to it with its
    evidence and assumptions, the weakest links, what it costs and what is missing."""
    node = fw.node_by_id[outcome_id]
    paragraphs = []
    owners = _owners(fw, node)
    who = f"Owned by {_list(owners)}." if owners else "No commissioner is named for it yet."
    if node.indicators:
        measured = f" Measured by {_list([indicator_words(i) for i in node.indicators])}."
    else:
        measured = " No indicator yet: say how a commissioner would see the change."
    paragraphs.append(f"{node.label}. {who}{measured}")
    by_pair = _links_by_pair(fw)
    routes = routes_to(
        fw, outcome_id, lambda s, t: STRENGTH_RANK.get(by_pair[(s, t)].strength, 0), placeholder_boxes(fw)
    )  # a template's example boxes are on no route, as on Check
    kinds, by_id = fw.level_kinds, fw.node_by_id  # looked up once: each look-up goes through the model's cache
    starts = [r for n, r in routes.items() if kinds.get(by_id[n].level) == "activity"]
    if not starts:
        paragraphs.append("No activity leads to it yet.")

    def _weakest(route: list[str]) -> int:
        return min(STRENGTH_RANK.get(by_pair[(a, b)].strength, 0) for a, b in pairwise(route))

    starts.sort(key=lambda r: (-_weakest(r), len(r), by_id[r[0]].label))
    reached = len(starts)
    paragraphs.append(
        f"{reached:,} {'activity leads' if reached == 1 else 'activities lead'} here."
        if reached
        else "Without an activity, the framework cannot yet show what delivers it."
    )
    paragraphs.extend(_route_sentence(fw, r, by_pair) for r in starts[:max_routes])
    if reached > max_routes:
        others = [f"“{by_id[r[0]].label}”" for r in starts[max_routes:]]
        paragraphs.append(f"Also leading here: {_list(others)}.")
    _, links = pathway_into(fw, [outcome_id])
    paragraphs.extend(_evidence_sentences(fw, links))
    if is_last_level(fw, outcome_id):
        paragraphs.append(_value_sentence(fw, outcome_id))
    worth = outcome_words(fw, outcome_id)  # any outcome may carry a valuation, not only a strategic one
    if worth is not None:
        paragraphs.append(worth)
    return Story(node.label, paragraphs)


def _evidence_sentences(fw: Framework, links: list[Link]) -> list[str]:
    said = []
    stated = [link for link in links if link.strength != "unknown"]
    unstated = [link for link in links if link.strength == "unknown"]
    if stated:
        low = min(STRENGTH_RANK[link.strength] for link in stated)
        weakest = [link for link in stated if STRENGTH_RANK[link.strength] == low]
        grade = strength_words(weakest[0].strength)
        said.append(f"Weakest links on the way ({grade}): {_links_named(fw, weakest)}.")
    if unstated:
        said.append(f"Strength of evidence not stated yet: {_links_named(fw, unstated)}.")
    return said


def _value_sentence(fw: Framework, outcome_id: str) -> str:
    value = summary(fw)
    item = fw.cached("value_by_outcome", lambda f: {o.outcome.id: o for o in value.outcomes}).get(outcome_id)
    if item is None:  # a template's example box: no cost stands behind it
        return "No yearly cost is recorded for what leads here."
    cost = item.cost_a_year
    if cost is None:
        text = "No yearly cost is recorded for what leads here."
    else:
        text = (
            f"Cost standing behind it: {money(cost, value.currency)} a year, its share of the costs of "
            f"{len(item.shares):,} {'activity' if len(item.shares) == 1 else 'activities'} "
            "(each activity's cost shared equally between the strategic outcomes it reaches)."
        )
    if item.uncosted:
        named = [f"“{n.label}”" for n in item.uncosted[:MAX_NAMED]]
        more = len(item.uncosted) - len(named)
        text += f" No cost recorded for {_list(named + ([f'{more:,} more'] if more else []))}."
    if item.one_off:
        text += " One-off costs, apart: " + _list([f"{f.node.label}, {f.words()}" for f in item.one_off]) + "."
    if item.benefit is not None:
        b = item.benefit
        text += f" Estimated benefit: {b.words()} (a rough estimate; basis: {b.node.benefit.basis})."  # type: ignore[union-attr]
        if item.ratio is not None:
            each = money(1, value.currency)
            text += (
                f" That is an estimated {money(item.ratio, value.currency)} of benefit for each {each} of cost "
                f"({ROUGH})."
            )
    return text


def outcome_stories(fw: Framework) -> list[Story]:
    """The story of each strategic outcome (the last level), in the framework's order; a template's example
    box, still in its example words, has none yet."""
    examples = placeholder_boxes(fw)
    return [outcome_story(fw, o) for o in last_level_ids(fw) if o not in examples]


def _top(fw: Framework, owned: list[Node]) -> list[Node]:
    """The owned outcomes that lead to no other owned outcome: their routes pass through the rest."""
    upstream = leading_into(fw, [n.id for n in owned])
    return [n for n in owned if n.id not in upstream]


def commissioner_story(
    fw: Framework,
    stakeholder_id: str,
    the_offer: Offer | None = None,
    max_routes: int = MAX_ROUTES,
    strategic: bool = True,
) -> list[Story]:
    """The story of what the framework offers one commissioner: an opening, then each of their outcomes that
    none of theirs leads to (the others are on its routes), each telling up to ``max_routes`` routes.
    ``strategic=False`` leaves out the stories of strategic outcomes (a report tells those once, apart)."""
    o = the_offer or offer(fw, stakeholder_id)
    name = o.stakeholder.name
    share = share_words(fw, stakeholder_id)  # None when no outcome carries a valuation: nothing said
    if not o.outcomes:
        alone = [
            f"{name} is not named on any outcome yet. Attach them to the outcomes they own (on Build) "
            "to show every pathway into those outcomes."
        ]
        if share is not None and share_of(appraise(fw), stakeholder_id) is not None:  # pays or saves, owning
            # nothing: the wrong pocket, said all the same
            alone.append(f"The financial case: {share} {headline(fw)}")
        return [Story(name, alone)]
    labels = [n.label for n in o.outcomes]
    opening = [f"{name} owns {len(labels):,} {'outcome' if len(labels) == 1 else 'outcomes'} here: {_list(labels)}."]
    value = summary(fw, o.boxes)
    reach = o.reach
    behind = f"{len(o.activities):,} {'activity stands' if len(o.activities) == 1 else 'activities stand'} behind them"
    behind += (
        f", reaching {plural(reach, 'person', 'people')} a year" if reach is not None else ", with no reach recorded"
    )
    cost = value.cost_a_year
    behind += (
        f", costing {money(cost, value.currency)} a year in all."
        if cost is not None
        else ", with no yearly cost recorded."
    )
    if value.uncosted and cost is not None:
        behind += f" No cost is recorded for {len(value.uncosted):,} of them."
    owned = {n.id for n in o.outcomes}
    if cost is not None and any(
        v.outcome.id not in owned and any(n.id in o.boxes for n, _ in v.shares) for v in summary(fw).outcomes
    ):
        behind += (
            " Some of that cost also stands behind outcomes they do not own; the cost standing behind each of"
            " their strategic outcomes is its share."
        )
    if value.one_off_total is not None:
        behind += f" One-off costs, apart: {money(value.one_off_total, value.currency)}."
    opening.append(behind)
    gaps = o.gaps
    missing = []
    if gaps.unreached:
        missing.append(f"no activity leads to {_list([f'“{n.label}”' for n in gaps.unreached])}")
    if gaps.unmeasured:
        missing.append(f"no indicator for {_list([f'“{n.label}”' for n in gaps.unmeasured])}")
    if gaps.weak:
        missing.append(f"{len(gaps.weak):,} {'link' if len(gaps.weak) == 1 else 'links'} with weak evidence")
    if gaps.unstated:
        missing.append(f"{len(gaps.unstated):,} {'link' if len(gaps.unstated) == 1 else 'links'} of unstated strength")
    opening.append(
        "Gaps: " + "; ".join(missing) + "." if missing else "No gaps: every outcome is reached, measured and backed."
    )
    if share is not None:
        opening.append(f"The financial case: {share} {headline(fw)}")
    stories = [Story(name, opening)]
    last = set(last_level_ids(fw))
    top = [n for n in _top(fw, o.outcomes) if strategic or n.id not in last]
    stories.extend(outcome_story(fw, n.id, max_routes) for n in top)
    return stories


# What has happened since the baseline: measurements judged by the progress rule, delivery against plan.


def _with_unit(value: float | int | str, unit: str | None) -> str:
    """A figure with its unit as people write it: "23.5%", "23.5% of adults", "412 per 100,000"."""
    said = _measure(value) or ""
    if not unit or not isinstance(value, (int, float)):
        return said
    return f"{said}{unit}" if unit.startswith("%") else f"{said} {unit}"


def _where_from(*said: str | None) -> str:
    """Where a figure came from and its note, in brackets, each said once; "" when neither is written."""
    parts: list[str] = []
    for words in said:
        if words and words.strip().rstrip(".") not in parts:
            parts.append(words.strip().rstrip("."))
    return f" ({'; '.join(parts)})" if parts else ""


def _status_words(judged: Judgement) -> str:
    """The status, as ``progress.STATUSES`` names it, with why where the name alone does not say."""
    last, status = judged.latest, judged.status
    if status in ("improving", "worsening"):
        has_interval = last is not None and last.lower_ci is not None and last.upper_ci is not None
        why = "beyond the 95% confidence interval" if has_interval else "no confidence interval recorded"
        return f"{status} ({why})"
    if status == "no change" and last is not None and last.value != level(judged.indicator.baseline):
        return "no change (the change is inside the 95% confidence interval)"
    if status in ("no data", "no target"):
        return f"{status} ({judged.why})"
    return status


def since_words(judged: Judgement) -> str:
    """One indicator's movement since its baseline, in one sentence: baseline, latest measurement (with where
    it came from), status and target.

    >>> from logicmodel.analysis.progress import judge
    >>> print(since_words(judge(Indicator.model_validate({  # doctest: +NORMALIZE_WHITESPACE
    ...     "name": "Physically inactive adults", "unit": "%", "baseline": 25, "target": 22,
    ...     "measurements": [{"period": "2023/24", "period_end": "2024-03-31", "value": 23.5,
    ...                       "lower_ci": 22.1, "upper_ci": 24.9, "source": "Fingertips"}]}))))
    Physically inactive adults: 25% at the baseline, 23.5% in 2023/24 (Fingertips), improving
    (beyond the 95% confidence interval); target 22%.
    """
    ind, last = judged.indicator, judged.latest
    baseline = (
        f"{_with_unit(ind.baseline, ind.unit)} at the baseline" if ind.baseline is not None else "no baseline yet"
    )
    if last is None:
        latest = "not measured since"
    else:
        latest = f"{_with_unit(last.value, ind.unit)} in {last.period}{_where_from(last.source, last.note)}"
    if ind.target is None:  # the status says so
        return f"{ind.name}: {baseline}, {latest}, no target (none is set)."
    return f"{ind.name}: {baseline}, {latest}, {_status_words(judged)}; target {_with_unit(ind.target, ind.unit)}."


def _delivery_words(years: list[DeliveryYear]) -> str:
    """One activity's delivery, a financial year at a time, beside its plan."""
    node = years[0].box
    said = []
    for year in years:
        parts = []
        if year.participants is not None:
            reached = plural(year.participants, "participant")
            if len(year.periods) > 1:  # people who came in two periods are counted twice
                reached += f" (added up over {len(year.periods)} periods)"
            if year.planned_reach is not None:
                reached += f" against a plan of {plural(year.planned_reach, 'person', 'people')} a year"
            parts.append(reached)
        if year.spent is not None:
            spent = f"{money(year.spent, year.currency)} spent"
            if year.planned_cost is not None:
                spent += f" against {money(year.planned_cost, year.currency)} a year planned"
            parts.append(spent)
        periods = year.periods if year.periods != (year.year,) else ()
        when = f"{year.year} ({', '.join(periods)})" if periods else year.year
        notes = _where_from(*(d.note for d in node.delivery if d.period in year.periods))
        said.append(f"{when}: {'; '.join(parts) or 'recorded with no participants or spending'}{notes}.")
    return f"{node.label}. " + " ".join(said)


def since(fw: Framework, commissioner_id: str | None = None, rule: bool = True) -> list[str]:
    """What has happened since the baseline, in paragraphs of plain text: an opening that counts the
    statuses; one paragraph per box whose indicators have measurements, each indicator in one sentence
    (``since_words``); the indicators not measured since, named; one paragraph per activity with delivery
    recorded, against its plan, a financial year at a time; and, with ``rule``, the rule a status is judged by
    (``progress.RULE``), as it must be shown wherever a status is.

    With ``commissioner_id``, only what stands on the pathways into that commissioner's outcomes (their
    outcomes first, then the boxes along the way); else the whole framework. Nothing (an empty list) when
    nothing has been measured or delivered there. Raises ``KeyError`` for an unknown stakeholder id.
    """
    if commissioner_id is None:
        boxes = list(fw.nodes)
    else:
        o = offer(fw, commissioner_id)
        owned = {n.id for n in o.outcomes}
        on_path = [n for n in fw.nodes if n.id in o.boxes]
        boxes = [n for n in on_path if n.id in owned] + [n for n in on_path if n.id not in owned]
    judged = [judge(indicator, node) for node in boxes for indicator in node.indicators]
    by_box = {node.id: node for node in boxes}
    delivered: dict[str, list[DeliveryYear]] = {}
    for year in delivery_against_plan(fw):
        if year.box.id in by_box:
            delivered.setdefault(year.box.id, []).append(year)
    measured = [j for j in judged if j.latest is not None]
    if not measured and not delivered:
        return []
    paragraphs = []
    if measured:
        counts = Counter(j.status for j in measured)
        told = [f"{counts[s]:,} {s}" for s in STATUSES if counts[s]]
        statuses = ", ".join(told[:-1]) + " and " + told[-1] if len(told) > 1 else told[0]
        waiting = len(judged) - len(measured)
        opening = (
            f"Since the baseline, {len(measured):,} of {plural(len(judged), 'indicator')} "
            f"{'has' if len(measured) == 1 else 'have'} been measured: {statuses}."
        )
        if waiting:
            opening += f" {plural(waiting, 'indicator')} {'has' if waiting == 1 else 'have'} no measurement yet."
        paragraphs.append(opening)
    elif judged:
        paragraphs.append(
            f"No indicator has been measured since the baseline yet ({plural(len(judged), 'indicator')})."
        )
    for node in boxes:
        sentences = [since_words(j) for j in measured if j.box.id == node.id]
        if sentences:
            paragraphs.append(f"{node.label}. " + " ".join(sentences))
    unmeasured = [j for j in judged if j.latest is None]
    if measured and unmeasured:
        named = [f"{j.indicator.name} (“{j.box.label}”)" for j in unmeasured[:MAX_NAMED]]
        more = len(unmeasured) - len(named)
        paragraphs.append(f"No measurement yet: {_list(named + ([f'{more:,} more'] if more else []))}.")
    if delivered:
        paragraphs.extend(_delivery_words(years) for years in delivered.values())
    if rule and measured:
        paragraphs.append(f"How a status is judged: {RULE}")
    return paragraphs
