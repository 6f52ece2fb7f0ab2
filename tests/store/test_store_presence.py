"""Presence and the newest version, as live tabs poll them, on SQLite and PostgreSQL.

Time is the library's clock, moved by the test (never a sleep): a tab that says it is here every 5 s shows
to others at once and is gone after 60 s of silence; a stranger learns nothing; the newest version is one
row with who saved it and why; the versions a tab missed read as who changed what.
"""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from logicmodel.editing.edit import add_node, new_framework, update_meta
from logicmodel.store import EVERYONE, Library, NotFound, NotShared, StoreError, User
from logicmodel.store.presence import KEEP_S, Latest, in_words
from logicmodel.store.tables import presence

ALICE = User("alice@example.org", "Alice Owner")
PRIYA = User("priya@example.org", "Priya Editor")
SAM = User("sam@example.org", "Sam Stranger")
TAB_A, TAB_B, TAB_C = "tab-aaaaaaaa", "tab-bbbbbbbb", "tab-cccccccc"


def rows(library: Library) -> int:
    with library._engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(presence)).scalar_one()


def test_someone_arriving_shows_to_the_others_at_once_and_goes_after_a_minute_of_silence(library, clock):
    fw = library.create(new_framework("Active Swindon"), author="Ann")
    library.here(fw.id, TAB_A, "Ann", "Build")
    library.here(fw.id, TAB_B, "Sam", "Diagram")
    assert [(p.name, p.page) for p in library.who_is_here(fw.id, besides=TAB_A)] == [("Sam", "Diagram")]
    assert [p.name for p in library.who_is_here(fw.id)] == ["Ann", "Sam"]  # by name
    for _ in range(12):  # Ann's tab keeps saying so every 5 s; Sam's tab was closed
        clock.forward(5)
        library.here(fw.id, TAB_A, "Ann", "Build")
    assert [p.name for p in library.who_is_here(fw.id, besides=TAB_A)] == ["Sam"]  # 60 s: still counts
    clock.forward(1)
    assert library.who_is_here(fw.id, besides=TAB_A) == []  # 61 s of silence: gone
    assert [p.page for p in library.who_is_here(fw.id, besides=TAB_B)] == ["Build"]


def test_moving_to_another_page_updates_the_one_row_of_the_tab(library, clock):
    fw = library.create(new_framework("Active Swindon"), author="Ann")
    library.here(fw.id, TAB_B, "Sam", "Diagram")
    clock.forward(3)
    library.here(fw.id, TAB_B, "Sam", "Build")
    assert [(p.name, p.page, p.seen_at) for p in library.who_is_here(fw.id)] == [("Sam", "Build", clock.now)]
    assert rows(library) == 1


def test_a_signed_in_person_is_named_as_signed_in_and_counts_once_over_two_tabs(library, clock):
    alice = library.for_user(ALICE)
    fw = alice.create(new_framework("Draft offer to the ICB"))
    alice.share(fw.id, PRIYA.email, "editor")
    priya = library.for_user(PRIYA)
    priya.here(fw.id, TAB_B, "whatever she typed", "Diagram")
    clock.forward(2)
    priya.here(fw.id, TAB_C, "", "Build")
    assert [(p.name, p.page) for p in alice.who_is_here(fw.id, besides=TAB_A)] == [("Priya Editor", "Build")]


def test_a_stranger_can_neither_be_here_nor_learn_who_is(library, clock):
    alice = library.for_user(ALICE)
    fw = alice.create(new_framework("Draft offer to the ICB"))
    alice.here(fw.id, TAB_A, "", "Build")
    sam = library.for_user(SAM)
    for call in (
        lambda: sam.here(fw.id, TAB_B, "Sam", "Build"),
        lambda: sam.who_is_here(fw.id),
        lambda: sam.latest_version(fw.id),
        lambda: sam.versions_between(fw.id, 0),
    ):
        with pytest.raises(NotShared):
            call()
    with pytest.raises(NotFound):  # the app without sign-in: someone's own framework is not there
        library.for_user(EVERYONE).who_is_here(fw.id)
    assert [p.name for p in alice.who_is_here(fw.id)] == ["Alice Owner"]  # nothing was written by Sam
    with pytest.raises(NotFound):
        library.here("no-such-framework", TAB_A, "Ann", "Build")


def test_a_tab_session_id_must_be_a_plain_token(library, clock):
    fw = library.create(new_framework("Active Swindon"), author="Ann")
    for bad in ("", "short", "x" * 65, "tab aaaaaaaa", "tab-<script>"):
        with pytest.raises(StoreError, match="session id"):
            library.here(fw.id, bad, "Ann", "Build")


def test_rows_no_tab_renewed_are_swept_away_by_a_later_call(library, clock):
    fw = library.create(new_framework("Active Swindon"), author="Ann")
    library.here(fw.id, TAB_B, "Sam", "Diagram")
    clock.forward(KEEP_S + 1)
    library.here(fw.id, TAB_A, "Ann", "Build")
    assert rows(library) == 1  # Sam's old row is gone, not only hidden


def test_presence_goes_with_the_framework_and_a_framework_in_the_bin_has_no_one(library, clock):
    fw = library.create(new_framework("Active Swindon"), author="Ann")
    library.here(fw.id, TAB_A, "Ann", "Build")
    library.delete(fw.id, author="Ann")
    with pytest.raises(NotFound):
        library.who_is_here(fw.id)
    library.empty_bin()
    assert rows(library) == 0


def test_the_latest_version_is_one_row_with_who_saved_it_and_why(library, clock):
    fw = library.create(new_framework("Active Swindon"), author="Ann")
    assert library.latest_version(fw.id)[:2] == (1, "Ann")
    saved = library.save(
        fw.id, update_meta(fw.framework, area="Swindon"), expected_version=1, author="Priya", summary="Set the area"
    )
    latest = library.latest_version(fw.id)
    assert isinstance(latest, Latest)
    version, author, saved_at, summary = latest
    assert (version, author, saved_at, summary) == (2, "Priya", saved.updated_at, "Set the area")


def test_the_versions_a_tab_missed_say_who_changed_what(library, clock):
    fw = library.create(new_framework("Active Swindon"), author="Ann")
    v2 = library.save(
        fw.id, update_meta(fw.framework, area="Swindon"), expected_version=1, author="Priya", summary="Set the area"
    )
    library.save(
        fw.id,
        add_node(v2.framework, {"id": "swims", "level": "activity", "label": "Free swims"}),
        expected_version=2,
        author="Sam",
        summary="Added 'Free swims'",
    )
    assert [v.version for v in library.versions_between(fw.id, 1)] == [2, 3]
    assert [v.version for v in library.versions_between(fw.id, 1, 2)] == [2]
    assert in_words(library.versions_between(fw.id, 1)) == (
        "Priya and Sam saved 2 changes: Set the area; Added 'Free swims'"
    )
    assert library.versions_between(fw.id, 3) == []


def test_each_look_a_tab_makes_is_one_statement(library, clock):
    """What an open tab costs the database, counted (not timed): one statement a call, the sweep once a minute."""
    from sqlalchemy import event

    fw = library.create(new_framework("Active Swindon"), author="Ann")
    library.here(fw.id, TAB_B, "Sam", "Diagram")  # the first call of this server also sweeps
    statements: list[str] = []

    def count(conn, cursor, statement, *args):
        if not statement.lstrip().upper().startswith(("BEGIN", "COMMIT", "ROLLBACK", "PRAGMA")):
            statements.append(statement)

    event.listen(library._engine, "before_cursor_execute", count)
    try:
        for call in (
            lambda: library.here(fw.id, TAB_A, "Ann", "Build"),
            lambda: library.who_is_here(fw.id, besides=TAB_A),
            lambda: library.latest_version(fw.id),
        ):
            statements.clear()
            call()
            assert len(statements) == 1, statements
        clock.forward(60)
        statements.clear()
        library.here(fw.id, TAB_A, "Ann", "Build")
        assert len(statements) == 2  # a minute on: the upsert and the sweep
    finally:
        event.remove(library._engine, "before_cursor_execute", count)
