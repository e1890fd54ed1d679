"""sync: quarantined changes, the clock's skew, renumbering undelivered operations

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03 09:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import models.base

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

IMMUTABLE_BEFORE = (
    "BEFORE UPDATE OF id, device_id, seq, op_type, op_version, "
    "payload, payload_hash, store_id, staff_id, created_at ON outbox BEGIN "
    "SELECT RAISE(ABORT, 'an operation never changes once recorded'); END"
)
# What an operation says never changes. One thing may: after a backup is restored, the
# centre already holds the sequence numbers the counter reused, so an operation it has not
# delivered moves up to a higher number (keeping its id, payload and order). Any other
# column changed, or a number moved down or on a delivered row, is refused as before.
IMMUTABLE_AFTER = (
    "BEFORE UPDATE OF id, device_id, seq, op_type, op_version, "
    "payload, payload_hash, store_id, staff_id, created_at ON outbox "
    "WHEN NEW.id IS NOT OLD.id OR NEW.device_id IS NOT OLD.device_id "
    "OR NEW.op_type IS NOT OLD.op_type OR NEW.op_version IS NOT OLD.op_version "
    "OR NEW.payload IS NOT OLD.payload OR NEW.payload_hash IS NOT OLD.payload_hash "
    "OR NEW.store_id IS NOT OLD.store_id OR NEW.staff_id IS NOT OLD.staff_id "
    "OR NEW.created_at IS NOT OLD.created_at "
    "OR (NEW.seq IS NOT OLD.seq AND NOT (OLD.state = 'pending' AND NEW.state = 'pending' "
    "AND NEW.seq > OLD.seq)) "
    "BEGIN SELECT RAISE(ABORT, 'an operation never changes once recorded'); END"
)


def upgrade() -> None:
    op.create_table(
        "sync_quarantine",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("seq", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=64), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("detail", sa.String(length=500), nullable=False),
        sa.Column("received_at", models.base.UTCDateTime(), nullable=False),
        sa.Column("dismissed_at", models.base.UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_quarantine")),
    )
    op.create_index(
        "ix_sync_quarantine_open", "sync_quarantine", ["dismissed_at", "id"], unique=False
    )
    op.add_column("sync_state", sa.Column("clock_skew_s", sa.Integer(), nullable=True))
    op.execute("DROP TRIGGER outbox_operation_immutable")
    op.execute(f"CREATE TRIGGER outbox_operation_immutable {IMMUTABLE_AFTER}")


def downgrade() -> None:
    op.execute("DROP TRIGGER outbox_operation_immutable")
    op.execute(f"CREATE TRIGGER outbox_operation_immutable {IMMUTABLE_BEFORE}")
    with op.batch_alter_table("sync_state", schema=None) as batch_op:
        batch_op.drop_column("clock_skew_s")
    op.drop_index("ix_sync_quarantine_open", table_name="sync_quarantine")
    op.drop_table("sync_quarantine")
