"""A store's stock of gifts as a ledger of moves, its on-hand projection, and redemptions.

`stock_move` and `gift_redemption` are append-only (triggers in migration 0005): stock is
explained by its moves, never edited. `gift_stock.on_hand` is the projection the counter
works from, changed in the same transaction as each move; `services.gifts.stock.stock_problems`
proves it equals the sum of the moves.
"""

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, Timestamp, UUIDPk, UUIDRef

MOVE_KINDS = ("receive", "redeem", "adjust", "count", "transfer_out", "transfer_in")
ADJUST_CAUSES = ("damaged", "lost", "found")


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN (" + ", ".join(f"'{v}'" for v in values) + ")"


class GiftStock(Base):
    """On hand per gift and store. It may go below zero: a manager's override records a gift
    handed over that the books did not know about, and the next count sets it right."""

    __tablename__ = "gift_stock"

    store_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    gift_id: Mapped[str] = mapped_column(ForeignKey("gift.id"), primary_key=True)
    on_hand: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[Timestamp]


class StockMove(Base):
    __tablename__ = "stock_move"
    __table_args__ = (
        CheckConstraint(_in("kind", MOVE_KINDS), name="kind"),
        CheckConstraint("cause IS NULL OR " + _in("cause", ADJUST_CAUSES), name="cause"),
        # Each kind moves one way; a count may find exactly what the books say.
        CheckConstraint(
            "(kind IN ('receive', 'transfer_in') AND quantity > 0)"
            " OR (kind IN ('redeem', 'transfer_out') AND quantity < 0)"
            " OR (kind = 'adjust' AND quantity != 0)"
            " OR (kind = 'count' AND counted IS NOT NULL AND counted >= 0)",
            name="direction",
        ),
        Index("ix_stock_move_gift_at", "gift_id", "at"),
    )

    id: Mapped[UUIDPk]
    gift_id: Mapped[UUIDRef] = mapped_column(ForeignKey("gift.id"))
    store_id: Mapped[UUIDRef]
    kind: Mapped[str] = mapped_column(String(16))
    quantity: Mapped[int] = mapped_column(Integer)
    on_hand_after: Mapped[int] = mapped_column(Integer)
    counted: Mapped[int | None] = mapped_column(Integer)
    cause: Mapped[str | None] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(String(200))
    # Delivery note, redemption id, or the other store's code for a transfer.
    reference: Mapped[str | None] = mapped_column(String(120))
    staff_id: Mapped[str | None] = mapped_column(String(36))
    approved_by: Mapped[str | None] = mapped_column(String(36))
    device_id: Mapped[UUIDRef]
    at: Mapped[Timestamp]


class GiftRedemption(Base):
    """One gift handed over for points: the ledger entry and stock move it made together."""

    __tablename__ = "gift_redemption"
    __table_args__ = (
        CheckConstraint("points > 0", name="points"),
        Index("ix_gift_redemption_member_gift", "member_id", "gift_id"),
        Index("ix_gift_redemption_at", "at"),
    )

    id: Mapped[UUIDPk]
    gift_id: Mapped[UUIDRef] = mapped_column(ForeignKey("gift.id"))
    member_id: Mapped[UUIDRef] = mapped_column(ForeignKey("member.id"))
    points: Mapped[int] = mapped_column(Integer)
    points_entry_id: Mapped[UUIDRef] = mapped_column(ForeignKey("points_entry.id"))
    stock_move_id: Mapped[UUIDRef] = mapped_column(ForeignKey("stock_move.id"))
    # Set when stock showed none and a manager let the gift in hand go anyway.
    override_reason: Mapped[str | None] = mapped_column(String(200))
    approved_by: Mapped[str | None] = mapped_column(String(36))
    staff_id: Mapped[str | None] = mapped_column(String(36))
    device_id: Mapped[UUIDRef]
    store_id: Mapped[UUIDRef]
    at: Mapped[Timestamp]


__all__ = ["ADJUST_CAUSES", "MOVE_KINDS", "GiftRedemption", "GiftStock", "StockMove"]
