"""``library migrate``, ``migrate --check`` and ``check``: what an IT officer's runbook, units and health check run.

On SQLite and PostgreSQL: ``--check`` and ``check`` change nothing (not even by creating the file); ``migrate``
says from what to what; a newer schema, someone else's tables and a server that does not answer are refused in
one line with exit 1; and two processes started together on a fresh database upgrade it exactly once.
"""

from __future__ import annotations

import io
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from logicmodel.cli.main import main
from logicmodel.store.connect import make_engine
from logicmodel.store.migrate import Status, Upgrade, current_revision, newest_revision, status, upgrade

ROOT = Path(__file__).resolve().parents[2]
NEWEST = newest_revision()


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    status = main(["library", *argv], out=out)
    return status, out.getvalue()


@pytest.fixture
def url(database_url, monkeypatch) -> str:
    monkeypatch.setenv("LOGICMODEL_DATABASE_URL", database_url)
    return database_url


def revision(url: str) -> str | None:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return current_revision(conn)
    finally:
        engine.dispose()


def tables(url: str) -> list[str]:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return sorted(inspect(conn).get_table_names())
    finally:
        engine.dispose()


def one_line(status_and_text: tuple[int, str]) -> tuple[int, str]:
    status, said = status_and_text
    assert said.count("\n") == 1 and "Traceback" not in said, said
    return status, said.strip()


def test_a_new_database_is_said_to_need_upgrading_then_migrated_once_then_up_to_date(url, tmp_path):
    status, said = one_line(run("migrate", "--check"))
    assert status == 3
    assert said.endswith(f"needs upgrading from an empty database to schema {NEWEST}: run `logicmodel library migrate`")
    if url.startswith("sqlite"):
        assert not (tmp_path / "library.db").exists()  # looking made nothing, not even an empty file
        status, said = one_line(run("check"))
        assert status == 1 and "no library there yet" in said and not (tmp_path / "library.db").exists()
    else:
        assert tables(url) == []
        status, said = one_line(run("check"))
        assert status == 1 and f"needs upgrading from an empty database to schema {NEWEST}" in said
        assert tables(url) == []

    assert one_line(run("migrate")) == (0, f"library: {_where(url, tmp_path)}: upgraded from an empty database "
                                           f"to schema {NEWEST}")  # fmt: skip
    assert revision(url) == NEWEST
    status, said = one_line(run("migrate"))
    assert status == 0 and said.endswith(f"already at the newest schema ({NEWEST}), nothing to do")
    assert one_line(run("migrate", "--check")) == (0, f"library: {_where(url, tmp_path)}: up to date (schema {NEWEST})")
    assert one_line(run("check")) == (0, f"library: {_where(url, tmp_path)}: answers, at the newest schema ({NEWEST})")


def _where(url: str, tmp_path: Path) -> str:
    """How the commands name the library: the SQLite file, or the URL (no password here)."""
    return str(tmp_path / "library.db") if url.startswith("sqlite") else url


def test_an_older_library_is_named_with_both_schemas_left_as_it_is_by_the_checks_then_upgraded(url):
    engine = make_engine(url)
    upgrade(engine, "0006")
    engine.dispose()
    expected = f"needs upgrading from schema 0006 to schema {NEWEST}: run `logicmodel library migrate`"
    status, said = one_line(run("migrate", "--check"))
    assert status == 3 and said.endswith(expected)
    status, said = one_line(run("check"))
    assert status == 1 and said.endswith(expected)
    assert revision(url) == "0006"  # neither check upgraded it (opening the library would have)
    status, said = one_line(run("migrate"))
    assert status == 0 and said.endswith(f"upgraded from schema 0006 to schema {NEWEST}")
    assert revision(url) == NEWEST


def test_a_newer_schema_is_refused_by_every_command_and_left_as_it_is(url):
    upgrade(make_engine(url))
    engine = make_engine(url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    engine.dispose()
    for argv in (("migrate", "--check"), ("check",), ("migrate",)):
        status, said = one_line(run(*argv))
        assert status == 1 and "schema '9999', made by a newer Logic Model Builder" in said, argv
    assert revision(url) == "9999"


def test_someone_elses_tables_are_refused_by_every_command_and_left_untouched(url):
    engine = make_engine(url)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE invoices (number INTEGER)"))
    engine.dispose()
    for argv in (("migrate", "--check"), ("check",), ("migrate",)):
        status, said = one_line(run(*argv))
        assert status == 1 and "not a Logic Model Builder library" in said and "invoices" in said, argv
    assert tables(url) == ["invoices"]


def test_a_server_that_does_not_answer_is_one_line_without_its_password(monkeypatch):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # nothing listens here once closed
    monkeypatch.setenv("LOGICMODEL_DATABASE_URL", f"postgresql+psycopg://ann:secret@127.0.0.1:{port}/library")
    for argv in (("migrate", "--check"), ("check",), ("migrate",)):
        status, said = one_line(run(*argv))
        assert status == 1 and "cannot connect" in said and "secret" not in said and str(port) in said, argv


def test_upgrade_says_whether_it_did_anything_and_status_looks_without_changing(database_url):
    engine = make_engine(database_url)
    try:
        assert status(engine) == Status(None, NEWEST) and status(engine).needs_upgrade
        first = upgrade(engine)
        assert first == Upgrade(None, NEWEST) and first.done
        again = upgrade(engine)
        assert again == Upgrade(NEWEST, NEWEST) and not again.done
        assert not status(engine).needs_upgrade
    finally:
        engine.dispose()


def test_check_is_quiet_on_standard_error_and_prints_nothing_of_a_framework(tmp_path):
    """What the health check runs: one line on standard output, nothing on standard error (no "acting as
    administrator": it never opens the library as such), and no title from the library."""
    url = f"sqlite:///{tmp_path / 'library.db'}"
    from logicmodel.editing.edit import new_framework
    from logicmodel.store import Library

    with Library.open(url) as lib:
        lib.create(new_framework("Secret Strategy <b>2030</b>"), author="Ann")
    done = subprocess.run(
        [sys.executable, "-m", "logicmodel", "library", "check"],
        capture_output=True,
        text=True,
        env={**os.environ, "LOGICMODEL_DATABASE_URL": url},
        cwd=ROOT,
        timeout=120,
    )
    assert done.returncode == 0 and done.stderr == ""
    assert done.stdout == f"library: {tmp_path / 'library.db'}: answers, at the newest schema ({NEWEST})\n"


# --- two started together migrate once ------------------------------------------------------------------------


RUNNING: list[subprocess.Popen[str]] = []
"""The processes ``until`` checks are still there while it waits."""


def start_migrating(url: str, count: int = 2) -> list[subprocess.Popen[str]]:
    """``count`` real ``library migrate`` processes, started at once."""
    RUNNING[:] = [
        subprocess.Popen(
            [sys.executable, "-m", "logicmodel", "library", "migrate"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "LOGICMODEL_DATABASE_URL": url},
            cwd=ROOT,
        )
        for _ in range(count)
    ]
    return list(RUNNING)


def until(condition, what: str, limit_s: float = 120) -> None:
    """Wait (generously: the machine may be loaded) until ``condition()``; fail naming ``what`` otherwise."""
    deadline = time.monotonic() + limit_s
    while not condition():
        ended = [p.args for p in RUNNING if p.poll() is not None]
        if ended:
            pytest.fail(f"a process ended while waiting for {what}: {ended}")
        if time.monotonic() > deadline:
            pytest.fail(f"gave up waiting for {what}")
        time.sleep(0.05)


def finished(processes: list[subprocess.Popen[str]]) -> list[tuple[int, str, str]]:
    return [(p.wait(timeout=120), *p.communicate(timeout=120)) for p in processes]


def assert_migrated_once(done: list[tuple[int, str, str]], url: str) -> None:
    assert [status for status, _, _ in done] == [0, 0], done
    said = sorted(out.strip().split(": ")[-1] for _, out, _ in done)
    assert said == [
        f"already at the newest schema ({NEWEST}), nothing to do",
        f"upgraded from an empty database to schema {NEWEST}",
    ], done
    assert revision(url) == NEWEST


def test_two_processes_started_together_on_a_fresh_postgresql_migrate_it_once(postgres_database):
    """Both are held at the advisory lock (seen waiting in pg_locks) before either may go: one upgrades, the other
    finds it done, both succeed."""
    import psycopg
    from sqlalchemy.engine import make_url

    from logicmodel.store.migrate import _LOCK_KEY

    parsed = make_url(postgres_database)
    where = {"host": parsed.host, "port": parsed.port, "user": parsed.username, "dbname": parsed.database}
    with psycopg.connect(**where, autocommit=True) as holder:
        holder.execute("SELECT pg_advisory_lock(%s)", (_LOCK_KEY,))
        processes = start_migrating(postgres_database)
        try:

            def both_waiting() -> bool:
                waiting = holder.execute(
                    "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
                ).fetchone()
                return waiting is not None and waiting[0] == 2

            until(both_waiting, "both migrations to wait at the lock")
        finally:
            holder.execute("SELECT pg_advisory_unlock(%s)", (_LOCK_KEY,))
        done = finished(processes)
    assert_migrated_once(done, postgres_database)


def test_two_processes_started_together_on_a_fresh_sqlite_file_migrate_it_once(tmp_path):
    """Both have the file open while the test holds its write lock, so both are at the lock when it goes. The
    test's connection puts the empty file in WAL first, as the first connection to a new library does."""
    import sqlite3

    path = tmp_path / "library.db"
    url = f"sqlite:///{path}"
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("PRAGMA journal_mode = WAL")
    holder.execute("BEGIN IMMEDIATE")
    processes = start_migrating(url)
    try:

        def has_open(pid: int) -> bool:
            try:
                return any(os.readlink(f"/proc/{pid}/fd/{fd}") == str(path) for fd in os.listdir(f"/proc/{pid}/fd"))
            except OSError:
                return False

        until(lambda: all(has_open(p.pid) for p in processes), "both migrations to open the file")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert_migrated_once(finished(processes), url)
