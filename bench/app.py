"""How long a rerun of each page of the app takes with a 1,000-box framework open (AppTest, no browser).

Prints a table: the first run of each page (derived data built), the median of later reruns (what a user
waits for after each click), and one edit on Build (adding a box: a new framework, so nothing cached on
the old one helps). The baseline is a rerun of a one-line Streamlit script measured in the same run, so the
figures compare across machines. Target: no page rerun over 0.5 s at 1,000 boxes.

    .venv/bin/python bench/app.py [--boxes 1000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from streamlit.testing.v1 import AppTest  # noqa: E402

from logicmodel.readwrite import from_data  # noqa: E402
from logicmodel.synthetic import synthetic_data  # noqa: E402

PAGES = ["app_pages/home.py", "app_pages/build.py", "app_pages/diagram.py", "app_pages/check.py", "app_pages/export.py"]
TIMEOUT = 120


def timed(run) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def app(page: str, fw) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    at.session_state["framework"] = fw
    if page != PAGES[0]:
        at.switch_page(page)
    return at


def check_run(at: AppTest, what: str) -> None:
    if at.exception:
        raise SystemExit(f"{what} raised: {at.exception[0].value}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--boxes", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    fw = from_data(synthetic_data(args.boxes))
    rows: list[tuple[str, float, float]] = []

    baseline = AppTest.from_string("import streamlit as st\nst.write('baseline')", default_timeout=TIMEOUT)
    first = timed(baseline.run)
    rows.append(
        ("baseline: one-line script", first, statistics.median(timed(baseline.run) for _ in range(args.repeat)))
    )

    for page in PAGES:
        at = app(page, fw)
        first = timed(at.run)
        check_run(at, page)
        reruns = [timed(at.run) for _ in range(args.repeat)]
        check_run(at, page)
        rows.append((f"{Path(page).stem}: rerun", first, statistics.median(reruns)))

    for section in ("Edit a box", "Links", "Details", "Levels", "Stakeholders"):
        at = app("app_pages/build.py", fw)
        at.run()
        at.radio(key="build_section").set_value(section)
        first = timed(at.run)
        check_run(at, f"Build, {section}")
        rows.append(
            (f"build, {section.lower()}: rerun", first, statistics.median(timed(at.run) for _ in range(args.repeat)))
        )

    at = app("app_pages/build.py", fw)
    at.run()
    edits = []
    for i in range(args.repeat):
        at.text_input(key="add_box_label").input(f"Benchmark box {i}")
        button = next(b for b in at.button if b.label == "Add the box")
        edits.append(timed(button.click().run))
        check_run(at, "an edit on Build")
    assert len(at.session_state["framework"].nodes) == args.boxes + args.repeat, "the edits were not applied"
    rows.append(("build: add a box (edit)", edits[0], statistics.median(edits)))

    at.radio(key="build_section").set_value("Edit a box").run()
    saves = []
    for i in range(args.repeat):
        label = next(w for w in at.text_input if w.key and w.key.startswith("box_label_"))
        label.input(f"Renamed box {i}")
        button = next(b for b in at.button if b.label == "Save the box")
        saves.append(timed(button.click().run))
        check_run(at, "saving a box on Build")
    edited = at.session_state["framework"].node_by_id[at.selectbox(key="build_node").value]
    assert edited.label == f"Renamed box {args.repeat - 1}", "the saves were not applied"
    rows.append(("build: save a box (edit)", saves[0], statistics.median(saves)))

    base = rows[0][2]
    print(f"App reruns with {args.boxes} boxes and {len(fw.links)} links (AppTest; median of {args.repeat})")
    print(f"{'what':<30} {'first run s':>12} {'rerun s':>9} {'x baseline':>11}  target 0.5 s")
    for what, first, median in rows:
        flag = "" if what.startswith("baseline") else ("ok" if median <= 0.5 else "OVER")
        print(f"{what:<30} {first:>12.3f} {median:>9.3f} {median / base:>11.1f}  {flag}")


if __name__ == "__main__":
    main()
