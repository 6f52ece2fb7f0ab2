"""The saved library: frameworks with their history in SQLite or PostgreSQL (see ``store-api`` in the README).

>>> from logicmodel.store import Library, StoreError, Conflict, NotFound, Saved, Summary, VersionInfo
"""

from logicmodel.store.errors import Conflict, NotFound, StoreError, TooLarge
from logicmodel.store.library import Library
from logicmodel.store.records import Saved, Summary, VersionInfo

__all__ = ["Conflict", "Library", "NotFound", "Saved", "StoreError", "Summary", "TooLarge", "VersionInfo"]
