"""device sessions, known devices and sign-in attempts counted in the database

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-04 22:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "device_sessions",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("person_id", sa.String(length=64), nullable=False),
        sa.Column("host_name", sa.String(length=200), nullable=False),
        sa.Column("platform", sa.String(length=100), nullable=False),
        sa.Column("app_version", sa.String(length=50), nullable=False),
        sa.Column("method", sa.String(length=16), nullable=False),
        sa.Column("address", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(), nullable=False),
        sa.Column("refresh_hash", sa.String(length=64), nullable=True),
        sa.Column("previous_refresh_hash", sa.String(length=64), nullable=True),
        sa.Column("refreshed_at", sa.DateTime(), nullable=True),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        sa.Column("revoke_reason", sa.String(length=32), nullable=False),
        sa.Column("wipe_requested_at", sa.DateTime(), nullable=True),
        sa.Column("wiped_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name=op.f("fk_device_sessions_person_id_people")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_device_sessions")),
        sa.UniqueConstraint("refresh_hash", name=op.f("uq_device_sessions_refresh_hash")),
    )
    with op.batch_alter_table("device_sessions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_device_sessions_person_id"), ["person_id"])
        batch_op.create_index(
            batch_op.f("ix_device_sessions_previous_refresh_hash"), ["previous_refresh_hash"]
        )
    op.create_table(
        "known_devices",
        sa.Column("key_hash", sa.String(length=64), nullable=False),
        sa.Column("person_id", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("last_used_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name=op.f("fk_known_devices_person_id_people")
        ),
        sa.PrimaryKeyConstraint("key_hash", name=op.f("pk_known_devices")),
    )
    with op.batch_alter_table("known_devices", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_known_devices_person_id"), ["person_id"])
    op.create_table(
        "sign_in_attempts",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("scope", sa.String(length=200), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sign_in_attempts")),
    )
    with op.batch_alter_table("sign_in_attempts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sign_in_attempts_at"), ["at"])
        batch_op.create_index("ix_sign_in_attempts_scope_at", ["scope", "at"])
    with op.batch_alter_table("tokens", schema=None) as batch_op:
        batch_op.add_column(sa.Column("session_id", sa.String(length=64), nullable=True))
        batch_op.create_index(batch_op.f("ix_tokens_session_id"), ["session_id"])
        batch_op.create_foreign_key(
            batch_op.f("fk_tokens_session_id_device_sessions"),
            "device_sessions",
            ["session_id"],
            ["id"],
        )


def downgrade() -> None:
    with op.batch_alter_table("tokens", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_tokens_session_id_device_sessions"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_tokens_session_id"))
        batch_op.drop_column("session_id")
    op.drop_table("sign_in_attempts")
    op.drop_table("known_devices")
    op.drop_table("device_sessions")
