"""A throwaway PostgreSQL server started from Debian's ``postgresql`` binaries, for tests, benchmarks and the
hosting trial (``deploy/trial``).

``throwaway_postgres()`` runs ``initdb`` and ``pg_ctl`` (through ``runuser -u postgres`` when running as
root, since PostgreSQL refuses to run as root) in a temporary folder it owns and removes, listening on a
free loopback port with its unix socket in that folder, and yields the server's ``postgresql+psycopg://``
URL. ``fresh_database(url)`` makes a new empty database on it. Nothing here imports the rest of the engine.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

__all__ = ["PostgresUnavailable", "fresh_database", "throwaway_postgres"]


class PostgresUnavailable(RuntimeError):
    """PostgreSQL cannot be started here; the message says why in one line."""


def _binaries() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[-3]))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    if initdb:
        return Path(initdb).parent
    raise PostgresUnavailable("PostgreSQL is not installed (`make test` installs Debian's postgresql as root)")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _run(command: list[str], as_postgres: bool) -> None:
    if as_postgres:
        command = ["runuser", "-u", "postgres", "--", *command]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    if done.returncode:
        last = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["no output"]
        raise PostgresUnavailable(f"{Path(command[-1] if as_postgres else command[0]).name} failed: {last[0]}")


@contextlib.contextmanager
def throwaway_postgres(*, durable: bool = False) -> Iterator[str]:
    """Start a PostgreSQL server of our own; yield its URL; stop it and remove its folder.

    ``durable=False`` (tests) turns off fsync: quicker, and nothing here outlives the run.
    """
    bin_dir = _binaries()
    as_postgres = os.geteuid() == 0
    if as_postgres and shutil.which("runuser") is None:
        raise PostgresUnavailable("running as root without runuser: cannot start PostgreSQL as another user")
    folder = Path(tempfile.mkdtemp(prefix="logicmodel-pg-"))
    data = folder / "data"
    started = False
    try:
        if as_postgres:
            shutil.chown(folder, "postgres", "postgres")
        _run(
            [str(bin_dir / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8",
             "--no-sync", "--locale=C.UTF-8"],
            as_postgres,
        )  # fmt: skip
        port = _free_port()
        options = f"-c listen_addresses=127.0.0.1 -p {port} -k {folder} -c max_connections=100"
        if not durable:
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        _run(
            [str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(folder / "server.log"), "-o", options, "-w",
             "-t", "60", "start"],
            as_postgres,
        )  # fmt: skip
        started = True
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    finally:
        if started:
            with contextlib.suppress(PostgresUnavailable, subprocess.TimeoutExpired):
                _run([str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"], as_postgres)
        shutil.rmtree(folder, ignore_errors=True)


def fresh_database(server_url: str) -> str:
    """Create a new, empty database on the server; returns its URL."""
    import psycopg
    from sqlalchemy.engine import make_url

    url = make_url(server_url)
    name = f"t_{os.getpid()}_{next(_numbers)}"
    with psycopg.connect(host=url.host, port=url.port, user=url.username, dbname=url.database, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return url.set(database=name).render_as_string(hide_password=False)


_numbers = iter(range(1, 10**9))
