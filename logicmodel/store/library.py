"""The library: every framework a council has saved, with its history, in one database.

Each save is a new version, checked against the version the writer loaded
(optimistic locking): ``UPDATE frameworks ... WHERE id = :id AND version =
:expected`` and the new version's row are written in one transaction, so of
two writers who loaded the same version exactly one wins and the other gets
``Conflict`` with who changed it and what, on SQLite and PostgreSQL alike.

Documents are the canonical JSON of ``logicmodel.core.readwrite.dumps``, read back
with ``logicmodel.core.readwrite.loads``: the library has no JSON path of its own.

>>> import tempfile
>>> from logicmodel.editing.edit import new_framework, update_meta
>>> lib = Library.open(f"sqlite:///{tempfile.mkdtemp()}/library.db")
>>> saved = lib.create(new_framework("Active Swindon", "Swindon Borough Council"), author="Ann")
>>> saved.version, saved.title
(1, 'Active Swindon')
>>> fw = update_meta(saved.framework, area="Swindon")
>>> lib.save(saved.id, fw, expected_version=1, author="Ben", summary="Set the area").version
2
>>> try:
...     lib.save(saved.id, fw, expected_version=1, author="Cat", summary="Also set the area")
... except Conflict as conflict:
...     print(conflict.current.version, conflict.since[0].author)
2 Ben
>>> [s.title for s in lib.list(search="swindon")]
['Active Swindon']

Every read and write is made by an actor (``logicmodel.store.access``): ``Library.open`` acts for
``EVERYONE`` (the app without sign-in), ``for_user`` gives the same library acting for someone else.
A framework a signed-in person owns is theirs, and no one else's until they share it:

>>> from logicmodel.store.access import User
>>> alice, bob = lib.for_user(User("alice@example.org", "Alice")), lib.for_user(User("bob@example.org", "Bob"))
>>> mine = alice.create(new_framework("Draft offer to the ICB"))
>>> [s.title for s in bob.list()]
['Active Swindon']
>>> bob.get(mine.id)
Traceback (most recent call last):
...
logicmodel.store.errors.NotShared: Framework '...' is not shared with you (or is not in the library)
>>> alice.share(mine.id, "bob@example.org", "viewer")
>>> bob.get(mine.id).title
'Draft offer to the ICB'
>>> lib.close()
"""

from __future__ import annotations

import logging
import re
import secrets
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Connection, Engine, Row, and_, case, delete, func, insert, literal, select, update
from sqlalchemy.dialects import postgresql, sqlite

from logicmodel.analysis.changes import renamed_boxes
from logicmodel.core.errors import FrameworkError
from logicmodel.core.limits import MAX_ID, MAX_TITLE
from logicmodel.core.models import Framework
from logicmodel.core.readwrite import content_digest, dumps, loads
from logicmodel.core.rules import checked_problems
from logicmodel.core.version_kinds import VersionKind
from logicmodel.editing.edit import update_meta
from logicmodel.store.access import (
    EVERYONE,
    EVERYONE_SIGNED_IN,
    NEEDS,
    ROLES,
    Access,
    Action,
    Actor,
    Everyone,
    User,
    clean_email,
    level,
    sees_everything,
)
from logicmodel.store.connect import database_url, make_engine, translated
from logicmodel.store.connect import location as connect_location
from logicmodel.store.errors import Conflict, NotAllowed, NotFound, NotShared, StoreError, TooLarge
from logicmodel.store.limits import (
    MAX_AUTHOR,
    MAX_COMMENT,
    MAX_COMMENTS,
    MAX_DOCUMENT_BYTES,
    MAX_SUMMARY,
    max_versions,
)
from logicmodel.store.migrate import upgrade
from logicmodel.store.presence import KEEP_S, MAX_PAGE, SWEEP_EVERY_S, WITHIN_S, Latest, Present, session_id
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
from logicmodel.store.tables import UTCDateTime, comments, frameworks, presence, shares, versions
from logicmodel.store.tables import looked as looks

__all__ = ["Library", "PutBack", "canonical_document", "new_id", "search_text"]

log = logging.getLogger(__name__)

MAX_LOOKER = 320
"""Longest name (or email) a last look is kept under (``looked.who``)."""

_LISTED = (
    frameworks.c.id,
    frameworks.c.title,
    frameworks.c.organisation,
    frameworks.c.area,
    frameworks.c.updated_at,
    frameworks.c.updated_by,
    frameworks.c.version,
    frameworks.c.deleted_at,
    frameworks.c.owner,
)
_HISTORY = (
    versions.c.version,
    versions.c.saved_at,
    versions.c.author,
    versions.c.summary,
    versions.c.restored_from,
    versions.c.kind,
)


def new_id() -> str:
    """A new framework id: 12 URL-safe random characters, fit for ``?framework=``, never starting with ``-``.

    (A leading dash would read as an option on the command line: ``library export -x1...``.)
    """
    while True:
        framework_id = secrets.token_urlsafe(9)
        if framework_id[0] != "-":
            return framework_id


def search_text(title: str, organisation: str | None, area: str | None) -> str:
    """What search looks in: title, organisation and area, case-folded, one a line.

    >>> search_text("Active Swindon", "Swindon Borough Council", None)
    'active swindon\\nswindon borough council'
    """
    return "\n".join(part for part in (title, organisation, area) if part).casefold()


class Library:
    """The saved frameworks of one database, as one actor sees them. Open it with ``Library.open()``;
    safe to share between threads; ``for_user`` gives a view for another actor on the same connections."""

    def __init__(
        self,
        engine: Engine,
        location: str,
        actor: Actor = EVERYONE,
        clock: Callable[[], datetime] | None = None,
        _swept: list[datetime] | None = None,
    ):
        self._engine = engine
        self.location = location
        """Where the library is: the SQLite file, or the PostgreSQL URL with its password hidden."""
        self.actor: Actor = actor
        """Who every read and write is made by (``logicmodel.store.access``)."""
        self.clock: Callable[[], datetime] = clock or _now
        """What time presence goes by (tests give their own clock, so nothing waits)."""
        self._swept = _swept if _swept is not None else []  # when this server last swept presence, shared by views

    def for_user(self, actor: Actor) -> Library:
        """The same library acting for ``actor`` (a ``User``, ``EVERYONE`` or ``administrator()``); cheap.

        Close only the library you opened: its views share its connections.
        """
        if not isinstance(actor, User | Everyone) and not sees_everything(actor):
            raise TypeError(f"not an actor: {actor!r}")
        return Library(self._engine, self.location, actor, self.clock, self._swept)

    # --- opening -------------------------------------------------------------------------------------------

    @classmethod
    def open(cls, url: str | None = None, *, actor: Actor = EVERYONE) -> Library:
        """Open (and create or upgrade) the library at ``url``, ``$LOGICMODEL_DATABASE_URL`` or the default file.

        It acts for ``actor``: by default ``EVERYONE``, the app without sign-in, who sees only the
        frameworks that belong to no one (so forgetting to say who is acting shows no one's own work).

        Raises ``StoreError`` with one line when the file is not a database, the
        server cannot be reached, or the URL is not SQLite or PostgreSQL.
        """
        url = database_url(url)
        engine = make_engine(url)
        location = connect_location(url)
        try:
            with translated(location):
                try:
                    upgrade(engine)
                except StoreError as exc:  # a newer schema, or someone else's tables: say which library
                    raise StoreError(f"{location}: {exc}") from None
        except BaseException:
            engine.dispose()
            raise
        return cls(engine, location, actor)

    def close(self) -> None:
        """Close every connection to the database."""
        self._engine.dispose()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Library({self.location!r}, actor={self.actor.label!r})"

    # --- who is acting -------------------------------------------------------------------------------------

    def _level(self) -> ColumnElement[int]:
        return level(self.actor).label("access")

    def _listed(self) -> tuple[Any, ...]:
        return (*_LISTED, self._level())

    def _author(self, author: str | None) -> str:
        """Who history names: a signed-in person is named as signed in, whatever ``author`` says."""
        if isinstance(self.actor, User):
            return self.actor.label
        return _one_line(author or "", MAX_AUTHOR, "author")

    def _hidden(self, framework_id: str) -> NotFound:
        """The refusal for a framework the actor may not know about: the same as for one that is not there."""
        return NotShared(framework_id) if isinstance(self.actor, User) else NotFound(framework_id)

    def _refused(self, row: Row[Any] | Saved, what: str) -> NotAllowed:
        """The refusal for a framework shared with the actor, but not for ``what`` ("save", "share", ...)."""
        if row.access < Access.COMMENTER:
            return NotAllowed(f"Not done: '{row.title}' is shared with you to view only, so you cannot {what} it")
        if row.access < Access.EDITOR:
            return NotAllowed(
                f"Not done: '{row.title}' is shared with you to view and comment, so you cannot {what} it"
            )
        if row.owner is None:
            return NotAllowed(f"Not done: '{row.title}' belongs to no one yet, so only an admin can {what} it")
        return NotAllowed(f"Not done: only the owner of '{row.title}' ({row.owner}) can {what} it")

    def _row(self, conn: Connection, framework_id: str, *, in_bin: bool | None = False) -> Row[Any] | None:
        """The framework's row with the actor's ``access``, if they may see it (``in_bin`` None: either)."""
        query = select(*self._listed(), frameworks.c.digest).where(
            frameworks.c.id == framework_id, level(self.actor) >= NEEDS[Action.OPEN]
        )
        if in_bin is not None:
            query = query.where(frameworks.c.deleted_at.is_not(None) if in_bin else frameworks.c.deleted_at.is_(None))
        return conn.execute(query).one_or_none()

    @contextmanager
    def _reading(self) -> Iterator[Connection]:
        with translated(self.location), self._engine.connect() as conn:
            conn = conn.execution_options(logicmodel_begin="DEFERRED")
            with conn.begin():
                yield conn

    @contextmanager
    def _writing(self) -> Iterator[Connection]:
        with translated(self.location), self._engine.begin() as conn:
            yield conn

    # --- frameworks ----------------------------------------------------------------------------------------

    def create(
        self,
        fw: Framework,
        *,
        author: str | None = None,
        summary: str = "Created",
        kind: VersionKind = VersionKind.EDIT,
    ) -> Saved:
        """Add a framework to the library as version 1, under a new id, owned by the signed-in actor.

        ``author`` names who saved it in its history when no one is signed in; a signed-in actor is named
        as signed in. Without sign-in (and on the command line) it belongs to no one. ``kind`` is
        ``VersionKind.IMPORT`` for a framework read from a file.
        """
        owner = self.actor.email if isinstance(self.actor, User) else None
        first = _info(1, _now(), self._author(author), summary, kind)
        item = PutBack(new_id(), (first,), lambda _info: fw, owner=owner)
        checked = self.check_put_back(item)
        with self._writing() as conn:
            return self._insert(conn, item, checked)

    def get(self, framework_id: str) -> Saved:
        """The current version of a framework; ``NotFound`` if there is none or it is in the bin."""
        with self._reading() as conn:
            row = self._current_with_document(conn, framework_id)
        if row is None:
            raise self._hidden(framework_id)
        return _saved(row, loads(row.document))

    def save(
        self,
        framework_id: str,
        fw: Framework,
        *,
        expected_version: int,
        author: str | None = None,
        summary: str,
        kind: VersionKind = VersionKind.EDIT,
    ) -> Saved:
        """Save a new version over ``expected_version``; ``Conflict`` (nothing written) if it is not current.

        ``kind`` says which save it is (``VersionKind.UNDO`` and ``REDO`` for undo and redo, which read it
        back); the summary is words for people only. Saving a framework equal to the stored one writes
        nothing and returns the stored one. Needs an editor (``NotAllowed`` for a viewer).
        """
        return self._save(framework_id, fw, expected_version, author, summary, restored_from=None, kind=kind)

    def rename(self, framework_id: str, title: str, *, expected_version: int, author: str | None = None) -> Saved:
        """A new version with the framework's title changed (needs an editor)."""
        current = self.get(framework_id)
        if current.access < NEEDS[Action.EDIT]:
            raise self._refused(current, "rename")
        if current.version != expected_version:
            with self._reading() as conn:
                raise self._conflict(conn, framework_id, expected_version)
        renamed = _with_title(current.framework, title)
        summary = f"Renamed to '{renamed.meta.title}'"
        return self._save(
            framework_id, renamed, expected_version, author, summary, restored_from=None, kind=VersionKind.EDIT
        )

    def duplicate(self, framework_id: str, *, author: str | None = None, title: str | None = None) -> Saved:
        """A copy under a new id, as version 1, titled ``title`` or "Copy of ..."; a viewer may copy, and
        the copy is the actor's own (not shared with anyone)."""
        current = self.get(framework_id)
        copy = _with_title(current.framework, title or f"Copy of {current.title}"[:MAX_TITLE])
        summary = f"Copied from '{current.title}' (version {current.version})"
        return self.create(copy, author=author, summary=summary)

    def delete(self, framework_id: str, *, author: str | None = None) -> None:
        """Move a framework to the bin, from where ``restore`` brings it back (needs its owner)."""
        author = self._author(author)
        with self._writing() as conn:
            done = conn.execute(
                update(frameworks)
                .where(
                    frameworks.c.id == framework_id,
                    frameworks.c.deleted_at.is_(None),
                    level(self.actor) >= NEEDS[Action.BIN],
                )
                .values(deleted_at=_now(), deleted_by=author)
            )
            if done.rowcount != 1:
                row = self._row(conn, framework_id)
                raise self._hidden(framework_id) if row is None else self._refused(row, "move to the bin")

    def restore(self, framework_id: str, *, author: str | None = None) -> None:
        """Bring a framework back from the bin (needs its owner)."""
        self._author(author)
        with self._writing() as conn:
            done = conn.execute(
                update(frameworks)
                .where(
                    frameworks.c.id == framework_id,
                    frameworks.c.deleted_at.is_not(None),
                    level(self.actor) >= NEEDS[Action.BIN],
                )
                .values(deleted_at=None, deleted_by=None)
            )
            if done.rowcount != 1:
                row = self._row(conn, framework_id, in_bin=True)
                if row is None and isinstance(self.actor, User):
                    raise NotShared(framework_id)
                if row is None:
                    raise NotFound(framework_id, f"No framework {framework_id!r} in the bin")
                raise self._refused(row, "take out of the bin")

    def empty_bin(self) -> int:
        """Remove for good, with its history, every framework in the bin that the actor owns; returns how many."""
        with self._writing() as conn:
            return conn.execute(
                delete(frameworks).where(frameworks.c.deleted_at.is_not(None), level(self.actor) >= NEEDS[Action.BIN])
            ).rowcount

    def list(self, *, search: str = "", in_bin: bool = False, limit: int | None = None) -> list[Summary]:
        """The frameworks the actor may open, newest updated first (in the bin: those they may take out).

        ``search`` words must each appear in title, organisation or area.
        """
        query = select(*self._listed()).where(
            frameworks.c.deleted_at.is_not(None) if in_bin else frameworks.c.deleted_at.is_(None),
            level(self.actor) >= NEEDS[Action.BIN if in_bin else Action.SEE],
        )
        for word in search.casefold().split():
            query = query.where(frameworks.c.search.contains(word, autoescape=True))
        query = query.order_by(frameworks.c.updated_at.desc(), frameworks.c.id).limit(limit)
        with self._reading() as conn:
            return [_summary(row) for row in conn.execute(query)]

    # --- history -------------------------------------------------------------------------------------------

    def history(self, framework_id: str) -> list[VersionInfo]:
        """Every kept version of a framework, newest first (also for a framework in the bin)."""
        with self._reading() as conn:
            rows = conn.execute(
                select(*_HISTORY)
                .join(frameworks, frameworks.c.id == versions.c.framework_id)
                .where(versions.c.framework_id == framework_id, level(self.actor) >= NEEDS[Action.OPEN])
                .order_by(versions.c.version.desc())
            ).all()
        if not rows:
            raise self._hidden(framework_id)
        return [_version_info(row) for row in rows]

    def version(self, framework_id: str, version: int) -> Framework:
        """The framework as it was at ``version``; ``NotFound`` if that version is not kept."""
        with self._reading() as conn:
            return loads(self._document(conn, framework_id, version))

    def restore_version(
        self, framework_id: str, version: int, *, expected_version: int, author: str | None = None
    ) -> Saved:
        """Make an old version current again, as a new version ("Restored version N", of kind restore)."""
        old = self.version(framework_id, version)
        summary = f"Restored version {version}"
        return self._save(
            framework_id, old, expected_version, author, summary, restored_from=version, kind=VersionKind.RESTORE
        )

    def put_back(
        self,
        framework_id: str,
        history: Sequence[tuple[VersionInfo, Framework]],
        *,
        deleted_at: datetime | None = None,
        owner: str | None = None,
        shared: Sequence[Share] = (),
        comments: Sequence[Comment] = (),
    ) -> Saved:
        """Add a framework under ``framework_id`` with the versions given (restoring a backup), with its owner,
        shares and comments. Only for the command line and admins (``NotAllowed`` otherwise).

        The newest is current. Refused (``StoreError``, nothing written) if the id is already in the library.
        """
        frameworks_by_version = {info.version: fw for info, fw in history}
        item = PutBack(
            framework_id,
            tuple(info for info, _fw in history),
            lambda info: frameworks_by_version[info.version],
            deleted_at,
            owner,
            tuple(shared),
            tuple(comments),
        )
        return self.put_back_all([item])[-1]

    def put_back_all(self, items: Sequence[PutBack]) -> list[Saved]:
        """Add every framework of ``items`` in ONE transaction: all of them, or (``StoreError``) none.

        Each item's details are checked before anything is written (``check_put_back``); its versions are
        then read one at a time (``PutBack.read``) and written as they are read, so memory holds one version,
        not the backup. Only for the command line and admins.
        """
        if not sees_everything(self.actor):
            raise NotAllowed("Not done: only an administrator can put back a framework from a backup")
        ready = [(item, self.check_put_back(item)) for item in items]
        ids = [item.framework_id for item in items]
        twice = sorted({i for i in ids if ids.count(i) > 1})
        if twice:
            raise StoreError(f"{twice[0]}: the same framework id is given twice")
        with self._writing() as conn:
            return [self._insert(conn, item, checked, named=True) for item, checked in ready]

    def check_put_back(self, item: PutBack) -> _Checked:
        """``item``'s details as the library will write them, or ``StoreError`` naming the first that is
        wrong (an id, an owner or a person that is not an email, a role, an empty author, versions numbered
        twice); writes nothing and reads no version."""
        if not _ID.match(str(item.framework_id)):
            raise StoreError(f"{str(item.framework_id)[:40]!r}: not a framework id (1 to 32 letters, digits, - or _)")
        where = f"{item.framework_id}: "
        try:
            owner = None if item.owner is None else clean_email(item.owner)
            share_rows = [
                {
                    "framework_id": item.framework_id,
                    "person": _person(share.person),
                    "role": _role(share.role),
                    "shared_at": _moment(share.shared_at),
                    "shared_by": _one_line(share.shared_by, MAX_AUTHOR) or "unknown",
                }
                for share in item.shared
            ]
            people = [row["person"] for row in share_rows]
            if len(set(people)) != len(people) or owner in people:
                raise StoreError("shared with the same person twice, or with its owner")
            infos = sorted(item.versions, key=lambda info: info.version)
            numbers = [info.version for info in infos]
            if not numbers or len(set(numbers)) != len(numbers) or numbers[0] < 1:
                raise StoreError(f"needs versions numbered 1 or more, each once (got {numbers[:20]})")
            comment_rows = _comment_rows(item.framework_id, item.comments)
            rows = [
                {
                    "framework_id": item.framework_id,
                    "version": info.version,
                    "saved_at": _moment(info.saved_at),
                    "author": _one_line(info.author, MAX_AUTHOR, "author"),
                    "summary": _one_line(info.summary, MAX_SUMMARY) or "Saved",
                    "restored_from": _restored_from(info.restored_from),
                    "kind": _kind(info.kind).value,
                }
                for info in infos
            ]
        except StoreError as exc:
            raise StoreError(where + str(exc)) from None
        deleted_at = None if item.deleted_at is None else _moment(item.deleted_at)
        return _Checked(tuple(infos), tuple(rows), deleted_at, owner, tuple(share_rows), comment_rows)

    def _insert(self, conn: Connection, item: PutBack, checked: _Checked, *, named: bool = False) -> Saved:
        """Write one checked framework, reading and writing its versions one at a time, oldest first
        (``named``: a refusal names the framework and version, as restoring a backup needs)."""
        framework_id = item.framework_id
        if conn.execute(select(frameworks.c.id).where(frameworks.c.id == framework_id)).first():
            raise StoreError(f"{framework_id}: a framework with this id is already in the library")
        first, latest = checked.rows[0], checked.rows[-1]
        fw: Framework | None = None
        digest = ""
        for info, row in zip(checked.infos, checked.rows, strict=True):
            fw = item.read(info)
            try:
                text, digest = canonical_document(fw)
            except StoreError as exc:
                if not named:
                    raise
                raise StoreError(f"{framework_id}, version {info.version}: {exc}") from None
            if row is first:
                conn.execute(
                    insert(frameworks).values(
                        id=framework_id,
                        **_listing(fw, row["version"], digest, row),
                        created_at=row["saved_at"],
                        created_by=row["author"],
                        deleted_at=checked.deleted_at,
                        deleted_by=None if checked.deleted_at is None else latest["author"],
                        owner=checked.owner,
                    )
                )
            conn.execute(insert(versions).values(**row, document=text))
            del text
        assert fw is not None
        if latest is not first:
            conn.execute(
                update(frameworks)
                .where(frameworks.c.id == framework_id)
                .values(**_listing(fw, latest["version"], digest, latest))
            )
        if checked.shares:
            conn.execute(insert(shares), list(checked.shares))
        new_ids: dict[int, int] = {}  # a comment's id in the backup -> its id here (threads before replies)
        for old_id, row in checked.comments:
            row = {**row, "thread_id": None if row["thread_id"] is None else new_ids[row["thread_id"]]}
            new_ids[old_id] = conn.execute(insert(comments).values(**row).returning(comments.c.id)).scalar_one()
        meta = fw.meta
        return Saved(
            framework_id,
            latest["version"],
            fw,
            meta.title,
            meta.organisation,
            meta.area,
            latest["saved_at"],
            latest["author"],
            owner=checked.owner,
            access=Access.OWNER,
        )

    # --- live: who is here, and the newest version ----------------------------------------------------------

    def here(self, framework_id: str, session: str, name: str, page: str) -> None:
        """Say that this tab (``session``, the tab's own random id) has the framework open on ``page``, now.

        One upsert, guarded by the actor's access in the same statement: a stranger is refused as for
        ``get`` and writes nothing. A signed-in actor is named as signed in, whatever ``name`` says.
        Sweeps rows no tab renewed for ``KEEP_S`` seconds, at most once every ``SWEEP_EVERY_S`` a server.
        """
        session = session_id(session)
        person = self.actor.email if isinstance(self.actor, User) else None
        shown = self._author(name) if isinstance(self.actor, User) else _one_line(name, MAX_AUTHOR) or "Someone"
        page = _one_line(page, MAX_PAGE) or "a page"
        now = self.clock()
        allowed = select(
            frameworks.c.id,
            literal(session),
            literal(person),
            literal(shown),
            literal(page),
            literal(now, UTCDateTime()),
        ).where(
            frameworks.c.id == framework_id, frameworks.c.deleted_at.is_(None), level(self.actor) >= NEEDS[Action.OPEN]
        )
        with self._writing() as conn:
            dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
            upsert = dialect.insert(presence).from_select(
                ["framework_id", "session", "person", "name", "page", "seen_at"], allowed
            )
            upsert = upsert.on_conflict_do_update(
                index_elements=[presence.c.framework_id, presence.c.session],
                set_={
                    "person": upsert.excluded.person,
                    "name": upsert.excluded.name,
                    "page": upsert.excluded.page,
                    "seen_at": upsert.excluded.seen_at,
                },
            )
            if conn.execute(upsert.returning(presence.c.session)).first() is None:  # (rowcount: -1 on PostgreSQL)
                raise self._hidden(framework_id)
            if not self._swept or (now - self._swept[0]).total_seconds() >= SWEEP_EVERY_S:
                conn.execute(delete(presence).where(presence.c.seen_at < now - timedelta(seconds=KEEP_S)))
                self._swept[:] = [now]

    def tab_was_in(self, session: str) -> str | None:
        """The framework a tab (``session``, its own id) last said it had open, if the actor may still open
        it and it is not in the bin; else None. A page that came back after its app server restarted, on a
        page link that dropped ``?framework=`` from its address, finds its framework this way. One query."""
        session = session_id(session)
        person = self.actor.email if isinstance(self.actor, User) else None
        own = presence.c.person == person if person is not None else presence.c.person.is_(None)
        query = (
            select(presence.c.framework_id)
            .join(frameworks, frameworks.c.id == presence.c.framework_id)
            .where(
                presence.c.session == session,
                own,
                frameworks.c.deleted_at.is_(None),
                level(self.actor) >= NEEDS[Action.OPEN],
            )
            .order_by(presence.c.seen_at.desc())
            .limit(1)
        )
        with self._reading() as conn:
            return conn.execute(query).scalar_one_or_none()

    def left(self, session: str) -> int:
        """Say that a tab has gone (``session``, its own id): its rows go at once, rather than counting as here
        until ``WITHIN_S`` of silence has passed. A page that came back after its app server restarted has a new
        session, and says its old one left, so that no one (the person themselves included) sees it twice.
        Only rows this actor wrote (a signed-in person's own, or no one's); returns how many went."""
        session = session_id(session)
        person = self.actor.email if isinstance(self.actor, User) else None
        own = presence.c.person == person if person is not None else presence.c.person.is_(None)
        with self._writing() as conn:
            return conn.execute(delete(presence).where(presence.c.session == session, own)).rowcount

    def who_is_here(
        self, framework_id: str, within_s: float = WITHIN_S, *, besides: str | None = None
    ) -> list[Present]:
        """Who has the framework open now (their tab said so in the last ``within_s`` seconds), by name, with
        the page each is on; ``besides`` leaves out that tab (the asking tab's own session). A signed-in
        person with several tabs counts once, at their newest page. One query; a stranger is refused as for
        ``get`` (and so learns nothing, not even that no one is there)."""
        cutoff = self.clock() - timedelta(seconds=within_s)
        joined = and_(
            presence.c.framework_id == frameworks.c.id,
            presence.c.seen_at >= cutoff,
            presence.c.session != (besides or ""),
        )
        query = (
            select(
                frameworks.c.id,
                presence.c.session,
                presence.c.person,
                presence.c.name,
                presence.c.page,
                presence.c.seen_at,
            )
            .select_from(frameworks.outerjoin(presence, joined))
            .where(
                frameworks.c.id == framework_id,
                frameworks.c.deleted_at.is_(None),
                level(self.actor) >= NEEDS[Action.OPEN],
            )
            .order_by(presence.c.seen_at.desc())
        )
        with self._reading() as conn:
            rows = conn.execute(query).all()
        if not rows:
            raise self._hidden(framework_id)
        found: dict[str, Present] = {}
        for row in rows:
            if row.session is not None:
                found.setdefault(row.person or row.session, Present(row.name, row.page, row.seen_at))
        return sorted(found.values(), key=lambda p: (p.name.casefold(), p.page))

    def latest_version(self, framework_id: str) -> Latest:
        """The framework's current version, who saved it, when and their summary: one row, read by primary
        key, for tabs to poll (a stranger is refused as for ``get``; so is a framework in the bin)."""
        current = and_(versions.c.framework_id == frameworks.c.id, versions.c.version == frameworks.c.version)
        query = (
            select(frameworks.c.version, versions.c.author, versions.c.saved_at, versions.c.summary)
            .join(versions, current)
            .where(
                frameworks.c.id == framework_id,
                frameworks.c.deleted_at.is_(None),
                level(self.actor) >= NEEDS[Action.OPEN],
            )
        )
        with self._reading() as conn:
            row = conn.execute(query).one_or_none()
        if row is None:
            raise self._hidden(framework_id)
        return Latest(*row)

    def versions_between(self, framework_id: str, after: int, upto: int | None = None) -> list[VersionInfo]:
        """The versions saved after version ``after`` up to ``upto`` (the newest when None), oldest first:
        what a tab that had ``after`` has missed (``logicmodel.store.presence.in_words`` says it in words)."""
        query = (
            select(*_HISTORY)
            .join(frameworks, frameworks.c.id == versions.c.framework_id)
            .where(
                versions.c.framework_id == framework_id,
                versions.c.version > after,
                level(self.actor) >= NEEDS[Action.OPEN],
            )
            .order_by(versions.c.version)
        )
        if upto is not None:
            query = query.where(versions.c.version <= upto)
        with self._reading() as conn:
            if self._row(conn, framework_id, in_bin=None) is None:
                raise self._hidden(framework_id)
            rows = conn.execute(query).all()
        return [_version_info(row) for row in rows]

    # --- last looked ---------------------------------------------------------------------------------------

    def _looker(self, who: str | None) -> str:
        """Whose moment it is: a signed-in person by their email (whatever ``who`` says); without sign-in the
        name the browser gave (``who``), else the actor's own label (everyone without a name shares one)."""
        if isinstance(self.actor, User):
            return self.actor.email
        return " ".join(str(who or "").split())[:MAX_LOOKER] or self.actor.label

    def looked(self, framework_id: str, who: str | None = None) -> datetime:
        """Record that ``who`` (by default the acting person) looked at the framework now (``self.clock``);
        returns that moment. One upsert, guarded by the actor's access in the same statement: anyone who may
        open the framework may record their own look; a stranger is refused as for ``get`` and writes nothing."""
        person = self._looker(who)
        now = self.clock()
        allowed = select(frameworks.c.id, literal(person), literal(now, UTCDateTime())).where(
            frameworks.c.id == framework_id,
            frameworks.c.deleted_at.is_(None),
            level(self.actor) >= NEEDS[Action.READ_COMMENTS],
        )
        with self._writing() as conn:
            dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
            upsert = dialect.insert(looks).from_select(["framework_id", "who", "looked_at"], allowed)
            upsert = upsert.on_conflict_do_update(
                index_elements=[looks.c.framework_id, looks.c.who], set_={"looked_at": upsert.excluded.looked_at}
            )
            if conn.execute(upsert.returning(looks.c.who)).first() is None:  # (rowcount: -1 on PostgreSQL)
                raise self._hidden(framework_id)
        return now

    def last_looked(self, framework_id: str, who: str | None = None) -> datetime | None:
        """When ``who`` (by default the acting person) last looked at the framework (``looked``); None if they
        never have. One query; a stranger is refused as for ``get``."""
        person = self._looker(who)
        joined = and_(looks.c.framework_id == frameworks.c.id, looks.c.who == person)
        query = (
            select(frameworks.c.id, looks.c.looked_at)
            .select_from(frameworks.outerjoin(looks, joined))
            .where(
                frameworks.c.id == framework_id,
                frameworks.c.deleted_at.is_(None),
                level(self.actor) >= NEEDS[Action.READ_COMMENTS],
            )
        )
        with self._reading() as conn:
            row = conn.execute(query).one_or_none()
        if row is None:
            raise self._hidden(framework_id)
        return row.looked_at

    # --- sharing -------------------------------------------------------------------------------------------

    def access(self, framework_id: str) -> Access:
        """What the actor may do with a framework now (``Access.NONE`` if it is not shared with them or not
        there: the same answer), without reading its document; pages ask it to offer only what is allowed,
        and ask it again on every run, and at every download's click, for the framework open in a tab
        (``ui.sharing.recheck``, ``ui.sharing.guarded``)."""
        with self._reading() as conn:
            found = conn.execute(select(level(self.actor)).where(frameworks.c.id == framework_id)).scalar()
        return Access(found or 0)

    def sharing(self, framework_id: str) -> Sharing:
        """Who owns a framework and who it is shared with (anyone who may open it may look)."""
        with self._reading() as conn:
            row = self._row(conn, framework_id, in_bin=None)
            if row is None:
                raise self._hidden(framework_id)
            found = conn.execute(
                select(shares.c.person, shares.c.role, shares.c.shared_at, shares.c.shared_by)
                .where(shares.c.framework_id == framework_id)
                .order_by(shares.c.person)
            ).all()
        return Sharing(row.owner, tuple(Share(**r._mapping) for r in found))

    def share(self, framework_id: str, person: str, role: str) -> None:
        """Share a framework with ``person`` (an email, or ``EVERYONE_SIGNED_IN``) as "viewer", "commenter" or
        "editor" (``ROLES``).

        Sharing again with the same person changes their role. Needs the owner (or an admin) and sign-in.
        """
        person, role = _person(person), _role(role)
        with self._writing() as conn:
            row = self._owned(conn, framework_id, "share")
            if person == row.owner:
                raise StoreError(f"Not shared: {person} owns '{row.title}' already")
            conn.execute(delete(shares).where(shares.c.framework_id == framework_id, shares.c.person == person))
            conn.execute(
                insert(shares).values(
                    framework_id=framework_id,
                    person=person,
                    role=role,
                    shared_at=_now(),
                    shared_by=self.actor.label,
                )
            )

    def unshare(self, framework_id: str, person: str) -> bool:
        """Take back sharing with ``person`` (an email or ``EVERYONE_SIGNED_IN``); False if it was not shared."""
        person = _person(person)
        with self._writing() as conn:
            self._owned(conn, framework_id, "take back sharing of")
            done = conn.execute(delete(shares).where(shares.c.framework_id == framework_id, shares.c.person == person))
            return done.rowcount > 0

    def hand_over(self, framework_id: str, email: str) -> None:
        """Make ``email`` the owner. The previous owner keeps it as an editor (the new owner can take that back).

        Needs the owner or an admin (admins hand over frameworks whose owner has left, or that belong to no one).
        """
        new_owner = clean_email(email)
        with self._writing() as conn:
            row = self._owned(conn, framework_id, "hand over", Action.HAND_OVER)
            if row.owner == new_owner:
                return
            conn.execute(update(frameworks).where(frameworks.c.id == framework_id).values(owner=new_owner))
            conn.execute(delete(shares).where(shares.c.framework_id == framework_id, shares.c.person == new_owner))
            if row.owner is not None:
                conn.execute(delete(shares).where(shares.c.framework_id == framework_id, shares.c.person == row.owner))
                conn.execute(
                    insert(shares).values(
                        framework_id=framework_id,
                        person=row.owner,
                        role="editor",
                        shared_at=_now(),
                        shared_by=self.actor.label,
                    )
                )
        log.info("Framework %s handed over to %s by %s", framework_id, new_owner, self.actor.label)

    def _owned(self, conn: Connection, framework_id: str, what: str, action: Action = Action.SHARE) -> Row[Any]:
        """The framework's row, if the actor may take ``action`` (the owner or an admin); else the refusal."""
        if isinstance(self.actor, Everyone):
            raise NotAllowed(f"Not done: to {what} a framework, sign-in must be set up on this server")
        row = self._row(conn, framework_id, in_bin=False)
        if row is None:
            raise self._hidden(framework_id)
        if row.access < NEEDS[action]:
            raise self._refused(row, what)
        return row

    # --- comments ------------------------------------------------------------------------------------------
    #
    # Who may do what (docs/security.md, "Who can do what"): anyone who may open the framework reads its
    # comments; a commenter, an editor and the owner (and an admin, and everyone without sign-in on a framework
    # that belongs to no one) write and reply; the author of a thread's first comment, an editor or the owner
    # resolves and reopens it. Everyone else is told the framework is not there, as by ``get``.

    def comment(
        self,
        framework_id: str,
        body: str,
        *,
        box: str | None = None,
        link: tuple[str, str] | None = None,
        author: str | None = None,
    ) -> Comment:
        """Start a thread on the framework, on ``box`` (a box's id) or on ``link`` ((source, target) ids).

        The box or link must be in the framework's current version. ``body`` is kept exactly as typed (only
        an empty one, one longer than ``MAX_COMMENT`` or one no database can hold is refused). Needs a
        commenter (``NotAllowed`` for a viewer; ``NotFound``/``NotShared`` for anyone who may not open it).
        """
        if box is not None and link is not None:
            raise StoreError("Not commented: a comment is on a box or on a link, not both")
        body = _comment_body(body)
        with self._writing() as conn:
            row = self._commentable(conn, framework_id, "comment on")
            if box is not None or link is not None:
                current = self._current_with_document(conn, framework_id)  # one snapshot, as ``get``
                if current is None:
                    raise self._hidden(framework_id)
                fw = loads(current.document)
                if box is not None and str(box) not in fw.node_by_id:
                    raise StoreError(f"Not commented: '{row.title}' has no box {str(box)[:64]!r}")
                if link is not None:
                    link = _link(link)
                    if link not in set(fw.link_pairs):
                        raise StoreError(f"Not commented: '{row.title}' has no link from {link[0]!r} to {link[1]!r}")
            return self._add_comment(conn, framework_id, None, body, box, link, author)

    def reply(self, framework_id: str, thread: int, body: str, *, author: str | None = None) -> Comment:
        """Answer a thread (``thread``: the id of any of its comments; the reply joins that thread). Replying
        to a resolved thread leaves it resolved. Needs a commenter."""
        body = _comment_body(body)
        with self._writing() as conn:
            self._commentable(conn, framework_id, "comment on")
            first = self._thread_first(conn, framework_id, thread)
            return self._add_comment(conn, framework_id, first.id, body, None, None, author)

    def resolve(self, framework_id: str, thread: int) -> Comment:
        """Mark a thread resolved (it leaves the counts and the open list); returns its first comment.

        Needs the thread's author (a commenter) or an editor. Resolving a resolved thread changes nothing."""
        return self._set_resolved(framework_id, thread, resolved=True)

    def reopen(self, framework_id: str, thread: int) -> Comment:
        """Open a resolved thread again; returns its first comment. Needs the thread's author or an editor."""
        return self._set_resolved(framework_id, thread, resolved=False)

    def threads(
        self,
        framework_id: str,
        *,
        open_only: bool = True,
        box: str | None = None,
        link: tuple[str, str] | None = None,
    ) -> list[Thread]:
        """The framework's threads with their replies, newest thread first (replies oldest first): open ones
        only unless ``open_only=False``; only those on ``box`` or ``link`` if one is given. Needs a viewer."""
        with self._reading() as conn:
            if self._row(conn, framework_id) is None:
                raise self._hidden(framework_id)
            firsts = select(comments).where(comments.c.framework_id == framework_id, comments.c.thread_id.is_(None))
            if open_only:
                firsts = firsts.where(comments.c.resolved_at.is_(None))
            if box is not None:
                firsts = firsts.where(comments.c.box_id == str(box))
            if link is not None:
                source, target = _link(link)
                firsts = firsts.where(comments.c.link_from == source, comments.c.link_to == target)
            first_rows = conn.execute(firsts.order_by(comments.c.created_at.desc(), comments.c.id.desc())).all()
            ids = [r.id for r in first_rows]
            replies: dict[int, list[Comment]] = {i: [] for i in ids}
            for start in range(0, len(ids), 500):  # IN lists of a bounded size, on every backend
                chunk = ids[start : start + 500]
                for r in conn.execute(
                    select(comments)
                    .where(comments.c.framework_id == framework_id, comments.c.thread_id.in_(chunk))
                    .order_by(comments.c.created_at, comments.c.id)
                ):
                    replies[r.thread_id].append(_comment(r))
        return [Thread(_comment(r), tuple(replies[r.id])) for r in first_rows]

    def comment_counts(self, framework_id: str) -> CommentCounts:
        """How many open threads the framework has: on itself, on each box, on each link (one query). Needs a
        viewer."""
        with self._reading() as conn:
            if self._row(conn, framework_id) is None:
                raise self._hidden(framework_id)
            rows = conn.execute(
                select(comments.c.box_id, comments.c.link_from, comments.c.link_to, func.count().label("n"))
                .where(
                    comments.c.framework_id == framework_id,
                    comments.c.thread_id.is_(None),
                    comments.c.resolved_at.is_(None),
                )
                .group_by(comments.c.box_id, comments.c.link_from, comments.c.link_to)
            ).all()
        on_framework = 0
        boxes: dict[str, int] = {}
        links: dict[tuple[str, str], int] = {}
        for r in rows:
            if r.box_id is not None:
                boxes[r.box_id] = r.n
            elif r.link_from is not None:
                links[(r.link_from, r.link_to)] = r.n
            else:
                on_framework = r.n
        return CommentCounts(on_framework, boxes, links)

    def new_since(self, framework_id: str, since: datetime) -> NewSince:
        """What is new in a framework after ``since`` (an aware moment): the comments written after it, oldest
        first, and the versions saved after it, newest first. Needs a viewer."""
        since = _moment(since)
        with self._reading() as conn:
            if self._row(conn, framework_id) is None:
                raise self._hidden(framework_id)
            found = conn.execute(
                select(comments)
                .where(comments.c.framework_id == framework_id, comments.c.created_at > since)
                .order_by(comments.c.created_at, comments.c.id)
            ).all()
            saved = conn.execute(
                select(*_HISTORY)
                .where(versions.c.framework_id == framework_id, versions.c.saved_at > since)
                .order_by(versions.c.version.desc())
            ).all()
        return NewSince(since, tuple(_comment(r) for r in found), tuple(_version_info(r) for r in saved))

    def all_comments(self, framework_id: str) -> list[Comment]:
        """Every comment of a framework, in the bin too, oldest first: for backups (command line and admins)."""
        if not sees_everything(self.actor):
            raise NotAllowed("Not done: only an administrator can read every comment of a framework at once")
        with self._reading() as conn:
            if self._row(conn, framework_id, in_bin=None) is None:
                raise self._hidden(framework_id)
            rows = conn.execute(
                select(comments).where(comments.c.framework_id == framework_id).order_by(comments.c.id)
            ).all()
        return [_comment(r) for r in rows]

    def _commentable(self, conn: Connection, framework_id: str, what: str, action: Action = Action.COMMENT) -> Row[Any]:
        """The framework's row if the actor may take ``action`` (comment: a commenter or more); else the refusal."""
        row = self._row(conn, framework_id)
        if row is None:
            raise self._hidden(framework_id)
        if row.access < NEEDS[action]:
            raise self._refused(row, what)
        return row

    def _thread_first(self, conn: Connection, framework_id: str, thread: int) -> Row[Any]:
        """The first comment of the thread ``thread`` belongs to, in this framework; else ``NotFound``."""
        if isinstance(thread, bool) or not isinstance(thread, int):
            raise NotFound(framework_id, f"No comment {str(thread)[:20]!r} on this framework")
        found = conn.execute(
            select(comments).where(comments.c.framework_id == framework_id, comments.c.id == thread)
        ).one_or_none()
        if found is not None and found.thread_id is not None:
            found = conn.execute(select(comments).where(comments.c.id == found.thread_id)).one_or_none()
        if found is None:
            raise NotFound(framework_id, f"No comment {thread} on this framework")
        return found

    def _add_comment(
        self,
        conn: Connection,
        framework_id: str,
        thread: int | None,
        body: str,
        box: str | None,
        link: tuple[str, str] | None,
        author: str | None,
    ) -> Comment:
        held = conn.execute(
            select(func.count()).select_from(comments).where(comments.c.framework_id == framework_id)
        ).scalar_one()
        if held >= MAX_COMMENTS:
            raise StoreError(f"Not commented: this framework holds {MAX_COMMENTS} comments, the most it may")
        values = {
            "framework_id": framework_id,
            "thread_id": thread,
            "box_id": None if box is None else str(box),
            "link_from": None if link is None else link[0],
            "link_to": None if link is None else link[1],
            "author": self._author(author),
            "author_email": self.actor.email if isinstance(self.actor, User) else None,
            "body": body,
            "created_at": _now(),
        }
        new_id_ = conn.execute(insert(comments).values(**values).returning(comments.c.id)).scalar_one()
        return _comment_from(new_id_, values)

    def _set_resolved(self, framework_id: str, thread: int, *, resolved: bool) -> Comment:
        what = "resolve threads on" if resolved else "reopen threads on"
        with self._writing() as conn:
            row = self._commentable(conn, framework_id, what, Action.RESOLVE_OWN)
            first = self._thread_first(conn, framework_id, thread)
            own = isinstance(self.actor, User) and first.author_email == self.actor.email
            if row.access < NEEDS[Action.RESOLVE] and not own:
                raise NotAllowed(
                    f"Not done: only whoever started this thread, or an editor of '{row.title}', can "
                    f"{'resolve' if resolved else 'reopen'} it"
                )
            if (first.resolved_at is not None) != resolved:
                values = (
                    {"resolved_at": _now(), "resolved_by": self.actor.label}
                    if resolved
                    else {
                        "resolved_at": None,
                        "resolved_by": None,
                    }
                )
                conn.execute(update(comments).where(comments.c.id == first.id).values(**values))
            done = conn.execute(select(comments).where(comments.c.id == first.id)).one()
        return _comment(done)

    # --- the one way to save -------------------------------------------------------------------------------

    def _save(
        self,
        framework_id: str,
        fw: Framework,
        expected_version: int,
        author: str,
        summary: str,
        restored_from: int | None,
        kind: VersionKind,
    ) -> Saved:
        action = Action.EDIT if restored_from is None else Action.RESTORE_VERSION
        text, digest = canonical_document(fw)
        kind = _kind(kind)
        author = self._author(author)
        summary = _one_line(summary, MAX_SUMMARY) or "Saved"
        now = _now()
        meta = fw.meta
        with self._writing() as conn:
            new_version = expected_version + 1
            done = conn.execute(  # the optimistic lock: only over the version the writer loaded, only if changed
                update(frameworks)
                .where(
                    frameworks.c.id == framework_id,
                    frameworks.c.version == expected_version,
                    frameworks.c.deleted_at.is_(None),
                    frameworks.c.digest != digest,
                    level(self.actor) >= NEEDS[action],
                )
                .values(
                    version=new_version,
                    digest=digest,
                    title=meta.title,
                    organisation=meta.organisation,
                    area=meta.area,
                    search=search_text(meta.title, meta.organisation, meta.area),
                    updated_at=now,
                    updated_by=author,
                )
            )
            if done.rowcount != 1:  # say why: hidden or gone, view only, changed since (Conflict), or the same
                row = self._row(conn, framework_id)
                if row is None:
                    raise self._hidden(framework_id)
                if row.access < NEEDS[action]:
                    raise self._refused(row, "save changes to")
                if row.version != expected_version:
                    raise self._conflict(conn, framework_id, expected_version)
                return _saved(row, fw)
            conn.execute(
                insert(versions).values(
                    framework_id=framework_id,
                    version=new_version,
                    saved_at=now,
                    author=author,
                    summary=summary,
                    restored_from=restored_from,
                    document=text,
                    kind=kind.value,
                )
            )
            _follow_renamed_boxes(conn, framework_id, expected_version, fw)
            pruned = _prune(conn, framework_id, new_version)
            owner, access = conn.execute(
                select(frameworks.c.owner, self._level()).where(frameworks.c.id == framework_id)
            ).one()
        return Saved(
            framework_id,
            new_version,
            fw,
            meta.title,
            meta.organisation,
            meta.area,
            now,
            author,
            pruned=pruned,
            owner=owner,
            access=Access(access),
        )

    def _current_with_document(self, conn: Connection, framework_id: str) -> Row[Any] | None:
        """The framework's row and its current document in one statement, so one snapshot (PostgreSQL reads
        each statement's own snapshot: two statements could see a save, and a pruning, in between)."""
        current = and_(versions.c.framework_id == frameworks.c.id, versions.c.version == frameworks.c.version)
        query = (
            select(*self._listed(), versions.c.document)
            .join(versions, current)
            .where(
                frameworks.c.id == framework_id,
                frameworks.c.deleted_at.is_(None),
                level(self.actor) >= NEEDS[Action.OPEN],
            )
        )
        return conn.execute(query).one_or_none()

    def _document(self, conn: Connection, framework_id: str, version: int) -> str:
        if self._row(conn, framework_id, in_bin=None) is None:
            raise self._hidden(framework_id)
        document = conn.execute(
            select(versions.c.document).where(versions.c.framework_id == framework_id, versions.c.version == version)
        ).scalar_one_or_none()
        if document is None:
            raise NotFound(framework_id, f"Version {version} of framework {framework_id!r} is not in the library")
        return document

    def _conflict(self, conn: Connection, framework_id: str, expected_version: int) -> StoreError:
        row = self._current_with_document(conn, framework_id)
        if row is None:
            return self._hidden(framework_id)
        current = _saved(row, loads(row.document))
        since = conn.execute(
            select(*_HISTORY)
            .where(versions.c.framework_id == framework_id, versions.c.version > expected_version)
            .order_by(versions.c.version.desc())
        ).all()
        return Conflict(current, [_version_info(r) for r in since])


def _follow_renamed_boxes(conn: Connection, framework_id: str, before: int, fw: Framework) -> None:
    """Comments on a box whose id this save changed (``rename_node``; an undo of one) follow it, and so do
    comments on its links. Costs one indexed query when every commented box is still there (almost every
    save); only then is the version saved before read, to tell a renamed box from a deleted one. Comments on
    a deleted box keep its id: ``threads(open_only=False)`` still lists them."""
    there = fw.node_by_id
    ends = (comments.c.box_id, comments.c.link_from, comments.c.link_to)
    commented = {
        box_id
        for row in conn.execute(select(*ends).where(comments.c.framework_id == framework_id).distinct())
        for box_id in row
        if box_id is not None
    }
    if all(box_id in there for box_id in commented):
        return
    document = conn.execute(
        select(versions.c.document).where(versions.c.framework_id == framework_id, versions.c.version == before)
    ).scalar_one_or_none()
    if document is None:
        return
    moved = {old: new for old, new in renamed_boxes(loads(document), fw).items() if old in commented}
    if not moved:
        return
    for column in ends:  # one statement a column, so a chain of renames moves each comment once
        conn.execute(
            update(comments)
            .where(comments.c.framework_id == framework_id, column.in_(list(moved)))
            .values({column.name: case(moved, value=column)})
        )


def _prune(conn: Connection, framework_id: str, newest: int) -> tuple[int, ...]:
    """Remove versions beyond the limit, oldest first, never the newest; returns their numbers."""
    oldest_kept = newest - max_versions() + 1
    if oldest_kept <= 1:
        return ()
    old = and_(versions.c.framework_id == framework_id, versions.c.version < oldest_kept)
    pruned = tuple(conn.execute(select(versions.c.version).where(old).order_by(versions.c.version)).scalars())
    if pruned:
        conn.execute(delete(versions).where(old))
        log.info("Framework %s: pruned versions %s (keeping %d)", framework_id, pruned, max_versions())
    return pruned


def canonical_document(fw: Framework) -> tuple[str, str]:
    """The canonical JSON of a checked framework and its digest, as the library stores it.

    Raises ``TooLarge`` past the format's limit and ``StoreError`` if ``fw`` breaks a rule of the format.
    """
    if not isinstance(fw, Framework):
        raise TypeError(f"the library saves a Framework, not {type(fw).__name__}")
    problems = checked_problems(fw)
    if problems:
        raise StoreError(f"Not saved: {FrameworkError(problems[:1])}")
    text = dumps(fw)
    size = len(text.encode("utf-8"))
    if size > MAX_DOCUMENT_BYTES:
        raise TooLarge(
            f"'{fw.meta.title}' is too large to save: {size / 1_000_000:.1f} MB, "
            f"the limit is {MAX_DOCUMENT_BYTES / 1_000_000:g} MB (the file format's own limit)"
        )
    return text, content_digest(text)


@dataclass(frozen=True)
class PutBack:
    """A framework to put back from a backup: its id, its versions' details (who, when, what) and how to read
    each version's framework, one at a time, so that restoring holds one version in memory, not the backup."""

    framework_id: str
    versions: tuple[VersionInfo, ...]
    read: Callable[[VersionInfo], Framework]
    """The framework saved as ``info.version``; ``StoreError`` naming the file when it cannot be read."""
    deleted_at: datetime | None = None
    owner: str | None = None
    shared: tuple[Share, ...] = ()
    comments: tuple[Comment, ...] = ()
    """Its comments, each reply after the first comment of its thread (``Library.all_comments``)."""


@dataclass(frozen=True)
class _Checked:
    """A ``PutBack``'s details as they will be written: versions oldest first, emails and roles checked."""

    infos: tuple[VersionInfo, ...]
    rows: tuple[dict[str, Any], ...]
    deleted_at: datetime | None
    owner: str | None
    shares: tuple[dict[str, Any], ...]
    comments: tuple[tuple[int, dict[str, Any]], ...] = ()
    """(the comment's id in the backup, its row as written), threads before their replies."""


_ID = re.compile(r"^[A-Za-z0-9_-]{1,32}$")


def _listing(fw: Framework, version: int, digest: str, row: dict[str, Any]) -> dict[str, Any]:
    """The columns of ``frameworks`` that follow its current version."""
    meta = fw.meta
    return {
        "title": meta.title,
        "organisation": meta.organisation,
        "area": meta.area,
        "search": search_text(meta.title, meta.organisation, meta.area),
        "version": version,
        "digest": digest,
        "updated_at": row["saved_at"],
        "updated_by": row["author"],
    }


def _moment(value: datetime) -> datetime:
    if not isinstance(value, datetime) or value.tzinfo is None:
        raise StoreError(f"{str(value)[:40]!r} is not a moment with its time zone")
    return value


def _restored_from(value: int | None) -> int | None:
    if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 1):
        raise StoreError(f"'restored from' is a version number, not {str(value)[:20]!r}")
    return value


def _saved(row: Row[Any], fw: Framework) -> Saved:
    return Saved(
        row.id,
        row.version,
        fw,
        row.title,
        row.organisation,
        row.area,
        row.updated_at,
        row.updated_by,
        owner=row.owner,
        access=Access(row.access),
    )


def _summary(row: Row[Any]) -> Summary:
    fields = dict(row._mapping)
    fields["access"] = Access(fields["access"])
    return Summary(**fields)


def _person(person: str) -> str:
    return EVERYONE_SIGNED_IN if person == EVERYONE_SIGNED_IN else clean_email(person)


def _role(role: str) -> str:
    if role not in ROLES:
        words = ", ".join(f"'{word}'" for word in ROLES)
        raise StoreError(f"Not shared: the role is one of {words}, not {str(role)[:20]!r}")
    return role


def _comment_body(body: str) -> str:
    """A comment's text exactly as typed, or ``StoreError``: empty, too long, or holding what no database
    stores (a NUL character, half of a surrogate pair)."""
    if not isinstance(body, str) or not body.strip():
        raise StoreError("Not commented: the comment is empty")
    if len(body) > MAX_COMMENT:
        raise StoreError(f"Not commented: a comment is at most {MAX_COMMENT} characters, this one is {len(body)}")
    if "\x00" in body:
        raise StoreError("Not commented: the comment holds a NUL character, which cannot be stored")
    try:
        body.encode("utf-8")
    except UnicodeEncodeError:
        raise StoreError("Not commented: the comment holds characters that are not text (broken Unicode)") from None
    return body


def _comment_rows(framework_id: str, given: Sequence[Comment]) -> tuple[tuple[int, dict[str, Any]], ...]:
    """Comments put back from a backup, checked as ``comment`` checks them; ``StoreError`` naming the first
    that is wrong (a reply before its thread, or to a reply; an id twice; an author or moment missing)."""
    rows: list[tuple[int, dict[str, Any]]] = []
    firsts: set[int] = set()
    seen: set[int] = set()
    if len(given) > MAX_COMMENTS:
        raise StoreError(f"has {len(given)} comments, more than the {MAX_COMMENTS} a framework may hold")
    for c in given:
        where = f"comment {str(c.id)[:20]}: "
        try:
            if isinstance(c.id, bool) or not isinstance(c.id, int) or c.id in seen:
                raise StoreError("a comment's id is a whole number, each once")
            seen.add(c.id)
            if c.thread is not None and c.thread not in firsts:
                raise StoreError("a reply comes after the first comment of its thread")
            link = None if c.link is None else _link(c.link)
            if c.box is not None and link is not None:
                raise StoreError("a comment is on a box or on a link, not both")
            resolved_at = None if c.resolved_at is None or c.thread is not None else _moment(c.resolved_at)
            rows.append(
                (
                    c.id,
                    {
                        "framework_id": framework_id,
                        "thread_id": c.thread,
                        "box_id": None if c.box is None else _target_id(str(c.box)),
                        "link_from": None if link is None else link[0],
                        "link_to": None if link is None else link[1],
                        "author": _one_line(c.author, MAX_AUTHOR, "author"),
                        "author_email": None if c.author_email is None else clean_email(c.author_email),
                        "body": _comment_body(c.body),
                        "created_at": _moment(c.created_at),
                        "resolved_at": resolved_at,
                        "resolved_by": None if resolved_at is None else _one_line(c.resolved_by or "", MAX_AUTHOR),
                    },
                )
            )
            if c.thread is None:
                firsts.add(c.id)
        except StoreError as exc:
            raise StoreError(where + str(exc)) from None
    return tuple(rows)


def _link(link: tuple[str, str]) -> tuple[str, str]:
    try:
        source, target = link
    except (TypeError, ValueError):
        raise StoreError("Not commented: a link is named by its two boxes' ids (source, target)") from None
    return _target_id(str(source)), _target_id(str(target))


def _target_id(box_id: str) -> str:
    if not box_id or len(box_id) > MAX_ID:
        raise StoreError(f"Not commented: {box_id[:40]!r} is not a box's id")
    return box_id


def _comment(row: Row[Any]) -> Comment:
    return _comment_from(row.id, row._mapping)


def _comment_from(comment_id: int, values: Any) -> Comment:
    link_from = values["link_from"]
    return Comment(
        id=comment_id,
        framework_id=values["framework_id"],
        thread=values["thread_id"],
        box=values["box_id"],
        link=None if link_from is None else (link_from, values["link_to"]),
        author=values["author"],
        author_email=values["author_email"],
        body=values["body"],
        created_at=values["created_at"],
        resolved_at=values.get("resolved_at"),
        resolved_by=values.get("resolved_by"),
    )


def _with_title(fw: Framework, title: str) -> Framework:
    try:
        return update_meta(fw, title=title)
    except FrameworkError as exc:
        raise StoreError(f"Title not changed: {exc.problems[0].message}") from None


def _info(version: int, when: datetime, author: str, summary: str, kind: VersionKind) -> VersionInfo:
    return VersionInfo(version, when, author, summary, kind=kind)


def _version_info(row: Row[Any]) -> VersionInfo:
    fields = dict(row._mapping)
    fields["kind"] = VersionKind(fields["kind"])
    return VersionInfo(**fields)


def _kind(value: object) -> VersionKind:
    try:
        return VersionKind(value)
    except ValueError:
        kinds = ", ".join(kind.value for kind in VersionKind)
        raise StoreError(f"a version's kind is one of {kinds}, not {str(value)[:20]!r}") from None


def _one_line(text: str, limit: int, what: str = "") -> str:
    line = " ".join(str(text or "").split())[:limit]
    if what and not line:
        raise StoreError(f"Not saved: say who is saving (the {what}'s name is empty)")
    return line


def _now() -> datetime:
    return datetime.now(UTC)
