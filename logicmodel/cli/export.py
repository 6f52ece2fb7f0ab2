"""The ``export`` command: ``logicmodel export FILE --to FORMAT -o OUT``, for every format that writes.

The formats, their descriptions and the options each takes come from the registry (``logicmodel.formats``):
an option the chosen format does not use (``--projector`` for the poster, ``--paper`` for the page) is refused
as a usage error, never silently ignored. Listed in the command line's table (``logicmodel.cli.main.COMMANDS``).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

from logicmodel.cli.files import load_or_say, write_or_say
from logicmodel.cli.terminal import say
from logicmodel.drawing.svg import PAPER
from logicmodel.formats import Choices, Format, get, writers

__all__ = ["arguments", "epilog", "format_list", "help_line", "run"]

_OPTIONS = {"paper": "--paper", "projector": "--projector", "commissioner": "--commissioner", "progress": "--progress"}
"""The command line's options, by the ``Choices`` field each sets."""


_OPTION_WORDS = {"paper": "--paper: A4 to A0, A3 unless told", "projector": "--projector: large type",
                 "commissioner": "--commissioner ID: for one commissioner",
                 "progress": "--progress: boxes coloured by their indicators' status"}  # fmt: skip
"""What each option does, in a format's line of the help: the formats' own descriptions are the app's words."""


def format_list(formats: list[Format]) -> str:
    """The formats and what each is for, one a line, with the options each takes, for a command's help."""
    width = max((len(f.name) for f in formats), default=0)

    def line(f: Format) -> str:
        options = "; ".join(words for option, words in _OPTION_WORDS.items() if option in f.options)
        return f"  {f.name:<{width}}  {f.description}" + (f" ({options})" if options else "")

    return "formats:\n" + "\n".join(line(f) for f in formats)


def help_line() -> str:
    """The command's line in the command line's help: every format that writes, as registered now."""
    return f"write a framework as another file: {', '.join(f.name for f in writers())}"


def epilog() -> str:
    """What the command's own help ends with: every format that writes, what it is for and its options."""
    return format_list(writers())


def arguments(export: argparse.ArgumentParser) -> None:
    """The command's arguments, with a choice for every format that writes."""
    names = [f.name for f in writers()]
    export.add_argument("file", metavar="FILE", type=Path)
    export.add_argument("--to", choices=names, required=True, metavar="FORMAT", help=f"one of: {', '.join(names)}")
    export.add_argument("-o", "--output", metavar="OUT", type=Path, required=True, help="the file to write")
    export.add_argument("--paper", choices=tuple(PAPER), help="poster paper, landscape (svg; A3 unless told)")
    export.add_argument("--projector", action="store_true", default=None, help="large type, for a projector (html)")
    export.add_argument(
        "--commissioner",
        metavar="ID",
        help="for this stakeholder's id: their one-page brief (report, docx) or their progress report "
        "(progress, progress-docx)",
    )
    export.add_argument(
        "--progress",
        action="store_true",
        default=None,
        help="colour each box by its indicators' status, marked in words too (html, svg, slides)",
    )


def _choices(args: argparse.Namespace, fmt: Format) -> Choices:
    """The choices given on the command line; a usage error (exit 2) for one the format does not use."""
    given = {field: getattr(args, field) for field in _OPTIONS if getattr(args, field) is not None}
    for field in given:
        if field not in fmt.options:
            takes = ", ".join(f.name for f in writers() if field in f.options) or "no format"
            args.parser.error(f"{_OPTIONS[field]} is for {takes}, not {fmt.name}")
    return Choices(**given)


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Write the file in the chosen format; 1 when the framework cannot be read or the file written."""
    fmt = get(args.to)
    choices = _choices(args, fmt)
    fw = load_or_say(out, args.file)
    if fw is None:
        return 1
    assert fmt.write is not None  # the choices are the writers
    known = [s.id for s in fw.stakeholders]
    if choices.commissioner is not None and choices.commissioner not in known:
        say(out, f"{args.file}: no stakeholder has the id '{choices.commissioner}' (ids: {', '.join(known) or 'none'})")
        return 1
    if not write_or_say(out, args.output, fmt.write(fw, choices), f"written ({fmt.name}, {len(fw.nodes)} boxes)"):
        return 1
    if fmt.cannot_carry:  # what the other tool's file leaves out, said rather than dropped silently
        say(out, f"{args.output}: {fmt.name} cannot carry {fmt.cannot_carry}")
    return 0
