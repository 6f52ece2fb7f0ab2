"""Check: two verdicts (the logic; ready to show a commissioner), the coverage summary, then every gap the
checks find, group by group, each with how to fix it and a way to open its box in Build. The words for each
kind of warning (title, description, fix) are the engine's one definition (``logicmodel.analysis.checks.CHECKS``)."""

from __future__ import annotations

import streamlit as st

from logicmodel.analysis.checks import CHECKS, GROUPS, Finding, check, verdict
from logicmodel.analysis.coverage import GROUP_TITLES, coverage
from logicmodel.analysis.placeholders import NOT_COUNTED, placeholder_boxes
from logicmodel.core.models import Framework
from logicmodel.editing.fixes import where_to_fix
from ui import sharing, state
from ui.tables import coverage_table
from ui.text import md
from ui.widgets import box_namer, require_framework, show_flash

MAX_PER_CHECK = 30  # most findings of one kind listed with buttons; the rest are counted


def findings(fw: Framework) -> list[Finding]:
    return fw.cached("ui_findings", check)


def coverage_spec(rows: int) -> dict:
    """A horizontal bar a measure, 0 to 100%, its full label readable, its count at the bar's end, and its
    group (the logic, ready to show a commissioner, commissioners) as the bar's colour."""
    y = {
        "field": "Measure",
        "type": "nominal",
        "sort": None,
        "title": None,
        "axis": {"labelLimit": 420, "labelColor": "#1a1a1a", "labelFontSize": 13},
    }
    x = {"field": "Share (%)", "type": "quantitative", "scale": {"domain": [0, 100]}, "title": "Share (%)"}
    colour = {
        "field": "Group",
        "type": "nominal",
        "sort": None,
        "scale": {"domain": list(GROUP_TITLES.values()), "range": ["#1d4f91", "#b45309", "#3f6212"]},
        "legend": {
            "orient": "top",
            "direction": "vertical",  # one group a line: the commissioners' title is long
            "title": None,
            "labelFontSize": 13,
            "labelLimit": 500,
            "labelColor": "#1a1a1a",
        },
    }
    return {
        "height": {"step": 30},
        "encoding": {"y": y, "x": x},
        "layer": [
            {"mark": {"type": "bar"}, "encoding": {"color": colour}},
            {
                "mark": {"type": "text", "align": "left", "dx": 4, "color": "#1a1a1a"},
                "encoding": {"text": {"field": "Count"}},
            },
        ],
    }


def go_to(finding: Finding) -> None:
    """Open in Build where the finding is fixed: Links to connect a box or see a link, else the box."""
    place = where_to_fix(state.current(), finding)
    if place.section == "links":
        state.select_link(place.node, place.target)
    else:
        state.select_node(place.node, jump=True)


fw = require_framework()
st.title("Check", anchor=False)
st.caption(md(fw.meta.title))
show_flash()

found = findings(fw)
fixing = not sharing.view_only()  # a viewer or a commenter reads the findings; only an editor opens Build
if not fixing and found:
    st.caption("Only people who can edit this framework can fix what Check finds; comment on a box on Comments.")
by_group = {group: [f for f in found if CHECKS[f.code].group == group] for group in GROUPS}
for column, (group, gaps) in zip(st.columns(len(GROUPS)), by_group.items(), strict=True):
    if gaps:
        column.warning(verdict(group, len(gaps)), icon=":material/warning:")
    else:
        column.success(verdict(group, 0), icon=":material/check_circle:")

if placeholder_boxes(fw):  # the figures and the gaps leave them out alike: say so where both are read
    st.info(md(NOT_COUNTED), icon=":material/info:")

summary = coverage(fw)
st.header("Coverage", anchor=False)
st.caption("How complete the framework is: a summary to show a manager.")
last_label = fw.levels[-1].label.lower()
headline = {
    "logic": (
        (f"Activities leading to {last_label}", summary.activities_reaching),
        ("Outcomes with an indicator", summary.outcomes_with_indicator),
        ("Links with a stated strength", summary.links_with_strength),
    ),
    "ready": (
        ("Indicators with a baseline", summary.indicators_with_baseline),
        ("Activities with a cost", summary.activities_with_cost),
        ("Outcomes with evidence", summary.outcomes_with_evidence),
    ),
}
for group, measures in headline.items():
    st.markdown(f"**{GROUP_TITLES[group]}**")
    for col, (label, share) in zip(st.columns(len(measures)), measures, strict=True):
        col.metric(
            md(label),
            "–" if share.ratio is None else f"{round(100 * share.ratio)}%",
            f"{share.count} of {share.total}" if share.total else "none to count",  # the big figure is the %
            delta_color="off",
            delta_arrow="off",
        )
table = fw.cached("ui_coverage_table", lambda f: coverage_table(f, summary))
chart = table.dropna(subset=["Share (%)"])
if len(chart):
    st.vega_lite_chart(
        chart,
        coverage_spec(len(chart)),
        alt="Bar chart of the coverage shares listed in the table below",
    )
with st.expander("The coverage figures as a table"):
    st.dataframe(table[["Group", "Measure", "Share", "Count"]], hide_index=True)
if not summary.commissioners:
    st.caption("No commissioners yet: add them on Build (Stakeholders) and attach them to their outcomes.")

namer = box_namer(fw)
for group, gaps in by_group.items():
    st.header(GROUPS[group].title, anchor=False)
    st.caption(md(GROUPS[group].description))
    if not gaps:
        st.success(f"{verdict(group, 0)}: nothing to fix here.")
        continue
    for code, kind in CHECKS.items():
        mine = [f for f in gaps if f.code == code]
        if not mine:
            continue
        with st.expander(f"{kind.title} ({len(mine)})", expanded=len(gaps) <= 10, icon=":material/warning:"):
            st.caption(f"{md(kind.description)} **How to fix it:** {md(kind.fix)}")
            for i, finding in enumerate(mine[:MAX_PER_CHECK]):
                cols = st.columns([4, 1])
                cols[0].markdown(md(finding.message))
                what = " → ".join(namer(n) for n in finding.nodes)
                if fixing and cols[1].button(
                    "Open in Build", key=f"goto_{code}_{i}", on_click=go_to, args=(finding,),
                    help=md(f"Open {what} on the Build page"),
                ):  # fmt: skip
                    st.switch_page("app_pages/build.py")
            if len(mine) > MAX_PER_CHECK:
                st.caption(f"... and {len(mine) - MAX_PER_CHECK} more of this kind.")
