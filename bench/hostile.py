"""Hostile-files benchmark: every reader of the registry on its generated worst cases
(``logicmodel.testing.worst_cases``).

Prints, for each case, how reading it ended, its processor time and the most memory it added, beside a floor
measured the same way in the same run: ``json.loads`` of a JSON file of the same size. Each case (and each
floor) is read in a child forked from this process, held to the import budget's limits (four times
``limits.IMPORT_SECONDS`` of processor time, twice ``limits.IMPORT_MB``). Target: every case ends in a framework
or a one-line error, within ``IMPORT_SECONDS`` and ``IMPORT_MB``.

Run: ``.venv/bin/python bench/hostile.py [FORMAT ...]``.
"""

from __future__ import annotations

import json
import platform
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from logicmodel import formats
from logicmodel.core.limits import IMPORT_MB, IMPORT_SECONDS
from logicmodel.testing import worst_cases


def same_size_json(size: int) -> bytes:
    """A JSON file of ``size`` bytes (a list of short texts): the floor's input."""
    item = b'"' + b"x" * 48 + b'",'
    count = max(1, (size - 2) // len(item))
    data = b"[" + item * count
    return data[:-1] + b" " * (size - len(data)) + b"]"


def main(names: list[str]) -> int:
    names = names or [f.name for f in formats.readers()]
    print(f"Hostile files: the generated worst cases of {len(names)} readers, each read in a forked process")
    print(f"Python {platform.python_version()}; budget {IMPORT_SECONDS} s and {IMPORT_MB} MB a file; processor time")
    print("floor: json.loads of a JSON file of the same size, measured the same way\n")
    print(
        f"{'format':<10} {'case':<38} {'bytes':>11} {'ended':<9} {'ms':>7} {'MB':>6} "
        f"{'floor ms':>8} {'floor MB':>8} {'x floor':>7}  ok"
    )
    floors: dict[int, worst_cases.Outcome] = {}
    failed = 0
    for name in names:
        for case, make in worst_cases.cases_for(name).items():
            data = make()
            outcome = worst_cases.run(name, case, data)
            if len(data) not in floors:
                floors[len(data)] = worst_cases.run("json.loads", "floor", same_size_json(len(data)))
            floor = floors[len(data)]
            ok = outcome.ok and outcome.seconds <= IMPORT_SECONDS and outcome.peak_mb <= IMPORT_MB
            failed += not ok
            times = outcome.seconds / floor.seconds if floor.seconds > 0.0005 else float("nan")
            print(
                f"{name:<10} {case[:38]:<38} {len(data):>11,} {outcome.ended:<9} {outcome.seconds * 1000:>7.0f} "
                f"{outcome.peak_mb:>6.0f} {floor.seconds * 1000:>8.0f} {floor.peak_mb:>8.0f} {times:>7.1f}  "
                f"{'yes' if ok else 'NO'}",
                flush=True,
            )
            if not ok:
                print(f"           {json.dumps(outcome.message)[:150]}")
    print(f"\n{'every case within the budget' if not failed else f'{failed} cases over the budget'}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
