"""Points: earning, spending, refunds, adjustments, bonuses and expiry."""

from pydantic import Field

from services.protocol import limits
from services.protocol.fields import (
    AsciiCode,
    Bool,
    Category,
    Code,
    Day,
    Fen,
    Id,
    Multiplier,
    Points,
    PointsDelta,
    PositivePoints,
    Reason,
    RuleVersion,
    Tier,
    Timestamp,
    whole,
)
from services.protocol.operations.base import (
    IdList,
    Payload,
)


class PointsEarn(Payload):
    purchase_id: Id
    receipt_no: AsciiCode
    member_id: Id
    gross_fen: Fen
    discount_fen: Fen
    points_cash_fen: Fen
    coupon_id: Id | None = None
    coupon_fen: Fen = 0
    paid_fen: Fen
    categories: dict[Category, Fen] = Field(max_length=limits.MAX_CATEGORIES)
    points: Points
    # How the counter arrived at `points`: shown, never believed (the centre recomputes).
    base: Points | None = None
    multiplier: Multiplier | None = None
    category_bonus: Points | None = None
    promotion_bonus: Points | None = None
    tier: Tier
    birthday_month: Bool
    rule_version: RuleVersion
    at: Timestamp


class PointsRedeem(Payload):
    """Points for coupons (`coupon_ids`) or as cash in a purchase (`purchase_id`...)."""

    member_id: Id
    points: PositivePoints
    rule_version: RuleVersion
    coupon_ids: IdList | None = Field(None, max_length=limits.MAX_LIST)
    cash_fen: Fen | None = None
    purchase_id: Id | None = None
    receipt_no: AsciiCode | None = None


class PointsRefund(Payload):
    purchase_id: Id
    receipt_no: AsciiCode
    member_id: Id
    refund_fen: Fen
    points_reversed: Points
    points_returned: Points
    rule_version: RuleVersion


class PointsAdjust(Payload):
    member_id: Id
    delta: PointsDelta
    reason: Reason
    approved_by: Id | None = None
    rule_version: RuleVersion


class PointsVisitBonus(Payload):
    member_id: Id
    points: PositivePoints
    day: Day
    rule_version: RuleVersion


class PointsStreakBonus(Payload):
    """The streak reward: visits on `streak_days` days in a row, the last one `day`."""

    member_id: Id
    points: PositivePoints
    day: Day
    streak_days: whole(2, limits.MAX_DAYS)
    rule_version: RuleVersion


class PointsEventBonus(Payload):
    member_id: Id
    points: PositivePoints
    event_id: Id
    signin_id: Id
    nonce: Code
    entry_id: Id
    rule_version: RuleVersion


class PointsEventBonusReversal(Payload):
    member_id: Id
    points: PositivePoints
    event_id: Id
    signin_id: Id
    reverses_id: Id
    rule_version: RuleVersion


class PointsExpire(Payload):
    member_id: Id
    points: PositivePoints
    lots: IdList = Field(max_length=limits.MAX_LIST)
    rule_version: RuleVersion


OPERATIONS = {
    ("points.earn", 1): PointsEarn,
    ("points.redeem", 1): PointsRedeem,
    ("points.refund", 1): PointsRefund,
    ("points.adjust", 1): PointsAdjust,
    ("points.visit_bonus", 1): PointsVisitBonus,
    ("points.streak_bonus", 1): PointsStreakBonus,
    ("points.event_bonus", 1): PointsEventBonus,
    ("points.event_bonus_reversal", 1): PointsEventBonusReversal,
    ("points.expire", 1): PointsExpire,
}
