"""The ``diff`` command: ``logicmodel diff A.json B.json [--json]``, how two framework files differ.

Exit status as diff(1)'s: 0 when the frameworks are the same, 1 when they differ, 2 for a usage error or a file
that cannot be read. Each change prints on a line (``+`` added, ``-`` removed, ``~`` changed), or, with
``--json``, one JSON object (``logicmodel.analysis.diff.Difference.to_data``). Listed in the command line's table
(``logicmodel.cli.main.COMMANDS``).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TextIO

from logicmodel.analysis.diff import compare
from logicmodel.cli.files import load_each
from logicmodel.cli.terminal import say

__all__ = ["arguments", "run"]


def arguments(diff: argparse.ArgumentParser) -> None:
    """The two files to compare, and ``--json``."""
    diff.add_argument("first", metavar="A", type=Path)
    diff.add_argument("second", metavar="B", type=Path)
    diff.add_argument("--json", action="store_true", help="print the difference as one JSON object")


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Print how the two frameworks differ; 0 when the same, 1 when different, 2 when a file cannot be read."""
    frameworks = load_each(out, (args.first, args.second))
    if frameworks is None:
        return 2
    first, second = frameworks
    difference = compare(first, second)
    if args.json:
        print(json.dumps(difference.to_data(), ensure_ascii=False), file=out)
    else:
        for line in difference.lines(first, second):
            say(out, line)
        if difference.is_empty():
            say(out, "the same framework")
    return 0 if difference.is_empty() else 1
