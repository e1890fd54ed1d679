"""Worked examples of the points rules (the launch defaults) and their properties: member
discounts, points for a purchase, promotions and tiers.
"""

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from services.rules.points import (
    DEFAULT_RULES,
    MAX_PURCHASE_FEN,
    TIER_ORDER,
    Promotion,
    active_promotions,
    member_discount_fen,
    points_expire_at,
    points_for_purchase,
    purchase_multiplier,
    tier_for_spend,
)

SHANGHAI = ZoneInfo("Asia/Shanghai")
TZ = "Asia/Shanghai"
A_DAY = date(2026, 3, 15)  # nobody's promotion, nobody's birthday
R = DEFAULT_RULES


# --- member discount ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tier", "amount", "discount"),
    [
        ("bronze", 123456, 0),
        ("silver", 10000, 1000),
        ("gold", 10000, 1500),
        ("platinum", 10000, 2000),
        # rounded down to the fen
        ("silver", 999, 99),  # 99.9
        ("gold", 1001, 150),  # 150.15
        ("platinum", 4, 0),  # 0.8
        ("gold", 123456, 18518),  # 18518.4
    ],
)
def test_member_discount_by_tier_rounds_down(tier, amount, discount):
    assert member_discount_fen(amount, tier, R) == discount


# --- points for a purchase ------------------------------------------------------------------


def test_gold_member_in_birthday_month():
    gross = 123456  # 1,234.56 yuan
    discount = member_discount_fen(gross, "gold", R)
    paid = gross - discount
    points = points_for_purchase(paid, gross, {}, "gold", True, A_DAY, R)
    assert (discount, paid) == (18518, 104938)
    assert (points.base, points.multiplier, points.category_bonus) == (1049, 2, 0)
    assert points.total == 2098


def test_gold_member_outside_birthday_month_earns_single():
    points = points_for_purchase(104938, 123456, {}, "gold", False, A_DAY, R)
    assert (points.multiplier, points.total) == (1, 1049)


def test_platinum_electronics_bonus_is_not_multiplied():
    points = points_for_purchase(
        100000, 100000, {"electronics": 60000}, "platinum", False, A_DAY, R
    )
    assert (points.base, points.multiplier, points.category_bonus) == (1000, 2, 1200)
    assert points.total == 3200  # 1000 x 2 + 600 x 2, not (1000 + 1200) x 2


def test_category_bonus_counts_only_the_category_share_of_what_was_paid():
    # Platinum at the counter: 20% off, so 80% of each line was paid.
    points = points_for_purchase(
        80000, 100000, {"electronics": 60000, "food": 40000}, "platinum", False, A_DAY, R
    )
    assert (points.base, points.category_bonus, points.total) == (800, 960, 2560)


def test_only_whole_yuan_earn():
    assert points_for_purchase(1099, 1099, {}, "bronze", False, A_DAY, R).total == 10
    assert points_for_purchase(99, 99, {}, "bronze", False, A_DAY, R).total == 0
    assert points_for_purchase(0, 1000, {}, "bronze", False, A_DAY, R).total == 0


@pytest.mark.parametrize(
    ("tier", "birthday", "max_mult", "multiply_mult"),
    [
        ("bronze", False, 1, 1),
        ("bronze", True, 2, 2),
        ("gold", True, 2, 2),
        ("platinum", False, 2, 2),
        ("platinum", True, 2, 4),
    ],
)
def test_stacking_max_versus_multiply(tier, birthday, max_mult, multiply_mult):
    multiply = replace(R, stacking="multiply")
    assert purchase_multiplier(tier, birthday, A_DAY, R) == max_mult
    assert purchase_multiplier(tier, birthday, A_DAY, multiply) == multiply_mult
    assert points_for_purchase(10000, 10000, {}, tier, birthday, A_DAY, multiply).total == (
        100 * multiply_mult
    )


SPRING = Promotion("SPRING", date(2026, 4, 1), date(2026, 4, 30), multiplier=3, bonus_points=50)
WITH_SPRING = replace(R, promotions=(SPRING,))


@pytest.mark.parametrize(
    ("on", "active"),
    [
        (date(2026, 3, 31), False),
        (date(2026, 4, 1), True),
        (date(2026, 4, 15), True),
        (date(2026, 4, 30), True),
        (date(2026, 5, 1), False),
    ],
)
def test_promotion_only_within_its_inclusive_dates(on, active):
    assert active_promotions(on, WITH_SPRING) == ((SPRING,) if active else ())
    points = points_for_purchase(10000, 10000, {}, "bronze", False, on, WITH_SPRING)
    if active:
        assert (points.multiplier, points.promotion_bonus, points.total) == (3, 50, 350)
    else:
        assert (points.multiplier, points.promotion_bonus, points.total) == (1, 0, 100)


def test_promotion_multiplier_competes_or_stacks_with_the_others():
    on = date(2026, 4, 10)
    assert purchase_multiplier("platinum", True, on, WITH_SPRING) == 3
    multiply = replace(WITH_SPRING, stacking="multiply")
    assert purchase_multiplier("platinum", True, on, multiply) == 12
    # a flat bonus without a multiplier leaves the multiplier alone
    bonus_only = replace(R, promotions=(Promotion("GIFT", on, on, bonus_points=88),))
    points = points_for_purchase(10000, 10000, {}, "platinum", False, on, bonus_only)
    assert (points.multiplier, points.total) == (2, 288)


def test_nothing_paid_earns_no_promotion_bonus():
    on = date(2026, 4, 10)
    assert points_for_purchase(0, 10000, {}, "bronze", False, on, WITH_SPRING).total == 0


# --- tiers -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("spend", "tier"),
    [
        (0, "bronze"),
        (199999, "bronze"),
        (200000, "silver"),
        (499999, "silver"),
        (500000, "gold"),
        (999999, "gold"),
        (1000000, "platinum"),
        (50_000_000, "platinum"),
    ],
)
def test_tier_for_spend_thresholds(spend, tier):
    assert tier_for_spend(spend, R) == tier


# --- properties ------------------------------------------------------------------------------

purchases = st.integers(1, MAX_PURCHASE_FEN).flatmap(
    lambda gross: st.tuples(
        st.just(gross),
        st.integers(0, gross),
        st.integers(0, gross),
        st.integers(0, gross),
    )
)


@given(
    purchases,
    st.sampled_from(TIER_ORDER),
    st.booleans(),
    st.dates(date(2026, 3, 25), date(2026, 5, 5)),
    st.sampled_from(["max", "multiply"]),
)
def test_points_never_negative_and_monotonic_in_paid(purchase, tier, birthday, on, stacking):
    gross, electronics, paid_a, paid_b = purchase
    low, high = sorted((paid_a, paid_b))
    rules = replace(WITH_SPRING, stacking=stacking)
    lines = {"electronics": electronics, "food": gross - electronics}
    at_low = points_for_purchase(low, gross, lines, tier, birthday, on, rules)
    at_high = points_for_purchase(high, gross, lines, tier, birthday, on, rules)
    assert at_low.total >= 0
    assert at_high.total >= 0
    assert at_low.total <= at_high.total
    assert at_low.base == low // 100


@given(st.integers(1, MAX_PURCHASE_FEN), st.sampled_from(TIER_ORDER))
def test_discount_is_between_zero_and_the_amount(amount, tier):
    discount = member_discount_fen(amount, tier, R)
    assert 0 <= discount <= amount * 20 // 100


@given(st.datetimes(datetime(2000, 1, 1), datetime(2090, 1, 1), timezones=st.just(UTC)))
def test_expiry_is_new_year_two_years_on_store_time(earned_at):
    expires = points_expire_at(earned_at, TZ)
    local_year = earned_at.astimezone(SHANGHAI).year
    assert expires == datetime(local_year + 2, 1, 1, tzinfo=SHANGHAI)
    # points last at least a year, at most two
    assert timedelta(days=365) < expires - earned_at <= timedelta(days=731)
