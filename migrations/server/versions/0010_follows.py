"""follows and inbox read points: what each person follows, and up to when they read

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-06 00:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "follows",
        sa.Column("person_id", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("target", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name=op.f("fk_follows_person_id_people")
        ),
        sa.PrimaryKeyConstraint("person_id", "kind", "target", name=op.f("pk_follows")),
    )
    op.create_table(
        "inbox_read_points",
        sa.Column("person_id", sa.String(length=64), nullable=False),
        sa.Column("read_through", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name=op.f("fk_inbox_read_points_person_id_people")
        ),
        sa.PrimaryKeyConstraint("person_id", name=op.f("pk_inbox_read_points")),
    )


def downgrade() -> None:
    op.drop_table("inbox_read_points")
    op.drop_table("follows")
