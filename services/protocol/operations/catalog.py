"""The catalogue the chain defines: gifts and coupon templates."""

from pydantic import model_validator

from services.protocol.fields import (
    Bool,
    Code,
    Count,
    CouponKind,
    Description,
    Fen,
    FieldProblem,
    Id,
    ImageName,
    Name,
    PositivePoints,
    Sku,
    Tier,
    Timestamp,
    Token,
    after,
)
from services.protocol.operations.base import (
    CouponValue,
    Limit,
    Payload,
    ValidDays,
)
from services.rules.coupons import coupon_value_problem


class GiftFields(Payload):
    gift_id: Id
    sku: Sku
    name_zh: Name
    name_en: Name
    points_price: PositivePoints
    description: Description | None = None
    min_tier: Tier | None = None
    per_member_limit: Limit | None = None
    low_stock_threshold: Count = 5
    image: ImageName | None = None
    available_from: Timestamp | None = None
    available_until: Timestamp | None = None

    @model_validator(mode="after")
    def _window(self) -> "GiftFields":
        after(self.available_from, self.available_until, "available_until")
        return self


class GiftDefine(GiftFields):
    pass


class GiftUpdate(GiftFields):
    active: Bool = True


class CouponTemplateDefine(Payload):
    template_id: Id
    code: Code
    name_zh: Name
    name_en: Name
    kind: CouponKind
    value: CouponValue
    min_spend_fen: Fen = 0
    valid_days: ValidDays | None = None
    purpose: Token = "manual"
    min_tier: Tier | None = None
    per_member_limit: Limit | None = None
    offline_ok: Bool = True

    @model_validator(mode="after")
    def _percent(self) -> "CouponTemplateDefine":
        if coupon_value_problem(self.kind, self.value):  # the chain's one rule: 1-100 %
            raise FieldProblem("value", "a percent_off template's value is 1-100, an amount > 0")
        return self


OPERATIONS = {
    ("gift.define", 1): GiftDefine,
    ("gift.update", 1): GiftUpdate,
    ("coupon_template.define", 1): CouponTemplateDefine,
}
