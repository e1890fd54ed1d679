"""The console's tables: its users, their sessions, sign-in attempts (for lockout) and the
append-only audit trail of every change made through it. On the centre's own metadata, so
the centre's migrations (0006_console) create them."""

from sqlalchemy import BigInteger, Boolean, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from central.models import Base, MaybeWhen, When

ROLES = ("admin", "marketing", "store_manager")


class ConsoleUser(Base):
    """A head-office user. A store manager sees their own store only, and changes nothing."""

    __tablename__ = "console_user"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    chain_id: Mapped[str] = mapped_column(String(36))
    name: Mapped[str] = mapped_column(String(64), unique=True)
    role: Mapped[str] = mapped_column(String(16))  # admin, marketing, store_manager
    store_id: Mapped[str | None] = mapped_column(String(36))  # a store manager's store
    password_hash: Mapped[str] = mapped_column(String(255))  # scrypt$n$r$p$salt$hash
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[When]


class ConsoleSession(Base):
    """A signed-in browser. Only the hash of the cookie's random id is kept, so a copy of the
    table signs nobody in; the CSRF token is bound to the session."""

    __tablename__ = "console_session"
    __table_args__ = (Index("ix_console_session_user", "user_id"),)

    id_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[str] = mapped_column(String(36))
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[When]
    last_seen_at: Mapped[When]
    expires_at: Mapped[When]  # the absolute end, whatever the activity
    address: Mapped[str] = mapped_column(String(64))
    ended_at: Mapped[MaybeWhen]


class ConsoleLoginAttempt(Base):
    """Every sign-in attempt: repeated failures for a name or from an address lock it out."""

    __tablename__ = "console_login_attempt"
    __table_args__ = (
        Index("ix_console_login_attempt_name_at", "name", "at"),
        Index("ix_console_login_attempt_address_at", "address", "at"),
    )

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    name: Mapped[str] = mapped_column(String(64))
    address: Mapped[str] = mapped_column(String(64))
    at: Mapped[When]
    ok: Mapped[bool] = mapped_column(Boolean)


class ConsoleAudit(Base):
    """One change made through the console: who (and in which role), when, from where, what,
    and the state before and after (JSON, no personal data). Rows are never updated or
    deleted: the migration's triggers refuse it."""

    __tablename__ = "console_audit"
    __table_args__ = (Index("ix_console_audit_subject", "subject", "id"),)

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    at: Mapped[When]
    user_id: Mapped[str] = mapped_column(String(36))
    user_name: Mapped[str] = mapped_column(String(64))
    role: Mapped[str] = mapped_column(String(16))
    action: Mapped[str] = mapped_column(String(64))
    subject: Mapped[str] = mapped_column(String(120))
    before: Mapped[str | None] = mapped_column(Text)
    after: Mapped[str | None] = mapped_column(Text)
    reason: Mapped[str | None] = mapped_column(Text)
    address: Mapped[str] = mapped_column(String(64))
