"""Errors as values: a problem says where it is and what is wrong, in plain words.

A message stays short whatever the file holds: at most ``MAX_SHOWN`` problems
are listed and the rest counted, and text quoted from the file (a key, a
value) is cut to an excerpt with its length.

>>> err = FrameworkError([Problem("nodes[3].level", "unknown level 'outcome'")])
>>> str(err)
"nodes[3].level: unknown level 'outcome'"

A problem about boxes carries them as data: ``Problem.about`` takes the message in parts, each box a
``Box`` (its id, and its label when known), and the box or link the problem is at as a ``Where``. Its
``message`` names boxes by id, as the file does (the command line prints it); ``words()`` names them by
label, for the screen (``logicmodel.core.wording.problem_line``). Nothing reads a message back.

>>> walk = Box("walk", "Health walks")
>>> p = Problem.about("links[0]", walk, " links to itself", where=Where("link", 0, (walk, walk)))
>>> p.message, p.words(), p.nodes, p.links
("'walk' links to itself", "'Health walks' links to itself", ('walk',), (('walk', 'walk'),))
"""

from __future__ import annotations

from typing import Any, Literal, NamedTuple

from pydantic import ValidationError

__all__ = [
    "Box",
    "FrameworkError",
    "Problem",
    "Where",
    "excerpt",
    "format_path",
    "quoted",
    "validation_problem",
    "validation_problems",
]

MAX_SHOWN = 50
"""Most problems listed in one error; the rest are counted."""

MAX_QUOTED = 60
"""Most characters of a file's text quoted in a message; longer text is cut, ending in '…'."""

COUNTED = 1_000
"""A quoted text longer than this is a field no person typed (a file's whole contents in one cell, say): its
length is given too, so the reader knows what was cut."""


class Box(NamedTuple):
    """A box a problem names: its ``id`` (as the file knows it) and its ``label`` (as the user does; ``""``
    when the file does not say)."""

    id: str
    label: str = ""

    def named(self, *, by_label: bool) -> str:
        """The box quoted in a message: by its label (cut short) when asked and known, else by its id."""
        if by_label and self.label.strip():
            return f"'{_short(self.label)}'"
        return f"'{self.id}'"


class Where(NamedTuple):
    """The box or link a problem is at: ``kind``, its position in the file's list (from 0), the box (or the
    link's two ends, as far as the file names them) and the field within it (``"level"``, ``""`` for the
    whole). A ``"new link"`` is one an edit would have added, at the next place."""

    kind: Literal["box", "link", "new link"]
    index: int
    boxes: tuple[Box, ...]
    field: str = ""


Part = str | Box
"""A piece of a problem's message: words, or a box to be named where the message is shown."""


class Problem(NamedTuple):
    """One reason a file cannot be used: ``path`` in the file (``""`` for the whole file) and a message.

    ``parts`` is the message with its boxes as ``Box`` (empty when it names none) and ``where`` the box or
    link it is at, if any: the ids a problem concerns are data (``nodes``, ``links``), never read back
    from its words. ``place`` is where the problem is in another tool's file that the framework was read
    from, as a person finds it there ("boxes.csv, row 5, column 'level'"); ``path`` stays the framework
    document's own (``nodes[3].level``), which the command line prints beside it and the screen does not.
    """

    path: str
    message: str
    parts: tuple[Part, ...] = ()
    where: Where | None = None
    place: str = ""

    @classmethod
    def about(cls, path: str, *parts: Part, where: Where | None = None) -> Problem:
        """A problem whose message is ``parts`` joined, each box named by its id."""
        return cls(path, _joined(parts, by_label=False), parts, where)

    @classmethod
    def worded(cls, path: str, *parts: Part, where: Where | None = None) -> Problem:
        """A problem whose message names each box by its label, as ``words()`` does: for a grid, whose rows and
        columns (``path``: "Row 2, Leads to") are the lead's, not the file's. Its boxes stay data all the same."""
        return cls(path, _joined(parts, by_label=True), parts, where)

    def words(self) -> str:
        """The message for the screen: each box named by its label."""
        return _joined(self.parts, by_label=True) if self.parts else self.message

    @property
    def nodes(self) -> tuple[str, ...]:
        """The ids of the boxes this problem concerns, in order, each once."""
        boxes = (self.where.boxes if self.where else ()) + tuple(p for p in self.parts if isinstance(p, Box))
        return tuple(dict.fromkeys(b.id for b in boxes if b.id))

    @property
    def links(self) -> tuple[tuple[str, str], ...]:
        """The link this problem is at, as ``(source, target)``, when the file names both its ends."""
        where = self.where
        if where is None or where.kind == "box" or len(where.boxes) != 2 or not all(b.id for b in where.boxes):
            return ()
        return ((where.boxes[0].id, where.boxes[1].id),)

    def __str__(self) -> str:
        at = f"{self.place} ({self.path})" if self.place and self.path else self.place or self.path
        return f"{at}: {self.message}" if at else self.message


def _joined(parts: tuple[Part, ...], *, by_label: bool) -> str:
    return "".join(p.named(by_label=by_label) if isinstance(p, Box) else p for p in parts)


MAX_LABEL = 60
"""Most characters of a label quoted in a message on screen; longer labels end in '…'."""


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_LABEL else text[: MAX_LABEL - 1] + "…"


class FrameworkError(ValueError):
    """A framework could not be read, or an edit would break it. ``problems`` lists why.

    ``found`` is the problems listed and ``hidden`` how many more there were; ``problems`` is ``found``
    with a last line counting those (``... and 45 more problems``), as the command line prints it.
    ``repairable`` says that a repair (``logicmodel.editing.repair``) would read the file by leaving out what is
    listed: the command line says so in its words (``--repair``), the app in its own ("Open anyway").
    """

    def __init__(self, problems: list[Problem], more: int = 0, *, repairable: bool = False):
        """``more`` counts further problems that were found but not kept (a reader stops collecting early)."""
        self.repairable = repairable
        self.found = problems[:MAX_SHOWN]
        self.hidden = max(0, len(problems) - len(self.found) + more)
        self.problems = list(self.found)
        if self.hidden:
            self.problems.append(Problem("", f"... and {self.hidden} more problem{'' if self.hidden == 1 else 's'}"))
        super().__init__("\n".join(str(p) for p in self.problems))

    def __reduce__(self) -> tuple[object, ...]:
        """Pickled as its problems (for an error sent back from a worker process, ``logicmodel.jobs.worker``)."""
        return (type(self), (self.found, self.hidden))


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

    >>> excerpt("a" * 9_000_000, 40)
    'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa…'
    """
    return text if len(text) <= limit else text[:limit] + "…"


def quoted(text: str, limit: int = MAX_QUOTED) -> str:
    """Text from a file, quoted in a message: a label as long as the screen shows one is quoted whole, a longer
    text cut to an excerpt, and one far longer than anyone types given its length too.

    >>> quoted("colour"), quoted("two\\nlines"), quoted("Older residents in the east of the borough walk more")
    ("'colour'", "'two lines'", "'Older residents in the east of the borough walk more'")
    >>> quoted("a" * 70), quoted("a" * 9_000_000, 10)
    ("'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa…'", "'aaaaaaaaaa…' (9,000,000 characters)")
    """
    lines = text.splitlines()  # a message is one line: a cell of two lines (by any line break) is quoted on one
    if lines != [text]:
        text = " ".join(lines)
    if len(text) <= limit:
        return f"'{text}'"
    return f"'{excerpt(text, limit)}'" + (f" ({len(text):,} characters)" if len(text) > COUNTED else "")


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

    >>> from logicmodel.core.models import Node
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
    if field == "area_code":
        return "should be an ONS area code: a letter and eight digits, such as E06000030"
    return "should not be blank"
