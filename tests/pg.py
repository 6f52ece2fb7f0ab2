"""A throwaway PostgreSQL server for tests and benchmarks (``logicmodel.testing.postgres``, shared with
``deploy/trial``), and the fixtures that give tests one.

``throwaway_postgres()`` runs ``initdb`` and ``pg_ctl`` (through ``runuser -u postgres`` when running as
root, since PostgreSQL refuses to run as root) in a temporary folder it owns and removes, listening on a
free loopback port with its unix socket in that folder, and yields the server's
``postgresql+psycopg://`` URL. ``fresh_database(url)`` makes a new empty database on it.

Fixtures (imported by ``tests/conftest.py``, so any test can use them): ``postgres_url`` (session: the
server; skips with one line saying why when PostgreSQL cannot be had) and ``postgres_database`` (a new
empty database for one test).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from logicmodel.testing.postgres import PostgresUnavailable, _binaries, fresh_database, throwaway_postgres  # noqa: F401  (bench/live.py)

__all__ = ["PostgresUnavailable", "fresh_database", "postgres_database", "postgres_url", "throwaway_postgres"]


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A PostgreSQL server for this test run (its ``postgres`` database); skips, saying why, without one."""
    try:
        with throwaway_postgres() as url:
            yield url
    except PostgresUnavailable as exc:
        pytest.skip(f"PostgreSQL tests skipped: {exc}")


@pytest.fixture
def postgres_database(postgres_url: str) -> str:
    """A new empty database on the test run's PostgreSQL server."""
    return fresh_database(postgres_url)
