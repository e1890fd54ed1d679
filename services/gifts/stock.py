"""The store's stock of gifts: every change is a move with who, where, when and why.

On hand is the sum of a gift's moves. `gift_stock` keeps that sum for the counter to work
from, changed in the same transaction as the move, and `stock_problems` proves they agree.
Each use case writes its own operation to the outbox; a redemption's move is carried by
its `gift.redeem` operation (services.gifts.redeem), one fact for the centre to apply.
"""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from common.ids import new_id
from models.catalog import Gift
from models.counter import Counter, Store
from models.gifts import ADJUST_CAUSES, GiftStock, StockMove
from services.core.actor import Actor, Approval
from services.core.errors import NotFoundError, StateError, ValidationError
from services.core.journal import append_audit, record_operation
from services.core.uow import UnitOfWork
from services.protocol import codes
from services.rules import gifts as rules
from services.rules.permissions import Permission
from services.rules.text import clean_text, normalize_store_code, reason_problem
from services.staff.authz import authorize, require_permission


@dataclass(frozen=True)
class MoveResult:
    move_id: str
    gift_id: str
    kind: str
    quantity: int
    on_hand: int


# use cases ---------------------------------------------------------------------------------


def receive_stock(
    uow: UnitOfWork, actor: Actor, now: datetime, gift_id: str, quantity: int, delivery_ref: str
) -> MoveResult:
    """A delivery arrives in the back room; the delivery note's number explains it."""
    require_permission(actor, Permission.STOCK_RECEIVE)
    _check_quantity(quantity)
    reference = _checked_reference(delivery_ref)
    with uow:
        authorize(uow, actor, now, Permission.STOCK_RECEIVE, None)
        gift = find_gift(uow, gift_id)
        move = record_move(uow, actor, now, gift, "receive", quantity, "delivery", reference)
        _record(uow, actor, now, move, {"delivery_ref": reference})
        uow.commit()
        return _result(move)


def adjust_stock(
    uow: UnitOfWork,
    actor: Actor,
    now: datetime,
    gift_id: str,
    cause: str,
    quantity: int,
    reason: str,
    approval: Approval | None = None,
) -> MoveResult:
    """Damaged, lost or found pieces, with a reason and a manager (in person or by PIN)."""
    require_permission(actor, Permission.STOCK_MANAGE, approval)
    if cause not in ADJUST_CAUSES:
        raise ValidationError(codes.STOCK_BAD_CAUSE, cause=cause)
    _check_quantity(quantity)
    reason = _checked_reason(reason)
    with uow:
        authorize(uow, actor, now, Permission.STOCK_MANAGE, approval)
        gift = find_gift(uow, gift_id)
        delta = rules.adjustment_delta(cause, quantity)
        manager = approval.manager_id if approval else actor.staff_id
        move = record_move(
            uow, actor, now, gift, "adjust", delta, reason, cause=cause, approved_by=manager
        )
        _record(uow, actor, now, move, {"cause": cause})
        _audit(uow, actor, now, "stock.adjusted", move, approval)
        uow.commit()
        return _result(move)


def count_stock(
    uow: UnitOfWork,
    actor: Actor,
    now: datetime,
    counts: dict[str, int],
    note: str = "stock count",
    approval: Approval | None = None,
) -> list[MoveResult]:
    """A stock count: for each gift counted, the difference to the books becomes a move.

    One transaction for the whole count, so a count is never half-applied. A gift found
    exactly as booked still gets a move: the count itself is worth keeping.
    """
    require_permission(actor, Permission.STOCK_COUNT, approval)
    if not counts:
        raise ValidationError(codes.STOCK_NOTHING_COUNTED)
    for counted in counts.values():
        if problem := rules.counted_problem(counted):
            raise ValidationError(problem)
    note = clean_text(note)[:200] or "stock count"
    with uow:
        authorize(uow, actor, now, Permission.STOCK_COUNT, approval)
        manager = approval.manager_id if approval else actor.staff_id
        results = []
        for gift_id, counted in counts.items():
            gift = find_gift(uow, gift_id)
            delta = rules.count_difference(counted, on_hand(uow, actor.store_id, gift.id))
            move = record_move(
                uow, actor, now, gift, "count", delta, note, counted=counted, approved_by=manager
            )
            _record(uow, actor, now, move, {"counted": counted})
            if delta:
                _audit(uow, actor, now, "stock.counted", move, approval)
            results.append(_result(move))
        uow.commit()
        return results


def transfer_out(
    uow: UnitOfWork,
    actor: Actor,
    now: datetime,
    gift_id: str,
    quantity: int,
    to_store: str,
    approval: Approval | None = None,
) -> MoveResult:
    """Pieces sent to another store; that store books them with `transfer_in`."""
    require_permission(actor, Permission.STOCK_MANAGE, approval)
    _check_quantity(quantity)
    with uow:
        store_code = _other_store(uow, to_store)
        authorize(uow, actor, now, Permission.STOCK_MANAGE, approval)
        gift = find_gift(uow, gift_id)
        held = on_hand(uow, actor.store_id, gift.id)
        if quantity > held:  # the goods must be on the shelf to leave it
            raise StateError(codes.STOCK_NOT_ENOUGH, on_hand=held)
        manager = approval.manager_id if approval else actor.staff_id
        move = record_move(
            uow,
            actor,
            now,
            gift,
            "transfer_out",
            -quantity,
            "transfer",
            store_code,
            approved_by=manager,
        )
        _record(uow, actor, now, move, {"to_store": store_code})
        _audit(uow, actor, now, "stock.transferred_out", move, approval)
        uow.commit()
        return _result(move)


def transfer_in(
    uow: UnitOfWork, actor: Actor, now: datetime, gift_id: str, quantity: int, from_store: str
) -> MoveResult:
    require_permission(actor, Permission.STOCK_RECEIVE)
    _check_quantity(quantity)
    with uow:
        store_code = _other_store(uow, from_store)
        authorize(uow, actor, now, Permission.STOCK_RECEIVE, None)
        gift = find_gift(uow, gift_id)
        move = record_move(uow, actor, now, gift, "transfer_in", quantity, "transfer", store_code)
        _record(uow, actor, now, move, {"from_store": store_code})
        uow.commit()
        return _result(move)


# the move itself, shared with redemption ----------------------------------------------------


def record_move(
    uow: UnitOfWork,
    actor: Actor,
    now: datetime,
    gift: Gift,
    kind: str,
    quantity: int,
    reason: str,
    reference: str | None = None,
    *,
    cause: str | None = None,
    counted: int | None = None,
    approved_by: str | None = None,
) -> StockMove:
    """Inside an open unit of work: the move and the on-hand projection, together."""
    stock = _stock_row(uow, actor.store_id, gift.id, now)
    stock.on_hand += quantity
    stock.updated_at = now
    move = StockMove(
        id=new_id(),
        gift_id=gift.id,
        store_id=actor.store_id,
        kind=kind,
        quantity=quantity,
        on_hand_after=stock.on_hand,
        counted=counted,
        cause=cause,
        reason=reason,
        reference=reference,
        staff_id=actor.staff_id,
        approved_by=approved_by,
        device_id=actor.device_id,
        at=now,
    )
    uow.session.add(move)
    uow.flush()
    return move


def on_hand(uow: UnitOfWork, store_id: str, gift_id: str) -> int:
    """Inside an open unit of work."""
    stock = uow.session.get(GiftStock, (store_id, gift_id))
    return 0 if stock is None else stock.on_hand


def find_gift(uow: UnitOfWork, gift_id: str) -> Gift:
    gift = uow.session.get(Gift, gift_id)
    if gift is None:
        raise NotFoundError(codes.GIFT_NOT_FOUND)
    return gift


# the check -----------------------------------------------------------------------------------


def stock_problems(uow: UnitOfWork) -> list[str]:
    """Gifts whose on-hand disagrees with the sum of their moves (or their last move): none."""
    with uow:
        sums = (
            select(
                StockMove.store_id,
                StockMove.gift_id,
                func.sum(StockMove.quantity).label("total"),
            )
            .group_by(StockMove.store_id, StockMove.gift_id)
            .subquery()
        )
        rows = uow.session.execute(
            select(GiftStock.gift_id, GiftStock.on_hand, sums.c.total).outerjoin(
                sums,
                (sums.c.store_id == GiftStock.store_id) & (sums.c.gift_id == GiftStock.gift_id),
            )
        ).all()
        problems = [gift_id for gift_id, held, total in rows if held != (total or 0)]
        booked = set(uow.session.scalars(select(GiftStock.gift_id)))
        unbooked = uow.session.scalars(select(StockMove.gift_id).distinct()).all()
        problems += [gift_id for gift_id in unbooked if gift_id not in booked]
        for stock in uow.session.scalars(select(GiftStock)):
            last = uow.session.scalar(
                select(StockMove.on_hand_after)
                .where(StockMove.store_id == stock.store_id, StockMove.gift_id == stock.gift_id)
                .order_by(StockMove.at.desc(), StockMove.id.desc())
                .limit(1)
            )
            if last is not None and last != stock.on_hand and stock.gift_id not in problems:
                problems.append(stock.gift_id)
        return problems


# what the stock page shows ---------------------------------------------------------------------


# CSV ------------------------------------------------------------------------------------------


# helpers -------------------------------------------------------------------------------------


def _stock_row(uow: UnitOfWork, store_id: str, gift_id: str, now: datetime) -> GiftStock:
    stock = uow.session.get(GiftStock, (store_id, gift_id))
    if stock is None:
        stock = GiftStock(store_id=store_id, gift_id=gift_id, on_hand=0, updated_at=now)
        uow.session.add(stock)
    return stock


def this_store(uow: UnitOfWork) -> str:
    store_id = uow.session.scalar(select(Counter.store_id))
    if store_id is None:
        raise StateError(codes.COUNTER_NOT_SET_UP)
    return store_id


def _other_store(uow: UnitOfWork, text: str) -> str:
    code = normalize_store_code(text)
    if code is None:
        raise ValidationError(codes.STORE_BAD_CODE)
    own = uow.session.scalar(select(Store.code).join(Counter))
    if code == own:
        raise ValidationError(codes.STOCK_SAME_STORE)
    return code


def _check_quantity(quantity: int) -> None:
    if problem := rules.quantity_problem(quantity):
        raise ValidationError(problem, most=rules.MAX_MOVE_QUANTITY)


def _checked_reference(text: str) -> str:
    reference = rules.clean_reference(text)
    if reference is None:
        raise ValidationError(codes.STOCK_BAD_REFERENCE)
    return reference


def _checked_reason(text: str) -> str:
    reason = clean_text(text)
    if problem := reason_problem(reason):
        raise ValidationError(problem)
    return reason[:200]


def _record(uow: UnitOfWork, actor: Actor, now: datetime, move: StockMove, extra: dict) -> None:
    record_operation(
        uow,
        actor,
        now,
        f"stock.{move.kind}",
        {
            "move_id": move.id,
            "gift_id": move.gift_id,
            "quantity": move.quantity,
            "on_hand_after": move.on_hand_after,
            "reason": move.reason,
            "reference": move.reference,
            "approved_by": move.approved_by,
            "at": move.at.isoformat(),
            **extra,
        },
    )


def _audit(uow, actor, now, action: str, move: StockMove, approval: Approval | None) -> None:
    append_audit(
        uow,
        actor,
        now,
        action,
        f"gift:{move.gift_id}",
        {"move_id": move.id, "quantity": move.quantity, "on_hand_after": move.on_hand_after},
        reason=move.reason,
        approved_by=approval.manager_id if approval else None,
    )


def _result(move: StockMove) -> MoveResult:
    return MoveResult(move.id, move.gift_id, move.kind, move.quantity, move.on_hand_after)
