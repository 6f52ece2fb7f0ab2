"""Presence: who has a framework open now, and on which page, so a tab can say "Also here: Sam (Diagram)".

Adds the ``presence`` table: one row a tab (``session``, a random id the tab makes) with a framework open,
saying who it is (``person``: the signed-in email, or none without sign-in; ``name``: how to show them) and
which page it is on, and when it last said so (``seen_at``). Tabs say so every few seconds
(``Library.here``); rows go with their framework (``ON DELETE CASCADE``), and rows no tab has renewed for a
while are swept away (``logicmodel.store.presence``). Nothing here is history: a backup leaves it out.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from logicmodel.store.tables import UTCDateTime

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "presence",
        sa.Column("framework_id", sa.String(32), sa.ForeignKey("frameworks.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("session", sa.String(64), primary_key=True),
        sa.Column("person", sa.String(320)),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("page", sa.String(60), nullable=False),
        sa.Column("seen_at", UTCDateTime, nullable=False),
    )
    op.create_index("ix_presence_seen_at", "presence", ["seen_at"])


def downgrade() -> None:
    op.drop_index("ix_presence_seen_at", "presence")
    op.drop_table("presence")
