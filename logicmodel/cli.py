"""The command line: ``logicmodel validate|schema|fmt|export|import|diff|merge|adapt``
(or ``python -m logicmodel ...``, the same).

Exit status: 0 when all went well, 1 when a file is invalid or unreadable,
2 for a usage error. Problems print as ``FILE: PATH: MESSAGE``, one a line,
never a traceback. What a file holds is shown, never obeyed: control
characters in names, labels and keys print as escapes (``logicmodel.terminal``).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn, TextIO

from logicmodel.adapt_cli import add_adapt_command
from logicmodel.checks import CHECKS, Finding, check
from logicmodel.diff_cli import add_diff_command
from logicmodel.errors import FrameworkError, Problem
from logicmodel.export_cli import add_export_command
from logicmodel.import_cli import add_import_command
from logicmodel.merge_cli import add_merge_command
from logicmodel.models import Framework
from logicmodel.readwrite import dumps, loads, read, save
from logicmodel.schema import schema_text
from logicmodel.terminal import printable, say
from logicmodel.wording import plural

__all__ = ["build_parser", "main"]

Command = Callable[[argparse.Namespace, TextIO], int]


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, with one subcommand a job."""
    parser = _Parser(
        prog=program(),
        description="Check, format and describe Logic Model Builder framework files (format v1).",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    validate = commands.add_parser("validate", help="check framework files: errors refuse a file, warnings flag gaps")
    validate.add_argument("files", nargs="+", metavar="FILE", type=Path)
    validate.add_argument("--json", action="store_true", help="print one JSON object per file")
    validate.set_defaults(run=_validate)

    schema = commands.add_parser("schema", help="print the JSON Schema of the format (draft 2020-12)")
    schema.set_defaults(run=_schema)

    fmt = commands.add_parser("fmt", help="rewrite files in canonical form, for clean diffs")
    fmt.add_argument("files", nargs="+", metavar="FILE", type=Path)
    fmt.add_argument("--check", action="store_true", help="change nothing; exit 1 if a file is not canonical")
    fmt.set_defaults(run=_fmt)

    _add_optional_commands(commands)
    return parser


def program() -> str:
    """The command as the user typed it, for usage lines: ``logicmodel`` (installed) or ``python -m logicmodel``."""
    return "logicmodel" if Path(sys.argv[0]).name == "logicmodel" else "python -m logicmodel"


class _Parser(argparse.ArgumentParser):
    """argparse, with a usage error's words escaped: a file named like an option, say, is shown, not obeyed."""

    def error(self, message: str) -> NoReturn:
        super().error(printable(message))


def _add_optional_commands(commands: Any) -> None:
    """Commands from other engine modules that register themselves (``export``, ``import``, ``library``)."""
    add_export_command(commands)
    add_import_command(commands)
    add_diff_command(commands)
    add_merge_command(commands)
    add_adapt_command(commands)
    try:
        from logicmodel.store.cli import add_library_command
    except ImportError:
        return
    add_library_command(commands)


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run the command line; returns the exit status."""
    if out is None:
        out = sys.stdout
        if hasattr(out, "reconfigure"):  # a terminal that cannot show a character gets an escape, not a traceback
            out.reconfigure(errors="backslashreplace")
    args = build_parser().parse_args(argv)
    try:
        return args.run(args, out)
    except BrokenPipeError:
        return 1
    except KeyboardInterrupt:
        return 130


def _read(path: Path) -> tuple[Framework | None, list[Problem], bytes]:
    """The framework in a file, or why not, and the file's bytes (read once: the name may change meanwhile)."""
    data = b""
    try:
        data = read(path)
        return loads(data), [], data
    except FrameworkError as exc:
        return None, exc.problems, data


def _validate(args: argparse.Namespace, out: TextIO) -> int:
    status = 0
    for path in args.files:
        fw, problems, _ = _read(path)
        findings = check(fw) if fw else []
        if problems:
            status = 1
        if args.json:
            print(json.dumps(_report(path, problems, findings), ensure_ascii=False), file=out)
            continue
        for problem in problems:
            say(out, f"{path}: {problem}")
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
        fw, problems, data = _read(path)
        if fw is None:
            for problem in problems:
                say(out, f"{path}: {problem}")
            status = 1
            continue
        canonical = dumps(fw)
        current = data.decode("utf-8-sig", errors="replace")
        if current == canonical:
            continue
        if args.check:
            say(out, f"{path}: not in canonical form (run: {program()} fmt {path})")
            status = 1
            continue
        try:
            save(fw, path)
        except OSError as exc:  # a read-only folder, a full disk: the file is left as it was
            say(out, f"{path}: {exc}")
            status = 1
            continue
        say(out, f"{path}: rewritten in canonical form")
    return status
