"""The ``adapt`` command: ``logicmodel adapt THEIRS.json --title T [--organisation O] [--area A] [--author NAME]
[--leave-out ID,...] [--leave-out-level LEVEL,...] -o OUT.json``.

Starts a framework from another council's (``logicmodel.editing.adapt``): relabelled, its source recorded in
``meta.provenance``, the boxes that do not apply left out (each listed). Listed in the command line's table
(``logicmodel.cli.main.COMMANDS``).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

from logicmodel.cli.files import load_or_say, say_problems, write_or_say
from logicmodel.cli.terminal import say
from logicmodel.core.errors import FrameworkError
from logicmodel.editing.adapt import adapt

__all__ = ["arguments", "run"]


def arguments(command: argparse.ArgumentParser) -> None:
    """Theirs, the file to write, the new details and what to leave out."""
    command.add_argument("source", metavar="THEIRS", type=Path)
    command.add_argument("-o", "--output", metavar="OUT", type=Path, required=True)
    command.add_argument("--title", required=True, help="the new framework's title")
    command.add_argument("--organisation", help="your council or partnership")
    command.add_argument("--area", help="the place it covers")
    command.add_argument("--author", action="append", default=[], help="an author (repeat for more)")
    command.add_argument("--leave-out", default="", metavar="IDS", help="ids of boxes to leave out, comma-separated")
    command.add_argument("--leave-out-level", default="", metavar="LEVELS", help="levels whose boxes to leave out")


def _ids(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Start a framework from theirs, list what was left out and write it."""
    source = load_or_say(out, args.source)
    if source is None:
        return 1
    unknown = [i for i in _ids(args.leave_out) if i not in source.node_by_id]
    unknown += [lv for lv in _ids(args.leave_out_level) if lv not in source.level_rank]
    if unknown:
        say(out, f"{args.source}: no box or level has the id {', '.join(unknown)}")
        return 1
    try:
        fw, report = adapt(
            source,
            title=args.title,
            organisation=args.organisation,
            area=args.area,
            authors=args.author,
            leave_out=_ids(args.leave_out),
            leave_out_levels=_ids(args.leave_out_level),
        )
    except FrameworkError as exc:
        say_problems(out, args.source, exc)
        return 1
    for line in report:
        say(out, line)
    return 0 if write_or_say(out, args.output, fw, f"written from {args.source} ({len(fw.nodes)} boxes)") else 1
