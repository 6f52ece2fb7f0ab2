"""Errors as values: a problem says where it is and what is wrong, in plain words.

A message stays short whatever the file holds: at most ``MAX_SHOWN`` problems
are listed and the rest counted, and text quoted from the file (a key, a
value) is cut to an excerpt with its length.

>>> err = FrameworkError([Problem("nodes[3].level", "unknown level 'outcome'")])
>>> str(err)
"nodes[3].level: unknown level 'outcome'"
"""

from __future__ import annotations

from typing import Any, NamedTuple

from pydantic import ValidationError

__all__ = ["FrameworkError", "Problem", "excerpt", "format_path", "quoted", "validation_problem", "validation_problems"]

MAX_SHOWN = 50
"""Most problems listed in one error; the rest are counted."""

MAX_QUOTED = 40
"""Most characters of a file's text quoted in a message; longer text is cut, and its length given."""


class Problem(NamedTuple):
    """One reason a file cannot be used: ``path`` in the file (``""`` for the whole file) and a message."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class FrameworkError(ValueError):
    """A framework could not be read, or an edit would break it. ``problems`` lists why."""

    def __init__(self, problems: list[Problem], more: int = 0):
        """``more`` counts further problems that were found but not kept (a reader stops collecting early)."""
        self.problems = problems[:MAX_SHOWN]
        hidden = len(problems) - len(self.problems) + more
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
            out += f".{excerpt(str(part))}" if out else excerpt(str(part))
    return out


def excerpt(text: str, limit: int = MAX_QUOTED) -> str:
    """``text`` cut to ``limit`` characters, ending in '…' when cut.

    >>> excerpt("a" * 9_000_000)
    'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa…'
    """
    return text if len(text) <= limit else text[:limit] + "…"


def quoted(text: str, limit: int = MAX_QUOTED) -> str:
    """Text from a file, quoted in a message: cut to an excerpt with its length when long.

    >>> quoted("colour")
    "'colour'"
    >>> quoted("a" * 9_000_000)
    "'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa…' (9,000,000 characters)"
    """
    return f"'{text}'" if len(text) <= limit else f"'{excerpt(text, limit)}' ({len(text):,} characters)"


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
    return [validation_problem(error, prefix) for error in exc.errors(include_url=False)]


def validation_problem(error: Any, prefix: tuple[str | int, ...] = ()) -> Problem:
    """Turn one pydantic error (a dict of ``ValidationError.errors()``) into a problem in the user's words."""
    loc = prefix + tuple(error["loc"])
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if kind == "extra_forbidden":
        return Problem(format_path(loc), f"unknown field {quoted(str(loc[-1]))}")
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
    elif kind in _BOUNDS:
        word, key = _BOUNDS[kind]
        message = f"should be {word} {_number(ctx.get(key))}"
    elif kind == "value_error":
        message = str(ctx.get("error", error["msg"]))
    else:
        message = _MESSAGES.get(kind, error["msg"].replace("Input should be", "should be"))
    return Problem(format_path(loc), message)


_BOUNDS = {
    "greater_than_equal": ("at least", "ge"),
    "less_than_equal": ("at most", "le"),
    "greater_than": ("more than", "gt"),
    "less_than": ("less than", "lt"),
}


def _number(value: object) -> str:
    """A limit as a person writes it: ``1e15`` as ``1,000,000,000,000,000``."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value:,}" if isinstance(value, int) else str(value)


def _pattern_message(loc: tuple[str | int, ...]) -> str:
    field = loc[-1] if loc else ""
    if field in ("id", "level", "source", "target") or (len(loc) > 1 and loc[-2] == "stakeholders"):
        return "should be 1 to 64 letters, digits, '-', '_' or '.'"
    if field == "url":
        return "should be a web address starting http:// or https://"
    if field == "currency":
        return "should be a three-letter currency code such as GBP"
    return "should not be blank"
