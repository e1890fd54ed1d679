"""Sync with the central system: this counter's enrollment and cursor, the conflicts the
centre reported, the centre's view of members' balances, and the changes it published that
this counter could not apply (quarantined, so they never stop the pull)."""

from datetime import datetime

from sqlalchemy import Boolean, CheckConstraint, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, Timestamp, UTCDateTime

CONFLICT_STATUSES = ("open", "resolved")


class SyncState(Base):
    """One row once enrolled: where the centre is, how to prove who we are, how far we pulled."""

    __tablename__ = "sync_state"
    __table_args__ = (CheckConstraint("singleton = 1", name="one_row"),)

    singleton: Mapped[int] = mapped_column(Integer, primary_key=True, default=1)
    central_url: Mapped[str] = mapped_column(String(300))
    device_token: Mapped[str] = mapped_column(String(200))
    central_store_id: Mapped[str] = mapped_column(String(36))
    store_name: Mapped[str] = mapped_column(String(120))
    chain_name: Mapped[str] = mapped_column(String(120))
    enrolled_at: Mapped[Timestamp]
    cursor: Mapped[int] = mapped_column(Integer, default=0)
    online: Mapped[bool] = mapped_column(Boolean, default=False)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    last_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_success_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_error: Mapped[str | None] = mapped_column(String(64))
    # This counter's clock minus the centre's at the last answer, in whole seconds.
    clock_skew_s: Mapped[int | None] = mapped_column(Integer)
    # The centre's identity, pinned at enrollment and never written by a pull: its chain,
    # its Ed25519 signing key (hex) and its TLS certificate's public key (SHA-256 of the
    # SPKI, hex; NULL on a plain HTTP link).
    chain_id: Mapped[str | None] = mapped_column(String(36))
    centre_key: Mapped[str | None] = mapped_column(String(64))
    tls_pin: Mapped[str | None] = mapped_column(String(64))
    ca_file: Mapped[str | None] = mapped_column(String(500))  # a private CA, given explicitly
    # plain HTTP to a non-loopback centre, asked for explicitly (`--insecure`)
    insecure: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    system_proxy: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    # The offline lease the centre granted (its clock): past it, redemptions and coupon
    # acceptance wait for the centre; past `wipe_after`, still unreached, personal data goes.
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    wipe_after: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # The last audit entry the centre anchored, and a break it reported (shown to managers).
    audit_anchor_id: Mapped[int | None] = mapped_column(Integer)
    audit_break_code: Mapped[str | None] = mapped_column(String(64))
    audit_break_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class SyncConflict(Base):
    """A conflict the centre detected that involves this store; a manager resolves it."""

    __tablename__ = "sync_conflict"
    __table_args__ = (
        CheckConstraint(
            "status IN (" + ", ".join(f"'{s}'" for s in CONFLICT_STATUSES) + ")", name="status"
        ),
        Index("ix_sync_conflict_status", "status", "opened_at"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    kind: Mapped[str] = mapped_column(String(64))
    subject: Mapped[str] = mapped_column(String(120))
    op_id: Mapped[str] = mapped_column(String(36))
    other_op_id: Mapped[str | None] = mapped_column(String(36))
    stores: Mapped[str] = mapped_column(Text)  # JSON list of {id, name}
    detail: Mapped[str] = mapped_column(Text)  # JSON
    status: Mapped[str] = mapped_column(String(16))
    opened_at: Mapped[Timestamp]
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    resolved_by: Mapped[str | None] = mapped_column(String(120))
    resolution: Mapped[str | None] = mapped_column(Text)
    # Set when this counter recorded a resolution that the centre has not confirmed yet.
    resolving: Mapped[bool] = mapped_column(Boolean, default=False)
    received_at: Mapped[Timestamp]


class SyncMember(Base):
    """The centre's last word on a member: balance over all stores, arrears and the block."""

    __tablename__ = "sync_member"

    member_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    balance: Mapped[int] = mapped_column(Integer)
    arrears: Mapped[int] = mapped_column(Integer, default=0)
    redeem_blocked: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_at: Mapped[Timestamp]


class SyncQuarantine(Base):
    """A change the centre published that this counter could not apply, kept as received
    (with why) so staff see it and the pull goes on past it."""

    __tablename__ = "sync_quarantine"
    __table_args__ = (Index("ix_sync_quarantine_open", "dismissed_at", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    seq: Mapped[int | None] = mapped_column(Integer)  # the feed's number, when it had one
    kind: Mapped[str] = mapped_column(String(64))
    key: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)  # the body's JSON text as it arrived
    code: Mapped[str] = mapped_column(String(64))
    detail: Mapped[str] = mapped_column(String(500))
    received_at: Mapped[Timestamp]
    # A manager saw it (the status bar stops counting it); who is in the audit log.
    dismissed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


__all__ = ["CONFLICT_STATUSES", "SyncConflict", "SyncMember", "SyncQuarantine", "SyncState"]
