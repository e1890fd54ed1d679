"""Handlers for coupons: issue, redemption, voiding a redemption and revocation.

Two counters may redeem one coupon offline. The first redemption to arrive stands and the
second is a conflict for both stores; a redemption of a revoked coupon is applied (the
discount was given) and opened as a conflict too.
"""

import json

from sqlalchemy import select

from central.models import CouponRedemption
from central.push_batch import Batch
from central.push_types import Envelope, Outcome, Reject, _int, _str
from common.canonical import canonical_json
from services.protocol import codes
from services.rules.coupons import coupon_value_problem


def coupon_issue(b: Batch, env: Envelope, body: dict) -> Outcome:
    coupon_id = _str(body, "coupon_id")
    if b.coupon(coupon_id) is not None:
        return Outcome("duplicate", "coupon.already_issued")
    if problem := coupon_value_problem(_str(body, "kind"), _int(body, "value", None)):
        raise Reject(problem)
    _int(body, "min_spend_fen")
    if body.get("member_id") is not None:
        b.member(body["member_id"])
    b.coupons[coupon_id] = {
        "id": coupon_id,
        "chain_id": b.chain_id,
        "code": _str(body, "code"),
        "member_id": body.get("member_id"),
        "body": canonical_json(body),
        "status": "issued",
        "issued_store_id": b.store.id,
        "revoked_at": None,
        "points_cost": 0,
    }
    b.new_coupons.add(coupon_id)
    return Outcome()


def coupon_redeem(b: Batch, env: Envelope, body: dict) -> Outcome:
    coupon_id = _str(body, "coupon_id")
    coupon = b.coupon(coupon_id)
    if coupon is None and not b.signed_by_chain(body.get("signed_code"), coupon_id):
        # Not issued here yet (it may be on its way from another counter), so its code must
        # prove it: signed by a device of this chain, for this coupon.
        raise Reject(codes.COUPON_UNKNOWN, coupon_id=coupon_id)
    _int(body, "discount_fen")
    if body.get("member_id") is not None:
        b.member(body["member_id"])
    if coupon_id not in b.redemptions:
        b.redemptions[coupon_id] = None
    first = b.redemptions[coupon_id]
    if first is not None and first["voided_at"] is None:
        stores = {first["store_id"], b.store.id}
        detail = {
            "coupon_id": coupon_id,
            "first_store": b.store_name(first["store_id"]),
            "first_at": first["at"].isoformat(),
            "second_store": b.store_name(b.store.id),
            "second_at": env.device_time.isoformat(),
            "discount_fen": body.get("discount_fen"),
            "member_id": body.get("member_id"),
        }
        cid = b.open_conflict(
            env, "coupon.redeemed_twice", coupon_id, stores, detail, first["op_id"]
        )
        return Outcome("conflict", "coupon.redeemed_twice", [cid])
    row = {
        "coupon_id": coupon_id,
        "chain_id": b.chain_id,
        "op_id": env.id,
        "store_id": b.store.id,
        "device_id": b.device.id,
        "at": env.device_time,
        "voided_at": None,
    }
    if first is not None:  # a voided redemption: the coupon was usable again
        b.session.execute(
            CouponRedemption.__table__.delete().where(
                CouponRedemption.chain_id == b.chain_id, CouponRedemption.coupon_id == coupon_id
            )
        )
        b.voided.discard(coupon_id)
    b.redemptions[coupon_id] = row
    b.new_redemptions.add(coupon_id)
    b.changes.add(
        "used_coupon",
        coupon_id,
        {
            "coupon_id": coupon_id,
            "used_at": env.device_time.isoformat(),
            "store_id": b.store.id,
            "store_name": b.store.name,
            "device_id": b.device.id,
            "counter_label": b.device.label,
        },
    )
    if coupon is not None and coupon["status"] == "revoked":
        detail = {"coupon_id": coupon_id, "store": b.store.name}
        cid = b.open_conflict(env, "coupon.redeemed_after_revoke", coupon_id, {b.store.id}, detail)
        return Outcome("conflict", "coupon.redeemed_after_revoke", [cid])
    return Outcome()


def coupon_void_redemption(b: Batch, env: Envelope, body: dict) -> Outcome:
    coupon_id = _str(body, "coupon_id")
    b.coupon(coupon_id)
    if coupon_id not in b.redemptions:
        row = (
            b.session.execute(
                select(CouponRedemption.__table__).where(
                    CouponRedemption.coupon_id == coupon_id,
                    CouponRedemption.chain_id == b.chain_id,
                )
            )
            .mappings()
            .first()
        )
        b.redemptions[coupon_id] = dict(row) if row else None
    first = b.redemptions[coupon_id]
    if first is None or first["store_id"] != b.store.id or first["voided_at"] is not None:
        # The winning redemption was another store's: this void undoes only the local one.
        return Outcome("applied", "coupon.void_local_only")
    first["voided_at"] = env.device_time
    b.voided.add(coupon_id)
    b.changes.add("coupon_unused", coupon_id, {"coupon_id": coupon_id})
    return Outcome()


def coupon_revoke(b: Batch, env: Envelope, body: dict) -> Outcome:
    """An unused coupon revoked: the points it was bought with, and no more, go back to its
    member. Everything is checked before the coupon changes, so a refusal changes nothing."""
    coupon_id = _str(body, "coupon_id")
    returned = _int(body, "points_returned")
    coupon = b.coupon(coupon_id)
    if coupon is None:
        raise Reject(codes.COUPON_UNKNOWN, coupon_id=coupon_id)
    if coupon["status"] == "revoked":
        return Outcome("duplicate", "coupon.already_revoked")
    redemption = b.redemptions.get(coupon_id)
    used = redemption is not None and redemption["voided_at"] is None
    if returned and (used or returned > coupon["points_cost"] or not coupon["member_id"]):
        raise Reject(codes.COUPON_POINTS_NOT_DERIVABLE, points=returned)
    member = b.member(coupon["member_id"]) if returned else None
    coupon["status"] = "revoked"
    coupon["revoked_at"] = b.now
    b.changed_coupons.add(coupon_id)
    b.changes.add("coupon_revoked", coupon_id, json.loads(coupon["body"]))
    if member is not None:
        b.post(env, member, returned, "coupon_revoked")
    return Outcome()
