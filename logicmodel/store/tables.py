"""The database's tables, as SQLAlchemy Core metadata; Alembic's migrations build exactly these.

``frameworks`` has one row a framework: the metadata the list shows and
searches, the current version number (the optimistic lock) and the digest of
the current document, and its owner's email (none: it belongs to no one, open to everyone; see
``logicmodel.store.access``). ``shares`` says who else may open or edit it: a person's email, or
``EVERYONE_SIGNED_IN`` for everyone who signs in, as viewer, commenter or editor. ``versions`` holds every kept
version's canonical JSON document with who saved it, when and why; the current document is the row
whose number is ``frameworks.version``, so a save writes the document once. Its ``kind`` says which
save made it (``logicmodel.core.version_kinds.VersionKind``: edit, undo, redo, restore or import); undo and
redo read it, never the summary's words. ``comments`` holds the conversation about a framework, apart
from its document: each comment is on the framework, a box (``box_id``) or a link (``link_from``,
``link_to``); a reply names its thread's first comment (``thread_id``), which alone records whether the
thread is resolved. ``presence`` says which tabs have a framework open now: one row a tab, renewed every
few seconds (``logicmodel.store.presence``), never part of history or a backup. ``looked`` says when each
person (``who``: a signed-in email, or without sign-in the name the browser gave) last looked at a
framework (``Library.looked``), so a page can say what is new since; not part of a backup either.

A test checks that these tables and the migrations agree.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    Column,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
)

__all__ = [
    "EVERYONE_SIGNED_IN",
    "UTCDateTime",
    "comments",
    "frameworks",
    "looked",
    "metadata",
    "presence",
    "shares",
    "versions",
]

metadata = MetaData()

EVERYONE_SIGNED_IN = "*"
"""``shares.person`` for a share with everyone who signs in (no email address is ``*``)."""


class UTCDateTime(TypeDecorator[datetime]):
    """A moment in UTC: stored as UTC on every backend, always read back as an aware datetime."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("a moment needs its time zone")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


frameworks = Table(
    "frameworks",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("title", String(200), nullable=False),
    Column("organisation", String(200)),
    Column("area", String(200)),
    Column("search", Text, nullable=False, server_default=""),
    Column("version", Integer, nullable=False),
    Column("digest", String(64), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("created_by", String(200), nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    Column("updated_by", String(200), nullable=False),
    Column("deleted_at", UTCDateTime),
    Column("deleted_by", String(200)),
    Column("owner", String(320)),
    Index("ix_frameworks_updated_at", "updated_at"),
    Index("ix_frameworks_owner", "owner"),
)

versions = Table(
    "versions",
    metadata,
    Column("framework_id", String(32), ForeignKey("frameworks.id", ondelete="CASCADE"), primary_key=True),
    Column("version", Integer, primary_key=True),
    Column("saved_at", UTCDateTime, nullable=False),
    Column("author", String(200), nullable=False),
    Column("summary", String(300), nullable=False),
    Column("restored_from", Integer),
    Column("document", Text, nullable=False),
    Column("kind", String(10), nullable=False, server_default="edit"),
)

shares = Table(
    "shares",
    metadata,
    Column("framework_id", String(32), ForeignKey("frameworks.id", ondelete="CASCADE"), primary_key=True),
    Column("person", String(320), primary_key=True),
    Column("role", String(10), nullable=False),
    Column("shared_at", UTCDateTime, nullable=False),
    Column("shared_by", String(200), nullable=False),
    Index("ix_shares_person", "person"),
)

comments = Table(
    "comments",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("framework_id", String(32), ForeignKey("frameworks.id", ondelete="CASCADE"), nullable=False),
    Column("thread_id", Integer, ForeignKey("comments.id", ondelete="CASCADE")),
    Column("box_id", String(64)),
    Column("link_from", String(64)),
    Column("link_to", String(64)),
    Column("author", String(200), nullable=False),
    Column("author_email", String(320)),
    Column("body", Text, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("resolved_at", UTCDateTime),
    Column("resolved_by", String(200)),
    Index("ix_comments_open_threads", "framework_id", "thread_id", "resolved_at"),
    Index("ix_comments_box", "framework_id", "box_id"),
    Index("ix_comments_thread", "thread_id"),
    Index("ix_comments_created_at", "framework_id", "created_at"),
)

presence = Table(
    "presence",
    metadata,
    Column("framework_id", String(32), ForeignKey("frameworks.id", ondelete="CASCADE"), primary_key=True),
    Column("session", String(64), primary_key=True),
    Column("person", String(320)),
    Column("name", String(200), nullable=False),
    Column("page", String(60), nullable=False),
    Column("seen_at", UTCDateTime, nullable=False),
    Index("ix_presence_seen_at", "seen_at"),
)

looked = Table(
    "looked",
    metadata,
    Column("framework_id", String(32), ForeignKey("frameworks.id", ondelete="CASCADE"), primary_key=True),
    Column("who", String(320), primary_key=True),
    Column("looked_at", UTCDateTime, nullable=False),
)
