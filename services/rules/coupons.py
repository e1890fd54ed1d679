"""Coupon arithmetic and eligibility, pure: what a coupon takes off, when it runs out, and
which issuing round a coupon belongs to (so each is given once)."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from services.rules.points import tier_rank

KINDS = ("amount_off", "percent_off", "gift")
WINBACK_AFTER_DAYS = 183  # six months without a purchase: the lapsed-member rule


def coupon_value_problem(kind: str, value: int) -> str | None:
    """Why a coupon of this kind cannot have this value, or None: percent off is 1 to 100, an
    amount off is more than zero fen, a gift coupon's value is not negative."""
    if kind not in KINDS:
        return "coupon.bad_kind"
    if not isinstance(value, int) or isinstance(value, bool):
        return "coupon.bad_value"
    if kind == "percent_off" and not 1 <= value <= 100:
        return "coupon.bad_value"
    if kind == "amount_off" and value <= 0:
        return "coupon.bad_value"
    if kind == "gift" and value < 0:
        return "coupon.bad_value"
    return None


def coupon_terms_problem(kind: str, value: int, min_spend_fen: int) -> str | None:
    """`coupon_value_problem`, and a minimum spend that is a whole, non-negative fen amount:
    what a coupon template or an issued coupon must satisfy, wherever it is made."""
    if problem := coupon_value_problem(kind, value):
        return problem
    if not isinstance(min_spend_fen, int) or isinstance(min_spend_fen, bool) or min_spend_fen < 0:
        return "coupon.bad_min_spend"
    return None


def coupon_discount_fen(kind: str, value: int, payable_fen: int) -> int:
    """Fen a coupon takes off a payable amount: never more than the amount and never below
    zero, whatever the coupon says (so the amount left to pay cannot go negative), rounded
    down."""
    payable_fen = max(payable_fen, 0)
    if kind == "amount_off":
        off = value
    elif kind == "percent_off":
        off = payable_fen * value // 100
    else:
        off = 0
    return min(max(off, 0), payable_fen)


def coupon_expires_at(
    issued_at: datetime, valid_days: int | None, valid_until: datetime | None, timezone: str
) -> datetime:
    """The end of the store day `valid_days` after issue, capped by a fixed last moment."""
    ends = []
    if valid_days is not None:
        local = issued_at.astimezone(ZoneInfo(timezone)).date() + timedelta(days=valid_days + 1)
        midnight = datetime(local.year, local.month, local.day, tzinfo=ZoneInfo(timezone))
        ends.append(midnight.astimezone(UTC))
    if valid_until is not None:
        ends.append(valid_until)
    if not ends:
        raise ValueError("a coupon template needs valid_days or valid_until")
    return min(ends)


def tier_allows(member_tier: str | None, min_tier: str | None) -> bool:
    if min_tier is None:
        return True
    return member_tier is not None and tier_rank(member_tier) >= tier_rank(min_tier)


def birthday_round(now: datetime, timezone: str) -> str:
    """One birthday coupon per member per calendar year."""
    return str(now.astimezone(ZoneInfo(timezone)).year)


def quarter_round(now: datetime, timezone: str) -> str:
    local = now.astimezone(ZoneInfo(timezone))
    return f"{local.year}Q{(local.month - 1) // 3 + 1}"


def winback_round(last_purchase_at: datetime | None, joined_at: datetime) -> str:
    """One win-back coupon per lapse: a new purchase starts a new lapse."""
    return (last_purchase_at or joined_at).astimezone(UTC).strftime("%Y%m%d%H%M%S")


def lapsed(last_purchase_at: datetime | None, joined_at: datetime, now: datetime) -> bool:
    return (last_purchase_at or joined_at) <= now - timedelta(days=WINBACK_AFTER_DAYS)


def best_for_tier(templates: list, member_tier: str):
    """The template with the highest tier requirement the member meets, or None."""
    eligible = [t for t in templates if tier_allows(member_tier, t.min_tier)]
    return max(eligible, key=lambda t: tier_rank(t.min_tier) if t.min_tier else -1, default=None)
