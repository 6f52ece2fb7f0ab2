"""The database's schema: an older library is upgraded in place, and the migrations build exactly the tables."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from logicmodel.core.readwrite import dumps
from logicmodel.editing.edit import new_framework
from logicmodel.store import Library
from logicmodel.store.access import Access, User
from logicmodel.store.connect import make_engine
from logicmodel.store.migrate import current_revision, upgrade
from logicmodel.store.tables import metadata


def test_a_library_made_at_the_first_revision_is_upgraded_in_place_and_keeps_its_frameworks(database_url):
    fw = new_framework("Active Swindon", "Swindon Borough Council")
    engine = make_engine(database_url)
    upgrade(engine, "0001")
    with engine.begin() as conn:
        assert current_revision(conn) == "0001"
        conn.execute(
            text(
                "INSERT INTO frameworks (id, title, organisation, version, digest, created_at, created_by,"
                " updated_at, updated_by) VALUES ('old1', 'Active Swindon', 'Swindon Borough Council', 1, 'x',"
                " '2026-01-05 09:00:00', 'Ann', '2026-01-05 09:00:00', 'Ann')"
            )
        )
        conn.execute(
            text(
                "INSERT INTO versions (framework_id, version, saved_at, author, summary, document)"
                " VALUES ('old1', 1, '2026-01-05 09:00:00', 'Ann', 'Created', :document)"
            ),
            {"document": dumps(fw)},
        )
    engine.dispose()

    with Library.open(database_url) as lib:
        with lib._engine.connect() as conn:
            assert current_revision(conn) == "0007"
        assert [s.id for s in lib.list(search="swindon borough")] == ["old1"]  # found by the new search column
        signed_in = lib.for_user(User("bob@example.org", "Bob")).get("old1")  # saved before sign-in: no one's
        assert signed_in.owner is None and signed_in.access == Access.EDITOR
        old = lib.get("old1")
        assert old.framework == fw and old.updated_by == "Ann" and old.updated_at.year == 2026
        saved = lib.save("old1", new_framework("Active Swindon 2030"), expected_version=1, author="Ben", summary="x")
        assert saved.version == 2 and [v.version for v in lib.history("old1")] == [2, 1]


def test_the_migrations_build_exactly_the_tables_the_code_uses(database_url):
    with Library.open(database_url) as lib, lib._engine.connect() as conn:
        differences = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), metadata)
    assert differences == []


def test_a_library_at_0004_gains_comments_and_commenters_and_keeps_everything(database_url):
    """Today's libraries (schema 0004): upgraded to the newest schema, every framework, version, owner and
    share is kept, and comments, the commenter role, presence and last looked work at once."""
    engine = make_engine(database_url)
    upgrade(engine, "0004")
    with engine.begin() as conn:
        assert current_revision(conn) == "0004"
        conn.execute(
            text(
                "INSERT INTO frameworks (id, title, version, digest, created_at, created_by, updated_at, updated_by,"
                " owner, search) VALUES ('own1', 'Active Swindon', 2, 'x', '2026-11-05 09:00:00', 'Ann',"
                " '2026-11-06 09:00:00', 'Ann', 'ann@example.org', 'active swindon')"
            )
        )
        for version, summary, kind in ((1, "Created", "edit"), (2, "Undone: Added 'Swims'.", "undo")):
            conn.execute(
                text(
                    "INSERT INTO versions (framework_id, version, saved_at, author, summary, document, kind)"
                    " VALUES ('own1', :version, '2026-11-05 09:00:00', 'Ann', :summary, :document, :kind)"
                ),
                {
                    "version": version,
                    "summary": summary,
                    "document": dumps(new_framework("Active Swindon")),
                    "kind": kind,
                },
            )
        for person, role in (("bob@example.org", "viewer"), ("*", "editor")):
            conn.execute(
                text(
                    "INSERT INTO shares (framework_id, person, role, shared_at, shared_by)"
                    " VALUES ('own1', :person, :role, '2026-11-06 10:00:00', 'Ann')"
                ),
                {"person": person, "role": role},
            )
    engine.dispose()

    with Library.open(database_url) as lib:
        with lib._engine.connect() as conn:
            assert current_revision(conn) == "0007"
        ann, bob = lib.for_user(User("ann@example.org", "Ann")), lib.for_user(User("bob@example.org", "Bob"))
        assert [(v.version, v.kind.value) for v in ann.history("own1")] == [(2, "undo"), (1, "edit")]
        assert bob.get("own1").access == Access.EDITOR  # the share with everyone, kept
        assert [(s.person, s.role) for s in ann.sharing("own1").shares] == [
            ("*", "editor"),
            ("bob@example.org", "viewer"),
        ]
        ann.unshare("own1", "*")
        ann.share("own1", "bob@example.org", "commenter")
        assert bob.get("own1").access == Access.COMMENTER and ann.threads("own1") == []
        bob.comment("own1", "Who counts the swims?")
        assert [t.first.author for t in ann.threads("own1")] == ["Bob"]
        bob.here("own1", "tab-bbbbbbbb", "", "Diagram")
        assert [(p.name, p.page) for p in ann.who_is_here("own1")] == [("Bob", "Diagram")]
        assert ann.last_looked("own1") is None
        seen = bob.looked("own1")
        assert bob.last_looked("own1") == seen and ann.last_looked("own1") is None
        assert ann.get("own1").version == 2 and ann.get("own1").owner == "ann@example.org"


def test_a_library_at_0006_gains_last_looked_and_keeps_its_comments_and_presence(database_url):
    """A library made with comments and presence (schema 0006) is upgraded to 0007 in place: its comments are
    kept, and each person's last look is recorded at once."""
    engine = make_engine(database_url)
    upgrade(engine, "0006")
    with engine.begin() as conn:
        assert current_revision(conn) == "0006"
    engine.dispose()
    engine = make_engine(database_url)
    with Library(engine, "test") as at_0006:  # the code of today on the tables of 0006, without ``looked``
        ann = at_0006.for_user(User("ann@example.org", "Ann"))
        fw = ann.create(new_framework("Active Swindon"))
        ann.share(fw.id, "bob@example.org", "commenter")
        at_0006.for_user(User("bob@example.org", "Bob")).comment(fw.id, "Who counts the swims?")

    with Library.open(database_url) as lib:
        with lib._engine.connect() as conn:
            assert current_revision(conn) == "0007"
        ann, bob = lib.for_user(User("ann@example.org", "Ann")), lib.for_user(User("bob@example.org", "Bob"))
        assert [(t.first.author, t.first.body) for t in ann.threads(fw.id)] == [("Bob", "Who counts the swims?")]
        assert bob.last_looked(fw.id) is None
        seen = bob.looked(fw.id)
        assert bob.last_looked(fw.id) == seen and ann.last_looked(fw.id) is None
