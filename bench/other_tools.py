"""Benchmark of the readers of other tools' files (issue 21): a ToC-Maker chart, a PRSM map, and a logframe as a
CSV table, an Excel workbook and KOICA PDM JSON, each of 1,000 boxes, read through the one loader
(``formats.read``) beside ``json.loads`` of the same framework's JSON in the same run. Target: each under 1 s.

The ToC-Maker chart is written by its writer from a generated framework (``logicmodel.core.synthetic``); the PRSM map
(saved plain: PRSM's packing is measured on its own, unpacking the chart's JSON packed the same way would need
lz-string's packer, which this builder does not have) is made here from the same framework; the logframe is a
tree of 1 goal, 9 outcomes, 90 outputs and 900 activities, numbered so that each links to the one above.

Run: ``.venv/bin/python bench/other_tools.py``.
"""

from __future__ import annotations

import io
import json
import platform
import sys
import time
from collections.abc import Callable
from pathlib import Path

import openpyxl

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from logicmodel import formats
from logicmodel.core.models import Framework
from logicmodel.core.readwrite import dumps, from_data
from logicmodel.core.synthetic import synthetic_data

BOXES = 1_000
REPEATS = 5
TARGET_MS = 1_000


def best_ms(run: Callable[[], object], repeats: int = REPEATS) -> float:
    """Best processor time of ``run`` in milliseconds, after one warm-up (as ``bench/engine.py``)."""
    run()
    times = []
    for _ in range(repeats):
        start = time.process_time()
        run()
        times.append(time.process_time() - start)
    return min(times) * 1000


def prsm_map(fw: Framework) -> bytes:
    """The framework as PRSM saves a map (plain): a style a level, a factor a box, a link an edge."""
    style = {level.id: f"group{i}" for i, level in enumerate(fw.levels)}
    styles = {
        "nodes": {f"group{i}": {"groupLabel": level.label, "shape": "box"} for i, level in enumerate(fw.levels)},
        "edges": {"edge0": {"groupLabel": "", "arrows": {"to": {"enabled": True}, "from": {"enabled": False}}}},
    }
    nodes = [
        {"id": n.id, "label": n.label, "grp": style[n.level], "x": 0, "y": 0, "note": {"ops": [{"insert": "note\n"}]}}
        for n in fw.nodes
    ]
    edges = [{"id": f"e{i}", "from": k.source, "to": k.target, "grp": "edge0"} for i, k in enumerate(fw.links)]
    data = {"version": "2.3.1", "mapTitle": fw.meta.title, "styles": styles, "nodes": nodes, "edges": edges}
    return json.dumps(data, indent="\t").encode()


def logframe_tree() -> tuple[list[list[object]], dict]:
    """The logframe's rows (headers first) and the same results as KOICA PDM JSON."""
    rows: list[list[object]] = [
        ["Level", "Narrative summary", "Indicators", "Baseline", "Target", "Means of verification", "Assumptions"]
    ]
    rows.append(["Goal", "More residents active for life", "Adults active 150 min a week", "60%", "65%", "ALS", ""])
    pdm: dict = {"impact": {"id": "imp-1", "narrative": "More residents active for life"}, "outcomes": []}
    pdm["outputs"], pdm["activities"] = [], []
    for i in range(1, 10):
        rows.append(["Outcome", f"{i}. Cohort {i} more active", "Share active", "40%", "50%", "Survey", "Prices hold"])
        outputs = [f"op-{i}{j}" for j in range(1, 11)]
        pdm["outcomes"].append({"id": f"oc-{i}", "narrative": f"Cohort {i} more active", "from_outputs": outputs})
        for j in range(1, 11):
            rows.append(["Output", f"{i}.{j} Sessions {i}.{j}", "Sessions a week", 0, 10, "Registers", "Venues open"])
            acts = [f"act-{i}{j}{k}" for k in range(1, 11)]
            pdm["outputs"].append({"id": f"op-{i}{j}", "narrative": f"Sessions {i}.{j}", "from_activities": acts})
            for k in range(1, 11):
                rows.append(["Activity", f"{i}.{j}.{k} Run session {i}.{j}.{k}", "", "", "", "", "Coaches free"])
                pdm["activities"].append({"id": f"act-{i}{j}{k}", "text": f"Run session {i}.{j}.{k}"})
    return rows, pdm


def main() -> int:
    synthetic = from_data(synthetic_data(BOXES))
    rows, pdm = logframe_tree()
    table = io.StringIO()
    for row in rows:
        table.write(",".join(f'"{cell}"' for cell in row) + "\n")
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    workbook = io.BytesIO()
    book.save(workbook)
    cases = [
        ("tocmaker", "ToC-Maker chart", formats.get("tocmaker").write(synthetic, formats.Choices())),
        ("prsm", "PRSM map (plain)", prsm_map(synthetic)),
        ("logframe", "logframe (CSV)", table.getvalue().encode()),
        ("logframe", "logframe (Excel)", workbook.getvalue()),
        ("logframe", "KOICA PDM (JSON)", json.dumps(pdm).encode()),
    ]
    print(f"Readers of other tools' files, on {BOXES:,} boxes; Python {platform.python_version()}, best of {REPEATS}")
    print(f"{'file':<18} {'bytes':>9} {'boxes':>6} {'links':>6} {'read ms':>8} {'json.loads ms':>14} {'x':>5}  ok")
    worst = 0.0
    for name, what, data in cases:
        fmt = formats.get(name)
        fw = formats.read(fmt, data)
        text = dumps(fw)
        floor = best_ms(lambda text=text: json.loads(text))
        read = best_ms(lambda fmt=fmt, data=data: formats.read(fmt, data))
        worst = max(worst, read)
        ok = "yes" if read < TARGET_MS else "NO"
        print(
            f"{what:<18} {len(data):>9,} {len(fw.nodes):>6,} {len(fw.links):>6,} {read:>8.1f} {floor:>14.2f} "
            f"{read / floor:>5.0f}  {ok}"
        )
    print(f"\nworst: {worst:.0f} ms (target: under {TARGET_MS} ms)")
    return 0 if worst < TARGET_MS else 1


if __name__ == "__main__":
    raise SystemExit(main())
