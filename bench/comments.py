"""Comments benchmark: what an open tab's reads of the conversation cost, on a framework with many comments.

One framework of 300 boxes and 300 links holding 2,000 threads (on the framework, its boxes and its links,
a third of them resolved) with 3 replies each: 8,000 comments, near ``MAX_COMMENTS`` (10,000, the most a
framework may hold); then, as a tab would ask on every refresh:

- ``comment_counts`` (the counts on the diagram's boxes): median and 95th percentile wall time, and the
  SQL statements it sends (target: under 50 ms, 2 statements);
- ``threads`` (open only; the list of open threads with their replies): median (target under 300 ms);
- ``new_since`` a minute ago (what is new since you last looked, nothing new): median (target under 20 ms);
- ``comment`` on a box (reads the current version to check the box is there): median.

Wall time on a shared 2-core machine; SQLite is a file with the library's own settings. ``--postgresql``
also runs it on a throwaway PostgreSQL server (``tests/pg.py``).

Run: ``.venv/bin/python bench/comments.py [--postgresql]``.
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))  # tests/pg.py: a throwaway server

from sqlalchemy import event, insert

from logicmodel.core.readwrite import loads
from logicmodel.core.synthetic import synthetic_data
from logicmodel.store import Library
from logicmodel.store.tables import comments

THREADS = 2_000
REPLIES = 3
RUNS = 30


def _timed(call: Callable[[], Any], runs: int = RUNS) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[int(0.95 * (len(times) - 1))]


@contextmanager
def _statements(lib: Library) -> Iterator[list[str]]:
    sent: list[str] = []

    def count(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        sent.append(statement)

    event.listen(lib._engine, "before_cursor_execute", count)
    try:
        yield sent
    finally:
        event.remove(lib._engine, "before_cursor_execute", count)


def _fill(lib: Library) -> str:
    fw = loads(json.dumps(synthetic_data(300)))
    framework_id = lib.create(fw, author="Ann").id
    boxes = [node.id for node in fw.nodes]
    links = fw.link_pairs
    now = datetime.now(UTC) - timedelta(hours=1)
    rows = []
    for n in range(THREADS):
        kind = n % 3
        rows.append(
            {
                "framework_id": framework_id,
                "thread_id": None,
                "box_id": boxes[n % len(boxes)] if kind == 1 else None,
                "link_from": links[n % len(links)][0] if kind == 2 and links else None,
                "link_to": links[n % len(links)][1] if kind == 2 and links else None,
                "author": "Cat",
                "author_email": "cat@example.org",
                "body": f"Question {n}: what is the evidence for this? " * 3,
                "created_at": now,
                "resolved_at": now if n % 3 == 0 else None,
                "resolved_by": "Ann" if n % 3 == 0 else None,
            }
        )
    with lib._engine.begin() as conn:
        firsts = [conn.execute(insert(comments).values(**row).returning(comments.c.id)).scalar_one() for row in rows]
        conn.execute(
            insert(comments),
            [
                {**rows[i], "thread_id": first, "resolved_at": None, "resolved_by": None, "body": f"Answer {r}"}
                for i, first in enumerate(firsts)
                for r in range(REPLIES)
            ],
        )
    return framework_id


def run(url: str, name: str) -> list[str]:
    lines = [f"{name}: {THREADS} threads x {1 + REPLIES} comments on a 300-box framework"]
    with Library.open(url) as lib:
        framework_id = _fill(lib)
        box = next(iter(lib.comment_counts(framework_id).boxes))
        with _statements(lib) as sent:
            lib.comment_counts(framework_id)
        median, p95 = _timed(lambda: lib.comment_counts(framework_id))
        lines.append(f"  comment_counts: median {median:.1f} ms, p95 {p95:.1f} ms, {len(sent)} statements")
        with _statements(lib) as sent:
            open_threads = lib.threads(framework_id)
        median, p95 = _timed(lambda: lib.threads(framework_id), runs=10)
        lines.append(
            f"  threads (open: {len(open_threads)}): median {median:.1f} ms, p95 {p95:.1f} ms, {len(sent)} statements"
        )
        a_minute_ago = datetime.now(UTC) - timedelta(minutes=1)
        median, p95 = _timed(lambda: lib.new_since(framework_id, a_minute_ago))
        lines.append(f"  new_since (nothing new): median {median:.1f} ms, p95 {p95:.1f} ms")
        median, p95 = _timed(lambda: lib.comment(framework_id, "One more", box=box, author="Ann"), runs=5)
        lines.append(f"  comment on a box: median {median:.1f} ms, p95 {p95:.1f} ms")
    return lines


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        print("\n".join(run(f"sqlite:///{folder}/library.db", "SQLite")))
    if "--postgresql" in sys.argv:
        from pg import fresh_database, throwaway_postgres

        with throwaway_postgres() as server:
            print("\n".join(run(fresh_database(server), "PostgreSQL")))


if __name__ == "__main__":
    main()
