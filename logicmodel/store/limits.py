"""The library's limits, in one place: the largest framework, how much history is kept, the longest comment.

The largest framework is the file format's own limit, so anything the store
holds can be exported and imported again.
"""

from __future__ import annotations

import os

from logicmodel.core.limits import MAX_FILE_BYTES

__all__ = [
    "DEFAULT_MAX_VERSIONS",
    "MAX_AUTHOR",
    "MAX_COMMENT",
    "MAX_COMMENTS",
    "MAX_DOCUMENT_BYTES",
    "MAX_SUMMARY",
    "max_versions",
]

MAX_DOCUMENT_BYTES = MAX_FILE_BYTES
"""A framework whose canonical JSON is larger than this (10 MB) is refused."""

DEFAULT_MAX_VERSIONS = 500
"""Versions kept per framework unless ``LOGICMODEL_MAX_VERSIONS`` says otherwise; older ones are pruned."""

MAX_AUTHOR = 200
MAX_SUMMARY = 300

MAX_COMMENT = 5000
"""The longest comment, in characters (as long as a box's longest text, ``logicmodel.core.limits.MAX_TEXT``)."""

MAX_COMMENTS = 10_000
"""The most comments one framework may hold: a conversation, not a place to store documents."""


def max_versions() -> int:
    """Versions kept per framework: ``$LOGICMODEL_MAX_VERSIONS`` (at least 1), else 500.

    >>> max_versions() >= 1
    True
    """
    raw = os.environ.get("LOGICMODEL_MAX_VERSIONS", "").strip()
    if not raw:
        return DEFAULT_MAX_VERSIONS
    try:
        value = int(raw)
    except ValueError:
        from logicmodel.store.errors import StoreError

        raise StoreError(f"LOGICMODEL_MAX_VERSIONS must be a whole number, not {raw!r}") from None
    return max(1, value)
