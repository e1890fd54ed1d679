"""Coupons: issuing, signed codes, checking and redeeming at the counter, lists."""

from services.core.surface import lazy_surface

# public name -> the module that defines it
_HOMES = {
    "CODE_LENGTH": "codes",
    "looks_like_coupon_code": "codes",
    "MAX_BATCH": "campaigns",
    "birthday_offer": "campaigns",
    "exchange_points": "issue",
    "issue_birthday": "campaigns",
    "issue_by_hand": "issue",
    "issue_event_batch": "campaigns",
    "issue_tier_quarter": "campaigns",
    "issue_winback": "campaigns",
    "templates": "issue",
    "redeem_gift_coupon": "use",
    "revoke_coupon": "use",
    "void_redemption": "use",
    "CouponLine": "views",
    "CouponRow": "views",
    "PrintableCoupon": "views",
    "coupon_history": "views",
    "find_coupons": "views",
    "printable_coupons": "views",
}
__all__ = sorted(_HOMES)
__getattr__, __dir__ = lazy_surface(__name__, _HOMES)
