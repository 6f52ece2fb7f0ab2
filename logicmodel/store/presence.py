"""Who else has a framework open now, and what has been saved since a tab loaded it: what live tabs poll.

A tab with a framework open says so every few seconds (``Library.here``: one upsert of one row); it asks
who else is there (``Library.who_is_here``: one query) and whether a newer version was saved
(``Library.latest_version``: one row by primary key). When there is one, ``Library.versions_between`` gives
the versions saved since, and ``in_words`` says who changed what from their summaries, the history's own
words (no new comparing of frameworks). Presence follows access: a stranger can neither say they are in a
framework nor learn who is. Rows no tab has renewed for ``KEEP_S`` are swept away, by each server at most
once every ``SWEEP_EVERY_S``, with one indexed delete.

>>> from datetime import UTC, datetime
>>> from logicmodel.store.records import VersionInfo
>>> at = datetime(2026, 12, 6, 20, 40, tzinfo=UTC)
>>> in_words([VersionInfo(5, at, "Priya", "Renamed box 'Walks' to 'Health walks'")])
"Priya saved: Renamed box 'Walks' to 'Health walks'"
>>> in_words([VersionInfo(5, at, "Priya", "Added 'Swims'"), VersionInfo(6, at, "Sam", "Deleted 'Walks'")])
"Priya and Sam saved 2 changes: Added 'Swims'; Deleted 'Walks'"
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple

from logicmodel.store.errors import StoreError
from logicmodel.store.records import VersionInfo

__all__ = [
    "KEEP_S",
    "MAX_PAGE",
    "SWEEP_EVERY_S",
    "WITHIN_S",
    "Latest",
    "Present",
    "in_words",
    "session_id",
]

WITHIN_S = 60
"""Seconds since a tab last said it was there after which it no longer counts as there."""
KEEP_S = 600
"""Seconds after which a row no tab renewed is swept away (a tab closed, a server stopped)."""
SWEEP_EVERY_S = 60
"""Each server sweeps old rows at most this often."""
MAX_PAGE = 60
"""Longest page name kept."""
MAX_LISTED = 3
"""Most summaries ``in_words`` lists; the rest are counted."""

_SESSION = re.compile(r"^[A-Za-z0-9_-]{8,64}$")


class Latest(NamedTuple):
    """The current version of a framework: its number, who saved it, when, and their summary."""

    version: int
    author: str
    saved_at: datetime
    summary: str


@dataclass(frozen=True)
class Present:
    """Someone with the framework open now: their name, the page they are on, when their tab last said so."""

    name: str
    page: str
    seen_at: datetime


def session_id(text: str) -> str:
    """A tab's session id as the library keeps it (8 to 64 letters, digits, ``-`` or ``_``), else ``StoreError``."""
    if not isinstance(text, str) or not _SESSION.match(text):
        raise StoreError(f"{str(text)[:20]!r} is not a tab's session id (8 to 64 letters, digits, - or _)")
    return text


def in_words(saved: Sequence[VersionInfo], limit: int = MAX_LISTED) -> str:
    """Who saved what, from their versions (oldest first): "Priya saved: Renamed box ..." ("" for none)."""
    if not saved:
        return ""
    names = list(dict.fromkeys(info.author for info in saved))
    who = names[0] if len(names) == 1 else ", ".join(names[:-1]) + f" and {names[-1]}"
    if len(saved) == 1:
        return f"{who} saved: {saved[0].summary}"
    listed = "; ".join(info.summary for info in saved[-limit:])
    more = f" (and {len(saved) - limit} before)" if len(saved) > limit else ""
    return f"{who} saved {len(saved)} changes: {listed}{more}"
