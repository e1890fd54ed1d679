"""The central system's tables: chains, stores, devices, the operation ledger, members and
their points ledger, coupons, conflicts, reference data, and the change feed counters pull.

Money is integer fen, points are integers. Times are stored as UTC.
"""

from datetime import datetime
from typing import Annotated

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from common.columns import NAMING_CONVENTION, UTCDateTime

Id = Annotated[str, mapped_column(String(36), primary_key=True)]
Ref = Annotated[str, mapped_column(String(36))]
When = Annotated[datetime, mapped_column(UTCDateTime())]
MaybeWhen = Annotated[datetime | None, mapped_column(UTCDateTime(), nullable=True)]


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Chain(Base):
    """A retail chain: the unit of visibility. `change_seq` numbers its change feed."""

    __tablename__ = "chain"

    id: Mapped[Id]
    name: Mapped[str] = mapped_column(String(120), unique=True)
    change_seq: Mapped[int] = mapped_column(BigInteger, default=0)
    created_at: Mapped[When]


class Store(Base):
    __tablename__ = "store"
    __table_args__ = (UniqueConstraint("chain_id", "code", name="uq_store_chain_code"),)

    id: Mapped[Id]
    chain_id: Mapped[str] = mapped_column(ForeignKey("chain.id"))
    code: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(120))
    timezone: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[When]
    # The offline lease of this store's counters in days (None: CENTRAL_LEASE_DAYS).
    lease_days: Mapped[int | None] = mapped_column(Integer)


class StoreAlias(Base):
    """A counter made its store's id before it enrolled; operations carry that id."""

    __tablename__ = "store_alias"

    alias_id: Mapped[Id]
    store_id: Mapped[str] = mapped_column(ForeignKey("store.id"))


class EnrollmentCode(Base):
    __tablename__ = "enrollment_code"

    code_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    store_id: Mapped[str] = mapped_column(ForeignKey("store.id"))
    created_at: Mapped[When]
    expires_at: Mapped[When]
    used_at: Mapped[MaybeWhen]
    device_id: Mapped[str | None] = mapped_column(String(36))


class Device(Base):
    __tablename__ = "device"
    # One device per key, and one key per key id (cards and coupons name the key by its id):
    # a counter can never take another's key, even in a race between two enrollments.
    __table_args__ = (
        UniqueConstraint("public_key", name="uq_device_public_key"),
        UniqueConstraint("key_id", name="uq_device_key_id"),
    )

    id: Mapped[Id]
    chain_id: Mapped[str] = mapped_column(ForeignKey("chain.id"))
    store_id: Mapped[str] = mapped_column(ForeignKey("store.id"))
    label: Mapped[str] = mapped_column(String(120))
    public_key: Mapped[bytes] = mapped_column(LargeBinary(32))
    key_id: Mapped[str] = mapped_column(String(8))
    token_hash: Mapped[str] = mapped_column(String(64))
    last_seq: Mapped[int] = mapped_column(BigInteger, default=0)
    enrolled_at: Mapped[When]
    revoked_at: Mapped[MaybeWhen]
    last_seen_at: Mapped[MaybeWhen]
    # The device clock minus the centre's at its last push, in seconds (None: never told).
    clock_skew_s: Mapped[int | None] = mapped_column(BigInteger)
    # The last offline lease granted (the centre's clock): past it the counter refuses
    # redemptions and coupon acceptance until it reaches the centre again.
    lease_until: Mapped[MaybeWhen]
    # What the counter said at its last push: its program's version and how many of its
    # operations were waiting to be sent (the console shows both).
    app_version: Mapped[str | None] = mapped_column(String(32))
    queue_length: Mapped[int | None] = mapped_column(BigInteger)


class AuditAnchor(Base):
    """A counter's audit-log head as a push carried it: the next head must extend it."""

    __tablename__ = "audit_anchor"
    __table_args__ = (Index("ix_audit_anchor_device", "device_id", "id"),)

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    device_id: Mapped[str] = mapped_column(ForeignKey("device.id"))
    last_id: Mapped[int] = mapped_column(BigInteger)  # the counter's last audit entry id
    entries: Mapped[int] = mapped_column(BigInteger)  # how many entries the chain held
    head: Mapped[str] = mapped_column(String(64))  # that entry's hash
    received_at: Mapped[When]


class AuditBreak(Base):
    """A head that did not extend the last anchor: the log was rewritten at the counter."""

    __tablename__ = "audit_break"
    __table_args__ = (Index("ix_audit_break_device", "device_id", "id"),)

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    device_id: Mapped[str] = mapped_column(ForeignKey("device.id"))
    code: Mapped[str] = mapped_column(String(64))  # audit.chain_broken | audit.chain_rehashed
    detail: Mapped[str] = mapped_column(Text)  # JSON: the anchor and what came instead
    detected_at: Mapped[When]


class Operation(Base):
    """Every operation a counter sent, once: the centre's ledger of facts."""

    __tablename__ = "operation"
    __table_args__ = (
        UniqueConstraint("device_id", "seq", name="uq_operation_device_seq"),
        Index("ix_operation_store_received", "store_id", "received_at"),
        # Head office's lists of refused and clock-flagged operations: partial, so the
        # push (whose operations are nearly all applied and on time) barely pays for them.
        Index(
            "ix_operation_refused",
            "received_at",
            postgresql_where=text("result = 'rejected'"),
            sqlite_where=text("result = 'rejected'"),
        ),
        Index(
            "ix_operation_clock_flagged",
            "received_at",
            postgresql_where=text("clock_flag IS NOT NULL"),
            sqlite_where=text("clock_flag IS NOT NULL"),
        ),
    )

    id: Mapped[Id]
    device_id: Mapped[str] = mapped_column(ForeignKey("device.id"))
    seq: Mapped[int] = mapped_column(BigInteger)
    op_type: Mapped[str] = mapped_column(String(64))
    op_version: Mapped[int] = mapped_column(Integer)
    payload: Mapped[str] = mapped_column(Text)
    payload_hash: Mapped[str] = mapped_column(String(64))
    store_id: Mapped[str] = mapped_column(String(36))
    staff_id: Mapped[str | None] = mapped_column(String(36))
    device_time: Mapped[When]
    received_at: Mapped[When]
    result: Mapped[str] = mapped_column(String(16))
    code: Mapped[str | None] = mapped_column(String(64))
    conflict_id: Mapped[str | None] = mapped_column(String(36))
    # Set when the device's clock was off by more than the tolerance when it was sent, or
    # when the operation claims a time after it arrived: shown to head office.
    clock_flag: Mapped[str | None] = mapped_column(String(32))


class Member(Base):
    __tablename__ = "member"
    __table_args__ = (
        Index("ix_member_chain_mobile", "chain_id", "mobile"),
        Index("ix_member_chain_no", "chain_id", "member_no"),
        Index("ix_member_chain_name", "chain_id", "name"),  # the console's search by name
    )

    id: Mapped[Id]
    chain_id: Mapped[str] = mapped_column(ForeignKey("chain.id"))
    member_no: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(120))
    mobile: Mapped[str] = mapped_column(String(11))
    birth_month: Mapped[int] = mapped_column(SmallInteger)
    birth_day: Mapped[int] = mapped_column(SmallInteger)
    birth_year: Mapped[int | None] = mapped_column(SmallInteger)
    tier: Mapped[str] = mapped_column(String(16), default="bronze")
    # The highest tier the member has held: an offline counter may still earn at it.
    peak_tier: Mapped[str] = mapped_column(String(16), default="bronze")
    balance: Mapped[int] = mapped_column(BigInteger, default=0)
    # Set when a redemption took the balance below zero; lifted when the arrears are paid.
    redeem_blocked: Mapped[bool] = mapped_column(Boolean, default=False)
    consent_marketing: Mapped[bool] = mapped_column(Boolean, default=False)
    note: Mapped[str | None] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    home_store_id: Mapped[str] = mapped_column(String(36))
    card_serial: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[When]
    updated_at: Mapped[When]


class PointsEntry(Base):
    """The centre's points ledger: balance = sum(delta) per member."""

    __tablename__ = "points_entry"
    # A member's ledger in pages, newest first (the console).
    __table_args__ = (Index("ix_points_entry_member_row", "member_id", "id"),)

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    member_id: Mapped[str] = mapped_column(String(36), index=True)
    op_id: Mapped[str] = mapped_column(String(36))
    kind: Mapped[str] = mapped_column(String(32))
    delta: Mapped[int] = mapped_column(BigInteger)
    store_id: Mapped[str] = mapped_column(String(36))
    at: Mapped[When]


class Purchase(Base):
    """Natural key of an earn: one receipt number per store."""

    __tablename__ = "purchase"

    store_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    receipt_no: Mapped[str] = mapped_column(String(64), primary_key=True)
    purchase_id: Mapped[str] = mapped_column(String(36))
    op_id: Mapped[str] = mapped_column(String(36))
    member_id: Mapped[str] = mapped_column(String(36))
    paid_fen: Mapped[int] = mapped_column(BigInteger)
    points: Mapped[int] = mapped_column(BigInteger)
    # What a refund is bounded by: the value paid in points, the points spent as cash, and
    # what earlier refunds of the receipt already took back or gave back.
    points_cash_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    points_spent: Mapped[int] = mapped_column(BigInteger, default=0)
    refunded_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    points_reversed: Mapped[int] = mapped_column(BigInteger, default=0)
    points_returned: Mapped[int] = mapped_column(BigInteger, default=0)
    at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class Coupon(Base):
    """A coupon a counter issued. Its id is unique within its chain: another chain's counter
    cannot take it (or its redemption) away from this one."""

    __tablename__ = "coupon"
    __table_args__ = (Index("ix_coupon_member", "member_id"),)  # a member's page

    chain_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    id: Mapped[Id]
    code: Mapped[str] = mapped_column(String(16))
    member_id: Mapped[str | None] = mapped_column(String(36))
    body: Mapped[str] = mapped_column(Text)  # the issue payload, signed code included
    status: Mapped[str] = mapped_column(String(16))  # issued, revoked
    issued_store_id: Mapped[str] = mapped_column(String(36))
    revoked_at: Mapped[MaybeWhen]
    points_cost: Mapped[int] = mapped_column(BigInteger, default=0)  # what a revoke gives back


class CouponRedemption(Base):
    """The first redemption of a coupon to reach the centre wins."""

    __tablename__ = "coupon_redemption"

    chain_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    coupon_id: Mapped[Id]
    op_id: Mapped[str] = mapped_column(String(36))
    store_id: Mapped[str] = mapped_column(String(36))
    device_id: Mapped[str] = mapped_column(String(36))
    at: Mapped[When]
    voided_at: Mapped[MaybeWhen]


class Conflict(Base):
    __tablename__ = "conflict"
    __table_args__ = (Index("ix_conflict_chain_status", "chain_id", "status"),)

    id: Mapped[Id]
    chain_id: Mapped[str] = mapped_column(String(36))
    kind: Mapped[str] = mapped_column(String(64))
    subject: Mapped[str] = mapped_column(String(120))
    op_id: Mapped[str] = mapped_column(String(36))
    other_op_id: Mapped[str | None] = mapped_column(String(36))
    store_ids: Mapped[str] = mapped_column(Text)  # JSON list
    detail: Mapped[str] = mapped_column(Text)  # JSON
    status: Mapped[str] = mapped_column(String(16))  # open, resolved
    opened_at: Mapped[When]
    resolved_at: Mapped[MaybeWhen]
    resolved_by: Mapped[str | None] = mapped_column(String(120))
    resolution: Mapped[str | None] = mapped_column(Text)


class EventSignIn(Base):
    """One attendee at one event, however often scanned: `attendee` is "m:<member id>" for
    a member and "r:<registration id>" for a guest (the counter's Attendee.key)."""

    __tablename__ = "event_signin"
    __table_args__ = (Index("ix_event_signin_member", "member_id"),)  # a member's page

    event_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    attendee: Mapped[str] = mapped_column(String(40), primary_key=True)
    member_id: Mapped[str | None] = mapped_column(String(36))
    registration_id: Mapped[str | None] = mapped_column(String(36))
    first_op_id: Mapped[str] = mapped_column(String(36))
    store_id: Mapped[str] = mapped_column(String(36))
    at: Mapped[When]
    scans: Mapped[int] = mapped_column(Integer, default=1)


class EventRegistration(Base):
    """A ticket for an event: made at a counter (`event.register`) or imported here. The code
    is the ticket's secret; every counter of the event's store learns it by pull."""

    __tablename__ = "event_registration"
    __table_args__ = (
        UniqueConstraint("chain_id", "code", name="uq_event_registration_chain_code"),
        # NULLs are distinct: any number of guests, one registration per member.
        UniqueConstraint(
            "chain_id", "event_id", "member_id", name="uq_event_registration_chain_event_member"
        ),
    )

    id: Mapped[Id]
    chain_id: Mapped[str] = mapped_column(String(36))
    event_id: Mapped[str] = mapped_column(String(36))
    member_id: Mapped[str | None] = mapped_column(String(36))
    guest_name: Mapped[str | None] = mapped_column(String(120))
    guest_mobile: Mapped[str | None] = mapped_column(String(11))
    code: Mapped[str] = mapped_column(String(32))
    kind: Mapped[str] = mapped_column(String(16))  # invited, walk_in
    store_id: Mapped[str | None] = mapped_column(String(36))
    device_id: Mapped[str | None] = mapped_column(String(36))  # None: imported at the centre
    op_id: Mapped[str | None] = mapped_column(String(36))
    created_at: Mapped[When]


class GiftStock(Base):
    __tablename__ = "gift_stock"

    store_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    gift_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    on_hand: Mapped[int] = mapped_column(BigInteger, default=0)


class BonusClaim(Base):
    """A bonus credited once: attendance points per (member, event), the visit bonus per
    (member, store day). Two offline doors may both credit one; the centre keeps the first."""

    __tablename__ = "bonus_claim"

    member_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    ref: Mapped[str] = mapped_column(String(64), primary_key=True)
    op_id: Mapped[str] = mapped_column(String(36))


class Reference(Base):
    """Reference data a chain sends its counters: gifts, coupon templates, events, rules."""

    __tablename__ = "reference"
    __table_args__ = (UniqueConstraint("chain_id", "kind", "code", name="uq_reference_code"),)

    id: Mapped[Id]
    chain_id: Mapped[str] = mapped_column(String(36))
    kind: Mapped[str] = mapped_column(String(32))  # gift, coupon_template, event, rules
    code: Mapped[str] = mapped_column(String(64))
    body: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[When]
    # The store whose counter defined it, which alone may change it from a counter; None:
    # head office's, changed only at the centre.
    store_id: Mapped[str | None] = mapped_column(String(36))


class Change(Base):
    """The change feed: counters pull rows after their cursor. `store_id` NULL is chain-wide."""

    __tablename__ = "change"

    chain_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    store_id: Mapped[str | None] = mapped_column(String(36))
    kind: Mapped[str] = mapped_column(String(32))
    key: Mapped[str] = mapped_column(String(64))
    body: Mapped[str] = mapped_column(Text)
    # The centre's Ed25519 signature of the change (central.signing); NULL for members.
    sig: Mapped[str | None] = mapped_column(String(128))


class CentreSigningKey(Base):
    """The centre's one signing key (central.signing), unless a key file is configured."""

    __tablename__ = "centre_signing_key"
    __table_args__ = (CheckConstraint("id = 1", name="one_row"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    private_key: Mapped[bytes] = mapped_column(LargeBinary)
    public_key: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[When]


metadata = Base.metadata

# The console's and the programme's tables live beside it, on this metadata (imported
# last: they use Base).
import central.console.tables  # noqa: E402
import central.programme.tables  # noqa: E402, F401
