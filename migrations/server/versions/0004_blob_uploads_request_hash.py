"""blob_uploads, idempotency request hashes, the salt that seals hidden topics

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-04 22:00:00
"""

from __future__ import annotations

import secrets

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "blob_uploads",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("person_id", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name=op.f("fk_blob_uploads_person_id_people")
        ),
        sa.PrimaryKeyConstraint("sha256", "person_id", name=op.f("pk_blob_uploads")),
    )
    with op.batch_alter_table("blob_uploads", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_blob_uploads_person_id"), ["person_id"], unique=False)
    with op.batch_alter_table("idempotency_keys", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("request_hash", sa.String(length=64), nullable=False, server_default="")
        )
    # Seals a person's hidden topics for their colleagues; per server, so digests made
    # elsewhere cannot be matched against this one's.
    meta = sa.table("server_meta", sa.column("name", sa.String), sa.column("text", sa.Text))
    op.bulk_insert(meta, [{"name": "topic_salt", "text": secrets.token_hex(16)}])


def downgrade() -> None:
    op.execute("DELETE FROM server_meta WHERE name = 'topic_salt'")
    with op.batch_alter_table("idempotency_keys", schema=None) as batch_op:
        batch_op.drop_column("request_hash")
    with op.batch_alter_table("blob_uploads", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_blob_uploads_person_id"))
    op.drop_table("blob_uploads")
