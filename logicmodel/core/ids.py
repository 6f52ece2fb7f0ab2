"""Ids made from words: the one way the engine and the app make a new id (a box's, a level's, a stakeholder's, a
part merged in or read from another tool's file) and the one short, safe name made from a title.

An id is the label in lower-case letters, digits and '-', accents dropped ("Café à vélo" is ``cafe-a-velo``),
cut to leave room for a number, and numbered from 2 when it is taken ("walks", "walks-2", "walks-3"), so it
always matches the format's pattern for ids and fits its length (``logicmodel.core.limits.MAX_ID``).

>>> taken = Taken({"walks"})
>>> new_id("Walks", taken), new_id("Walks", taken), new_id("★", taken), new_id("Outputs", taken, "level")
('walks-2', 'walks-3', 'box', 'outputs')
>>> slug("Active Enfield: outcomes framework")
'active-enfield-outcomes-framework'
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from logicmodel.core.limits import MAX_ID

__all__ = ["ROOM", "Taken", "new_id", "slug"]

ROOM = MAX_ID - 6
"""Most characters of an id's words: the rest is room for a number ("-99999")."""

_NOT_ALLOWED = re.compile(r"[^a-z0-9]+")


def slug(text: str, default: str = "framework", max_chars: int = 60) -> str:
    """``text`` as a short name safe in a file name or an id: lower-case letters, digits and '-', accents
    dropped, at most ``max_chars``; ``default`` when nothing is left. A download's file name is the
    framework's title so (``slug(fw.meta.title)``); every id's words are made so (``new_id``).

    >>> slug("Active Enfield: outcomes framework"), slug("Café à vélo"), slug("!!!", "box")
    ('active-enfield-outcomes-framework', 'cafe-a-velo', 'box')
    """
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return _NOT_ALLOWED.sub("-", text.lower()).strip("-")[:max_chars].strip("-") or default


class Taken(set[str]):
    """Ids in use, and for each id made from words the next number to try after it: the 20,000th box labelled
    "Walks" gets its id ("walks-20000") in one step, not by trying "walks-2" ... "walks-19999" again."""

    def __init__(self, ids: Iterable[str] = ()) -> None:
        super().__init__(ids)
        self.next_number: dict[str, int] = {}


def new_id(text: str, taken: set[str], default: str = "box") -> str:
    """A new id made from ``text``, not in ``taken``, which it is added to; ``default`` (e.g. ``"level"``) when
    ``text`` has no letter or digit to make it from.

    With ``taken`` a ``Taken``, each id costs a step or two however many share the same words.

    >>> taken = Taken()
    >>> new_id("Walking for health", taken), new_id("Walking for health", taken), new_id("Über!", taken)
    ('walking-for-health', 'walking-for-health-2', 'uber')
    """
    base = slug(text, default, ROOM)
    numbers = taken.next_number if isinstance(taken, Taken) else {}
    n = numbers.get(base, 1)
    candidate = base if n == 1 else f"{base}-{n}"
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    numbers[base] = n
    taken.add(candidate)
    return candidate
