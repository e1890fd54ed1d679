"""Head office's web console: users, sessions, sign-in attempts, the audit trail

Console users (admin, marketing, or a store's manager) sign in with a password kept as an
scrypt hash; a session keeps only the hash of its cookie's id, an absolute expiry and an
idle timeout; every sign-in attempt is kept for lockout; every change made through the
console is an audit row, which triggers keep append-only. Member search by name and a
member's ledger in pages, coupons and event attendance, and head office's lists of refused and clock-flagged
operations (partial indexes) get their indexes (a chain of a million members). A device keeps
the program version and the length of the queue its counter reported at its last push.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03 13:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BIG_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "console_user",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("chain_id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("store_id", sa.String(length=36), nullable=True),
        sa.Column("password_hash", sa.String(length=255), nullable=False),
        sa.Column("disabled", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_console_user")),
        sa.UniqueConstraint("name", name=op.f("uq_console_user_name")),
    )
    op.create_table(
        "console_session",
        sa.Column("id_hash", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.String(length=36), nullable=False),
        sa.Column("csrf_token", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.Column("address", sa.String(length=64), nullable=False),
        sa.Column("ended_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id_hash", name=op.f("pk_console_session")),
    )
    op.create_index("ix_console_session_user", "console_session", ["user_id"])
    op.create_table(
        "console_login_attempt",
        sa.Column("id", BIG_ID, nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("address", sa.String(length=64), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("ok", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_console_login_attempt")),
    )
    op.create_index("ix_console_login_attempt_name_at", "console_login_attempt", ["name", "at"])
    op.create_index(
        "ix_console_login_attempt_address_at", "console_login_attempt", ["address", "at"]
    )
    op.create_table(
        "console_audit",
        sa.Column("id", BIG_ID, nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("user_id", sa.String(length=36), nullable=False),
        sa.Column("user_name", sa.String(length=64), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("action", sa.String(length=64), nullable=False),
        sa.Column("subject", sa.String(length=120), nullable=False),
        sa.Column("before", sa.Text(), nullable=True),
        sa.Column("after", sa.Text(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("address", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_console_audit")),
    )
    op.create_index("ix_console_audit_subject", "console_audit", ["subject", "id"])
    _append_only("console_audit")
    op.create_index("ix_member_chain_name", "member", ["chain_id", "name"])
    with op.batch_alter_table("device") as batch:
        batch.add_column(sa.Column("app_version", sa.String(length=32), nullable=True))
        batch.add_column(sa.Column("queue_length", sa.BigInteger(), nullable=True))
    op.create_index("ix_points_entry_member_row", "points_entry", ["member_id", "id"])
    op.create_index("ix_coupon_member", "coupon", ["member_id"])
    for name, where in (
        ("ix_operation_refused", "result = 'rejected'"),
        ("ix_operation_clock_flagged", "clock_flag IS NOT NULL"),
    ):
        condition = sa.text(where)
        op.create_index(
            name, "operation", ["received_at"], postgresql_where=condition, sqlite_where=condition
        )
    op.create_index("ix_event_signin_member", "event_signin", ["member_id"])


def _append_only(table: str) -> None:
    """Triggers that refuse any UPDATE or DELETE of the table's rows."""
    if op.get_bind().dialect.name == "sqlite":
        for verb in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table}"
                f" BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"
            )
        return
    op.execute(
        f"CREATE FUNCTION {table}_append_only() RETURNS trigger LANGUAGE plpgsql AS $$"
        f" BEGIN RAISE EXCEPTION '{table} is append-only'; END $$"
    )
    op.execute(
        f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table}"
        f" FOR EACH ROW EXECUTE FUNCTION {table}_append_only()"
    )


def downgrade() -> None:
    with op.batch_alter_table("device") as batch:
        batch.drop_column("queue_length")
        batch.drop_column("app_version")
    op.drop_index("ix_operation_clock_flagged", table_name="operation")
    op.drop_index("ix_operation_refused", table_name="operation")
    op.drop_index("ix_event_signin_member", table_name="event_signin")
    op.drop_index("ix_coupon_member", table_name="coupon")
    op.drop_index("ix_points_entry_member_row", table_name="points_entry")
    op.drop_index("ix_member_chain_name", table_name="member")
    if op.get_bind().dialect.name != "sqlite":
        op.execute("DROP TRIGGER console_audit_append_only ON console_audit")
        op.execute("DROP FUNCTION console_audit_append_only()")
    op.drop_index("ix_console_audit_subject", table_name="console_audit")
    op.drop_table("console_audit")
    op.drop_index("ix_console_login_attempt_address_at", table_name="console_login_attempt")
    op.drop_index("ix_console_login_attempt_name_at", table_name="console_login_attempt")
    op.drop_table("console_login_attempt")
    op.drop_index("ix_console_session_user", table_name="console_session")
    op.drop_table("console_session")
    op.drop_table("console_user")
