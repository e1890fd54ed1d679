"""What the stock screens and exports read: levels, a gift's moves, and both as CSV."""

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from models.catalog import Gift
from models.gifts import GiftStock, StockMove
from models.staff import Staff
from services.core.uow import UnitOfWork
from services.gifts.stock import this_store
from services.reports.exports import write_csv
from services.rules import gifts as rules

HISTORY_LIMIT = 500


@dataclass(frozen=True)
class StockLine:
    gift_id: str
    sku: str
    name_zh: str
    name_en: str
    on_hand: int
    threshold: int
    low: bool
    active: bool


@dataclass(frozen=True)
class MoveLine:
    id: str
    gift_id: str
    sku: str
    at: datetime
    kind: str
    quantity: int
    on_hand_after: int
    counted: int | None
    cause: str | None
    reason: str
    reference: str | None
    staff_name: str | None
    approved_by_name: str | None


def stock_levels(uow: UnitOfWork) -> list[StockLine]:
    with uow:
        store_id = this_store(uow)
        rows = uow.session.execute(
            select(Gift, GiftStock.on_hand)
            .outerjoin(GiftStock, (GiftStock.gift_id == Gift.id) & (GiftStock.store_id == store_id))
            .order_by(Gift.sku)
        ).all()
        return [
            StockLine(
                gift.id,
                gift.sku,
                gift.name_zh,
                gift.name_en,
                held or 0,
                gift.low_stock_threshold,
                gift.active and rules.is_low(held or 0, gift.low_stock_threshold),
                gift.active,
            )
            for gift, held in rows
        ]


def move_history(
    uow: UnitOfWork, gift_id: str | None = None, limit: int = HISTORY_LIMIT
) -> list[MoveLine]:
    """Newest first; all gifts when `gift_id` is None (for the export)."""
    approver = Staff.__table__.alias("approver")
    with uow:
        query = (
            select(StockMove, Gift.sku, Staff.name, approver.c.name)
            .join(Gift, Gift.id == StockMove.gift_id)
            .outerjoin(Staff, Staff.id == StockMove.staff_id)
            .outerjoin(approver, approver.c.id == StockMove.approved_by)
            .where(StockMove.store_id == this_store(uow))
            .order_by(StockMove.at.desc(), StockMove.id.desc())
        )
        if gift_id is not None:
            query = query.where(StockMove.gift_id == gift_id)
        if limit:
            query = query.limit(limit)
        return [
            MoveLine(
                m.id,
                m.gift_id,
                sku,
                m.at,
                m.kind,
                m.quantity,
                m.on_hand_after,
                m.counted,
                m.cause,
                m.reason,
                m.reference,
                staff,
                approved,
            )
            for m, sku, staff, approved in uow.session.execute(query)
        ]


STOCK_HEADERS = ("SKU", "Name (Chinese)", "Name (English)", "On hand", "Low-stock threshold", "Low")


MOVE_HEADERS = (
    "Time (UTC)",
    "SKU",
    "Kind",
    "Quantity",
    "On hand after",
    "Counted",
    "Cause",
    "Reason",
    "Reference",
    "Staff",
    "Approved by",
    "Move id",
)


def export_stock_csv(uow: UnitOfWork, path: Path, headers: tuple[str, ...] = STOCK_HEADERS) -> Path:
    rows = [
        (s.sku, s.name_zh, s.name_en, s.on_hand, s.threshold, "1" if s.low else "")
        for s in stock_levels(uow)
    ]
    return write_csv(path, headers, rows)


def export_moves_csv(
    uow: UnitOfWork,
    path: Path,
    gift_id: str | None = None,
    headers: tuple[str, ...] = MOVE_HEADERS,
) -> Path:
    rows = [
        (
            m.at.strftime("%Y-%m-%d %H:%M:%S"),
            m.sku,
            m.kind,
            m.quantity,
            m.on_hand_after,
            "" if m.counted is None else m.counted,
            m.cause or "",
            m.reason,
            m.reference or "",
            m.staff_name or "",
            m.approved_by_name or "",
            m.id,
        )
        for m in reversed(move_history(uow, gift_id, limit=0))
    ]
    return write_csv(path, headers, rows)
