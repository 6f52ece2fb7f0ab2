"""Progress: what has moved since the baseline. The status rule once, statuses at a glance by level and by
commissioner, each box's indicators as small charts (a page of them at a time, filtered by commissioner and
status), activities' delivery against plan, and "Bring data in" (a Fingertips download or a measurements table).

Every status, count and word comes from the engine (``logicmodel.analysis.progress``: the rule, the statuses,
the counts, delivery in words); each chart is ``logicmodel.drawing.progress_chart.chart_spec``, the same chart the
progress report draws as SVG; a commissioner's indicators are those of the outcomes they own
(``logicmodel.analysis.offer.outcomes_owned``, as on the Commissioners page).
"""

from __future__ import annotations

import streamlit as st

from logicmodel.analysis.offer import outcomes_owned
from logicmodel.analysis.progress import (
    DELIVERY_CAVEAT,
    RULE,
    STATUSES,
    Judgement,
    StatusCount,
    delivery_against_plan,
    indicator_progress,
    status_counts,
)
from logicmodel.core.models import Framework
from logicmodel.drawing.progress_chart import chart_points, chart_spec, subtitle, target_line
from ui import sharing
from ui.forms.measurements import draw_bring_in
from ui.text import md, plural
from ui.widgets import require_framework, show_flash

CHARTS_PER_PAGE = 12
"""Most charts drawn at once: a browser draws a dozen quickly, and nobody reads 200 charts at a time."""
EVERY = ""
"""The commissioner filter's "every commissioner"."""


def counts_table(counts: list[StatusCount], heading: str) -> list[dict[str, object]]:
    """One row a group: its name, how many of each status (the rule's order), and its total."""
    return [
        {heading: c.name} | {status.capitalize(): c.counts[status] for status in STATUSES} | {"Total": c.total}
        for c in counts
    ]


def pages_of(boxes: list[list[Judgement]]) -> list[list[list[Judgement]]]:
    """The boxes split into pages of about ``CHARTS_PER_PAGE`` charts, a box never split unless it alone has
    more than a page."""
    pages: list[list[list[Judgement]]] = [[]]
    for box in boxes:
        for start in range(0, len(box), CHARTS_PER_PAGE):
            part = box[start : start + CHARTS_PER_PAGE]
            if pages[-1] and sum(map(len, pages[-1])) + len(part) > CHARTS_PER_PAGE:
                pages.append([])
            pages[-1].append(part)
    return pages if pages[0] else []


def by_box(fw: Framework, judged: list[Judgement]) -> list[list[Judgement]]:
    """The judgements grouped by box, level by level (the framework's order of levels, then of boxes)."""
    rank = fw.level_rank
    groups: dict[str, list[Judgement]] = {}
    for judgement in judged:
        groups.setdefault(judgement.box.id, []).append(judgement)
    return sorted(groups.values(), key=lambda g: rank.get(g[0].box.level, len(rank)))


fw = require_framework()
st.title("Progress", anchor=False)
st.caption(md(fw.meta.title))
show_flash()
with st.expander("How a status is judged"):
    st.markdown(md(RULE))

judged = indicator_progress(fw)
measured = sum(len(j.indicator.measurements) for j in judged)
if not judged:
    st.info(
        "This framework has no indicators yet, so there is no progress to show. Add indicators to your outcomes "
        "on Build (a box's Indicators), each with a baseline and a target; then come back here to bring their "
        "measurements in.",
        icon=":material/monitoring:",
    )
    st.page_link("app_pages/build.py", label="Add indicators on Build", icon=":material/edit:")
elif not measured:
    st.info(
        f"Nothing has been measured yet: {plural(len(judged), 'indicator')}, none with a measurement. Bring data "
        "in below: a Fingertips data download for indicators with a Fingertips id, or a measurements table for "
        "local figures such as session registers.",
        icon=":material/monitoring:",
    )

with st.expander("Bring data in", expanded=bool(judged) and not measured, icon=":material/upload_file:"):
    if sharing.view_only():
        st.caption("Only people who can edit this framework can bring data in.")
    else:
        draw_bring_in(fw)

if judged:
    st.header("At a glance", anchor=False)
    overall = StatusCount("all", "All", {s: sum(1 for j in judged if j.status == s) for s in STATUSES})
    st.markdown(f"**{md(overall.in_words().capitalize())}**, {plural(measured, 'measurement')} in all.")
    st.subheader("By level", anchor=False)
    st.table(counts_table(status_counts(fw, by="level"), "Level"), hide_index=True)
    st.subheader("By commissioner", anchor=False)
    theirs = status_counts(fw, by="commissioner")
    if theirs:
        st.table(counts_table(theirs, "Commissioner"), hide_index=True)
        st.caption("A commissioner's indicators are those of the outcomes they are attached to.")
    else:
        st.caption("No commissioners yet: add them on Build (Stakeholders) and attach them to their outcomes.")

    st.header("Indicators", anchor=False)
    who_picks, status_picks = st.columns([1, 2])
    names = {c.id: c.name for c in theirs}
    who = who_picks.selectbox(
        "Commissioner",
        [EVERY, *names],
        format_func=lambda key: names.get(key, "Every commissioner"),
        key="progress_commissioner",
    )
    shown = status_picks.multiselect("Statuses shown", list(STATUSES), default=list(STATUSES), key="progress_statuses")
    owned = {n.id for n in outcomes_owned(fw, who)} if who else None
    chosen = [j for j in judged if j.status in shown and (owned is None or j.box.id in owned)]
    pages = pages_of(by_box(fw, chosen))
    if not pages:
        st.caption("No indicator has the statuses chosen" + (f" among {md(names[who])}'s outcomes." if who else "."))
    else:
        page = 0
        if len(pages) > 1:
            starts = [sum(len(b) for p in pages[:i] for b in p) for i in range(len(pages))]
            page = st.selectbox(
                "Show",
                range(len(pages)),
                format_func=lambda i: (
                    f"Indicators {starts[i] + 1} to {starts[i] + sum(map(len, pages[i]))} of {len(chosen)}: "
                    f"{pages[i][0][0].box.label}"
                ),
                key="progress_page",
                help=f"About {CHARTS_PER_PAGE} charts at a time, box by box, level by level.",
            )
        level_shown = None
        for box in pages[page]:
            node = box[0].box
            if node.level != level_shown:
                level_shown = node.level
                st.subheader(md(fw.level_label(node.level)), anchor=False, divider="gray")
            st.markdown(f"#### {md(node.label)}")
            drawn = [j for j in box if chart_points(j.indicator) or target_line(j.indicator) is not None]
            said = [  # nothing to draw (no figure, no target level): words, not an empty chart
                f"- **{md(j.indicator.name)}**: {md(subtitle(j))}"
                + (" Nothing measured yet." if j.status == "no target" else "")
                for j in box
                if j not in drawn
            ]
            if said:
                st.markdown("\n".join(said))
            for row in range(0, len(drawn), 2):
                for column, judgement in zip(st.columns(2), drawn[row : row + 2], strict=False):
                    with column:
                        st.vega_lite_chart(
                            spec=chart_spec(judgement.indicator, node),
                            theme=None,
                            alt=f"{judgement.indicator.name}: {judgement.status}, {judgement.why}",
                        )

st.header("Delivery against plan", anchor=False)
years = delivery_against_plan(fw)
if years:
    st.table(
        [
            {
                "Activity": y.box.label,
                "Year": y.year,
                "Periods": ", ".join(y.periods),
                "Reach": y.reached(),
                "Spending": y.spending(),
            }
            for y in years
        ],
        hide_index=True,
    )
    st.caption(md(DELIVERY_CAVEAT))
else:
    st.caption(
        "No delivery recorded yet. Bring in a delivery table (box, period, participants, spent) under Bring "
        "data in above, or fill in the Delivery sheet of the workbook downloaded on Export and bring that in."
    )
