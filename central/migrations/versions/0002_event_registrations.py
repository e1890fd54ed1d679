"""Event registrations at the centre; sign-ins keyed on an attendee (member or registration)

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01 12:00:00
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
        "event_registration",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("chain_id", sa.String(length=36), nullable=False),
        sa.Column("event_id", sa.String(length=36), nullable=False),
        sa.Column("member_id", sa.String(length=36), nullable=True),
        sa.Column("guest_name", sa.String(length=120), nullable=True),
        sa.Column("guest_mobile", sa.String(length=11), nullable=True),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("store_id", sa.String(length=36), nullable=True),
        sa.Column("device_id", sa.String(length=36), nullable=True),
        sa.Column("op_id", sa.String(length=36), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event_registration")),
        sa.UniqueConstraint("chain_id", "code", name="uq_event_registration_chain_code"),
        sa.UniqueConstraint(
            "chain_id", "event_id", "member_id", name="uq_event_registration_chain_event_member"
        ),
    )
    # A sign-in was keyed on (event, member); a guest has only a registration. Existing rows
    # are members: their attendee is "m:<member id>".
    with op.batch_alter_table("event_signin", schema=None) as batch_op:
        batch_op.add_column(sa.Column("attendee", sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column("registration_id", sa.String(length=36), nullable=True))
    op.execute("UPDATE event_signin SET attendee = 'm:' || member_id")
    with op.batch_alter_table("event_signin", schema=None) as batch_op:
        batch_op.drop_constraint("pk_event_signin", type_="primary")
        batch_op.alter_column("attendee", existing_type=sa.String(length=40), nullable=False)
        batch_op.alter_column("member_id", existing_type=sa.String(length=36), nullable=True)
        batch_op.create_primary_key("pk_event_signin", ["event_id", "attendee"])


def downgrade() -> None:
    # Guests' sign-ins have no member: they cannot be kept under the old key.
    op.execute("DELETE FROM event_signin WHERE member_id IS NULL")
    with op.batch_alter_table("event_signin", schema=None) as batch_op:
        batch_op.drop_constraint("pk_event_signin", type_="primary")
        batch_op.alter_column("member_id", existing_type=sa.String(length=36), nullable=False)
        batch_op.create_primary_key("pk_event_signin", ["event_id", "member_id"])
        batch_op.drop_column("registration_id")
        batch_op.drop_column("attendee")
    op.drop_table("event_registration")
