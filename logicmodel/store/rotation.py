"""Dated backups kept in rotation: what a daily timer runs (``library backup --into FOLDER --keep N``).

Each backup is a new folder ``backup-YYYYMMDDTHHMMSSZ`` (UTC) inside FOLDER, a backup folder as
``logicmodel.store.backup`` writes it (so ``library restore`` puts it back). It is written under a
temporary name (``.backup-...partial``, which rotation never counts) and renamed when complete, so a folder
with a dated name is always a whole backup: a backup that fails (a full disk, a folder it may not write in)
removes what it wrote and leaves no dated folder. Then the oldest dated folders beyond the newest N are
removed; nothing else in FOLDER is touched (not other files, not folders named otherwise, not a partial
one a killed run left). The names sort by time, so the newest are the last in name order.
"""

from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from logicmodel.store.backup import backup
from logicmodel.store.connect import PRIVATE_FOLDER
from logicmodel.store.errors import StoreError
from logicmodel.store.library import Library

__all__ = ["DATED", "Rotated", "backup_into", "dated_folders", "dated_name"]

DATED = re.compile(r"backup-\d{8}T\d{6}Z")
"""The name of a dated backup folder: the only folders rotation ever removes."""


@dataclass(frozen=True)
class Rotated:
    """What ``backup_into`` did: the folder written, how many frameworks, and the old folders removed."""

    folder: Path
    frameworks: int
    removed: list[Path] = field(default_factory=list)


def dated_name(moment: datetime) -> str:
    """The dated folder's name for a backup made at ``moment``: ``backup-20261207T020000Z``."""
    return f"backup-{moment.astimezone(UTC):%Y%m%dT%H%M%SZ}"


def dated_folders(into: Path) -> list[Path]:
    """The dated backup folders in ``into``, oldest first (symbolic links and other names are not ours)."""
    found = [p for p in Path(into).iterdir() if DATED.fullmatch(p.name) and p.is_dir() and not p.is_symlink()]
    return sorted(found, key=lambda p: p.name)


def backup_into(lib: Library, into: Path, *, keep: int, history: bool = False, now: datetime | None = None) -> Rotated:
    """Write a new dated backup in ``into`` (made if missing, private), then keep only the newest ``keep``.

    ``StoreError`` (one line) for a name already taken (two backups in one second), ``keep`` below 1 or an old
    folder that cannot be removed (the new one is written); ``OSError`` when a file cannot be written, with
    nothing dated left behind and no old backup removed.
    """
    if keep < 1:
        raise StoreError(f"--keep {keep}: keep at least 1 backup")
    into = Path(into)
    if not into.exists():
        into.mkdir(mode=PRIVATE_FOLDER, parents=True)
    name = dated_name(now or datetime.now(UTC))
    final = into / name
    if final.exists():
        raise StoreError(f"{final}: already there (one backup a second at most); nothing written")
    partial = into / f".{name}.partial"
    if partial.exists():  # a run killed at this very second: what it left is no backup
        shutil.rmtree(partial)
    try:
        count = backup(lib, partial, history=history)
        _sync(partial)
        os.rename(partial, final)  # in one step: a dated name is always a whole backup
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    _sync(into)
    older = [p for p in dated_folders(into) if p.name != name]
    removed = older[: max(0, len(older) - (keep - 1))]
    for folder in removed:
        try:
            shutil.rmtree(folder)
        except OSError as exc:
            reason = exc.strerror or type(exc).__name__
            raise StoreError(f"{final}: written, but {folder.name} could not be removed ({reason})") from None
    return Rotated(final, count, removed)


def _sync(folder: Path) -> None:
    """Flush a folder's list of names to disk, so a rename survives a power cut."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
