"""The app's heavy work on what a user sends or asks for, each done once, in a worker with its limits.

Reading an upload (with, when it is refused, the names of its own levels and what "Open anyway" would open),
comparing or merging another framework, and writing a report: each can take long or take much memory on a
hostile or very large file, so the app calls them through ``logicmodel.jobs.worker`` with the budgets of
``logicmodel.core.limits`` (``UPLOAD_SECONDS``/``UPLOAD_MB``, ``REPORT_SECONDS``/``REPORT_MB``). The plain functions
(``read_upload``, ``compare_with``, ``write``) do the work in this process; the ``*_in_worker`` ones run them
in a child and say in one line when a limit was reached.

>>> upload = read_upload("walks.json", b'{"schema_version": 1, "meta": {"title": "Walks"}, "nodes": [], "links": []}')
>>> upload.framework.meta.title, upload.error
('Walks', None)
>>> refused = read_upload("broken.json", b'{"schema_version": 1, "meta": {"title": "T"}, "nodes": [],'
...     b' "links": [{"source": "a", "target": "b"}]}')
>>> refused.framework is None, refused.repaired is not None, len(refused.changes)
(True, True, 1)
"""

from __future__ import annotations

import pickle
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any, TypeVar

from logicmodel.analysis.diff import Difference, compare
from logicmodel.core import limits
from logicmodel.core.errors import FrameworkError, Problem
from logicmodel.core.models import Framework
from logicmodel.editing import measure
from logicmodel.editing.merge import merge
from logicmodel.editing.repair import Change, repair
from logicmodel.formats import registry
from logicmodel.formats.bring_in import bring_in
from logicmodel.formats.registry import Choices, Format, Reading, title_from_name
from logicmodel.formats.update import Update, update_from
from logicmodel.jobs.worker import WorkStopped, run

T = TypeVar("T")

__all__ = [
    "Brought",
    "Comparison",
    "Upload",
    "bring_back",
    "bring_back_in_worker",
    "bring_in_in_worker",
    "compare_in_worker",
    "compare_with",
    "merge_in_worker",
    "read_upload",
    "read_upload_in_worker",
    "write",
    "write_in_worker",
]

LevelMap = tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Upload:
    """An uploaded file, read once: its framework, or why it was refused and what the app can offer instead."""

    name: str
    framework: Framework | None = None
    """The framework, when the file opened as it is."""
    error: FrameworkError | None = None
    """Why it was refused (a ``WorkStopped`` when it reached a limit of the worker)."""
    level_names: tuple[str, ...] = ()
    """The names the file gives its own levels, to map to this builder's (read without a level map only)."""
    repaired: Framework | None = None
    """What "Open anyway" opens: the framework without what is wrong; None when it cannot be repaired."""
    changes: tuple[Change, ...] = ()
    """What "Open anyway" leaves out or changes."""
    unsaid: frozenset[str] = frozenset()
    """What the file says nothing about though its format can (``Document.unsaid``: a workbook from before the
    Valuations sheet): kept from the open version when the file is brought back."""

    @property
    def stopped(self) -> bool:
        """Whether the reading was stopped at a limit of time or memory (then nothing else was tried)."""
        return isinstance(self.error, WorkStopped)


def read_upload(name: str, data: bytes, level_map: LevelMap = (), fmt: Format | str | None = None) -> Upload:
    """Read an uploaded file, in this process: the framework, or the refusal with what the app offers.

    ``fmt`` is the format that reads it (found from the name and the bytes when not given; a name is looked up
    in the registry). A format that takes a level map parses the file once for the reading and the repair.
    """
    found = _format(fmt) if fmt is not None else registry.reader_of(name, data)
    if found is None:
        return Upload(name, error=_not_read(name))
    reading = Reading(level_map=level_map, title=title_from_name(name))
    doc = None
    try:
        if found.reads_levels and found.parse is not None:  # as ``registry.read`` does, keeping the document
            doc = registry.parse(found, data, reading)
            from logicmodel.formats.building import finish

            return Upload(name, framework=finish(doc), unsaid=getattr(doc, "unsaid", frozenset()))
        return Upload(name, framework=registry.read(found, data, reading))
    except FrameworkError as exc:
        err = exc
    if found.parse is None:
        return Upload(name, error=err)
    names: tuple[str, ...] = ()
    try:
        doc = doc if doc is not None else registry.parse(found, data, reading)
        if found.reads_levels and not level_map:
            names = tuple(_level_names(doc))
        repaired, changes = repair(doc)
    except FrameworkError:
        return Upload(name, error=err, level_names=names)
    unsaid = getattr(doc, "unsaid", frozenset())
    return Upload(name, error=err, level_names=names, repaired=repaired, changes=tuple(changes), unsaid=unsaid)


def _not_read(name: str) -> FrameworkError:
    """The refusal of a file no format reads, as ``registry.read_named`` words it."""
    try:
        registry.read_named(name, b"")
    except FrameworkError as err:
        return err
    raise AssertionError("a format reads it")  # pragma: no cover - only for a name no format reads


def _level_names(doc: object) -> list[str]:
    """The labels of a parsed file's own levels that say nothing known (as ``registry.level_names`` reads them)."""
    from logicmodel.formats.building import names_to_ask

    return names_to_ask(doc)


def read_upload_in_worker(name: str, data: bytes, level_map: LevelMap = ()) -> Upload:
    """``read_upload`` in a worker with the import budget; a limit reached is the upload's one-line error."""
    fmt = registry.reader_of(name, data)  # by the name and the first bytes: quick, here
    try:
        return _with_upload_budget(read_upload, name, data, level_map, _portable(fmt), subject="This file", verb="read")
    except WorkStopped as err:
        return Upload(name, error=err)


@dataclass(frozen=True)
class Brought:
    """An edited file brought back onto the open framework (``logicmodel.formats.update``): the update it makes, or
    why the file was refused and the update "Open anyway" would make without what is wrong."""

    name: str
    update: Update | None = None
    error: FrameworkError | None = None
    repaired: Update | None = None
    """The update of the file read without what is wrong; None when it cannot be repaired."""
    changes: tuple[Change, ...] = ()
    """What that repair leaves out or changes."""


def bring_back(fw: Framework, name: str, data: bytes) -> Brought:
    """Read an edited file (by the format its name says, as an upload is read) and lay it over ``fw``."""
    upload = read_upload(name, data)
    fmt = registry.reader_of(name, data)
    if upload.framework is not None:
        try:
            return Brought(name, update=update_from(fw, upload.framework, fmt, upload.unsaid))
        except FrameworkError as err:
            return Brought(name, error=err)
    repaired = None
    if upload.repaired is not None:
        try:
            repaired = update_from(fw, upload.repaired, fmt, upload.unsaid)
        except FrameworkError:
            repaired = None
    return Brought(name, error=upload.error, repaired=repaired, changes=upload.changes)


def bring_back_in_worker(fw: Framework, name: str, data: bytes) -> Brought:
    """``bring_back`` in a worker with the import budget; a limit reached is the one-line error."""
    try:
        return _with_upload_budget(bring_back, fw, name, data, subject="Reading this file", verb="finish")
    except WorkStopped as err:
        return Brought(name, error=err)


def _bring_in(fw: Framework, data: bytes, name: str, area: str | None) -> measure.Brought:
    return bring_in(fw, data, name, area=area)


def bring_in_in_worker(fw: Framework, data: bytes, name: str, area: str | None = None) -> measure.Brought:
    """Measurements brought in from an uploaded file (``logicmodel.formats.bring_in.bring_in``: a Fingertips data
    download or a measurements table) in a worker with the import budget. Raises ``FrameworkError``, one line a
    problem, for a file that cannot be read, and one line (``WorkStopped``) at a limit."""
    return _with_upload_budget(_bring_in, fw, data, name, area, subject="Reading this file", verb="finish")


@dataclass(frozen=True)
class Comparison:
    """Another framework and how the open one differs from it."""

    other: Framework
    diff: Difference


def compare_with(fw: Framework, other: Framework | tuple[str, bytes], fmt: Format | str | None = None) -> Comparison:
    """How ``fw`` differs from ``other``: a framework, or an uploaded file as (name, bytes) read first (by
    ``fmt``, found from the name and the bytes when not given)."""
    if isinstance(other, tuple):
        name, data = other
        found = _format(fmt) if fmt is not None else registry.reader_of(name, data)
        if found is None:
            raise _not_read(name)
        other = registry.read(found, data, Reading(title=title_from_name(name)))
    return Comparison(other, compare(fw, other))


def compare_in_worker(fw: Framework, other: Framework | tuple[str, bytes]) -> Comparison:
    """``compare_with`` in a worker with the import budget; ``FrameworkError`` (one line at a limit) if not."""
    subject = "Reading and comparing this file" if isinstance(other, tuple) else "Comparing the two frameworks"
    fmt = registry.reader_of(*other) if isinstance(other, tuple) else None
    return _with_upload_budget(compare_with, fw, other, _portable(fmt), subject=subject, verb="finish")


def _with_upload_budget(task: Callable[..., T], *args: Any, subject: str, verb: str) -> T:
    """``task(*args)`` in a worker held to the upload limits (read when called, so a test may lower them)."""
    return run(task, *args, seconds=limits.UPLOAD_SECONDS, megabytes=limits.UPLOAD_MB, subject=subject, verb=verb)


def merge_in_worker(mine: Framework, theirs: Framework) -> tuple[Framework, list[str]]:
    """``logicmodel.editing.merge.merge`` in a worker with the import budget."""
    return run(
        merge,
        mine,
        theirs,
        seconds=limits.UPLOAD_SECONDS,
        megabytes=limits.UPLOAD_MB,
        subject="Merging the two frameworks",
        verb="finish",
    )


def write(fmt: Format | str, fw: Framework, choices: Choices) -> bytes:
    """The framework written in a format (a ``Format``, or its name in the registry)."""
    found = _format(fmt)
    if found.write is None:
        raise FrameworkError([Problem("", f"{found.name} files cannot be written, only read")])
    return found.write(fw, choices)


def write_in_worker(fmt: Format, fw: Framework, choices: Choices) -> bytes:
    """``write`` in a worker with the report budget: for the reports, briefs and Word documents."""
    return run(
        write,
        _portable(fmt),
        fw,
        choices,
        seconds=limits.REPORT_SECONDS,
        megabytes=limits.REPORT_MB,
        subject="This document",
        verb="make",
    )


def _format(fmt: Format | str) -> Format:
    return registry.get(fmt) if isinstance(fmt, str) else fmt


@cache
def _pickles(fmt: Format) -> bool:
    try:
        pickle.dumps(fmt)
    except Exception:  # a format whose reader is a lambda, as most of the registry's are
        return False
    return True


def _portable(fmt: Format | None) -> Format | str | None:
    """The format as the worker can have it: itself when it pickles (a format registered while the app runs,
    whose functions are defined in a module), else its name, looked up in the worker's own registry; ``None``
    (found in the worker from the name and the bytes) stays ``None``."""
    if fmt is None:
        return None
    return fmt if _pickles(fmt) else fmt.name
