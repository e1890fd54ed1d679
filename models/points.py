"""The points ledger, the lots it is kept in, purchases, tier changes and rule versions.

Ledger entries and lot spends are append-only (triggers in migration 0003). A lot's
`remaining` is the projection a redemption works from; a check proves it agrees.
"""

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, Timestamp, UUIDPk, UUIDRef

ENTRY_KINDS = ("earn", "redeem", "expire", "adjust", "reversal", "visit_bonus", "event_bonus")


class RuleVersion(Base):
    __tablename__ = "rule_set"

    version: Mapped[int] = mapped_column(Integer, primary_key=True)
    body: Mapped[str] = mapped_column(Text)  # canonical JSON of services.rules.points.RuleSet
    source: Mapped[str] = mapped_column(String(16))  # default, central, local
    loaded_at: Mapped[Timestamp]


class PointsEntry(Base):
    __tablename__ = "points_entry"
    __table_args__ = (
        CheckConstraint("kind IN (" + ", ".join(f"'{k}'" for k in ENTRY_KINDS) + ")", name="kind"),
        CheckConstraint("delta != 0", name="delta"),
        Index("ix_points_entry_member_at", "member_id", "at"),
        Index("ix_points_entry_at", "at"),
    )

    id: Mapped[UUIDPk]
    member_id: Mapped[UUIDRef] = mapped_column(ForeignKey("member.id"))
    kind: Mapped[str] = mapped_column(String(16))
    delta: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(String(200))
    reference: Mapped[str | None] = mapped_column(String(120))
    reverses_id: Mapped[str | None] = mapped_column(String(36))
    purchase_id: Mapped[str | None] = mapped_column(String(36), index=True)
    staff_id: Mapped[str | None] = mapped_column(String(36))
    device_id: Mapped[UUIDRef]
    store_id: Mapped[UUIDRef]
    rule_version: Mapped[int] = mapped_column(Integer)
    # Set when the entry left the balance below zero (a refund of spent points): for a manager.
    flag: Mapped[str | None] = mapped_column(String(64))
    at: Mapped[Timestamp]


class PointsLot(Base):
    __tablename__ = "points_lot"
    __table_args__ = (
        CheckConstraint("remaining >= 0 AND remaining <= original", name="remaining"),
        Index("ix_points_lot_member_open", "member_id", "expires_at", "remaining"),
        Index("ix_points_lot_expiry", "expires_at"),
    )

    id: Mapped[UUIDPk]
    member_id: Mapped[UUIDRef] = mapped_column(ForeignKey("member.id"))
    entry_id: Mapped[UUIDRef] = mapped_column(ForeignKey("points_entry.id"))
    earned_at: Mapped[Timestamp]
    expires_at: Mapped[Timestamp]
    original: Mapped[int] = mapped_column(Integer)
    remaining: Mapped[int] = mapped_column(Integer)


class LotSpend(Base):
    """Which lots an entry took points from (or gave back to, with a negative amount)."""

    __tablename__ = "lot_spend"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    entry_id: Mapped[UUIDRef] = mapped_column(ForeignKey("points_entry.id"), index=True)
    lot_id: Mapped[UUIDRef] = mapped_column(ForeignKey("points_lot.id"), index=True)
    points: Mapped[int] = mapped_column(Integer)


class Purchase(Base):
    __tablename__ = "purchase"
    __table_args__ = (
        UniqueConstraint("store_id", "receipt_no", name="uq_purchase_store_receipt"),
        CheckConstraint("gross_fen > 0", name="gross"),
        CheckConstraint("paid_fen >= 0 AND paid_fen <= gross_fen", name="paid"),
        CheckConstraint(
            "refunded_fen >= 0 AND refunded_fen <= paid_fen + points_cash_fen", name="refunded"
        ),
        Index("ix_purchase_member_at", "member_id", "at"),
        Index("ix_purchase_at", "at"),
    )

    id: Mapped[UUIDPk]
    store_id: Mapped[UUIDRef]
    receipt_no: Mapped[str] = mapped_column(String(64))
    member_id: Mapped[UUIDRef] = mapped_column(ForeignKey("member.id"))
    gross_fen: Mapped[int] = mapped_column(Integer)
    discount_fen: Mapped[int] = mapped_column(Integer)
    points_cash_fen: Mapped[int] = mapped_column(Integer)
    coupon_id: Mapped[str | None] = mapped_column(String(36))
    coupon_fen: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    paid_fen: Mapped[int] = mapped_column(Integer)
    categories: Mapped[str] = mapped_column(Text)  # JSON {category: fen}
    points_earned: Mapped[int] = mapped_column(Integer)
    points_spent: Mapped[int] = mapped_column(Integer)
    refunded_fen: Mapped[int] = mapped_column(Integer, default=0)
    points_reversed: Mapped[int] = mapped_column(Integer, default=0)
    staff_id: Mapped[str | None] = mapped_column(String(36))
    device_id: Mapped[UUIDRef]
    rule_version: Mapped[int] = mapped_column(Integer)
    at: Mapped[Timestamp]


class TierChange(Base):
    __tablename__ = "tier_change"

    id: Mapped[UUIDPk]
    member_id: Mapped[UUIDRef] = mapped_column(ForeignKey("member.id"), index=True)
    from_tier: Mapped[str] = mapped_column(String(16))
    to_tier: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(String(120))
    spend_fen: Mapped[int] = mapped_column(Integer)
    at: Mapped[Timestamp]
