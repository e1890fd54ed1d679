"""reports: NPS ratings, and time indexes the day's close and the KPIs read by

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-24 11:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import models.base

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# A day's close or a period's KPIs select by time across all members.
TIME_INDEXES = (
    ("ix_points_entry_at", "points_entry", ["at"]),
    ("ix_coupon_move_at", "coupon_move", ["at"]),
    ("ix_visit_at", "visit", ["at"]),
    ("ix_gift_redemption_at", "gift_redemption", ["at"]),
    ("ix_purchase_at", "purchase", ["at"]),
    ("ix_outbox_type_created", "outbox", ["op_type", "created_at"]),
    ("ix_member_last_purchase", "member", ["last_purchase_at"]),
)
TRIGGERS = {
    "nps_response_no_update": "BEFORE UPDATE ON nps_response BEGIN "
    "SELECT RAISE(ABORT, 'nps_response is append-only'); END",
    "nps_response_no_delete": "BEFORE DELETE ON nps_response BEGIN "
    "SELECT RAISE(ABORT, 'nps_response is append-only'); END",
}


def upgrade() -> None:
    op.create_table(
        "nps_response",
        sa.Column("id", sa.CHAR(length=36), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("comment", sa.String(length=500), nullable=True),
        sa.Column("member_id", sa.String(length=36), nullable=True),
        sa.Column("reference", sa.String(length=120), nullable=True),
        sa.Column("staff_id", sa.String(length=36), nullable=True),
        sa.Column("device_id", sa.CHAR(length=36), nullable=False),
        sa.Column("store_id", sa.CHAR(length=36), nullable=False),
        sa.Column("at", models.base.UTCDateTime(), nullable=False),
        sa.CheckConstraint("score BETWEEN 0 AND 10", name=op.f("ck_nps_response_score")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_nps_response")),
    )
    op.create_index("ix_nps_response_at", "nps_response", ["at"], unique=False)
    for name, table, columns in TIME_INDEXES:
        op.create_index(name, table, columns, unique=False)
    for name, body in TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {body}")


def downgrade() -> None:
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    for name, table, _columns in TIME_INDEXES:
        op.drop_index(name, table_name=table)
    op.drop_index("ix_nps_response_at", table_name="nps_response")
    op.drop_table("nps_response")
