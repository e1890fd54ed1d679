"""Reference data the counter works with: members, the gift catalog, coupon templates, events.

These are the first cut of each table; the issue that owns each capability extends it
through a migration.
"""

from datetime import datetime

from sqlalchemy import Boolean, CheckConstraint, Index, Integer, SmallInteger, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from common.tiers import TIERS
from models.base import Base, Code, Name, Timestamp, UTCDateTime, UUIDPk

_TIER_CHECK = "IN (" + ", ".join(f"'{t}'" for t in TIERS) + ")"


class Member(Base):
    __tablename__ = "member"
    __table_args__ = (
        CheckConstraint(f"tier {_TIER_CHECK}", name="tier"),
        CheckConstraint("birth_month BETWEEN 1 AND 12", name="birth_month"),
        CheckConstraint("birth_day BETWEEN 1 AND 31", name="birth_day"),
        # Name search pages by (name, member_no) without a sort.
        Index("ix_member_name_no", "name", "member_no"),
        Index("ix_member_last_purchase", "last_purchase_at"),  # the at-risk list
    )

    id: Mapped[UUIDPk]
    member_no: Mapped[Code] = mapped_column(unique=True)
    name: Mapped[Name]
    mobile: Mapped[str] = mapped_column(String(11), unique=True)
    # The last four digits, indexed: cashiers often ask for just those.
    mobile_last4: Mapped[str] = mapped_column(String(4), index=True)
    birth_month: Mapped[int] = mapped_column(SmallInteger)
    birth_day: Mapped[int] = mapped_column(SmallInteger)
    birth_year: Mapped[int | None] = mapped_column(SmallInteger)
    tier: Mapped[str] = mapped_column(String(16), default="bronze")
    points_balance: Mapped[int] = mapped_column(Integer, default=0)
    consent_marketing: Mapped[bool] = mapped_column(Boolean, default=False)
    note: Mapped[str | None] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    home_store_id: Mapped[str] = mapped_column(String(36))
    # Bumped when a card is reissued: codes printed with an older serial stop working.
    card_serial: Mapped[int] = mapped_column(Integer, default=1)
    last_purchase_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[Timestamp]
    updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class Gift(Base):
    __tablename__ = "gift"
    __table_args__ = (
        CheckConstraint("points_price > 0", name="points_price"),
        CheckConstraint(f"min_tier IS NULL OR min_tier {_TIER_CHECK}", name="min_tier"),
        CheckConstraint("per_member_limit IS NULL OR per_member_limit > 0", name="limit"),
        CheckConstraint("low_stock_threshold >= 0", name="threshold"),
        CheckConstraint(
            "available_until IS NULL OR available_from IS NULL OR available_until > available_from",
            name="availability",
        ),
    )

    id: Mapped[UUIDPk]
    sku: Mapped[Code] = mapped_column(unique=True)
    name_zh: Mapped[Name]
    name_en: Mapped[Name]
    description: Mapped[str | None] = mapped_column(Text)
    points_price: Mapped[int] = mapped_column(Integer)
    min_tier: Mapped[str | None] = mapped_column(String(16))
    per_member_limit: Mapped[int | None] = mapped_column(Integer)
    low_stock_threshold: Mapped[int] = mapped_column(Integer, default=5)
    # A file name under resources/gifts/ (the centre will send the same names with sync).
    image: Mapped[str | None] = mapped_column(String(120))
    available_from: Mapped[datetime | None] = mapped_column(UTCDateTime())
    available_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[Timestamp]
    updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class CouponTemplate(Base):
    __tablename__ = "coupon_template"
    __table_args__ = (
        CheckConstraint("kind IN ('amount_off', 'percent_off', 'gift')", name="kind"),
        CheckConstraint("value >= 0", name="value"),
        CheckConstraint("min_spend_fen >= 0", name="min_spend"),
        CheckConstraint("kind != 'percent_off' OR value BETWEEN 1 AND 100", name="percent"),
        CheckConstraint(f"min_tier IS NULL OR min_tier {_TIER_CHECK}", name="min_tier"),
    )

    id: Mapped[UUIDPk]
    code: Mapped[Code] = mapped_column(unique=True)
    name_zh: Mapped[Name]
    name_en: Mapped[Name]
    kind: Mapped[str] = mapped_column(String(16))
    # fen for amount_off, whole percent for percent_off, 0 for a gift exchange
    value: Mapped[int] = mapped_column(Integer)
    min_spend_fen: Mapped[int] = mapped_column(Integer, default=0)
    valid_days: Mapped[int | None] = mapped_column(Integer)
    # A fixed last day instead of (or capping) valid_days, for campaigns with an end date.
    valid_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Which issuing path uses it: points, birthday, winback, tier, manual, event.
    purpose: Mapped[str] = mapped_column(String(16), default="manual", server_default="manual")
    min_tier: Mapped[str | None] = mapped_column(String(16))
    per_member_limit: Mapped[int | None] = mapped_column(Integer)
    offline_ok: Mapped[bool] = mapped_column(Boolean, default=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[Timestamp]


class Event(Base):
    __tablename__ = "event"
    __table_args__ = (
        CheckConstraint("ends_at > starts_at", name="window"),
        CheckConstraint("capacity > 0", name="capacity"),
        CheckConstraint("attendance_points >= 0", name="attendance_points"),
        CheckConstraint(f"min_tier IS NULL OR min_tier {_TIER_CHECK}", name="min_tier"),
        CheckConstraint(
            "signin_opens_at IS NULL OR signin_closes_at IS NULL"
            " OR signin_closes_at > signin_opens_at",
            name="signin_window",
        ),
        CheckConstraint("source IN ('central', 'local')", name="source"),
    )

    id: Mapped[UUIDPk]
    code: Mapped[Code] = mapped_column(unique=True)
    name: Mapped[Name]
    place: Mapped[Name]
    starts_at: Mapped[Timestamp]
    ends_at: Mapped[Timestamp]
    capacity: Mapped[int] = mapped_column(Integer)
    min_tier: Mapped[str | None] = mapped_column(String(16))
    invitation_only: Mapped[bool] = mapped_column(Boolean, default=False)
    attendance_points: Mapped[int] = mapped_column(Integer, default=0)
    store_id: Mapped[str] = mapped_column(String(36))
    # When the door opens and closes for sign-in; None: an hour before the start, the end.
    signin_opens_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    signin_closes_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # "central" (sent by the chain's system) or "local" (a manager's pop-up event).
    source: Mapped[str] = mapped_column(String(16), default="local", server_default="local")
    created_at: Mapped[Timestamp]


__all__ = ["TIERS", "CouponTemplate", "Event", "Gift", "Member"]
