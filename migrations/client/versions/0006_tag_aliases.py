"""Tag aliases synced from the server, so search and expert finding read ``k8s`` as ``kubernetes``.

Revision ID: 0006
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "tag_aliases",
        sa.Column("alias", sa.String(length=64), nullable=False),
        sa.Column("tag", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("alias", name=op.f("pk_tag_aliases")),
    )


def downgrade() -> None:
    op.drop_table("tag_aliases")
