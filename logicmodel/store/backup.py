"""Back the library up to a folder of framework files, and put it back from one.

A backup folder holds each framework as its canonical JSON file (``ID.json``,
readable by any tool that reads the format), with its history if asked
(``ID.history/vN.json``), and ``library.json``, which lists them with titles,
authors, times and summaries, owners and shares (a backup made before sign-in
has neither: its frameworks belong to no one, as they did). Backing up and
restoring need an administrator's view of the library (the command line's). Restoring reads and checks every file before
writing anything, and leaves alone a framework whose id is already in the
library.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from logicmodel.errors import FrameworkError
from logicmodel.models import Framework
from logicmodel.readwrite import load, save
from logicmodel.store.errors import NotFound, StoreError
from logicmodel.store.library import Library
from logicmodel.store.records import Share, VersionInfo

__all__ = ["MANIFEST", "Restored", "backup", "restore"]

MANIFEST = "library.json"
_KIND = "Logic Model Builder library backup"


def backup(lib: Library, folder: Path, *, history: bool = False) -> int:
    """Write every framework (in the bin too) to a new or empty ``folder``; returns how many."""
    folder = Path(folder)
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise StoreError(f"{folder}: choose a new or empty folder for the backup")
    folder.mkdir(parents=True, exist_ok=True)
    entries = []
    for summary in lib.list() + lib.list(in_bin=True):
        entry: dict[str, Any] = {
            "id": summary.id,
            "title": summary.title,
            "version": summary.version,
            "updated": _when(summary.updated_at),
            "updated_by": summary.updated_by,
            "deleted_at": _when(summary.deleted_at) if summary.deleted_at else None,
            "file": f"{summary.id}.json",
            "owner": summary.owner,
        }
        try:
            save(lib.version(summary.id, summary.version), folder / entry["file"])
            entry["shares"] = [
                {"person": s.person, "role": s.role, "shared_at": _when(s.shared_at), "shared_by": s.shared_by}
                for s in lib.sharing(summary.id).shares
            ]
            if history:
                entry["history"] = _write_history(lib, summary.id, folder)
        except NotFound:  # emptied from the bin while we were copying
            continue
        entries.append(entry)
    manifest = {"kind": _KIND, "backup_version": 1, "made_at": _when(datetime.now(UTC)), "frameworks": entries}
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return len(entries)


def _write_history(lib: Library, framework_id: str, folder: Path) -> list[dict[str, Any]]:
    (folder / f"{framework_id}.history").mkdir()
    rows = []
    for info in reversed(lib.history(framework_id)):
        name = f"{framework_id}.history/v{info.version}.json"
        save(lib.version(framework_id, info.version), folder / name)
        rows.append(
            {
                "version": info.version,
                "saved_at": _when(info.saved_at),
                "author": info.author,
                "summary": info.summary,
                "restored_from": info.restored_from,
                "file": name,
            }
        )
    return rows


@dataclass
class Restored:
    """What ``restore`` did: ids put back, and ids left alone because they were already in the library."""

    added: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def restore(lib: Library, folder: Path) -> Restored:
    """Put back every framework of a backup folder that is not already in the library.

    Every file is read and checked first: if one is missing or invalid, nothing is written.
    """
    folder = Path(folder)
    manifest = _read_manifest(folder)
    plans: list[tuple[str, list[tuple[VersionInfo, Framework]], datetime | None, str | None, list[Share]]] = []
    for n, entry in enumerate(manifest["frameworks"]):
        try:
            framework_id = str(entry["id"])
            versions = entry.get("history") or [
                {
                    "version": entry["version"],
                    "saved_at": entry["updated"],
                    "author": entry["updated_by"],
                    "summary": "Restored from a backup without history",
                    "file": entry["file"],
                }
            ]
            history = [
                (
                    VersionInfo(
                        int(v["version"]),
                        _parse_when(v["saved_at"]),
                        str(v["author"]),
                        str(v["summary"]),
                        v.get("restored_from"),
                    ),
                    _load(folder, v["file"]),
                )
                for v in versions
            ]
            deleted_at = _parse_when(entry["deleted_at"]) if entry.get("deleted_at") else None
            owner = entry.get("owner")
            shared = [
                Share(str(s["person"]), str(s["role"]), _parse_when(s["shared_at"]), str(s["shared_by"]))
                for s in entry.get("shares") or []
            ]
        except (KeyError, TypeError, ValueError) as exc:
            raise StoreError(f"{folder / MANIFEST}: frameworks[{n}] is not as a backup writes it ({exc})") from None
        plans.append((framework_id, history, deleted_at, None if owner is None else str(owner), shared))
    done = Restored()
    existing = {s.id for s in lib.list()} | {s.id for s in lib.list(in_bin=True)}
    for framework_id, history, deleted_at, owner, shared in plans:
        if framework_id in existing:
            done.skipped.append(framework_id)
            continue
        lib.put_back(framework_id, history, deleted_at=deleted_at, owner=owner, shared=shared)
        done.added.append(framework_id)
    return done


def _read_manifest(folder: Path) -> dict[str, Any]:
    path = folder / MANIFEST
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise StoreError(f"{folder}: not a library backup (no {MANIFEST})") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise StoreError(f"{path}: cannot be read ({exc})") from None
    listed = manifest.get("frameworks") if isinstance(manifest, dict) else None
    if not isinstance(listed, list) or manifest.get("kind") != _KIND:
        raise StoreError(f"{path}: not a Logic Model Builder library backup")
    return manifest


def _load(folder: Path, name: str) -> Framework:
    path = folder / name
    if not path.resolve().is_relative_to(folder.resolve()):
        raise StoreError(f"{folder / MANIFEST}: names a file outside the backup ({name})")
    try:
        return load(path)
    except FrameworkError as exc:
        raise StoreError(f"{path}: {exc.problems[0]}") from None


def _when(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat()


def _parse_when(text: str) -> datetime:
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
