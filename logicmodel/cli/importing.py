"""The ``import`` command: ``logicmodel import --from FORMAT IN -o OUT.json``, for every format that reads.

The file is read by its format's reader, which ends in the one loader, and written as a framework file in
canonical form. Nothing is written when the file is refused. ``--repair`` writes it without what fails the
checks, listing every part left out or changed (``logicmodel.editing.repair``); ``--level-map "Type=level,..."`` says
which level each of the file's types, groups or stages is. Listed in the command line's table
(``logicmodel.cli.main.COMMANDS``).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

from logicmodel.cli.export import format_list
from logicmodel.cli.files import say_problems, write_or_say
from logicmodel.cli.terminal import say
from logicmodel.core.errors import FrameworkError
from logicmodel.core.readwrite import read as read_bytes
from logicmodel.editing.repair import repair
from logicmodel.formats import Reading, get, parse, read, readers
from logicmodel.formats.building import finish, names_to_ask, parse_level_map, some_labels
from logicmodel.formats.registry import title_from_name

__all__ = ["arguments", "epilog", "help_line", "run"]


def help_line() -> str:
    """The command's line in the command line's help: every format that reads, as registered now."""
    return f"read a framework from another format into a framework file: {', '.join(f.name for f in readers())}"


def epilog() -> str:
    """What the command's own help ends with: every format that reads and what it is for."""
    return format_list(readers())


def arguments(imports: argparse.ArgumentParser) -> None:
    """The command's arguments, with a choice for every format that reads."""
    names = [f.name for f in readers()]
    imports.add_argument("file", metavar="IN", type=Path)
    imports.add_argument(
        "--from", dest="source", choices=names, required=True, metavar="FORMAT", help=f"one of: {', '.join(names)}"
    )
    imports.add_argument("-o", "--output", metavar="OUT", type=Path, required=True, help="the framework file to write")
    imports.add_argument(
        "--repair", action="store_true", help="leave out what fails the checks, listing every part left out"
    )
    takes = ", ".join(f.name for f in readers() if f.reads_levels)
    imports.add_argument(
        "--level-map",
        metavar="MAP",
        help=f'which level each type, group or stage of the file is, e.g. "Problem=strategic,Factor=output" ({takes})',
    )


def _reading(args: argparse.Namespace) -> Reading:
    """The level map asked for; a usage error (exit 2) when it is malformed or the format takes none."""
    title = title_from_name(str(args.file))  # for a file that names no title: a CSV table, a Kumu map
    if not args.level_map:
        return Reading(title=title)
    if not get(args.source).reads_levels:
        args.parser.error(f"--level-map is not for {args.source}")
    try:
        return Reading(level_map=parse_level_map(args.level_map), title=title)
    except ValueError as exc:
        args.parser.error(f"--level-map: {exc}")


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Read the file in its format and write it as a framework file; 1 when it is refused or cannot be written."""
    fmt = get(args.source)
    reading = _reading(args)
    unknown: list[str] = []
    try:
        data = read_bytes(args.file)
        doc = parse(fmt, data, reading) if args.repair or (fmt.reads_levels and fmt.parse is not None) else None
        unknown = names_to_ask(doc) if fmt.reads_levels else []
        if args.repair:
            fw, changes = repair(doc)
            for change in changes:
                say(out, f"{args.file}: {change}")
        else:
            fw = finish(doc) if doc is not None else read(fmt, data, reading)
    except FrameworkError as exc:
        say_problems(out, args.file, exc)
        _note_unknown(out, args.file, unknown)
        if exc.repairable:
            say(out, f"{args.file}: import with --repair to leave these out")
        return 1
    _note_unknown(out, args.file, unknown)
    return 0 if write_or_say(out, args.output, fw, f"written from {fmt.name} ({len(fw.nodes)} boxes)") else 1


def _note_unknown(out: TextIO, file: Path, unknown: list[str]) -> None:
    """The file's level names that say nothing known, once: what the app would ask about, and how to say it."""
    if not unknown:
        return
    one = len(unknown) == 1
    names = f"name {some_labels(unknown)} says" if one else f"names {some_labels(unknown)} say"
    it = "it is" if one else "each is"
    say(
        out,
        f"{file}: note: the level {names} nothing this builder knows, so {it} a level of its own, placed where "
        f'its links run forwards; say which level {it} with --level-map "{unknown[0]}=activity"',
    )
