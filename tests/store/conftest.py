"""The ``library`` fixture: every store test runs on SQLite (a file) and on PostgreSQL (a real server)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

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


@pytest.fixture
def another_database_url(database_url: str, request: pytest.FixtureRequest, tmp_path) -> str:
    """A second empty library database on the same backend as ``database_url``."""
    if database_url.startswith("sqlite"):
        return f"sqlite:///{tmp_path / 'another.db'}"
    from pg import fresh_database

    return fresh_database(request.getfixturevalue("postgres_url"))


class Clock:
    """A clock the test moves, from 21:50 on 6 December 2026 (``library.clock`` for presence and looks)."""

    def __init__(self) -> None:
        self.now = datetime(2026, 12, 6, 21, 50, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def forward(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@pytest.fixture
def clock(library: Library) -> Clock:
    """The library's clock, moved by the test."""
    clock = Clock()
    library.clock = clock
    return clock
