"""``library backup --into FOLDER --keep N``: dated backups in rotation, for the daily timer, on both backends.

Keep N keeps the newest N dated folders and touches nothing else in the folder; a backup that fails leaves
the backups there were and no dated folder half written; a dated folder restores with ``library restore``
into a fresh database with every framework, every version (with ``--history``) and every comment.
"""

from __future__ import annotations

import io
import stat
import tempfile
from datetime import UTC, datetime
from pathlib import Path

import pytest

from logicmodel.cli.main import main
from logicmodel.core.readwrite import load
from logicmodel.store import Library, StoreError, User, administrator
from logicmodel.store.rotation import backup_into, dated_folders, dated_name

SAMPLES = Path(__file__).resolve().parents[2] / "sample_frameworks"
MORNING = datetime(2026, 12, 7, 2, 0, 5, tzinfo=UTC)


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    status = main(["library", *argv], out=out)
    return status, out.getvalue()


def admin(library: Library) -> Library:
    """The library as the command line sees it: every framework, whoever owns it (what a backup needs)."""
    return library.for_user(administrator())


def earlier_backups(into: Path, *stamps: str) -> None:
    """Dated folders as earlier runs left them (explicit names: the test is the clock)."""
    for stamp in stamps:
        (into / f"backup-{stamp}").mkdir(parents=True)
        (into / f"backup-{stamp}" / "library.json").write_text("{}")


def names(into: Path) -> list[str]:
    return sorted(p.name for p in into.iterdir())


def test_the_name_is_the_utc_time_and_sorts_by_it():
    assert dated_name(datetime(2026, 12, 7, 3, 4, 5, tzinfo=UTC)) == "backup-20261207T030405Z"
    assert dated_name(datetime.fromisoformat("2026-12-07T03:04:05+01:00")) == "backup-20261207T020405Z"


def test_keep_n_keeps_the_newest_n_dated_folders_and_leaves_everything_else(library: Library, tmp_path: Path):
    library.create(load(SAMPLES / "swindon.json"), author="Ann")
    into = tmp_path / "backups"
    earlier_backups(into, "20261204T020000Z", "20261205T020000Z", "20261206T020000Z")
    (into / "README.txt").write_text("Backups of the library: see the runbook.\n")
    (into / "backup-20261201T020000Z.tar").write_text("an archive someone made")  # a file, not a dated folder
    (into / "backup-manual").mkdir()  # someone's own folder
    (into / "backup-20261130T020000Z-copy").mkdir()  # a copy, not the exact name
    elsewhere = tmp_path / "elsewhere"
    earlier_backups(elsewhere, "20261101T020000Z")
    (into / "backup-20261102T020000Z").symlink_to(elsewhere / "backup-20261101T020000Z")  # a link is not ours

    done = backup_into(admin(library), into, keep=2, now=MORNING)

    assert done.folder == into / "backup-20261207T020005Z" and done.frameworks == 1
    assert [p.name for p in done.removed] == ["backup-20261204T020000Z", "backup-20261205T020000Z"]
    assert names(into) == [
        "README.txt",
        "backup-20261102T020000Z",
        "backup-20261130T020000Z-copy",
        "backup-20261201T020000Z.tar",
        "backup-20261206T020000Z",
        "backup-20261207T020005Z",
        "backup-manual",
    ]
    assert (elsewhere / "backup-20261101T020000Z" / "library.json").exists()
    assert [p.name for p in dated_folders(into)] == ["backup-20261206T020000Z", "backup-20261207T020005Z"]
    assert (done.folder / "library.json").exists() and not any(p.name.startswith(".") for p in into.iterdir())


def test_keep_one_keeps_only_the_new_one_and_fewer_than_n_removes_none(library: Library, tmp_path: Path):
    into = tmp_path / "backups"
    first = backup_into(admin(library), into, keep=3, now=MORNING)
    assert first.removed == [] and names(into) == ["backup-20261207T020005Z"]
    assert stat.S_IMODE(into.stat().st_mode) == 0o700 == stat.S_IMODE(first.folder.stat().st_mode)  # private
    second = backup_into(admin(library), into, keep=1, now=MORNING.replace(day=8))
    assert [p.name for p in second.removed] == ["backup-20261207T020005Z"]
    assert names(into) == ["backup-20261208T020005Z"]


def test_a_backup_that_fails_halfway_leaves_the_backups_there_were_and_nothing_half_written(
    library: Library, tmp_path: Path, monkeypatch
):
    for title in ("Active Swindon", "Active Enfield"):
        library.create(load(SAMPLES / "swindon.json"), author="Ann", summary=title)
    into = tmp_path / "backups"
    earlier_backups(into, "20261205T020000Z", "20261206T020000Z")
    written = []
    real = tempfile.mkstemp

    def full_after_one(*args, **kwargs):  # each file is written through a new temporary: the second fails
        if written:
            raise OSError(28, "No space left on device")
        written.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(tempfile, "mkstemp", full_after_one)
    with pytest.raises(OSError, match="No space left"):
        backup_into(admin(library), into, keep=1, now=MORNING)
    assert written  # it had started writing
    assert names(into) == ["backup-20261205T020000Z", "backup-20261206T020000Z"]  # none removed, nothing partial


def test_the_command_says_one_line_when_the_folder_cannot_be_written(library: Library, tmp_path: Path, monkeypatch):
    monkeypatch.setenv("LOGICMODEL_DATABASE_URL", _url(library))
    library.create(load(SAMPLES / "swindon.json"), author="Ann")
    into = tmp_path / "backups"
    into.write_text("a file where the folder should be")
    status, said = run("backup", "--into", str(into), "--keep", "7")
    assert status == 1 and said.count("\n") == 1 and said.startswith(f"{into}: ") and "no backup written" in said
    assert into.read_text() == "a file where the folder should be"
    status, said = run("backup", "--into", str(tmp_path / "b"), "--keep", "0")
    assert status == 1 and "keep at least 1" in said and not (tmp_path / "b").exists()


def test_two_backups_in_one_second_do_not_overwrite(library: Library, tmp_path: Path):
    into = tmp_path / "backups"
    backup_into(admin(library), into, keep=5, now=MORNING)
    with pytest.raises(StoreError, match="already there"):
        backup_into(admin(library), into, keep=5, now=MORNING)
    assert names(into) == ["backup-20261207T020005Z"]


def _url(library: Library) -> str:
    return library._engine.url.render_as_string(hide_password=False)


def test_a_dated_backup_restores_into_a_fresh_database_with_every_framework_version_and_comment(
    library: Library, another_database_url: str, tmp_path: Path, monkeypatch
):
    """End to end as the timer and the runbook run it: ``backup --into --keep --history``, then ``restore`` of
    the dated folder it names into a fresh database."""
    monkeypatch.setenv("LOGICMODEL_DATABASE_URL", _url(library))
    ann, bob = User("ann@example.org", "Ann"), User("bob@example.org", "Bob")
    mine = library.for_user(ann).create(load(SAMPLES / "swindon.json"))
    library.for_user(ann).rename(mine.id, "Swindon 2030", expected_version=1)
    library.for_user(ann).share(mine.id, bob.email, "commenter")
    thread = library.for_user(bob).comment(mine.id, "Who counts the swims? <script>x</script>")
    library.for_user(ann).reply(mine.id, thread.id, "The leisure centres do.")
    unowned = library.create(load(SAMPLES / "enfield.json"), author="Cat")
    binned = library.create(load(SAMPLES / "slough.json"), author="Cat")
    library.delete(binned.id, author="Cat")
    ids = [mine.id, unowned.id, binned.id]
    everything = admin(library)
    histories = {i: everything.history(i) for i in ids}
    comments = everything.all_comments(mine.id)

    status, said = run("backup", "--into", str(tmp_path / "backups"), "--keep", "3", "--history")
    assert status == 0 and said.count("\n") == 1 and "3 frameworks backed up" in said
    assert "0 older backups removed, keeping 3" in said
    (folder,) = dated_folders(tmp_path / "backups")
    assert said.startswith(f"{folder}: ")

    monkeypatch.setenv("LOGICMODEL_DATABASE_URL", another_database_url)
    status, said = run("restore", str(folder))
    assert (status, said) == (0, f"{folder}: 3 frameworks restored\n")
    with Library.open(another_database_url, actor=administrator()) as fresh:
        for i in ids:
            assert fresh.history(i) == histories[i]  # every version, who, when, what
            for info in histories[i]:
                assert fresh.version(i, info.version) == everything.version(i, info.version)
        assert fresh.all_comments(mine.id) == comments
        assert [s.id for s in fresh.list(in_bin=True)] == [binned.id]
        assert fresh.for_user(bob).get(mine.id).title == "Swindon 2030"


def test_an_old_backup_that_cannot_be_removed_is_named_and_the_new_one_kept(
    library: Library, tmp_path: Path, monkeypatch
):
    into = tmp_path / "backups"
    earlier_backups(into, "20261205T020000Z")

    def refused(path, *args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("logicmodel.store.rotation.shutil.rmtree", refused)
    with pytest.raises(StoreError) as caught:
        backup_into(admin(library), into, keep=1, now=MORNING)
    assert str(caught.value) == (
        f"{into / 'backup-20261207T020005Z'}: written, but backup-20261205T020000Z could not be removed "
        "(Permission denied)"
    )
    assert names(into) == ["backup-20261205T020000Z", "backup-20261207T020005Z"]
