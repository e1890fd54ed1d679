"""The till's waiting sales as rows (models.pos.PosPendingSale), so that a counter that
restarts still has them: written in the writer's transaction, read back as PendingSale.

A waiting sale past its expiry is shown as ``expired`` when read and marked so at the next
post; settled and expired rows are kept a week, then removed (they record no points: the
earn a confirm makes is the ledger's)."""

import json
from datetime import datetime, timedelta

from sqlalchemy import delete, select, update

from common.canonical import canonical_json
from models.catalog import Member
from models.points import Purchase
from models.pos import PosPendingSale
from services.core.actor import Actor
from services.core.uow import UnitOfWork
from services.pos.sale_types import EXPIRED, PENDING, PendingSale, PosSale, SaleLine

KEEP_SETTLED = timedelta(days=7)


def insert(uow: UnitOfWork, sale: PendingSale, actor: Actor) -> None:
    uow.session.add(
        PosPendingSale(
            id=sale.id,
            store_id=actor.store_id,
            receipt=sale.receipt,
            amount_fen=sale.sale.amount_fen,
            lines=canonical_json([[line.category, line.amount_fen] for line in sale.sale.lines]),
            member_id=sale.member_id,
            tier=sale.tier,
            discount_fen=sale.discount_fen,
            paid_fen=sale.paid_fen,
            points=sale.points,
            coupons=canonical_json([list(pair) for pair in sale.coupons]),
            posted_by=actor.staff_id,
            posted_at=sale.posted_at,
            expires_at=sale.expires_at,
            status=PENDING,
        )
    )


def _query():
    return select(PosPendingSale, Member.name).outerjoin(
        Member, Member.id == PosPendingSale.member_id
    )


def _sale(row: PosPendingSale, name: str | None, now: datetime) -> PendingSale:
    status = row.status
    if status == PENDING and row.expires_at <= now:
        status = EXPIRED
    lines = tuple(SaleLine(category, fen) for category, fen in json.loads(row.lines))
    return PendingSale(
        row.id,
        PosSale(row.receipt, row.amount_fen, lines),
        row.receipt,
        row.member_id,
        name,
        row.tier,
        row.discount_fen,
        row.paid_fen,
        row.points,
        tuple((zh, en) for zh, en in json.loads(row.coupons)),
        row.posted_at,
        row.expires_at,
        status,
        row.purchase_id,
        row.balance,
        row.settled_by,
    )


def find(uow: UnitOfWork, sale_id: str, now: datetime) -> PendingSale | None:
    found = uow.session.execute(_query().where(PosPendingSale.id == sale_id)).first()
    return None if found is None else _sale(found[0], found[1], now)


def any_pending(uow: UnitOfWork, store_id: str) -> bool:
    found = select(PosPendingSale.id).where(
        PosPendingSale.store_id == store_id, PosPendingSale.status == PENDING
    )
    return uow.session.scalar(found.limit(1)) is not None


def waiting(uow: UnitOfWork, store_id: str, now: datetime) -> list[PendingSale]:
    """The store's sales that wait, oldest first; expired ones are not waiting."""
    rows = uow.session.execute(
        _query()
        .where(
            PosPendingSale.store_id == store_id,
            PosPendingSale.status == PENDING,
            PosPendingSale.expires_at > now,
        )
        .order_by(PosPendingSale.posted_at, PosPendingSale.id)
    ).all()
    return [_sale(row, name, now) for row, name in rows]


def expire_due(uow: UnitOfWork, store_id: str, now: datetime) -> list[str]:
    """Marks the store's waiting sales past their expiry; returns their ids."""
    ids = list(
        uow.session.scalars(
            select(PosPendingSale.id).where(
                PosPendingSale.store_id == store_id,
                PosPendingSale.status == PENDING,
                PosPendingSale.expires_at <= now,
            )
        )
    )
    if ids:
        uow.session.execute(
            update(PosPendingSale)
            .where(PosPendingSale.id.in_(ids))
            .values(status=EXPIRED, settled_at=now)
        )
    return ids


def settle(
    uow: UnitOfWork,
    sale_id: str,
    status: str,
    by: str | None,
    now: datetime,
    purchase_id: str | None = None,
    balance: int | None = None,
) -> None:
    uow.session.execute(
        update(PosPendingSale)
        .where(PosPendingSale.id == sale_id, PosPendingSale.status == PENDING)
        .values(
            status=status,
            settled_by=by,
            settled_at=now,
            purchase_id=purchase_id,
            balance=balance,
        )
    )


def settle_earned(
    uow: UnitOfWork, sale: PendingSale, store_id: str, by: str, now: datetime
) -> None:
    """Inside the earn's own transaction, before its commit: the sale confirmed with the
    purchase the earn just wrote and the member's balance after it."""
    purchase_id = uow.session.execute(
        select(Purchase.id).where(
            Purchase.store_id == store_id, Purchase.receipt_no == sale.receipt
        )
    ).scalar_one()
    balance = uow.session.execute(
        select(Member.points_balance).where(Member.id == sale.member_id)
    ).scalar_one()
    settle(uow, sale.id, "confirmed", by, now, purchase_id, balance)


def prune(uow: UnitOfWork, now: datetime) -> None:
    """Settled and expired sales older than a week go."""
    uow.session.execute(
        delete(PosPendingSale).where(
            PosPendingSale.status != PENDING, PosPendingSale.posted_at < now - KEEP_SETTLED
        )
    )


def recover(uow: UnitOfWork, store_id: str, now: datetime) -> list[str]:
    """Waiting sales whose earn was recorded before the counter stopped (it stopped between
    the earn's commit and the sale's): confirmed now, with their purchase. Returns their ids."""
    rows = uow.session.execute(
        select(PosPendingSale.id, Purchase.id)
        .join(
            Purchase,
            (Purchase.store_id == PosPendingSale.store_id)
            & (Purchase.receipt_no == PosPendingSale.receipt),
        )
        .where(PosPendingSale.store_id == store_id, PosPendingSale.status == PENDING)
    ).all()
    for sale_id, purchase_id in rows:
        settle(uow, sale_id, "confirmed", None, now, purchase_id)  # by whom is not known
    return [sale_id for sale_id, _p in rows]
