"""Expert finding's tag activity kept on disk, per item and per person, instead of a snapshot
of every item's facts.

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
        "expert_item_tags",
        sa.Column("item_id", sa.String(length=64), nullable=False),
        sa.Column("person_id", sa.String(length=64), nullable=False),
        sa.Column("tags", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("item_id", name=op.f("pk_expert_item_tags")),
    )
    op.create_index(op.f("ix_expert_item_tags_person_id"), "expert_item_tags", ["person_id"])
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
    op.execute("DELETE FROM sync_state WHERE key = 'expert_tags'")
    # the snapshot comes back empty: the finder of that version builds it again
    op.create_table(
        "expert_snapshot",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_expert_snapshot")),
    )
    op.drop_table("expert_tag_people")
    op.drop_index(op.f("ix_expert_item_tags_person_id"), table_name="expert_item_tags")
    op.drop_table("expert_item_tags")
