"""How long a rerun of each page of the app takes with a 1,000-box framework open (AppTest, no browser).

Prints a table: the first run of each page (derived data built), the median of later reruns (what a user
waits for after each click), one edit on Build (adding a box: a new framework, so nothing cached on the old
one helps, and saved in the library as a new version), and Home with 1,000 frameworks in the library. The
library is a temporary SQLite file. The baseline is a rerun of a one-line Streamlit script measured in the
same run, so the figures compare across machines. Target: no page rerun over 0.5 s at 1,000 boxes.

Pasting 100 rows into Build's box grid at 1,000 boxes is timed twice: the engine's batch alone
(``logicmodel.editing.grid.apply_boxes``, beside its own floor: reading and validating the same framework from its file
in the same run) and the whole round trip in the app (the grid's change checked, saved as one version, the page
drawn again). Target: under 0.5 s.

    .venv/bin/python bench/app.py [--boxes 1000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import atexit
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
LIBRARY = Path(tempfile.mkdtemp(prefix="logicmodel-bench-app-"))
atexit.register(shutil.rmtree, LIBRARY, ignore_errors=True)
os.environ["LOGICMODEL_DATABASE_URL"] = f"sqlite:///{LIBRARY / 'library.db'}"  # never the user's own library

from streamlit.proto.WidgetStates_pb2 import WidgetState  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

from logicmodel.core.readwrite import dumps, from_data, loads  # noqa: E402
from logicmodel.core.synthetic import synthetic_data  # noqa: E402
from logicmodel.editing.edit import new_framework  # noqa: E402
from logicmodel.editing.grid import GridChange, apply_boxes  # noqa: E402
from logicmodel.store import Library  # noqa: E402

PAGES = [
    "app_pages/home.py",
    "app_pages/build.py",
    "app_pages/diagram.py",
    "app_pages/check.py",
    "app_pages/export.py",
    "app_pages/history.py",
]
TIMEOUT = 120
LIBRARY_SIZE = 1000
PASTED = 100
"""Rows pasted into the box grid at once."""


def timed(run) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def app(page: str, fw, lib: Library) -> AppTest:
    """The app on ``page`` with ``fw`` open, saved in the library as a user's start would have saved it."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    stored = lib.create(fw, author="Benchmark")
    at.session_state["author_name"] = "Benchmark"
    at.session_state["framework"] = stored.framework
    at.session_state["framework_id"] = stored.id
    at.session_state["framework_version"] = stored.version
    at.query_params["framework"] = stored.id
    if page != PAGES[0]:
        at.switch_page(page)
    return at


def check_run(at: AppTest, what: str) -> None:
    if at.exception:
        raise SystemExit(f"{what} raised: {at.exception[0].value}")


def pasted_rows(fw) -> list[dict[str, str]]:
    """``PASTED`` rows as a lead would paste them from a spreadsheet: label, level by its name, description."""
    levels = [level.label for level in fw.levels]
    return [
        {"Box": f"Pasted box {i}", "Level": levels[i % len(levels)], "Description": "From the lead's spreadsheet"}
        for i in range(PASTED)
    ]


def paste(at: AppTest, rows: list[dict[str, str]]) -> None:
    """Paste ``rows`` into Build's box grid as the browser reports it (AppTest cannot edit a grid itself), and
    run: the grid's change is applied as one batch and the page drawn again."""
    [editor] = [e for e in at.data_editor if e.key.startswith("grid_boxes_")]
    tree, states = at._tree, at._tree.get_widget_states
    value = json.dumps({"edited_rows": {}, "added_rows": rows, "deleted_rows": []})

    def with_the_grid():
        found = states()
        found.widgets.append(WidgetState(id=editor.proto.id, string_value=value))
        return found

    tree.get_widget_states = with_the_grid
    at.run()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--boxes", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    fw = from_data(synthetic_data(args.boxes))
    lib = Library.open()
    rows: list[tuple[str, float, float]] = []

    baseline = AppTest.from_string("import streamlit as st\nst.write('baseline')", default_timeout=TIMEOUT)
    first = timed(baseline.run)
    rows.append(
        ("baseline: one-line script", first, statistics.median(timed(baseline.run) for _ in range(args.repeat)))
    )

    for page in PAGES:
        at = app(page, fw, lib)
        first = timed(at.run)
        check_run(at, page)
        reruns = [timed(at.run) for _ in range(args.repeat)]
        check_run(at, page)
        rows.append((f"{Path(page).stem}: rerun", first, statistics.median(reruns)))

    for section in ("Edit a box", "Links", "Details", "Levels", "Stakeholders"):
        at = app("app_pages/build.py", fw, lib)
        at.run()
        at.radio(key="build_section").set_value(section)
        first = timed(at.run)
        check_run(at, f"Build, {section}")
        rows.append(
            (f"build, {section.lower()}: rerun", first, statistics.median(timed(at.run) for _ in range(args.repeat)))
        )

    at = app("app_pages/build.py", fw, lib)
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

    pasted = pasted_rows(fw)
    text = dumps(fw)
    floor = [timed(lambda: loads(text)) for _ in range(args.repeat)]
    batch = [timed(lambda: apply_boxes(fw, GridChange(added=pasted))) for _ in range(args.repeat)]
    grid_rows = [
        ("grid floor: read + validate the file", floor[0], statistics.median(floor)),
        (f"grid: {PASTED} pasted rows (engine)", batch[0], statistics.median(batch)),
    ]
    pastes = []
    for _ in range(args.repeat):
        at = app("app_pages/build.py", fw, lib)
        at.run()
        pastes.append(timed(lambda at=at: paste(at, pasted)))
        check_run(at, "a paste into the box grid")
        assert len(at.session_state["framework"].nodes) == args.boxes + PASTED, "the paste was not applied"
    grid_rows.append((f"build: paste {PASTED} rows (grid, saved)", pastes[0], statistics.median(pastes)))
    rows += grid_rows

    for i in range(LIBRARY_SIZE):
        lib.create(new_framework(f"Library framework {i}", f"Council {i % 40}"), author="Benchmark")
    at = app(PAGES[0], fw, lib)
    first = timed(at.run)
    check_run(at, "Home with a full library")
    rows.append(
        (
            f"home, {LIBRARY_SIZE:,} in library: rerun",
            first,
            statistics.median(timed(at.run) for _ in range(args.repeat)),
        )
    )
    at.text_input(key="library_search").input("council 7")
    searched = timed(at.run)
    check_run(at, "a search of the library")
    rows.append(("home: search the library", searched, statistics.median(timed(at.run) for _ in range(args.repeat))))
    lib.close()

    base = rows[0][2]
    print(f"App reruns with {args.boxes} boxes and {len(fw.links)} links (AppTest; median of {args.repeat})")
    print(f"{'what':<38} {'first run s':>12} {'rerun s':>9} {'x baseline':>11}  target 0.5 s")
    for what, first, median in rows:
        flag = "" if what.startswith(("baseline", "grid floor")) else ("ok" if median <= 0.5 else "OVER")
        print(f"{what:<38} {first:>12.3f} {median:>9.3f} {median / base:>11.1f}  {flag}")
    floor, engine = (median for what, _, median in rows if what.startswith(("grid floor", "grid:")))
    print(f"The grid's batch of {PASTED} rows takes {engine / floor:.1f}x the floor (reading the same framework).")


if __name__ == "__main__":
    main()
