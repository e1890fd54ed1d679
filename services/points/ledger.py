"""Ledger mechanics every points use case shares: entries, lots, and the balance projection.

Invariants kept in one place (and checked by `balance_problems`):
- a member's balance equals the sum of their ledger entries;
- the points left in their unexpired and expired lots sum to max(balance, 0): a balance
  below zero (a refund of points already spent) is a debt that new points pay first.
"""

from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import func, or_, select

from common.ids import new_id
from models.catalog import Member
from models.points import LotSpend, PointsEntry, PointsLot
from models.sync import SyncMember
from services.core.actor import Actor
from services.core.errors import StateError
from services.core.uow import UnitOfWork
from services.protocol import codes


@dataclass(frozen=True)
class Posting:
    kind: str
    reason: str
    reference: str | None = None
    purchase_id: str | None = None
    reverses_id: str | None = None
    flag: str | None = None


def post_entry(
    uow: UnitOfWork,
    actor: Actor,
    now: datetime,
    member: Member,
    delta: int,
    posting: Posting,
    rule_version: int,
) -> PointsEntry:
    entry = PointsEntry(
        id=new_id(),
        member_id=member.id,
        kind=posting.kind,
        delta=delta,
        reason=posting.reason,
        reference=posting.reference,
        purchase_id=posting.purchase_id,
        reverses_id=posting.reverses_id,
        staff_id=actor.staff_id,
        device_id=actor.device_id,
        store_id=actor.store_id,
        rule_version=rule_version,
        flag=posting.flag,
        at=now,
    )
    uow.session.add(entry)
    member.points_balance += delta
    return entry


def credit(
    uow: UnitOfWork,
    actor: Actor,
    now: datetime,
    member: Member,
    points: int,
    expires_at: datetime,
    posting: Posting,
    rule_version: int,
) -> PointsEntry:
    """Adds points as a new lot; any debt (a negative balance) is paid from it first."""
    debt = max(-member.points_balance, 0)
    entry = post_entry(uow, actor, now, member, points, posting, rule_version)
    uow.flush()
    uow.session.add(
        PointsLot(
            id=new_id(),
            member_id=member.id,
            entry_id=entry.id,
            earned_at=now,
            expires_at=expires_at,
            original=points,
            remaining=points - min(points, debt),
        )
    )
    return entry


def credit_plain(
    conn,
    actor: Actor,
    at: str,
    member_id: str,
    points: int,
    expires_at: str,
    posting: Posting,
    rule_version: int,
) -> str:
    """`credit` in four plain statements on the unit of work's own sqlite3 connection, for
    the door's hot path (no ORM objects: the session must not hold this member). Times are
    given as stored (naive UTC text). Same invariants: the entry, the balance, and a lot
    holding only what lifts the balance above zero (a debt is paid first)."""
    balance = conn.execute(
        "SELECT points_balance FROM member WHERE id = ?", (member_id,)
    ).fetchone()[0]
    entry_id = new_id()
    conn.execute(
        "INSERT INTO points_entry (id, member_id, kind, delta, reason, reference, reverses_id,"
        " purchase_id, staff_id, device_id, store_id, rule_version, flag, at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            entry_id,
            member_id,
            posting.kind,
            points,
            posting.reason,
            posting.reference,
            posting.reverses_id,
            posting.purchase_id,
            actor.staff_id,
            actor.device_id,
            actor.store_id,
            rule_version,
            posting.flag,
            at,
        ),
    )
    conn.execute(
        "UPDATE member SET points_balance = points_balance + ? WHERE id = ?", (points, member_id)
    )
    remaining = points - min(points, max(-balance, 0))
    conn.execute(
        "INSERT INTO points_lot (id, member_id, entry_id, earned_at, expires_at, original,"
        " remaining) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (new_id(), member_id, entry_id, at, expires_at, points, remaining),
    )
    return entry_id


def debit(
    uow: UnitOfWork,
    actor: Actor,
    now: datetime,
    member: Member,
    points: int,
    posting: Posting,
    rule_version: int,
    allow_debt: bool = False,
    first_from: list[str] | None = None,
) -> PointsEntry:
    """Takes points from the lots that expire soonest. Without `allow_debt` a shortfall is
    refused (a counter never redeems below zero); with it, the rest becomes a debt.
    `first_from`: earn entries whose lots are used before the soonest-expiring order."""
    if not allow_debt and _redemption_blocked(uow, member.id):
        raise StateError(codes.POINTS_REDEMPTION_BLOCKED, name=member.name)
    lots = open_lots(uow, member.id, now)
    if first_from:  # a refund takes back the purchase's own points before any others
        lots.sort(key=lambda lot: lot.entry_id not in first_from)
    available = sum(lot.remaining for lot in lots)
    if available < points and not allow_debt:
        raise StateError(codes.POINTS_INSUFFICIENT, balance=member.points_balance, needed=points)
    entry = post_entry(uow, actor, now, member, -points, posting, rule_version)
    uow.flush()
    take_from_lots(uow, entry, lots, min(points, available))
    return entry


def _redemption_blocked(uow: UnitOfWork, member_id: str) -> bool:
    """The centre found this member over-redeemed across stores: no redemption at a counter
    until the arrears are settled (the next pull lifts the block)."""
    return bool(
        uow.session.scalar(
            select(SyncMember.redeem_blocked).where(SyncMember.member_id == member_id)
        )
    )


def open_lots(uow: UnitOfWork, member_id: str, now: datetime) -> list[PointsLot]:
    return list(
        uow.session.scalars(
            select(PointsLot)
            .where(
                PointsLot.member_id == member_id,
                PointsLot.remaining > 0,
                PointsLot.expires_at > now,
            )
            .order_by(PointsLot.expires_at, PointsLot.earned_at)
        )
    )


def take_from_lots(uow: UnitOfWork, entry: PointsEntry, lots: list[PointsLot], points: int) -> None:
    need = points
    for lot in lots:
        if need == 0:
            break
        take = min(lot.remaining, need)
        lot.remaining -= take
        uow.session.add(LotSpend(entry_id=entry.id, lot_id=lot.id, points=take))
        need -= take


def balance_problems(uow: UnitOfWork, member_ids: list[str] | None = None) -> list[str]:
    """Members whose balance disagrees with their ledger or their lots: should be none."""
    ledger = (
        select(PointsEntry.member_id, func.sum(PointsEntry.delta).label("total"))
        .group_by(PointsEntry.member_id)
        .subquery()
    )
    lots = (
        select(PointsLot.member_id, func.sum(PointsLot.remaining).label("left"))
        .group_by(PointsLot.member_id)
        .subquery()
    )
    query = (
        select(Member.id, Member.points_balance, ledger.c.total, lots.c.left)
        .outerjoin(ledger, ledger.c.member_id == Member.id)
        .outerjoin(lots, lots.c.member_id == Member.id)
    )
    if member_ids is not None:
        query = query.where(Member.id.in_(member_ids))
    problems = []
    for member_id, balance, total, left in uow.session.execute(query):
        if balance != (total or 0) or max(balance, 0) != (left or 0):
            problems.append(member_id)
    return problems


def restore(
    uow: UnitOfWork,
    actor: Actor,
    now: datetime,
    member: Member,
    spent_by: list[str],
    points: int,
    posting: Posting,
    rule_version: int,
) -> int:
    """Gives back up to `points` to the lots that `spent_by` entries took them from, keeping
    each lot's own expiry (latest first). Points whose lot has expired meanwhile are not
    given back: they would have expired anyway. Returns the points given back."""
    # Earlier give-backs of the same spends count against them: two partial refunds never
    # return more to a lot than these entries took from it.
    given_back = select(PointsEntry.id).where(
        PointsEntry.reverses_id.in_(spent_by), PointsEntry.delta > 0
    )
    rows = uow.session.execute(
        select(PointsLot, func.sum(LotSpend.points))
        .join(LotSpend, LotSpend.lot_id == PointsLot.id)
        .where(
            or_(LotSpend.entry_id.in_(spent_by), LotSpend.entry_id.in_(given_back)),
            PointsLot.expires_at > now,
        )
        .group_by(PointsLot.id)
        .order_by(PointsLot.expires_at.desc())
    ).all()
    amount = min(points, sum(max(net, 0) for _lot, net in rows))
    if amount <= 0:
        return 0
    before = member.points_balance
    if posting.reverses_id is None:
        posting = replace(posting, reverses_id=spent_by[0])
    entry = post_entry(uow, actor, now, member, amount, posting, rule_version)
    uow.flush()
    # A debt (negative balance) is paid first: only what lifts the balance above zero
    # goes back into lots, so lots keep summing to max(balance, 0).
    to_lots = max(before + amount, 0) - max(before, 0)
    for lot, net in rows:
        if to_lots == 0:
            break
        back = min(max(net, 0), lot.original - lot.remaining, to_lots)
        if back > 0:
            lot.remaining += back
            uow.session.add(LotSpend(entry_id=entry.id, lot_id=lot.id, points=-back))
            to_lots -= back
    return amount
