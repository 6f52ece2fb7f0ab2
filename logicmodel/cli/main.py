"""The command line: ``logicmodel validate|schema|fmt|export|import|diff|merge|adapt|progress|appraise|measure|library``
(or ``python -m logicmodel ...``, the same).

Every command is one row of ``COMMANDS``: its name, its line in the help, how it adds its arguments and the
function that runs it. The parser, the help's list of commands and the dispatch are all made from that table,
so a new command is one row (and its module). Commands read framework files through one "load or say" and
write them through one "write or say" (``logicmodel.cli.files``).

Exit status: 0 when all went well, 1 when a file is invalid or unreadable,
2 for a usage error. Problems print as ``FILE: PATH: MESSAGE``, one a line,
never a traceback. What a file holds is shown, never obeyed: control
characters in names, labels and keys print as escapes (``logicmodel.cli.terminal``).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn, TextIO

from logicmodel.analysis.checks import CHECKS, Finding, check
from logicmodel.cli import adapt as adapt_cli
from logicmodel.cli import appraise as appraise_cli
from logicmodel.cli import diff as diff_cli
from logicmodel.cli import export as export_cli
from logicmodel.cli import importing as import_cli
from logicmodel.cli import library as library_cli
from logicmodel.cli import measure as measure_cli
from logicmodel.cli import merge as merge_cli
from logicmodel.cli import progress as progress_cli
from logicmodel.cli.files import read_framework, read_or_say, write_or_say
from logicmodel.cli.terminal import printable, say
from logicmodel.core.errors import Problem
from logicmodel.core.readwrite import dumps
from logicmodel.core.schema import schema_text
from logicmodel.core.wording import plural

__all__ = ["COMMANDS", "Command", "build_parser", "command_named", "main"]


@dataclass(frozen=True)
class Command:
    """One command of the command line: everything the parser, the help and the dispatch need of it."""

    name: str
    help: str | Callable[[], str]
    """Its line in the list of commands; a function when it names what is registered when the parser is made."""
    arguments: Callable[[argparse.ArgumentParser], None]
    """Adds its arguments to its own parser."""
    run: Callable[[argparse.Namespace, TextIO], int]
    """Runs it with the parsed arguments, printing to the stream given; returns the exit status."""
    description: str | None = None
    """The words at the top of its own ``--help``."""
    epilog: Callable[[], str] | None = None
    """The words at the end of its own ``--help``, shown as written (the formats' list)."""

    def help_line(self) -> str:
        """Its line in the list of commands, as of now."""
        return self.help() if callable(self.help) else self.help


def _validate_arguments(validate: argparse.ArgumentParser) -> None:
    validate.add_argument("files", nargs="+", metavar="FILE", type=Path)
    validate.add_argument("--json", action="store_true", help="print one JSON object per file")


def _no_arguments(parser: argparse.ArgumentParser) -> None:
    """A command that takes none (``schema``)."""


def _fmt_arguments(fmt: argparse.ArgumentParser) -> None:
    fmt.add_argument("files", nargs="+", metavar="FILE", type=Path)
    fmt.add_argument("--check", action="store_true", help="change nothing; exit 1 if a file is not canonical")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, with one subcommand a row of ``COMMANDS`` (in the table's order)."""
    parser = _Parser(
        prog=program(),
        description="Check, format and describe Logic Model Builder framework files (format v1).",
        formatter_class=_Lines,
    )
    subcommands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in COMMANDS:
        options: dict[str, Any] = {"help": command.help_line()}
        if command.description is not None:
            options["description"] = command.description
        if command.epilog is not None:
            options |= {"epilog": command.epilog(), "formatter_class": _RawLines}
        own = subcommands.add_parser(command.name, **options)
        command.arguments(own)
        own.set_defaults(parser=own)  # for a usage error only the command can see (``--paper`` for html)
    return parser


def program() -> str:
    """The command as the user typed it, for usage lines: ``logicmodel`` (installed) or ``python -m logicmodel``."""
    return "logicmodel" if Path(sys.argv[0]).name == "logicmodel" else "python -m logicmodel"


class _Lines(argparse.HelpFormatter):
    """argparse's help, its lines never broken at a hyphen: a format's name (``csv-files``, ``progress-docx``) is
    one word, to be typed as it reads."""

    def _split_lines(self, text: str, width: int) -> list[str]:
        import textwrap

        return textwrap.wrap(" ".join(text.split()), width, break_on_hyphens=False, break_long_words=False)


class _RawLines(_Lines, argparse.RawDescriptionHelpFormatter):
    """A command's help whose description and epilog (its list of formats) are kept as written."""


class _Parser(argparse.ArgumentParser):
    """argparse, with a usage error's words escaped: a file named like an option, say, is shown, not obeyed."""

    def error(self, message: str) -> NoReturn:
        super().error(printable(message))


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run the command line; returns the exit status."""
    if out is None:
        out = sys.stdout
        if hasattr(out, "reconfigure"):  # a terminal that cannot show a character gets an escape, not a traceback
            out.reconfigure(errors="backslashreplace")
    args = build_parser().parse_args(argv)
    try:
        return command_named(args.command).run(args, out)
    except BrokenPipeError:
        return 1
    except KeyboardInterrupt:
        return 130


def _validate(args: argparse.Namespace, out: TextIO) -> int:
    status = 0
    for path in args.files:
        found = read_framework(path) if args.json else read_or_say(out, path)  # --json: the problems as data
        fw, problems = found.framework, found.problems
        findings = check(fw) if fw else []
        if problems:
            status = 1
        if args.json:
            print(json.dumps(_report(path, problems, findings), ensure_ascii=False), file=out)
            continue
        if fw is not None:
            counted = f" ({plural(len(findings), 'warning')})" if findings else ""
            say(out, f"{path}: valid{counted}")
            for finding in findings:
                say(out, f"{path}: warning {finding.code} [{', '.join(finding.nodes)}]: {finding.message}")
    return status


def file_name(path: Path) -> str:
    """A file name as text, any bytes that are not UTF-8 written as escapes (for ``--json``)."""
    return str(path).encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _report(path: Path, problems: list[Problem], findings: list[Finding]) -> dict[str, Any]:
    return {
        "file": file_name(path),
        "valid": not problems,
        "errors": [{"path": p.path, "message": p.message, "nodes": list(p.nodes)} for p in problems],
        "warnings": [
            {"code": f.code, "group": CHECKS[f.code].group, "nodes": list(f.nodes), "message": f.message}
            for f in findings
        ],
    }


def _schema(args: argparse.Namespace, out: TextIO) -> int:
    out.write(schema_text())
    return 0


def _fmt(args: argparse.Namespace, out: TextIO) -> int:
    status = 0
    for path in args.files:
        found = read_or_say(out, path)  # its bytes too, read once: the name may change before the rewrite
        fw = found.framework
        if fw is None:
            status = 1
            continue
        canonical = dumps(fw)
        current = found.data.decode("utf-8-sig", errors="replace")
        if current == canonical:
            continue
        if args.check:
            say(out, f"{path}: not in canonical form (run: {program()} fmt {path})")
            status = 1
            continue
        if not write_or_say(out, path, fw, "rewritten in canonical form"):  # a read-only folder: left as it was
            status = 1
    return status


COMMANDS: tuple[Command, ...] = (
    Command(
        "validate",
        "check framework files: errors refuse a file, warnings flag gaps",
        _validate_arguments,
        _validate,
    ),
    Command("schema", "print the JSON Schema of the format (draft 2020-12)", _no_arguments, _schema),
    Command("fmt", "rewrite files in canonical form, for clean diffs", _fmt_arguments, _fmt),
    Command(
        "export",
        export_cli.help_line,
        export_cli.arguments,
        export_cli.run,
        description="Write a framework file in another format.",
        epilog=export_cli.epilog,
    ),
    Command(
        "import",
        import_cli.help_line,
        import_cli.arguments,
        import_cli.run,
        description="Read a framework from another format and write it as a framework file (JSON).",
        epilog=import_cli.epilog,
    ),
    Command(
        "diff",
        "show how two framework files differ: boxes, links, levels, stakeholders and details",
        diff_cli.arguments,
        diff_cli.run,
        description="Compare two framework files. Boxes are matched by id, then by label; exit 0 when the same, "
        "1 when different, 2 when a file cannot be read.",
    ),
    Command(
        "merge",
        "bring another framework's boxes and links into mine, listing what was added or renamed",
        merge_cli.arguments,
        merge_cli.run,
        description="Merge THEIRS into MINE and write the result; identical parts merge, clashing ids are renamed.",
    ),
    Command(
        "adapt",
        "start a framework from another council's: new details, its source recorded, parts left out",
        adapt_cli.arguments,
        adapt_cli.run,
        description="Start a framework from another: relabel its details, record where it came from, leave out "
        "the boxes (and levels) that do not apply.",
    ),
    Command(
        "progress",
        progress_cli.HELP,
        progress_cli.arguments,
        progress_cli.run,
        description="Each indicator's latest measurement against its baseline and target, with its status by the "
        "rule printed at the end, and each activity's delivery against its planned reach and cost.",
    ),
    Command(
        "appraise",
        appraise_cli.HELP,
        appraise_cli.arguments,
        appraise_cli.run,
        description=appraise_cli.DESCRIPTION,
    ),
    Command(
        "measure",
        measure_cli.HELP,
        measure_cli.arguments,
        measure_cli.run,
        description=measure_cli.DESCRIPTION,
    ),
    Command(
        "library",
        "the saved library (LOGICMODEL_DATABASE_URL): list, import, export, back up, restore",
        library_cli.arguments,
        library_cli.run,
    ),
)
"""Every command, in the order the help lists them."""


def command_named(name: str) -> Command:
    """The row of ``COMMANDS`` with this name (the one the parser was made from)."""
    return next(command for command in COMMANDS if command.name == name)
