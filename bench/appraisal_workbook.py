"""How long the financial case workbook (``export --to appraisal``) takes to write for a big framework, beside
reading the same framework's file and working out its case (``appraise``) in the same run. The issue asks for
the workbook of a 1,000-box framework with 300 valued outcomes in under 2 s.

    .venv/bin/python bench/appraisal_workbook.py [--boxes 1000] [--valued 300] [--repeat 3]

Every figure is made up (illustrative), never a confirmed unit cost.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from logicmodel import formats  # noqa: E402
from logicmodel.analysis.appraisal import appraise  # noqa: E402
from logicmodel.core.readwrite import loads  # noqa: E402


def framework_data(boxes: int, valued: int, years: int = 10) -> dict:
    """``boxes`` boxes across the four levels: a quarter activities, each costed (yearly, or one-off for every
    fifth) and commissioned by one or two of four stakeholders; ``valued`` outcomes carry a valuation lasting
    1 to ``years`` years (the workbook has a column for each year) with illustrative figures, a few missing one."""
    stakeholders = [
        {"id": "ph", "name": "Public Health", "role": "commissioner"},
        {"id": "asc", "name": "Adult social care", "role": "commissioner"},
        {"id": "icb", "name": "Integrated care board", "role": "partner"},
        {"id": "people", "name": "Residents", "role": "community"},
    ]
    levels = ["activity", "output", "intermediate", "strategic"]
    per_level = boxes // 4
    nodes, links = [], []
    outcomes = 0
    for i in range(boxes):
        level = levels[min(i // per_level, 3)]
        box: dict = {"id": f"b{i}", "level": level, "label": f"Box {i} (illustrative)"}
        if level == "activity":
            box["stakeholders"] = ["ph"] if i % 3 else ["ph", "asc"]
            box["cost"] = {"amount": 1000 + i, "period": "one-off" if i % 5 == 0 else "a year"}
        elif level in ("intermediate", "strategic") and outcomes < valued:
            outcomes += 1
            box["valuation"] = {
                "quantity": 10 + i % 40,
                "proxy": {"amount": 500 + 7 * i, "unit": "a person a year", "source": "illustrative"},
                "deadweight": 0.2, "displacement": 0.1, "attribution": 0.25, "drop_off": 0.3,
                "duration": 1 + i % years, "beneficiary": ("icb", "asc", "people")[i % 3],
            }  # fmt: skip
            if i % 17 == 0:
                del box["valuation"]["deadweight"]  # missing: listed, not counted
        nodes.append(box)
        if i >= per_level:
            links.append({"source": f"b{i - per_level}", "target": f"b{i}"})
    return {
        "schema_version": 1,
        "meta": {"title": "Appraisal bench (illustrative figures)"},
        "stakeholders": stakeholders,
        "nodes": nodes,
        "links": links,
        "appraisal": {"discount_rate": 0.035, "price_year": 2025},
    }


def _time(task: Callable[[], object], repeat: int) -> tuple[float, float]:
    times, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        task()
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return statistics.median(times), statistics.median(cpu)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--boxes", type=int, default=1000)
    parser.add_argument("--valued", type=int, default=300)
    parser.add_argument("--years", type=int, default=10, help="the longest duration (a year column each)")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    text = json.dumps(framework_data(args.boxes, args.valued, args.years)).encode()
    fw = loads(text)
    valued = sum(1 for n in fw.nodes if n.valuation)
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"Python {platform.python_version()} ({os.cpu_count()} cores, load {load}), median of {args.repeat}")
    print(f"{len(fw.nodes):,} boxes, {valued} valued outcomes lasting up to {args.years} years, {len(text):,} bytes")
    workbook = formats.get("appraisal")
    assert workbook.write is not None
    size = len(workbook.write(loads(text), formats.Choices()))
    rows = [
        ("read the file (JSON)", lambda: loads(text)),
        ("read + appraise", lambda: appraise(loads(text))),
        ("read + workbook (appraisal)", lambda: workbook.write(loads(text), formats.Choices())),
    ]
    print(f"{'what':<30} | {'time s':>7} | {'cpu s':>6}")
    for label, task in rows:
        seconds, cpu = _time(task, args.repeat)
        print(f"{label:<30} | {seconds:7.3f} | {cpu:6.3f}")
    print(f"workbook: {size:,} bytes")


if __name__ == "__main__":
    main()
