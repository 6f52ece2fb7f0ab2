"""The ``library`` fixture: every store test runs on SQLite (a file) and on PostgreSQL (a real server)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from logicmodel.store import Library


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path) -> str:
    """A URL of an empty library database: a SQLite file, or a new database on the test PostgreSQL server."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'library.db'}"
    return request.getfixturevalue("postgres_database")


@pytest.fixture
def library(database_url: str) -> Iterator[Library]:
    """An open, empty library on each backend."""
    with Library.open(database_url) as lib:
        yield lib
