"""Handlers for points: earning on a purchase, redeeming, refunds, adjustments, bonuses and
expiry, and the debit that gift redemption shares.

An earn is checked against the rule set the counter used (discount, amounts, what the
purchase could earn), so a counter cannot claim more than the rules allow. A debit is always
posted, because the goods are already handed over; a balance below zero is a conflict.
"""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from central.models import PointsEntry
from central.push_batch import Batch
from central.push_types import TIERS, Envelope, Outcome, Reject, _int, _str
from services.protocol import codes
from services.rules import points as point_rules
from services.rules.members import is_birthday_month


def points_earn(b: Batch, env: Envelope, body: dict) -> Outcome:
    member = b.member(body.get("member_id"))
    rules = b.rule_set(body.get("rule_version"))
    receipt = _str(body, "receipt_no")
    purchase_id = _str(body, "purchase_id")
    gross = _int(body, "gross_fen", 1)
    if gross > point_rules.MAX_PURCHASE_FEN:
        raise Reject(codes.PURCHASE_BAD_AMOUNT, gross_fen=gross)
    discount = _int(body, "discount_fen")
    cash = _int(body, "points_cash_fen")
    coupon_fen = _int(body, "coupon_fen")
    paid = _int(body, "paid_fen")
    claimed = _int(body, "points")
    categories = body.get("categories") or {}
    if not isinstance(categories, dict) or not all(
        isinstance(v, int) and v >= 0 for v in categories.values()
    ):
        raise Reject(codes.OP_BAD_PAYLOAD, field="categories")
    tier = body.get("tier")
    if tier not in TIERS:
        raise Reject(codes.OP_BAD_PAYLOAD, field="tier")
    if TIERS.index(tier) > TIERS.index(member["peak_tier"]):
        raise Reject(codes.POINTS_TIER_NOT_HELD, tier=tier)
    if discount != point_rules.member_discount_fen(gross, tier, rules):
        raise Reject(codes.POINTS_BAD_DISCOUNT)
    if paid != gross - discount - coupon_fen - cash or paid < 0:
        raise Reject(codes.PURCHASE_BAD_AMOUNTS)
    at = env.device_time
    if isinstance(body.get("at"), str):
        at = datetime.fromisoformat(body["at"])
    # A clock ahead of the centre's cannot move a sale into a promotion or a birthday month
    # that has not begun: the sale happened no later than it arrived.
    at = min(at, b.now)
    birthday = bool(body.get("birthday_month"))
    if birthday and not is_birthday_month(member["birth_month"], at, b.store.timezone):
        raise Reject(codes.POINTS_NOT_BIRTHDAY_MONTH)
    local_day = at.astimezone(ZoneInfo(b.store.timezone)).date()
    # A version head office dated ahead prices no sale made before its store-local morning,
    # whatever the counter claims to hold.
    if rules.starts_on is not None and local_day < rules.starts_on:
        raise Reject(codes.RULES_NOT_STARTED, version=rules.version, starts_on=str(rules.starts_on))
    earned = point_rules.points_for_purchase(
        paid, gross, categories, tier, birthday, local_day, rules
    ).total
    if claimed > earned:
        raise Reject(codes.POINTS_NOT_EARNABLE, claimed=claimed, earnable=earned)
    key = (b.store_id, receipt)
    if key not in b.purchases:
        b.purchases[key] = None
    earlier = b.purchases[key]
    if earlier is not None:
        if earlier["purchase_id"] == purchase_id:
            return Outcome("duplicate", "purchase.already_received")
        raise Reject(codes.PURCHASE_DUPLICATE_RECEIPT, receipt=receipt)
    row = {
        "store_id": b.store_id,
        "receipt_no": receipt,
        "purchase_id": purchase_id,
        "op_id": env.id,
        "member_id": member["id"],
        "paid_fen": paid,
        "points": claimed,
        "points_cash_fen": cash,
        "points_spent": point_rules.cash_points_for_fen(cash, rules),
        "refunded_fen": 0,
        "points_reversed": 0,
        "points_returned": 0,
        "at": at,
    }
    b.purchases[key] = row
    b.new_purchases.append(row)
    b.post(env, member, claimed, "earn")
    return Outcome()


def _debit(b: Batch, env: Envelope, member: dict, points: int, kind: str, what: str) -> Outcome:
    """Points spent on something handed over: always posted (the goods are gone); a
    balance that goes below zero becomes arrears, blocks offline redemption, and is a
    conflict for the stores involved."""
    before = member["balance"]
    b.post(env, member, -points, kind)
    if member["balance"] >= 0:
        return Outcome()
    member["redeem_blocked"] = True
    b.touch(member)
    stores = {b.store.id} | _recent_spending_stores(b, member["id"])
    detail = {
        "member_id": member["id"],
        "member_no": member["member_no"],
        "name": member["name"],
        "points": points,
        "balance_before": before,
        "arrears": -member["balance"],
        "what": what,
    }
    cid = b.open_conflict(env, "points.over_redeemed", member["id"], stores, detail)
    return Outcome("conflict", "points.over_redeemed", [cid])


def _recent_spending_stores(b: Batch, member_id: str) -> set[str]:
    rows = b.session.scalars(
        select(PointsEntry.store_id)
        .where(PointsEntry.member_id == member_id, PointsEntry.delta < 0)
        .order_by(PointsEntry.id.desc())
        .limit(20)
    )
    in_batch = {e["store_id"] for e in b.entries if e["member_id"] == member_id and e["delta"] < 0}
    return set(rows) | in_batch


def points_redeem(b: Batch, env: Envelope, body: dict) -> Outcome:
    """Points spent on coupons or as cash: the points must be what the rules price them at,
    so a counter cannot hand out coupons or cash for fewer points."""
    member = b.member(body.get("member_id"))
    points = _int(body, "points", 1)
    rules = b.rule_set(body.get("rule_version"))
    coupon_ids = body.get("coupon_ids")
    if coupon_ids is not None:
        if not isinstance(coupon_ids, list) or not coupon_ids:
            raise Reject(codes.OP_BAD_PAYLOAD, field="coupon_ids")
        if points != len(coupon_ids) * rules.coupon_points:
            raise Reject(codes.POINTS_BAD_AMOUNT, points=points)
        for coupon_id in coupon_ids:
            coupon = b.coupon(coupon_id)
            if coupon is not None:  # its issue may still be on its way from another counter
                coupon["points_cost"] = rules.coupon_points
                b.changed_coupons.add(coupon_id)
    elif "cash_fen" in body:
        cash = _int(body, "cash_fen", 1)
        if points % rules.cash_points_step or point_rules.cash_value_fen(points, rules) != cash:
            raise Reject(codes.POINTS_BAD_AMOUNT, points=points)
    return _debit(b, env, member, points, "redeem", "points.redeem")


def points_refund(b: Batch, env: Envelope, body: dict) -> Outcome:
    """A refund takes back at most what the purchase it names earned, in proportion to the
    value refunded, and gives back at most the points it spent as cash."""
    member = b.member(body.get("member_id"))
    reversed_ = _int(body, "points_reversed")
    returned = _int(body, "points_returned")
    refund_fen = _int(body, "refund_fen", 1)
    purchase = b.purchase(body.get("receipt_no"))
    if (
        purchase is None
        or purchase["purchase_id"] != body.get("purchase_id")
        or purchase["member_id"] != member["id"]
    ):
        raise Reject(codes.PURCHASE_NOT_FOUND)
    base = purchase["paid_fen"] + purchase["points_cash_fen"]
    if purchase["refunded_fen"] + refund_fen > base:
        raise Reject(codes.REFUND_BAD_AMOUNT)
    most_reversed = point_rules.refund_reversal(
        purchase["points"], purchase["points_reversed"], base, purchase["refunded_fen"], refund_fen
    )
    most_returned = point_rules.refund_give_back(
        purchase["points_spent"], base, purchase["refunded_fen"], refund_fen
    )
    if reversed_ > most_reversed or returned > most_returned:
        raise Reject(codes.REFUND_POINTS_NOT_DERIVABLE)
    purchase["refunded_fen"] += refund_fen
    purchase["points_reversed"] += reversed_
    purchase["points_returned"] += returned
    b.refunded_purchases.add((purchase["store_id"], purchase["receipt_no"]))
    b.post(env, member, returned, "refund_return")
    b.post(env, member, -reversed_, "refund")
    if member["balance"] < 0:
        member["redeem_blocked"] = True
        b.touch(member)
    return Outcome()


def points_adjust(b: Batch, env: Envelope, body: dict) -> Outcome:
    """A manager's correction: bounded, with a reason and the approving manager named."""
    member = b.member(body.get("member_id"))
    delta = _int(body, "delta", None)
    if delta == 0 or abs(delta) > point_rules.MAX_ADJUSTMENT:
        raise Reject(codes.POINTS_BAD_ADJUSTMENT, delta=delta)
    _str(body, "reason")
    _str(body, "approved_by")
    b.post(env, member, delta, "adjust")
    return Outcome()


def points_visit_bonus(b: Batch, env: Envelope, body: dict) -> Outcome:
    """The rule set's visit bonus, once per member and store day."""
    member = b.member(body.get("member_id"))
    rules = b.rule_set(body.get("rule_version"))
    points = _int(body, "points", 1)
    day = _str(body, "day")
    if points != rules.visit_bonus_points:
        raise Reject(codes.POINTS_BONUS_NOT_DERIVABLE, points=points)
    refuse_bonus_day(b, date.fromisoformat(day))
    if not b.claim_bonus(env, member["id"], "visit", day):
        return Outcome("duplicate", "points.bonus_already_credited")
    b.post(env, member, points, "visit_bonus")
    return Outcome()


# How far back a counter may claim a day's bonus: beyond the counter's 30-day wipe horizon,
# so an offline pop-up store's bonuses still arrive, while a replay of old days stays small.
BONUS_DAYS_BACK = 60


def refuse_bonus_day(b: Batch, day: date) -> None:
    """Each day (or block of days) is a fresh claim, so the day must be one that has come,
    by the centre's date with a day's grace for time zones (else a counter could mint one
    for every day to 2100), and not older than BONUS_DAYS_BACK (else for every day since 2000)."""
    today = b.now.date()
    if day > today + timedelta(days=1):
        raise Reject(codes.POINTS_BONUS_DAY_FUTURE, day=day.isoformat())
    if day < today - timedelta(days=BONUS_DAYS_BACK):
        raise Reject(codes.POINTS_BONUS_DAY_TOO_OLD, day=day.isoformat())


def points_event_bonus(b: Batch, env: Envelope, body: dict) -> Outcome:
    """The event's own attendance points, once per member and event (two offline doors may
    both credit them; the first to arrive stands)."""
    member = b.member(body.get("member_id"))
    points = _int(body, "points", 1)
    event_id = _str(body, "event_id")
    event = b.reference("event", event_id)
    if event is None:
        raise Reject(codes.EVENT_UNKNOWN, event_id=event_id)
    if points != event.get("attendance_points"):
        raise Reject(codes.POINTS_BONUS_NOT_DERIVABLE, points=points)
    if not b.claim_bonus(env, member["id"], "event", event_id):
        return Outcome("duplicate", "points.bonus_already_credited")
    b.post(env, member, points, "event_bonus")
    return Outcome()


def points_event_bonus_reversal(b: Batch, env: Envelope, body: dict) -> Outcome:
    """A sign-in undone at the door takes back the attendance points this device credited for
    it, and no more; when the centre kept another door's bonus instead, nothing was credited
    from here and nothing is taken."""
    member = b.member(body.get("member_id"))
    event_id = _str(body, "event_id")
    credited = b.bonus_credited_by(member["id"], "event", event_id)
    if credited is None or credited["device_id"] != b.device.id:
        return Outcome("duplicate", "points.bonus_not_credited")
    points = _int(body, "points", 1)
    if points > credited["points"]:
        raise Reject(codes.POINTS_BONUS_NOT_DERIVABLE, points=points)
    b.release_bonus(member["id"], "event", event_id)
    b.post(env, member, -points, "event_bonus_reversal")
    if member["balance"] < 0:
        member["redeem_blocked"] = True
        b.touch(member)
    return Outcome()


def points_expire(b: Batch, env: Envelope, body: dict) -> Outcome:
    """Expiry by the centre's clock: a counter may expire only points that are due now, so a
    counter whose clock runs ahead cannot take points before their time."""
    member = b.member(body.get("member_id"))
    points = _int(body, "points", 1)
    if points > _points_due(b, member["id"]):
        raise Reject(codes.POINTS_EXPIRE_NOT_DUE, points=points)
    b.post(env, member, -points, "expire")
    return Outcome()


def _points_due(b: Batch, member_id: str) -> int:
    """Points of the member's that have expired by the centre's clock and are still held:
    credits past their expiry less everything taken since, which spends the soonest-expiring
    points first (what the counter's lots do)."""
    rows = b.session.execute(
        select(PointsEntry.delta, PointsEntry.at, PointsEntry.kind).where(
            PointsEntry.member_id == member_id
        )
    ).all()
    entries = [(r.delta, r.at, r.kind) for r in rows] + [
        (e["delta"], e["at"], e["kind"]) for e in b.entries if e["member_id"] == member_id
    ]
    due = sum(
        delta
        for delta, at, kind in entries
        if delta > 0
        and kind in EXPIRING_KINDS
        and point_rules.points_expire_at(min(at, b.now), b.store.timezone) <= b.now
    )
    taken = -sum(delta for delta, _at, _kind in entries if delta < 0)
    return max(due - taken, 0)


EXPIRING_KINDS = ("earn", "visit_bonus", "event_bonus", "adjust", "refund_return")
