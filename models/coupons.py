"""Coupons issued or seen at this counter, their state changes, and the used list from the centre.

A coupon's `status` is the projection; `coupon_move` is its history (append-only, migration
0004). A coupon printed at another counter gets its row here the first time it is redeemed.
"""

from datetime import datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, Name, Timestamp, UTCDateTime, UUIDPk, UUIDRef

COUPON_STATUSES = ("issued", "redeemed", "revoked")
COUPON_SOURCES = ("points", "birthday", "winback", "tier", "manual", "event", "elsewhere")
MOVE_KINDS = ("issue", "redeem", "void_redemption", "revoke", "print")


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN (" + ", ".join(f"'{v}'" for v in values) + ")"


class Coupon(Base):
    __tablename__ = "coupon"
    __table_args__ = (
        CheckConstraint(_in("status", COUPON_STATUSES), name="status"),
        CheckConstraint(_in("source", COUPON_SOURCES), name="source"),
        CheckConstraint("kind IN ('amount_off', 'percent_off', 'gift')", name="kind"),
        CheckConstraint("value >= 0 AND min_spend_fen >= 0", name="value"),
        CheckConstraint("expires_at > valid_from", name="validity"),
        # Once a year for birthday coupons, once a quarter for tier coupons, and so on.
        UniqueConstraint("member_id", "source", "source_ref", name="uq_coupon_member_source_ref"),
        Index("ix_coupon_status_expires", "status", "expires_at"),
    )

    id: Mapped[UUIDPk]
    code: Mapped[str] = mapped_column(String(16), unique=True)
    template_id: Mapped[str | None] = mapped_column(String(36))
    member_id: Mapped[str | None] = mapped_column(String(36), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    value: Mapped[int] = mapped_column(Integer)
    min_spend_fen: Mapped[int] = mapped_column(Integer)
    min_tier: Mapped[str | None] = mapped_column(String(16))
    offline_ok: Mapped[bool] = mapped_column(Boolean)
    source: Mapped[str] = mapped_column(String(16))
    source_ref: Mapped[str | None] = mapped_column(String(64))
    title_zh: Mapped[Name]
    title_en: Mapped[Name]
    valid_from: Mapped[Timestamp]
    expires_at: Mapped[Timestamp]
    status: Mapped[str] = mapped_column(String(16))
    issued_at: Mapped[Timestamp]
    issued_store_id: Mapped[UUIDRef]
    issued_device_id: Mapped[UUIDRef]
    issued_by: Mapped[str | None] = mapped_column(String(36))
    redeemed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    redeemed_store_id: Mapped[str | None] = mapped_column(String(36))
    redeemed_device_id: Mapped[str | None] = mapped_column(String(36))
    redeemed_reference: Mapped[str | None] = mapped_column(String(120))
    # The signed QR text, so a reprint carries exactly the same code.
    payload: Mapped[str] = mapped_column(Text)


class CouponMove(Base):
    __tablename__ = "coupon_move"
    __table_args__ = (
        CheckConstraint(_in("kind", MOVE_KINDS), name="kind"),
        Index("ix_coupon_move_at", "at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    coupon_id: Mapped[UUIDRef] = mapped_column(ForeignKey("coupon.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(String(200))
    reference: Mapped[str | None] = mapped_column(String(120))
    staff_id: Mapped[str | None] = mapped_column(String(36))
    device_id: Mapped[UUIDRef]
    store_id: Mapped[UUIDRef]
    at: Mapped[Timestamp]


class UsedCoupon(Base):
    """Coupons the centre reports as used elsewhere: a second use is refused even offline."""

    __tablename__ = "used_coupon"

    coupon_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    used_at: Mapped[Timestamp]
    store_name: Mapped[Name]
    counter_label: Mapped[str | None] = mapped_column(String(64))
    received_at: Mapped[Timestamp]


__all__ = ["COUPON_SOURCES", "COUPON_STATUSES", "MOVE_KINDS", "Coupon", "CouponMove", "UsedCoupon"]
