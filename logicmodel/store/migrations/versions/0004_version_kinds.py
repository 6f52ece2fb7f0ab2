"""Every version records which save made it: an edit, an undo, a redo, a restore or an import.

Adds ``versions.kind`` and fills it in for the versions saved before, from their summaries, by the words
those saves used then (``logicmodel.core.version_kinds.LEGACY_WORDS``: "Undone: ", "Redone: ",
"Restored version ", "Imported from ", "Adapted from "); a version with ``restored_from`` is a restore;
every other version is an edit. From now on undo and redo read the kind, so summaries can be reworded.
Set-based updates (one statement a kind), compared exactly (``substr``, not ``LIKE``, which ignores case
on SQLite), so a large library is upgraded quickly, in the one transaction ``migrate.upgrade`` opens.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from logicmodel.core.version_kinds import LEGACY_WORDS, VersionKind

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # add_column with a default: no table rebuild, and every row saved before starts as an edit.
    op.add_column("versions", sa.Column("kind", sa.String(10), nullable=False, server_default=VersionKind.EDIT.value))
    table = sa.table(
        "versions",
        sa.column("summary", sa.String),
        sa.column("restored_from", sa.Integer),
        sa.column("kind", sa.String),
    )
    connection = op.get_bind()
    for start, kind in LEGACY_WORDS:
        connection.execute(
            table.update()
            .where(sa.func.substr(table.c.summary, 1, len(start)) == start, table.c.restored_from.is_(None))
            .values(kind=kind.value)
        )
    connection.execute(table.update().where(table.c.restored_from.is_not(None)).values(kind=VersionKind.RESTORE.value))


def downgrade() -> None:
    with op.batch_alter_table("versions") as batch:
        batch.drop_column("kind")
