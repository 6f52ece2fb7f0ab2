"""How fast the reports are made: the printable report, the Word document and a commissioner's brief (HTML
and Word) of a 1,000-box framework, beside the time to make the SVG poster of the same framework in the
same run (the floor: the poster is drawn inside the report, so no report can be faster).

The framework is the generated one (``logicmodel.core.synthetic``) with what a report reads added: four
commissioners each owning a share of the outcomes, costs on the activities in several periods (a year, a
month, one-off), reach, link strengths and a few estimated benefits. Each time is the median over
``--repeat`` runs, wall clock (the target) and CPU (this process's own work: on a shared machine it shows what
the wall clock lost to other processes), each on a fresh framework object so that nothing cached on it helps.
Target: each report under 2 s at 1,000 boxes.

    .venv/bin/python bench/report.py [--sizes 1000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from logicmodel import formats  # noqa: E402
from logicmodel.core.readwrite import from_data  # noqa: E402
from logicmodel.core.synthetic import synthetic_data  # noqa: E402

TARGET_S = 2.0
COMMISSIONERS = ("public-health", "adult-social-care", "childrens-services", "icb")
PERIODS = ("a year", "a month", "one-off", "a year (illustrative)")


def framework_data(n: int, seed: int = 0) -> dict:
    """The generated framework with commissioners, costs, reach, strengths and benefits added."""
    rng = random.Random(seed)
    data = synthetic_data(n, seed=seed)
    data["stakeholders"] = [
        {"id": c, "name": c.replace("-", " ").title(), "role": "commissioner"} for c in COMMISSIONERS
    ]
    for node in data["nodes"]:
        if node["level"] == "activity":
            node["reach"] = rng.randrange(20, 800)
            if rng.random() < 0.8:
                node["cost"] = {"amount": rng.randrange(1, 60) * 1000, "period": rng.choice(PERIODS)}
        elif node["level"] in ("intermediate", "strategic"):
            node["stakeholders"] = rng.sample(COMMISSIONERS, rng.choice((1, 1, 2)))
            if node["level"] == "strategic" and rng.random() < 0.2:
                node["benefit"] = {"amount": rng.randrange(5, 90) * 1000, "period": "a year", "basis": "illustrative"}
    for link in data["links"]:
        link["strength"] = rng.choice(("strong", "moderate", "weak", "unknown"))
    return data


def _time(data: dict, name: str, choices: formats.Choices, repeat: int) -> tuple[float, float, int]:
    """Median wall-clock and CPU seconds, and the size written."""
    fmt = formats.get(name)
    assert fmt.write is not None
    times, cpu, size = [], [], 0
    for _ in range(repeat):
        fw = from_data(data)  # fresh: no cached graph, layout or summary
        start, start_cpu = time.perf_counter(), time.process_time()
        size = len(fmt.write(fw, choices))
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return statistics.median(times), statistics.median(cpu), size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(
        f"Python {platform.python_version()} on {platform.machine()} ({os.cpu_count()} cores, load {load}), "
        f"median of {args.repeat}, wall clock and CPU"
    )
    cases = [
        ("SVG poster (floor)", "svg", formats.Choices()),
        ("report (HTML)", "report", formats.Choices()),
        ("report (Word)", "docx", formats.Choices()),
        ("brief (HTML)", "report", formats.Choices(commissioner="adult-social-care")),
        ("brief (Word)", "docx", formats.Choices(commissioner="adult-social-care")),
    ]
    header = (
        f"{'boxes':>6} | {'what':<20} | {'time s':>7} | {'cpu s':>6} | {'x poster':>8} | {'size KB':>8} "
        f"| under {TARGET_S:g} s"
    )
    print(header)
    print("-" * len(header))
    for n in args.sizes:
        data = framework_data(n)
        floor = None
        for label, name, choices in cases:
            seconds, cpu, size = _time(data, name, choices, args.repeat)
            floor = floor or seconds
            ok = "floor" if name == "svg" else ("yes" if seconds < TARGET_S else "NO")
            print(
                f"{n:>6} | {label:<20} | {seconds:>7.2f} | {cpu:>6.2f} | {seconds / floor:>8.1f} | {size / 1024:>8.0f} "
                f"| {ok}"
            )


if __name__ == "__main__":
    main()
