"""The undo stack: what Undo and Redo would do next, read from a framework's saved history, so that they
survive a refresh and a server restart.

Not to be confused with the saved version history itself (``logicmodel.store``: every version kept, shown
on the History page, any one of which can be restored): the undo stack is the last few edits Undo can take
back in order, and what Redo can bring back after an undo.

Every edit is saved as a version with a one-line summary ("Added 'Free swims'."). Undo saves the content of
the version before the last edit again, as a new version of kind ``undo`` (``logicmodel.core.version_kinds``)
summarised "Undone: Added 'Free swims'."; redo saves the content the undo took back, as a version of kind
``redo`` summarised "Redone: ...". Replaying the kinds, oldest first, gives the same undo and redo stacks a
tab would have kept in memory, for whoever opens the framework next (the summaries are only words for
people: what an undo offers is the summary of the edit it takes back, whatever undo's own summary says):

- an edit (or a restore, or an import) pushes the version before it onto the undo stack and forgets what
  could be redone;
- an undo moves the top of the undo stack to the redo stack;
- a redo moves it back.

A step names the version whose content it returns to; versions pruned from the history cannot be returned to,
so the stacks start at the oldest version kept.

>>> from datetime import UTC, datetime
>>> from logicmodel.store.records import VersionInfo
>>> from logicmodel.core.version_kinds import VersionKind as K
>>> def saved(*steps):  # the library's history, given oldest first as (kind, summary): newest first
...     when = datetime.now(UTC)
...     return [VersionInfo(n, when, "Ann", s, kind=k) for n, (k, s) in reversed(list(enumerate(steps, 1)))]
>>> created, walks, swims = (K.EDIT, "Created"), (K.EDIT, "Added 'Walks'."), (K.EDIT, "Added 'Swims'.")
>>> s = undo_stack(saved(created, walks, swims))
>>> s.undo[-1], s.redo
(UndoStep(version=2, what="Added 'Swims'."), ())
>>> s = undo_stack(saved(created, walks, swims, (K.UNDO, "Undone: Added 'Swims'.")))
>>> s.undo[-1], s.redo[-1]
(UndoStep(version=1, what="Added 'Walks'."), UndoStep(version=3, what="Added 'Swims'."))
>>> undo_stack(saved(created, walks, (K.UNDO, "Took back a box"), (K.REDO, "Put it back"))).undo[-1]
UndoStep(version=3, what="Added 'Walks'.")
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from logicmodel.core.version_kinds import VersionKind

__all__ = ["LIMIT", "REDONE", "UNDONE", "UndoStack", "UndoStep", "redone", "undo_stack", "undone"]

UNDONE = "Undone: "
"""How an undo's summary begins: words for people (undo reads the version's kind, not these)."""
REDONE = "Redone: "
"""How a redo's summary begins."""
LIMIT = 50
"""Most steps undo can go back (the history itself keeps more)."""


class _Saved(Protocol):
    version: int
    summary: str
    kind: VersionKind


@dataclass(frozen=True)
class UndoStep:
    """Going back (or forward) to the content of ``version``; ``what`` is what the edit taken back did."""

    version: int
    what: str


@dataclass(frozen=True)
class UndoStack:
    """What undo and redo would do next: the last step of each stack."""

    undo: tuple[UndoStep, ...] = ()
    redo: tuple[UndoStep, ...] = ()


def undone(what: str) -> str:
    """The summary of the version an undo saves.

    >>> undone("Added 'Walks'.")
    "Undone: Added 'Walks'."
    """
    return UNDONE + (what or "an edit")


def redone(what: str) -> str:
    """The summary of the version a redo saves."""
    return REDONE + (what or "an edit")


def undo_stack(history: Sequence[_Saved]) -> UndoStack:
    """The undo and redo stacks a framework's history leaves, from its versions newest first (by their kinds)."""
    past: list[UndoStep] = []
    future: list[UndoStep] = []
    previous: int | None = None
    for saved in reversed(history):
        if previous is not None:
            if saved.kind == VersionKind.UNDO:
                if past:
                    future.append(UndoStep(previous, past.pop().what))
            elif saved.kind == VersionKind.REDO:
                if future:
                    past.append(UndoStep(previous, future.pop().what))
            else:
                past.append(UndoStep(previous, saved.summary))
                future.clear()
        previous = saved.version
    return UndoStack(tuple(past[-LIMIT:]), tuple(future[-LIMIT:]))
