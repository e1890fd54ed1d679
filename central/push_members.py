"""Handlers for members a counter registers or changes: registration, edits, deactivation,
card reissue and tier changes.

A member registered offline may carry a mobile another member already has: the member is
kept and the clash is opened as a conflict for the stores involved, rather than refused.
"""

from sqlalchemy import select

from central.models import Member, Store
from central.push_batch import Batch
from central.push_types import TIERS, Envelope, Outcome, Reject, _int, _str
from services.protocol import codes
from services.rules import points as point_rules


def member_register(b: Batch, env: Envelope, body: dict) -> Outcome:
    member_id = _str(body, "member_id")
    if b.members.get(member_id) is not None:
        return Outcome("duplicate", "member.exists")
    owner = b.session.scalar(select(Member.chain_id).where(Member.id == member_id))
    if owner is not None:
        # Known in this chain (a retry) or held by another chain, which must not show.
        if owner != b.chain_id:
            raise Reject(codes.MEMBER_ID_TAKEN)
        return Outcome("duplicate", "member.exists")
    mobile = _str(body, "mobile")
    month, day = _int(body, "birth_month", 1), _int(body, "birth_day", 1)
    if month > 12 or day > 31:
        raise Reject(codes.OP_BAD_PAYLOAD, field="birth")
    home = body.get("home_store_id")
    member = {
        "id": member_id,
        "chain_id": b.chain_id,
        "member_no": _str(body, "member_no"),
        "name": _str(body, "name"),
        "mobile": mobile,
        "birth_month": month,
        "birth_day": day,
        "birth_year": body.get("birth_year"),
        "tier": "bronze",
        "peak_tier": "bronze",
        "balance": 0,
        "redeem_blocked": False,
        "consent_marketing": bool(body.get("consent_marketing")),
        "note": body.get("note"),
        "active": True,
        "home_store_id": b.store.id
        if home in b.store_ids or not home
        else _store_of_chain(b, home),
        "card_serial": 1,
        "created_at": env.device_time,
        "updated_at": b.now,
    }
    twin = b.mobiles.get(mobile) or b.session.scalar(
        select(Member.id).where(
            Member.chain_id == b.chain_id, Member.mobile == mobile, Member.active.is_(True)
        )
    )
    b.members[member_id] = member
    b.new_members.add(member_id)
    b.mobiles[mobile] = member_id
    b.touch(member)
    if twin:
        other = b.member(twin)
        stores = {b.store.id, other["home_store_id"]} - {""}
        detail = {"mobile": mobile, "member_id": member_id, "other_member_id": twin}
        cid = b.open_conflict(env, "member.mobile_taken", member_id, stores, detail)
        return Outcome("conflict", "member.mobile_taken", [cid])
    return Outcome()


def member_update(b: Batch, env: Envelope, body: dict) -> Outcome:
    member = b.member(body.get("member_id"))
    for key in ("name", "mobile", "member_no"):
        if key in body:
            member[key] = _str(body, key)
    for key in ("birth_month", "birth_day"):
        if key in body:
            member[key] = _int(body, key, 1)
    for key in ("birth_year", "note"):
        if key in body:
            member[key] = body[key]
    if "consent_marketing" in body:
        member["consent_marketing"] = bool(body["consent_marketing"])
    b.touch(member)
    return Outcome()


def member_deactivate(b: Batch, env: Envelope, body: dict) -> Outcome:
    member = b.member(body.get("member_id"))
    member["active"] = False
    b.touch(member)
    return Outcome()


def member_card_reissue(b: Batch, env: Envelope, body: dict) -> Outcome:
    member = b.member(body.get("member_id"))
    member["card_serial"] = max(member["card_serial"], _int(body, "card_serial", 1))
    b.touch(member)
    return Outcome()


def member_tier_change(b: Batch, env: Envelope, body: dict) -> Outcome:
    """A tier goes down freely (the quarter's review), but up only as far as the member's
    12-month spend at the centre qualifies for."""
    member = b.member(body.get("member_id"))
    tier = body.get("to")
    if tier not in TIERS:
        raise Reject(codes.OP_BAD_PAYLOAD, field="to")
    if TIERS.index(tier) > TIERS.index(member["tier"]):
        qualified = point_rules.tier_for_spend(b.trailing_spend_fen(member["id"]), b.latest_rules())
        if TIERS.index(tier) > TIERS.index(qualified):
            raise Reject(codes.MEMBER_TIER_NOT_EARNED, tier=tier, qualified=qualified)
    member["tier"] = tier
    if TIERS.index(tier) > TIERS.index(member["peak_tier"]):
        member["peak_tier"] = tier
    b.touch(member)
    return Outcome()


def _store_of_chain(b: Batch, store_id: str) -> str:
    if (
        b.session.scalar(select(Store.id).where(Store.id == store_id, Store.chain_id == b.chain_id))
        is None
    ):
        raise Reject(codes.STORE_UNKNOWN, store_id=store_id)
    return store_id
