"""Read-only tables of a framework for the pages, built once per framework object (``fw.cached``)."""

from __future__ import annotations

import pandas as pd

from logicmodel.analysis.coverage import GROUP_TITLES, Coverage
from logicmodel.core.models import Framework
from logicmodel.core.spreadsheet import csv_bytes

__all__ = ["boxes_csv", "boxes_table", "coverage_table"]


def boxes_table(fw: Framework) -> pd.DataFrame:
    """One row a box, for the read-only overview (built once per framework)."""

    def build(f: Framework) -> pd.DataFrame:
        names = {s.id: s.name for s in f.stakeholders}
        ins: dict[str, int] = {}
        outs: dict[str, int] = {}
        for s, t in f.link_pairs:
            outs[s] = outs.get(s, 0) + 1
            ins[t] = ins.get(t, 0) + 1
        return pd.DataFrame(
            {
                "Box": [n.label for n in f.nodes],
                "Level": [f.level_label(n.level) for n in f.nodes],
                "Stakeholders": [", ".join(names.get(s, s) for s in n.stakeholders) for n in f.nodes],
                "Indicators": [len(n.indicators) for n in f.nodes],
                "Links in": [ins.get(n.id, 0) for n in f.nodes],
                "Links out": [outs.get(n.id, 0) for n in f.nodes],
                "Id": [n.id for n in f.nodes],
            }
        )

    return fw.cached("ui_boxes_table", build)


def boxes_csv(fw: Framework) -> bytes:
    """The All boxes table as a CSV file, each text cell safe to open in a spreadsheet (built once per framework)."""

    def build(f: Framework) -> bytes:
        table = boxes_table(f)
        return csv_bytes(list(table.columns), table.itertuples(index=False))

    return fw.cached("ui_boxes_csv", build)


def coverage_table(fw: Framework, summary: Coverage) -> pd.DataFrame:
    """One row a coverage measure: "Group" its group's title, "Share (%)" a number for the chart (missing when
    there is nothing to count), "Share" the same as text for the table, "Count" e.g. "3 of 4 (75%)"."""
    last = fw.levels[-1].label.lower()
    rows = summary.grouped_rows(last)
    percents = [None if s.ratio is None else round(100 * s.ratio) for _, _, s in rows]
    return pd.DataFrame(
        {
            "Group": [GROUP_TITLES[group] for group, _, _ in rows],
            "Measure": [label for _, label, _ in rows],
            "Share (%)": percents,
            "Share": ["–" if p is None else f"{p}%" for p in percents],
            "Count": [str(s) for _, _, s in rows],
        }
    )
