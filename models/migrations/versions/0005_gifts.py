"""gifts

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-24 11:00:48.374041
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import models.base


revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# Stock is explained by its moves: no move or redemption is ever changed or removed.
TRIGGERS = {
    "stock_move_no_update": "BEFORE UPDATE ON stock_move BEGIN "
    "SELECT RAISE(ABORT, 'stock_move is append-only'); END",
    "stock_move_no_delete": "BEFORE DELETE ON stock_move BEGIN "
    "SELECT RAISE(ABORT, 'stock_move is append-only'); END",
    "gift_redemption_no_update": "BEFORE UPDATE ON gift_redemption BEGIN "
    "SELECT RAISE(ABORT, 'gift_redemption is append-only'); END",
    "gift_redemption_no_delete": "BEFORE DELETE ON gift_redemption BEGIN "
    "SELECT RAISE(ABORT, 'gift_redemption is append-only'); END",
}


def upgrade() -> None:
    # The gift table is rebuilt first, while no other table refers to it yet.
    with op.batch_alter_table("gift", schema=None) as batch_op:
        batch_op.add_column(sa.Column("image", sa.String(length=120), nullable=True))
        batch_op.add_column(sa.Column("available_from", models.base.UTCDateTime(), nullable=True))
        batch_op.add_column(
            sa.Column("available_until", models.base.UTCDateTime(), nullable=True)
        )
        batch_op.add_column(sa.Column("updated_at", models.base.UTCDateTime(), nullable=True))
        batch_op.create_check_constraint(
            "limit", "per_member_limit IS NULL OR per_member_limit > 0"
        )
        batch_op.create_check_constraint("threshold", "low_stock_threshold >= 0")
        batch_op.create_check_constraint(
            "availability",
            "available_until IS NULL OR available_from IS NULL"
            " OR available_until > available_from",
        )

    op.create_table(
        "gift_stock",
        sa.Column("store_id", sa.String(length=36), nullable=False),
        sa.Column("gift_id", sa.CHAR(length=36), nullable=False),
        sa.Column("on_hand", sa.Integer(), nullable=False),
        sa.Column("updated_at", models.base.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["gift_id"], ["gift.id"], name=op.f("fk_gift_stock_gift_id_gift")),
        sa.PrimaryKeyConstraint("store_id", "gift_id", name=op.f("pk_gift_stock")),
    )
    op.create_table(
        "stock_move",
        sa.Column("id", sa.CHAR(length=36), nullable=False),
        sa.Column("gift_id", sa.CHAR(length=36), nullable=False),
        sa.Column("store_id", sa.CHAR(length=36), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("on_hand_after", sa.Integer(), nullable=False),
        sa.Column("counted", sa.Integer(), nullable=True),
        sa.Column("cause", sa.String(length=16), nullable=True),
        sa.Column("reason", sa.String(length=200), nullable=False),
        sa.Column("reference", sa.String(length=120), nullable=True),
        sa.Column("staff_id", sa.String(length=36), nullable=True),
        sa.Column("approved_by", sa.String(length=36), nullable=True),
        sa.Column("device_id", sa.CHAR(length=36), nullable=False),
        sa.Column("at", models.base.UTCDateTime(), nullable=False),
        sa.CheckConstraint(
            "(kind IN ('receive', 'transfer_in') AND quantity > 0)"
            " OR (kind IN ('redeem', 'transfer_out') AND quantity < 0)"
            " OR (kind = 'adjust' AND quantity != 0)"
            " OR (kind = 'count' AND counted IS NOT NULL AND counted >= 0)",
            name=op.f("ck_stock_move_direction"),
        ),
        sa.CheckConstraint(
            "cause IS NULL OR cause IN ('damaged', 'lost', 'found')",
            name=op.f("ck_stock_move_cause"),
        ),
        sa.CheckConstraint(
            "kind IN ('receive', 'redeem', 'adjust', 'count', 'transfer_out', 'transfer_in')",
            name=op.f("ck_stock_move_kind"),
        ),
        sa.ForeignKeyConstraint(["gift_id"], ["gift.id"], name=op.f("fk_stock_move_gift_id_gift")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stock_move")),
    )
    with op.batch_alter_table("stock_move", schema=None) as batch_op:
        batch_op.create_index("ix_stock_move_gift_at", ["gift_id", "at"], unique=False)

    op.create_table(
        "gift_redemption",
        sa.Column("id", sa.CHAR(length=36), nullable=False),
        sa.Column("gift_id", sa.CHAR(length=36), nullable=False),
        sa.Column("member_id", sa.CHAR(length=36), nullable=False),
        sa.Column("points", sa.Integer(), nullable=False),
        sa.Column("points_entry_id", sa.CHAR(length=36), nullable=False),
        sa.Column("stock_move_id", sa.CHAR(length=36), nullable=False),
        sa.Column("override_reason", sa.String(length=200), nullable=True),
        sa.Column("approved_by", sa.String(length=36), nullable=True),
        sa.Column("staff_id", sa.String(length=36), nullable=True),
        sa.Column("device_id", sa.CHAR(length=36), nullable=False),
        sa.Column("store_id", sa.CHAR(length=36), nullable=False),
        sa.Column("at", models.base.UTCDateTime(), nullable=False),
        sa.CheckConstraint("points > 0", name=op.f("ck_gift_redemption_points")),
        sa.ForeignKeyConstraint(
            ["gift_id"], ["gift.id"], name=op.f("fk_gift_redemption_gift_id_gift")
        ),
        sa.ForeignKeyConstraint(
            ["member_id"], ["member.id"], name=op.f("fk_gift_redemption_member_id_member")
        ),
        sa.ForeignKeyConstraint(
            ["points_entry_id"],
            ["points_entry.id"],
            name=op.f("fk_gift_redemption_points_entry_id_points_entry"),
        ),
        sa.ForeignKeyConstraint(
            ["stock_move_id"],
            ["stock_move.id"],
            name=op.f("fk_gift_redemption_stock_move_id_stock_move"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_gift_redemption")),
    )
    with op.batch_alter_table("gift_redemption", schema=None) as batch_op:
        batch_op.create_index(
            "ix_gift_redemption_member_gift", ["member_id", "gift_id"], unique=False
        )
    for name, body in TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {body}")


def downgrade() -> None:
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    with op.batch_alter_table("gift_redemption", schema=None) as batch_op:
        batch_op.drop_index("ix_gift_redemption_member_gift")

    op.drop_table("gift_redemption")
    with op.batch_alter_table("stock_move", schema=None) as batch_op:
        batch_op.drop_index("ix_stock_move_gift_at")

    op.drop_table("stock_move")
    op.drop_table("gift_stock")
    with op.batch_alter_table("gift", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_gift_availability"), type_="check")
        batch_op.drop_constraint(op.f("ck_gift_threshold"), type_="check")
        batch_op.drop_constraint(op.f("ck_gift_limit"), type_="check")
        batch_op.drop_column("updated_at")
        batch_op.drop_column("available_until")
        batch_op.drop_column("available_from")
        batch_op.drop_column("image")
