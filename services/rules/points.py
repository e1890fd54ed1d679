"""The points rules: pure functions over a versioned rule set. Money in fen, points in ints.

The defaults (`DEFAULT_RULES`) are the programme's launch rules, version 1; the central
system can send new versions, and every operation records the version it used.
"""

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from common.tiers import TIERS as TIER_ORDER

MAX_PURCHASE_FEN = 100_000_000  # one million yuan: anything above is a typing accident
# A manager's correction, either way: a larger one is a mistake or an abuse, at the counter
# and at the centre alike.
MAX_ADJUSTMENT = 1_000_000
_YUAN_RE = re.compile(r"([0-9]{1,9})(?:\.([0-9]{1,2}))?")
# Grouping commas only between groups of three: "1,234.56" is fine, "1,2,3" or "12,34" is a
# typing slip that must not become some other amount.
_GROUPED_RE = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]{1,2})?")


@dataclass(frozen=True)
class Promotion:
    """A time-boxed promotion: an extra multiplier and/or flat bonus on purchases."""

    code: str
    starts_on: date  # store-local dates, inclusive
    ends_on: date
    multiplier: int = 1
    bonus_points: int = 0


@dataclass(frozen=True)
class RuleSet:
    version: int = 1
    points_per_yuan: int = 1
    tier_multipliers: dict[str, int] = field(default_factory=lambda: {"platinum": 2})
    birthday_multiplier: int = 2
    stacking: str = "max"  # "max": the highest multiplier applies; "multiply": they stack
    category_bonus_per_yuan: dict[str, int] = field(default_factory=lambda: {"electronics": 2})
    promotions: tuple[Promotion, ...] = ()
    tier_thresholds_fen: dict[str, int] = field(
        default_factory=lambda: {"silver": 200_000, "gold": 500_000, "platinum": 1_000_000}
    )
    tier_discount_percent: dict[str, int] = field(
        default_factory=lambda: {"silver": 10, "gold": 15, "platinum": 20}
    )
    coupon_points: int = 100  # 100 points buy a coupon worth coupon_value_fen
    coupon_value_fen: int = 1000
    cash_points_step: int = 100  # points as cash: 100 points = 1 yuan, in steps of 100
    cash_fen_per_step: int = 100
    visit_bonus_points: int = 0  # once a day per member when > 0 (a daily check-in reward)
    # The streak reward: visits on this many days in a row earn these points (0: off).
    streak_days: int = 7
    streak_bonus_points: int = 0
    expiry_warning_days: int = 60
    # The first store-local day this version applies; None: from the day a counter has it.
    # Head office publishes a version ahead of time and every counter switches that morning.
    starts_on: date | None = None


DEFAULT_RULES = RuleSet()


@dataclass(frozen=True)
class PointsBreakdown:
    base: int
    multiplier: int
    category_bonus: int
    promotion_bonus: int

    @property
    def total(self) -> int:
        return self.base * self.multiplier + self.category_bonus + self.promotion_bonus


def parse_yuan(text: str) -> int | None:
    """'1234.56' or '1,234.56' -> 123456 fen; None for anything that is not a plain positive
    amount."""
    # NFKC turns full-width digits, commas and points from a Chinese input method into
    # ASCII; other scripts' digits stay and are refused by the ASCII-only patterns.
    plain = unicodedata.normalize("NFKC", text).strip()
    if "," in plain:
        if _GROUPED_RE.fullmatch(plain) is None:
            return None
        plain = plain.replace(",", "")
    match = _YUAN_RE.fullmatch(plain)
    if match is None:
        return None
    fen = int(match.group(1)) * 100 + int((match.group(2) or "0").ljust(2, "0"))
    return fen if 0 < fen <= MAX_PURCHASE_FEN else None


def member_discount_fen(amount_fen: int, tier: str, rules: RuleSet) -> int:
    """The tier's member discount on an amount, rounded down to the fen (in the member's favour
    would be up; the store's policy, as seeds put it, rounds the discount down)."""
    return amount_fen * rules.tier_discount_percent.get(tier, 0) // 100


def active_promotions(on: date, rules: RuleSet) -> tuple[Promotion, ...]:
    return tuple(p for p in rules.promotions if p.starts_on <= on <= p.ends_on)


def purchase_multiplier(tier: str, birthday_month: bool, on: date, rules: RuleSet) -> int:
    candidates = [rules.tier_multipliers.get(tier, 1)]
    if birthday_month:
        candidates.append(rules.birthday_multiplier)
    candidates += [p.multiplier for p in active_promotions(on, rules)]
    if rules.stacking == "multiply":
        result = 1
        for factor in candidates:
            result *= factor
        return result
    return max(candidates)


def points_for_purchase(
    paid_fen: int,
    gross_fen: int,
    category_lines: dict[str, int],
    tier: str,
    birthday_month: bool,
    on: date,
    rules: RuleSet,
) -> PointsBreakdown:
    """Points for what was actually paid (after discounts, coupons and points as cash).

    Base: whole yuan paid x rate, times the multiplier (tier, birthday month, promotions;
    the highest, or all multiplied). Category bonus: extra points per whole yuan of a
    designated category's share of what was paid, not multiplied. Promotions may add a
    flat bonus. Everything rounds down.
    """
    if paid_fen <= 0:
        return PointsBreakdown(0, 1, 0, 0)
    base = paid_fen // 100 * rules.points_per_yuan
    bonus = 0
    for category, line_fen in category_lines.items():
        per_yuan = rules.category_bonus_per_yuan.get(category, 0)
        share_fen = line_fen * paid_fen // gross_fen if gross_fen else 0
        bonus += share_fen // 100 * per_yuan
    promo = sum(p.bonus_points for p in active_promotions(on, rules))
    return PointsBreakdown(base, purchase_multiplier(tier, birthday_month, on, rules), bonus, promo)


def tier_for_spend(spend_fen: int, rules: RuleSet) -> str:
    """The tier that 12 months' spend qualifies for."""
    tier = "bronze"
    for name in TIER_ORDER[1:]:
        if spend_fen >= rules.tier_thresholds_fen.get(name, 1 << 62):
            tier = name
    return tier


def tier_rank(tier: str) -> int:
    return TIER_ORDER.index(tier)


def points_expire_at(earned_at: datetime, timezone: str) -> datetime:
    """Points earned in year Y expire at the end of 31 December of Y+1, store time.

    Returned as the first instant they are gone: 1 January of Y+2, 00:00 store time.
    """
    zone = ZoneInfo(timezone)
    year = earned_at.astimezone(zone).year
    return datetime.combine(date(year + 2, 1, 1), time(0), zone)


def last_valid_day(expires_at: datetime, timezone: str) -> date:
    """The store-local day a member is told: points expiring at 1 Jan 00:00 last until 31 Dec."""
    return (expires_at - timedelta(microseconds=1)).astimezone(ZoneInfo(timezone)).date()


def cash_value_fen(points: int, rules: RuleSet) -> int:
    return points // rules.cash_points_step * rules.cash_fen_per_step


def cash_points_problem(points: int, balance: int, payable_fen: int, rules: RuleSet) -> str | None:
    """Why these points cannot be used as cash here, or None."""
    if points == 0:
        return None  # not using points is always fine, even for a member in debt
    if points < 0 or points % rules.cash_points_step:
        return "points.cash_step"
    if points > balance:
        return "points.insufficient"
    if cash_value_fen(points, rules) > payable_fen:
        return "points.cash_exceeds_payable"
    return None


def coupons_for_points(points: int, rules: RuleSet) -> tuple[int, int]:
    """(coupons, value in fen each) that `points` buy; points must be a whole multiple."""
    if points <= 0 or points % rules.coupon_points:
        return 0, rules.coupon_value_fen
    return points // rules.coupon_points, rules.coupon_value_fen


def refund_reversal(
    points_earned: int,
    already_reversed: int,
    paid_fen: int,
    refunded_before_fen: int,
    refund_fen: int,
) -> int:
    """Points to take back for a refund, in proportion to what was paid, never more in total
    than were earned (rounding across partial refunds never takes an extra point)."""
    total_refunded = refunded_before_fen + refund_fen
    due = points_earned * total_refunded // paid_fen if paid_fen else 0
    return max(min(due, points_earned) - already_reversed, 0)


def counted_spend_fen(paid_fen: int, points_cash_fen: int, refunded_fen: int) -> int:
    """What a purchase still counts towards the 12-month spend: the money paid, less the money
    share of what was refunded. A refund is of money and points as cash in proportion; the
    points part never counted as spend, so it is not taken off either."""
    base = paid_fen + points_cash_fen
    if not base:
        return 0
    return paid_fen - refunded_fen * paid_fen // base


def streak_completed(earlier_days: set[date], today: date, streak_days: int) -> bool:
    """Today's first visit completes a streak when the member came on each of the days just
    before it, `streak_days` in all counting today. Each streak is a fresh run: the caller
    leaves out days before an earlier streak bonus."""
    if streak_days < 2:
        return False
    return all(today - timedelta(days=back) in earlier_days for back in range(1, streak_days))


def streak_block(day: date, streak_days: int) -> int:
    """Which run of `streak_days` days a day falls in: two streak bonuses are at least that
    many days apart, so they never share one (the centre credits one per block)."""
    return day.toordinal() // max(streak_days, 1)


def refund_give_back(
    points_spent: int, base_fen: int, refunded_before_fen: int, refund_fen: int
) -> int:
    """Points used as cash that come back for a refund, in the same proportion as the value
    refunded (`base_fen`: money and points as cash), never more in total than were spent."""
    if not points_spent or not base_fen:
        return 0
    before = points_spent * refunded_before_fen // base_fen
    return points_spent * (refunded_before_fen + refund_fen) // base_fen - before


def cash_points_for_fen(cash_fen: int, rules: RuleSet) -> int:
    """The points that paid `cash_fen` as cash (the inverse of `cash_value_fen`)."""
    return cash_fen // rules.cash_fen_per_step * rules.cash_points_step


def trailing_window_start(now: datetime) -> datetime:
    return now - timedelta(days=365)


def rules_from_dict(data: dict) -> RuleSet:
    """A rule set from its JSON form (as stored, synced and loaded by the centre)."""
    data = dict(data)
    promotions = tuple(
        Promotion(
            p["code"],
            date.fromisoformat(p["starts_on"]),
            date.fromisoformat(p["ends_on"]),
            p.get("multiplier", 1),
            p.get("bonus_points", 0),
        )
        for p in data.pop("promotions", [])
    )
    starts_on = data.pop("starts_on", None)
    return RuleSet(
        promotions=promotions,
        starts_on=date.fromisoformat(starts_on) if starts_on else None,
        **data,
    )


def rules_in_force(rule_sets: list[RuleSet], on: date) -> RuleSet:
    """The rule set that applies on a store-local day: the newest version already started
    (one without a start date has started); the defaults when none has."""
    started = [r for r in rule_sets if r.starts_on is None or r.starts_on <= on]
    return max(started, key=lambda r: r.version, default=DEFAULT_RULES)
