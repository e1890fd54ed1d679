"""The centre's Ed25519 signing key, and each change's signature

Counters pin the public key at enrollment and apply a change that decides trust (keys and
revocations, rules, stores, gifts, coupon templates, events, ...) only with a valid
signature by it. Members are not trust decisions and go unsigned (`sig` NULL).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03 10:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "centre_signing_key",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("private_key", sa.LargeBinary(), nullable=False),
        sa.Column("public_key", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_centre_signing_key")),
        sa.CheckConstraint("id = 1", name=op.f("ck_centre_signing_key_one_row")),
    )
    with op.batch_alter_table("change") as batch:
        batch.add_column(sa.Column("sig", sa.String(length=128), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("change") as batch:
        batch.drop_column("sig")
    op.drop_table("centre_signing_key")
