"""Where the library lives and how to reach it: one SQLAlchemy URL, from the caller or the environment.

``LOGICMODEL_DATABASE_URL`` unset: a SQLite file ``library.db`` in the data
folder (``$LOGICMODEL_DATA_DIR``, else ``~/.local/share/logic-model-builder``),
created on first use. ``sqlite:///path/to/library.db``: another file.
``postgresql+psycopg://user:password@host/db``: a PostgreSQL server shared by
several app servers.

SQLite connections use WAL (readers never wait for the writer), synchronous
FULL (a finished save survives a power cut, not only a crash), foreign keys
on, a busy timeout, and ``BEGIN IMMEDIATE`` for writes, so two writers queue
for the lock instead of failing halfway through a transaction.

>>> mask("postgresql+psycopg://ann:secret@db.example/library")
'postgresql+psycopg://ann:***@db.example/library'
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, SQLAlchemyError

from logicmodel.store.errors import StoreError

__all__ = [
    "BUSY_TIMEOUT_S",
    "PRIVATE_FILE",
    "PRIVATE_FOLDER",
    "database_url",
    "default_path",
    "location",
    "make_engine",
    "mask",
    "private_files",
    "translated",
]

BUSY_TIMEOUT_S = 30
"""How long a SQLite writer waits for another writer to finish before giving up."""

CONNECT_TIMEOUT_S = 10
"""How long to wait for a PostgreSQL server to answer before saying it cannot be reached."""


def default_path() -> Path:
    """The SQLite file used when no URL is given: ``library.db`` in the data folder."""
    folder = os.environ.get("LOGICMODEL_DATA_DIR") or Path.home() / ".local" / "share" / "logic-model-builder"
    return Path(folder).expanduser() / "library.db"


def database_url(url: str | None = None) -> str:
    """The URL to use: the one given, else ``$LOGICMODEL_DATABASE_URL``, else the default SQLite file."""
    url = url or os.environ.get("LOGICMODEL_DATABASE_URL", "").strip()
    return url or f"sqlite:///{default_path()}"


def mask(url: str) -> str:
    """The URL with any password hidden, fit to print."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url.split("@")[-1]


def location(url: str) -> str:
    """Where a library is, in words fit to print: a SQLite file's path, or the URL with any password hidden."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return str(parsed.database)
    return mask(url)


def make_engine(url: str) -> Engine:
    """An engine for a SQLite or PostgreSQL URL, or ``StoreError`` saying why not."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise StoreError(f"LOGICMODEL_DATABASE_URL is not a database URL: {mask(url)!r}") from None
    backend = parsed.get_backend_name()
    try:
        if backend == "sqlite":
            return _sqlite_engine(url)
        if backend == "postgresql":
            return create_engine(url, connect_args={"connect_timeout": CONNECT_TIMEOUT_S}, pool_pre_ping=True)
    except NoSuchModuleError as exc:
        raise StoreError(f"{mask(url)}: no database driver for it ({exc})") from None
    raise StoreError(f"{mask(url)}: the library needs SQLite (sqlite:///FILE) or PostgreSQL (postgresql+psycopg://...)")


def _sqlite_engine(url: str) -> Engine:
    parsed = make_url(url)
    database = parsed.database or ""
    if database in ("", ":memory:") or database.startswith("file:"):
        raise StoreError(f"{url}: the library needs a SQLite file, e.g. sqlite:///path/to/library.db")
    path = Path(database).expanduser()
    if path.is_dir():
        raise StoreError(f"{path}: is a folder, not a database file")
    private_files(path)
    engine = create_engine(parsed.set(database=str(path)), connect_args={"timeout": BUSY_TIMEOUT_S})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, record: Any) -> None:
        dbapi_connection.isolation_level = None  # SQLAlchemy's "begin" below says when a transaction starts
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_S * 1000}")
            cursor.execute("PRAGMA foreign_keys = ON")
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = FULL")  # a save that returned survives a power cut too
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        mode = connection.get_execution_options().get("logicmodel_begin", "IMMEDIATE")
        connection.exec_driver_sql(f"BEGIN {mode}")

    return engine


PRIVATE_FOLDER = 0o700
"""The library's folder, when the library creates it: its server's account alone may list or enter it."""
PRIVATE_FILE = 0o600
"""The library's files (the database, its ``-wal``, ``-shm`` and ``-journal``): its server's account alone."""
_COMPANIONS = ("-wal", "-shm", "-journal")


def private_files(path: Path) -> None:
    """Make the SQLite file at ``path`` readable by the server's account only, before SQLite opens it.

    A missing folder is created 0700 and a missing database file 0600 (SQLite gives its ``-wal`` and
    ``-shm`` files the database file's mode, so they are 0600 too); an existing database and its companions
    are set to 0600, so a library made before this rule becomes private at its next open. A folder that
    was there already keeps the mode whoever made it gave it. ``StoreError`` if the folder cannot be made.
    """
    folder = path.parent
    try:
        if not folder.exists():
            folder.mkdir(mode=PRIVATE_FOLDER, parents=True, exist_ok=True)
            os.chmod(folder, PRIVATE_FOLDER)
    except OSError as exc:
        raise StoreError(f"{folder}: cannot create the library's folder ({exc.strerror or exc})") from None
    try:
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, PRIVATE_FILE))
    except FileExistsError:
        pass
    except OSError:
        return  # a read-only folder, say: SQLite says why, in its own words, when it opens it
    for name in (path, *(path.with_name(path.name + end) for end in _COMPANIONS)):
        with suppress(FileNotFoundError, PermissionError):  # another account's file: it keeps its own rule
            if stat.S_IMODE(os.stat(name).st_mode) != PRIVATE_FILE:
                os.chmod(name, PRIVATE_FILE)


@contextmanager
def translated(location: str) -> Iterator[None]:
    """Turn a database driver's error into ``StoreError`` with one plain line naming the library."""
    try:
        yield
    except DBAPIError as exc:
        raise StoreError(f"{location}: {_first_line(exc)}") from None
    except SQLAlchemyError as exc:
        raise StoreError(f"{location}: {_first_line(exc)}") from None


def _first_line(exc: SQLAlchemyError) -> str:
    original = getattr(exc, "orig", None) or exc
    text = str(original).strip().splitlines()
    line = text[0] if text else type(original).__name__
    if "file is not a database" in line:
        return "not a SQLite database (is it the right file?)"
    if line.startswith("connection failed:") or "Connection refused" in line:
        return f"cannot connect to the database server ({line.removeprefix('connection failed:').strip()})"
    return line
