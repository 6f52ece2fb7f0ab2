"""Bring a library's schema up to date with Alembic, configured here in code (no alembic.ini).

Run on every open: a database at the newest revision costs one query; an
older one is upgraded in place, in one transaction, holding a lock so that two
app servers starting together do not both upgrade it (PostgreSQL: an advisory
lock; SQLite: the write lock ``BEGIN IMMEDIATE`` takes). ``upgrade`` says what
it did (``Upgrade``), so whoever ran it can say from what to what, and so a
test can show that of several started together exactly one upgraded.
``status`` looks without changing anything (``library migrate --check`` and
``library check``). A database made by a newer Logic Model Builder is refused
with one line rather than guessed at, and so is a database that holds someone
else's tables (the wrong file, the wrong database), which is left untouched.
"""

from __future__ import annotations

from dataclasses import dataclass

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import Connection, Engine, inspect, text

from logicmodel.store.errors import StoreError

__all__ = [
    "HEAD",
    "Status",
    "Upgrade",
    "alembic_config",
    "current_revision",
    "newest_revision",
    "schema_name",
    "status",
    "upgrade",
]

HEAD = "head"
_LOCK_KEY = 0x4C4D4231  # "LMB1": PostgreSQL advisory lock held while upgrading


@dataclass(frozen=True)
class Status:
    """Where a library's schema is (``None``: an empty database) and the newest this Logic Model Builder knows."""

    current: str | None
    newest: str

    @property
    def needs_upgrade(self) -> bool:
        """True when ``library migrate`` (or the next open) would change the database."""
        return self.current != self.newest


@dataclass(frozen=True)
class Upgrade:
    """What one ``upgrade`` did: the schema it found (under the lock) and the schema it left."""

    before: str | None
    after: str

    @property
    def done(self) -> bool:
        """True when this call changed the schema; False when it was already there (another got there first)."""
        return self.before != self.after


def schema_name(revision: str | None) -> str:
    """A revision in words for a one-line message: ``schema 0007``, or ``an empty database``."""
    return "an empty database" if revision is None else f"schema {revision}"


def alembic_config(connection: Connection | None = None) -> Config:
    """Alembic's configuration: the migrations shipped in this package, on this connection."""
    config = Config()
    config.set_main_option("script_location", "logicmodel.store:migrations")
    config.attributes["connection"] = connection
    return config


def current_revision(connection: Connection) -> str | None:
    """The schema revision the database is at (``None`` when it is empty)."""
    return MigrationContext.configure(connection).get_current_revision()


def newest_revision() -> str:
    """The newest schema revision this Logic Model Builder's migrations reach."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None  # the package ships its migrations
    return head


def _found(connection: Connection, script: ScriptDirectory) -> str | None:
    """The database's revision, or ``StoreError`` for someone else's tables or a newer schema."""
    current = current_revision(connection)
    if current is None:
        others = sorted(inspect(connection).get_table_names())
        if others:
            named = ", ".join(others[:3]) + (", ..." if len(others) > 3 else "")
            raise StoreError(
                f"not a Logic Model Builder library: the database already holds other tables ({named}); "
                "use a new file or an empty database"
            )
        return None
    try:
        script.get_revision(current)
    except CommandError:
        raise StoreError(
            f"the library's database is at schema {current!r}, made by a newer Logic Model Builder: "
            "upgrade the app to open it"
        ) from None
    return current


def status(engine: Engine) -> Status:
    """Where the database's schema is, changing nothing (a read, never SQLite's write lock); refusals as upgrade's."""
    script = ScriptDirectory.from_config(alembic_config())
    with engine.connect() as connection:
        connection = connection.execution_options(logicmodel_begin="DEFERRED")  # SQLite: read, not write, lock
        with connection.begin():
            current = _found(connection, script)
    return Status(current, newest_revision())


def upgrade(engine: Engine, revision: str = HEAD) -> Upgrade:
    """Upgrade the database to ``revision`` (the newest by default), in one transaction, holding the lock.

    Whoever waited for the lock finds the work done and returns an ``Upgrade`` whose ``done`` is False.
    """
    with engine.begin() as connection:  # SQLite: BEGIN IMMEDIATE, the write lock, from here to the commit
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LOCK_KEY})
        config = alembic_config(connection)
        script = ScriptDirectory.from_config(config)
        current = _found(connection, script)
        target = script.get_current_head() if revision == HEAD else revision
        if current == target:
            return Upgrade(current, current)
        command.upgrade(config, revision)
        after = current_revision(connection)
    assert after is not None
    return Upgrade(current, after)
