"""Coupons: issuing, signed codes, checking and redeeming at the counter, lists."""

from services.core.surface import lazy_surface

# public name -> the module that defines it
_HOMES = {
    "CODE_LENGTH": "codes",
    "looks_like_coupon_code": "codes",
    "MAX_BATCH": "issue",
    "birthday_offer": "issue",
    "exchange_points": "issue",
    "issue_birthday": "issue",
    "issue_by_hand": "issue",
    "issue_event_batch": "issue",
    "issue_tier_quarter": "issue",
    "issue_winback": "issue",
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
