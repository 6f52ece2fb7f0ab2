"""Back the library up to a folder of framework files, and put it back from one.

A backup folder holds each framework as its canonical JSON file (``ID.json``,
readable by any tool that reads the format), with its history if asked
(``ID.history/vN.json``), and ``library.json``, which lists them with titles,
authors, times and summaries, owners and shares (a backup made before sign-in
has neither: its frameworks belong to no one, as they did), and each framework's
comments (a backup made before comments has none). Comments are never written
into a framework file: a comment is a conversation, not part of the model. Each version in a
history also has its ``kind`` (``edit``, ``undo``, ``redo``, ``restore`` or
``import``: what undo and redo go by); a backup made before kinds were recorded
has none, and each version's kind is then read from its summary, as the
library's upgrade to schema 0004 does (``logicmodel.core.version_kinds``). Backing up and
restoring need an administrator's view of the library (the command line's). Restoring reads and checks every file before
writing anything, and leaves alone a framework whose id is already in the
library.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from logicmodel.core.errors import FrameworkError
from logicmodel.core.files import write_file
from logicmodel.core.models import Framework
from logicmodel.core.readwrite import load, save
from logicmodel.core.version_kinds import VersionKind, kind_from_summary
from logicmodel.store.connect import PRIVATE_FILE, PRIVATE_FOLDER
from logicmodel.store.errors import NotFound, StoreError
from logicmodel.store.library import Library, PutBack, canonical_document
from logicmodel.store.records import Comment, Share, VersionInfo

__all__ = ["MANIFEST", "Restored", "backup", "restore"]

MANIFEST = "library.json"
_KIND = "Logic Model Builder library backup"


def backup(lib: Library, folder: Path, *, history: bool = False) -> int:
    """Write every framework (in the bin too) to a new or empty ``folder``; returns how many."""
    folder = Path(folder)
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise StoreError(f"{folder}: choose a new or empty folder for the backup")
    folder.mkdir(mode=PRIVATE_FOLDER, parents=True, exist_ok=True)
    os.chmod(folder, PRIVATE_FOLDER)  # before any file is in it: no one else can open what follows
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
            _save(lib.version(summary.id, summary.version), folder / entry["file"])
            entry["shares"] = [
                {"person": s.person, "role": s.role, "shared_at": _when(s.shared_at), "shared_by": s.shared_by}
                for s in lib.sharing(summary.id).shares
            ]
            entry["comments"] = [_comment_entry(c) for c in lib.all_comments(summary.id)]
            if history:
                entry["history"] = _write_history(lib, summary.id, folder)
        except NotFound:  # emptied from the bin while we were copying
            continue
        entries.append(entry)
    manifest = {"kind": _KIND, "backup_version": 1, "made_at": _when(datetime.now(UTC)), "frameworks": entries}
    write_file(folder / MANIFEST, (json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))
    os.chmod(folder / MANIFEST, PRIVATE_FILE)
    return len(entries)


def _save(fw: Framework, path: Path) -> None:
    """Write one framework file of the backup, readable by this account only (like the library itself)."""
    save(fw, path)
    os.chmod(path, PRIVATE_FILE)


def _comment_entry(comment: Comment) -> dict[str, Any]:
    return {
        "id": comment.id,
        "thread": comment.thread,
        "box": comment.box,
        "link": None if comment.link is None else list(comment.link),
        "author": comment.author,
        "author_email": comment.author_email,
        "body": comment.body,
        "created_at": _when(comment.created_at),
        "resolved_at": _when(comment.resolved_at) if comment.resolved_at else None,
        "resolved_by": comment.resolved_by,
    }


def _read_comment(framework_id: str, c: dict[str, Any]) -> Comment:
    link = c.get("link")
    if link is not None and (not isinstance(link, list) or len(link) != 2):
        raise ValueError(f"a comment's link is [source, target], not {str(link)[:40]}")
    return Comment(
        id=_whole(c["id"]),
        framework_id=framework_id,
        thread=None if c.get("thread") is None else _whole(c["thread"]),
        box=None if c.get("box") is None else str(c["box"]),
        link=None if link is None else (str(link[0]), str(link[1])),
        author=str(c["author"]),
        author_email=None if c.get("author_email") is None else str(c["author_email"]),
        body=_text(c["body"]),
        created_at=_parse_when(c["created_at"]),
        resolved_at=_parse_when(c["resolved_at"]) if c.get("resolved_at") else None,
        resolved_by=None if c.get("resolved_by") is None else str(c["resolved_by"]),
    )


def _write_history(lib: Library, framework_id: str, folder: Path) -> list[dict[str, Any]]:
    (folder / f"{framework_id}.history").mkdir(mode=PRIVATE_FOLDER)
    rows = []
    for info in reversed(lib.history(framework_id)):
        name = f"{framework_id}.history/v{info.version}.json"
        _save(lib.version(framework_id, info.version), folder / name)
        rows.append(
            {
                "version": info.version,
                "saved_at": _when(info.saved_at),
                "author": info.author,
                "summary": info.summary,
                "restored_from": info.restored_from,
                "kind": info.kind.value,
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
    """Put back every framework of a backup folder that is not already in the library: all, or none.

    First every framework's details in ``library.json`` are checked (owners and people are emails, roles
    are roles, authors are named, ids and version numbers each once, replies after their threads), then
    every version file is read and checked, one at a time; only then is anything written, in one
    transaction, reading each file again as it is written. So memory holds one version, never the backup,
    and a refusal (``StoreError``, one line naming the framework or file) leaves the library as it was.
    """
    folder = Path(folder)
    manifest = _read_manifest(folder)
    plans: list[PutBack] = []
    seen: set[str] = set()
    for n, entry in enumerate(manifest["frameworks"]):
        where = f"{folder / MANIFEST}: frameworks[{n}]"
        try:
            plan = _plan(folder, entry)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise StoreError(f"{where} is not as a backup writes it ({exc}); nothing restored") from None
        try:
            lib.check_put_back(plan)
        except StoreError as exc:
            raise StoreError(f"{where}: {exc}; nothing restored") from None
        if plan.framework_id in seen:
            raise StoreError(f"{where}: {plan.framework_id} is listed twice; nothing restored")
        seen.add(plan.framework_id)
        plans.append(plan)
    done = Restored()
    existing = {s.id for s in lib.list()} | {s.id for s in lib.list(in_bin=True)}
    todo = []
    for plan in plans:
        (done.skipped if plan.framework_id in existing else done.added).append(plan.framework_id)
        if plan.framework_id not in existing:
            todo.append(plan)
    try:
        for plan in todo:  # every file read and checked before anything is written
            for info in plan.versions:
                canonical_document(plan.read(info))
        lib.put_back_all(todo)
    except StoreError as exc:
        raise StoreError(f"{exc}; nothing restored") from None
    return done


def _plan(folder: Path, entry: dict[str, Any]) -> PutBack:
    """A framework of the backup as the library puts it back; its files are named, not read."""
    framework_id = str(entry["id"])
    listed = entry.get("history") or [
        {
            "version": entry["version"],
            "saved_at": entry["updated"],
            "author": entry["updated_by"],
            "summary": "Restored from a backup without history",
            "file": entry["file"],
        }
    ]
    files: dict[int, str] = {}
    infos = []
    for v in listed:
        restored_from = None if v.get("restored_from") is None else _whole(v["restored_from"])
        summary = str(v["summary"])
        kind = v.get("kind")
        info = VersionInfo(
            _whole(v["version"]),
            _parse_when(v["saved_at"]),
            str(v["author"]),
            summary,
            restored_from,
            kind_from_summary(summary, restored_from) if kind is None else _kind(kind),
        )
        files[info.version] = str(v["file"])
        infos.append(info)
    owner = entry.get("owner")
    shared = tuple(
        Share(str(s["person"]), str(s["role"]), _parse_when(s["shared_at"]), str(s["shared_by"]))
        for s in entry.get("shares") or []
    )
    return PutBack(
        framework_id,
        tuple(infos),
        lambda info: _load(folder, files[info.version]),
        _parse_when(entry["deleted_at"]) if entry.get("deleted_at") else None,
        None if owner is None else str(owner),
        shared,
        tuple(_read_comment(framework_id, c) for c in entry.get("comments") or []),
    )


def _kind(value: Any) -> VersionKind:
    kinds = [kind.value for kind in VersionKind]
    if not isinstance(value, str) or value not in kinds:
        raise ValueError(f"a version's kind is one of {', '.join(kinds)}, not {str(value)[:20]!r}")
    return VersionKind(value)


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError(f"a comment's text is text, not {type(value).__name__}")
    return value


def _whole(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"a version number is a whole number, not {str(value)[:20]!r}")
    return value


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
    moment = datetime.fromisoformat(str(text))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
