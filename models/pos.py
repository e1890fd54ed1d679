"""Sales a till posted through the counter's POS interface, kept until the till or the
cashier confirms or cancels them, or they expire: a counter that restarts still has them.

A row is the till's sale and the quote it was given. The member is kept by id only (never
the mobile the till sent), so wiping a member leaves nothing of them here. Settled rows
stay a week for a look back, then go (services.pos.sale_rows)."""

from datetime import datetime

from sqlalchemy import CheckConstraint, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, Timestamp, UTCDateTime, UUIDPk, UUIDRef

POS_SALE_STATUSES = ("pending", "confirmed", "cancelled", "expired")


class PosPendingSale(Base):
    __tablename__ = "pos_sale"
    __table_args__ = (
        CheckConstraint(
            "status IN (" + ", ".join(f"'{s}'" for s in POS_SALE_STATUSES) + ")", name="status"
        ),
        CheckConstraint("amount_fen > 0", name="amount_fen"),
        # One waiting sale per receipt; a settled or expired one steps aside.
        Index(
            "uq_pos_sale_pending_receipt",
            "store_id",
            "receipt",
            unique=True,
            sqlite_where="status = 'pending'",
        ),
        Index("ix_pos_sale_status", "status", "expires_at"),
    )

    id: Mapped[UUIDPk]
    store_id: Mapped[UUIDRef]
    receipt: Mapped[str] = mapped_column(String(64))
    amount_fen: Mapped[int] = mapped_column(Integer)
    lines: Mapped[str] = mapped_column(Text)  # canonical JSON: [[category, amount_fen], ...]
    member_id: Mapped[str | None] = mapped_column(String(36))
    tier: Mapped[str | None] = mapped_column(String(16))
    discount_fen: Mapped[int] = mapped_column(Integer)
    paid_fen: Mapped[int] = mapped_column(Integer)
    points: Mapped[int] = mapped_column(Integer)
    coupons: Mapped[str] = mapped_column(Text)  # canonical JSON: [[title_zh, title_en], ...]
    posted_by: Mapped[str] = mapped_column(String(36))  # the cashier signed in at the post
    posted_at: Mapped[Timestamp]
    expires_at: Mapped[Timestamp]
    status: Mapped[str] = mapped_column(String(16))
    settled_by: Mapped[str | None] = mapped_column(String(8))  # "pos" or "counter"
    settled_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    purchase_id: Mapped[str | None] = mapped_column(String(36))
    balance: Mapped[int | None] = mapped_column(Integer)
