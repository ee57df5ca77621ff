"""items.quote_of: the original a share or quote points at

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 15:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # The wire ItemOut gained quote_of; the cache keeps it so a share can name its original.
    with op.batch_alter_table("items", schema=None) as batch_op:
        batch_op.add_column(sa.Column("quote_of", sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("items", schema=None) as batch_op:
        batch_op.drop_column("quote_of")
