"""Sales a till posts to the counter: quoted by the same service as a typed sale (the
member's discount, the points it earns, the coupons they hold), then confirmed by the till
or by the cashier (one earn, through the same call the Points page makes) or cancelled.

Pending sales live in memory only: nothing is recorded until a confirm, and a counter that
restarts has none (the till posts again). Each change is told to a listener (the counter's
window) so the Points page shows the sale waiting.
"""

import threading
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime

from common.ids import new_id
from services import points
from services.core.actor import Actor
from services.core.errors import NotFoundError, StateError, ValidationError
from services.core.uow import UnitOfWork
from services.members import accounts as members
from services.points import EarnResult
from services.protocol import codes

MAX_PENDING = 50  # a till that posts more without confirming is broken
MAX_LINES = 200
PENDING, CONFIRMED, CANCELLED = "pending", "confirmed", "cancelled"


@dataclass(frozen=True)
class SaleLine:
    category: str
    amount_fen: int


@dataclass(frozen=True)
class PosSale:
    """What a till posts: its receipt, the amount in fen, the lines, who the customer is."""

    receipt: str
    amount_fen: int
    lines: tuple[SaleLine, ...] = ()
    member: str | None = None  # a member code (scanned) or a mobile number

    def categories(self) -> dict[str, int]:
        """Amounts per category, as the Points page's category fields give them."""
        sums: dict[str, int] = {}
        for line in self.lines:
            sums[line.category] = sums.get(line.category, 0) + line.amount_fen
        return sums


@dataclass(frozen=True)
class PendingSale:
    id: str
    sale: PosSale
    receipt: str  # as the earn keeps it
    member_id: str | None
    member_name: str | None
    tier: str | None
    discount_fen: int
    paid_fen: int
    points: int
    coupons: tuple[tuple[str, str], ...]  # (Chinese, English) titles of usable coupons
    posted_at: datetime
    status: str = PENDING
    purchase_id: str | None = None
    balance: int | None = None
    by: str | None = field(default=None)  # "pos" or "counter": who confirmed


class PosDesk:
    """The pending sales of one counter. Thread-safe: the endpoint's thread posts and
    confirms, the GUI's workers confirm for the cashier."""

    def __init__(
        self,
        reader: Callable[[], UnitOfWork],
        writer: Callable[[], UnitOfWork],
        now: Callable[[], datetime],
        actor: Callable[[], Actor | None],
        online: Callable[[], bool] = lambda: False,
    ) -> None:
        self._reader, self._writer, self._now = reader, writer, now
        self._actor, self._online = actor, online
        self._sales: dict[str, PendingSale] = {}
        self._claimed: set[str] = set()  # being confirmed right now
        self._lock = threading.Lock()
        self.listeners: list[Callable[[PendingSale], None]] = []

    def _cashier(self) -> Actor:
        actor = self._actor()
        if actor is None:
            raise StateError(codes.POS_NO_CASHIER)
        return actor

    def post(self, sale: PosSale) -> PendingSale:
        """Quote a sale and keep it waiting; nothing is recorded."""
        actor, now = self._cashier(), self._now()
        receipt = points.refuse_used_receipt(self._reader(), actor.store_id, sale.receipt)
        categories = sale.categories()
        if sum(categories.values()) > sale.amount_fen:
            raise ValidationError(codes.PURCHASE_BAD_CATEGORIES)
        with self._lock:
            waiting = [s for s in self._sales.values() if s.status == PENDING]
            if any(s.receipt == receipt for s in waiting):
                raise StateError(codes.PURCHASE_DUPLICATE_RECEIPT, receipt=receipt)
            if len(waiting) >= MAX_PENDING:
                raise StateError(codes.POS_TOO_MANY_PENDING, limit=MAX_PENDING)
        pending = self._quote(sale, receipt, categories, actor, now)
        with self._lock:
            self._sales[pending.id] = pending
        self._tell(pending)
        return pending

    def _quote(self, sale, receipt, categories, actor, now) -> PendingSale:
        if sale.member is None:
            return PendingSale(
                new_id(), sale, receipt, None, None, None, 0, sale.amount_fen, 0, (), now
            )
        found = members.look_up(self._reader(), actor, now, sale.member)
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
        )

    def get(self, sale_id: str) -> PendingSale:
        with self._lock:
            sale = self._sales.get(sale_id)
        if sale is None:
            raise NotFoundError(codes.POS_UNKNOWN_SALE)
        return sale

    def waiting(self) -> list[PendingSale]:
        with self._lock:
            return [s for s in self._sales.values() if s.status == PENDING]

    def confirm(self, sale_id: str) -> PendingSale:
        """The till confirms: the earn the cashier's Enter would make, in this thread."""
        sale = self._claim(sale_id)
        try:
            if sale.member_id is None:
                return self._close(sale_id, CONFIRMED, "pos")
            result = earn_for(self._writer, self._cashier(), self._now(), sale, self._online())
        except BaseException:
            self._release(sale_id)
            raise
        return self.settle(sale_id, result, "pos")

    def claim_for_counter(self, sale_id: str) -> PendingSale:
        """The cashier is confirming this sale: the till cannot confirm it meanwhile."""
        return self._claim(sale_id)

    def release(self, sale_id: str) -> None:
        """The cashier's confirm failed: the sale waits again."""
        self._release(sale_id)

    def settle(self, sale_id: str, result: EarnResult, by: str = "counter") -> PendingSale:
        """The earn for this sale was recorded (by the till's confirm or the cashier's)."""
        with self._lock:
            self._claimed.discard(sale_id)
            sale = replace(
                self._sales[sale_id],
                status=CONFIRMED,
                purchase_id=result.purchase_id,
                balance=result.balance,
                by=by,
            )
            self._sales[sale_id] = sale
        self._tell(sale)
        return sale

    def cancel(self, sale_id: str) -> PendingSale:
        self._claim(sale_id)
        return self._close(sale_id, CANCELLED, "pos")

    def _claim(self, sale_id: str) -> PendingSale:
        with self._lock:
            sale = self._sales.get(sale_id)
            if sale is None:
                raise NotFoundError(codes.POS_UNKNOWN_SALE)
            if sale.status != PENDING or sale_id in self._claimed:
                raise StateError(codes.POS_SALE_SETTLED, status=sale.status)
            self._claimed.add(sale_id)
            return sale

    def _release(self, sale_id: str) -> None:
        with self._lock:
            self._claimed.discard(sale_id)

    def _close(self, sale_id: str, status: str, by: str) -> PendingSale:
        with self._lock:
            self._claimed.discard(sale_id)
            sale = replace(self._sales[sale_id], status=status, by=by)
            self._sales[sale_id] = sale
        self._tell(sale)
        return sale

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
