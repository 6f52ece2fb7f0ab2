"""How long the progress report takes to write, by the number of indicators measured: each one's chart is drawn
by vl-convert (and, for Word, made a picture by CairoSVG), so the time grows with the indicators, not the boxes.

    .venv/bin/python bench/progress_report.py [--indicators 10 50 200] [--repeat 1]

Beside it, the same framework's full report (HTML) as a floor. Every figure is made up (``Illustrative``).
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from logicmodel import formats  # noqa: E402
from logicmodel.core.readwrite import from_data  # noqa: E402


def framework_data(indicators: int, periods: int = 10) -> dict:
    """One strategic outcome per indicator, each with ``periods`` illustrative yearly measurements, and an
    activity leading to it with a year of delivery."""
    nodes, links = [], []
    for k in range(indicators):
        measured = [
            {"period": f"{2010 + p}/{(11 + p) % 100:02d}", "period_end": f"{2011 + p}-03-31",
             "value": 30 - p * 0.3 + (k % 3), "lower_ci": 28 - p * 0.3, "upper_ci": 32 - p * 0.3 + (k % 3),
             "source": "Illustrative"}
            for p in range(periods)
        ]  # fmt: skip
        nodes.append({"id": f"act-{k}", "level": "activity", "label": f"Activity {k}", "reach": 100,
                      "cost": {"amount": 1000, "period": "a year"},
                      "delivery": [{"period": "2024/25", "period_end": "2025-03-31", "participants": 90,
                                    "spent": 950, "note": "Illustrative"}]})  # fmt: skip
        nodes.append({"id": f"out-{k}", "level": "strategic", "label": f"Outcome {k}", "stakeholders": ["ph"],
                      "indicators": [{"name": f"Indicator {k}", "baseline": 30, "target": 25, "unit": "%",
                                      "measurements": measured}]})  # fmt: skip
        links.append({"source": f"act-{k}", "target": f"out-{k}", "assumptions": ["People come."]})
    return {
        "schema_version": 1,
        "meta": {"title": "Progress bench"},
        "stakeholders": [{"id": "ph", "name": "Public Health", "role": "commissioner"}],
        "nodes": nodes,
        "links": links,
    }


def _time(data: dict, name: str, repeat: int) -> tuple[float, float]:
    fmt = formats.get(name)
    assert fmt.write is not None
    times, cpu = [], []
    for _ in range(repeat):
        fw = from_data(data)
        start, start_cpu = time.perf_counter(), time.process_time()
        fmt.write(fw, formats.Choices(commissioner="ph"))
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return statistics.median(times), statistics.median(cpu)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--indicators", type=int, nargs="+", default=[10, 50])
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"Python {platform.python_version()} ({os.cpu_count()} cores, load {load}), median of {args.repeat}")
    formats.get("progress").write(from_data(framework_data(1)), formats.Choices())  # vl-convert's first start
    print(f"{'indicators':>10} | {'what':<22} | {'time s':>7} | {'cpu s':>6} | {'s an indicator':>14}")
    for n in args.indicators:
        data = framework_data(n)
        for label, name in (("brief (HTML), floor", "report"), ("progress (HTML)", "progress"),
                            ("progress (Word)", "progress-docx")):  # fmt: skip
            seconds, cpu = _time(data, name, args.repeat)
            print(f"{n:>10} | {label:<22} | {seconds:>7.2f} | {cpu:>6.2f} | {seconds / n:>14.3f}")


if __name__ == "__main__":
    main()
