"""Last looked: when each person last looked at a framework, so the library can say what is new since.

Adds the ``looked`` table: one row a framework and person (``who``: the signed-in person's email, or without
sign-in the name their browser gave), with the moment they last looked (``looked_at``), written by
``Library.looked`` and read by ``Library.last_looked``. Rows go with their framework (``ON DELETE CASCADE``).
Nothing here is history: a backup leaves it out, and a restored framework starts with no one having looked.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from logicmodel.store.tables import UTCDateTime

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "looked",
        sa.Column("framework_id", sa.String(32), sa.ForeignKey("frameworks.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("who", sa.String(320), primary_key=True),
        sa.Column("looked_at", UTCDateTime, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("looked")
