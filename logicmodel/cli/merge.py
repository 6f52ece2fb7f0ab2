"""The ``merge`` command: ``logicmodel merge MINE.json THEIRS.json -o OUT.json``.

Brings their boxes, links, levels and stakeholders into mine (``logicmodel.editing.merge``): each part added, merged or
given a new id prints on a line; nothing is written when the merge is refused, and the reasons print instead.
Exit 0 when written, 1 when refused or a file cannot be read or written. Listed in the command line's table
(``logicmodel.cli.main.COMMANDS``).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

from logicmodel.cli.files import load_each, say_problems, write_or_say
from logicmodel.cli.terminal import say
from logicmodel.core.errors import FrameworkError
from logicmodel.editing.merge import merge

__all__ = ["arguments", "run"]


def arguments(command: argparse.ArgumentParser) -> None:
    """Mine, theirs and the file to write."""
    command.add_argument("mine", metavar="MINE", type=Path)
    command.add_argument("theirs", metavar="THEIRS", type=Path)
    command.add_argument("-o", "--output", metavar="OUT", type=Path, required=True, help="the framework file to write")


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Merge theirs into mine, list what changed and write the result."""
    frameworks = load_each(out, (args.mine, args.theirs))
    if frameworks is None:
        return 1
    try:
        merged, report = merge(*frameworks)
    except FrameworkError as exc:
        say_problems(out, args.theirs, exc)
        return 1
    for line in report:
        say(out, line)
    written = write_or_say(out, args.output, merged, f"written ({len(merged.nodes)} boxes, {len(merged.links)} links)")
    return 0 if written else 1
