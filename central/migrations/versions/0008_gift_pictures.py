"""Gift pictures uploaded in the console

One picture per gift of a chain (by SKU): a PNG or JPEG checked when uploaded, kept at the
centre with its type, size and hash, and shown in the console beside the gift's stock per
store.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03 14:05:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "gift_picture",
        sa.Column("chain_id", sa.String(36), nullable=False),
        sa.Column("sku", sa.String(64), nullable=False),
        sa.Column("media_type", sa.String(16), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("width", sa.Integer(), nullable=False),
        sa.Column("height", sa.Integer(), nullable=False),
        sa.Column("uploaded_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("chain_id", "sku", name="pk_gift_picture"),
    )


def downgrade() -> None:
    op.drop_table("gift_picture")
