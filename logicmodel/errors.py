"""Errors as values: a problem says where it is and what is wrong, in plain words.

>>> err = FrameworkError([Problem("nodes[3].level", "unknown level 'outcome'")])
>>> str(err)
"nodes[3].level: unknown level 'outcome'"
"""

from __future__ import annotations

from typing import Any, NamedTuple

from pydantic import ValidationError

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


_MESSAGES = {
    "missing": "required, but missing",
    "extra_forbidden": "unknown field",
    "string_type": "should be a text",
    "string_unicode": "contains half a character (a lone surrogate), which is not text",
    "int_type": "should be a whole number",
    "float_type": "should be a number",
    "list_type": "should be a list",
    "tuple_type": "should be a list",
    "model_type": "should be an object",
    "dict_type": "should be an object",
    "bool_type": "should be true or false",
}


def validation_problems(exc: ValidationError, prefix: tuple[str | int, ...] = ()) -> list[Problem]:
    """pydantic's errors in the user's words, each at its path (under ``prefix``, for a part of a framework).

    >>> from logicmodel.models import Node
    >>> try:
    ...     Node.model_validate({"id": "a", "level": "activity", "label": "", "colour": "red"})
    ... except ValidationError as exc:
    ...     [str(p) for p in validation_problems(exc, ("nodes", 3))]
    ['nodes[3].label: should not be empty', "nodes[3].colour: unknown field 'colour'"]
    """
    return [_problem(error, prefix) for error in exc.errors(include_url=False)]


def _problem(error: Any, prefix: tuple[str | int, ...] = ()) -> Problem:
    """Turn one pydantic error into a problem in the user's words."""
    loc = prefix + tuple(error["loc"])
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if kind == "extra_forbidden":
        return Problem(format_path(loc), f"unknown field '{str(loc[-1])[:64]}'")
    if kind == "literal_error":
        message = f"should be {ctx.get('expected', 'one of the allowed values')}"
    elif kind == "string_too_short":
        message = "should not be empty"
    elif kind == "string_too_long":
        message = f"is too long: at most {ctx.get('max_length')} characters"
    elif kind == "too_long":
        message = f"has too many entries: at most {ctx.get('max_length')}"
    elif kind == "too_short":
        least = ctx.get("min_length")
        message = "should not be empty" if least == 1 else f"should have at least {least} entries"
    elif kind == "string_pattern_mismatch":
        message = _pattern_message(loc)
    elif kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        message = error["msg"].replace("Input should be", "should be")
    elif kind == "value_error":
        message = str(ctx.get("error", error["msg"]))
    else:
        message = _MESSAGES.get(kind, error["msg"].replace("Input should be", "should be"))
    return Problem(format_path(loc), message)


def _pattern_message(loc: tuple[str | int, ...]) -> str:
    field = loc[-1] if loc else ""
    if field in ("id", "level", "source", "target") or (len(loc) > 1 and loc[-2] == "stakeholders"):
        return "should be 1 to 64 letters, digits, '-', '_' or '.'"
    if field == "url":
        return "should be a web address starting http:// or https://"
    if field == "currency":
        return "should be a three-letter currency code such as GBP"
    return "should not be blank"
