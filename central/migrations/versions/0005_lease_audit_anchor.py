"""Offline leases and audit anchors

Each push answer grants the counter a lease (`lease_until`, from the centre's clock); the
device row keeps the last one granted, and a store may have a lease of its own length
(`store.lease_days`). Each push carries the counter's audit-log head; the centre keeps
every new head as an anchor, and a head that does not extend the last anchor is recorded
as an audit break (shown by `python -m central devices` and `audit-breaks`).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03 10:25:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("device") as batch:
        batch.add_column(sa.Column("lease_until", sa.DateTime(), nullable=True))
    with op.batch_alter_table("store") as batch:
        batch.add_column(sa.Column("lease_days", sa.Integer(), nullable=True))
    op.create_table(
        "audit_anchor",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("last_id", sa.BigInteger(), nullable=False),
        sa.Column("entries", sa.BigInteger(), nullable=False),
        sa.Column("head", sa.String(length=64), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["device_id"], ["device.id"], name=op.f("fk_audit_anchor_device_id_device")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_anchor")),
    )
    op.create_index("ix_audit_anchor_device", "audit_anchor", ["device_id", "id"])
    op.create_table(
        "audit_break",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("detected_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["device_id"], ["device.id"], name=op.f("fk_audit_break_device_id_device")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_break")),
    )
    op.create_index("ix_audit_break_device", "audit_break", ["device_id", "id"])


def downgrade() -> None:
    op.drop_index("ix_audit_break_device", table_name="audit_break")
    op.drop_table("audit_break")
    op.drop_index("ix_audit_anchor_device", table_name="audit_anchor")
    op.drop_table("audit_anchor")
    with op.batch_alter_table("store") as batch:
        batch.drop_column("lease_days")
    with op.batch_alter_table("device") as batch:
        batch.drop_column("lease_until")
