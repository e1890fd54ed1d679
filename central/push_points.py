"""Handlers for points: earning on a purchase, redeeming, refunds, adjustments, bonuses and
expiry, and the debit that gift redemption shares.

An earn is checked against the rule set the counter used (discount, amounts, what the
purchase could earn), so a counter cannot claim more than the rules allow. A debit is always
posted, because the goods are already handed over; a balance below zero is a conflict.
"""

from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select

from central.models import PointsEntry
from central.push_batch import Batch
from central.push_types import TIERS, Envelope, Outcome, Reject, _int, _str
from services.rules import points as point_rules
from services.rules.members import is_birthday_month


def points_earn(b: Batch, env: Envelope, body: dict) -> Outcome:
    member = b.member(body.get("member_id"))
    rules = b.rule_set(body.get("rule_version"))
    receipt = _str(body, "receipt_no")
    purchase_id = _str(body, "purchase_id")
    gross = _int(body, "gross_fen", 1)
    discount = _int(body, "discount_fen")
    cash = _int(body, "points_cash_fen")
    coupon_fen = _int(body, "coupon_fen")
    paid = _int(body, "paid_fen")
    claimed = _int(body, "points")
    categories = body.get("categories") or {}
    if not isinstance(categories, dict) or not all(
        isinstance(v, int) and v >= 0 for v in categories.values()
    ):
        raise Reject("op.bad_payload", field="categories")
    tier = body.get("tier")
    if tier not in TIERS:
        raise Reject("op.bad_payload", field="tier")
    if TIERS.index(tier) > TIERS.index(member["peak_tier"]):
        raise Reject("points.tier_not_held", tier=tier)
    if discount != point_rules.member_discount_fen(gross, tier, rules):
        raise Reject("points.bad_discount")
    if paid != gross - discount - coupon_fen - cash or paid < 0:
        raise Reject("purchase.bad_amounts")
    at = env.device_time
    if isinstance(body.get("at"), str):
        at = datetime.fromisoformat(body["at"])
    birthday = bool(body.get("birthday_month"))
    if birthday and not is_birthday_month(member["birth_month"], at, b.store.timezone):
        raise Reject("points.not_birthday_month")
    local_day = at.astimezone(ZoneInfo(b.store.timezone)).date()
    earned = point_rules.points_for_purchase(
        paid, gross, categories, tier, birthday, local_day, rules
    ).total
    if claimed > earned:
        raise Reject("points.not_earnable", claimed=claimed, earnable=earned)
    key = (b.store.id, receipt)
    if key not in b.purchases:
        b.purchases[key] = None
    earlier = b.purchases[key]
    if earlier is not None:
        if earlier["purchase_id"] == purchase_id:
            return Outcome("duplicate", "purchase.already_received")
        raise Reject("purchase.duplicate_receipt", receipt=receipt)
    row = {
        "store_id": b.store.id,
        "receipt_no": receipt,
        "purchase_id": purchase_id,
        "op_id": env.id,
        "member_id": member["id"],
        "paid_fen": paid,
        "points": claimed,
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
    member = b.member(body.get("member_id"))
    points = _int(body, "points", 1)
    b.rule_set(body.get("rule_version"))
    return _debit(b, env, member, points, "redeem", "points.redeem")


def points_refund(b: Batch, env: Envelope, body: dict) -> Outcome:
    member = b.member(body.get("member_id"))
    reversed_ = _int(body, "points_reversed")
    returned = _int(body, "points_returned")
    b.post(env, member, returned, "refund_return")
    b.post(env, member, -reversed_, "refund")
    if member["balance"] < 0:
        member["redeem_blocked"] = True
        b.touch(member)
    return Outcome()


def points_adjust(b: Batch, env: Envelope, body: dict) -> Outcome:
    member = b.member(body.get("member_id"))
    delta = _int(body, "delta", None)
    b.post(env, member, delta, "adjust")
    return Outcome()


def points_credit(kind: str) -> Callable[[Batch, Envelope, dict], Outcome]:
    def handler(b: Batch, env: Envelope, body: dict) -> Outcome:
        member = b.member(body.get("member_id"))
        b.post(env, member, _int(body, "points"), kind)
        return Outcome()

    return handler


def points_expire(b: Batch, env: Envelope, body: dict) -> Outcome:
    member = b.member(body.get("member_id"))
    b.post(env, member, -_int(body, "points"), "expire")
    return Outcome()
