"""The ``library`` command, for whoever runs the server: list, import, export, back up and restore, and upkeep.

``python -m logicmodel library list [--json]``, ``library import FILE... [--title TITLE]``,
``library export ID -o FILE``, ``library update ID FILE [--from FORMAT] [--repair]``,
``library backup -o FOLDER [--history]``, ``library backup --into FOLDER --keep N [--history]``,
``library restore FOLDER``, ``library hand-over ID EMAIL``, ``library migrate [--check]``, ``library check``.
``update`` brings back an edited file (the workbook edited in Excel, say) as the next version of the same
framework: the changes are listed, ids and what the file cannot carry are kept (``logicmodel.formats.update``).
They open the same library as the app (``LOGICMODEL_DATABASE_URL``, else the default SQLite file), as its
administrator: every framework, whoever owns it, and each command says so (on standard error, so that
``list --json`` stays one JSON array). Frameworks imported here belong to no one until handed over.

For the IT officer (the hosting runbook, the systemd units and the health check call these):
``migrate`` upgrades the database to the newest schema, once however many run together, and prints one line
from what to what; ``migrate --check`` changes nothing and exits 0 (up to date), 3 (needs upgrading: one line
from what to what) or 1 (refused: a newer schema, someone else's tables, no answer); ``check`` exits 0 when the
database answers and is at the newest schema, else 1, naming what is wrong. These three never open the
library as such (no upgrade on the way, no administrator acting, nothing of a framework printed).
``backup --into FOLDER --keep N`` writes a new dated folder ``backup-YYYYMMDDTHHMMSSZ`` (UTC) in FOLDER,
under a temporary name renamed when whole, then removes the oldest dated folders beyond N and nothing else
(``logicmodel.store.rotation``); ``restore`` takes a dated folder as it takes any backup folder.
Errors print as one line each, never a traceback; exit status 1 when something was refused.
A row of the command line's table (``logicmodel.cli.main.COMMANDS``); its jobs are the rows of ``JOBS``.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from logicmodel.cli.files import load_or_say, say_problems, why_not_written, write_or_say
from logicmodel.cli.terminal import say
from logicmodel.core.errors import FrameworkError
from logicmodel.core.models import Framework
from logicmodel.core.readwrite import read as read_bytes
from logicmodel.core.version_kinds import VersionKind
from logicmodel.core.wording import plural
from logicmodel.editing.edit import update_meta
from logicmodel.editing.repair import repair
from logicmodel.formats import Reading, get, parse, read, readers
from logicmodel.formats.building import finish
from logicmodel.formats.registry import reader_of, title_from_name
from logicmodel.formats.update import update_from
from logicmodel.store.access import administrator
from logicmodel.store.backup import backup, restore
from logicmodel.store.errors import StoreError
from logicmodel.store.library import Library, canonical_document
from logicmodel.store.migrate import schema_name
from logicmodel.store.rotation import backup_into
from logicmodel.store.upkeep import Looked, bring_up_to_date, look

__all__ = ["JOBS", "Job", "arguments", "in_library", "run"]


@dataclass(frozen=True)
class Job:
    """One job of the ``library`` command: its name, its line in the help, its arguments and what runs it."""

    name: str
    help: str
    arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace, TextIO], int]
    """Runs it and returns the exit status: most in the library open as its administrator (``in_library``);
    ``migrate`` and ``check`` on its database, without opening it as a library."""


def arguments(library: argparse.ArgumentParser) -> None:
    """The jobs, one subcommand a row of ``JOBS``."""
    jobs = library.add_subparsers(dest="job", required=True, metavar="JOB")
    for job in JOBS:
        job.arguments(jobs.add_parser(job.name, help=job.help))


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Run the job; any ``StoreError`` is one line and exit status 1."""
    try:
        return next(job for job in JOBS if job.name == args.job).run(args, out)
    except StoreError as exc:
        print(f"library: {exc}", file=out)
        return 1


def in_library(
    job: Callable[[Library, argparse.Namespace, TextIO], int],
) -> Callable[[argparse.Namespace, TextIO], int]:
    """A job that works in the library: it runs with the library open as its administrator, and says so."""

    def run_in_library(args: argparse.Namespace, out: TextIO) -> int:
        with Library.open(actor=administrator(_default_author())) as lib:
            says = f"library: acting as administrator of {lib.location} (every framework, whoever owns it)"
            print(says, file=sys.stderr)
            return job(lib, args, out)

    return run_in_library


def _default_author() -> str:
    try:
        return f"{getpass.getuser()} (command line)"
    except (KeyError, OSError):
        return "command line"


def _list(lib: Library, args: argparse.Namespace, out: TextIO) -> int:
    found = lib.list(search=args.search)
    if args.json:
        rows = [
            {
                "id": s.id,
                "title": s.title,
                "organisation": s.organisation,
                "updated": s.updated_at.isoformat(timespec="seconds"),
                "version": s.version,
                "owner": s.owner,
            }
            for s in found
        ]
        print(json.dumps(rows, ensure_ascii=False), file=out)
        return 0
    print(f"{lib.location}: {plural(len(found), 'framework')}", file=out)
    for s in found:
        organisation = f" ({s.organisation})" if s.organisation else ""
        print(
            f"{s.id}  v{s.version:<4} {s.updated_at:%Y-%m-%d %H:%M} UTC  {s.title}{organisation}  "
            f"[{s.updated_by}; owner: {s.owner or 'no one'}]",
            file=out,
        )
    return 0


def _import(lib: Library, args: argparse.Namespace, out: TextIO) -> int:
    if args.title is not None and len(args.files) > 1:
        print("library import: --title names one file's framework; give one FILE with it", file=out)
        return 2
    checked: list[tuple[Path, Framework]] = []
    refused = False
    for path in args.files:
        fw = load_or_say(out, path)
        if fw is None:
            refused = True
            continue
        try:
            if args.title is not None:
                fw = update_meta(fw, title=args.title)
            canonical_document(fw)  # what the library will refuse (too large), refused before anything is written
        except FrameworkError as exc:
            refused = True
            say_problems(out, path, exc)
            continue
        except StoreError as exc:
            refused = True
            print(f"{path}: {exc}", file=out)
            continue
        checked.append((path, fw))
    if refused:
        print("library import: nothing imported (fix the files above and run it again)", file=out)
        return 1
    for path, fw in checked:
        saved = lib.create(fw, author=args.author, summary=f"Imported from {path.name}", kind=VersionKind.IMPORT)
        print(f"{path}: imported as {saved.id} ('{saved.title}', {len(fw.nodes)} boxes)", file=out)
    return 0


def _export(lib: Library, args: argparse.Namespace, out: TextIO) -> int:
    fw = lib.version(args.id, args.version) if args.version is not None else lib.get(args.id).framework
    return 0 if write_or_say(out, args.output, fw, f"written ('{fw.meta.title}', {len(fw.nodes)} boxes)") else 1


def _update(lib: Library, args: argparse.Namespace, out: TextIO) -> int:
    """Read the file, say what changes, and save it as one new version of the framework (``Updated from``)."""
    saved = lib.get(args.id)
    where = args.file
    try:
        data = read_bytes(args.file)
        fmt = get(args.source) if args.source else reader_of(args.file.name, data)
        if fmt is None:
            refusal = f"not a file this builder reads: say which with --from ({', '.join(_reader_names())})"
            say(out, f"{where}: {refusal}")
            return 1
        reading = Reading(title=title_from_name(args.file.name))
        unsaid: frozenset[str] = frozenset()
        if args.repair:
            doc = parse(fmt, data, reading)
            theirs, changes = repair(doc)
            unsaid = getattr(doc, "unsaid", unsaid)
            for change in changes:
                say(out, f"{where}: {change}")
        elif fmt.parse is not None and fmt.reads_levels:  # the document too: what the file does not say is kept
            doc = parse(fmt, data, reading)
            theirs, unsaid = finish(doc), getattr(doc, "unsaid", unsaid)
        else:
            theirs = read(fmt, data, reading)
        update = update_from(saved.framework, theirs, fmt, unsaid)
    except FrameworkError as exc:
        for problem in exc.problems:
            say(out, f"{where}: {problem}")
        if exc.repairable:
            say(out, f"{where}: update with --repair to leave these out")
        say(out, f"library update: {saved.id} not changed")
        return 1
    for line in update.lines(saved.framework):
        say(out, f"{saved.id}: {line}")
    if update.framework is saved.framework:
        say(out, f"{saved.id}: {where.name} says what version {saved.version} says: nothing to save")
        return 0
    if args.dry_run:
        say(out, f"{saved.id}: not saved (--dry-run): {update.diff.in_words() or 'no change'}")
        return 0
    done = lib.save(
        saved.id,
        update.framework,
        expected_version=saved.version,
        author=args.author,
        summary=f"Updated from {where.name}",
        kind=VersionKind.IMPORT,
    )
    say(out, f"{saved.id}: saved as version {done.version} ('{done.title}'): {update.diff.in_words() or 'reordered'}")
    return 0


def _reader_names() -> list[str]:
    return [f.name for f in readers()]


def _backup(lib: Library, args: argparse.Namespace, out: TextIO) -> int:
    what = "with their history" if args.history else "current versions only"
    if args.into is not None:
        return _backup_into(lib, args, out, what)
    if args.keep is not None:
        print("library backup: --keep goes with --into (dated folders in rotation), not with -o", file=out)
        return 2
    try:
        count = backup(lib, args.output, history=args.history)
    except OSError as exc:
        print(f"{args.output}: {why_not_written(exc)}", file=out)
        return 1
    print(f"{args.output}: {plural(count, 'framework')} backed up from {lib.location} ({what})", file=out)
    return 0


def _backup_into(lib: Library, args: argparse.Namespace, out: TextIO, what: str) -> int:
    """A new dated backup in ``--into``, then the oldest beyond ``--keep`` removed: one line either way."""
    if args.keep is None:
        print("library backup: --into needs --keep N (how many dated backups to keep)", file=out)
        return 2
    try:
        done = backup_into(lib, args.into, keep=args.keep, history=args.history)
    except OSError as exc:
        print(f"{args.into}: {why_not_written(exc)}; no backup written, none removed", file=out)
        return 1
    removed = plural(len(done.removed), "older backup")
    print(
        f"{done.folder}: {plural(done.frameworks, 'framework')} backed up from {lib.location} ({what}); "
        f"{removed} removed, keeping {args.keep}",
        file=out,
    )
    return 0


def _migrate(args: argparse.Namespace, out: TextIO) -> int:
    """Upgrade the database to the newest schema (or, with ``--check``, only say whether it needs it)."""
    if args.check:
        looked = look()
        if looked.status.needs_upgrade:
            print(f"library: {_needs_upgrading(looked)}", file=out)
            return 3
        print(f"library: {looked.location}: up to date ({schema_name(looked.status.newest)})", file=out)
        return 0
    done = bring_up_to_date()
    before, after = schema_name(done.upgrade.before), schema_name(done.upgrade.after)
    if done.upgrade.done:
        print(f"library: {done.location}: upgraded from {before} to {after}", file=out)
    else:
        print(f"library: {done.location}: already at the newest schema ({done.upgrade.after}), nothing to do", file=out)
    return 0


def _check(args: argparse.Namespace, out: TextIO) -> int:
    """Exit 0 when the database answers and is at the newest schema; else 1, with one line saying what is wrong."""
    looked = look()
    if looked.missing:
        print(f"library: {looked.location}: no library there yet: run `logicmodel library migrate`", file=out)
        return 1
    if looked.status.needs_upgrade:
        print(f"library: {_needs_upgrading(looked)}", file=out)
        return 1
    print(f"library: {looked.location}: answers, at the newest schema ({looked.status.newest})", file=out)
    return 0


def _needs_upgrading(looked: Looked) -> str:
    current, newest = schema_name(looked.status.current), schema_name(looked.status.newest)
    return f"{looked.location}: needs upgrading from {current} to {newest}: run `logicmodel library migrate`"


def _restore(lib: Library, args: argparse.Namespace, out: TextIO) -> int:
    done = restore(lib, args.folder)
    for framework_id in done.skipped:
        print(f"{framework_id}: already in the library, left as it is", file=out)
    print(f"{args.folder}: {plural(len(done.added), 'framework')} restored", file=out)
    return 0


def _hand_over(lib: Library, args: argparse.Namespace, out: TextIO) -> int:
    lib.hand_over(args.id, args.email)
    sharing = lib.sharing(args.id)
    print(f"{args.id}: now owned by {sharing.owner}", file=out)
    return 0


def _list_arguments(listing: argparse.ArgumentParser) -> None:
    listing.add_argument("--json", action="store_true", help='one JSON array of {"id", "title", ...}')
    listing.add_argument("--search", default="", help="only those whose title, organisation or area has these words")


def _import_arguments(imports: argparse.ArgumentParser) -> None:
    imports.add_argument("files", nargs="+", metavar="FILE", type=Path)
    imports.add_argument("--title", help="the title to give it (one file only)")
    imports.add_argument("--author", default=_default_author(), help="who to name in its history")


def _export_arguments(export: argparse.ArgumentParser) -> None:
    export.add_argument("id", metavar="ID")
    export.add_argument("-o", "--output", metavar="FILE", type=Path, required=True)
    export.add_argument("--version", type=int, help="an earlier version (see its history)")


def _update_arguments(bring_back: argparse.ArgumentParser) -> None:
    names = _reader_names()
    bring_back.add_argument("id", metavar="ID")
    bring_back.add_argument("file", metavar="FILE", type=Path)
    bring_back.add_argument(
        "--from", dest="source", choices=names, metavar="FORMAT", help=f"one of: {', '.join(names)} (else by its name)"
    )
    bring_back.add_argument(
        "--repair", action="store_true", help="leave out what fails the checks, listing every part left out"
    )
    bring_back.add_argument("--dry-run", action="store_true", help="list the changes, save nothing")
    bring_back.add_argument("--author", default=_default_author(), help="who to name in its history")


def _backup_arguments(back_up: argparse.ArgumentParser) -> None:
    where = back_up.add_mutually_exclusive_group(required=True)
    where.add_argument("-o", "--output", metavar="FOLDER", type=Path, help="a new or empty folder")
    where.add_argument(
        "--into", metavar="FOLDER", type=Path, help="a new dated folder backup-YYYYMMDDTHHMMSSZ (UTC) inside FOLDER"
    )
    back_up.add_argument(
        "--keep", metavar="N", type=int, help="with --into: then remove the oldest dated folders beyond N"
    )
    back_up.add_argument("--history", action="store_true", help="every kept version too, with who and when")


def _migrate_arguments(migrate: argparse.ArgumentParser) -> None:
    migrate.add_argument(
        "--check",
        action="store_true",
        help="change nothing: exit 0 when up to date, 3 when it needs upgrading, 1 when refused",
    )


def _no_arguments(parser: argparse.ArgumentParser) -> None:
    """A job that takes none (``check``)."""


def _restore_arguments(put_back: argparse.ArgumentParser) -> None:
    put_back.add_argument("folder", metavar="FOLDER", type=Path)


def _hand_over_arguments(hand_over: argparse.ArgumentParser) -> None:
    hand_over.add_argument("id", metavar="ID")
    hand_over.add_argument("email", metavar="EMAIL")


JOBS: tuple[Job, ...] = (
    Job("list", "list the frameworks in the library, newest first", _list_arguments, in_library(_list)),
    Job(
        "import",
        "add framework files to the library (all or none: each is checked first)",
        _import_arguments,
        in_library(_import),
    ),
    Job("export", "write a framework from the library to a file", _export_arguments, in_library(_export)),
    Job(
        "update",
        "bring back an edited file (e.g. the workbook, edited in Excel) as the next version of a framework",
        _update_arguments,
        in_library(_update),
    ),
    Job("backup", "write every framework to a new folder, as framework files", _backup_arguments, in_library(_backup)),
    Job(
        "restore",
        "put back the frameworks of a backup folder that are not in the library",
        _restore_arguments,
        in_library(_restore),
    ),
    Job(
        "hand-over",
        "make someone (by email) the owner of a framework, e.g. when its owner has left",
        _hand_over_arguments,
        in_library(_hand_over),
    ),
    Job(
        "migrate",
        "upgrade the library's database to the newest schema (--check: only say whether it needs it)",
        _migrate_arguments,
        _migrate,
    ),
    Job("check", "say whether the library's database answers and is at the newest schema", _no_arguments, _check),
)
"""Every job of the ``library`` command, in the order its help lists them."""
