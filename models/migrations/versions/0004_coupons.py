"""coupons

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24 10:57:51.793518
"""

from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

import models.base


revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TRIGGERS = {
    "coupon_move_no_update": "BEFORE UPDATE ON coupon_move BEGIN "
    "SELECT RAISE(ABORT, 'coupon_move is append-only'); END",
    "coupon_move_no_delete": "BEFORE DELETE ON coupon_move BEGIN "
    "SELECT RAISE(ABORT, 'coupon_move is append-only'); END",
    "coupon_no_delete": "BEFORE DELETE ON coupon BEGIN "
    "SELECT RAISE(ABORT, 'coupons are never deleted'); END",
    "purchase_no_delete": "BEFORE DELETE ON purchase BEGIN "
    "SELECT RAISE(ABORT, 'purchases are never deleted'); END",
}

# The programme's standing templates (points exchange, birthday, win-back, quarterly by
# tier) until the centre sends its own. Values in fen; the quarterly Silver coupon's value is ours.
TEMPLATE_COLUMNS = (
    "id",
    "code",
    "name_zh",
    "name_en",
    "kind",
    "value",
    "min_spend_fen",
    "valid_days",
    "min_tier",
    "per_member_limit",
    "offline_ok",
    "active",
    "purpose",
)
_ID = "00000000-0000-7000-8000-0000000004{:02d}"
DEFAULT_TEMPLATES = (
    (
        _ID.format(1),
        "POINTS-10",
        "积分兑换券 10元",
        "Points coupon, 10 yuan",
        "amount_off",
        1000,
        0,
        90,
        None,
        None,
        True,
        True,
        "points",
    ),
    (
        _ID.format(2),
        "BDAY-SILVER",
        "白银生日券 200元",
        "Silver birthday voucher, 200 yuan",
        "amount_off",
        20000,
        0,
        31,
        "silver",
        1,
        True,
        True,
        "birthday",
    ),
    (
        _ID.format(3),
        "BDAY-GOLD",
        "黄金生日券 500元",
        "Gold birthday voucher, 500 yuan",
        "amount_off",
        50000,
        0,
        31,
        "gold",
        1,
        True,
        True,
        "birthday",
    ),
    (
        _ID.format(4),
        "BDAY-PLATINUM",
        "铂金双倍生日券 1000元",
        "Platinum double birthday voucher, 1,000 yuan",
        "amount_off",
        100000,
        0,
        31,
        "platinum",
        1,
        True,
        True,
        "birthday",
    ),
    (
        _ID.format(5),
        "WINBACK-50",
        "回归礼 满300减50",
        "Welcome back: 50 off 300",
        "amount_off",
        5000,
        30000,
        30,
        None,
        1,
        True,
        True,
        "winback",
    ),
    (
        _ID.format(6),
        "TIER-SILVER-Q",
        "白银季度券 满200减20",
        "Silver quarterly: 20 off 200",
        "amount_off",
        2000,
        20000,
        90,
        "silver",
        1,
        True,
        True,
        "tier",
    ),
    (
        _ID.format(7),
        "MANUAL-10PCT",
        "店长赠券 九折",
        "Manager's coupon: 10% off",
        "percent_off",
        10,
        0,
        30,
        None,
        None,
        False,
        True,
        "manual",
    ),
    (
        _ID.format(8),
        "EVENT-GIFT",
        "活动礼品兑换券",
        "Event gift exchange",
        "gift",
        0,
        0,
        14,
        None,
        None,
        True,
        True,
        "event",
    ),
)


def upgrade() -> None:
    op.create_table(
        "coupon",
        sa.Column("id", sa.CHAR(length=36), nullable=False),
        sa.Column("code", sa.String(length=16), nullable=False),
        sa.Column("template_id", sa.String(length=36), nullable=True),
        sa.Column("member_id", sa.String(length=36), nullable=True),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.Column("min_spend_fen", sa.Integer(), nullable=False),
        sa.Column("min_tier", sa.String(length=16), nullable=True),
        sa.Column("offline_ok", sa.Boolean(), nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("source_ref", sa.String(length=64), nullable=True),
        sa.Column("title_zh", sa.String(length=120), nullable=False),
        sa.Column("title_en", sa.String(length=120), nullable=False),
        sa.Column("valid_from", models.base.UTCDateTime(), nullable=False),
        sa.Column("expires_at", models.base.UTCDateTime(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("issued_at", models.base.UTCDateTime(), nullable=False),
        sa.Column("issued_store_id", sa.CHAR(length=36), nullable=False),
        sa.Column("issued_device_id", sa.CHAR(length=36), nullable=False),
        sa.Column("issued_by", sa.String(length=36), nullable=True),
        sa.Column("redeemed_at", models.base.UTCDateTime(), nullable=True),
        sa.Column("redeemed_store_id", sa.String(length=36), nullable=True),
        sa.Column("redeemed_device_id", sa.String(length=36), nullable=True),
        sa.Column("redeemed_reference", sa.String(length=120), nullable=True),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.CheckConstraint(
            "kind IN ('amount_off', 'percent_off', 'gift')", name=op.f("ck_coupon_kind")
        ),
        sa.CheckConstraint(
            "source IN ('points', 'birthday', 'winback', 'tier', 'manual', 'event', 'elsewhere')",
            name=op.f("ck_coupon_source"),
        ),
        sa.CheckConstraint(
            "status IN ('issued', 'redeemed', 'revoked')", name=op.f("ck_coupon_status")
        ),
        sa.CheckConstraint("expires_at > valid_from", name=op.f("ck_coupon_validity")),
        sa.CheckConstraint("value >= 0 AND min_spend_fen >= 0", name=op.f("ck_coupon_value")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_coupon")),
        sa.UniqueConstraint("code", name=op.f("uq_coupon_code")),
        sa.UniqueConstraint(
            "member_id", "source", "source_ref", name="uq_coupon_member_source_ref"
        ),
    )
    with op.batch_alter_table("coupon", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_coupon_member_id"), ["member_id"], unique=False)
        batch_op.create_index("ix_coupon_status_expires", ["status", "expires_at"], unique=False)

    op.create_table(
        "used_coupon",
        sa.Column("coupon_id", sa.String(length=36), nullable=False),
        sa.Column("used_at", models.base.UTCDateTime(), nullable=False),
        sa.Column("store_name", sa.String(length=120), nullable=False),
        sa.Column("counter_label", sa.String(length=64), nullable=True),
        sa.Column("received_at", models.base.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("coupon_id", name=op.f("pk_used_coupon")),
    )
    op.create_table(
        "coupon_move",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("coupon_id", sa.CHAR(length=36), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("reason", sa.String(length=200), nullable=False),
        sa.Column("reference", sa.String(length=120), nullable=True),
        sa.Column("staff_id", sa.String(length=36), nullable=True),
        sa.Column("device_id", sa.CHAR(length=36), nullable=False),
        sa.Column("store_id", sa.CHAR(length=36), nullable=False),
        sa.Column("at", models.base.UTCDateTime(), nullable=False),
        sa.CheckConstraint(
            "kind IN ('issue', 'redeem', 'void_redemption', 'revoke', 'print')",
            name=op.f("ck_coupon_move_kind"),
        ),
        sa.ForeignKeyConstraint(
            ["coupon_id"], ["coupon.id"], name=op.f("fk_coupon_move_coupon_id_coupon")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_coupon_move")),
    )
    with op.batch_alter_table("coupon_move", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_coupon_move_coupon_id"), ["coupon_id"], unique=False)

    with op.batch_alter_table("coupon_template", schema=None) as batch_op:
        batch_op.add_column(sa.Column("valid_until", models.base.UTCDateTime(), nullable=True))
        batch_op.add_column(
            sa.Column("purpose", sa.String(length=16), nullable=False, server_default="manual")
        )

    # Recreating the table drops its trigger: put it back after.
    with op.batch_alter_table("purchase", schema=None) as batch_op:
        batch_op.add_column(sa.Column("coupon_id", sa.String(length=36), nullable=True))
        batch_op.add_column(
            sa.Column("coupon_fen", sa.Integer(), nullable=False, server_default="0")
        )
        # A refund is measured against what the customer gave: money and points as cash.
        batch_op.drop_constraint(op.f("ck_purchase_refunded"), type_="check")
        batch_op.create_check_constraint(
            "refunded", "refunded_fen >= 0 AND refunded_fen <= paid_fen + points_cash_fen"
        )
    for name, body in TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {body}")
    _add_default_templates()


def _add_default_templates() -> None:
    template = sa.table(
        "coupon_template",
        *(sa.column(c) for c in TEMPLATE_COLUMNS),
        sa.column("created_at", models.base.UTCDateTime()),
    )
    now = datetime.now(UTC)
    op.bulk_insert(
        template,
        [
            dict(zip(TEMPLATE_COLUMNS, row, strict=True), created_at=now)
            for row in DEFAULT_TEMPLATES
        ],
    )


def downgrade() -> None:
    op.execute("DELETE FROM coupon_template WHERE id LIKE '00000000-0000-7000-8000-0000000004%'")
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    with op.batch_alter_table("purchase", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_purchase_refunded"), type_="check")
        batch_op.create_check_constraint(
            "refunded", "refunded_fen >= 0 AND refunded_fen <= paid_fen"
        )
        batch_op.drop_column("coupon_fen")
        batch_op.drop_column("coupon_id")
    op.execute(f"CREATE TRIGGER purchase_no_delete {TRIGGERS['purchase_no_delete']}")

    with op.batch_alter_table("coupon_template", schema=None) as batch_op:
        batch_op.drop_column("purpose")
        batch_op.drop_column("valid_until")

    with op.batch_alter_table("coupon_move", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_coupon_move_coupon_id"))

    op.drop_table("coupon_move")
    op.drop_table("used_coupon")
    with op.batch_alter_table("coupon", schema=None) as batch_op:
        batch_op.drop_index("ix_coupon_status_expires")
        batch_op.drop_index(batch_op.f("ix_coupon_member_id"))

    op.drop_table("coupon")
