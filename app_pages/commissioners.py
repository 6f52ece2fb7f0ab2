"""Commissioners: the offer to one commissioner, in their words, to show them and to hand them.

Choose a stakeholder (Public Health, Adult Social Care, the ICB, ...) and see the outcomes they own, every
pathway into them (on the diagram, the rest faded), what they would watch, the cost and reach behind them,
the evidence on each link, the gaps and the story written from the model; then download their brief. Every
figure and sentence comes from the engine (``logicmodel.analysis.offer``, ``value``, ``narrative``); the page draws.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from logicmodel import formats
from logicmodel.analysis import case_words
from logicmodel.analysis.appraisal import Case, appraise
from logicmodel.analysis.narrative import commissioner_story, cost_words, strength_words
from logicmodel.analysis.offer import offer, stakeholders_in_order
from logicmodel.analysis.value import ROUGH, RULE, money, summary
from logicmodel.core.models import Framework
from logicmodel.drawing.diagram import DEFAULT_HEIGHT, diagram_html, fingerprint
from logicmodel.jobs.tasks import write_in_worker
from ui import sharing
from ui.text import md, plural, slug
from ui.widgets import require_framework, show_flash


@st.cache_data(max_entries=16, show_spinner="Drawing their pathways…")
def cached_diagram(key: str, stakeholder: str, _fw: Framework) -> str:
    """The diagram with one stakeholder's pathways emphasised, cached on the framework's content and the id."""
    return diagram_html(_fw, emphasis=frozenset(offer(_fw, stakeholder).boxes))


@st.cache_data(max_entries=8, show_spinner="Writing the brief…")
def cached_brief(name: str, key: str, stakeholder: str, _fw: Framework) -> bytes:
    """A brief to download, made by the formats registry in a worker with its limits, cached like the diagram."""
    return write_in_worker(formats.get(name), _fw, formats.Choices(commissioner=stakeholder))


def _table(rows: list[dict[str, str]], empty: str) -> None:
    """A table of plain text (never read as Markdown), or one line saying there is nothing."""
    if rows:
        st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
    else:
        st.caption(empty)


def _financial_case(fw: Framework, case: Case, chosen: str) -> None:
    """What they pay and what they save in the appraisal, the case's totals, and the rule of the shares; one line
    that no case has been made where none has (their next question)."""
    st.header("Their financial case", anchor=False)
    if not case.outcomes:
        st.caption(md(case_words.NO_CASE))
        return
    mine = case_words.share_of(case, chosen)  # what they pay and save is said in their words, above
    if mine is not None:
        row = case_words.shares_rows(case)[case.shares.index(mine)]
        _table([dict(zip(case_words.SHARES_HEADERS, row, strict=True))], "")
    st.markdown("\n\n".join(md(p) for p in case_words.paragraphs(fw)[1:]))  # totals, missing, what to look at
    st.caption(md(case_words.SHARES_NOTE + " The Case page holds the whole case, and how sensitive it is."))


fw = require_framework()
st.title("Commissioners", anchor=False)
st.caption(md(fw.meta.title))
show_flash()

people = stakeholders_in_order(fw)
if not people:
    st.info(
        "This framework names no stakeholders yet. Add the commissioners on Build (Public Health, Adult Social "
        "Care, ...) and attach each to the outcomes they own: this page then shows the offer to each."
    )
    st.stop()

names = {s.id: f"{s.name} ({s.role})" for s in people}
chosen = st.selectbox("Commissioner or stakeholder", list(names), format_func=names.__getitem__, key="offer_who")
o = offer(fw, chosen)
value = summary(fw, o.boxes)
case = appraise(fw)
key = fingerprint(fw)

with st.container(horizontal=True):
    st.metric("Their outcomes", len(o.outcomes), border=True)
    st.metric("Activities behind them", len(o.activities), border=True)
    st.metric("Reach a year", f"{o.reach:,}" if o.reach is not None else "not recorded", border=True)
    cost = value.cost_a_year
    st.metric("Cost a year", money(cost, value.currency) if cost is not None else "not recorded", border=True)
    st.metric("Gaps", o.gaps.count(), border=True)

st.header("In their words", anchor=False)
stories = commissioner_story(fw, chosen, o)
st.markdown("\n\n".join(md(p) for p in stories[0].paragraphs))
for story in stories[1:]:  # one Markdown element a story: a big framework's page stays quick to redraw
    with st.expander(md(story.heading)):
        st.markdown("\n\n".join(md(p) for p in story.paragraphs))

if o.outcomes:
    st.header("Their pathways", anchor=False)
    st.caption(
        f"Every box and link upstream of their outcomes ({plural(len(o.boxes), 'box', 'boxes')}, "
        f"{plural(len(o.links), 'link')}) is drawn as usual; the rest is faded. Click a box to follow its pathway."
    )
    st.iframe(
        cached_diagram(key, chosen, fw),
        height=DEFAULT_HEIGHT + 4,
        alt=f"Pathways into the outcomes of {o.stakeholder.name}",
    )

    st.header("What they would watch", anchor=False)
    _table(
        [
            {
                "Outcome": n.label,
                "Indicator": i.name,
                "Source": i.source or "not stated",
                "Baseline": "no baseline yet" if i.baseline is None else str(i.baseline),
                "Target": "no target yet" if i.target is None else str(i.target),
                "Frequency": i.frequency or "not stated",
            }
            for n, i in o.indicators
        ],
        "None of their outcomes has an indicator yet.",
    )

    st.header("Cost and reach behind their outcomes", anchor=False)
    _table(
        [{"Activity": a.label, "Reach and cost as recorded": cost_words(a)} for a in o.activities],
        "No activity leads to their outcomes yet.",
    )
    shares = [v for v in value.outcomes]
    if shares:
        _table(
            [
                {
                    "Strategic outcome": v.outcome.label,
                    "Cost behind it a year": money(v.cost_a_year, value.currency)
                    if v.cost_a_year is not None
                    else "no yearly cost recorded",
                    "Estimated benefit": v.benefit.words() if v.benefit else "none estimated",
                    "Activities with no cost": str(len(v.uncosted)),
                }
                for v in shares
            ],
            "",
        )
    if value.one_off_total is not None:
        st.markdown(md(f"One-off costs, shown apart: {money(value.one_off_total, value.currency)}."))
    per = value.per_participant
    if per is not None:
        st.markdown(md(f"Cost per participant: {money(per[0], value.currency)} a year, over {per[1]:,} participants."))
    if value.ratio is not None:
        st.markdown(
            md(
                f"Estimated benefits: {money(value.benefit_a_year or 0, value.currency)} a year, an estimated "
                f"{money(value.ratio, value.currency)} for each {money(1, value.currency)} of cost ({ROUGH}: "
                f"{'the financial case is below' if case.outcomes else 'no financial case has been made yet'})."
            )
        )
    missing = value.missing()
    if missing:
        st.markdown(md("Missing: " + "; ".join(missing) + "."))
    st.caption(md("How the figures are worked out: " + RULE))

    _financial_case(fw, case, chosen)

    st.header("Evidence on each link", anchor=False)
    by_id = fw.node_by_id
    _table(
        [
            {
                "From": by_id[k.source].label,
                "To": by_id[k.target].label,
                "Evidence": strength_words(k.strength),
                "Assumptions": " ".join(k.assumptions),
            }
            for k in o.links
        ],
        "No links lead to their outcomes yet.",
    )

    st.header("Gaps", anchor=False)
    gaps = o.gaps
    lines = [
        ("Their outcomes no activity reaches", [n.label for n in gaps.unreached]),
        ("Their outcomes without an indicator", [n.label for n in gaps.unmeasured]),
        ("Links with weak evidence", [f"{by_id[k.source].label} → {by_id[k.target].label}" for k in gaps.weak]),
        (
            "Links whose strength is not stated",
            [f"{by_id[k.source].label} → {by_id[k.target].label}" for k in gaps.unstated],
        ),
    ]
    for title, items in lines:
        st.markdown(md(f"{title}: " + ("; ".join(items) if items else "none") + "."))

elif case.outcomes and case_words.share_of(case, chosen) is not None:
    _financial_case(fw, case, chosen)  # they own no outcome but pay or save: the wrong pocket, shown all the same

st.header("Their brief", anchor=False)
st.caption(
    "One A4 page for this commissioner, to print or send after the meeting: their outcomes, what delivers them, "
    "cost and value, the evidence and the gaps. The whole report, with their pathways drawn, downloads on Export."
)
_HANDED = (("Brief", "brief", ("report", "docx")), ("Progress report", "progress", ("progress", "progress-docx")))
"""What a commissioner is handed, each made by formats of the registry that take the commissioner's id."""


def _downloads(words: str, ending: str, names: tuple[str, ...]) -> None:
    with st.container(horizontal=True):
        for fmt in (formats.get(name) for name in names):
            st.download_button(
                f"{words} for {o.stakeholder.name} ({'Word' if fmt.extension == '.docx' else 'HTML, to print'})",
                data=sharing.guarded(lambda fmt=fmt: cached_brief(fmt.name, key, chosen, fw)),
                file_name=f"{slug(fw.meta.title)}-{slug(o.stakeholder.name, 'commissioner')}-{ending}{fmt.extension}",
                mime=fmt.media_type,
                on_click="ignore",
                icon=":material/download:",
                key=f"brief_{fmt.name}",
            )


_downloads(*_HANDED[0])
st.header("Their progress report", anchor=False)
st.caption(
    "What has moved since the baseline on their pathways, each indicator's chart, what has not moved and what is "
    "being done, and what was delivered for what it cost; where nothing is measured yet, it says so."
)
_downloads(*_HANDED[1])
