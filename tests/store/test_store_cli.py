"""``python -m logicmodel library ...``: what whoever runs the server types, on both backends."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from logicmodel.cli.main import main
from logicmodel.core.readwrite import dumps, load
from logicmodel.store import Access, Library, NotShared, User

SAMPLES = Path(__file__).resolve().parents[2] / "sample_frameworks"


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    status = main(["library", *argv], out=out)
    return status, out.getvalue()


@pytest.fixture
def url(database_url, monkeypatch) -> str:
    monkeypatch.setenv("LOGICMODEL_DATABASE_URL", database_url)
    return database_url


def test_import_then_list_as_json(url):
    status, text = run("import", str(SAMPLES / "swindon.json"), str(SAMPLES / "enfield.json"))
    assert status == 0 and text.count("imported as") == 2
    status, text = run("list", "--json")
    rows = json.loads(text)
    assert status == 0 and len(text.splitlines()) == 1
    assert [sorted(row) for row in rows] == [["id", "organisation", "owner", "title", "updated", "version"]] * 2
    assert {row["organisation"] for row in rows} == {"Swindon Borough Council", "London Borough of Enfield"}
    assert rows[0]["title"] == load(SAMPLES / "enfield.json").meta.title  # newest first
    assert rows[0]["version"] == 1 and rows[0]["updated"].endswith("+00:00")
    status, text = run("list")
    assert status == 0 and "2 frameworks" in text and "Get Swindon Active" in text


def test_import_with_a_title(url):
    status, _ = run("import", str(SAMPLES / "slough.json"), "--title", "Slough 2026")
    assert status == 0
    with Library.open(url) as lib:
        assert [s.title for s in lib.list()] == ["Slough 2026"]
    status, text = run("import", str(SAMPLES / "slough.json"), str(SAMPLES / "suffolk.json"), "--title", "X")
    assert status == 2 and "one FILE" in text


def test_an_import_that_fails_validation_writes_nothing(url, tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text('{"schema_version": 1, "meta": {"title": "Broken"}, "nodes": [], "links": [{"source": "a"}]}')
    status, text = run("import", str(SAMPLES / "swindon.json"), str(broken))
    assert status == 1 and "nothing imported" in text and f"{broken}: links[0].target" in text
    with Library.open(url) as lib:
        assert lib.list() == []


def test_export_writes_the_framework_in_canonical_form(url, tmp_path):
    with Library.open(url) as lib:
        saved = lib.create(load(SAMPLES / "suffolk.json"), author="Ann")
        lib.rename(saved.id, "Suffolk 2030", expected_version=1, author="Ann")
    status, text = run("export", saved.id, "-o", str(tmp_path / "out.json"))
    assert status == 0 and load(tmp_path / "out.json").meta.title == "Suffolk 2030"
    status, _ = run("export", saved.id, "-o", str(tmp_path / "v1.json"), "--version", "1")
    assert status == 0 and (tmp_path / "v1.json").read_text() == dumps(saved.framework)
    status, text = run("export", "nosuchid", "-o", str(tmp_path / "x.json"))
    assert (status, text) == (1, "library: No framework 'nosuchid' in the library\n")


def test_an_export_to_a_folder_that_does_not_exist_says_why_once(url, tmp_path):
    """The same line as every command that writes a file (it used to say "cannot be written" twice over)."""
    with Library.open(url) as lib:
        saved = lib.create(load(SAMPLES / "suffolk.json"), author="Ann")
    out = tmp_path / "no" / "such" / "out.json"
    assert run("export", saved.id, "-o", str(out)) == (1, f"{out}: cannot be written (No such file or directory)\n")


def test_a_backup_whose_files_cannot_be_written_says_why_once(url, tmp_path, monkeypatch):
    with Library.open(url) as lib:
        lib.create(load(SAMPLES / "suffolk.json"), author="Ann")

    def full_disk(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(tempfile, "mkstemp", full_disk)  # each framework file is written through a new temporary
    out = tmp_path / "backup"
    assert run("backup", "-o", str(out)) == (1, f"{out}: cannot be written (No space left on device)\n")


def test_an_import_of_a_file_that_is_not_there_names_it_and_imports_nothing(url, tmp_path):
    missing = tmp_path / "nope.json"
    status, text = run("import", str(SAMPLES / "swindon.json"), str(missing))
    assert status == 1
    assert text.splitlines() == [
        f"{missing}: no such file",
        "library import: nothing imported (fix the files above and run it again)",
    ]
    with Library.open(url) as lib:
        assert lib.list() == []


def test_backup_with_history_then_restore_into_an_empty_library(url, another_database_url, tmp_path, monkeypatch):
    with Library.open(url) as lib:
        kept = lib.create(load(SAMPLES / "swindon.json"), author="Ann")
        lib.rename(kept.id, "Swindon 2030", expected_version=1, author="Ben")
        lib.restore_version(kept.id, 1, expected_version=2, author="Cat")
        binned = lib.create(load(SAMPLES / "enfield.json"), author="Ann")
        lib.delete(binned.id, author="Ann")
        history = lib.history(kept.id)
        current = lib.get(kept.id)
    status, text = run("backup", "-o", str(tmp_path / "backup"), "--history")
    assert status == 0 and "2 frameworks backed up" in text
    assert load(tmp_path / "backup" / f"{kept.id}.json") == current.framework  # plain framework files

    monkeypatch.setenv("LOGICMODEL_DATABASE_URL", another_database_url)
    status, text = run("restore", str(tmp_path / "backup"))
    assert status == 0 and "2 frameworks restored" in text
    with Library.open(another_database_url) as lib:
        assert lib.history(kept.id) == history  # every version, with who, when, what, and what it restored
        again = lib.get(kept.id)
        assert (again.framework, again.version, again.updated_by) == (current.framework, 3, "Cat")
        assert lib.version(kept.id, 2).meta.title == "Swindon 2030"
        assert [s.id for s in lib.list(in_bin=True)] == [binned.id]
    status, text = run("restore", str(tmp_path / "backup"))
    assert status == 0 and "0 frameworks restored" in text and "left as it is" in text


def test_the_command_line_acts_as_administrator_and_backups_keep_owners_and_shares(
    url, another_database_url, tmp_path, monkeypatch, capsys
):
    alice, bob = User("alice@example.org", "Alice"), User("bob@example.org", "Bob")
    with Library.open(url) as lib:
        private = lib.for_user(alice).create(load(SAMPLES / "swindon.json"))
        lib.for_user(alice).share(private.id, bob.email, "viewer")
        unowned = lib.create(load(SAMPLES / "enfield.json"), author="Ann")  # saved without sign-in
    status, text = run("list")
    assert status == 0 and "2 frameworks" in text and "owner: alice@example.org" in text and "owner: no one" in text
    assert "acting as administrator" in capsys.readouterr().err
    rows = json.loads(run("list", "--json")[1])
    assert {row["id"]: row["owner"] for row in rows} == {private.id: "alice@example.org", unowned.id: None}
    assert run("backup", "-o", str(tmp_path / "backup"))[0] == 0

    monkeypatch.setenv("LOGICMODEL_DATABASE_URL", another_database_url)
    assert run("restore", str(tmp_path / "backup"))[0] == 0
    with Library.open(another_database_url) as lib:
        assert lib.for_user(bob).get(private.id).access == Access.VIEWER  # the share came back with it
        with pytest.raises(NotShared):
            lib.for_user(User("sam@example.org")).get(private.id)
    status, text = run("hand-over", unowned.id, "Bob@Example.org")
    assert (status, text) == (0, f"{unowned.id}: now owned by bob@example.org\n")
    with Library.open(another_database_url) as lib:
        assert lib.for_user(bob).get(unowned.id).access == Access.OWNER
        assert unowned.id not in {s.id for s in lib.list()}  # no longer open to everyone


def test_backup_without_history_keeps_the_current_versions(url, another_database_url, tmp_path, monkeypatch):
    with Library.open(url) as lib:
        saved = lib.create(load(SAMPLES / "swindon.json"), author="Ann")
        lib.rename(saved.id, "Swindon 2030", expected_version=1, author="Ben")
    assert run("backup", "-o", str(tmp_path / "backup"))[0] == 0
    assert not (tmp_path / "backup" / f"{saved.id}.history").exists()
    status, text = run("backup", "-o", str(tmp_path / "backup"))
    assert status == 1 and "new or empty folder" in text
    monkeypatch.setenv("LOGICMODEL_DATABASE_URL", another_database_url)
    assert run("restore", str(tmp_path / "backup"))[0] == 0
    with Library.open(another_database_url) as lib:
        again = lib.get(saved.id)
        assert (again.title, again.version, again.updated_by) == ("Swindon 2030", 2, "Ben")


def test_a_restore_with_a_broken_file_writes_nothing(url, tmp_path):
    with Library.open(url) as lib:
        lib.create(load(SAMPLES / "swindon.json"), author="Ann")
        second = lib.create(load(SAMPLES / "enfield.json"), author="Ann")
        assert run("backup", "-o", str(tmp_path / "backup"))[0] == 0
        lib.delete(second.id, author="Ann")
        lib.empty_bin()
        (tmp_path / "backup" / f"{second.id}.json").write_text("{not json")
        status, text = run("restore", str(tmp_path / "backup"))
        assert status == 1 and len(text.splitlines()) == 1 and "not valid JSON" in text
        assert len(lib.list()) == 1
    status, text = run("restore", str(tmp_path))
    assert (status, text.strip()) == (1, f"library: {tmp_path}: not a library backup (no library.json)")


def test_a_file_that_is_not_a_database_gives_one_line_not_a_traceback(tmp_path):
    path = tmp_path / "library.db"
    path.write_text("not a database\n" * 100)
    done = subprocess.run(
        [sys.executable, "-m", "logicmodel", "library", "list"],
        capture_output=True,
        text=True,
        env={"LOGICMODEL_DATABASE_URL": f"sqlite:///{path}", "PATH": "/usr/bin:/bin"},
        cwd=Path(__file__).resolve().parents[2],
    )
    assert done.returncode == 1 and done.stderr == ""
    assert done.stdout == f"library: {path}: not a SQLite database (is it the right file?)\n"


# --- library update: an edited file back as the next version of the same framework ---


def edited_workbook(fw, edit) -> bytes:
    import openpyxl

    from logicmodel import formats

    book = openpyxl.load_workbook(io.BytesIO(formats.get("xlsx").write(fw, formats.Choices())))
    edit(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_update_saves_an_edited_workbook_as_the_next_version_listing_the_changes(url, tmp_path):
    fw = load(SAMPLES / "enfield.json")
    with Library.open(url) as lib:
        first = lib.create(fw, author="Ann")

    def edit(book):
        book["Boxes"].cell(row=2, column=3).value = "Renamed in Excel"
        book["Links"].cell(row=2, column=4).value = "Weak"

    path = tmp_path / "Enfield edited.xlsx"
    path.write_bytes(edited_workbook(fw, edit))
    status, text = run("update", first.id, str(path), "--dry-run")
    assert status == 0 and "not saved (--dry-run)" in text and "~ box 'Renamed in Excel'" in text
    status, text = run("update", first.id, str(path))
    assert status == 0 and f"{first.id}: saved as version 2" in text and "1 box changed" in text
    with Library.open(url) as lib:
        assert len(lib.list()) == 1 and lib.get(first.id).framework.nodes[0].label == "Renamed in Excel"
        assert lib.history(first.id)[0].summary == "Updated from Enfield edited.xlsx"
    status, text = run("update", first.id, str(path))  # again: the file says what the library has
    assert status == 0 and "nothing to save" in text
    with Library.open(url) as lib:
        assert lib.get(first.id).version == 2


def test_update_with_a_box_deleted_names_every_problem_then_repairs_with_repair(url, tmp_path):
    fw = load(SAMPLES / "swindon.json")
    gone = next(n for n in fw.nodes if n.indicators and sum(k.target == n.id for k in fw.links) > 1)
    with Library.open(url) as lib:
        first = lib.create(fw, author="Ann")

    def edit(book):
        boxes = book["Boxes"]
        boxes.delete_rows(next(r for r in range(2, boxes.max_row + 1) if boxes.cell(row=r, column=1).value == gone.id))

    path = tmp_path / "edited.xlsx"
    path.write_bytes(edited_workbook(fw, edit))
    status, text = run("update", first.id, str(path))
    assert status == 1 and text.count("no box has the id") > 1 and "an indicator of" in text
    assert "update with --repair to leave these out" in text and "node" not in text.replace("nodes[", "")
    with Library.open(url) as lib:
        assert lib.get(first.id).version == 1  # refused: nothing saved
    status, text = run("update", first.id, str(path), "--repair")
    assert status == 0 and "left out the link" in text and f"- box '{gone.label}'" in text
    with Library.open(url) as lib:
        assert gone.id not in lib.get(first.id).framework.node_by_id and lib.get(first.id).version == 2


def test_update_of_a_mermaid_chart_keeps_what_it_cannot_carry(url, tmp_path):
    from logicmodel import formats

    fw = load(SAMPLES / "swindon.json")
    with Library.open(url) as lib:
        first = lib.create(fw, author="Ann")
    chart = formats.get("mermaid").write(fw, formats.Choices()).decode()
    path = tmp_path / "chart.mmd"
    path.write_text(chart.replace(fw.nodes[0].label, fw.nodes[0].label + " in Swindon", 1))
    status, text = run("update", first.id, str(path))
    assert status == 0 and "saved as version 2" in text and "kept: the indicators of" in text
    with Library.open(url) as lib:
        now = lib.get(first.id).framework
    assert [n.id for n in now.nodes] == [n.id for n in fw.nodes]  # its ids, though the chart has its own
    assert [n.indicators for n in now.nodes] == [n.indicators for n in fw.nodes]
    status, text = run("update", "nosuchid", str(path))
    assert (status, text) == (1, "library: No framework 'nosuchid' in the library\n")
