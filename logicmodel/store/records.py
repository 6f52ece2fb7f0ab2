"""What the library hands back: a saved framework, a line of the list, a line of history."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from logicmodel.models import Framework

__all__ = ["Saved", "Summary", "VersionInfo"]


@dataclass(frozen=True)
class Saved:
    """A framework as stored: its id, its version number and who saved it when.

    ``pruned`` lists the old version numbers this save removed from history
    to stay within the limit (``logicmodel.store.limits.MAX_VERSIONS``); usually empty.
    """

    id: str
    version: int
    framework: Framework
    title: str
    organisation: str | None
    area: str | None
    updated_at: datetime
    updated_by: str
    pruned: tuple[int, ...] = field(default=(), compare=False)


@dataclass(frozen=True)
class Summary:
    """One framework in the library's list (no document: listing stays quick)."""

    id: str
    title: str
    organisation: str | None
    area: str | None
    updated_at: datetime
    updated_by: str
    version: int
    deleted_at: datetime | None = None


@dataclass(frozen=True)
class VersionInfo:
    """One saved version: when, by whom, what changed, and which version it restored (if any)."""

    version: int
    saved_at: datetime
    author: str
    summary: str
    restored_from: int | None = None
