"""The ``import`` command: ``logicmodel import --from FORMAT IN -o OUT.json``, for every format that reads.

The file is read by its format's reader, which ends in the one loader, and written as a framework file in
canonical form. Nothing is written when the file is refused. Registered by ``logicmodel.cli``.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any, TextIO

from logicmodel.errors import FrameworkError
from logicmodel.export_cli import format_list
from logicmodel.files import FileProblem
from logicmodel.formats import get, read, readers
from logicmodel.readwrite import read as read_bytes
from logicmodel.readwrite import save
from logicmodel.terminal import say

__all__ = ["add_import_command"]


def add_import_command(commands: Any) -> None:
    """Add ``import`` to the command line's subcommands, with a choice for every format that reads."""
    names = [f.name for f in readers()]
    imports = commands.add_parser(
        "import",
        help=f"read a framework from another format into a framework file: {', '.join(names)}",
        description="Read a framework from another format and write it as a framework file (JSON).",
        epilog=format_list(readers()),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    imports.add_argument("file", metavar="IN", type=Path)
    imports.add_argument(
        "--from", dest="source", choices=names, required=True, metavar="FORMAT", help=f"one of: {', '.join(names)}"
    )
    imports.add_argument("-o", "--output", metavar="OUT", type=Path, required=True, help="the framework file to write")
    imports.set_defaults(run=_import)


def _import(args: argparse.Namespace, out: TextIO) -> int:
    fmt = get(args.source)
    try:
        fw = read(fmt, read_bytes(args.file))
    except FrameworkError as exc:
        for problem in exc.problems:
            say(out, f"{args.file}: {problem}")
        return 1
    try:
        save(fw, args.output)
    except FileProblem as exc:
        say(out, f"{args.output}: {exc}")
        return 1
    say(out, f"{args.output}: written from {fmt.name} ({len(fw.nodes)} boxes)")
    return 0
