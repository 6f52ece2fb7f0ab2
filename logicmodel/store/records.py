"""What the library hands back: a saved framework, a line of the list, a line of history, a comment."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from logicmodel.core.models import Framework
from logicmodel.core.version_kinds import VersionKind
from logicmodel.store.access import Access

__all__ = ["Comment", "CommentCounts", "NewSince", "Saved", "Share", "Sharing", "Summary", "Thread", "VersionInfo"]


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
    """What the acting user may do with it: view, comment, edit or own (``logicmodel.store.access``)."""


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
    """What the acting user may do with it: view, comment, edit or own (``logicmodel.store.access``)."""


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
    """'viewer', 'commenter' or 'editor' (``logicmodel.store.access.ROLES``)."""
    shared_at: datetime
    shared_by: str


@dataclass(frozen=True)
class Sharing:
    """Who a framework belongs to and who else may open it."""

    owner: str | None
    shares: tuple[Share, ...] = ()


@dataclass(frozen=True)
class Comment:
    """One comment: on the framework, on a box (``box``) or on a link (``link``: its source and target box ids).

    ``thread`` is None for a thread's first comment, else the id of that first comment (a reply). Only a
    thread's first comment carries ``resolved_at`` and ``resolved_by``. ``body`` is exactly what was typed:
    whoever shows it escapes it.
    """

    id: int
    framework_id: str
    thread: int | None
    box: str | None
    link: tuple[str, str] | None
    author: str
    """Who wrote it, as history names people (a signed-in person's name, else their email)."""
    author_email: str | None
    """The signed-in author's email (what "their own thread" goes by); None without sign-in."""
    body: str
    created_at: datetime
    resolved_at: datetime | None = None
    resolved_by: str | None = None

    @property
    def on(self) -> str:
        """'framework', 'box' or 'link': what the comment is about."""
        return "box" if self.box is not None else "link" if self.link is not None else "framework"


@dataclass(frozen=True)
class Thread:
    """A thread: its first comment (what it is on, whether it is resolved) and its replies, oldest first."""

    first: Comment
    replies: tuple[Comment, ...] = ()

    @property
    def id(self) -> int:
        return self.first.id

    @property
    def resolved(self) -> bool:
        return self.first.resolved_at is not None

    @property
    def comments(self) -> tuple[Comment, ...]:
        """The first comment, then the replies."""
        return (self.first, *self.replies)


@dataclass(frozen=True)
class CommentCounts:
    """Open threads of a framework: on the framework itself, per box id and per link (source, target)."""

    framework: int = 0
    boxes: dict[str, int] = field(default_factory=dict)
    links: dict[tuple[str, str], int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return self.framework + sum(self.boxes.values()) + sum(self.links.values())


@dataclass(frozen=True)
class NewSince:
    """What happened to a framework after a moment: comments written (oldest first) and versions saved
    (newest first, as history lists them)."""

    since: datetime
    comments: tuple[Comment, ...] = ()
    versions: tuple[VersionInfo, ...] = ()
