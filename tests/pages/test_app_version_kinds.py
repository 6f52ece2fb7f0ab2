"""The app saves each version with its kind, and Undo and Redo go by the kind, not the summary's words.

Rewording undo's and redo's summaries (as a translation or a copy edit would) leaves Undo and Redo working;
an import is recorded as one; the History page marks undos, redos and imports.
"""

from __future__ import annotations

from app_helpers import button, framework, library, messages, open_page, plain, saved

from logicmodel import dumps
from logicmodel.core import samples
from logicmodel.core.version_kinds import VersionKind
from logicmodel.editing.edit import new_framework
from ui.state import undo_redo


def add_box(at, label):
    at.text_input(key="add_box_label").input(label)
    at.selectbox(key="add_box_level").set_value("activity")
    return button(at, "Add the box").click().run()


def test_undo_and_redo_work_whatever_words_their_summaries_use(monkeypatch):
    monkeypatch.setattr(undo_redo, "undone", lambda what: f"Took back: {what}")
    monkeypatch.setattr(undo_redo, "redone", lambda what: f"Put back: {what}")
    at = open_page("build", new_framework("T"))
    add_box(at, "Walks")
    add_box(at, "Swims")
    button(at, "Undo").click().run()
    assert [n.label for n in framework(at).nodes] == ["Walks"]
    assert plain(button(at, "Redo").help) == "Redo: Added 'Swims'."
    button(at, "Undo").click().run()
    assert framework(at).nodes == ()
    button(at, "Redo").click().run()
    assert [n.label for n in framework(at).nodes] == ["Walks"]
    assert "Redone: Added 'Walks'." in messages(at, "info")
    assert plain(button(at, "Undo").help) == "Undo: Added 'Walks'."  # not "Undo: Put back: ..."
    history = library().history(saved(at).id)
    assert [(v.kind, v.summary) for v in history[:3]] == [
        (VersionKind.REDO, "Put back: Added 'Walks'."),
        (VersionKind.UNDO, "Took back: Added 'Walks'."),
        (VersionKind.UNDO, "Took back: Added 'Swims'."),
    ]


def test_an_edit_whose_words_look_like_an_undo_is_still_an_edit():
    at = open_page("build", new_framework("T"))
    add_box(at, "Undone: a box named oddly")
    assert library().history(saved(at).id)[0].kind == VersionKind.EDIT
    assert plain(button(at, "Undo").help) == "Undo: Added 'Undone: a box named oddly'."
    assert button(at, "Redo").disabled


def test_an_imported_file_is_saved_as_an_import_and_history_says_so():
    fw = samples.samples()[0].load()
    at = open_page("home")
    at.file_uploader(key="import_file").set_value(("mine.json", dumps(fw).encode(), "application/json"))
    at.run()
    assert [v.kind for v in library().history(saved(at).id)] == [VersionKind.IMPORT]
    at.switch_page("app_pages/build.py").run()
    add_box(at, "Walks")
    button(at, "Undo").click().run()
    at.switch_page("app_pages/history.py").run()
    captions = [plain(c.value) for c in at.caption]
    assert any("· an undo" in c for c in captions), captions
    assert any("· imported from a file" in c for c in captions), captions
    assert sum("· an undo" in c or "· imported from a file" in c for c in captions) == 2  # an edit is not marked
