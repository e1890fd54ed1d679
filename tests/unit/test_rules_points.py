"""Worked examples of the points rules (the launch defaults) and their properties."""

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from itertools import pairwise
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
    cash_points_problem,
    cash_value_fen,
    coupons_for_points,
    member_discount_fen,
    parse_yuan,
    points_expire_at,
    points_for_purchase,
    purchase_multiplier,
    refund_reversal,
    streak_block,
    streak_completed,
    tier_for_spend,
)

SHANGHAI = ZoneInfo("Asia/Shanghai")
TZ = "Asia/Shanghai"
A_DAY = date(2026, 3, 15)  # nobody's promotion, nobody's birthday
R = DEFAULT_RULES


# --- typing an amount ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "fen"),
    [
        ("1234.56", 123456),
        ("0.01", 1),
        ("1,000.50", 100050),
        ("12", 1200),
        ("12.5", 1250),
        (" 12.30 ", 1230),
        ("1000000", MAX_PURCHASE_FEN),
        ("1000000.00", MAX_PURCHASE_FEN),
        ("1,000,000", MAX_PURCHASE_FEN),
        ("999,999.99", 99999999),
        ("１，２３４．５６", 123456),
    ],
)
def test_parse_yuan_accepts_plain_amounts(typed, fen):
    assert parse_yuan(typed) == fen


@pytest.mark.parametrize(
    "typed",
    ["", "0", "0.00", "-1", "1.234", "abc", "1e3", "1000001", "1000000.01", " ", "12.", ".5"],
)
def test_parse_yuan_refuses_what_is_not_a_plain_positive_amount(typed):
    assert parse_yuan(typed) is None


@pytest.mark.parametrize(
    "typed",
    ["1,2,3", "12,34", "1,23", "1234,567", ",123", "123,", "1,,234", "1,234,56", "1,2345.6"],
)
def test_parse_yuan_refuses_commas_that_are_not_groups_of_three(typed):
    # Dropping these commas would make a different amount than the one meant: 123 or 1,234.
    assert parse_yuan(typed) is None


def test_parse_yuan_refuses_other_scripts_digits():
    assert parse_yuan("١٢") is None


def test_parse_yuan_takes_full_width_digits_from_a_chinese_input_method():
    assert parse_yuan("１２") == 1200
    assert parse_yuan("１２．５") == 1250


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


# --- expiry ------------------------------------------------------------------------------------


END_OF_2026 = datetime(2027, 1, 1, 0, 0, tzinfo=SHANGHAI)


@pytest.mark.parametrize(
    "earned_local",
    [
        datetime(2025, 3, 1, 0, 0, tzinfo=SHANGHAI),
        datetime(2025, 3, 1, 10, 0, tzinfo=SHANGHAI),
        datetime(2025, 3, 1, 23, 59, 59, tzinfo=SHANGHAI),
    ],
)
def test_points_earned_in_2025_expire_after_the_end_of_2026_store_time(earned_local):
    expires = points_expire_at(earned_local.astimezone(UTC), TZ)
    assert expires == END_OF_2026
    assert expires == datetime(2026, 12, 31, 16, 0, tzinfo=UTC)
    last_moment = datetime(2026, 12, 31, 23, 59, 59, 999999, tzinfo=SHANGHAI)
    assert last_moment < expires


def test_the_year_earned_is_the_store_year_not_the_utc_year():
    # 2025-12-31 16:30 UTC is already 2026-01-01 00:30 in Shanghai.
    assert points_expire_at(datetime(2025, 12, 31, 16, 30, tzinfo=UTC), TZ) == datetime(
        2028, 1, 1, tzinfo=SHANGHAI
    )
    # 2025-12-31 15:59 UTC is still 2025-12-31 23:59 in Shanghai.
    assert points_expire_at(datetime(2025, 12, 31, 15, 59, tzinfo=UTC), TZ) == END_OF_2026


# --- redemption --------------------------------------------------------------------------------


@pytest.mark.parametrize(("points", "fen"), [(0, 0), (99, 0), (100, 100), (250, 200), (5000, 5000)])
def test_cash_value_is_one_yuan_per_hundred_points(points, fen):
    assert cash_value_fen(points, R) == fen


@pytest.mark.parametrize(
    ("points", "balance", "payable", "problem"),
    [
        (0, 0, 100, None),
        (100, 100, 100, None),
        (300, 1000, 300, None),
        (150, 1000, 10000, "points.cash_step"),
        (50, 1000, 10000, "points.cash_step"),
        (-100, 1000, 10000, "points.cash_step"),
        (200, 199, 10000, "points.insufficient"),
        (100, -50, 10000, "points.insufficient"),
        (300, 1000, 299, "points.cash_exceeds_payable"),
    ],
)
def test_cash_points_problem(points, balance, payable, problem):
    assert cash_points_problem(points, balance, payable, R) == problem


def test_zero_points_as_cash_is_no_problem_even_in_debt():
    assert cash_points_problem(0, -100, 10000, R) is None


@pytest.mark.parametrize(
    ("points", "coupons"), [(100, 1), (150, 0), (300, 3), (99, 0), (0, 0), (-100, 0)]
)
def test_coupons_for_points(points, coupons):
    assert coupons_for_points(points, R) == (coupons, 1000)


# --- refunds ---------------------------------------------------------------------------------


def _refund_in_parts(earned: int, paid: int, parts: list[int]) -> list[int]:
    reversed_so_far, refunded, steps = 0, 0, []
    for part in parts:
        step = refund_reversal(earned, reversed_so_far, paid, refunded, part)
        steps.append(step)
        reversed_so_far += step
        refunded += part
    return steps


def test_refund_in_thirds_reverses_exactly_what_was_earned():
    assert _refund_in_parts(100, 10000, [3333, 3333, 3334]) == [33, 33, 34]


def test_refund_reversal_rounds_down_until_the_last_fen():
    # 2098 points for 1,049.38 yuan paid, refunded 1 fen at a time for 3 fen, then the rest
    steps = _refund_in_parts(2098, 104938, [1, 1, 1, 104935])
    assert steps == [0, 0, 0, 2098]


def test_refund_reversal_never_takes_more_than_earned():
    assert refund_reversal(10, 10, 1000, 1000, 0) == 0
    assert refund_reversal(10, 7, 1000, 500, 500) == 3
    assert refund_reversal(10, 0, 1000, 0, 5000) == 10  # a refund larger than paid
    assert refund_reversal(0, 0, 1000, 0, 1000) == 0


@given(
    st.integers(0, 50_000),
    st.integers(1, 10_000_000),
    st.lists(st.integers(1, 10**6), min_size=1, max_size=8),
)
def test_partial_refunds_sum_to_what_was_earned(earned, paid, weights):
    # split `paid` into len(weights) positive-or-zero parts that sum to it
    total = sum(weights)
    cuts = sorted({paid * sum(weights[:i]) // total for i in range(1, len(weights))})
    bounds = [0, *cuts, paid]
    parts = [b - a for a, b in pairwise(bounds) if b > a]
    steps = _refund_in_parts(earned, paid, parts)
    assert all(step >= 0 for step in steps)
    running = 0
    for i, step in enumerate(steps):
        running += step
        assert running <= earned
        refunded = sum(parts[: i + 1])
        assert running == earned * refunded // paid
    assert running == earned


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


# --- the visit streak ---------------------------------------------------------------------------


def test_a_streak_is_completed_by_the_days_just_before_today():
    today = date(2026, 3, 7)
    days = {date(2026, 3, 5), date(2026, 3, 6)}
    assert streak_completed(days, today, 3)
    assert not streak_completed(days - {date(2026, 3, 5)}, today, 3)
    assert not streak_completed({date(2026, 3, 4), date(2026, 3, 6)}, today, 3)
    assert not streak_completed(days, today, 1)  # a "streak" of one day is no streak


def test_two_streaks_a_run_apart_never_share_a_block():
    for start in range(0, 30):
        first = date(2026, 1, 1) + timedelta(days=start)
        for run in (2, 3, 7):
            later = first + timedelta(days=run)
            assert streak_block(first, run) != streak_block(later, run)
