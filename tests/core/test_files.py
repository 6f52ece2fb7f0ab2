"""Saving in a folder others can write to: no planted name is followed, permissions kept, nothing left behind."""

import os
import stat
import tempfile

import pytest
from factories import walking

from logicmodel import dumps, from_data, load, save
from logicmodel.core.files import FileProblem

FW = from_data(walking())
VICTIM_TEXT = "export PATH=/usr/bin\n"


@pytest.fixture
def shared(tmp_path):
    """A shared folder holding a framework file, and someone's file outside it that must not change."""
    folder = tmp_path / "shared"
    folder.mkdir()
    victim = tmp_path / "bashrc"
    victim.write_text(VICTIM_TEXT)
    target = folder / "shared.json"
    target.write_text("{}")
    return folder, target, victim


def fixed_names(monkeypatch, names):
    """Make the writer's random temporary names predictable, so that a test can plant links at them."""
    monkeypatch.setattr(tempfile, "_get_candidate_names", lambda: iter(names))


def test_save_never_follows_a_link_planted_at_a_temporary_name(shared, monkeypatch):
    folder, target, victim = shared
    names = ["aaaaaaaa", "bbbbbbbb", "cccccccc"]
    planted = [folder / ".shared.json.tmp"]  # the old fixed name
    planted += [folder / f".shared.json.{name}.tmp" for name in names[:2]]  # the first random names tried
    for link in planted:
        link.symlink_to(victim)
    fixed_names(monkeypatch, names)
    save(FW, target)
    assert victim.read_text() == VICTIM_TEXT
    assert all(link.is_symlink() and os.readlink(link) == str(victim) for link in planted)
    assert target.read_text() == dumps(FW)
    assert sorted(p.name for p in folder.iterdir()) == sorted([target.name] + [p.name for p in planted])


def test_save_writes_no_fixed_name_someone_could_predict(shared, monkeypatch):
    folder, target, _ = shared
    made = []
    real_mkstemp = tempfile.mkstemp

    def spy(*args, **kwargs):
        fd, name = real_mkstemp(*args, **kwargs)
        made.append(name)
        return fd, name

    monkeypatch.setattr(tempfile, "mkstemp", spy)
    save(FW, target)
    save(FW, target)
    assert len(made) == 2 and made[0] != made[1]  # a fresh random name each time
    assert all(os.path.dirname(name) == str(folder) for name in made)  # same folder: the rename is one step


def test_save_keeps_the_files_permission_bits(shared):
    _, target, _ = shared
    target.chmod(0o640)
    save(FW, target)
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    target.chmod(0o604)
    save(FW, target)
    assert stat.S_IMODE(target.stat().st_mode) == 0o604


def test_a_new_file_gets_the_usual_permissions_not_private_ones(tmp_path):
    mask = os.umask(0o022)
    try:
        save(FW, tmp_path / "new.json")
    finally:
        os.umask(mask)
    assert stat.S_IMODE((tmp_path / "new.json").stat().st_mode) == 0o644  # not mkstemp's 0600


def test_save_writes_through_a_symlinked_file(tmp_path):
    real = tmp_path / "real.json"
    real.write_text("{}")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    save(FW, link)
    assert link.is_symlink()  # the link is still a link
    assert real.read_text() == dumps(FW)
    assert load(link) == FW
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.json", "real.json"]


def test_a_failed_save_leaves_no_temporary_file_and_the_file_as_it_was(shared, monkeypatch):
    folder, target, _ = shared

    def broken_disk(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken_disk)
    with pytest.raises(FileProblem, match=r"cannot be written \(No space left on device\)"):
        save(FW, target)
    assert target.read_text() == "{}"
    assert [p.name for p in folder.iterdir()] == ["shared.json"]


def test_saving_over_a_folder_is_refused_and_leaves_nothing(tmp_path):
    (tmp_path / "f.json").mkdir()
    with pytest.raises(FileProblem, match="is a folder, not a file"):
        save(FW, tmp_path / "f.json")
    assert [p.name for p in tmp_path.iterdir()] == ["f.json"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write in a read-only folder")
def test_a_read_only_folder_is_a_plain_error_and_leaves_nothing(shared):
    folder, target, _ = shared
    folder.chmod(0o555)
    try:
        with pytest.raises(FileProblem, match=r"cannot be written \(Permission denied\)"):
            save(FW, target)
    finally:
        folder.chmod(0o755)
    assert [p.name for p in folder.iterdir()] == ["shared.json"]


def test_save_works_for_the_longest_file_name(tmp_path):
    target = tmp_path / ("f" * 250 + ".json")  # 255 characters, the most most file systems allow
    save(FW, target)
    assert load(target) == FW
    assert [p.name for p in tmp_path.iterdir()] == [target.name]
