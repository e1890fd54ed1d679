"""points

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 20:25:42.538171
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# The ledger is history: no entry or lot spend is ever changed or removed.
APPEND_ONLY_TRIGGERS = {
    "points_entry_no_update": "BEFORE UPDATE ON points_entry BEGIN "
    "SELECT RAISE(ABORT, 'points_entry is append-only'); END",
    "points_entry_no_delete": "BEFORE DELETE ON points_entry BEGIN "
    "SELECT RAISE(ABORT, 'points_entry is append-only'); END",
    "lot_spend_no_update": "BEFORE UPDATE ON lot_spend BEGIN "
    "SELECT RAISE(ABORT, 'lot_spend is append-only'); END",
    "lot_spend_no_delete": "BEFORE DELETE ON lot_spend BEGIN "
    "SELECT RAISE(ABORT, 'lot_spend is append-only'); END",
    "purchase_no_delete": "BEFORE DELETE ON purchase BEGIN "
    "SELECT RAISE(ABORT, 'purchases are never deleted'); END",
}


def upgrade() -> None:
    op.create_table(
        "rule_set",
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("loaded_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("version", name=op.f("pk_rule_set")),
    )
    op.create_table(
        "points_entry",
        sa.Column("id", sa.CHAR(length=36), nullable=False),
        sa.Column("member_id", sa.CHAR(length=36), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("delta", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(length=200), nullable=False),
        sa.Column("reference", sa.String(length=120), nullable=True),
        sa.Column("reverses_id", sa.String(length=36), nullable=True),
        sa.Column("purchase_id", sa.String(length=36), nullable=True),
        sa.Column("staff_id", sa.String(length=36), nullable=True),
        sa.Column("device_id", sa.CHAR(length=36), nullable=False),
        sa.Column("store_id", sa.CHAR(length=36), nullable=False),
        sa.Column("rule_version", sa.Integer(), nullable=False),
        sa.Column("flag", sa.String(length=64), nullable=True),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "kind IN ('earn', 'redeem', 'expire', 'adjust', 'reversal', 'visit_bonus', 'event_bonus')",
            name=op.f("ck_points_entry_kind"),
        ),
        sa.CheckConstraint("delta != 0", name=op.f("ck_points_entry_delta")),
        sa.ForeignKeyConstraint(
            ["member_id"], ["member.id"], name=op.f("fk_points_entry_member_id_member")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_points_entry")),
    )
    with op.batch_alter_table("points_entry", schema=None) as batch_op:
        batch_op.create_index("ix_points_entry_member_at", ["member_id", "at"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_points_entry_purchase_id"), ["purchase_id"], unique=False
        )

    op.create_table(
        "purchase",
        sa.Column("id", sa.CHAR(length=36), nullable=False),
        sa.Column("store_id", sa.CHAR(length=36), nullable=False),
        sa.Column("receipt_no", sa.String(length=64), nullable=False),
        sa.Column("member_id", sa.CHAR(length=36), nullable=False),
        sa.Column("gross_fen", sa.Integer(), nullable=False),
        sa.Column("discount_fen", sa.Integer(), nullable=False),
        sa.Column("points_cash_fen", sa.Integer(), nullable=False),
        sa.Column("paid_fen", sa.Integer(), nullable=False),
        sa.Column("categories", sa.Text(), nullable=False),
        sa.Column("points_earned", sa.Integer(), nullable=False),
        sa.Column("points_spent", sa.Integer(), nullable=False),
        sa.Column("refunded_fen", sa.Integer(), nullable=False),
        sa.Column("points_reversed", sa.Integer(), nullable=False),
        sa.Column("staff_id", sa.String(length=36), nullable=True),
        sa.Column("device_id", sa.CHAR(length=36), nullable=False),
        sa.Column("rule_version", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("gross_fen > 0", name=op.f("ck_purchase_gross")),
        sa.CheckConstraint(
            "paid_fen >= 0 AND paid_fen <= gross_fen", name=op.f("ck_purchase_paid")
        ),
        sa.CheckConstraint(
            "refunded_fen >= 0 AND refunded_fen <= paid_fen", name=op.f("ck_purchase_refunded")
        ),
        sa.ForeignKeyConstraint(
            ["member_id"], ["member.id"], name=op.f("fk_purchase_member_id_member")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_purchase")),
        sa.UniqueConstraint("store_id", "receipt_no", name="uq_purchase_store_receipt"),
    )
    with op.batch_alter_table("purchase", schema=None) as batch_op:
        batch_op.create_index("ix_purchase_member_at", ["member_id", "at"], unique=False)

    op.create_table(
        "tier_change",
        sa.Column("id", sa.CHAR(length=36), nullable=False),
        sa.Column("member_id", sa.CHAR(length=36), nullable=False),
        sa.Column("from_tier", sa.String(length=16), nullable=False),
        sa.Column("to_tier", sa.String(length=16), nullable=False),
        sa.Column("reason", sa.String(length=120), nullable=False),
        sa.Column("spend_fen", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"], ["member.id"], name=op.f("fk_tier_change_member_id_member")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tier_change")),
    )
    with op.batch_alter_table("tier_change", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_tier_change_member_id"), ["member_id"], unique=False)

    op.create_table(
        "points_lot",
        sa.Column("id", sa.CHAR(length=36), nullable=False),
        sa.Column("member_id", sa.CHAR(length=36), nullable=False),
        sa.Column("entry_id", sa.CHAR(length=36), nullable=False),
        sa.Column("earned_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.Column("original", sa.Integer(), nullable=False),
        sa.Column("remaining", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "remaining >= 0 AND remaining <= original", name=op.f("ck_points_lot_remaining")
        ),
        sa.ForeignKeyConstraint(
            ["entry_id"], ["points_entry.id"], name=op.f("fk_points_lot_entry_id_points_entry")
        ),
        sa.ForeignKeyConstraint(
            ["member_id"], ["member.id"], name=op.f("fk_points_lot_member_id_member")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_points_lot")),
    )
    with op.batch_alter_table("points_lot", schema=None) as batch_op:
        batch_op.create_index("ix_points_lot_expiry", ["expires_at"], unique=False)
        batch_op.create_index(
            "ix_points_lot_member_open", ["member_id", "expires_at", "remaining"], unique=False
        )

    op.create_table(
        "lot_spend",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("entry_id", sa.CHAR(length=36), nullable=False),
        sa.Column("lot_id", sa.CHAR(length=36), nullable=False),
        sa.Column("points", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["entry_id"], ["points_entry.id"], name=op.f("fk_lot_spend_entry_id_points_entry")
        ),
        sa.ForeignKeyConstraint(
            ["lot_id"], ["points_lot.id"], name=op.f("fk_lot_spend_lot_id_points_lot")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lot_spend")),
    )
    with op.batch_alter_table("lot_spend", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_lot_spend_entry_id"), ["entry_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_lot_spend_lot_id"), ["lot_id"], unique=False)

    # A refund of points already spent may leave a balance below zero: recorded and
    # flagged, not refused. Counter redemptions still never go below zero (in code).
    with op.batch_alter_table("member", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_member_points_balance"), type_="check")
    for name, body in APPEND_ONLY_TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {body}")


def downgrade() -> None:
    for name in APPEND_ONLY_TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    with op.batch_alter_table("member", schema=None) as batch_op:
        batch_op.create_check_constraint("points_balance", "points_balance >= 0")
    with op.batch_alter_table("lot_spend", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_lot_spend_lot_id"))
        batch_op.drop_index(batch_op.f("ix_lot_spend_entry_id"))

    op.drop_table("lot_spend")
    with op.batch_alter_table("points_lot", schema=None) as batch_op:
        batch_op.drop_index("ix_points_lot_member_open")
        batch_op.drop_index("ix_points_lot_expiry")

    op.drop_table("points_lot")
    with op.batch_alter_table("tier_change", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_tier_change_member_id"))

    op.drop_table("tier_change")
    with op.batch_alter_table("purchase", schema=None) as batch_op:
        batch_op.drop_index("ix_purchase_member_at")

    op.drop_table("purchase")
    with op.batch_alter_table("points_entry", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_points_entry_purchase_id"))
        batch_op.drop_index("ix_points_entry_member_at")

    op.drop_table("points_entry")
    op.drop_table("rule_set")
