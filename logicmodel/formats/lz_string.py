"""Text packed by lz-string's ``compressToUTF16``, unpacked within a bound: how PRSM saves its maps.

Each character carries 15 bits (its code less 32); the bits are read in the order lz-string writes them, in
steps of a few small integer operations, not bit by bit, so a file of the largest size is unpacked in a second
or two. The unpacked text is counted as it grows: past ``most`` characters it stops, saying so, so a small file
cannot unpack to gigabytes (each new word of the dictionary is a word before it and one character more).

>>> unpack_utf16("სಠ ", 100)
'ab'
>>> unpack_utf16("not packed", 100) is None
True
"""

from __future__ import annotations

from functools import cache

from logicmodel.core.errors import FrameworkError, Problem

__all__ = ["unpack_utf16"]


@cache
def _reversed15() -> tuple[int, ...]:
    """Each 15-bit value with its bits in the other order: lz-string reads a value's highest bit first."""
    return tuple(int(f"{value:015b}"[::-1], 2) for value in range(1 << 15))


class _Bits:
    """The packed text as a stream of bits, read a few at a time, the first bit read the lowest of the number."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.index = 0
        self.buffer = 0
        self.have = 0
        self.table = _reversed15()

    def read(self, count: int) -> int | None:
        """The next ``count`` bits as a number, or None when the text ends first."""
        while self.have < count:
            if self.index >= len(self.text):
                return None
            value = ord(self.text[self.index]) - 32
            self.index += 1
            if not 0 <= value < 1 << 15:
                return None
            self.buffer |= self.table[value] << self.have
            self.have += 15
        out = self.buffer & ((1 << count) - 1)
        self.buffer >>= count
        self.have -= count
        return out


def unpack_utf16(text: str, most: int) -> str | None:
    """The text ``compressToUTF16`` packed into ``text``, or None when it is not such text;
    ``FrameworkError`` once it unpacks to more than ``most`` characters."""
    bits = _Bits(text)
    first = bits.read(2)
    if first is None or first == 2 or first == 3:
        return None
    char = bits.read(8 if first == 0 else 16)
    if char is None:
        return None
    dictionary: list[str] = ["", "", "", chr(char)]
    width = 3
    enlarge_in = 4
    word = chr(char)
    parts = [word]
    size = 1
    while True:
        code = bits.read(width)
        if code is None:
            return None
        if code in (0, 1):
            char = bits.read(8 if code == 0 else 16)
            if char is None:
                return None
            dictionary.append(chr(char))
            code = len(dictionary) - 1
            enlarge_in -= 1
        elif code == 2:  # JavaScript's text is UTF-16 code units: a pair of surrogates is one character
            return "".join(parts).encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
        if enlarge_in == 0:
            enlarge_in = 1 << width
            width += 1
        if code < len(dictionary) and code >= 3:
            entry = dictionary[code]
        elif code == len(dictionary):
            entry = word + word[0]
        else:
            return None
        parts.append(entry)
        size += len(entry)
        if size > most:
            raise FrameworkError([Problem("", f"the packed map unpacks to more than {most:,} characters: too large")])
        dictionary.append(word + entry[0])
        enlarge_in -= 1
        word = entry
        if enlarge_in == 0:
            enlarge_in = 1 << width
            width += 1
