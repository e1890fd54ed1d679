"""sync: the centre's identity pinned at enrollment, and how the link may be made

The centre's Ed25519 signing key and its chain id (what every trust-deciding change must be
signed with, and for), the SHA-256 of its TLS certificate's public key when the link is
HTTPS, whether plain HTTP to a non-loopback address was asked for explicitly (`--insecure`),
whether the system's proxy is used, and a CA file given at enrollment. A pull never writes
these columns.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03 10:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("sync_state") as batch:
        batch.add_column(sa.Column("chain_id", sa.String(length=36), nullable=True))
        batch.add_column(sa.Column("centre_key", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("tls_pin", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("ca_file", sa.String(length=500), nullable=True))
        batch.add_column(
            sa.Column("insecure", sa.Boolean(), nullable=False, server_default="0")
        )
        batch.add_column(
            sa.Column("system_proxy", sa.Boolean(), nullable=False, server_default="0")
        )


def downgrade() -> None:
    with op.batch_alter_table("sync_state") as batch:
        for name in ("system_proxy", "insecure", "ca_file", "tls_pin", "centre_key", "chain_id"):
            batch.drop_column(name)
