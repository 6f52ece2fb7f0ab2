"""What the library hands back: a saved framework, a line of the list, a line of history."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from logicmodel.core.models import Framework
from logicmodel.core.version_kinds import VersionKind
from logicmodel.store.access import Access

__all__ = ["Saved", "Share", "Sharing", "Summary", "VersionInfo"]


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
    owner: str | None = field(default=None, compare=False)
    """The owner's email; None when it belongs to no one (open to everyone)."""
    access: Access = field(default=Access.OWNER, compare=False)
    """What the acting user may do with it: view, edit or own (``logicmodel.store.access``)."""


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
    owner: str | None = None
    """The owner's email; None when it belongs to no one (open to everyone)."""
    access: Access = Access.OWNER
    """What the acting user may do with it: view, edit or own (``logicmodel.store.access``)."""


@dataclass(frozen=True)
class VersionInfo:
    """One saved version: when, by whom, what changed, which version it restored (if any), and which kind of
    save made it (an edit, an undo, a redo, a restore or an import: what undo and redo go by)."""

    version: int
    saved_at: datetime
    author: str
    summary: str
    restored_from: int | None = None
    kind: VersionKind = VersionKind.EDIT


@dataclass(frozen=True)
class Share:
    """One person (an email), or everyone who signs in (``person == "*"``), and what they may do."""

    person: str
    role: str
    """'viewer' or 'editor'."""
    shared_at: datetime
    shared_by: str


@dataclass(frozen=True)
class Sharing:
    """Who a framework belongs to and who else may open it."""

    owner: str | None
    shares: tuple[Share, ...] = ()
