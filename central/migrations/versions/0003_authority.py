"""The centre as a trust boundary: refund bounds on purchases, a coupon's points cost, bonus
claims once per member and event or day, and device clock skew

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-03 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_PURCHASE_COUNTS = (
    "points_cash_fen",
    "points_spent",
    "refunded_fen",
    "points_reversed",
    "points_returned",
)


def upgrade() -> None:
    with op.batch_alter_table("purchase") as batch:
        for name in _PURCHASE_COUNTS:
            batch.add_column(
                sa.Column(name, sa.BigInteger(), nullable=False, server_default="0")
            )
        batch.add_column(sa.Column("at", sa.DateTime(), nullable=True))
    # A purchase's time is its earn's device time (spend over 12 months is counted on it).
    op.execute(
        "UPDATE purchase SET at = (SELECT device_time FROM operation"
        " WHERE operation.id = purchase.op_id)"
    )
    with op.batch_alter_table("coupon") as batch:
        batch.add_column(
            sa.Column("points_cost", sa.BigInteger(), nullable=False, server_default="0")
        )
    # A coupon id is unique within its chain, so another chain's counter can neither take a
    # coupon's id nor its first redemption.
    for table, column in (("coupon", "id"), ("coupon_redemption", "coupon_id")):
        with op.batch_alter_table(table) as batch:
            batch.drop_constraint(f"pk_{table}", type_="primary")
            batch.create_primary_key(f"pk_{table}", ["chain_id", column])
    with op.batch_alter_table("device") as batch:
        batch.add_column(sa.Column("clock_skew_s", sa.BigInteger(), nullable=True))
        # Refused at enrollment since this version; a centre holding a duplicate from before
        # (a rogue device) must remove that device's row first (docs/central-production.md).
        batch.create_unique_constraint("uq_device_public_key", ["public_key"])
        batch.create_unique_constraint("uq_device_key_id", ["key_id"])
    with op.batch_alter_table("operation") as batch:
        batch.add_column(sa.Column("clock_flag", sa.String(length=32), nullable=True))
    with op.batch_alter_table("reference") as batch:
        batch.add_column(sa.Column("store_id", sa.String(length=36), nullable=True))
    # Events a counter made say so in their body; gifts and templates from counters before
    # this version cannot be told apart and stay head office's.
    op.create_table(
        "bonus_claim",
        sa.Column("member_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("ref", sa.String(length=64), nullable=False),
        sa.Column("op_id", sa.String(length=36), nullable=False),
        sa.PrimaryKeyConstraint("member_id", "kind", "ref", name=op.f("pk_bonus_claim")),
    )


def downgrade() -> None:
    op.drop_table("bonus_claim")
    with op.batch_alter_table("reference") as batch:
        batch.drop_column("store_id")
    with op.batch_alter_table("operation") as batch:
        batch.drop_column("clock_flag")
    with op.batch_alter_table("device") as batch:
        batch.drop_constraint("uq_device_key_id", type_="unique")
        batch.drop_constraint("uq_device_public_key", type_="unique")
        batch.drop_column("clock_skew_s")
    for table, column in (("coupon", "id"), ("coupon_redemption", "coupon_id")):
        with op.batch_alter_table(table) as batch:
            batch.drop_constraint(f"pk_{table}", type_="primary")
            batch.create_primary_key(f"pk_{table}", [column])
    with op.batch_alter_table("coupon") as batch:
        batch.drop_column("points_cost")
    with op.batch_alter_table("purchase") as batch:
        batch.drop_column("at")
        for name in reversed(_PURCHASE_COUNTS):
            batch.drop_column(name)
