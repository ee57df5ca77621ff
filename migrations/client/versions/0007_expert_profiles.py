"""Expert finding kept on disk: words per person and a snapshot of the per-item facts.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "expert_profiles",
        sa.Column("person_id", sa.String(length=64), nullable=False),
        sa.Column("length", sa.Integer(), nullable=False),
        sa.Column("items", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("person_id", name=op.f("pk_expert_profiles")),
    )
    op.create_table(
        "expert_postings",
        sa.Column("term", sa.String(length=64), nullable=False),
        sa.Column("person_id", sa.String(length=64), nullable=False),
        sa.Column("tf", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("term", "person_id", name=op.f("pk_expert_postings")),
    )
    op.create_index("ix_expert_postings_person", "expert_postings", ["person_id"])
    op.create_table(
        "expert_terms",
        sa.Column("term", sa.String(length=64), nullable=False),
        sa.Column("people", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("term", name=op.f("pk_expert_terms")),
    )
    op.create_table(
        "expert_docs",
        sa.Column("item_id", sa.String(length=64), nullable=False),
        sa.Column("person_id", sa.String(length=64), nullable=False),
        sa.Column("digest", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("item_id", name=op.f("pk_expert_docs")),
    )
    op.create_index(op.f("ix_expert_docs_person_id"), "expert_docs", ["person_id"])
    op.create_table(
        "expert_snapshot",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_expert_snapshot")),
    )


def downgrade() -> None:
    op.drop_table("expert_snapshot")
    op.drop_index(op.f("ix_expert_docs_person_id"), table_name="expert_docs")
    op.drop_table("expert_docs")
    op.drop_table("expert_terms")
    op.drop_index("ix_expert_postings_person", table_name="expert_postings")
    op.drop_table("expert_postings")
    op.drop_table("expert_profiles")
