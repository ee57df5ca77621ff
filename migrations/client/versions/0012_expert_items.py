"""Expert finding's per-item facts filed by author, and tag counts per person, kept up to date
by sync instead of a snapshot of every item rewritten whole.

Revision ID: 0012
Revises: 0011
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "expert_items",
        sa.Column("person_id", sa.String(length=64), nullable=False),
        sa.Column("item_id", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("parent_id", sa.String(length=64), nullable=True),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("accepted", sa.Integer(), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("tags", sa.Text(), nullable=False),
        sa.Column("counted", sa.Text(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("person_id", "item_id", name=op.f("pk_expert_items")),
        sqlite_with_rowid=False,
    )
    op.create_index("ix_expert_items_item_id", "expert_items", ["item_id"], unique=True)
    op.create_index("ix_expert_items_parent_id", "expert_items", ["parent_id"])
    op.create_table(
        "expert_tag_people",
        sa.Column("tag", sa.String(length=64), nullable=False),
        sa.Column("person_id", sa.String(length=64), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("tag", "person_id", name=op.f("pk_expert_tag_people")),
    )
    op.drop_table("expert_snapshot")


def downgrade() -> None:
    # what the tables counted up to, so that an upgrade again counts from scratch
    op.execute("DELETE FROM sync_state WHERE key = 'expert_items'")
    # the snapshot comes back empty: the finder of that version builds it again
    op.create_table(
        "expert_snapshot",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_expert_snapshot")),
    )
    op.drop_table("expert_tag_people")
    op.drop_index("ix_expert_items_parent_id", table_name="expert_items")
    op.drop_index("ix_expert_items_item_id", table_name="expert_items")
    op.drop_table("expert_items")
