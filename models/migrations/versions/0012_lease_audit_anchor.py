"""sync: the offline lease and the audit log's anchor at the centre

`lease_until`: the centre's grant (its clock); past it the counter refuses redemptions and
coupon acceptance until it reaches the centre again. `wipe_after`: past it, still unreached,
the counter wipes personal data (services.lease). `audit_anchor_id`: the last audit entry
the centre anchored; `audit_break_code`/`audit_break_at`: a break the centre reported.

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


def upgrade() -> None:
    with op.batch_alter_table("sync_state") as batch:
        batch.add_column(sa.Column("lease_until", UTCDateTime(), nullable=True))
        batch.add_column(sa.Column("wipe_after", UTCDateTime(), nullable=True))
        batch.add_column(sa.Column("audit_anchor_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("audit_break_code", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("audit_break_at", UTCDateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("sync_state") as batch:
        for name in reversed(COLUMNS):
            batch.drop_column(name)
