"""The undo stack: what Undo and Redo would do next, read from a framework's saved history, so that they
survive a refresh and a server restart.

Not to be confused with the saved version history itself (``logicmodel.store``: every version kept, shown
on the History page, any one of which can be restored): the undo stack is the last few edits Undo can take
back in order, and what Redo can bring back after an undo.

Every edit is saved as a version with a one-line summary ("Added 'Free swims'."). Undo saves the content of
the version before the last edit again, as a new version summarised "Undone: Added 'Free swims'."; redo saves
the content the undo took back, summarised "Redone: ...". Replaying the summaries, oldest first, gives the
same undo and redo stacks a tab would have kept in memory, for whoever opens the framework next:

- an edit pushes the version before it onto the undo stack and forgets what could be redone;
- an undo moves the top of the undo stack to the redo stack;
- a redo moves it back.

A step names the version whose content it returns to; versions pruned from the history cannot be returned to,
so the stacks start at the oldest version kept.

>>> from datetime import UTC, datetime
>>> from logicmodel.store.records import VersionInfo
>>> def saved(*summaries):  # the library's history: newest first
...     return [VersionInfo(n, datetime.now(UTC), "Ann", s) for n, s in reversed(list(enumerate(summaries, 1)))]
>>> s = undo_stack(saved("Created", "Added 'Walks'.", "Added 'Swims'."))
>>> s.undo[-1], s.redo
(UndoStep(version=2, what="Added 'Swims'."), ())
>>> s = undo_stack(saved("Created", "Added 'Walks'.", "Added 'Swims'.", "Undone: Added 'Swims'."))
>>> s.undo[-1], s.redo[-1]
(UndoStep(version=1, what="Added 'Walks'."), UndoStep(version=3, what="Added 'Swims'."))
>>> undo_stack(saved("Created", "Added 'Walks'.", "Undone: Added 'Walks'.", "Redone: Added 'Walks'.")).undo[-1]
UndoStep(version=3, what="Added 'Walks'.")
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

__all__ = ["LIMIT", "REDONE", "UNDONE", "UndoStack", "UndoStep", "redone", "undo_stack", "undone"]

UNDONE = "Undone: "
REDONE = "Redone: "
LIMIT = 50
"""Most steps undo can go back (the history itself keeps more)."""


class _Saved(Protocol):
    version: int
    summary: str


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
    """The undo and redo stacks a framework's history leaves, from its versions newest first."""
    past: list[UndoStep] = []
    future: list[UndoStep] = []
    previous: int | None = None
    for saved in reversed(history):
        if previous is not None:
            if saved.summary.startswith(UNDONE):
                if past:
                    future.append(UndoStep(previous, past.pop().what))
            elif saved.summary.startswith(REDONE):
                if future:
                    past.append(UndoStep(previous, future.pop().what))
            else:
                past.append(UndoStep(previous, saved.summary))
                future.clear()
        previous = saved.version
    return UndoStack(tuple(past[-LIMIT:]), tuple(future[-LIMIT:]))
