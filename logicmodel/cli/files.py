"""Reading and writing framework files for every command: one "load or say", one "write or say".

A file that cannot be read prints each of its problems on a line of its own, named by the file
(``mine.json: nodes[3].label: ...``), and the command stops there: nothing is compared or written. A file
that cannot be written prints one line naming it (``out.json: cannot be written (Permission denied)``) and is
left as it was. Each command chooses its own exit status for either (``diff`` says 2, as diff(1) does; the
others 1); the words are the same everywhere because they are said here.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TextIO

from logicmodel.cli.terminal import say
from logicmodel.core.errors import FrameworkError, Problem
from logicmodel.core.files import FileProblem, write_file
from logicmodel.core.models import Framework
from logicmodel.core.readwrite import loads, read, save

__all__ = [
    "FileRead",
    "load_each",
    "load_or_say",
    "read_framework",
    "read_or_say",
    "say_problems",
    "why_not_written",
    "write_or_say",
]

Where = str | os.PathLike[str]
"""A file as the user named it, printed as given."""


@dataclass(frozen=True)
class FileRead:
    """What a framework file held: its framework, or the problems that refuse it; and its bytes, read once."""

    framework: Framework | None
    problems: list[Problem]
    data: bytes


def read_framework(path: Where) -> FileRead:
    """The framework in a file, or why not, and the file's bytes, saying nothing (``validate --json`` reports the
    problems as data). Read once: the name may change meanwhile."""
    data = b""
    try:
        data = read(path)
        return FileRead(loads(data), [], data)
    except FrameworkError as exc:
        return FileRead(None, exc.problems, data)


def say_problems(out: TextIO, where: Where, problems: FrameworkError | Iterable[Problem]) -> None:
    """Each problem on a line, after the file it is about."""
    for problem in problems.problems if isinstance(problems, FrameworkError) else problems:
        say(out, f"{where}: {problem}")


def read_or_say(out: TextIO, path: Where) -> FileRead:
    """What the file at ``path`` holds, each of its problems printed naming the file (``fmt`` wants its bytes)."""
    found = read_framework(path)
    say_problems(out, path, found.problems)
    return found


def load_or_say(out: TextIO, path: Where) -> Framework | None:
    """The framework in the file at ``path``; None, once each of its problems has printed naming the file."""
    return read_or_say(out, path).framework


def load_each(out: TextIO, paths: Iterable[Where]) -> list[Framework] | None:
    """Every file's framework, in order; None, once the first file that cannot be read has said why."""
    frameworks = []
    for path in paths:
        fw = load_or_say(out, path)
        if fw is None:
            return None
        frameworks.append(fw)
    return frameworks


def why_not_written(exc: OSError) -> str:
    """Why a file or folder cannot be written, in the words ``logicmodel.core.files`` uses, said once.

    >>> why_not_written(PermissionError(13, "Permission denied"))
    'cannot be written (Permission denied)'
    >>> from logicmodel.core.files import FileProblem
    >>> why_not_written(FileProblem("cannot be written (No space left on device)"))
    'cannot be written (No space left on device)'
    """
    return str(exc) if isinstance(exc, FileProblem) else f"cannot be written ({exc.strerror or type(exc).__name__})"


def write_or_say(out: TextIO, path: Where, content: Framework | bytes, done: str) -> bool:
    """Write ``content`` (a framework, in canonical form, or a format's bytes) to ``path`` in one step and
    print ``PATH: done``; or print ``PATH: why not`` and leave the file as it was. True when written.

    Never into a FIFO, never through a planted link (``logicmodel.core.files.write_file``).
    """
    try:
        if isinstance(content, Framework):
            save(content, path)  # the one writer of framework files
        else:
            write_file(path, content)
    except OSError as exc:  # a read-only folder, a full disk
        say(out, f"{path}: {why_not_written(exc)}")
        return False
    say(out, f"{path}: {done}")
    return True
