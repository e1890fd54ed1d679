"""members: card serial, mobile last four, keys, visits

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 19:45:51.295493
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "trusted_key",
        sa.Column("key_id", sa.String(length=8), nullable=False),
        sa.Column("public_key", sa.LargeBinary(length=32), nullable=False),
        sa.Column("private_key", sa.LargeBinary(length=32), nullable=True),
        sa.Column("owner", sa.String(length=64), nullable=False),
        sa.Column("is_own", sa.Boolean(), nullable=False),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("key_id", name=op.f("pk_trusted_key")),
    )
    op.create_table(
        "visit",
        sa.Column("id", sa.CHAR(length=36), nullable=False),
        sa.Column("member_id", sa.CHAR(length=36), nullable=False),
        sa.Column("store_id", sa.CHAR(length=36), nullable=False),
        sa.Column("device_id", sa.CHAR(length=36), nullable=False),
        sa.Column("staff_id", sa.String(length=36), nullable=True),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"], ["member.id"], name=op.f("fk_visit_member_id_member")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_visit")),
    )
    with op.batch_alter_table("visit", schema=None) as batch_op:
        batch_op.create_index("ix_visit_member_at", ["member_id", "at"], unique=False)

    with op.batch_alter_table("member", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("mobile_last4", sa.String(length=4), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("card_serial", sa.Integer(), nullable=False, server_default="1")
        )
        batch_op.add_column(sa.Column("last_purchase_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("updated_at", sa.DateTime(), nullable=True))
        batch_op.create_index(batch_op.f("ix_member_mobile_last4"), ["mobile_last4"], unique=False)
        batch_op.drop_index("ix_member_name")
        batch_op.create_index("ix_member_name_no", ["name", "member_no"], unique=False)
    # Members registered before this revision get their last four digits filled in.
    op.execute("UPDATE member SET mobile_last4 = substr(mobile, -4)")
    with op.batch_alter_table("member", schema=None) as batch_op:
        batch_op.alter_column("mobile_last4", server_default=None)
        batch_op.alter_column("card_serial", server_default=None)


def downgrade() -> None:
    with op.batch_alter_table("member", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_member_mobile_last4"))
        batch_op.drop_index("ix_member_name_no")
        batch_op.create_index("ix_member_name", ["name"], unique=False)
        batch_op.drop_column("updated_at")
        batch_op.drop_column("last_purchase_at")
        batch_op.drop_column("card_serial")
        batch_op.drop_column("mobile_last4")

    with op.batch_alter_table("visit", schema=None) as batch_op:
        batch_op.drop_index("ix_visit_member_at")

    op.drop_table("visit")
    op.drop_table("trusted_key")
