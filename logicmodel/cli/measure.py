"""The ``measure`` command: ``logicmodel measure FRAMEWORK DATA [--area CODE] [--from fingertips|table] -o OUT``
(and ``--sex``, ``--age`` for a Fingertips download's rows of another sex or age band than the standard).

Brings the measurements in DATA (a Fingertips data download, or our measurements or delivery table: a CSV
file, a workbook's Measurements and Delivery sheets, or our zip of CSV files) into the framework and writes the
result to OUT, printing the account a line each: which indicators matched, how many measurements were added,
which rows were left and why, and each conflict (a period already recorded with another value: reported, the
recorded value kept). Bringing the same file in twice adds nothing (``logicmodel.formats.bring_in``,
``logicmodel.editing.measure``).

Exit 0 when OUT is written (conflicts and rows left are reported, not failures); 1 when the framework or the
data cannot be read, or OUT cannot be written (nothing is written then); 2 for a usage error. Listed in the
command line's table (``logicmodel.cli.main.COMMANDS``).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

from logicmodel.cli.files import load_or_say, say_problems, write_or_say
from logicmodel.cli.terminal import say
from logicmodel.core.errors import FrameworkError, Problem
from logicmodel.core.files import FileProblem, read_file
from logicmodel.core.limits import MAX_DATA_BYTES
from logicmodel.core.wording import plural
from logicmodel.formats.bring_in import KINDS, bring_in

__all__ = ["DESCRIPTION", "HELP", "arguments", "run"]

HELP = "bring measurements (and delivery) in from a Fingertips download or a table, reporting conflicts"

DESCRIPTION = (
    "Add the measurements in DATA to the framework's indicators and write the result to OUT. A Fingertips data "
    "download's rows are matched by each indicator's fingertips id and the area (--area, else the framework's "
    "area code), all persons, no category, the indicator's standard age band; a measurements table's rows by "
    "box (id or label) and indicator name; a delivery table's (or a workbook's Delivery sheet's) by box. A "
    "period already recorded with the same value is left as it is; with another value it is reported as a "
    "conflict and the recorded value kept."
)


def arguments(measure: argparse.ArgumentParser) -> None:
    """The framework, the data file, ``--area``, ``--sex``, ``--age``, ``--from`` and ``-o``."""
    measure.add_argument("framework", metavar="FRAMEWORK", type=Path)
    measure.add_argument(
        "data", metavar="DATA", type=Path, help="a Fingertips data download, or a measurements or delivery table"
    )
    measure.add_argument(
        "--area", metavar="CODE", help="the ONS code of the area to take (default: the framework's area code)"
    )
    measure.add_argument(
        "--sex", default="Persons", help="a Fingertips download's rows of this sex (default: Persons, everyone)"
    )
    measure.add_argument(
        "--age",
        help="a Fingertips download's rows of this age band, e.g. '65+ yrs' (default: each indicator's standard "
        "band: its only one, All ages, or the widest)",
    )
    measure.add_argument(
        "--from",
        dest="kind",
        choices=KINDS,
        metavar="KIND",
        help=f"what DATA is: {' or '.join(KINDS)} (default: told from its first row)",
    )
    measure.add_argument("-o", "--output", metavar="OUT", type=Path, required=True, help="the framework file to write")


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Bring the data in, print the account, write OUT; 1 when a file cannot be read or OUT cannot be written."""
    fw = load_or_say(out, args.framework)
    if fw is None:
        return 1
    try:
        data = read_file(args.data, MAX_DATA_BYTES)
    except FileProblem as exc:
        say_problems(out, args.data, [Problem("", str(exc))])
        return 1
    try:
        brought = bring_in(fw, data, str(args.data), area=args.area, kind=args.kind, sex=args.sex, age=args.age)
    except FrameworkError as exc:  # each problem names the file, row and column already
        for problem in exc.problems:
            say(out, str(problem))
        return 1
    for line in brought.lines():
        say(out, line)
    done = f"written ({plural(brought.added, 'measurement')} added)"
    return 0 if write_or_say(out, args.output, brought.framework, done) else 1
