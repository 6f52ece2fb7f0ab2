"""Library benchmark: saving, many writers at once, and opening the list, on SQLite and PostgreSQL in one run.

For each backend:

- save of a 1,000-box framework (``Library.save``: canonical JSON, optimistic
  lock, new version, in one transaction): median and 95th percentile wall
  time, beside the floor, a bare ``INSERT`` of the same bytes and its commit
  through the same driver and connection settings. Targets: at most 2x the
  floor, and under 50 ms on SQLite.
- 16 writers at once, each a process with its own connections, each saving
  its own 100-box framework for 20 s: saves a second, and every save
  accounted for (each writer's count of finished saves equals the versions
  stored, numbered without gaps, and the last one is the one stored).
- opening the library list with 1,000 frameworks (``Library.list``): median;
  target under 100 ms. Also ``Library.open`` then ``list``, as a fresh app
  process does.

Wall time (the disk and the server are part of a save), on a shared 2-core
machine; PostgreSQL is a throwaway server from Debian's binaries with fsync
on (see ``tests/pg.py``); SQLite is a file with the library's own settings
(WAL, synchronous FULL).

Run: ``.venv/bin/python bench/store.py`` (or ``make bench``).
"""

from __future__ import annotations

import multiprocessing
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))  # tests/pg.py: a throwaway server

from logicmodel.core.readwrite import dumps, from_data
from logicmodel.core.synthetic import synthetic_data
from logicmodel.editing.edit import new_framework, update_meta
from logicmodel.store import Library

SAVES = 100
WRITERS = 16
WRITE_SECONDS = float(os.environ.get("BENCH_WRITE_SECONDS", 20))
LISTED = 1_000


def load_average() -> str:
    try:
        return f"load average {os.getloadavg()[0]:.1f} at start"
    except OSError:
        return "load average unknown"


def wall_ms(run: Callable[[], object], repeats: int) -> list[float]:
    """Wall time of each of ``repeats`` runs, in milliseconds, after one warm-up."""
    run()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1000)
    return times


def p95(times: list[float]) -> float:
    return statistics.quantiles(times, n=20)[-1]


def measure_save(url: str) -> dict[str, float]:
    """Median and 95th percentile of saving a 1,000-box framework, and the bare INSERT floor.

    Saves and floor INSERTs take turns, so that both meet the same load from other work on the machine.
    """
    base = from_data(synthetic_data(1_000))
    drafts = [update_meta(base, description=f"Draft {n}") for n in range(SAVES + 1)]  # edits, made beforehand
    text = dumps(base)
    saves, floor, dumping = [], [], []
    with Library.open(url) as lib:
        saved = lib.create(base, author="Bench")
        raw = lib._engine.raw_connection()  # the same driver, with the library's connection settings
        try:
            marker = "?" if lib._engine.dialect.name == "sqlite" else "%s"
            cursor = raw.cursor()
            cursor.execute("CREATE TABLE bench_floor (document TEXT NOT NULL)")
            raw.commit()
            for n, draft in enumerate(drafts):
                start = time.perf_counter()
                saved = lib.save(saved.id, draft, expected_version=saved.version, author="Bench", summary="Edited")
                middle = time.perf_counter()
                cursor.execute(f"INSERT INTO bench_floor (document) VALUES ({marker})", (text,))
                raw.commit()
                end = time.perf_counter()
                dumps(draft)
                if n:  # the first of each is a warm-up
                    saves.append((middle - start) * 1000)
                    floor.append((end - middle) * 1000)
                    dumping.append((time.perf_counter() - end) * 1000)
        finally:
            raw.close()
    return {
        "kb": len(text.encode()) / 1024,
        "floor": statistics.median(floor),
        "json": statistics.median(dumping),
        "median": statistics.median(saves),
        "p95": p95(saves),
    }


def _writer(url: str, framework_id: str, seconds: float, go: Any, results: Any) -> None:
    """Save one framework over and over for ``seconds`` from the moment ``go`` is set; report the count."""
    with Library.open(url) as lib:
        saved = lib.get(framework_id)
        base = saved.framework
        results.put(("ready", framework_id, 0))
        go.wait()
        start = time.perf_counter()
        finished = 0
        while time.perf_counter() - start < seconds:
            fw = update_meta(base, description=f"Save {finished + 1}")
            saved = lib.save(framework_id, fw, expected_version=saved.version, author="Bench", summary="Edited")
            finished += 1
        results.put(("done", framework_id, finished))


def measure_writers(url: str) -> dict[str, float]:
    """16 processes saving their own frameworks at once for 20 s; every save checked afterwards."""
    base = from_data(synthetic_data(100))
    with Library.open(url) as lib:
        ids = [lib.create(update_meta(base, title=f"Writer {n}"), author="Bench").id for n in range(WRITERS)]
    context = multiprocessing.get_context("spawn")
    results, go = context.Queue(), context.Event()
    writers = [context.Process(target=_writer, args=(url, i, WRITE_SECONDS, go, results)) for i in ids]
    for writer in writers:
        writer.start()
    for _ in writers:  # every writer started and connected before the clock starts
        results.get(timeout=300)
    go.set()
    finished = {framework_id: count for _, framework_id, count in (results.get(timeout=300) for _ in writers)}
    for writer in writers:
        writer.join()
    lost = duplicated = 0
    with Library.open(url) as lib:
        for framework_id in ids:
            numbers = [v.version for v in lib.history(framework_id)]
            stored = len(numbers) - 1  # version 1 was the create
            lost += max(0, finished[framework_id] - stored)
            duplicated += max(0, stored - finished[framework_id]) + len(numbers) - len(set(numbers))
            current = lib.get(framework_id)
            if numbers != list(range(current.version, 0, -1)):
                lost += 1
            if current.framework.meta.description != f"Save {finished[framework_id]}":
                lost += 1
    total = sum(finished.values())
    return {"saves": total, "per_s": total / WRITE_SECONDS, "lost": lost, "duplicated": duplicated}


def measure_list(url: str) -> dict[str, float]:
    """Listing a library of 1,000 frameworks, newest first."""
    organisations = ("Swindon Borough Council", "Leeds City Council", "Wigan Council", None)
    with Library.open(url) as lib:
        for n in range(LISTED):
            lib.create(new_framework(f"Framework {n}", organisations[n % 4]), author="Bench")
        listed = wall_ms(lambda: lib.list(), 20)
        assert len(lib.list()) == LISTED

    def open_and_list() -> None:
        with Library.open(url) as fresh:
            fresh.list()

    return {"list": statistics.median(listed), "open_list": statistics.median(wall_ms(open_and_list, 10))}


def main() -> None:
    from pg import PostgresUnavailable, fresh_database, throwaway_postgres

    os.environ["LOGICMODEL_MAX_VERSIONS"] = "1000000"  # the writers' count check needs every version kept
    print(
        f"Library benchmark: {platform.python_implementation()} {platform.python_version()}, "
        f"{os.cpu_count()} cores, {platform.machine()}, wall time; "
        f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {load_average()}"
    )
    rows = []
    with tempfile.TemporaryDirectory(prefix="logicmodel-bench-") as folder:
        counter = iter(range(1_000))
        rows.append(run_backend("SQLite", lambda: f"sqlite:///{Path(folder) / f'library-{next(counter)}.db'}"))
        try:
            with throwaway_postgres(durable=True) as server:
                rows.append(run_backend("PostgreSQL", lambda: fresh_database(server)))
        except PostgresUnavailable as exc:
            print(f"PostgreSQL skipped: {exc}")
    print_tables(rows)


def run_backend(name: str, new_url: Callable[[], str]) -> dict[str, object]:
    print(f"  {name}: saving...", file=sys.stderr)
    save = measure_save(new_url())
    print(f"  {name}: {WRITERS} writers for {WRITE_SECONDS:.0f} s...", file=sys.stderr)
    writers = measure_writers(new_url())
    print(f"  {name}: listing...", file=sys.stderr)
    listing = measure_list(new_url())
    return {"name": name, **save, **writers, **listing}


def print_tables(rows: list[dict[str, object]]) -> None:
    header = (
        f"{'database':<11} {'doc KB':>7} {'floor ms':>9} {'save median':>12} {'save p95':>9} {'x floor':>8} "
        f"{'of which JSON ms':>17}  target"
    )
    print(f"\nSave of a 1,000-box framework ({SAVES} saves; floor: bare INSERT of the same bytes, same driver)")
    print(header)
    print("-" * len(header))
    for row in rows:
        ratio = row["median"] / row["floor"]
        verdicts = ["<= 2x floor " + ("met" if ratio <= 2 else "MISSED")]
        if row["name"] == "SQLite":
            verdicts.append("< 50 ms " + ("met" if row["median"] < 50 else "MISSED"))
        verdict = ", ".join(verdicts)
        print(
            f"{row['name']:<11} {row['kb']:>7,.0f} {row['floor']:>9.2f} {row['median']:>12.2f} {row['p95']:>9.2f} "
            f"{ratio:>8.2f} {row['json']:>17.2f}  {verdict}"
        )
    header = (
        f"{'database':<11} {'writers':>8} {'seconds':>8} {'saves':>7} {'saves/s':>8} {'lost':>5} {'duplicated':>11}"
    )
    print(f"\n{WRITERS} writers at once, each its own 100-box framework and its own process")
    print(header)
    print("-" * len(header))
    for row in rows:
        print(
            f"{row['name']:<11} {WRITERS:>8} {WRITE_SECONDS:>8.0f} {row['saves']:>7,} {row['per_s']:>8.1f} "
            f"{row['lost']:>5} {row['duplicated']:>11}"
        )
    header = f"{'database':<11} {'frameworks':>11} {'list ms':>8} {'open+list ms':>13}  target"
    print(f"\nOpening the library list ({LISTED:,} frameworks, newest first; median)")
    print(header)
    print("-" * len(header))
    for row in rows:
        verdict = "met" if row["list"] < 100 else "MISSED (< 100 ms)"
        print(f"{row['name']:<11} {LISTED:>11,} {row['list']:>8.1f} {row['open_list']:>13.1f}  {verdict}")


if __name__ == "__main__":
    main()
