"""Sales a till posts to the counter: quoted by the same service as a typed sale (the
member's discount, the points it earns, the coupons they hold), then confirmed by the till
or by the cashier (one earn, through the same call the Points page makes) or cancelled.

A posted sale is kept in the database until it is settled or expires (services.pos.
sale_rows), so a counter that restarts still has it; nothing of the ledger is recorded
until a confirm. Each change is told to a listener (the counter's window) so the Points
page shows the sale waiting.
"""

import threading
from collections.abc import Callable
from datetime import datetime, timedelta

from common.ids import new_id
from services import points
from services.core.actor import Actor
from services.core.errors import NotFoundError, StateError, ValidationError
from services.core.uow import UnitOfWork
from services.members import check_in
from services.points import EarnResult
from services.pos import sale_rows
from services.pos.sale_types import (
    CANCELLED,
    CONFIRMED,
    EXPIRED,
    PENDING,
    PendingSale,
    PosSale,
    SaleLine,
)
from services.protocol import codes

__all__ = ["CANCELLED", "CONFIRMED", "EXPIRED", "PENDING", "PendingSale", "PosSale", "SaleLine"]

MAX_PENDING = 50  # a till that posts more without confirming is broken
MAX_LINES = 200
# A sale not confirmed within this is void: the customer has long gone, and a confirm
# then would earn on a stale quote.
EXPIRES_AFTER = timedelta(minutes=30)


class PosDesk:
    """The pending sales of one counter. Thread-safe: the endpoint's thread posts and
    confirms, the GUI's workers confirm for the cashier. The database holds the sales;
    what is being confirmed right now is held here (a restart confirms nothing)."""

    def __init__(
        self,
        reader: Callable[[], UnitOfWork],
        writer: Callable[[], UnitOfWork],
        now: Callable[[], datetime],
        actor: Callable[[], Actor | None],
        online: Callable[[], bool] = lambda: False,
        expires_after: timedelta = EXPIRES_AFTER,
    ) -> None:
        self._reader, self._writer, self._now = reader, writer, now
        self._actor, self._online = actor, online
        self._expires_after = expires_after
        self._claimed: set[str] = set()  # being confirmed right now
        self._lock = threading.Lock()
        self.listeners: list[Callable[[PendingSale], None]] = []

    def _cashier(self) -> Actor:
        actor = self._actor()
        if actor is None:
            raise StateError(codes.POS_NO_CASHIER)
        return actor

    def post(self, sale: PosSale) -> PendingSale:
        """Quote a sale and keep it waiting; nothing of the ledger is recorded."""
        actor, now = self._cashier(), self._now()
        receipt = points.refuse_used_receipt(self._reader(), actor.store_id, sale.receipt)
        categories = sale.categories()
        if sum(categories.values()) > sale.amount_fen:
            raise ValidationError(codes.PURCHASE_BAD_CATEGORIES)
        pending = self._quote(sale, receipt, categories, actor, now)
        with self._writer() as uow:
            expired = sale_rows.expire_due(uow, actor.store_id, now)
            waiting = sale_rows.waiting(uow, actor.store_id, now)
            if any(s.receipt == receipt for s in waiting):
                raise StateError(codes.PURCHASE_DUPLICATE_RECEIPT, receipt=receipt)
            if len(waiting) >= MAX_PENDING:
                raise StateError(codes.POS_TOO_MANY_PENDING, limit=MAX_PENDING)
            sale_rows.insert(uow, pending, actor)
            sale_rows.prune(uow, now)
            uow.commit()
        self._tell_ids(expired)
        self._tell(pending)
        return pending

    def _quote(self, sale, receipt, categories, actor, now) -> PendingSale:
        expires = now + self._expires_after
        if sale.member is None:
            return PendingSale(
                new_id(), sale, receipt, None, None, None, 0, sale.amount_fen, 0, (), now, expires
            )
        found = check_in.look_up(self._reader(), actor, now, sale.member)
        if found.card is None:
            raise StateError(codes.POS_MEMBER_AMBIGUOUS, count=len(found.candidates))
        card = found.card
        q = points.quote(self._reader(), card.id, sale.amount_fen, categories, 0, now)
        return PendingSale(
            new_id(),
            sale,
            receipt,
            card.id,
            card.name,
            q.tier,
            q.discount_fen,
            q.paid_fen,
            q.points.total,
            tuple(card.coupons),
            now,
            expires,
        )

    def restore(self) -> list[PendingSale]:
        """At start: the sales still waiting from before. A sale whose earn was recorded just
        before the counter stopped is confirmed, one past its expiry marked expired."""
        actor, now = self._actor(), self._now()
        if actor is None:
            return []
        with self._reader() as uow:
            if not sale_rows.any_pending(uow, actor.store_id):
                return []  # the usual start: no write lock taken for nothing
        with self._writer() as uow:
            settled = sale_rows.recover(uow, actor.store_id, now)
            settled += sale_rows.expire_due(uow, actor.store_id, now)
            uow.commit()
        self._tell_ids(settled)
        return self.waiting()

    def get(self, sale_id: str) -> PendingSale:
        with self._reader() as uow:
            sale = sale_rows.find(uow, sale_id, self._now())
        if sale is None:
            raise NotFoundError(codes.POS_UNKNOWN_SALE)
        return sale

    def waiting(self) -> list[PendingSale]:
        actor = self._actor()
        if actor is None:
            return []
        with self._reader() as uow:
            return sale_rows.waiting(uow, actor.store_id, self._now())

    def confirm(self, sale_id: str) -> PendingSale:
        """The till confirms: the earn the cashier's Enter would make, in this thread."""
        sale = self._claim(sale_id)
        try:
            if sale.member_id is None:
                return self._close(sale_id, CONFIRMED, "pos")
            actor, now = self._cashier(), self._now()

            def writer() -> UnitOfWork:
                # The earn's own commit confirms the sale with the purchase and balance it
                # just wrote: one durable commit, and a crash keeps or loses both. The
                # restart's recovery (sale_rows.recover) still confirms a sale whose earn an
                # older counter recorded alone.
                uow = self._writer()
                uow.before_commit(
                    lambda: sale_rows.settle_earned(uow, sale, actor.store_id, "pos", now)
                )
                return uow

            earn_for(writer, actor, now, sale, self._online())
        finally:
            self._release(sale_id)
        settled = self.get(sale_id)
        self._tell(settled)
        return settled

    def claim_for_counter(self, sale_id: str) -> PendingSale:
        """The cashier is confirming this sale: the till cannot confirm it meanwhile."""
        return self._claim(sale_id)

    def release(self, sale_id: str) -> None:
        """The cashier's confirm failed: the sale waits again."""
        self._release(sale_id)

    def settle(self, sale_id: str, result: EarnResult, by: str = "counter") -> PendingSale:
        """The earn for this sale was recorded (by the till's confirm or the cashier's)."""
        return self._close(sale_id, CONFIRMED, by, result.purchase_id, result.balance)

    def cancel(self, sale_id: str) -> PendingSale:
        self._claim(sale_id)
        return self._close(sale_id, CANCELLED, "pos")

    def _claim(self, sale_id: str) -> PendingSale:
        """Claimed first, then read: a settle writes its row before it lets go of its
        claim, so a sale read here after the claim is as its last settle left it."""
        with self._lock:
            if sale_id in self._claimed:
                raise StateError(codes.POS_SALE_SETTLED, status=PENDING)
            self._claimed.add(sale_id)
        try:
            sale = self.get(sale_id)
            if sale.status == EXPIRED:
                self._tell(sale)  # the screen lets it go
                minutes = int(self._expires_after.total_seconds() // 60)
                raise StateError(codes.POS_SALE_EXPIRED, minutes=minutes)
            if sale.status != PENDING:
                raise StateError(codes.POS_SALE_SETTLED, status=sale.status)
        except BaseException:
            self._release(sale_id)
            raise
        return sale

    def _release(self, sale_id: str) -> None:
        with self._lock:
            self._claimed.discard(sale_id)

    def _close(self, sale_id, status, by, purchase_id=None, balance=None) -> PendingSale:
        now = self._now()
        try:
            with self._writer() as uow:
                sale_rows.settle(uow, sale_id, status, by, now, purchase_id, balance)
                uow.commit()
        finally:
            self._release(sale_id)
        sale = self.get(sale_id)
        self._tell(sale)
        return sale

    def _tell_ids(self, sale_ids: list[str]) -> None:
        for sale_id in sale_ids:
            self._tell(self.get(sale_id))

    def _tell(self, sale: PendingSale) -> None:
        for listener in list(self.listeners):
            listener(sale)


def earn_for(
    writer: Callable[[], UnitOfWork], actor: Actor, now: datetime, sale: PendingSale, online: bool
) -> EarnResult:
    """The one earn of a posted sale: the call the Points page makes for a typed one, with
    the till's amount and categories and nothing paid in points or coupons."""
    return points.earn(
        writer(),
        actor,
        now,
        sale.member_id,
        sale.receipt,
        sale.sale.amount_fen,
        sale.sale.categories(),
        0,
        None,
        online,
    )
