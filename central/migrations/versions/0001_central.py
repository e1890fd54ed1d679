"""The central system: chains, stores, devices, operations, members, coupons, conflicts, feed

Revision ID: 0001
Revises:
Create Date: 2026-11-24 12:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "chain",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("change_seq", sa.BigInteger(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_chain")),
        sa.UniqueConstraint("name", name=op.f("uq_chain_name")),
    )
    op.create_table(
        "change",
        sa.Column("chain_id", sa.String(length=36), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("store_id", sa.String(length=36), nullable=True),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("chain_id", "seq", name=op.f("pk_change")),
    )
    op.create_table(
        "conflict",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("chain_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=64), nullable=False),
        sa.Column("subject", sa.String(length=120), nullable=False),
        sa.Column("op_id", sa.String(length=36), nullable=False),
        sa.Column("other_op_id", sa.String(length=36), nullable=True),
        sa.Column("store_ids", sa.Text(), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("opened_at", sa.DateTime(), nullable=False),
        sa.Column("resolved_at", sa.DateTime(), nullable=True),
        sa.Column("resolved_by", sa.String(length=120), nullable=True),
        sa.Column("resolution", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_conflict")),
    )
    with op.batch_alter_table("conflict", schema=None) as batch_op:
        batch_op.create_index("ix_conflict_chain_status", ["chain_id", "status"], unique=False)

    op.create_table(
        "coupon",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("chain_id", sa.String(length=36), nullable=False),
        sa.Column("code", sa.String(length=16), nullable=False),
        sa.Column("member_id", sa.String(length=36), nullable=True),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("issued_store_id", sa.String(length=36), nullable=False),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_coupon")),
    )
    op.create_table(
        "coupon_redemption",
        sa.Column("coupon_id", sa.String(length=36), nullable=False),
        sa.Column("chain_id", sa.String(length=36), nullable=False),
        sa.Column("op_id", sa.String(length=36), nullable=False),
        sa.Column("store_id", sa.String(length=36), nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("voided_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("coupon_id", name=op.f("pk_coupon_redemption")),
    )
    op.create_table(
        "event_signin",
        sa.Column("event_id", sa.String(length=36), nullable=False),
        sa.Column("member_id", sa.String(length=36), nullable=False),
        sa.Column("first_op_id", sa.String(length=36), nullable=False),
        sa.Column("store_id", sa.String(length=36), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("scans", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("event_id", "member_id", name=op.f("pk_event_signin")),
    )
    op.create_table(
        "gift_stock",
        sa.Column("store_id", sa.String(length=36), nullable=False),
        sa.Column("gift_id", sa.String(length=36), nullable=False),
        sa.Column("on_hand", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("store_id", "gift_id", name=op.f("pk_gift_stock")),
    )
    op.create_table(
        "points_entry",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("member_id", sa.String(length=36), nullable=False),
        sa.Column("op_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("delta", sa.BigInteger(), nullable=False),
        sa.Column("store_id", sa.String(length=36), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_points_entry")),
    )
    with op.batch_alter_table("points_entry", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_points_entry_member_id"), ["member_id"], unique=False)

    op.create_table(
        "purchase",
        sa.Column("store_id", sa.String(length=36), nullable=False),
        sa.Column("receipt_no", sa.String(length=64), nullable=False),
        sa.Column("purchase_id", sa.String(length=36), nullable=False),
        sa.Column("op_id", sa.String(length=36), nullable=False),
        sa.Column("member_id", sa.String(length=36), nullable=False),
        sa.Column("paid_fen", sa.BigInteger(), nullable=False),
        sa.Column("points", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("store_id", "receipt_no", name=op.f("pk_purchase")),
    )
    op.create_table(
        "reference",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("chain_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reference")),
        sa.UniqueConstraint("chain_id", "kind", "code", name="uq_reference_code"),
    )
    op.create_table(
        "member",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("chain_id", sa.String(length=36), nullable=False),
        sa.Column("member_no", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("mobile", sa.String(length=11), nullable=False),
        sa.Column("birth_month", sa.SmallInteger(), nullable=False),
        sa.Column("birth_day", sa.SmallInteger(), nullable=False),
        sa.Column("birth_year", sa.SmallInteger(), nullable=True),
        sa.Column("tier", sa.String(length=16), nullable=False),
        sa.Column("peak_tier", sa.String(length=16), nullable=False),
        sa.Column("balance", sa.BigInteger(), nullable=False),
        sa.Column("redeem_blocked", sa.Boolean(), nullable=False),
        sa.Column("consent_marketing", sa.Boolean(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("home_store_id", sa.String(length=36), nullable=False),
        sa.Column("card_serial", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["chain_id"], ["chain.id"], name=op.f("fk_member_chain_id_chain")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_member")),
    )
    with op.batch_alter_table("member", schema=None) as batch_op:
        batch_op.create_index("ix_member_chain_mobile", ["chain_id", "mobile"], unique=False)
        batch_op.create_index("ix_member_chain_no", ["chain_id", "member_no"], unique=False)

    op.create_table(
        "store",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("chain_id", sa.String(length=36), nullable=False),
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["chain_id"], ["chain.id"], name=op.f("fk_store_chain_id_chain")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_store")),
        sa.UniqueConstraint("chain_id", "code", name="uq_store_chain_code"),
    )
    op.create_table(
        "device",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("chain_id", sa.String(length=36), nullable=False),
        sa.Column("store_id", sa.String(length=36), nullable=False),
        sa.Column("label", sa.String(length=120), nullable=False),
        sa.Column("public_key", sa.LargeBinary(length=32), nullable=False),
        sa.Column("key_id", sa.String(length=8), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("last_seq", sa.BigInteger(), nullable=False),
        sa.Column("enrolled_at", sa.DateTime(), nullable=False),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        sa.Column("last_seen_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["chain_id"], ["chain.id"], name=op.f("fk_device_chain_id_chain")),
        sa.ForeignKeyConstraint(["store_id"], ["store.id"], name=op.f("fk_device_store_id_store")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_device")),
    )
    op.create_table(
        "enrollment_code",
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("store_id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.Column("used_at", sa.DateTime(), nullable=True),
        sa.Column("device_id", sa.String(length=36), nullable=True),
        sa.ForeignKeyConstraint(
            ["store_id"], ["store.id"], name=op.f("fk_enrollment_code_store_id_store")
        ),
        sa.PrimaryKeyConstraint("code_hash", name=op.f("pk_enrollment_code")),
    )
    op.create_table(
        "store_alias",
        sa.Column("alias_id", sa.String(length=36), nullable=False),
        sa.Column("store_id", sa.String(length=36), nullable=False),
        sa.ForeignKeyConstraint(
            ["store_id"], ["store.id"], name=op.f("fk_store_alias_store_id_store")
        ),
        sa.PrimaryKeyConstraint("alias_id", name=op.f("pk_store_alias")),
    )
    op.create_table(
        "operation",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("op_type", sa.String(length=64), nullable=False),
        sa.Column("op_version", sa.Integer(), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("payload_hash", sa.String(length=64), nullable=False),
        sa.Column("store_id", sa.String(length=36), nullable=False),
        sa.Column("staff_id", sa.String(length=36), nullable=True),
        sa.Column("device_time", sa.DateTime(), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.Column("result", sa.String(length=16), nullable=False),
        sa.Column("code", sa.String(length=64), nullable=True),
        sa.Column("conflict_id", sa.String(length=36), nullable=True),
        sa.ForeignKeyConstraint(
            ["device_id"], ["device.id"], name=op.f("fk_operation_device_id_device")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_operation")),
        sa.UniqueConstraint("device_id", "seq", name="uq_operation_device_seq"),
    )
    with op.batch_alter_table("operation", schema=None) as batch_op:
        batch_op.create_index(
            "ix_operation_store_received", ["store_id", "received_at"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("operation", schema=None) as batch_op:
        batch_op.drop_index("ix_operation_store_received")

    op.drop_table("operation")
    op.drop_table("store_alias")
    op.drop_table("enrollment_code")
    op.drop_table("device")
    op.drop_table("store")
    with op.batch_alter_table("member", schema=None) as batch_op:
        batch_op.drop_index("ix_member_chain_no")
        batch_op.drop_index("ix_member_chain_mobile")

    op.drop_table("member")
    op.drop_table("reference")
    op.drop_table("purchase")
    with op.batch_alter_table("points_entry", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_points_entry_member_id"))

    op.drop_table("points_entry")
    op.drop_table("gift_stock")
    op.drop_table("event_signin")
    op.drop_table("coupon_redemption")
    op.drop_table("coupon")
    with op.batch_alter_table("conflict", schema=None) as batch_op:
        batch_op.drop_index("ix_conflict_chain_status")

    op.drop_table("conflict")
    op.drop_table("change")
    op.drop_table("chain")
