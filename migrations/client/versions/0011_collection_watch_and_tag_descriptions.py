"""Followed collections' last-seen state and noticed changes; tag descriptions.

Revision ID: 0011
Revises: 0010
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "collection_watch",
        sa.Column("collection_id", sa.String(length=64), nullable=False),
        sa.Column("title_digest", sa.String(length=64), nullable=False),
        sa.Column("description_digest", sa.String(length=64), nullable=False),
        sa.Column("entries", sa.JSON(), nullable=False),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("collection_id", name=op.f("pk_collection_watch")),
    )
    op.create_table(
        "collection_changes",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("collection_id", sa.String(length=64), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("counts", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_collection_changes")),
    )
    op.create_index(
        op.f("ix_collection_changes_collection_id"), "collection_changes", ["collection_id"]
    )
    op.create_index(op.f("ix_collection_changes_at"), "collection_changes", ["at"])
    op.create_table(
        "tag_descriptions",
        sa.Column("tag", sa.String(length=64), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("tag", name=op.f("pk_tag_descriptions")),
    )


def downgrade() -> None:
    op.drop_table("tag_descriptions")
    op.drop_index(op.f("ix_collection_changes_at"), table_name="collection_changes")
    op.drop_index(op.f("ix_collection_changes_collection_id"), table_name="collection_changes")
    op.drop_table("collection_changes")
    op.drop_table("collection_watch")
