"""foundation: store, counter, staff, journal, catalog

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-23 19:23:23.314923
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Append-only, enforced by the database itself so no code path can rewrite history.
APPEND_ONLY_TRIGGERS = {
    "audit_log_no_update": "BEFORE UPDATE ON audit_log BEGIN "
    "SELECT RAISE(ABORT, 'audit_log is append-only'); END",
    "audit_log_no_delete": "BEFORE DELETE ON audit_log BEGIN "
    "SELECT RAISE(ABORT, 'audit_log is append-only'); END",
    "outbox_no_delete": "BEFORE DELETE ON outbox BEGIN "
    "SELECT RAISE(ABORT, 'outbox rows are never deleted'); END",
    "outbox_operation_immutable": "BEFORE UPDATE OF id, device_id, seq, op_type, op_version, "
    "payload, payload_hash, store_id, staff_id, created_at ON outbox BEGIN "
    "SELECT RAISE(ABORT, 'an operation never changes once recorded'); END",
}


def create_append_only_triggers() -> None:
    for name, body in APPEND_ONLY_TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {body}")


def upgrade() -> None:
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("store_id", sa.CHAR(length=36), nullable=False),
        sa.Column("device_id", sa.CHAR(length=36), nullable=False),
        sa.Column("staff_id", sa.String(length=36), nullable=True),
        sa.Column("action", sa.String(length=64), nullable=False),
        sa.Column("subject", sa.String(length=120), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("approved_by", sa.String(length=36), nullable=True),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
        sa.UniqueConstraint("hash", name=op.f("uq_audit_log_hash")),
    )
    op.create_table(
        "coupon_template",
        sa.Column("id", sa.CHAR(length=36), nullable=False),
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("name_zh", sa.String(length=120), nullable=False),
        sa.Column("name_en", sa.String(length=120), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.Column("min_spend_fen", sa.Integer(), nullable=False),
        sa.Column("valid_days", sa.Integer(), nullable=True),
        sa.Column("min_tier", sa.String(length=16), nullable=True),
        sa.Column("per_member_limit", sa.Integer(), nullable=True),
        sa.Column("offline_ok", sa.Boolean(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "kind != 'percent_off' OR value BETWEEN 1 AND 99",
            name=op.f("ck_coupon_template_percent"),
        ),
        sa.CheckConstraint(
            "kind IN ('amount_off', 'percent_off', 'gift')", name=op.f("ck_coupon_template_kind")
        ),
        sa.CheckConstraint(
            "min_tier IS NULL OR min_tier IN ('bronze', 'silver', 'gold', 'platinum')",
            name=op.f("ck_coupon_template_min_tier"),
        ),
        sa.CheckConstraint("min_spend_fen >= 0", name=op.f("ck_coupon_template_min_spend")),
        sa.CheckConstraint("value >= 0", name=op.f("ck_coupon_template_value")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_coupon_template")),
        sa.UniqueConstraint("code", name=op.f("uq_coupon_template_code")),
    )
    op.create_table(
        "event",
        sa.Column("id", sa.CHAR(length=36), nullable=False),
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("place", sa.String(length=120), nullable=False),
        sa.Column("starts_at", sa.DateTime(), nullable=False),
        sa.Column("ends_at", sa.DateTime(), nullable=False),
        sa.Column("capacity", sa.Integer(), nullable=False),
        sa.Column("min_tier", sa.String(length=16), nullable=True),
        sa.Column("invitation_only", sa.Boolean(), nullable=False),
        sa.Column("attendance_points", sa.Integer(), nullable=False),
        sa.Column("store_id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "min_tier IS NULL OR min_tier IN ('bronze', 'silver', 'gold', 'platinum')",
            name=op.f("ck_event_min_tier"),
        ),
        sa.CheckConstraint("attendance_points >= 0", name=op.f("ck_event_attendance_points")),
        sa.CheckConstraint("capacity > 0", name=op.f("ck_event_capacity")),
        sa.CheckConstraint("ends_at > starts_at", name=op.f("ck_event_window")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event")),
        sa.UniqueConstraint("code", name=op.f("uq_event_code")),
    )
    op.create_table(
        "gift",
        sa.Column("id", sa.CHAR(length=36), nullable=False),
        sa.Column("sku", sa.String(length=64), nullable=False),
        sa.Column("name_zh", sa.String(length=120), nullable=False),
        sa.Column("name_en", sa.String(length=120), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("points_price", sa.Integer(), nullable=False),
        sa.Column("min_tier", sa.String(length=16), nullable=True),
        sa.Column("per_member_limit", sa.Integer(), nullable=True),
        sa.Column("low_stock_threshold", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "min_tier IS NULL OR min_tier IN ('bronze', 'silver', 'gold', 'platinum')",
            name=op.f("ck_gift_min_tier"),
        ),
        sa.CheckConstraint("points_price > 0", name=op.f("ck_gift_points_price")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_gift")),
        sa.UniqueConstraint("sku", name=op.f("uq_gift_sku")),
    )
    op.create_table(
        "member",
        sa.Column("id", sa.CHAR(length=36), nullable=False),
        sa.Column("member_no", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("mobile", sa.String(length=11), nullable=False),
        sa.Column("birth_month", sa.SmallInteger(), nullable=False),
        sa.Column("birth_day", sa.SmallInteger(), nullable=False),
        sa.Column("birth_year", sa.SmallInteger(), nullable=True),
        sa.Column("tier", sa.String(length=16), nullable=False),
        sa.Column("points_balance", sa.Integer(), nullable=False),
        sa.Column("consent_marketing", sa.Boolean(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("home_store_id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "tier IN ('bronze', 'silver', 'gold', 'platinum')", name=op.f("ck_member_tier")
        ),
        sa.CheckConstraint("birth_day BETWEEN 1 AND 31", name=op.f("ck_member_birth_day")),
        sa.CheckConstraint("birth_month BETWEEN 1 AND 12", name=op.f("ck_member_birth_month")),
        sa.CheckConstraint("points_balance >= 0", name=op.f("ck_member_points_balance")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_member")),
        sa.UniqueConstraint("member_no", name=op.f("uq_member_member_no")),
        sa.UniqueConstraint("mobile", name=op.f("uq_member_mobile")),
    )
    with op.batch_alter_table("member", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_member_name"), ["name"], unique=False)

    op.create_table(
        "setting",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=36), nullable=True),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_setting")),
    )
    op.create_table(
        "store",
        sa.Column("id", sa.CHAR(length=36), nullable=False),
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_store")),
        sa.UniqueConstraint("code", name=op.f("uq_store_code")),
    )
    op.create_table(
        "counter",
        sa.Column("id", sa.CHAR(length=36), nullable=False),
        sa.Column("singleton", sa.Integer(), nullable=False),
        sa.Column("store_id", sa.CHAR(length=36), nullable=False),
        sa.Column("label", sa.String(length=120), nullable=False),
        sa.Column("last_seq", sa.Integer(), nullable=False),
        sa.Column("last_member_no", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("singleton = 1", name=op.f("ck_counter_one_row")),
        sa.ForeignKeyConstraint(["store_id"], ["store.id"], name=op.f("fk_counter_store_id_store")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_counter")),
        sa.UniqueConstraint("singleton", name=op.f("uq_counter_singleton")),
    )
    op.create_table(
        "staff",
        sa.Column("id", sa.CHAR(length=36), nullable=False),
        sa.Column("store_id", sa.CHAR(length=36), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("pin_hash", sa.String(length=200), nullable=False),
        sa.Column("failed_pins", sa.Integer(), nullable=False),
        sa.Column("locked_until", sa.DateTime(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "role IN ('cashier', 'event_staff', 'manager')", name=op.f("ck_staff_role")
        ),
        sa.CheckConstraint("failed_pins >= 0", name=op.f("ck_staff_failed_pins")),
        sa.ForeignKeyConstraint(["store_id"], ["store.id"], name=op.f("fk_staff_store_id_store")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff")),
    )
    op.create_table(
        "outbox",
        sa.Column("id", sa.CHAR(length=36), nullable=False),
        sa.Column("device_id", sa.CHAR(length=36), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("op_type", sa.String(length=64), nullable=False),
        sa.Column("op_version", sa.Integer(), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("payload_hash", sa.String(length=64), nullable=False),
        sa.Column("store_id", sa.CHAR(length=36), nullable=False),
        sa.Column("staff_id", sa.String(length=36), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("result_code", sa.String(length=64), nullable=True),
        sa.Column("acked_at", sa.DateTime(), nullable=True),
        sa.CheckConstraint(
            "state IN ('pending', 'applied', 'duplicate', 'rejected', 'conflict')",
            name=op.f("ck_outbox_state"),
        ),
        sa.CheckConstraint("seq >= 1", name=op.f("ck_outbox_seq_positive")),
        sa.ForeignKeyConstraint(
            ["device_id"], ["counter.id"], name=op.f("fk_outbox_device_id_counter")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbox")),
        sa.UniqueConstraint("device_id", "seq", name="uq_outbox_device_seq"),
    )
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.create_index("ix_outbox_pending", ["state", "seq"], unique=False)

    create_append_only_triggers()


def downgrade() -> None:
    for name in APPEND_ONLY_TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_index("ix_outbox_pending")

    op.drop_table("outbox")
    op.drop_table("staff")
    op.drop_table("counter")
    op.drop_table("store")
    op.drop_table("setting")
    with op.batch_alter_table("member", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_member_name"))

    op.drop_table("member")
    op.drop_table("gift")
    op.drop_table("event")
    op.drop_table("coupon_template")
    op.drop_table("audit_log")
