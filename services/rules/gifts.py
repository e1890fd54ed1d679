"""Gift and stock rules: plain values in, a refusal code or a number out. No database, no clock."""

from dataclasses import dataclass
from datetime import datetime

from services.rules.points import TIER_ORDER, tier_rank
from services.rules.text import clean_text

MAX_MOVE_QUANTITY = 100_000  # more in one move is a typing accident, not a delivery
MAX_REFERENCE_LENGTH = 64
# Damage and loss take stock away; a find puts it back.
CAUSE_SIGN = {"damaged": -1, "lost": -1, "found": 1}


@dataclass(frozen=True)
class GiftTerms:
    """What decides whether a gift may be redeemed, apart from the member and the stock."""

    points_price: int
    min_tier: str | None
    per_member_limit: int | None
    active: bool
    available_from: datetime | None
    available_until: datetime | None


def availability_problem(terms: GiftTerms, now: datetime) -> str | None:
    if not terms.active:
        return "gift.inactive"
    if terms.available_from is not None and now < terms.available_from:
        return "gift.not_yet_available"
    if terms.available_until is not None and now >= terms.available_until:
        return "gift.no_longer_available"
    return None


def tier_allows(member_tier: str, min_tier: str | None) -> bool:
    return min_tier is None or tier_rank(member_tier) >= tier_rank(min_tier)


def redemption_problem(
    terms: GiftTerms, member_tier: str, balance: int, redeemed: int, on_hand: int, now: datetime
) -> str | None:
    """Why this member may not have this gift now, or None.

    Stock is checked last on purpose: "out of stock" is the one refusal a manager may
    override (the gift in hand proves it exists), so every other rule must pass first.
    """
    if problem := availability_problem(terms, now):
        return problem
    if not tier_allows(member_tier, terms.min_tier):
        return "gift.tier_required"
    if terms.per_member_limit is not None and redeemed >= terms.per_member_limit:
        return "gift.limit_reached"
    if balance < terms.points_price:
        return "points.insufficient"
    if on_hand <= 0:
        return "gift.out_of_stock"
    return None


def quantity_problem(quantity: object) -> str | None:
    ok = isinstance(quantity, int) and not isinstance(quantity, bool)
    if not ok or not 0 < quantity <= MAX_MOVE_QUANTITY:
        return "stock.bad_quantity"
    return None


def counted_problem(counted: object) -> str | None:
    ok = isinstance(counted, int) and not isinstance(counted, bool)
    if not ok or not 0 <= counted <= MAX_MOVE_QUANTITY:
        return "stock.bad_count"
    return None


def adjustment_delta(cause: str, quantity: int) -> int:
    """The signed change an adjustment makes; the cashier always types a positive quantity."""
    return CAUSE_SIGN[cause] * quantity


def count_difference(counted: int, on_hand: int) -> int:
    """What a count changes: the shelf is right, the books follow it."""
    return counted - on_hand


def is_low(on_hand: int, threshold: int) -> bool:
    return on_hand <= threshold


def clean_reference(text: str) -> str | None:
    """A delivery note or transfer number as typed; None when empty or implausible."""
    reference = clean_text(text)
    if not reference or len(reference) > MAX_REFERENCE_LENGTH:
        return None
    return reference


def parse_quantity(text: str) -> int | None:
    """Whole pieces as typed at the counter (full-width digits too); None if not a count."""
    digits = clean_text(text).replace(" ", "")
    if not digits.isascii() or not digits.isdigit():
        return None
    return int(digits)


def known_tier(tier: str | None) -> bool:
    return tier is None or tier in TIER_ORDER
