"""Each person's decayed activity kept as of their latest contribution, so that a one-shot
expert query ranks its candidates without reading everything they wrote; and the expert
items filed by time, for the latest contributions.

Revision ID: 0013
Revises: 0012
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "expert_activity",
        sa.Column("person_id", sa.String(length=64), nullable=False),
        sa.Column("anchor", sa.String(length=32), nullable=False),
        sa.Column("total", sa.Float(), nullable=False),
        sa.Column("recent", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("person_id", name=op.f("pk_expert_activity")),
    )
    op.create_table(
        "expert_activity_tags",
        sa.Column("person_id", sa.String(length=64), nullable=False),
        sa.Column("tag", sa.String(length=64), nullable=False),
        sa.Column("activity", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("person_id", "tag", name=op.f("pk_expert_activity_tags")),
        sqlite_with_rowid=False,
    )
    # the latest contributions (the still-active candidates) without reading them all
    op.create_index("ix_expert_items_created_at", "expert_items", ["created_at"])
    # the facts are counted again from scratch, and the activity with them
    op.execute("DELETE FROM sync_state WHERE key = 'expert_items'")


def downgrade() -> None:
    op.drop_index("ix_expert_items_created_at", table_name="expert_items")
    op.drop_table("expert_activity_tags")
    op.drop_table("expert_activity")
