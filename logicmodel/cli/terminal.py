"""Text for a terminal: what a file holds is shown, never obeyed.

A label, a key or a file name can hold ESC, BEL, a carriage return or a
right-to-left override: printed raw, a framework could set the terminal's
title, erase lines or forge a "valid" line. Every human-readable line the
command line prints goes through ``printable``, which writes such characters
as escapes. A file name that is not UTF-8 (its stray bytes kept by Python as
lone surrogates) shows its bytes the same way, rather than stopping the print.

>>> printable("Walks\\x1b]0;pwned\\x07 \\u202egnp.exe\\r")
'Walks\\\\x1b]0;pwned\\\\x07 \\\\u202egnp.exe\\\\r'
>>> printable("caf\\udce9.json")
'caf\\\\xe9.json'
>>> printable("Café · Ysgol Gymraeg")
'Café · Ysgol Gymraeg'
"""

from __future__ import annotations

from typing import TextIO

__all__ = ["printable", "say"]

_BIDI = (0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A))
"""Marks and overrides that change the direction of the text around them."""


def _escapes() -> dict[int, str]:
    table = {code: f"\\x{code:02x}" for code in (*range(0x20), *range(0x7F, 0xA0))}  # C0, DEL, C1
    table |= {ord("\t"): "\\t", ord("\n"): "\\n", ord("\r"): "\\r"}
    table |= {code: f"\\u{code:04x}" for code in (*_BIDI, 0x2028, 0x2029)}  # and line/paragraph separators
    table |= {0xDC00 + byte: f"\\x{byte:02x}" for byte in range(0x80, 0x100)}  # bytes of a non-UTF-8 name
    return table


_ESCAPES = _escapes()


def printable(text: object) -> str:
    """``text`` with control characters, direction overrides and undecodable bytes written as escapes."""
    text = str(text).translate(_ESCAPES)
    if not text.isascii():  # any other lone surrogate could not be printed either
        text = text.encode("utf-8", "backslashreplace").decode("utf-8")
    return text


def say(out: TextIO, line: str) -> None:
    """Print one human-readable line to ``out``, shown with ``printable``."""
    print(printable(line), file=out)
