"""The points ledger: the one writer of entries, lots and the balance projection
(`uow.ledger`: credit, debit, restore, expire), for every use case that moves points.

Invariants kept in one place (and checked by `balance_problems`):
- a member's balance equals the sum of their ledger entries;
- the points left in their unexpired and expired lots sum to max(balance, 0): a balance
  below zero (a refund of points already spent) is a debt that new points pay first.
"""

from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import bindparam, func, insert, literal_column, null, or_, select, update

from common.ids import new_id, new_ids
from models.catalog import Member
from models.points import LotSpend, PointsEntry, PointsLot
from models.sync import SyncMember
from services.core.actor import Actor
from services.core.errors import StateError
from services.core.raw_sql import db_time
from services.core.repository import Repository, Statement
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


@dataclass(frozen=True)
class Entry:
    """A ledger entry just written, and the member's balance after it."""

    id: str
    delta: int
    balance: int


@dataclass
class _Lot:
    id: str
    entry_id: str
    remaining: int


_member, _entry, _lot, _spend = (
    Member.__table__,
    PointsEntry.__table__,
    PointsLot.__table__,
    LotSpend.__table__,
)
_BALANCE = Statement(
    select(_member.c.points_balance, _member.c.name).where(_member.c.id == bindparam("member_id"))
)
_ADD_BALANCE = Statement(
    update(_member)
    .where(_member.c.id == bindparam("member_id"))
    .values(points_balance=_member.c.points_balance + bindparam("delta"))
)
_INSERT_ENTRY = Statement(insert(_entry))
_INSERT_LOT = Statement(insert(_lot))
_INSERT_SPEND = Statement(
    insert(_spend).values(
        entry_id=bindparam("entry_id"), lot_id=bindparam("lot_id"), points=bindparam("points")
    )
)
_ADD_REMAINING = Statement(
    update(_lot)
    .where(_lot.c.id == bindparam("lot_id"))
    .values(remaining=_lot.c.remaining + bindparam("change"))
)
# A member new to this counter opens with the centre's balance (services.sync.members writes
# the member row with it): one adjust entry, and a lot when the balance is positive.
OPENING_ENTRY = Statement(
    insert(_entry).values(
        id=bindparam("id"),
        member_id=bindparam("member_id"),
        kind=literal_column("'adjust'"),
        delta=bindparam("delta"),
        reason=bindparam("reason"),
        reference=literal_column("'sync'"),
        reverses_id=null(),
        purchase_id=null(),
        staff_id=null(),
        device_id=bindparam("device_id"),
        store_id=bindparam("store_id"),
        rule_version=literal_column("1"),
        flag=bindparam("flag"),
        at=bindparam("at"),
    )
).in_order("id", "member_id", "delta", "reason", "device_id", "store_id", "flag", "at")
OPENING_LOT = Statement(insert(_lot)).in_order(
    "id", "member_id", "entry_id", "earned_at", "expires_at", "original", "remaining"
)
_BLOCKED = Statement(
    select(SyncMember.__table__.c.redeem_blocked).where(
        SyncMember.__table__.c.member_id == bindparam("member_id")
    )
)
_LOT_COLUMNS = (_lot.c.id, _lot.c.entry_id, _lot.c.remaining)
_OPEN_LOTS = Statement(
    select(*_LOT_COLUMNS)
    .where(
        _lot.c.member_id == bindparam("member_id"),
        _lot.c.remaining > 0,
        _lot.c.expires_at > bindparam("now"),
    )
    .order_by(_lot.c.expires_at, _lot.c.earned_at)
)
_DUE_LOTS = Statement(
    select(*_LOT_COLUMNS)
    .where(
        _lot.c.member_id == bindparam("member_id"),
        _lot.c.remaining > 0,
        _lot.c.expires_at <= bindparam("now"),
    )
    .order_by(_lot.c.expires_at)
)
_ANY_DUE = Statement(
    select(1)
    .where(
        _lot.c.member_id == bindparam("member_id"),
        _lot.c.remaining > 0,
        _lot.c.expires_at <= bindparam("now"),
    )
    .limit(1)
)


def _restorable(count: int) -> Statement:
    """The lots `count` spends took points from (net of earlier give-backs of the same
    spends), unexpired, latest expiry first."""
    spent_by = [bindparam(f"spent_{i}") for i in range(count)]
    given_back = select(_entry.c.id).where(_entry.c.reverses_id.in_(spent_by), _entry.c.delta > 0)
    return Statement(
        select(_lot.c.id, _lot.c.original, _lot.c.remaining, func.sum(_spend.c.points))
        .join(_spend, _spend.c.lot_id == _lot.c.id)
        .where(
            or_(_spend.c.entry_id.in_(spent_by), _spend.c.entry_id.in_(given_back)),
            _lot.c.expires_at > bindparam("now"),
        )
        .group_by(_lot.c.id)
        .order_by(_lot.c.expires_at.desc())
    )


_RESTORABLE: dict[int, Statement] = {}


class Ledger(Repository):
    """`uow.ledger`: every change of a member's points, in Core statements on the unit of
    work's connection. Times are aware datetimes; the session's copy of a member's balance
    (and of a lot's remaining points) is expired when written here."""

    def balance(self, member_id: str) -> int:
        return self.one(_BALANCE, member_id=member_id)[0]

    def credit(
        self,
        actor: Actor,
        now: datetime,
        member_id: str,
        points: int,
        expires_at: datetime,
        posting: Posting,
        rule_version: int,
    ) -> Entry:
        """Adds points as a new lot; any debt (a negative balance) is paid from it first."""
        before = self.balance(member_id)
        entry = self._post(actor, now, member_id, before, points, posting, rule_version)
        remaining = points - min(points, max(-before, 0))
        self.run(
            _INSERT_LOT,
            id=new_id(),
            member_id=member_id,
            entry_id=entry.id,
            earned_at=db_time(now),
            expires_at=db_time(expires_at),
            original=points,
            remaining=remaining,
        )
        return entry

    def debit(
        self,
        actor: Actor,
        now: datetime,
        member_id: str,
        points: int,
        posting: Posting,
        rule_version: int,
        allow_debt: bool = False,
        first_from: list[str] | None = None,
    ) -> Entry:
        """Takes points from the lots that expire soonest. Without `allow_debt` a shortfall
        is refused (a counter never redeems below zero); with it, the rest becomes a debt.
        `first_from`: earn entries whose lots are used before the soonest-expiring order."""
        before, name = self.one(_BALANCE, member_id=member_id)
        if not allow_debt and self._redemption_blocked(member_id):
            raise StateError(codes.POINTS_REDEMPTION_BLOCKED, name=name)
        lots = [_Lot(*row) for row in self.all(_OPEN_LOTS, member_id=member_id, now=db_time(now))]
        if first_from:  # a refund takes back the purchase's own points before any others
            lots.sort(key=lambda lot: lot.entry_id not in first_from)
        available = sum(lot.remaining for lot in lots)
        if available < points and not allow_debt:
            raise StateError(codes.POINTS_INSUFFICIENT, balance=before, needed=points)
        entry = self._post(actor, now, member_id, before, -points, posting, rule_version)
        self._take(entry.id, lots, min(points, available))
        return entry

    def expire(
        self, actor: Actor, now: datetime, member_id: str, rule_version
    ) -> tuple[int, list[str], int | None]:
        """Expires the member's lots that are due: (points, the earn entries of those lots,
        the rule version written).
        `rule_version`: a version, or a function giving it (asked only when points expire)."""
        at = db_time(now)
        if self.one(_ANY_DUE, member_id=member_id, now=at) is None:
            return 0, [], None  # the usual case, asked in one small query
        lots = [_Lot(*row) for row in self.all(_DUE_LOTS, member_id=member_id, now=at)]
        points = sum(lot.remaining for lot in lots)
        if not points:
            return 0, [], None
        version = rule_version() if callable(rule_version) else rule_version
        before = self.balance(member_id)
        posting = Posting("expire", "points expired")
        entry = self._post(actor, now, member_id, before, -points, posting, version)
        self._take(entry.id, lots, points)
        return points, [lot.entry_id for lot in lots], version

    def restore(
        self,
        actor: Actor,
        now: datetime,
        member_id: str,
        spent_by: list[str],
        points: int,
        posting: Posting,
        rule_version: int,
    ) -> int:
        """Gives back up to `points` to the lots that `spent_by` entries took them from,
        keeping each lot's own expiry (latest first). Points whose lot has expired meanwhile
        are not given back: they would have expired anyway. Returns the points given back."""
        # Earlier give-backs of the same spends count against them: two partial refunds
        # never return more to a lot than these entries took from it.
        statement = _RESTORABLE.get(len(spent_by))
        if statement is None:
            statement = _RESTORABLE[len(spent_by)] = _restorable(len(spent_by))
        spent = {f"spent_{i}": entry_id for i, entry_id in enumerate(spent_by)}
        rows = self.all(statement, now=db_time(now), **spent)
        amount = min(points, sum(max(net, 0) for *_lot, net in rows))
        if amount <= 0:
            return 0
        before = self.balance(member_id)
        if posting.reverses_id is None:
            posting = replace(posting, reverses_id=spent_by[0])
        entry = self._post(actor, now, member_id, before, amount, posting, rule_version)
        # A debt (negative balance) is paid first: only what lifts the balance above zero
        # goes back into lots, so lots keep summing to max(balance, 0).
        to_lots = max(before + amount, 0) - max(before, 0)
        for lot_id, original, remaining, net in rows:
            if to_lots == 0:
                break
            back = min(max(net, 0), original - remaining, to_lots)
            if back > 0:
                self._move(entry.id, lot_id, back)
                to_lots -= back
        return amount

    def open_accounts(
        self,
        actor: Actor,
        now: datetime,
        balances: list[tuple[str, int]],
        reason: str,
        expires_at: datetime,
    ) -> None:
        """The opening entries of members just written with these balances (a first pull:
        a bulk load, so plain tuples): an adjust entry each, flagged `arrears` below zero,
        and a lot for a positive balance."""
        opening = [(member_id, balance) for member_id, balance in balances if balance != 0]
        entry_ids = new_ids(len(opening))
        at, never = db_time(now), db_time(expires_at)
        device, store = actor.device_id, actor.store_id
        self.run_rows(
            OPENING_ENTRY,
            [
                (entry_id, member_id, balance, reason, device, store, _arrears(balance), at)
                for entry_id, (member_id, balance) in zip(entry_ids, opening, strict=True)
            ],
        )
        positive = [(e, m, b) for e, (m, b) in zip(entry_ids, opening, strict=True) if b > 0]
        self.run_rows(
            OPENING_LOT,
            [
                (lot_id, member_id, entry_id, at, never, balance, balance)
                for lot_id, (entry_id, member_id, balance) in zip(
                    new_ids(len(positive)), positive, strict=True
                )
            ],
        )

    def _post(
        self,
        actor: Actor,
        now: datetime,
        member_id: str,
        before: int,
        delta: int,
        posting: Posting,
        rule_version: int,
    ) -> Entry:
        entry_id = new_id()
        self.run(
            _INSERT_ENTRY,
            id=entry_id,
            member_id=member_id,
            kind=posting.kind,
            delta=delta,
            reason=posting.reason,
            reference=posting.reference,
            reverses_id=posting.reverses_id,
            purchase_id=posting.purchase_id,
            staff_id=actor.staff_id,
            device_id=actor.device_id,
            store_id=actor.store_id,
            rule_version=rule_version,
            flag=posting.flag,
            at=db_time(now),
        )
        self.run(_ADD_BALANCE, member_id=member_id, delta=delta)
        self.forget(Member, member_id, "points_balance")
        return Entry(entry_id, delta, before + delta)

    def _take(self, entry_id: str, lots: list[_Lot], points: int) -> None:
        need = points
        for lot in lots:
            if need == 0:
                break
            take = min(lot.remaining, need)
            self._move(entry_id, lot.id, -take)
            need -= take

    def _move(self, entry_id: str, lot_id: str, change: int) -> None:
        """`change` points into (or, negative, out of) a lot, and the spend row saying so
        (a spend's points are what left the lot)."""
        self.run(_ADD_REMAINING, lot_id=lot_id, change=change)
        self.run(_INSERT_SPEND, entry_id=entry_id, lot_id=lot_id, points=-change)
        self.forget(PointsLot, lot_id, "remaining")

    def _redemption_blocked(self, member_id: str) -> bool:
        """The centre found this member over-redeemed across stores: no redemption at a
        counter until the arrears are settled (the next pull lifts the block)."""
        row = self.one(_BLOCKED, member_id=member_id)
        return bool(row and row[0])


def _arrears(balance: int) -> str | None:
    return "arrears" if balance < 0 else None


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
