"""items.file_versions: a document's file versions with who shared each and when

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06 00:45:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # The wire ItemOut gained file_versions; documents synced before show their current
    # file alone until the server sends them again.
    with op.batch_alter_table("items", schema=None) as batch_op:
        batch_op.add_column(sa.Column("file_versions", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("items", schema=None) as batch_op:
        batch_op.drop_column("file_versions")
