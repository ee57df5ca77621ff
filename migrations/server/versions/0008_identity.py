"""single sign-on and provisioning: directory ids on people and groups, browser sign-ins
under way, SCIM tokens

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06 00:50:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.add_column(sa.Column("oidc_subject", sa.String(length=600), nullable=True))
        batch_op.add_column(sa.Column("external_id", sa.String(length=300), nullable=True))
        batch_op.add_column(
            sa.Column("email", sa.String(length=320), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("scim_data", sa.JSON(), nullable=False, server_default=sa.text("'{}'"))
        )
        batch_op.add_column(sa.Column("deprovisioned_at", sa.DateTime(), nullable=True))
        batch_op.create_unique_constraint(batch_op.f("uq_people_oidc_subject"), ["oidc_subject"])
        batch_op.create_index(batch_op.f("ix_people_external_id"), ["external_id"])
    with op.batch_alter_table("groups", schema=None) as batch_op:
        batch_op.add_column(sa.Column("external_id", sa.String(length=300), nullable=True))
        batch_op.create_index(batch_op.f("ix_groups_external_id"), ["external_id"])
    op.create_table(
        "oidc_logins",
        sa.Column("state_hash", sa.String(length=64), nullable=False),
        sa.Column("nonce", sa.String(length=128), nullable=False),
        sa.Column("code_challenge", sa.String(length=128), nullable=False),
        sa.Column("redirect_uri", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("state_hash", name=op.f("pk_oidc_logins")),
    )
    with op.batch_alter_table("oidc_logins", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_oidc_logins_created_at"), ["created_at"])
    op.create_table(
        "scim_tokens",
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.Column("last_used_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_scim_tokens")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_scim_tokens_token_hash")),
    )


def downgrade() -> None:
    op.drop_table("scim_tokens")
    with op.batch_alter_table("oidc_logins", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_oidc_logins_created_at"))
    op.drop_table("oidc_logins")
    with op.batch_alter_table("groups", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_groups_external_id"))
        batch_op.drop_column("external_id")
    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_people_external_id"))
        batch_op.drop_constraint(batch_op.f("uq_people_oidc_subject"), type_="unique")
        batch_op.drop_column("deprovisioned_at")
        batch_op.drop_column("scim_data")
        batch_op.drop_column("email")
        batch_op.drop_column("external_id")
        batch_op.drop_column("oidc_subject")
