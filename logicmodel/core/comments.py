"""Comments as the report's appendix has them: plain values, so that the report needs nothing from the library.

Comments live in the library (``logicmodel.store``), never in the framework or its files; the report prints
them only when asked (``logicmodel.drawing.report.comments_appendix``). The page that asks fills these from the
library's threads; every text is kept exactly as typed, and whoever shows it escapes it.

>>> from datetime import UTC, datetime
>>> thread = CommentThread((CommentText("Sam", datetime(2026, 12, 6, 14, 3, tzinfo=UTC), "Evidence?"),), box="b1")
>>> thread.on, thread.resolved
('box', False)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

__all__ = ["CommentText", "CommentThread", "when"]


def when(moment: datetime) -> str:
    """A comment's time as a report prints it, in UTC: "6 Dec 2026, 14:03 UTC" (a naive time is taken as UTC).

    >>> when(datetime(2026, 12, 6, 14, 3, tzinfo=UTC))
    '6 Dec 2026, 14:03 UTC'
    """
    moment = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    return f"{moment.day} {moment:%b %Y, %H:%M} UTC"


@dataclass(frozen=True)
class CommentText:
    """One comment: who wrote it, when, and what they wrote (exactly as typed)."""

    author: str
    written: datetime
    text: str


@dataclass(frozen=True)
class CommentThread:
    """A thread: its comments, first to last, and what it is on (the framework, a box's id, or a link's
    source and target ids); ``resolved_by`` and ``resolved_at`` set when it was resolved."""

    comments: tuple[CommentText, ...]
    box: str | None = None
    link: tuple[str, str] | None = None
    resolved_by: str | None = None
    resolved_at: datetime | None = None

    @property
    def on(self) -> str:
        """'framework', 'box' or 'link'."""
        return "box" if self.box is not None else "link" if self.link is not None else "framework"

    @property
    def resolved(self) -> bool:
        return self.resolved_at is not None
