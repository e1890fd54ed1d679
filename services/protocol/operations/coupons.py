"""Coupons: issue, redemption and closing one (a void or a revoke)."""

from pydantic import model_validator

from services.protocol.fields import (
    AsciiCode,
    Bool,
    CouponCode,
    CouponKind,
    CouponSource,
    Fen,
    FieldProblem,
    Id,
    Points,
    Reason,
    Reference,
    SignedCode,
    Tier,
    Timestamp,
    after,
)
from services.protocol.operations.base import (
    CouponValue,
    Payload,
)
from services.rules.coupons import coupon_value_problem


class CouponIssue(Payload):
    coupon_id: Id
    code: CouponCode
    template_id: Id | None = None
    member_id: Id | None = None
    kind: CouponKind
    value: CouponValue
    min_spend_fen: Fen
    min_tier: Tier | None = None
    offline_ok: Bool
    source: CouponSource
    source_ref: AsciiCode | None = None
    valid_from: Timestamp
    expires_at: Timestamp
    signed_code: SignedCode

    @model_validator(mode="after")
    def _coherent(self) -> "CouponIssue":
        if coupon_value_problem(self.kind, self.value):  # the chain's one rule: 1-100 %
            raise FieldProblem("value", "a percent_off coupon's value is 1-100, an amount > 0")
        after(self.valid_from, self.expires_at, "expires_at")
        return self


class CouponRedeem(Payload):
    coupon_id: Id
    member_id: Id | None = None
    discount_fen: Fen
    reference: Reference | None = None
    signed_code: SignedCode | None = None


class CouponClose(Payload):
    """coupon.void_redemption and coupon.revoke."""

    coupon_id: Id
    reason: Reason
    points_returned: Points = 0


OPERATIONS = {
    ("coupon.issue", 1): CouponIssue,
    ("coupon.redeem", 1): CouponRedeem,
    ("coupon.void_redemption", 1): CouponClose,
    ("coupon.revoke", 1): CouponClose,
}
