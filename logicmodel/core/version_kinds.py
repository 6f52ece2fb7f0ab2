"""What kind of save made each version in a framework's history: an edit, an undo, a redo, a restore or an import.

The library records the kind beside every version (``versions.kind``), and undo and redo read it
(``logicmodel.editing.undo_stack``), so a version's one-line summary is only words for people: it can be
reworded, translated or cut short without changing what Undo does.

Versions saved before the kind was recorded (a library before schema 0004, a backup without ``kind``) have
their kind read from their summary, by the words those versions were saved with (``kind_from_summary``).
Those words are frozen here, as they were when they were stored, whatever the summaries say now.

>>> VersionKind("undo") is VersionKind.UNDO
True
>>> kind_from_summary("Undone: Added 'Walks'."), kind_from_summary("Restored version 2", restored_from=2)
(<VersionKind.UNDO: 'undo'>, <VersionKind.RESTORE: 'restore'>)
"""

from __future__ import annotations

from enum import StrEnum

__all__ = ["LEGACY_WORDS", "VersionKind", "kind_from_summary"]


class VersionKind(StrEnum):
    """Why a version was saved; its value is what the database and backups store."""

    EDIT = "edit"
    """A change made by someone: an edit, a new framework, a rename, a copy."""
    UNDO = "undo"
    """Undo: the content of the version before the last edit, saved again."""
    REDO = "redo"
    """Redo: the content an undo took back, saved again."""
    RESTORE = "restore"
    """An old version made current again from the History page (``restored_from`` says which)."""
    IMPORT = "import"
    """A framework brought in from a file: Home's import, Compare's "start from it", ``library import``."""

    @property
    def mark(self) -> str:
        """How the History page marks a version of this kind: "" for an edit, and for a restore, which says
        which version it restored instead.

        >>> VersionKind.UNDO.mark, VersionKind.EDIT.mark
        ('an undo', '')
        """
        return _MARKS.get(self, "")


_MARKS = {VersionKind.UNDO: "an undo", VersionKind.REDO: "a redo", VersionKind.IMPORT: "imported from a file"}


LEGACY_WORDS: tuple[tuple[str, VersionKind], ...] = (
    ("Undone: ", VersionKind.UNDO),
    ("Redone: ", VersionKind.REDO),
    ("Restored version ", VersionKind.RESTORE),
    ("Imported from ", VersionKind.IMPORT),
    ("Adapted from ", VersionKind.IMPORT),
)
"""How each kind's summary began before the kind was stored (up to schema 0003): never change these, they
describe rows and backups already written."""


def kind_from_summary(summary: str, restored_from: int | None = None) -> VersionKind:
    """The kind of a version saved before kinds were recorded, from its summary (and ``restored_from``).

    >>> kind_from_summary("Added 'Walks'."), kind_from_summary("Imported from swindon.json")
    (<VersionKind.EDIT: 'edit'>, <VersionKind.IMPORT: 'import'>)
    """
    if restored_from is not None:
        return VersionKind.RESTORE
    for start, kind in LEGACY_WORDS:
        if summary.startswith(start):
            return kind
    return VersionKind.EDIT
