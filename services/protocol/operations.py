"""One schema per operation type a counter sends (version 1): the counter's payload builders
are the specification (services/members/accounts.py, points/sale.py, coupons/issue.py,
...), and the centre validates against the same models before reading anything.

Every model forbids unknown fields and is strict. A field the counter always sends is
required; a nullable one defaults to None, so a payload of an older counter that lacked it
still passes.
"""

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from services.protocol import limits
from services.protocol.fields import (
    AdjustCause,
    AsciiCode,
    BirthYear,
    Bool,
    Category,
    Code,
    Comment,
    Count,
    CouponCode,
    CouponKind,
    CouponSource,
    Day,
    DayOfMonth,
    Description,
    Fen,
    FieldProblem,
    Hash,
    Id,
    ImageName,
    Label,
    Mobile,
    Month,
    Multiplier,
    Name,
    Note,
    Points,
    PointsDelta,
    PositivePoints,
    Quantity,
    Reason,
    Reference,
    RegistrationKind,
    RuleVersion,
    SignedCode,
    SignInMethod,
    Sku,
    TicketCode,
    Tier,
    Timestamp,
    Token,
    after,
    member_or_guest,
    whole,
)
from services.rules.coupons import coupon_value_problem

Capacity = whole(1, limits.MAX_CAPACITY)
CardSerial = whole(1, limits.MAX_CARD_SERIAL)
Score = whole(0, limits.MAX_SCORE)
ValidDays = whole(1, limits.MAX_DAYS)
Limit = whole(1, limits.MAX_QUANTITY)
CouponValue = whole(0, limits.MAX_FEN)
DrawRound = whole(1, 1_000_000)
IdList = list[Id]
DAYS_IN_MONTH = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)  # 29 February is a birthday


class Payload(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


# members --------------------------------------------------------------------------------


class MemberFields(Payload):
    member_id: Id
    member_no: Code
    name: Name
    mobile: Mobile
    birth_month: Month
    birth_day: DayOfMonth
    birth_year: BirthYear | None = None
    consent_marketing: Bool
    note: Note | None = None
    home_store_id: Id

    @model_validator(mode="after")
    def _day_in_month(self) -> "MemberFields":
        if self.birth_day > DAYS_IN_MONTH[self.birth_month - 1]:
            raise FieldProblem("birth_day", "past the end of birth_month")
        return self


class MemberRegister(MemberFields):
    pass


class MemberUpdate(MemberFields):
    pass


class MemberDeactivate(Payload):
    member_id: Id
    reason: Reason


class MemberCardReissue(Payload):
    member_id: Id
    card_serial: CardSerial


class MemberTierChange(Payload):
    model_config = ConfigDict(populate_by_name=True)
    member_id: Id
    from_: Tier = Field(alias="from")
    to: Tier
    reason: Name
    spend_fen: Fen


class MemberVisit(Payload):
    visit_id: Id
    member_id: Id
    source: Token
    at: Timestamp


class NpsRecord(Payload):
    response_id: Id
    score: Score
    comment: Comment | None = None
    member_id: Id | None = None
    reference: Reference | None = None
    at: Timestamp


class CsatRecord(Payload):
    """Satisfaction with the visit, 1-5, asked beside the NPS question."""

    response_id: Id
    score: whole(1, 5)
    member_id: Id | None = None
    reference: Reference | None = None
    at: Timestamp


# points ---------------------------------------------------------------------------------


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


# coupons --------------------------------------------------------------------------------


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


# catalog ---------------------------------------------------------------------------------


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


# events ----------------------------------------------------------------------------------


class EventFields(Payload):
    event_id: Id
    code: Code
    name: Name
    place: Name
    starts_at: Timestamp
    ends_at: Timestamp
    capacity: Capacity
    min_tier: Tier | None = None
    invitation_only: Bool = False
    attendance_points: Points = 0
    signin_opens_at: Timestamp | None = None
    signin_closes_at: Timestamp | None = None
    staff_ids: IdList = Field(default_factory=list, max_length=limits.MAX_LIST)

    @model_validator(mode="after")
    def _windows(self) -> "EventFields":
        after(self.starts_at, self.ends_at, "ends_at")
        after(self.signin_opens_at, self.signin_closes_at, "signin_closes_at")
        return self


class EventCreate(EventFields):
    pass


class EventUpdate(EventFields):
    pass


class EventRegister(Payload):
    registration_id: Id
    event_id: Id
    member_id: Id | None = None
    guest_name: Name | None = None
    guest_mobile: Mobile | None = None
    code: TicketCode
    kind: RegistrationKind
    at: Timestamp

    @model_validator(mode="after")
    def _member_or_guest(self) -> "EventRegister":
        member_or_guest(self.member_id, self.guest_name)
        return self


class EventSignIn(Payload):
    signin_id: Id
    event_id: Id
    member_id: Id | None = None
    registration_id: Id | None = None
    nonce: Code
    method: SignInMethod
    at: Timestamp
    counter_label: Label = ""
    points: Points = 0
    override_reason: Reason | None = None

    @model_validator(mode="after")
    def _who(self) -> "EventSignIn":
        if self.member_id is None and self.registration_id is None:
            raise FieldProblem("registration_id", "a guest's sign-in names its registration")
        return self


class EventSignInUndo(Payload):
    signin_id: Id
    event_id: Id
    member_id: Id | None = None
    registration_id: Id | None = None
    nonce: Code
    reason: Reason
    points_reversed: Points = 0
    at: Timestamp


class EventDraw(Payload):
    draw_id: Id
    event_id: Id
    round: DrawRound
    prize: Name
    seed: Code
    entrants: list[Code] = Field(max_length=limits.MAX_DRAW_ENTRANTS)
    entrants_hash: Hash
    winners: list[Code] = Field(max_length=limits.MAX_DRAW_ENTRANTS)
    at: Timestamp


# gifts and stock ---------------------------------------------------------------------------


class GiftRedeem(Payload):
    redemption_id: Id
    gift_id: Id
    sku: Sku
    member_id: Id
    points: PositivePoints
    points_entry_id: Id
    stock_move_id: Id
    on_hand_after: Quantity
    stock_override: Bool = False
    approved_by: Id | None = None
    rule_version: RuleVersion
    at: Timestamp


class StockMove(Payload):
    move_id: Id
    gift_id: Id
    quantity: Quantity
    on_hand_after: Quantity
    reason: Reason
    reference: Reference | None = None
    approved_by: Id | None = None
    at: Timestamp


class StockReceive(StockMove):
    delivery_ref: Reference | None = None


class StockAdjust(StockMove):
    cause: AdjustCause | None = None


class StockCount(StockMove):
    counted: Count


class StockTransferOut(StockMove):
    to_store: Code


class StockTransferIn(StockMove):
    from_store: Code


# sync ------------------------------------------------------------------------------------


class ConflictResolve(Payload):
    conflict_id: Id
    reason: Note
    staff_name: Label | None = None


# The registry: (type, version) -> model. A type the counter emits without an entry here
# fails its journal at once (services/core/journal.py) and tests/unit/test_protocol_registry.py.
OPERATIONS: dict[tuple[str, int], type[Payload]] = {
    ("member.register", 1): MemberRegister,
    ("member.update", 1): MemberUpdate,
    ("member.deactivate", 1): MemberDeactivate,
    ("member.card_reissue", 1): MemberCardReissue,
    ("member.tier_change", 1): MemberTierChange,
    ("member.visit", 1): MemberVisit,
    ("nps.record", 1): NpsRecord,
    ("csat.record", 1): CsatRecord,
    ("points.earn", 1): PointsEarn,
    ("points.redeem", 1): PointsRedeem,
    ("points.refund", 1): PointsRefund,
    ("points.adjust", 1): PointsAdjust,
    ("points.visit_bonus", 1): PointsVisitBonus,
    ("points.streak_bonus", 1): PointsStreakBonus,
    ("points.event_bonus", 1): PointsEventBonus,
    ("points.event_bonus_reversal", 1): PointsEventBonusReversal,
    ("points.expire", 1): PointsExpire,
    ("coupon.issue", 1): CouponIssue,
    ("coupon.redeem", 1): CouponRedeem,
    ("coupon.void_redemption", 1): CouponClose,
    ("coupon.revoke", 1): CouponClose,
    ("gift.define", 1): GiftDefine,
    ("gift.update", 1): GiftUpdate,
    ("coupon_template.define", 1): CouponTemplateDefine,
    ("event.create", 1): EventCreate,
    ("event.update", 1): EventUpdate,
    ("event.register", 1): EventRegister,
    ("event.sign_in", 1): EventSignIn,
    # Older counters' names for a sign-in; the centre still merges them as sign-ins.
    ("event.signin", 1): EventSignIn,
    ("event.check_in", 1): EventSignIn,
    ("event.sign_in_undo", 1): EventSignInUndo,
    ("event.draw", 1): EventDraw,
    ("gift.redeem", 1): GiftRedeem,
    ("stock.receive", 1): StockReceive,
    ("stock.adjust", 1): StockAdjust,
    ("stock.count", 1): StockCount,
    ("stock.transfer_out", 1): StockTransferOut,
    ("stock.transfer_in", 1): StockTransferIn,
    ("conflict.resolve", 1): ConflictResolve,
}

OPERATION_TYPES: frozenset[str] = frozenset(t for t, _v in OPERATIONS)


def schema_fields(op_type: str, version: int = 1) -> dict[str, Any]:
    """{field name on the wire: required?} for the docs."""
    model = OPERATIONS[(op_type, version)]
    return {(f.alias or n): f.is_required() for n, f in model.model_fields.items()}
