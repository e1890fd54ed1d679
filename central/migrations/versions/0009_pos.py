"""The till at the centre: reconciliations and receipt patterns

Each store's reconciliation of a day against its till's export, as its counter reported it
with the day's close (`pos.reconciliation`): one row per store and day, the newest report
(by when its manager finished it) kept, with the error rate the centre derived. And the
receipt patterns head office sets for a store in the console, published to its counters as
the `receipt_patterns` change.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03 16:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "pos_reconciliation",
        sa.Column("store_id", sa.String(36), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("chain_id", sa.String(36), nullable=False),
        sa.Column("report_id", sa.String(36), nullable=False),
        sa.Column("op_id", sa.String(36), nullable=False),
        sa.Column("device_id", sa.String(36), nullable=False),
        sa.Column("made_at", sa.DateTime(), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.Column("sales", sa.BigInteger(), nullable=False),
        sa.Column("earns", sa.BigInteger(), nullable=False),
        sa.Column("matched", sa.BigInteger(), nullable=False),
        sa.Column("mismatches", sa.BigInteger(), nullable=False),
        sa.Column("explained", sa.BigInteger(), nullable=False),
        sa.Column("error_bp", sa.BigInteger(), nullable=False),
        sa.Column("claimed_bp", sa.BigInteger(), nullable=False),
        sa.Column("counts", sa.Text(), nullable=False),
        sa.Column("lines", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("store_id", "day", name="pk_pos_reconciliation"),
    )
    op.create_index("ix_pos_reconciliation_chain_id", "pos_reconciliation", ["chain_id", "day"])
    op.create_table(
        "store_receipt_patterns",
        sa.Column("store_id", sa.String(36), nullable=False),
        sa.Column("chain_id", sa.String(36), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("patterns", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(120), nullable=False),
        sa.PrimaryKeyConstraint("store_id", name="pk_store_receipt_patterns"),
    )


def downgrade() -> None:
    op.drop_table("store_receipt_patterns")
    op.drop_index("ix_pos_reconciliation_chain_id", "pos_reconciliation")
    op.drop_table("pos_reconciliation")
