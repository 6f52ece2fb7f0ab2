"""The ``merge`` command: ``logicmodel merge MINE.json THEIRS.json -o OUT.json``.

Brings their boxes, links, levels and stakeholders into mine (``logicmodel.merge``): each part added, merged or
given a new id prints on a line; nothing is written when the merge is refused, and the reasons print instead.
Exit 0 when written, 1 when refused or a file cannot be read. Registered by ``logicmodel.cli``.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any, TextIO

from logicmodel.cli_files import load_each, say_problems
from logicmodel.errors import FrameworkError
from logicmodel.files import FileProblem
from logicmodel.merge import merge
from logicmodel.readwrite import save
from logicmodel.terminal import say

__all__ = ["add_merge_command"]


def add_merge_command(commands: Any) -> None:
    """Add ``merge`` to the command line's subcommands."""
    command = commands.add_parser(
        "merge",
        help="bring another framework's boxes and links into mine, listing what was added or renamed",
        description="Merge THEIRS into MINE and write the result; identical parts merge, clashing ids are renamed.",
    )
    command.add_argument("mine", metavar="MINE", type=Path)
    command.add_argument("theirs", metavar="THEIRS", type=Path)
    command.add_argument("-o", "--output", metavar="OUT", type=Path, required=True, help="the framework file to write")
    command.set_defaults(run=_merge)


def _merge(args: argparse.Namespace, out: TextIO) -> int:
    frameworks = load_each((args.mine, args.theirs), out)
    if frameworks is None:
        return 1
    try:
        merged, report = merge(*frameworks)
    except FrameworkError as exc:
        say_problems(out, args.theirs, exc)
        return 1
    for line in report:
        say(out, line)
    try:
        save(merged, args.output)
    except FileProblem as exc:
        say(out, f"{args.output}: {exc}")
        return 1
    say(out, f"{args.output}: written ({len(merged.nodes)} boxes, {len(merged.links)} links)")
    return 0
