"""What the worker process costs, and what the heavy reports cost inside it.

First, the worker's overhead per call (``logicmodel.jobs.worker.run``: fork a child from the forkserver, send the
arguments, set its limits, send the answer back) beside a floor, the same function called in this process:
a tiny function, reading a 1,000-box framework file (as Home's import does, ``logicmodel.jobs.tasks.read_upload``),
and comparing two 1,000-box frameworks (as Compare does). Then the reports of 1,000 and 20,000 boxes (the
largest framework allowed) made in the worker, as Export and Commissioners make them: wall-clock seconds, the
child's processor seconds, its peak resident memory above what it started with (measured by the task itself),
and whether each fits the report budget (``REPORT_SECONDS``, ``REPORT_MB``). Times are medians of ``--repeat``
runs (one run at 20,000 boxes); on a busy machine the wall clock is the processor time stretched by the load.
"Child work" is the processor time the function itself took there, starting with nothing cached.

    .venv/bin/python bench/worker.py [--sizes 1000 20000] [--repeat 3]
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
sys.path.insert(0, str(ROOT / "bench"))

from measured import measured_call, measured_write  # noqa: E402  (bench/measured.py: a task the worker can import)
from report import framework_data  # noqa: E402  (bench/report.py: the framework with what a report reads)

from logicmodel import formats  # noqa: E402
from logicmodel.core import limits  # noqa: E402
from logicmodel.core.readwrite import dumps, from_data  # noqa: E402
from logicmodel.core.synthetic import synthetic_data  # noqa: E402
from logicmodel.jobs.tasks import compare_with, read_upload  # noqa: E402
from logicmodel.jobs.worker import run  # noqa: E402


def _median(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _in_worker(task, *args) -> object:
    return run(task, *args, seconds=limits.UPLOAD_SECONDS * 10, megabytes=limits.UPLOAD_MB)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 20000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(
        f"Python {platform.python_version()} on {platform.machine()} ({os.cpu_count()} cores, load {load}), "
        f"median of {args.repeat}, wall clock"
    )
    run(pow, 2, 2, seconds=60, megabytes=100)  # the forkserver starts once, at the first call: not counted

    fw = from_data(synthetic_data(1000, seed=1))
    other = from_data(synthetic_data(1000, seed=2))
    data = dumps(fw).encode()
    cases = [
        ("tiny function (pow)", pow, (2, 10)),
        ("import 1,000-box JSON", read_upload, ("big.json", data)),
        ("compare 1,000 x 1,000", compare_with, (fw, other)),
    ]
    header = (
        f"{'work':<24} | {'in process ms':>13} | {'in worker ms':>12} | {'overhead ms':>11} | {'child work ms':>13}"
    )
    print("\nThe worker's overhead per call")
    print(header)
    print("-" * len(header))
    for label, task, task_args in cases:
        floor = _median(lambda task=task, task_args=task_args: task(*task_args), args.repeat)
        worker = _median(lambda task=task, task_args=task_args: _in_worker(task, *task_args), args.repeat)
        child = statistics.median(_in_worker(measured_call, task, *task_args) for _ in range(args.repeat))
        print(
            f"{label:<24} | {floor * 1000:>13.1f} | {worker * 1000:>12.1f} | {(worker - floor) * 1000:>11.1f} "
            f"| {child * 1000:>13.1f}"
        )

    print(f"\nReports in the worker (limits: {limits.REPORT_SECONDS} s, {limits.REPORT_MB:,} MB)")
    header = (
        f"{'boxes':>6} | {'report':<14} | {'time s':>7} | {'child cpu s':>11} | {'child MB':>8} | {'size KB':>8} "
        "| within limits"
    )
    print(header)
    print("-" * len(header))
    reports = [
        ("report (HTML)", "report", formats.Choices()),
        ("report (Word)", "docx", formats.Choices()),
        ("brief (Word)", "docx", formats.Choices(commissioner="adult-social-care")),
    ]
    for n in args.sizes:
        big = from_data(framework_data(n))
        for label, name, choices in reports:
            results = []
            for _ in range(args.repeat if n <= 1000 else 1):
                start = time.perf_counter()
                size, cpu, megabytes = run(  # time to finish on a busy machine: the table says if it fits
                    measured_write,
                    name,
                    big,
                    choices,
                    seconds=limits.REPORT_SECONDS * 20,
                    megabytes=limits.REPORT_MB,
                    subject="The report",
                    verb="make",
                )
                results.append((time.perf_counter() - start, cpu, megabytes, size))
            wall, cpu, megabytes, size = sorted(results)[len(results) // 2]
            fits = "yes" if wall < limits.REPORT_SECONDS and megabytes < limits.REPORT_MB else "NO"
            print(
                f"{n:>6} | {label:<14} | {wall:>7.2f} | {cpu:>11.2f} | {megabytes:>8.0f} | {size / 1024:>8.0f} | {fits}"
            )


if __name__ == "__main__":
    main()
