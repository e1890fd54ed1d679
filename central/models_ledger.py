"""What counters push and the centre keeps: the operation ledger, members and their points
ledger, purchases, coupons and redemptions, bonus claims, conflicts, and the change feed
counters pull. Money is integer fen, points are integers.
"""

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    ForeignKey,
    Index,
    Integer,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from central.models_base import Base, Id, MaybeWhen, When
from common.columns import UTCDateTime


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


class BonusClaim(Base):
    """A bonus credited once: attendance points per (member, event), the visit bonus per
    (member, store day). Two offline doors may both credit one; the centre keeps the first."""

    __tablename__ = "bonus_claim"

    member_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    ref: Mapped[str] = mapped_column(String(64), primary_key=True)
    op_id: Mapped[str] = mapped_column(String(36))


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
