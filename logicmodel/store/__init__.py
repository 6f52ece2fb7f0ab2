"""The saved library: frameworks with their history in SQLite or PostgreSQL.

>>> from logicmodel.store import Library, StoreError, Conflict, NotFound, Saved, Summary, VersionInfo

One module a job: ``connect`` (the URL, the engine, SQLite's settings, errors
as one line), ``tables`` (the schema), ``migrate`` and ``migrations/``
(Alembic, run on open, once however many start together), ``upkeep`` (the
schema looked at without changing it, and upgraded on command: ``library migrate``,
``migrate --check``, ``check``), ``library`` (every operation), ``records`` (what it
returns), ``errors``, ``limits``, ``backup``, ``rotation`` (dated backups, keep N)
and ``cli`` (``library`` command). Each version records
its kind (``VersionKind``: edit, undo, redo, restore, import), which undo and redo go by.

Sign-in (issue 15): ``access`` says who is acting (``User``, ``EVERYONE``
without sign-in, ``administrator()`` on the command line) and what each may
do with a framework. A library acts for one actor (``Library.open(actor=...)``,
``lib.for_user(actor)``), and every query that reads or writes a framework
carries that actor's access as a condition, so a refusal happens in the store.

Comments (issue 24): ``Library.comment``, ``reply``, ``resolve``, ``reopen``, ``threads``,
``comment_counts`` and ``new_since`` keep threads on a framework, a box or a link in the
``comments`` table, beside the framework and never in its document; a commenter
(``Access.COMMENTER``) may write them but never change the framework.
"""

from logicmodel.core.version_kinds import VersionKind
from logicmodel.store.access import EVERYONE, EVERYONE_SIGNED_IN, Access, Actor, User, administrator
from logicmodel.store.errors import Conflict, NotAllowed, NotFound, NotShared, StoreError, TooLarge
from logicmodel.store.library import Library
from logicmodel.store.records import (
    Comment,
    CommentCounts,
    NewSince,
    Saved,
    Share,
    Sharing,
    Summary,
    Thread,
    VersionInfo,
)

__all__ = [
    "EVERYONE",
    "EVERYONE_SIGNED_IN",
    "Access",
    "Actor",
    "Comment",
    "CommentCounts",
    "Conflict",
    "Library",
    "NewSince",
    "NotAllowed",
    "NotFound",
    "NotShared",
    "Saved",
    "Share",
    "Sharing",
    "StoreError",
    "Summary",
    "Thread",
    "TooLarge",
    "User",
    "VersionInfo",
    "VersionKind",
    "administrator",
]
