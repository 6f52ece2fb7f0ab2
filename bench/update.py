"""Update benchmark: ``library update`` of an edited 1,000-box workbook, beside reading the workbook alone.

A synthetic framework of 1,000 boxes is exported as the workbook, edited as a person would in Excel (labels
changed, rows deleted with their links, rows added) and brought back with ``library update`` into a SQLite
library, as the command line does it (``logicmodel.cli.main``). Printed, best of a few runs, processor time
(the command runs in this process; SQLite's own writing is counted, the disk's waiting is not):

- the floor, measured in the same run: openpyxl reading every cell of the workbook, and nothing else;
- our reader (``formats.read``: the cells, then the one loader's checks);
- the merge onto the current version and its comparison (``logicmodel.formats.update.update_from``);
- the whole command: library opened, current version loaded, file read, merged, compared, one version saved.

Target: the whole command under 2 s. Run: ``.venv/bin/python bench/update.py``.
"""

from __future__ import annotations

import io
import os
import platform
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import openpyxl

from logicmodel import formats
from logicmodel.cli.main import main as cli
from logicmodel.core.readwrite import from_data
from logicmodel.core.synthetic import synthetic_data
from logicmodel.formats.update import update_from
from logicmodel.store import Library

BOXES = 1_000
REPEATS = 3
TARGET_MS = 2_000


def best_ms(run: Callable[[], object], repeats: int = REPEATS) -> float:
    """Best processor time of ``run`` in milliseconds, after one warm-up (as ``bench/interchange.py``: on a
    machine shared with others' work, wall-clock time measures them too; the command runs in this process)."""
    run()
    times = []
    for _ in range(repeats):
        start = time.process_time()
        run()
        times.append(time.process_time() - start)
    return min(times) * 1000


def edited(fw) -> bytes:
    """The workbook with 20 labels changed, 5 boxes deleted (and their links) and 5 boxes added."""
    book = openpyxl.load_workbook(io.BytesIO(formats.get("xlsx").write(fw, formats.Choices())))
    boxes, links = book["Boxes"], book["Links"]
    for row in range(2, 22):
        boxes.cell(row=row, column=3).value = f"{boxes.cell(row=row, column=3).value} (edited)"
    gone = {boxes.cell(row=row, column=1).value for row in range(400, 405)}
    for row in range(404, 399, -1):
        boxes.delete_rows(row)
    for sheet, columns in ((links, (1, 2)), (book["Indicators"], (1,)), (book["Evidence"], (1, 5))):
        for row in range(sheet.max_row, 1, -1):
            if any(sheet.cell(row=row, column=c).value in gone for c in columns):
                sheet.delete_rows(row)
    for i in range(5):
        boxes.append([None, fw.levels[-1].label, f"A new outcome typed in Excel {i}"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def raw_read(data: bytes) -> int:
    """Every cell of the workbook read by openpyxl (read-only), and nothing else: the floor."""
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    cells = sum(len(row) for ws in book.worksheets for row in ws.iter_rows(values_only=True))
    book.close()
    return cells


def main() -> int:
    fw = from_data(synthetic_data(BOXES))
    data = edited(fw)
    fmt = formats.get("xlsx")
    theirs = formats.read(fmt, data)
    print(f"Update from a file: a workbook of {len(theirs.nodes):,} boxes and {len(theirs.links):,} links")
    print(f"Python {platform.python_version()}, best of {REPEATS} runs, processor time\n")
    floor = best_ms(lambda: raw_read(data))
    reading = best_ms(lambda: formats.read(fmt, data))
    merging = best_ms(lambda: update_from(fw, theirs, fmt))
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'library.db'}"
        os.environ["LOGICMODEL_DATABASE_URL"] = url
        path = Path(folder) / "edited.xlsx"
        path.write_bytes(data)

        def command() -> None:
            with Library.open(url) as lib:
                saved = lib.create(fw, author="bench")
            out = io.StringIO()
            sys.stderr, stderr = io.StringIO(), sys.stderr  # the command's "acting as administrator" line
            try:
                status = cli(["library", "update", saved.id, str(path)], out=out)
            finally:
                sys.stderr = stderr
            assert status == 0 and "saved as version 2" in out.getvalue(), out.getvalue()

        def create_only() -> None:
            with Library.open(url) as lib:
                lib.create(fw, author="bench")

        whole = best_ms(command) - best_ms(create_only)  # the framework's creation is set up, not timed
    print(f"floor: openpyxl reading every cell ({len(data):,} bytes)   {floor:8.1f} ms")
    print(f"our reader (cells, then the loader's checks)          {reading:8.1f} ms  x{reading / floor:.1f} floor")
    print(f"merge onto the current version and compare           {merging:8.1f} ms  x{merging / floor:.1f} floor")
    ok = "yes" if whole < TARGET_MS else "NO"
    print(f"library update, the whole command                    {whole:8.1f} ms  x{whole / floor:.1f} floor")
    print(f"\ntarget: library update under {TARGET_MS:,} ms: {ok}")
    return 0 if whole < TARGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
