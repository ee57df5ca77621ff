"""tag_aliases: other names of tags, synced to every desktop

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-04 22:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "tag_aliases",
        sa.Column("alias", sa.String(length=64), nullable=False),
        sa.Column("tag", sa.String(length=64), nullable=False),
        sa.Column("removed", sa.Boolean(), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("changed_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("alias", name=op.f("pk_tag_aliases")),
    )
    with op.batch_alter_table("tag_aliases", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_tag_aliases_seq"), ["seq"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("tag_aliases", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_tag_aliases_seq"))
    op.drop_table("tag_aliases")
