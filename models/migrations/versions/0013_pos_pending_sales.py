"""pos: the sales a till posted survive a restart

`pos_sale`: each sale posted through the POS interface with the quote it was given, its
expiry and, once the till or the cashier settled it, how. One waiting sale per receipt.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-03 16:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from models.base import UTCDateTime

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "pos_sale",
        sa.Column("id", sa.CHAR(length=36), nullable=False),
        sa.Column("store_id", sa.CHAR(length=36), nullable=False),
        sa.Column("receipt", sa.String(length=64), nullable=False),
        sa.Column("amount_fen", sa.Integer(), nullable=False),
        sa.Column("lines", sa.Text(), nullable=False),
        sa.Column("member_id", sa.String(length=36), nullable=True),
        sa.Column("tier", sa.String(length=16), nullable=True),
        sa.Column("discount_fen", sa.Integer(), nullable=False),
        sa.Column("paid_fen", sa.Integer(), nullable=False),
        sa.Column("points", sa.Integer(), nullable=False),
        sa.Column("coupons", sa.Text(), nullable=False),
        sa.Column("posted_by", sa.String(length=36), nullable=False),
        sa.Column("posted_at", UTCDateTime(), nullable=False),
        sa.Column("expires_at", UTCDateTime(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("settled_by", sa.String(length=8), nullable=True),
        sa.Column("settled_at", UTCDateTime(), nullable=True),
        sa.Column("purchase_id", sa.String(length=36), nullable=True),
        sa.Column("balance", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "status IN ('pending', 'confirmed', 'cancelled', 'expired')",
            name=op.f("ck_pos_sale_status"),
        ),
        sa.CheckConstraint("amount_fen > 0", name=op.f("ck_pos_sale_amount_fen")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pos_sale")),
    )
    op.create_index(
        "uq_pos_sale_pending_receipt",
        "pos_sale",
        ["store_id", "receipt"],
        unique=True,
        sqlite_where=sa.text("status = 'pending'"),
    )
    op.create_index("ix_pos_sale_status", "pos_sale", ["status", "expires_at"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_pos_sale_status", table_name="pos_sale")
    op.drop_index("uq_pos_sale_pending_receipt", table_name="pos_sale")
    op.drop_table("pos_sale")
