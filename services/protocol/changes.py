"""The bodies of the changes the centre publishes on pull (docs/sync-protocol.md "Pull").

The centre validates each body before it enters the feed (central/feed.py) and the counter
before it applies one, so nothing published can be refused by a counter: an event without
a place, a member born in month 13 or a float in a coupon is stopped where it is made.
Bodies carry no unknown fields: the counter's apply code would ignore or choke on them.
"""

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from services.protocol import limits
from services.protocol.fields import (
    AsciiCode,
    Bool,
    Category,
    Code,
    ConflictStatus,
    Day,
    FieldProblem,
    Id,
    Int64,
    KeyId,
    Label,
    Mobile,
    Multiplier,
    Name,
    Note,
    Points,
    PointsDelta,
    PublicKey,
    RegistrationKind,
    RuleVersion,
    Stacking,
    TicketCode,
    Tier,
    Timestamp,
    member_or_guest,
    text,
    whole,
    word,
)
from services.protocol.operations import (
    DAYS_IN_MONTH,
    CardSerial,
    CouponIssue,
    CouponTemplateDefine,
    EventFields,
    GiftFields,
)
from services.rules.receipt_patterns import MAX_EXPRESSION, MAX_KEY, MAX_POSITION, patterns_problem

TimeZone = word(r"[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+){0,2}", limits.TIMEZONE_MAX)
Owner = text(limits.OWNER_MAX)
DetailValue = text(limits.MAX_DETAIL_TEXT, least=0) | Int64 | Bool | None
Percent = whole(0, limits.MAX_PERCENT)


class Body(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


class StoreChange(Body):
    id: Id
    code: Code
    name: Name
    timezone: TimeZone


class MemberChange(Body):
    id: Id
    member_no: Code
    name: Name
    mobile: Mobile
    birth_month: whole(1, 12)
    birth_day: whole(1, 31)
    birth_year: whole(limits.MIN_BIRTH_YEAR, limits.MAX_BIRTH_YEAR) | None = None
    tier: Tier
    balance: whole(-limits.MAX_POINTS, limits.MAX_POINTS)
    arrears: Points = 0
    redeem_blocked: Bool = False
    consent_marketing: Bool = False
    active: Bool = True
    home_store_id: Id | Literal[""] = ""  # empty: a member imported without a home store
    card_serial: CardSerial = 1

    @model_validator(mode="after")
    def _day_in_month(self) -> "MemberChange":
        if self.birth_day > DAYS_IN_MONTH[self.birth_month - 1]:
            raise FieldProblem("birth_day", "past the end of birth_month")
        return self


class TrustedKeyChange(Body):
    key_id: KeyId
    public_key: PublicKey
    owner: Owner
    revoked_at: Timestamp | None = None


class Promotion(Body):
    code: Code
    starts_on: Day
    ends_on: Day
    multiplier: Multiplier = 1
    bonus_points: Points = 0

    @model_validator(mode="after")
    def _window(self) -> "Promotion":
        if self.ends_on < self.starts_on:  # ISO dates compare as text
            raise FieldProblem("ends_on", "before starts_on")
        return self


class RulesChange(Body):
    """A rule set (services/rules/points.py RuleSet); what it leaves out keeps its default."""

    id: Id | None = None
    version: RuleVersion
    points_per_yuan: Multiplier = 1
    tier_multipliers: dict[Tier, Multiplier] = Field(default_factory=dict)
    birthday_multiplier: Multiplier = 2
    stacking: Stacking = "max"
    category_bonus_per_yuan: dict[Category, Multiplier] = Field(
        default_factory=dict, max_length=limits.MAX_RULE_ENTRIES
    )
    promotions: list[Promotion] = Field(default_factory=list, max_length=limits.MAX_PROMOTIONS)
    tier_thresholds_fen: dict[Tier, whole(0, limits.MAX_FEN)] = Field(default_factory=dict)
    tier_discount_percent: dict[Tier, Percent] = Field(default_factory=dict)
    coupon_points: whole(1, limits.MAX_POINTS) = 100
    coupon_value_fen: whole(0, limits.MAX_FEN) = 1000
    cash_points_step: whole(1, limits.MAX_POINTS) = 100
    cash_fen_per_step: whole(0, limits.MAX_FEN) = 100
    visit_bonus_points: Points = 0
    streak_days: whole(2, limits.MAX_DAYS) = 7
    streak_bonus_points: Points = 0
    expiry_warning_days: whole(0, limits.MAX_DAYS) = 60
    starts_on: Day | None = None  # the first store-local day it applies; None: at once


class GiftChange(GiftFields):
    """A gift as the head office loads it or a counter defined it (`gift_id` is `id` here)."""

    gift_id: Id | None = None
    id: Id
    active: Bool = True


class CouponTemplateChange(CouponTemplateDefine):
    template_id: Id | None = None
    id: Id
    valid_until: Timestamp | None = None
    active: Bool = True


class EventChange(EventFields):
    event_id: Id | None = None
    id: Id
    store_id: Id | None = None  # None: the chain's own event, for every store
    origin: Literal["store"] | None = None  # "store": a counter of `store_id` made it


class UsedCouponChange(Body):
    coupon_id: Id
    used_at: Timestamp
    store_id: Id
    store_name: Name
    device_id: Id
    counter_label: Label | None = None


class CouponUnusedChange(Body):
    coupon_id: Id


class EventRegistrationChange(Body):
    id: Id
    event_id: Id
    member_id: Id | None = None
    guest_name: Name | None = None
    guest_mobile: Mobile | None = None
    code: TicketCode
    kind: RegistrationKind
    device_id: Id | None = None  # None: imported at the centre
    at: Timestamp

    @model_validator(mode="after")
    def _member_or_guest(self) -> "EventRegistrationChange":
        member_or_guest(self.member_id, self.guest_name)
        return self


class EventSignInChange(Body):
    event_id: Id
    member_id: Id | None = None
    registration_id: Id | None = None
    at: Timestamp
    store_name: Name


class ConflictStore(Body):
    id: Id
    name: Label


class ConflictChange(Body):
    id: Id
    kind: AsciiCode
    subject: text(limits.NAME_MAX, least=0)
    op_id: Id
    other_op_id: Id | None = None
    stores: list[ConflictStore] = Field(max_length=limits.MAX_STORES)
    detail: dict[Code, DetailValue] = Field(max_length=limits.MAX_DETAIL_KEYS)
    status: ConflictStatus
    opened_at: Timestamp
    resolved_at: Timestamp | None = None
    resolved_by: Label | None = None
    resolution: Note | None = None


class PointsAdjustmentChange(Body):
    """Head office's adjustment of a member's points (the centre's web console): a counter
    that knows the member enters it in its ledger once, with who made it and why."""

    id: Id
    member_id: Id
    delta: PointsDelta
    reason: text(limits.REASON_MAX)
    by: text(limits.NAME_MAX)
    at: Timestamp

    @model_validator(mode="after")
    def _not_zero(self) -> "PointsAdjustmentChange":
        if self.delta == 0:
            raise FieldProblem("delta", "zero")
        return self


class MemberErasedChange(Body):
    """A member's personal data erased at head office on their request (PIPL): each counter
    blanks what it holds of them (services.members.privacy.erase_member)."""

    id: Id
    at: Timestamp


# receipt patterns ---------------------------------------------------------------------------

PatternKey = text(16)
PatternText = text(MAX_EXPRESSION, least=0)
Position = whole(0, MAX_POSITION)
PatternValue = (
    PatternText | Position | dict[PatternKey, text(MAX_KEY) | Position]  # `fields` or `positions`
)


class ReceiptPatternsChange(Body):
    """A store's receipt patterns as head office set them in the console: `version` counts
    up per store; a counter takes the set in place of its own (services.sync.patterns)."""

    store_id: Id
    version: whole(1, limits.INT64_MAX)
    patterns: list[dict[PatternKey, PatternValue]] = Field(
        min_length=1, max_length=limits.MAX_RECEIPT_PATTERNS
    )
    by: Name
    at: Timestamp

    @model_validator(mode="after")
    def _the_counter_rules(self) -> "ReceiptPatternsChange":
        problem = patterns_problem(self.patterns)
        if problem is not None:
            why, index = problem
            where = "patterns" if index is None else f"patterns.{index}"
            raise FieldProblem(where, why)
        return self


# kind -> model. A kind the centre publishes without an entry here cannot be validated
# and is refused (tests/central/test_protocol_feed.py walks every kind it publishes).
CHANGES: dict[str, type[BaseModel]] = {
    "store": StoreChange,
    "member": MemberChange,
    "trusted_key": TrustedKeyChange,
    "rules": RulesChange,
    "gift": GiftChange,
    "coupon_template": CouponTemplateChange,
    "event": EventChange,
    "used_coupon": UsedCouponChange,
    "coupon_unused": CouponUnusedChange,
    "coupon_revoked": CouponIssue,  # the coupon's issue payload
    "event_registration": EventRegistrationChange,
    "event_signin": EventSignInChange,
    "conflict": ConflictChange,
    "points_adjustment": PointsAdjustmentChange,
    "member_erased": MemberErasedChange,
    "receipt_patterns": ReceiptPatternsChange,
}
