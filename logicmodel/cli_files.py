"""Reading framework files for the commands that take more than one (``diff``, ``merge``, ``adapt``).

A file that cannot be read prints each of its problems on a line of its own, named by the file
(``mine.json: nodes[3].label: ...``), and the command stops: nothing is compared or written.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

from logicmodel.errors import FrameworkError
from logicmodel.models import Framework
from logicmodel.readwrite import load
from logicmodel.terminal import say

__all__ = ["load_each", "say_problems"]


def say_problems(out: TextIO, where: Path | str, err: FrameworkError) -> None:
    """Each problem of ``err`` on a line, after the file it is about."""
    for problem in err.problems:
        say(out, f"{where}: {problem}")


def load_each(paths: Iterable[Path], out: TextIO) -> list[Framework] | None:
    """Every file's framework, in order; None, once the first file that cannot be read has said why."""
    frameworks = []
    for path in paths:
        try:
            frameworks.append(load(path))
        except FrameworkError as err:
            say_problems(out, path, err)
            return None
    return frameworks
