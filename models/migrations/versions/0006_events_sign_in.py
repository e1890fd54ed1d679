"""events_sign_in

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-24 11:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import models.base

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# A sign-in is history: never deleted, never changed, except that an undo fills the undo
# columns once. A draw never changes: its seed and entrants are what make it auditable.
TRIGGERS = {
    "event_signin_no_delete": "BEFORE DELETE ON event_signin BEGIN "
    "SELECT RAISE(ABORT, 'event_signin is append-only'); END",
    "event_signin_immutable": "BEFORE UPDATE OF id, event_id, registration_id, member_id, "
    "nonce, method, device_id, counter_label, staff_id, at, points_entry_id, "
    "override_reason, approved_by ON event_signin BEGIN "
    "SELECT RAISE(ABORT, 'a sign-in never changes once recorded'); END",
    "event_signin_undo_once": "BEFORE UPDATE OF undone_at, undone_by, undo_reason "
    "ON event_signin WHEN OLD.undone_at IS NOT NULL OR NEW.undone_at IS NULL BEGIN "
    "SELECT RAISE(ABORT, 'a sign-in is undone once'); END",
    "event_draw_no_update": "BEFORE UPDATE ON event_draw BEGIN "
    "SELECT RAISE(ABORT, 'event_draw is append-only'); END",
    "event_draw_no_delete": "BEFORE DELETE ON event_draw BEGIN "
    "SELECT RAISE(ABORT, 'event_draw is append-only'); END",
}


def upgrade() -> None:
    # The event table is rebuilt first, while no other table refers to it yet.
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.add_column(sa.Column("signin_opens_at", models.base.UTCDateTime(), nullable=True))
        batch_op.add_column(
            sa.Column("signin_closes_at", models.base.UTCDateTime(), nullable=True)
        )
        batch_op.add_column(
            sa.Column("source", sa.String(length=16), server_default="local", nullable=False)
        )
        batch_op.create_check_constraint(
            "signin_window",
            "signin_opens_at IS NULL OR signin_closes_at IS NULL"
            " OR signin_closes_at > signin_opens_at",
        )
        batch_op.create_check_constraint("source", "source IN ('central', 'local')")

    op.create_table(
        "event_staff",
        sa.Column("event_id", sa.CHAR(length=36), nullable=False),
        sa.Column("staff_id", sa.CHAR(length=36), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"], ["event.id"], name=op.f("fk_event_staff_event_id_event")
        ),
        sa.ForeignKeyConstraint(
            ["staff_id"], ["staff.id"], name=op.f("fk_event_staff_staff_id_staff")
        ),
        sa.PrimaryKeyConstraint("event_id", "staff_id", name=op.f("pk_event_staff")),
    )
    op.create_table(
        "event_registration",
        sa.Column("id", sa.CHAR(length=36), nullable=False),
        sa.Column("event_id", sa.CHAR(length=36), nullable=False),
        sa.Column("member_id", sa.CHAR(length=36), nullable=True),
        sa.Column("guest_name", sa.String(length=120), nullable=True),
        sa.Column("guest_mobile", sa.String(length=11), nullable=True),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("staff_id", sa.String(length=36), nullable=True),
        sa.Column("device_id", sa.CHAR(length=36), nullable=False),
        sa.Column("created_at", models.base.UTCDateTime(), nullable=False),
        sa.CheckConstraint(
            "kind IN ('invited', 'walk_in')", name=op.f("ck_event_registration_kind")
        ),
        sa.CheckConstraint(
            "member_id IS NOT NULL OR guest_name IS NOT NULL",
            name=op.f("ck_event_registration_who"),
        ),
        sa.ForeignKeyConstraint(
            ["event_id"], ["event.id"], name=op.f("fk_event_registration_event_id_event")
        ),
        sa.ForeignKeyConstraint(
            ["member_id"], ["member.id"], name=op.f("fk_event_registration_member_id_member")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event_registration")),
        sa.UniqueConstraint("code", name=op.f("uq_event_registration_code")),
        sa.UniqueConstraint("event_id", "member_id", name="uq_event_registration_event_member"),
    )
    op.create_table(
        "event_signin",
        sa.Column("id", sa.CHAR(length=36), nullable=False),
        sa.Column("event_id", sa.CHAR(length=36), nullable=False),
        sa.Column("registration_id", sa.CHAR(length=36), nullable=True),
        sa.Column("member_id", sa.CHAR(length=36), nullable=True),
        sa.Column("nonce", sa.String(length=64), nullable=False),
        sa.Column("method", sa.String(length=16), nullable=False),
        sa.Column("device_id", sa.CHAR(length=36), nullable=False),
        sa.Column("counter_label", sa.String(length=120), nullable=False),
        sa.Column("staff_id", sa.String(length=36), nullable=True),
        sa.Column("at", models.base.UTCDateTime(), nullable=False),
        sa.Column("points_entry_id", sa.String(length=36), nullable=True),
        sa.Column("override_reason", sa.String(length=200), nullable=True),
        sa.Column("approved_by", sa.String(length=36), nullable=True),
        sa.Column("undone_at", models.base.UTCDateTime(), nullable=True),
        sa.Column("undone_by", sa.String(length=36), nullable=True),
        sa.Column("undo_reason", sa.String(length=200), nullable=True),
        sa.CheckConstraint(
            "method IN ('member_qr', 'ticket', 'walk_in')", name=op.f("ck_event_signin_method")
        ),
        sa.CheckConstraint(
            "member_id IS NOT NULL OR registration_id IS NOT NULL",
            name=op.f("ck_event_signin_who"),
        ),
        sa.ForeignKeyConstraint(
            ["event_id"], ["event.id"], name=op.f("fk_event_signin_event_id_event")
        ),
        sa.ForeignKeyConstraint(
            ["member_id"], ["member.id"], name=op.f("fk_event_signin_member_id_member")
        ),
        sa.ForeignKeyConstraint(
            ["registration_id"],
            ["event_registration.id"],
            name=op.f("fk_event_signin_registration_id_event_registration"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event_signin")),
        sa.UniqueConstraint("nonce", name=op.f("uq_event_signin_nonce")),
    )
    with op.batch_alter_table("event_signin", schema=None) as batch_op:
        batch_op.create_index("ix_event_signin_active", ["event_id", "undone_at"], unique=False)
        batch_op.create_index("ix_event_signin_event_at", ["event_id", "at"], unique=False)
        batch_op.create_index(
            "uq_event_signin_member",
            ["event_id", "member_id"],
            unique=True,
            sqlite_where=sa.text("member_id IS NOT NULL AND undone_at IS NULL"),
        )
        batch_op.create_index(
            "uq_event_signin_registration",
            ["event_id", "registration_id"],
            unique=True,
            sqlite_where=sa.text("registration_id IS NOT NULL AND undone_at IS NULL"),
        )
    op.create_table(
        "event_draw",
        sa.Column("id", sa.CHAR(length=36), nullable=False),
        sa.Column("event_id", sa.CHAR(length=36), nullable=False),
        sa.Column("round", sa.Integer(), nullable=False),
        sa.Column("prize", sa.String(length=120), nullable=False),
        sa.Column("seed", sa.String(length=64), nullable=False),
        sa.Column("entrants", sa.Text(), nullable=False),
        sa.Column("entrants_hash", sa.String(length=64), nullable=False),
        sa.Column("winners", sa.Text(), nullable=False),
        sa.Column("staff_id", sa.String(length=36), nullable=True),
        sa.Column("device_id", sa.CHAR(length=36), nullable=False),
        sa.Column("at", models.base.UTCDateTime(), nullable=False),
        sa.CheckConstraint("round >= 1", name=op.f("ck_event_draw_round")),
        sa.ForeignKeyConstraint(
            ["event_id"], ["event.id"], name=op.f("fk_event_draw_event_id_event")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event_draw")),
        sa.UniqueConstraint("event_id", "round", name="uq_event_draw_event_round"),
    )
    for name, body in TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {body}")


def downgrade() -> None:
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_table("event_draw")
    with op.batch_alter_table("event_signin", schema=None) as batch_op:
        batch_op.drop_index("uq_event_signin_registration")
        batch_op.drop_index("uq_event_signin_member")
        batch_op.drop_index("ix_event_signin_event_at")
        batch_op.drop_index("ix_event_signin_active")
    op.drop_table("event_signin")
    op.drop_table("event_registration")
    op.drop_table("event_staff")
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_event_source"), type_="check")
        batch_op.drop_constraint(op.f("ck_event_signin_window"), type_="check")
        batch_op.drop_column("source")
        batch_op.drop_column("signin_closes_at")
        batch_op.drop_column("signin_opens_at")
