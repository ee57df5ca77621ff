"""curation: collection sections, curator roles, verification, search gaps, tag descriptions

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06 01:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("collection_entries", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("section", sa.String(length=200), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("entry_kind", sa.String(length=16), nullable=False, server_default="item")
        )
    with op.batch_alter_table("collection_entries", schema=None) as batch_op:
        batch_op.alter_column("section", server_default=None)
        batch_op.alter_column("entry_kind", server_default=None)
    op.create_table(
        "curator_grants",
        sa.Column("person_id", sa.String(length=64), nullable=False),
        sa.Column("everywhere", sa.Boolean(), nullable=False),
        sa.Column("group_ids", sa.JSON(), nullable=False),
        sa.Column("tags", sa.JSON(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("changed_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name=op.f("fk_curator_grants_person_id_people")
        ),
        sa.PrimaryKeyConstraint("person_id", name=op.f("pk_curator_grants")),
    )
    with op.batch_alter_table("curator_grants", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_curator_grants_seq"), ["seq"], unique=False)
    op.create_table(
        "verifications",
        sa.Column("item_id", sa.String(length=64), nullable=False),
        sa.Column("verified_by", sa.String(length=64), nullable=False),
        sa.Column("verified_at", sa.DateTime(), nullable=False),
        sa.Column("review_by", sa.DateTime(), nullable=True),
        sa.Column("item_version", sa.Integer(), nullable=False),
        sa.Column("blob_sha256", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(
            ["item_id"], ["items.id"], name=op.f("fk_verifications_item_id_items")
        ),
        sa.ForeignKeyConstraint(
            ["verified_by"], ["people.id"], name=op.f("fk_verifications_verified_by_people")
        ),
        sa.PrimaryKeyConstraint("item_id", name=op.f("pk_verifications")),
    )
    with op.batch_alter_table("verifications", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_verifications_review_by"), ["review_by"])
        batch_op.create_index(batch_op.f("ix_verifications_verified_by"), ["verified_by"])
    op.create_table(
        "search_gaps",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("query_key", sa.String(length=200), nullable=False),
        sa.Column("query", sa.String(length=200), nullable=False),
        sa.Column("reporter", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_search_gaps")),
        sa.UniqueConstraint("query_key", "reporter", "kind", name=op.f("uq_search_gaps_query_key")),
    )
    with op.batch_alter_table("search_gaps", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_search_gaps_at"), ["at"], unique=False)
        batch_op.create_index(batch_op.f("ix_search_gaps_query_key"), ["query_key"], unique=False)
    op.create_table(
        "tag_descriptions",
        sa.Column("tag", sa.String(length=64), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("changed_by", sa.String(length=64), nullable=True),
        sa.Column("changed_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("tag", name=op.f("pk_tag_descriptions")),
    )


def downgrade() -> None:
    op.drop_table("tag_descriptions")
    with op.batch_alter_table("search_gaps", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_search_gaps_query_key"))
        batch_op.drop_index(batch_op.f("ix_search_gaps_at"))
    op.drop_table("search_gaps")
    with op.batch_alter_table("verifications", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_verifications_verified_by"))
        batch_op.drop_index(batch_op.f("ix_verifications_review_by"))
    op.drop_table("verifications")
    with op.batch_alter_table("curator_grants", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_curator_grants_seq"))
    op.drop_table("curator_grants")
    with op.batch_alter_table("collection_entries", schema=None) as batch_op:
        batch_op.drop_column("entry_kind")
        batch_op.drop_column("section")
