"""Bring a library's schema up to date with Alembic, configured here in code (no alembic.ini).

Run on every open: a database at the newest revision costs one query; an
older one is upgraded in place, in one transaction, holding a lock so that two
app servers starting together do not both upgrade it. A database made by a
newer Logic Model Builder is refused with one line rather than guessed at, and so is a database that
holds someone else's tables (the wrong file, the wrong database), which is left untouched.
"""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import Connection, Engine, inspect, text

from logicmodel.store.errors import StoreError

__all__ = ["HEAD", "alembic_config", "current_revision", "upgrade"]

HEAD = "head"
_LOCK_KEY = 0x4C4D4231  # "LMB1": PostgreSQL advisory lock held while upgrading


def alembic_config(connection: Connection | None = None) -> Config:
    """Alembic's configuration: the migrations shipped in this package, on this connection."""
    config = Config()
    config.set_main_option("script_location", "logicmodel.store:migrations")
    config.attributes["connection"] = connection
    return config


def current_revision(connection: Connection) -> str | None:
    """The schema revision the database is at (``None`` when it is empty)."""
    return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine, revision: str = HEAD) -> None:
    """Upgrade the database to ``revision`` (the newest by default), in one transaction."""
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LOCK_KEY})
        config = alembic_config(connection)
        script = ScriptDirectory.from_config(config)
        current = current_revision(connection)
        if current is None:
            others = sorted(inspect(connection).get_table_names())
            if others:
                named = ", ".join(others[:3]) + (", ..." if len(others) > 3 else "")
                raise StoreError(
                    f"not a Logic Model Builder library: the database already holds other tables ({named}); "
                    "use a new file or an empty database"
                )
        else:
            try:
                script.get_revision(current)
            except CommandError:
                raise StoreError(
                    f"the library's database is at schema {current!r}, made by a newer Logic Model Builder: "
                    "upgrade the app to open it"
                ) from None
        if revision == HEAD and current == script.get_current_head():
            return
        command.upgrade(config, revision)
