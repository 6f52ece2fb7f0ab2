"""What the IT officer's commands do to the library's database: look at its schema, and upgrade it.

``look`` changes nothing, not even by creating the SQLite file that is not there yet (``library migrate
--check``, ``library check``); ``bring_up_to_date`` upgrades it to the newest schema (``library migrate``),
once however many run together (``logicmodel.store.migrate``). Both name the library as ``Library.open``
does (a SQLite file's path, a PostgreSQL URL with its password hidden) and never open it as a library, so
nothing else happens on the way (no upgrade on open, no administrator acting). Refusals are ``StoreError``,
one line naming the library.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from logicmodel.store.connect import database_url, make_engine, translated
from logicmodel.store.connect import location as where
from logicmodel.store.errors import StoreError
from logicmodel.store.migrate import Status, Upgrade, newest_revision, status, upgrade

__all__ = ["Looked", "Migrated", "bring_up_to_date", "look"]


@dataclass(frozen=True)
class Looked:
    """A library's database as ``look`` found it: where it is, and where its schema is."""

    location: str
    status: Status
    missing: bool = False
    """A SQLite file that is not there yet (made, empty, by the first ``library migrate`` or open)."""


@dataclass(frozen=True)
class Migrated:
    """What ``bring_up_to_date`` did to the library at ``location``."""

    location: str
    upgrade: Upgrade


def look(url: str | None = None) -> Looked:
    """Where the schema of the library at ``url`` (else ``$LOGICMODEL_DATABASE_URL``) is; changes nothing."""
    url = database_url(url)
    missing = _missing_file(url)
    if missing is not None:
        return Looked(where(url), Status(None, newest_revision()), missing=True)
    with _database(url) as (engine, location):
        return Looked(location, status(engine))


def bring_up_to_date(url: str | None = None) -> Migrated:
    """Upgrade the library at ``url`` (else ``$LOGICMODEL_DATABASE_URL``) to the newest schema, creating it if new."""
    url = database_url(url)
    with _database(url) as (engine, location):
        return Migrated(location, upgrade(engine))


@contextmanager
def _database(url: str) -> Iterator[tuple[Engine, str]]:
    """The database's engine and its name; a driver's error or a refusal becomes one line naming it."""
    engine = make_engine(url)
    location = where(url)
    try:
        with translated(location):
            try:
                yield engine, location
            except StoreError as exc:  # a newer schema, or someone else's tables: say which library
                raise StoreError(f"{location}: {exc}") from None
    finally:
        engine.dispose()


def _missing_file(url: str) -> Path | None:
    """The SQLite file the URL names, when it is not there (making an engine would create it)."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        return None  # make_engine says why, in one line
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    if parsed.database.startswith("file:"):
        return None
    path = Path(parsed.database).expanduser()
    return None if path.exists() else path
