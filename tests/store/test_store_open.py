"""Opening the library: where it lives by default, and one clear line when it cannot be opened."""

from __future__ import annotations

import socket
import sqlite3

import pytest
from sqlalchemy import inspect, text

from logicmodel.editing.edit import new_framework
from logicmodel.store import Library, StoreError
from logicmodel.store.connect import make_engine


def one_line_error(url: str) -> str:
    with pytest.raises(StoreError) as caught:
        Library.open(url)
    message = str(caught.value)
    assert "\n" not in message and "Traceback" not in message
    return message


def test_the_default_library_is_a_sqlite_file_in_the_data_folder_created_on_first_use(tmp_path, monkeypatch):
    monkeypatch.delenv("LOGICMODEL_DATABASE_URL", raising=False)
    monkeypatch.setenv("LOGICMODEL_DATA_DIR", str(tmp_path / "data"))
    with Library.open() as lib:
        saved = lib.create(new_framework("Active Swindon"), author="Ann")
        assert lib.location == str(tmp_path / "data" / "library.db")
    with sqlite3.connect(tmp_path / "data" / "library.db") as db:
        assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        assert db.execute("SELECT title FROM frameworks WHERE id = ?", (saved.id,)).fetchone() == ("Active Swindon",)


def test_the_environment_names_another_file(tmp_path, monkeypatch):
    monkeypatch.setenv("LOGICMODEL_DATABASE_URL", f"sqlite:///{tmp_path / 'elsewhere.db'}")
    with Library.open() as lib:
        lib.create(new_framework("Active Swindon"), author="Ann")
    assert (tmp_path / "elsewhere.db").stat().st_size > 0


def test_foreign_keys_are_enforced_on_sqlite(tmp_path):
    with Library.open(f"sqlite:///{tmp_path / 'library.db'}") as lib, lib._engine.connect() as conn:
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() >= 10000


def test_a_file_that_is_not_a_database_gives_one_line_and_is_left_alone(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("Meeting notes, not a database.\n" * 200)
    before = path.read_bytes()
    message = one_line_error(f"sqlite:///{path}")
    assert str(path) in message and "not a SQLite database" in message
    assert path.read_bytes() == before


def test_a_server_that_cannot_be_reached_gives_one_line():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # nothing listens here once closed
    message = one_line_error(f"postgresql+psycopg://ann:secret@127.0.0.1:{port}/library")
    assert "cannot connect" in message and "secret" not in message and str(port) in message


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("mysql://ann@db/library", "needs SQLite"),
        ("not a url at all", "not a database URL"),
        ("sqlite://", "needs a SQLite file"),
    ],
)
def test_an_unusable_url_gives_one_line(url, words):
    assert words in one_line_error(url)


def test_a_folder_is_not_a_database(tmp_path):
    assert "is a folder" in one_line_error(f"sqlite:///{tmp_path}")


def test_the_location_hides_a_password(postgres_database):
    with_password = postgres_database.replace("postgres@", "postgres:secret@")
    with Library.open(with_password) as lib:
        assert "secret" not in lib.location and "***" in lib.location


def test_a_database_from_a_newer_app_is_refused(database_url):
    with Library.open(database_url) as lib, lib._engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    assert "newer Logic Model Builder" in one_line_error(database_url)


def test_a_database_holding_other_tables_is_refused_and_left_untouched(database_url):
    engine = make_engine(database_url)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE invoices (number INTEGER)"))
    message = one_line_error(database_url)
    assert "not a Logic Model Builder library" in message and "invoices" in message
    with engine.connect() as conn:
        assert inspect(conn).get_table_names() == ["invoices"]
    engine.dispose()
