"""Store a missing attachment as SQL NULL rather than the JSON text 'null'.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("UPDATE items SET attachment = NULL WHERE attachment = 'null'")


def downgrade() -> None:
    pass  # NULL and 'null' read back the same in the older code
