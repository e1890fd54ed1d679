"""Well-formed payloads of every operation type (version 1), as an honest counter writes
them (services/protocol/operations/ is their schema). Each builder takes the ids it
refers to and makes fresh ids for the rest, so a payload can be sent again as a new fact.
"""

from typing import Any

from common.ids import new_id
from tests.central.hostile.counter import DEVICE_TIME

AT = DEVICE_TIME.isoformat()
LATER = "2026-03-08T02:00:00+00:00"
SIGNED = "LCC" + "A" * 60


def member_register(home_store_id: str, mobile: str = "13800138000", **kw: Any) -> dict:
    return {
        "member_id": new_id(),
        "member_no": f"T001-1-{new_id()[-6:]}",
        "name": "陈安娜",
        "mobile": mobile,
        "birth_month": 8,
        "birth_day": 12,
        "birth_year": None,
        "consent_marketing": False,
        "note": None,
        "home_store_id": home_store_id,
    } | kw


def member_update(member: dict, **kw: Any) -> dict:
    return member | {"name": "陈安娜娜"} | kw


def earn(member_id: str, gross_fen: int = 10_000, receipt: str | None = None, **kw: Any) -> dict:
    """A bronze member's earn under rule set 1: a point per whole yuan paid."""
    return {
        "purchase_id": new_id(),
        "receipt_no": receipt or f"R{new_id()[-12:]}",
        "member_id": member_id,
        "gross_fen": gross_fen,
        "discount_fen": 0,
        "points_cash_fen": 0,
        "coupon_id": None,
        "coupon_fen": 0,
        "paid_fen": gross_fen,
        "categories": {},
        "points": gross_fen // 100,
        "base": gross_fen // 100,
        "multiplier": 1,
        "category_bonus": 0,
        "promotion_bonus": 0,
        "tier": "bronze",
        "birthday_month": False,
        "rule_version": 1,
        "at": AT,
    } | kw


def coupon_issue(member_id: str | None, **kw: Any) -> dict:
    return {
        "coupon_id": new_id(),
        "code": new_id()[-8:].upper(),
        "template_id": None,
        "member_id": member_id,
        "kind": "amount_off",
        "value": 1000,
        "min_spend_fen": 0,
        "min_tier": None,
        "offline_ok": True,
        "source": "manual",
        "source_ref": None,
        "valid_from": AT,
        "expires_at": "2026-12-31T15:59:59+00:00",
        "signed_code": SIGNED,
    } | kw


def gift_fields(**kw: Any) -> dict:
    return {
        "gift_id": new_id(),
        "sku": f"G-{new_id()[-8:].upper()}",
        "name_zh": "保温杯",
        "name_en": "Flask",
        "points_price": 500,
        "description": None,
        "min_tier": None,
        "per_member_limit": None,
        "low_stock_threshold": 5,
        "image": None,
        "available_from": None,
        "available_until": None,
    } | kw


def event_fields(**kw: Any) -> dict:
    return {
        "event_id": new_id(),
        "code": f"E{new_id()[-8:].upper()}",
        "name": "新品品鉴会",
        "place": "一楼大厅",
        "starts_at": "2026-03-10T10:00:00+00:00",
        "ends_at": "2026-03-10T12:00:00+00:00",
        "capacity": 50,
        "min_tier": None,
        "invitation_only": False,
        "attendance_points": 20,
        "signin_opens_at": None,
        "signin_closes_at": None,
        "staff_ids": [],
    } | kw


def sign_in(event_id: str, member_id: str | None, **kw: Any) -> dict:
    return {
        "signin_id": new_id(),
        "event_id": event_id,
        "member_id": member_id,
        "registration_id": None,
        "nonce": new_id()[-12:],
        "method": "member_qr",
        "at": AT,
        "counter_label": "1",
        "points": 0,
        "override_reason": None,
    } | kw


def event_bonus(member_id: str, event_id: str, points: int = 20, **kw: Any) -> dict:
    return {
        "member_id": member_id,
        "points": points,
        "event_id": event_id,
        "signin_id": new_id(),
        "nonce": new_id()[-12:],
        "entry_id": new_id(),
        "rule_version": 1,
    } | kw


def stock_move(gift_id: str, quantity: int = 10, **kw: Any) -> dict:
    return {
        "move_id": new_id(),
        "gift_id": gift_id,
        "quantity": quantity,
        "on_hand_after": quantity,
        "reason": "delivery",
        "reference": None,
        "approved_by": None,
        "at": AT,
    } | kw


def reconciliation(store_id: str, **kw: Any) -> dict:
    """A day of 200 till sales and 3 earns: one earn no sale matches, one amount that
    differs (explained), one member sale without points; 3 lines in 200 sales is 150 bp."""
    return {
        "report_id": new_id(),
        "store_id": store_id,
        "day": "2026-03-01",
        "made_at": AT,
        "sales": 200,
        "earns": 3,
        "matched": 2,
        "counts": {
            "earn_without_sale": 1,
            "amount_differs": 1,
            "refund_pos_only": 0,
            "refund_loyalty_only": 0,
            "member_sale_without_points": 1,
        },
        "explained": 1,
        "error_bp": 150,
        "lines": [
            {"kind": "earn_without_sale", "receipt": "R-9", "pos_fen": None, "loyalty_fen": 500},
            {
                "kind": "amount_differs",
                "receipt": "R-1",
                "pos_fen": 2500,
                "loyalty_fen": 2550,
                "reason": "收银员输错金额",
            },
            {
                "kind": "member_sale_without_points",
                "receipt": "R-7",
                "pos_fen": 800,
                "loyalty_fen": None,
            },
        ],
    } | kw


def every_type(ctx: dict) -> dict[str, dict]:
    """One well-formed payload of each type, about the ids in `ctx` (member_id, store_id,
    event_id, gift_id, coupon_id, purchase receipt, conflict_id): the fuzz's starting points."""
    m, store = ctx["member_id"], ctx["store_id"]
    event, gift, coupon = ctx["event_id"], ctx["gift_id"], ctx["coupon_id"]
    member = member_register(store, mobile=ctx.get("mobile", "13800138001"))
    return {
        "member.register": member,
        "member.update": member | {"member_id": m},
        "member.deactivate": {"member_id": m, "reason": "left"},
        "member.card_reissue": {"member_id": m, "card_serial": 2},
        "member.tier_change": {
            "member_id": m,
            "from": "bronze",
            "to": "silver",
            "reason": "quarter review",
            "spend_fen": 0,
        },
        "member.visit": {"visit_id": new_id(), "member_id": m, "source": "scan", "at": AT},
        "nps.record": {
            "response_id": new_id(),
            "score": 9,
            "comment": "好",
            "member_id": m,
            "reference": None,
            "at": AT,
        },
        "csat.record": {
            "response_id": new_id(),
            "score": 4,
            "member_id": m,
            "reference": None,
            "at": AT,
        },
        "points.earn": earn(m),
        "points.redeem": {"member_id": m, "points": 100, "rule_version": 1, "coupon_ids": [coupon]},
        "points.refund": {
            "purchase_id": ctx["purchase_id"],
            "receipt_no": ctx["receipt_no"],
            "member_id": m,
            "refund_fen": 1000,
            "points_reversed": 10,
            "points_returned": 0,
            "rule_version": 1,
        },
        "points.adjust": {
            "member_id": m,
            "delta": 5,
            "reason": "goodwill",
            "approved_by": new_id(),
            "rule_version": 1,
        },
        "points.visit_bonus": {
            "member_id": m,
            "points": 5,
            "day": "2026-03-01",
            "rule_version": 1,
        },
        "points.streak_bonus": {
            "member_id": m,
            "points": 50,
            "day": "2026-03-01",
            "streak_days": 7,
            "rule_version": 1,
        },
        "points.event_bonus": event_bonus(m, event),
        "points.event_bonus_reversal": {
            "member_id": m,
            "points": 20,
            "event_id": event,
            "signin_id": new_id(),
            "reverses_id": new_id(),
            "rule_version": 1,
        },
        "points.expire": {"member_id": m, "points": 1, "lots": [new_id()], "rule_version": 1},
        "coupon.issue": coupon_issue(m),
        "coupon.redeem": {
            "coupon_id": coupon,
            "member_id": m,
            "discount_fen": 1000,
            "reference": "R1",
            "signed_code": SIGNED,
        },
        "coupon.void_redemption": {"coupon_id": coupon, "reason": "mistake", "points_returned": 0},
        "coupon.revoke": {"coupon_id": coupon, "reason": "mistake", "points_returned": 0},
        "gift.define": gift_fields(),
        "gift.update": gift_fields(active=True),
        "coupon_template.define": {
            "template_id": new_id(),
            "code": f"TPL{new_id()[-6:]}",
            "name_zh": "满减券",
            "name_en": "Money off",
            "kind": "amount_off",
            "value": 500,
            "min_spend_fen": 0,
            "valid_days": 30,
            "purpose": "manual",
            "min_tier": None,
            "per_member_limit": None,
            "offline_ok": True,
        },
        "event.create": event_fields(),
        "event.update": event_fields(),
        "event.register": {
            "registration_id": new_id(),
            "event_id": event,
            "member_id": m,
            "guest_name": None,
            "guest_mobile": None,
            "code": "LCE" + new_id().replace("-", "")[-16:].upper(),
            "kind": "invited",
            "at": AT,
        },
        "event.sign_in": sign_in(event, m),
        "event.signin": sign_in(event, m),
        "event.check_in": sign_in(event, m),
        "event.sign_in_undo": {
            "signin_id": new_id(),
            "event_id": event,
            "member_id": m,
            "registration_id": None,
            "nonce": new_id()[-12:],
            "reason": "scanned twice",
            "points_reversed": 0,
            "at": AT,
        },
        "event.draw": {
            "draw_id": new_id(),
            "event_id": event,
            "round": 1,
            "prize": "保温杯",
            "seed": new_id()[-12:],
            "entrants": [f"m:{m}"],
            "entrants_hash": "0" * 64,
            "winners": [f"m:{m}"],
            "at": AT,
        },
        "gift.redeem": {
            "redemption_id": new_id(),
            "gift_id": gift,
            "sku": "G-1",
            "member_id": m,
            "points": 500,
            "points_entry_id": new_id(),
            "stock_move_id": new_id(),
            "on_hand_after": 9,
            "stock_override": False,
            "approved_by": None,
            "rule_version": 1,
            "at": AT,
        },
        "stock.receive": stock_move(gift) | {"delivery_ref": None},
        "stock.adjust": stock_move(gift, -1) | {"cause": "damaged"},
        "stock.count": stock_move(gift, 0) | {"counted": 10},
        "stock.transfer_out": stock_move(gift, -1) | {"to_store": "T002"},
        "stock.transfer_in": stock_move(gift, 1) | {"from_store": "T002"},
        "conflict.resolve": {
            "conflict_id": ctx["conflict_id"],
            "reason": "counted",
            "staff_name": "王经理",
        },
        "pos.reconciliation": reconciliation(store),
    }


NOBODY = "00000000-0000-7000-8000-000000000000"


def context(**ids: str) -> dict:
    """The ids `every_type` refers to; those not given name nothing the centre knows."""
    return {
        "member_id": NOBODY,
        "store_id": NOBODY,
        "event_id": NOBODY,
        "gift_id": NOBODY,
        "coupon_id": NOBODY,
        "purchase_id": NOBODY,
        "receipt_no": "R0",
        "conflict_id": NOBODY,
    } | ids
