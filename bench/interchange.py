"""Interchange benchmark: export and import of a 1,000-box framework in each format of the registry.

Prints, for every format that both writes and reads, the best time to write the framework (``Format.write``)
and to read it back through the one loader (``formats.read``), beside the floor measured in the same run:
``json.loads`` of the same framework's JSON. Target: no format over 1 s either way.

Run: ``.venv/bin/python bench/interchange.py``.
"""

from __future__ import annotations

import json
import platform
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from logicmodel import formats
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


def main() -> int:
    fw = from_data(synthetic_data(BOXES))
    text = dumps(fw)
    floor = best_ms(lambda: json.loads(text))
    print(f"Interchange: a framework of {len(fw.nodes):,} boxes and {len(fw.links):,} links")
    print(f"Python {platform.python_version()}, best of {REPEATS} runs, processor time")
    print(f"floor: json.loads of its JSON ({len(text):,} bytes): {floor:.1f} ms\n")
    print(f"{'format':<9} {'file bytes':>11} {'export ms':>10} {'x floor':>8} {'import ms':>10} {'x floor':>8}  ok")
    worst = 0.0
    for fmt in formats.formats():
        if fmt.write is None or fmt.read is None:
            continue
        data = fmt.write(fw, formats.Choices())
        export = best_ms(lambda fmt=fmt: fmt.write(fw.model_copy(), formats.Choices()))  # a copy: nothing cached
        imported = best_ms(lambda fmt=fmt, data=data: formats.read(fmt, data))
        worst = max(worst, export, imported)
        ok = "yes" if max(export, imported) < TARGET_MS else "NO"
        print(
            f"{fmt.name:<9} {len(data):>11,} {export:>10.1f} {export / floor:>8.0f} "
            f"{imported:>10.1f} {imported / floor:>8.0f}  {ok}"
        )
    print(f"\nworst: {worst:.0f} ms (target: under {TARGET_MS} ms)")
    return 0 if worst < TARGET_MS else 1


if __name__ == "__main__":
    raise SystemExit(main())
