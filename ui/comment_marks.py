"""The open framework's comments as the Diagram, Build and Export pages show them: counts of open threads beside
the model, and every thread for the report's appendix.

Comments live in the library, so a framework opened from a file (not in the library), or a library that
cannot be read just now, has none here: the pages then draw as they always did.
"""

from __future__ import annotations

from logicmodel.core.comments import CommentText, CommentThread
from logicmodel.store import CommentCounts, StoreError, Thread
from ui import state, store

__all__ = ["appendix_threads", "open_counts"]


def open_counts() -> CommentCounts:
    """Open comment threads of the open framework, on itself, per box and per link (none when it is not in the
    library or the library cannot say)."""
    framework_id = state.current_id()
    if framework_id is None:
        return CommentCounts()
    try:
        return store.library().comment_counts(framework_id)
    except StoreError:
        return CommentCounts()


def appendix_threads() -> tuple[CommentThread, ...]:
    """Every thread of the open framework, open and resolved, as the report's appendix takes them (``()`` when
    it is not in the library, has no comments, or the library cannot say)."""
    framework_id = state.current_id()
    if framework_id is None:
        return ()
    try:
        threads = store.library().threads(framework_id, open_only=False)
    except StoreError:
        return ()
    return tuple(_plain(t) for t in threads)


def _plain(thread: Thread) -> CommentThread:
    first = thread.first
    return CommentThread(
        tuple(CommentText(c.author, c.created_at, c.body) for c in thread.comments),
        box=first.box,
        link=first.link,
        resolved_by=first.resolved_by,
        resolved_at=first.resolved_at,
    )
