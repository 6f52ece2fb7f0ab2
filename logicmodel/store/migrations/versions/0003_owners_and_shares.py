"""Sign-in: every framework may have an owner, and be shared with people by email or with everyone who signs in.

Adds ``frameworks.owner`` (an email address) and the ``shares`` table. Frameworks saved before have no
owner: they stay open to everyone, as they were (every signed-in person may edit them), until an admin
hands each to its owner. Nothing is guessed from ``created_by``, which is a name someone typed, not an
identity.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from logicmodel.store.tables import UTCDateTime

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # add_column, not a table rebuild: rebuilding 'frameworks' on SQLite would cascade-delete its versions.
    op.add_column("frameworks", sa.Column("owner", sa.String(320)))
    op.create_index("ix_frameworks_owner", "frameworks", ["owner"])
    op.create_table(
        "shares",
        sa.Column("framework_id", sa.String(32), sa.ForeignKey("frameworks.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("person", sa.String(320), primary_key=True),
        sa.Column("role", sa.String(10), nullable=False),
        sa.Column("shared_at", UTCDateTime, nullable=False),
        sa.Column("shared_by", sa.String(200), nullable=False),
    )
    op.create_index("ix_shares_person", "shares", ["person"])


def downgrade() -> None:
    op.drop_index("ix_shares_person", "shares")
    op.drop_table("shares")
    op.drop_index("ix_frameworks_owner", "frameworks")
    with op.batch_alter_table("frameworks") as batch:
        batch.drop_column("owner")
