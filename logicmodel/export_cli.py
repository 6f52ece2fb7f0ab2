"""The ``export`` command: ``python -m logicmodel export FILE --to svg|html -o OUT``.

``svg`` writes the A3 poster to print (``logicmodel.svg``); ``html`` one
standalone page with the interactive diagram that works offline
(``logicmodel.diagram``). Registered by ``logicmodel.cli``.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any, TextIO

from logicmodel.diagram import diagram_html
from logicmodel.errors import FrameworkError
from logicmodel.files import FileProblem, write_file
from logicmodel.readwrite import load
from logicmodel.svg import PAPER, poster_svg
from logicmodel.terminal import say

__all__ = ["add_export_command"]


def add_export_command(commands: Any) -> None:
    """Add ``export`` to the command line's subcommands."""
    export = commands.add_parser(
        "export", help="draw a framework: an A3 poster to print (svg) or an offline interactive page (html)"
    )
    export.add_argument("file", metavar="FILE", type=Path)
    export.add_argument("--to", choices=("svg", "html"), required=True, help="svg: a poster; html: interactive")
    export.add_argument("-o", "--output", metavar="OUT", type=Path, required=True, help="the file to write")
    export.add_argument("--paper", choices=tuple(PAPER), default="A3", help="poster paper, landscape (default A3)")
    export.add_argument("--projector", action="store_true", help="html: large type, for a projector")
    export.set_defaults(run=_export)


def _export(args: argparse.Namespace, out: TextIO) -> int:
    try:
        fw = load(args.file)
    except FrameworkError as exc:
        for problem in exc.problems:
            say(out, f"{args.file}: {problem}")
        return 1
    if args.to == "svg":
        text = poster_svg(fw, paper=args.paper)
    else:
        text = diagram_html(fw, projector=args.projector, standalone=True)
    try:
        write_file(args.output, text.encode("utf-8"))  # never into a FIFO, never through a planted link
    except FileProblem as exc:
        say(out, f"{args.output}: {exc}")
        return 1
    say(out, f"{args.output}: written ({args.to}, {len(fw.nodes)} boxes)")
    return 0
