"""sync

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-24 11:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import models.base

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "sync_state",
        sa.Column("singleton", sa.Integer(), nullable=False),
        sa.Column("central_url", sa.String(length=300), nullable=False),
        sa.Column("device_token", sa.String(length=200), nullable=False),
        sa.Column("central_store_id", sa.String(length=36), nullable=False),
        sa.Column("store_name", sa.String(length=120), nullable=False),
        sa.Column("chain_name", sa.String(length=120), nullable=False),
        sa.Column("enrolled_at", models.base.UTCDateTime(), nullable=False),
        sa.Column("cursor", sa.Integer(), nullable=False),
        sa.Column("online", sa.Boolean(), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("last_attempt_at", models.base.UTCDateTime(), nullable=True),
        sa.Column("last_success_at", models.base.UTCDateTime(), nullable=True),
        sa.Column("last_error", sa.String(length=64), nullable=True),
        sa.CheckConstraint("singleton = 1", name=op.f("ck_sync_state_one_row")),
        sa.PrimaryKeyConstraint("singleton", name=op.f("pk_sync_state")),
    )
    op.create_table(
        "sync_conflict",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=64), nullable=False),
        sa.Column("subject", sa.String(length=120), nullable=False),
        sa.Column("op_id", sa.String(length=36), nullable=False),
        sa.Column("other_op_id", sa.String(length=36), nullable=True),
        sa.Column("stores", sa.Text(), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("opened_at", models.base.UTCDateTime(), nullable=False),
        sa.Column("resolved_at", models.base.UTCDateTime(), nullable=True),
        sa.Column("resolved_by", sa.String(length=120), nullable=True),
        sa.Column("resolution", sa.Text(), nullable=True),
        sa.Column("resolving", sa.Boolean(), nullable=False),
        sa.Column("received_at", models.base.UTCDateTime(), nullable=False),
        sa.CheckConstraint(
            "status IN ('open', 'resolved')", name=op.f("ck_sync_conflict_status")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_conflict")),
    )
    with op.batch_alter_table("sync_conflict", schema=None) as batch_op:
        batch_op.create_index("ix_sync_conflict_status", ["status", "opened_at"], unique=False)
    op.create_table(
        "sync_member",
        sa.Column("member_id", sa.String(length=36), nullable=False),
        sa.Column("balance", sa.Integer(), nullable=False),
        sa.Column("arrears", sa.Integer(), nullable=False),
        sa.Column("redeem_blocked", sa.Boolean(), nullable=False),
        sa.Column("updated_at", models.base.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("member_id", name=op.f("pk_sync_member")),
    )


def downgrade() -> None:
    op.drop_table("sync_member")
    with op.batch_alter_table("sync_conflict", schema=None) as batch_op:
        batch_op.drop_index("ix_sync_conflict_status")
    op.drop_table("sync_conflict")
    op.drop_table("sync_state")
