"""item_file_versions: every version of a document's file, with who shared it and when

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06 00:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "item_file_versions",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("item_id", sa.String(length=64), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("mime", sa.String(length=200), nullable=False),
        sa.Column("filename", sa.String(length=300), nullable=False),
        sa.Column("uploader_id", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["item_id"], ["items.id"], name=op.f("fk_item_file_versions_item_id_items")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_item_file_versions")),
        sa.UniqueConstraint("item_id", "number", name=op.f("uq_item_file_versions_item_id")),
    )
    with op.batch_alter_table("item_file_versions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_item_file_versions_item_id"), ["item_id"])
        batch_op.create_index(batch_op.f("ix_item_file_versions_sha256"), ["sha256"])
    # The file each document holds today becomes its first known version, its author's.
    op.execute(
        "INSERT INTO item_file_versions "
        "(item_id, number, sha256, size, mime, filename, uploader_id, created_at) "
        "SELECT id, 1, blob_sha256, COALESCE(blob_size, 0), blob_mime, blob_filename, "
        "author_id, updated_at FROM items WHERE blob_sha256 IS NOT NULL"
    )


def downgrade() -> None:
    with op.batch_alter_table("item_file_versions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_item_file_versions_sha256"))
        batch_op.drop_index(batch_op.f("ix_item_file_versions_item_id"))
    op.drop_table("item_file_versions")
