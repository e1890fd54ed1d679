"""Points at the counter: quote and earn on a purchase, points as cash, refunds, manager
adjustments, expiry, tiers, and the history a cashier can show the customer."""

import json
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import aliased
from sqlalchemy.orm.attributes import set_committed_value

from models.catalog import Member
from models.counter import Counter, Store
from models.points import LotSpend, PointsEntry, PointsLot, Purchase, TierChange
from models.staff import Staff
from models.visits import Visit
from services.actor import Actor, Approval
from services.authz import authorize, require_permission
from services.coupon_use import CouponCheck, check_coupon, mark_redeemed
from services.errors import NotFoundError, StateError, ValidationError
from services.ids import new_id
from services.journal import append_audit, insert_operation, record_operation
from services.lease import require_lease
from services.ledger import (
    Posting,
    credit,
    credit_plain,
    debit,
    post_entry,
    restore,
    take_from_lots,
)
from services.member_lookup import find_member as _member
from services.raw_sql import db_time, from_db_time, raw_connection
from services.rule_sets import rules_in
from services.rules import points as rules
from services.rules.members import is_birthday_month, store_day_start
from services.rules.permissions import Permission
from services.rules.text import clean_text, reason_problem
from services.streaks import award_streak_bonus
from services.uow import UnitOfWork

RECEIPT_MAX = 64
HISTORY_LIMIT = 100
UPGRADE_REASON = "upgrade on purchase"
Spender = aliased(PointsEntry)  # the entry that took points from a lot


@dataclass(frozen=True)
class Quote:
    member_id: str
    gross_fen: int
    discount_fen: int
    points_cash: int
    points_cash_fen: int
    paid_fen: int
    coupon_fen: int
    coupon: CouponCheck | None
    points: rules.PointsBreakdown
    tier: str
    birthday_month: bool
    balance: int
    rule_version: int


@dataclass(frozen=True)
class Tender:
    """How the customer pays beyond money: points as cash and a coupon's signed text."""

    points_as_cash: int = 0
    coupon_text: str | None = None
    online: bool = False


@dataclass(frozen=True)
class EarnResult:
    purchase_id: str
    receipt_no: str
    quote: Quote
    balance: int
    next_expiry: datetime | None
    next_expiry_points: int
    new_tier: str | None


@dataclass(frozen=True)
class RefundResult:
    receipt_no: str
    refund_fen: int
    points_reversed: int
    points_returned: int
    balance: int
    below_zero: bool
    new_tier: str | None = None  # set when the refund took back the upgrade it had brought


@dataclass(frozen=True)
class LedgerLine:
    at: datetime
    kind: str
    delta: int
    reason: str
    reference: str | None
    staff_name: str | None
    store_name: str
    counter_label: str
    flag: str | None


# rules ------------------------------------------------------------------------------


# quote and earn -----------------------------------------------------------------------


def quote(
    uow: UnitOfWork,
    member_id: str,
    gross_fen: int,
    categories: dict[str, int],
    points_as_cash: int,
    now: datetime,
    coupon_text: str | None = None,
    online: bool = False,
) -> Quote:
    """What the purchase comes to and earns, before the cashier confirms. Writes nothing."""
    with uow:
        member = _member(uow, member_id)
        tender = Tender(points_as_cash, coupon_text, online)
        return _quote(uow, member, gross_fen, categories, tender, now)


def earn(
    uow: UnitOfWork,
    actor: Actor,
    now: datetime,
    member_id: str,
    receipt_no: str,
    gross_fen: int,
    categories: dict[str, int],
    points_as_cash: int = 0,
    coupon_text: str | None = None,
    online: bool = False,
) -> EarnResult:
    require_permission(actor, Permission.POINTS_EARN)
    receipt = _checked_receipt(receipt_no)
    with uow:
        member = _member(uow, member_id)
        _refuse_duplicate_receipt(uow, actor.store_id, receipt)
        rule_set, timezone = rules_in(uow, now), _timezone(uow)  # read once per earn
        expire_member(uow, actor, now, member, rule_set.version)
        tender = Tender(points_as_cash, coupon_text, online)
        q = _quote(uow, member, gross_fen, categories, tender, now, rule_set, timezone)
        purchase = Purchase(
            id=new_id(),
            store_id=actor.store_id,
            receipt_no=receipt,
            member_id=member.id,
            gross_fen=gross_fen,
            discount_fen=q.discount_fen,
            points_cash_fen=q.points_cash_fen,
            coupon_id=q.coupon.claim.coupon_id if q.coupon else None,
            coupon_fen=q.coupon_fen,
            paid_fen=q.paid_fen,
            categories=json.dumps(categories, sort_keys=True),
            points_earned=q.points.total,
            points_spent=q.points_cash,
            refunded_fen=0,
            points_reversed=0,
            staff_id=actor.staff_id,
            device_id=actor.device_id,
            rule_version=q.rule_version,
            at=now,
        )
        if q.coupon:
            mark_redeemed(uow, actor, now, q.coupon, receipt)
        if q.points_cash:
            posting = Posting("redeem", "points as cash", receipt, purchase.id)
            debit(uow, actor, now, member, q.points_cash, posting, q.rule_version)
            record_operation(
                uow,
                actor,
                now,
                "points.redeem",
                {
                    "member_id": member.id,
                    "points": q.points_cash,
                    "cash_fen": q.points_cash_fen,
                    "purchase_id": purchase.id,
                    "receipt_no": receipt,
                    "rule_version": q.rule_version,
                },
            )
        _write_sale(uow, actor, now, member, purchase, q, timezone)
        new_tier = _upgrade_tier(uow, actor, now, member, rule_set)
        uow.flush()
        expiry, expiring = _next_expiry(uow, member.id, now)
        uow.commit()
        return EarnResult(
            purchase.id, receipt, q, member.points_balance, expiry, expiring, new_tier
        )


def _write_sale(uow, actor, now, member: Member, purchase: Purchase, q: Quote, timezone) -> None:
    """The purchase, its points and its operation in plain SQL: through the ORM these rows
    and their flushes were most of an earn."""
    uow.flush()  # what the ORM holds (an expiry, a coupon, points as cash) goes first
    conn = raw_connection(uow)
    columns = Purchase.__table__.columns
    conn.execute(
        f"INSERT INTO purchase ({', '.join(c.name for c in columns)})"
        f" VALUES ({', '.join('?' * len(columns))})",
        [_stored(getattr(purchase, c.key)) for c in columns],
    )
    at = db_time(now)
    if q.points.total:
        expires = db_time(rules.points_expire_at(now, timezone))
        posting = Posting("earn", "purchase", purchase.receipt_no, purchase.id)
        credit_plain(conn, actor, at, member.id, q.points.total, expires, posting, q.rule_version)
    conn.execute("UPDATE member SET last_purchase_at = ? WHERE id = ?", (at, member.id))
    insert_operation(conn, actor, now, "points.earn", _earn_payload(purchase, q))
    # The member object learns what was written underneath it, as committed values: the
    # ORM neither reloads the row nor writes these columns back.
    set_committed_value(member, "points_balance", member.points_balance + q.points.total)
    set_committed_value(member, "last_purchase_at", now)


def _stored(value):
    return db_time(value) if isinstance(value, datetime) else value


def _quote(
    uow: UnitOfWork,
    member: Member,
    gross_fen: int,
    categories: dict[str, int],
    tender: Tender,
    now: datetime,
    rule_set: rules.RuleSet | None = None,
    timezone: str | None = None,
) -> Quote:
    if not isinstance(gross_fen, int) or not 0 < gross_fen <= rules.MAX_PURCHASE_FEN:
        raise ValidationError("purchase.bad_amount")
    if any(v < 0 for v in categories.values()) or sum(categories.values()) > gross_fen:
        raise ValidationError("purchase.bad_categories")
    rule_set = rule_set or rules_in(uow, now)
    timezone = timezone or _timezone(uow)
    discount = rules.member_discount_fen(gross_fen, member.tier, rule_set)
    payable = gross_fen - discount
    coupon = None
    if tender.coupon_text:
        coupon = check_coupon(uow, tender.coupon_text, member, payable, now, tender.online)
        payable -= coupon.discount_fen
    points_as_cash = tender.points_as_cash
    if points_as_cash:
        require_lease(uow, now)  # points spent as cash wait for the centre past the lease
    problem = rules.cash_points_problem(points_as_cash, member.points_balance, payable, rule_set)
    if problem:
        raise ValidationError(problem, balance=member.points_balance)
    cash_fen = rules.cash_value_fen(points_as_cash, rule_set)
    paid = payable - cash_fen
    birthday = is_birthday_month(member.birth_month, now, timezone)
    local_day = now.astimezone(ZoneInfo(timezone)).date()
    breakdown = rules.points_for_purchase(
        paid, gross_fen, categories, member.tier, birthday, local_day, rule_set
    )
    return Quote(
        member.id,
        gross_fen,
        discount,
        points_as_cash,
        cash_fen,
        paid,
        coupon.discount_fen if coupon else 0,
        coupon,
        breakdown,
        member.tier,
        birthday,
        member.points_balance,
        rule_set.version,
    )


# refunds and adjustments ------------------------------------------------------------------


def refund(
    uow: UnitOfWork,
    actor: Actor,
    now: datetime,
    receipt_no: str,
    refund_fen: int,
) -> RefundResult:
    """A full or partial refund takes back earned points in proportion and gives back spent
    ones. A member who already spent the points goes below zero: recorded and flagged."""
    require_permission(actor, Permission.POINTS_EARN)
    receipt = _checked_receipt(receipt_no)
    with uow:
        purchase = uow.session.scalar(
            select(Purchase).where(
                Purchase.store_id == actor.store_id, Purchase.receipt_no == receipt
            )
        )
        if purchase is None:
            raise NotFoundError("purchase.not_found", receipt=receipt)
        left = _refund_base(purchase) - purchase.refunded_fen
        if not 0 < refund_fen <= left:
            raise ValidationError("refund.bad_amount", left_fen=left)
        member = _member(uow, purchase.member_id, active_only=False)
        expire_member(uow, actor, now, member)
        version = rules_in(uow, now).version
        proportional = rules.refund_reversal(
            purchase.points_earned,
            purchase.points_reversed,
            _refund_base(purchase),
            purchase.refunded_fen,
            refund_fen,
        )
        # Points of this purchase that already expired were taken once: never twice, and
        # not as a debt. The centre allows any reversal up to the proportional one.
        reverse = min(proportional, _still_held(uow, purchase))
        give_back = _points_to_give_back(purchase, refund_fen)
        if give_back:  # first, so the flag below looks at the balance the refund ends with
            spent_by = uow.session.scalars(
                select(PointsEntry.id).where(
                    PointsEntry.purchase_id == purchase.id, PointsEntry.kind == "redeem"
                )
            ).all()
            posting = Posting(
                "reversal", "refund: points used as cash returned", receipt, purchase.id
            )
            give_back = restore(
                uow, actor, now, member, list(spent_by), give_back, posting, version
            )
        flag = None
        if reverse:
            below = member.points_balance - reverse < 0
            flag = "balance_below_zero" if below else None
            posting = Posting("reversal", "refund", receipt, purchase.id, flag=flag)
            own = uow.session.scalars(
                select(PointsEntry.id).where(
                    PointsEntry.purchase_id == purchase.id, PointsEntry.kind == "earn"
                )
            ).all()
            debit(
                uow,
                actor,
                now,
                member,
                reverse,
                posting,
                version,
                allow_debt=True,
                first_from=list(own),
            )
        purchase.refunded_fen += refund_fen
        purchase.points_reversed += reverse
        new_tier = None
        if purchase.refunded_fen == _refund_base(purchase):
            uow.flush()  # the spend below reads the refunded purchase
            new_tier = _undo_upgrade(uow, actor, now, member, purchase)
        record_operation(
            uow,
            actor,
            now,
            "points.refund",
            {
                "purchase_id": purchase.id,
                "receipt_no": receipt,
                "member_id": member.id,
                "refund_fen": refund_fen,
                "points_reversed": reverse,
                "points_returned": give_back,
                "rule_version": version,
            },
        )
        if flag:
            append_audit(
                uow,
                actor,
                now,
                "points.below_zero",
                f"member:{member.id}",
                {"balance": member.points_balance, "receipt_no": receipt},
            )
        uow.commit()
        return RefundResult(
            receipt,
            refund_fen,
            reverse,
            give_back,
            member.points_balance,
            flag is not None,
            new_tier,
        )


def _refund_base(purchase: Purchase) -> int:
    """What the customer gave for the goods: money and points as cash (not the member
    discount or a coupon, which were never theirs to get back)."""
    return purchase.paid_fen + purchase.points_cash_fen


def _still_held(uow: UnitOfWork, purchase: Purchase) -> int:
    """What the member still holds of the points this purchase earned: earned, less what
    refunds took back and what expired from its lots."""
    expired = uow.session.scalar(
        select(func.coalesce(func.sum(LotSpend.points), 0))
        .join(PointsLot, PointsLot.id == LotSpend.lot_id)
        .join(PointsEntry, PointsEntry.id == PointsLot.entry_id)
        .join(Spender, Spender.id == LotSpend.entry_id)
        .where(
            PointsEntry.purchase_id == purchase.id,
            PointsEntry.kind == "earn",
            Spender.kind == "expire",
        )
    )
    return max(purchase.points_earned - purchase.points_reversed - expired, 0)


def _undo_upgrade(
    uow: UnitOfWork, actor: Actor, now: datetime, member: Member, purchase
) -> str | None:
    """A full refund of the purchase that upgraded the member takes the upgrade back at once
    (not at the quarter's review): to what the remaining spend qualifies for, never below
    the tier the member had before it. Returns the new tier, or None."""
    last = uow.session.scalars(
        select(TierChange)
        .where(TierChange.member_id == member.id)
        .order_by(TierChange.at.desc(), TierChange.id.desc())
        .limit(1)
    ).first()
    if last is None or last.reason != UPGRADE_REASON or last.at != purchase.at:
        return None
    spend = trailing_spend_fen(uow, member.id, now)
    qualified = rules.tier_for_spend(spend, rules_in(uow, now))
    tier = max(qualified, last.from_tier, key=rules.tier_rank)
    if rules.tier_rank(tier) >= rules.tier_rank(member.tier):
        return None
    _change_tier(uow, actor, now, member, tier, "refund of the upgrading purchase", spend)
    return tier


def _points_to_give_back(purchase: Purchase, refund_fen: int) -> int:
    return rules.refund_give_back(
        purchase.points_spent, _refund_base(purchase), purchase.refunded_fen, refund_fen
    )


def adjust(
    uow: UnitOfWork,
    actor: Actor,
    now: datetime,
    member_id: str,
    delta: int,
    reason: str,
    approval: Approval | None = None,
) -> int:
    """A manager's correction, with a reason; returns the new balance."""
    require_permission(actor, Permission.POINTS_ADJUST, approval)
    reason = clean_text(reason)
    if problem := reason_problem(reason):
        raise ValidationError(problem)
    if delta == 0 or abs(delta) > rules.MAX_ADJUSTMENT:
        raise ValidationError("points.bad_adjustment")
    with uow:
        authorize(uow, actor, now, Permission.POINTS_ADJUST, approval)
        member = _member(uow, member_id, active_only=False)
        expire_member(uow, actor, now, member)
        version = rules_in(uow, now).version
        posting = Posting("adjust", reason)
        if delta > 0:
            expires = rules.points_expire_at(now, _timezone(uow))
            credit(uow, actor, now, member, delta, expires, posting, version)
        else:
            debit(uow, actor, now, member, -delta, posting, version)
        record_operation(
            uow,
            actor,
            now,
            "points.adjust",
            {
                "member_id": member.id,
                "delta": delta,
                "reason": reason,
                "approved_by": approval.manager_id if approval else actor.staff_id,
                "rule_version": version,
            },
        )
        append_audit(
            uow,
            actor,
            now,
            "points.adjusted",
            f"member:{member.id}",
            {"delta": delta},
            reason=reason,
            approved_by=approval.manager_id if approval else None,
        )
        uow.commit()
        return member.points_balance


def award_visit_bonus(uow: UnitOfWork, actor: Actor, now: datetime, member: Member) -> int:
    """Inside an open unit of work, before the visit is added: the once-a-day bonus and the
    streak reward, if any. Returns the points credited."""
    rule_set = rules_in(uow, now)
    if rule_set.visit_bonus_points <= 0 and rule_set.streak_bonus_points <= 0:
        return 0
    timezone = _timezone(uow)
    day_start = store_day_start(now, timezone)
    earlier = uow.session.scalar(
        select(func.count())
        .select_from(Visit)
        .where(Visit.member_id == member.id, Visit.at >= day_start)
    )
    if earlier:
        return 0
    streak = award_streak_bonus(uow, actor, now, member, rule_set, timezone, day_start)
    if rule_set.visit_bonus_points <= 0:
        return streak
    expires = rules.points_expire_at(now, timezone)
    posting = Posting("visit_bonus", "daily visit bonus", day_start.date().isoformat())
    credit(uow, actor, now, member, rule_set.visit_bonus_points, expires, posting, rule_set.version)
    record_operation(
        uow,
        actor,
        now,
        "points.visit_bonus",
        {
            "member_id": member.id,
            "points": rule_set.visit_bonus_points,
            "day": day_start.date().isoformat(),
            "rule_version": rule_set.version,
        },
    )
    return rule_set.visit_bonus_points + streak


# expiry -------------------------------------------------------------------------------


def expire_due(uow: UnitOfWork, actor: Actor, now: datetime) -> int:
    """Every lot past its expiry becomes an expire entry; returns how many members lost points."""
    with uow:
        member_ids = uow.session.scalars(
            select(PointsLot.member_id)
            .where(PointsLot.remaining > 0, PointsLot.expires_at <= now)
            .distinct()
        ).all()
        for member_id in member_ids:
            expire_member(uow, actor, now, uow.session.get(Member, member_id))
        uow.commit()
        return len(member_ids)


def expire_member(
    uow: UnitOfWork, actor: Actor, now: datetime, member: Member, version: int | None = None
) -> int:
    """Inside an open unit of work: expires this member's lots that are due; returns points."""
    due = (
        _plain(uow)
        .execute(
            "SELECT 1 FROM points_lot WHERE member_id = ? AND remaining > 0 AND expires_at <= ?"
            " LIMIT 1",
            (member.id, db_time(now)),
        )
        .fetchone()
    )
    if due is None:  # the usual case, asked in one plain query
        return 0
    lots = list(
        uow.session.scalars(
            select(PointsLot)
            .where(
                PointsLot.member_id == member.id,
                PointsLot.remaining > 0,
                PointsLot.expires_at <= now,
            )
            .order_by(PointsLot.expires_at)
        )
    )
    points = sum(lot.remaining for lot in lots)
    if not points:
        return 0
    version = version or rules_in(uow, now).version
    entry = post_entry(
        uow, actor, now, member, -points, Posting("expire", "points expired"), version
    )
    uow.flush()
    take_from_lots(uow, entry, lots, points)
    record_operation(
        uow,
        actor,
        now,
        "points.expire",
        {
            "member_id": member.id,
            "points": points,
            "lots": [lot.entry_id for lot in lots],
            "rule_version": version,
        },
    )
    return points


def expiring_soon(
    uow: UnitOfWork, member_id: str, now: datetime, until: datetime
) -> tuple[int, datetime | None]:
    """Inside an open unit of work: points that expire before `until`, and the first date."""
    rows = uow.session.execute(
        select(PointsLot.expires_at, PointsLot.remaining).where(
            PointsLot.member_id == member_id,
            PointsLot.remaining > 0,
            PointsLot.expires_at > now,
            PointsLot.expires_at <= until,
        )
    ).all()
    if not rows:
        return 0, None
    return sum(r.remaining for r in rows), min(r.expires_at for r in rows)


def _next_expiry(uow: UnitOfWork, member_id: str, now: datetime) -> tuple[datetime | None, int]:
    row = (
        _plain(uow)
        .execute(
            "SELECT expires_at, sum(remaining) FROM points_lot"
            " WHERE member_id = ? AND remaining > 0 AND expires_at > ?"
            " GROUP BY expires_at ORDER BY expires_at LIMIT 1",
            (member_id, db_time(now)),
        )
        .fetchone()
    )
    return (from_db_time(row[0]), row[1]) if row else (None, 0)


# tiers --------------------------------------------------------------------------------


def trailing_spend_fen(uow: UnitOfWork, member_id: str, now: datetime) -> int:
    rows = (
        _plain(uow)
        .execute(
            "SELECT paid_fen, points_cash_fen, refunded_fen FROM purchase"
            " WHERE member_id = ? AND at > ? AND at <= ?",
            (member_id, db_time(rules.trailing_window_start(now)), db_time(now)),
        )
        .fetchall()
    )
    return sum(rules.counted_spend_fen(*row) for row in rows)


def _upgrade_tier(uow, actor, now, member: Member, rule_set) -> str | None:
    """A purchase that crosses a threshold upgrades at once; it never downgrades."""
    spend = trailing_spend_fen(uow, member.id, now)
    qualified = rules.tier_for_spend(spend, rule_set)
    if rules.tier_rank(qualified) <= rules.tier_rank(member.tier):
        return None
    _change_tier(uow, actor, now, member, qualified, UPGRADE_REASON, spend)
    return qualified


def reevaluate_tiers(uow: UnitOfWork, actor: Actor, now: datetime) -> list[tuple[str, str, str]]:
    """The quarter-end review: every member to the tier their 12 months' spend qualifies
    for, up or down. Returns (member id, from, to) for each change."""
    changes = []
    with uow:
        rule_set = rules_in(uow, now)
        for member in uow.session.scalars(select(Member).where(Member.active.is_(True))):
            spend = trailing_spend_fen(uow, member.id, now)
            qualified = rules.tier_for_spend(spend, rule_set)
            if qualified != member.tier:
                changes.append((member.id, member.tier, qualified))
                _change_tier(uow, actor, now, member, qualified, "quarterly review", spend)
        uow.commit()
    return changes


def _change_tier(uow, actor, now, member: Member, tier: str, reason: str, spend: int) -> None:
    uow.session.add(
        TierChange(
            id=new_id(),
            member_id=member.id,
            from_tier=member.tier,
            to_tier=tier,
            reason=reason,
            spend_fen=spend,
            at=now,
        )
    )
    record_operation(
        uow,
        actor,
        now,
        "member.tier_change",
        {
            "member_id": member.id,
            "from": member.tier,
            "to": tier,
            "reason": reason,
            "spend_fen": spend,
        },
    )
    member.tier = tier


# history --------------------------------------------------------------------------------


def history(uow: UnitOfWork, member_id: str, limit: int = HISTORY_LIMIT) -> list[LedgerLine]:
    """What, when, where and why: the lines a cashier can turn the screen to show."""
    with uow:
        rows = uow.session.execute(
            select(PointsEntry, Staff.name, Store.name, Counter.label)
            .outerjoin(Staff, Staff.id == PointsEntry.staff_id)
            .outerjoin(Store, Store.id == PointsEntry.store_id)
            .outerjoin(Counter, Counter.id == PointsEntry.device_id)
            .where(PointsEntry.member_id == member_id)
            .order_by(PointsEntry.at.desc(), PointsEntry.id.desc())
            .limit(limit)
        ).all()
        return [
            LedgerLine(
                e.at,
                e.kind,
                e.delta,
                e.reason,
                e.reference,
                staff,
                store or e.store_id[:8],
                label or "",
                e.flag,
            )
            for e, staff, store, label in rows
        ]


# helpers --------------------------------------------------------------------------------


def _timezone(uow: UnitOfWork) -> str:
    return (
        _plain(uow)
        .execute("SELECT s.timezone FROM store s JOIN counter c ON c.store_id = s.id")
        .fetchone()[0]
    )


def _plain(uow: UnitOfWork):
    """The unit of work's own connection for a plain read (each ORM query costs an earn more
    than SQLite does), after writing what the ORM still holds so the read sees it."""
    if uow.session.new or uow.session.dirty or uow.session.deleted:
        uow.flush()
    return raw_connection(uow)


def _checked_receipt(receipt_no: str) -> str:
    receipt = clean_text(receipt_no).replace(" ", "").upper()
    if not receipt or len(receipt) > RECEIPT_MAX or not receipt.isascii():
        raise ValidationError("purchase.bad_receipt")
    return receipt


def _refuse_duplicate_receipt(uow: UnitOfWork, store_id: str, receipt: str) -> None:
    earlier = (
        _plain(uow)
        .execute(
            "SELECT p.at, p.points_earned, m.name FROM purchase p"
            " JOIN member m ON m.id = p.member_id WHERE p.store_id = ? AND p.receipt_no = ?",
            (store_id, receipt),
        )
        .fetchone()
    )
    if earlier is not None:
        at, points_earned, name = earlier
        raise StateError(
            "purchase.duplicate_receipt",
            receipt=receipt,
            at=from_db_time(at),
            name=name,
            points=points_earned,
        )


def _earn_payload(purchase: Purchase, q: Quote) -> dict:
    return {
        "purchase_id": purchase.id,
        "receipt_no": purchase.receipt_no,
        "member_id": purchase.member_id,
        "gross_fen": purchase.gross_fen,
        "discount_fen": purchase.discount_fen,
        "points_cash_fen": purchase.points_cash_fen,
        "coupon_id": purchase.coupon_id,
        "coupon_fen": purchase.coupon_fen,
        "paid_fen": purchase.paid_fen,
        "categories": json.loads(purchase.categories),
        "points": q.points.total,
        "base": q.points.base,
        "multiplier": q.points.multiplier,
        "category_bonus": q.points.category_bonus,
        "promotion_bonus": q.points.promotion_bonus,
        "tier": q.tier,
        "birthday_month": q.birthday_month,
        "rule_version": q.rule_version,
        "at": purchase.at.isoformat(),
    }
