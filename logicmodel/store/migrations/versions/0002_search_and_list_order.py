"""Search by title, organisation and area without case, and list newest first from an index.

Adds ``frameworks.search`` (the three fields case-folded, one a line, filled
in here for frameworks saved before) and an index on ``updated_at``.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A default, not a table rebuild: rebuilding 'frameworks' on SQLite would cascade-delete its versions.
    op.add_column("frameworks", sa.Column("search", sa.Text, nullable=False, server_default=""))
    table = sa.table(
        "frameworks",
        sa.column("id", sa.String),
        sa.column("title", sa.String),
        sa.column("organisation", sa.String),
        sa.column("area", sa.String),
        sa.column("search", sa.Text),
    )
    connection = op.get_bind()
    rows = connection.execute(sa.select(table.c.id, table.c.title, table.c.organisation, table.c.area)).all()
    for row in rows:
        text = "\n".join(part for part in (row.title, row.organisation, row.area) if part).casefold()
        connection.execute(table.update().where(table.c.id == row.id).values(search=text))
    op.create_index("ix_frameworks_updated_at", "frameworks", ["updated_at"])


def downgrade() -> None:
    op.drop_index("ix_frameworks_updated_at", "frameworks")
    with op.batch_alter_table("frameworks") as batch:
        batch.drop_column("search")
