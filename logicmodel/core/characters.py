"""The one rule for which characters a framework's text may hold, so that every writer can carry it.

XML 1.0 allows tab, newline, carriage return and every character from U+0020 except the surrogate
halves (U+D800 to U+DFFF) and U+FFFE, U+FFFF. A label holding any other, such as U+0007 (bell) or
U+001B (escape), would make the poster a file no browser opens, so the format refuses them in every
text field (``Framework`` and its parts) and every writer of XML or HTML drops them as well, should one
ever get that far. Tabs and line breaks stay allowed everywhere: they can always be written.

The 66 Unicode noncharacters (U+FDD0 to U+FDEF, and the last two code points of every plane, U+FFFE,
U+1FFFE ... U+10FFFF) are for a program's own use, never for text passed on: Cairo (the Word report's
pictures) refuses a string holding one. They are invisible, so the model drops them from text as it reads
it (``without_noncharacters``), wherever the text comes from: typed, imported, or a file or a library
version written before this rule, which therefore still loads. Every other character is accepted and
written by every writer: private use, astral planes, combining marks, format characters.

>>> unwritable("Health walks\\x07 for all")
(12, '\\x07')
>>> unwritable("Health walks\\n for all") is None
True
>>> without_unwritable("Health\\x00 walks\\ufffe")
'Health walks'
"""

from __future__ import annotations

import re

__all__ = [
    "NONCHARACTERS",
    "UNWRITABLE_PATTERN",
    "check_text",
    "unwritable",
    "without_noncharacters",
    "without_unwritable",
]

UNWRITABLE_PATTERN = "[\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\ud800-\\udfff\\ufffe\\uffff]"
"""The characters text may not hold, as a regular expression that reads the same in Python and in
JSON Schema (ECMA-262): the published schema refuses text where it matches (``"not": {"pattern": ...}``)."""

_UNWRITABLE = re.compile(UNWRITABLE_PATTERN)

NONCHARACTERS = frozenset(
    [*map(chr, range(0xFDD0, 0xFDF0)), *(chr(plane << 16 | end) for plane in range(17) for end in (0xFFFE, 0xFFFF))]
)
"""The 66 Unicode noncharacters: dropped from text as it is read (U+FFFE and U+FFFF are refused first, as
characters XML cannot carry)."""

_NONCHARACTER = re.compile("[" + "".join(sorted(NONCHARACTERS - {"\ufffe", "\uffff"})) + "]")
_EITHER = re.compile(f"{UNWRITABLE_PATTERN}|{_NONCHARACTER.pattern}")


def without_noncharacters(text: str) -> str:
    """``text`` less its noncharacters (the model's reading of text, see above), but for U+FFFE and U+FFFF,
    which ``check_text`` refuses as it always has.

    >>> without_noncharacters("Health\ufdd0 walks\U0001fffe")
    'Health walks'
    """
    return _NONCHARACTER.sub("", text) if _NONCHARACTER.search(text) else text


def unwritable(text: str) -> tuple[int, str] | None:
    """The position (from 0) and character of the first character ``text`` may not hold, or None."""
    found = _UNWRITABLE.search(text)
    return None if found is None else (found.start(), found.group())


def check_text(text: str) -> str:
    """``text`` when it holds only characters that can be written; otherwise a ``ValueError`` that says
    which character and where, counting from 1 as a person does.

    >>> check_text("Bell\\x07")
    Traceback (most recent call last):
    ValueError: contains a control character (U+0007) at position 5
    """
    found = unwritable(text)
    if found is None:
        return text
    position, char = found
    what = "a control character" if char < " " else "a character that is not text"
    raise ValueError(f"contains {what} (U+{ord(char):04X}) at position {position + 1}")


def without_unwritable(text: str) -> str:
    """``text`` with every character XML cannot carry, and every noncharacter, removed: the last line of
    defence of each writer, should one get past the model."""
    return _EITHER.sub("", text)
