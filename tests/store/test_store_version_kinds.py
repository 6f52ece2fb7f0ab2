"""Every version records its kind (edit, undo, redo, restore, import), and undo and redo go by it.

On SQLite and PostgreSQL: a library written before the kinds (schema 0003, rows as the old code wrote them)
is upgraded with each version's kind read from its summary, and then undo and redo carry on where they
were; rewording summaries changes nothing; backups carry the kinds, and a backup made before them still
restores with the kinds read from its summaries.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import text

from logicmodel.core.models import Framework
from logicmodel.core.version_kinds import VersionKind
from logicmodel.editing.edit import add_node, new_framework
from logicmodel.editing.undo_stack import UndoStep, redone, undo_stack, undone
from logicmodel.store import Library, StoreError, administrator
from logicmodel.store.backup import MANIFEST, backup, restore
from logicmodel.store.connect import make_engine
from logicmodel.store.library import canonical_document
from logicmodel.store.migrate import current_revision, upgrade

EDIT, UNDO, REDO, RESTORE, IMPORT = (
    VersionKind.EDIT,
    VersionKind.UNDO,
    VersionKind.REDO,
    VersionKind.RESTORE,
    VersionKind.IMPORT,
)


def contents() -> dict[str, Framework]:
    """Three states of one framework: none of its boxes, Walks, Walks and Swims."""
    bare = new_framework("Active Swindon", "Swindon Borough Council")
    walks = add_node(bare, {"id": "walks", "level": "activity", "label": "Walks"})
    swims = add_node(walks, {"id": "swims", "level": "activity", "label": "Swims"})
    return {"bare": bare, "walks": walks, "swims": swims}


OLD_HISTORY = [  # (summary, restored_from, content) as the code before kinds saved them, oldest first
    ("Created", None, "bare"),
    ("Added 'Walks'.", None, "walks"),
    ("Added 'Swims'.", None, "swims"),
    ("Undone: Added 'Swims'.", None, "walks"),
    ("Undone: Added 'Walks'.", None, "bare"),
    ("Redone: Added 'Walks'.", None, "walks"),
]
OLD_KINDS = [REDO, UNDO, UNDO, EDIT, EDIT, EDIT]  # newest first, as history gives them
OTHERS = {  # one-version frameworks, and one with a restore, each with the kind the upgrade must give it
    "imported": ([("Imported from swindon.json", None, "swims")], [IMPORT]),
    "adapted": ([("Adapted from enfield.json", None, "walks")], [IMPORT]),
    "restored": (
        [("Created", None, "bare"), ("Added 'Walks'.", None, "walks"), ("Restored version 1", 1, "bare")],
        [RESTORE, EDIT, EDIT],
    ),
    "lookalike": ([("Created", None, "bare"), ("undone: typed in lower case", None, "walks")], [EDIT, EDIT]),
}


def write_old_library(url: str) -> None:
    """A library at schema 0003 holding frameworks whose versions were saved by the code before kinds."""
    found = contents()
    engine = make_engine(url)
    upgrade(engine, "0003")
    with engine.begin() as conn:
        assert current_revision(conn) == "0003"
        histories = {"old1": OLD_HISTORY} | {name: rows for name, (rows, _kinds) in OTHERS.items()}
        for framework_id, rows in histories.items():
            digest = canonical_document(found[rows[-1][2]])[1]
            conn.execute(
                text(
                    "INSERT INTO frameworks (id, title, organisation, version, digest, created_at, created_by,"
                    " updated_at, updated_by) VALUES (:id, 'Active Swindon', 'Swindon Borough Council', :version,"
                    " :digest, '2026-01-05 09:00:00', 'Ann', '2026-01-05 09:00:00', 'Ann')"
                ),
                {"id": framework_id, "version": len(rows), "digest": digest},
            )
            for number, (summary, restored_from, content) in enumerate(rows, 1):
                conn.execute(
                    text(
                        "INSERT INTO versions (framework_id, version, saved_at, author, summary, restored_from,"
                        " document) VALUES (:id, :version, '2026-01-05 09:00:00', 'Ann', :summary, :restored_from,"
                        " :document)"
                    ),
                    {
                        "id": framework_id,
                        "version": number,
                        "summary": summary,
                        "restored_from": restored_from,
                        "document": canonical_document(found[content])[0],
                    },
                )
    engine.dispose()


def step(lib: Library, framework_id: str, kind: VersionKind) -> None:
    """Undo or redo as the app does (``ui.state.undo``): the step's content saved again, of its kind."""
    stack = undo_stack(lib.history(framework_id))
    chosen = (stack.undo if kind == UNDO else stack.redo)[-1]
    words = undone if kind == UNDO else redone
    current = lib.get(framework_id)
    fw = lib.version(framework_id, chosen.version)
    lib.save(framework_id, fw, expected_version=current.version, author="Ben", summary=words(chosen.what), kind=kind)


def labels(lib: Library, framework_id: str) -> list[str]:
    return [node.label for node in lib.get(framework_id).framework.nodes]


def test_a_library_written_before_kinds_gets_them_from_its_summaries_and_undo_and_redo_carry_on(database_url):
    write_old_library(database_url)
    with Library.open(database_url) as lib:
        with lib._engine.connect() as conn:
            assert current_revision(conn) == "0007"
        assert [v.kind for v in lib.history("old1")] == OLD_KINDS
        for framework_id, (_rows, kinds) in OTHERS.items():
            assert [v.kind for v in lib.history(framework_id)] == kinds, framework_id
        # where the old tab left it: Walks (redone), Swims could be redone, Walks undone
        stack = undo_stack(lib.history("old1"))
        assert stack.undo == (UndoStep(5, "Added 'Walks'."),) and stack.redo == (UndoStep(3, "Added 'Swims'."),)
        step(lib, "old1", REDO)
        assert labels(lib, "old1") == ["Walks", "Swims"]
        step(lib, "old1", UNDO)
        step(lib, "old1", UNDO)
        assert labels(lib, "old1") == []
        assert [v.kind for v in lib.history("old1")][:3] == [UNDO, UNDO, REDO]
        assert undo_stack(lib.history("old1")).undo == ()  # back to the start: nothing more to undo
        # the restore is an edit undo takes back
        assert undo_stack(lib.history("restored")).undo[-1] == UndoStep(2, "Restored version 1")


def test_rewording_summaries_does_not_change_what_undo_and_redo_do(database_url):
    write_old_library(database_url)
    with Library.open(database_url) as lib:
        before = undo_stack(lib.history("old1"))
        with lib._engine.begin() as conn:  # every undo and redo summary reworded, every edit made to look like one
            conn.execute(text("UPDATE versions SET summary = 'Took back a change' WHERE kind = 'undo'"))
            conn.execute(text("UPDATE versions SET summary = 'Put a change back' WHERE kind = 'redo'"))
            conn.execute(
                text("UPDATE versions SET summary = 'Undone: ' || summary WHERE kind = 'edit' AND version > 1")
            )
        after = undo_stack(lib.history("old1"))
        assert [(s.version, s.what.removeprefix("Undone: ")) for s in after.undo + after.redo] == [
            (s.version, s.what) for s in before.undo + before.redo
        ]
        step(lib, "old1", REDO)
        assert labels(lib, "old1") == ["Walks", "Swims"]


def test_every_save_records_its_kind(library: Library):
    found = contents()
    saved = library.create(found["bare"], author="Ann")
    imported = library.create(found["walks"], author="Ann", summary="From a file", kind=IMPORT)
    library.save(saved.id, found["walks"], expected_version=1, author="Ann", summary="Added 'Walks'.")
    library.rename(saved.id, "Active Swindon 2030", expected_version=2, author="Ann")
    library.restore_version(saved.id, 1, expected_version=3, author="Ann")
    library.save(saved.id, found["walks"], expected_version=4, author="Ann", summary="Any words", kind=UNDO)
    library.save(saved.id, found["bare"], expected_version=5, author="Ann", summary="Any words", kind=REDO)
    copy = library.duplicate(saved.id, author="Ann")
    assert [v.kind for v in library.history(saved.id)] == [REDO, UNDO, RESTORE, EDIT, EDIT, EDIT]
    assert [v.kind for v in library.history(imported.id)] == [IMPORT]
    assert [v.kind for v in library.history(copy.id)] == [EDIT]
    with pytest.raises(StoreError, match="kind is one of edit, undo"):
        library.save(saved.id, found["swims"], expected_version=6, author="Ann", summary="x", kind="oops")  # type: ignore[arg-type]
    assert library.get(saved.id).version == 6


def history_with_every_kind(library: Library) -> str:
    found = contents()
    saved = library.create(found["bare"], author="Ann", summary="Imported from swindon.json", kind=IMPORT)
    library.save(saved.id, found["walks"], expected_version=1, author="Ann", summary="Added 'Walks'.")
    library.save(saved.id, found["bare"], expected_version=2, author="Ann", summary="Took it back", kind=UNDO)
    library.save(saved.id, found["walks"], expected_version=3, author="Ann", summary="Put it back", kind=REDO)
    library.restore_version(saved.id, 1, expected_version=4, author="Ann")
    return saved.id


def test_a_backup_carries_the_kinds_and_restores_them(library: Library, another_database_url, tmp_path: Path):
    framework_id = history_with_every_kind(library)
    kinds = [v.kind for v in library.history(framework_id)]
    assert kinds == [RESTORE, REDO, UNDO, EDIT, IMPORT]
    folder = tmp_path / "backup"
    backup(library.for_user(administrator()), folder, history=True)
    manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    assert [v["kind"] for v in manifest["frameworks"][0]["history"]] == ["import", "edit", "undo", "redo", "restore"]
    with Library.open(another_database_url, actor=administrator()) as other:
        assert restore(other, folder).added == [framework_id]
        assert other.history(framework_id) == library.history(framework_id)
        assert undo_stack(other.history(framework_id)) == undo_stack(library.history(framework_id))


def test_a_backup_made_before_kinds_restores_with_kinds_read_from_its_summaries(
    library: Library, another_database_url, tmp_path: Path
):
    framework_id = history_with_every_kind(library)
    folder = tmp_path / "backup"
    backup(library.for_user(administrator()), folder, history=True)
    manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    old_words = {"Took it back": "Undone: Added 'Walks'.", "Put it back": "Redone: Added 'Walks'."}
    for version in manifest["frameworks"][0]["history"]:  # as the code before kinds wrote it
        del version["kind"]
        version["summary"] = old_words.get(version["summary"], version["summary"])
    (folder / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    with Library.open(another_database_url, actor=administrator()) as other:
        assert restore(other, folder).added == [framework_id]
        assert [v.kind for v in other.history(framework_id)] == [RESTORE, REDO, UNDO, EDIT, IMPORT]
        assert undo_stack(other.history(framework_id)) == undo_stack(library.history(framework_id))


def test_a_backup_with_a_kind_that_is_not_one_restores_nothing(library: Library, another_database_url, tmp_path: Path):
    history_with_every_kind(library)
    folder = tmp_path / "backup"
    backup(library.for_user(administrator()), folder, history=True)
    manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    manifest["frameworks"][0]["history"][2]["kind"] = "rewind"
    (folder / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    with Library.open(another_database_url, actor=administrator()) as other:
        with pytest.raises(StoreError) as refused:
            restore(other, folder)
        assert other.list() == []
    message = str(refused.value)
    assert "'rewind'" in message and "frameworks[0]" in message and "nothing restored" in message, message
