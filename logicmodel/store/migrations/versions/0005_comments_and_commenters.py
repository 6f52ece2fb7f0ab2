"""Comments: threads of conversation on a framework, one of its boxes or one of its links; and commenters.

Adds the ``comments`` table. A comment is on the framework (``box_id`` and the link's ends empty), on a box
(``box_id``) or on a link (``link_from`` and ``link_to``, the ids of the boxes it joins). A thread is its
first comment and the replies that name it in ``thread_id``; resolving and reopening is recorded on the
first comment (``resolved_at``, ``resolved_by``). Comments go with their framework (``ON DELETE CASCADE``,
like versions and shares): a framework in the bin keeps them, one deleted for good takes them with it.
They never enter the framework's document, so the file and every export stay without them.

``shares.role`` may now also be ``commenter`` (``logicmodel.store.access.ROLES``); the column is a word with
no constraint, so nothing is altered.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from logicmodel.store.tables import UTCDateTime

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "comments",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("framework_id", sa.String(32), sa.ForeignKey("frameworks.id", ondelete="CASCADE"), nullable=False),
        sa.Column("thread_id", sa.Integer, sa.ForeignKey("comments.id", ondelete="CASCADE")),
        sa.Column("box_id", sa.String(64)),
        sa.Column("link_from", sa.String(64)),
        sa.Column("link_to", sa.String(64)),
        sa.Column("author", sa.String(200), nullable=False),
        sa.Column("author_email", sa.String(320)),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("created_at", UTCDateTime, nullable=False),
        sa.Column("resolved_at", UTCDateTime),
        sa.Column("resolved_by", sa.String(200)),
    )
    op.create_index("ix_comments_open_threads", "comments", ["framework_id", "thread_id", "resolved_at"])
    op.create_index("ix_comments_box", "comments", ["framework_id", "box_id"])
    op.create_index("ix_comments_thread", "comments", ["thread_id"])
    op.create_index("ix_comments_created_at", "comments", ["framework_id", "created_at"])


def downgrade() -> None:
    op.drop_index("ix_comments_created_at", "comments")
    op.drop_index("ix_comments_thread", "comments")
    op.drop_index("ix_comments_box", "comments")
    op.drop_index("ix_comments_open_threads", "comments")
    op.drop_table("comments")
