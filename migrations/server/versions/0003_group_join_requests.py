"""group_join_requests: people may ask to join a closed group; owners answer

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01 10:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "group_join_requests",
        sa.Column("group_id", sa.String(length=64), nullable=False),
        sa.Column("person_id", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["group_id"], ["groups.id"], name=op.f("fk_group_join_requests_group_id_groups")
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name=op.f("fk_group_join_requests_person_id_people")
        ),
        sa.PrimaryKeyConstraint("group_id", "person_id", name=op.f("pk_group_join_requests")),
    )
    with op.batch_alter_table("group_join_requests", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_group_join_requests_person_id"), ["person_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("group_join_requests", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_group_join_requests_person_id"))
    op.drop_table("group_join_requests")
