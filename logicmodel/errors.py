"""Errors as values: a problem says where it is and what is wrong, in plain words.

>>> err = FrameworkError([Problem("nodes[3].level", "unknown level 'outcome'")])
>>> str(err)
"nodes[3].level: unknown level 'outcome'"
"""

from __future__ import annotations

from typing import NamedTuple

__all__ = ["FrameworkError", "Problem", "format_path"]

MAX_SHOWN = 50
"""Most problems listed in one error; the rest are counted."""


class Problem(NamedTuple):
    """One reason a file cannot be used: ``path`` in the file (``""`` for the whole file) and a message."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class FrameworkError(ValueError):
    """A framework could not be read, or an edit would break it. ``problems`` lists why."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems[:MAX_SHOWN]
        hidden = len(problems) - len(self.problems)
        if hidden > 0:
            self.problems.append(Problem("", f"... and {hidden} more problems"))
        super().__init__("\n".join(str(p) for p in self.problems))


def format_path(loc: tuple[str | int, ...]) -> str:
    """Write a location as the file's path, e.g. ``('nodes', 3, 'level')`` as ``nodes[3].level``.

    >>> format_path(("nodes", 3, "indicators", 0, "name"))
    'nodes[3].indicators[0].name'
    """
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out
