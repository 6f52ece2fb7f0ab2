"""Progress page benchmark: a framework of 200 indicators with 20 measurements each (and 20 activities with a
year of quarterly delivery), the page's work timed beside a floor measured in the same run.

Timed: every status judged (``indicator_progress``), the counts by level and by commissioner
(``status_counts``), delivery against plan, the 200 chart specs (``chart_spec``, plain Vega-Lite), all of these
together (the page's work), and the page itself in AppTest (first run and a rerun: it draws a page of about a
dozen charts at a time, ``CHARTS_PER_PAGE``). Beside them, for the record, 10 charts made through Altair with
its schema checks (as ``indicator_chart`` was first written), scaled to 200: why the page builds plain specs.
The floor is reading and validating the same framework from its file (``loads``); the AppTest rows compare with
a one-line Streamlit script run the same way. Each figure is the best of ``--repeat`` runs, each on a framework
freshly read (nothing cached on it). Target: the page's work and its AppTest rerun under 1 s.

    .venv/bin/python bench/progress_page.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import atexit
import os
import platform
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
LIBRARY = Path(tempfile.mkdtemp(prefix="logicmodel-bench-progress-"))
atexit.register(shutil.rmtree, LIBRARY, ignore_errors=True)
os.environ["LOGICMODEL_DATABASE_URL"] = f"sqlite:///{LIBRARY / 'library.db'}"  # never the user's own library

from streamlit.testing.v1 import AppTest  # noqa: E402

from logicmodel.analysis.progress import delivery_against_plan, indicator_progress, status_counts  # noqa: E402
from logicmodel.core.models import Framework  # noqa: E402
from logicmodel.core.readwrite import dumps, from_data, loads  # noqa: E402
from logicmodel.drawing.progress_chart import chart_spec  # noqa: E402
from logicmodel.store import Library  # noqa: E402

BOXES = 20
INDICATORS_PER_BOX = 10
MEASUREMENTS = 20
COMMISSIONERS = 4
TARGET_S = 1.0
TIMEOUT = 120


def framework_data() -> dict[str, Any]:
    """20 outcomes of 10 indicators, each with a baseline, a target and 20 yearly measurements with their 95%
    confidence intervals (every figure made up); 4 commissioners sharing the outcomes; 20 activities each with
    a planned reach and cost and four quarters of delivery."""
    stakeholders = [{"id": f"c{i}", "name": f"Commissioner {i}", "role": "commissioner"} for i in range(COMMISSIONERS)]
    nodes: list[dict[str, Any]] = []
    links = []
    for b in range(BOXES):
        indicators = []
        for i in range(INDICATORS_PER_BOX):
            start = 20 + (b * 7 + i) % 30
            measured = [
                {
                    "period": f"{2000 + y}/{(y + 1) % 100:02d}",
                    "period_end": f"{2001 + y}-03-31",
                    "value": round(start + (y - 10) * 0.2 * (1 if i % 2 else -1), 2),
                    "lower_ci": round(start + (y - 10) * 0.2 * (1 if i % 2 else -1) - 1.5, 2),
                    "upper_ci": round(start + (y - 10) * 0.2 * (1 if i % 2 else -1) + 1.5, 2),
                    "note": "synthetic",
                }
                for y in range(MEASUREMENTS)
            ]
            indicators.append(
                {
                    "name": f"Indicator {b}.{i} of outcome {b}",
                    "unit": "%",
                    "baseline": start,
                    "target": start - 3 if i % 3 else "reduce",
                    "measurements": measured,
                }
            )
        nodes.append(
            {
                "id": f"o{b}",
                "level": "strategic",
                "label": f"Outcome {b}",
                "stakeholders": [f"c{b % COMMISSIONERS}"],
                "indicators": indicators,
            }
        )
        nodes.append(
            {
                "id": f"a{b}",
                "level": "activity",
                "label": f"Activity {b}",
                "reach": 400,
                "cost": {"amount": 12000, "period": "a year"},
                "delivery": [
                    {"period": f"Q{q} 2024/25", "period_end": end, "participants": 90 + q, "spent": 2900 + q}
                    for q, end in enumerate(("2024-06-30", "2024-09-30", "2024-12-31", "2025-03-31"), start=1)
                ],
            }
        )
        links.append({"source": f"a{b}", "target": f"o{b}"})
    return {
        "schema_version": 1,
        "meta": {"title": "Progress benchmark (synthetic)", "area_code": "E06000030"},
        "stakeholders": stakeholders,
        "nodes": nodes,
        "links": links,
    }


def best(run: Callable[[], object], repeat: int, fresh: Callable[[], object] | None = None) -> float:
    """The best of ``repeat`` wall-clock seconds of ``run`` (given a fresh argument each time when ``fresh``)."""
    times = []
    for _ in range(repeat):
        argument = fresh() if fresh else None
        start = time.perf_counter()
        run(argument) if fresh else run()  # type: ignore[call-arg]
        times.append(time.perf_counter() - start)
    return min(times)


def page_work(fw: Framework) -> int:
    """What the page computes: every status, both counts, delivery, and a chart spec per indicator."""
    judged = indicator_progress(fw)
    status_counts(fw, by="level")
    status_counts(fw, by="commissioner")
    delivery_against_plan(fw)
    return len([chart_spec(j.indicator, j.box) for j in judged])


def app(fw: Framework, lib: Library, page: str = "app_pages/progress.py") -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    stored = lib.create(fw, author="Benchmark")
    at.session_state["author_name"] = "Benchmark"
    at.session_state["framework"] = stored.framework
    at.session_state["framework_id"] = stored.id
    at.session_state["framework_version"] = stored.version
    at.query_params["framework"] = stored.id
    at.switch_page(page)
    return at


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    repeat = args.repeat

    text = dumps(from_data(framework_data()))
    fresh = lambda: loads(text)  # noqa: E731 - a framework with nothing cached on it
    fw = fresh()
    indicators = sum(len(n.indicators) for n in fw.nodes)
    measurements = sum(len(i.measurements) for n in fw.nodes for i in n.indicators)
    assert page_work(fw) == indicators == 200

    floor = best(lambda: loads(text), repeat)
    rows: list[tuple[str, float, float]] = [("floor: read + validate the framework file", floor, floor)]
    rows.append(("every status judged (200)", best(lambda f: indicator_progress(f), repeat, fresh), floor))
    rows.append(
        (
            "counts by level and by commissioner (statuses included)",
            best(lambda f: (status_counts(f, by="level"), status_counts(f, by="commissioner")), repeat, fresh),
            floor,
        )
    )
    rows.append(
        ("delivery against plan (20 activities)", best(lambda f: delivery_against_plan(f), repeat, fresh), floor)
    )
    judged = indicator_progress(fw)
    rows.append(
        ("200 chart specs (chart_spec)", best(lambda: [chart_spec(j.indicator, j.box) for j in judged], repeat), floor)
    )
    whole = best(lambda f: page_work(f), repeat, fresh)
    rows.append(("the page's work: all of the above", whole, floor))

    import altair as alt

    def through_altair() -> None:  # as indicator_chart was first written: Altair objects, checked, then a dict
        for j in judged[:5]:
            alt.LayerChart.from_dict(chart_spec(j.indicator, j.box), validate=True).to_dict(validate=True)

    altair_200 = best(through_altair, 1) * 40
    rows.append(("for the record: 200 charts through Altair, checked (5 x 40)", altair_200, floor))

    baseline = AppTest.from_string("import streamlit as st\nst.write('baseline')", default_timeout=TIMEOUT)
    start = time.perf_counter()
    baseline.run()
    one_line_first = time.perf_counter() - start
    one_line = best(baseline.run, repeat)
    app_rows = [
        ("AppTest floor: a one-line script, first run", one_line_first, one_line_first),
        ("AppTest floor: a one-line script, rerun", one_line, one_line),
    ]
    lib = Library.open()
    check = app(fw, lib, "app_pages/check.py")  # another page, for comparison: the app's own first run
    start = time.perf_counter()
    check.run()
    app_rows.append(("for comparison: Check page, first run, app started", time.perf_counter() - start, one_line_first))
    at = app(fw, lib)
    start = time.perf_counter()
    at.run()
    first = time.perf_counter() - start
    if at.exception:
        raise SystemExit(f"the Progress page raised: {at.exception[0].value}")
    drawn = len(at.get("vega_lite_chart"))
    app_rows.append((f"Progress page, first run, app started ({drawn} charts drawn)", first, one_line_first))
    app_rows.append(("Progress page, rerun", best(at.run, repeat), one_line))
    at.selectbox(key="progress_page").set_value(len(at.selectbox(key="progress_page").options) - 1)
    app_rows.append(("Progress page, the last page of charts", best(at.run, 1), one_line))
    lib.close()

    load = os.getloadavg()[0]
    print(
        f"Progress page benchmark, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC; Python {platform.python_version()} on "
        f"{platform.machine()}, {os.cpu_count()} cores, load average {load:.1f}"
    )
    print(f"{indicators} indicators, {measurements:,} measurements, {len(fw.nodes)} boxes; best of {repeat}")
    print()
    print(f"| {'step':<62} | {'time':>9} | {'x floor':>7} |")
    print(f"|{'-' * 64}|{'-' * 11}|{'-' * 9}|")
    for name, seconds, against in rows + app_rows:
        print(f"| {name:<62} | {seconds * 1000:>6.0f} ms | {seconds / against:>7.1f} |")
    print()
    rerun = app_rows[4][1]
    for what, seconds in (("the page's work", whole), ("the page's AppTest rerun", rerun)):
        print(f"{'met   ' if seconds < TARGET_S else 'MISSED'} {what}: {seconds:.2f} s (target < {TARGET_S:g} s)")


if __name__ == "__main__":
    main()
