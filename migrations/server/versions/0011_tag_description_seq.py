"""tag_descriptions.seq: the change number of a description, so the feed can send the
list to desktops whenever it changed

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-06 21:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("tag_descriptions", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("seq", sa.BigInteger(), nullable=False, server_default=sa.text("0"))
        )
        batch_op.create_index(batch_op.f("ix_tag_descriptions_seq"), ["seq"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("tag_descriptions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_tag_descriptions_seq"))
        batch_op.drop_column("seq")
