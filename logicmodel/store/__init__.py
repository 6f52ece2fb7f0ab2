"""The saved library: frameworks with their history in SQLite or PostgreSQL.

>>> from logicmodel.store import Library, StoreError, Conflict, NotFound, Saved, Summary, VersionInfo

One module a job: ``connect`` (the URL, the engine, SQLite's settings, errors
as one line), ``tables`` (the schema), ``migrate`` and ``migrations/``
(Alembic, run on open), ``library`` (every operation), ``records`` (what it
returns), ``errors``, ``limits``, ``backup`` and ``cli`` (``library`` command).

Sign-in (issue 15) is meant to fit as one migration and one argument: a
migration adds ``frameworks.owner`` and a ``shares`` table (framework, person
or everyone, viewer or editor); each public method takes the acting user
where it now takes ``author`` (and the reads gain it); and the few queries
that select frameworks (``Library._current_row``, ``list``, ``history``,
``_document``) gain one visibility condition.
"""

from logicmodel.store.errors import Conflict, NotFound, StoreError, TooLarge
from logicmodel.store.library import Library
from logicmodel.store.records import Saved, Summary, VersionInfo

__all__ = ["Conflict", "Library", "NotFound", "Saved", "StoreError", "Summary", "TooLarge", "VersionInfo"]
