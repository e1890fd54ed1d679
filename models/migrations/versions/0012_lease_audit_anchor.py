"""sync: the offline lease and the audit log's anchor at the centre

`lease_until`: the centre's grant (its clock); past it the counter refuses redemptions and
coupon acceptance until it reaches the centre again. `wipe_after`: past it, still unreached,
the counter wipes personal data (services.sync.lease). `audit_anchor_id`: the last audit entry
the centre anchored; `audit_break_code`/`audit_break_at`: a break the centre reported.
`csat_response`: customers' satisfaction (1-5) beside their NPS answer, append-only.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-03 10:25:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from models.base import UTCDateTime

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = ("lease_until", "wipe_after", "audit_anchor_id", "audit_break_code", "audit_break_at")
CSAT_TRIGGERS = {
    "csat_response_no_update": "BEFORE UPDATE ON csat_response BEGIN "
    "SELECT RAISE(ABORT, 'csat_response is append-only'); END",
    "csat_response_no_delete": "BEFORE DELETE ON csat_response BEGIN "
    "SELECT RAISE(ABORT, 'csat_response is append-only'); END",
}


def upgrade() -> None:
    with op.batch_alter_table("sync_state") as batch:
        batch.add_column(sa.Column("lease_until", UTCDateTime(), nullable=True))
        batch.add_column(sa.Column("wipe_after", UTCDateTime(), nullable=True))
        batch.add_column(sa.Column("audit_anchor_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("audit_break_code", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("audit_break_at", UTCDateTime(), nullable=True))
    op.create_table(
        "csat_response",
        sa.Column("id", sa.CHAR(length=36), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.String(length=36), nullable=True),
        sa.Column("reference", sa.String(length=120), nullable=True),
        sa.Column("staff_id", sa.String(length=36), nullable=True),
        sa.Column("device_id", sa.CHAR(length=36), nullable=False),
        sa.Column("store_id", sa.CHAR(length=36), nullable=False),
        sa.Column("at", UTCDateTime(), nullable=False),
        sa.CheckConstraint("score BETWEEN 1 AND 5", name=op.f("ck_csat_response_score")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_csat_response")),
    )
    op.create_index("ix_csat_response_at", "csat_response", ["at"], unique=False)
    for name, body in CSAT_TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {body}")


def downgrade() -> None:
    for name in CSAT_TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_index("ix_csat_response_at", table_name="csat_response")
    op.drop_table("csat_response")
    with op.batch_alter_table("sync_state") as batch:
        for name in reversed(COLUMNS):
            batch.drop_column(name)
