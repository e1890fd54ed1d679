"""Worked examples of the points rules (the launch defaults) for points going out and coming
back: expiry, redemption, refunds, and the visit streak.
"""

from datetime import UTC, date, datetime, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from services.rules.points import (
    DEFAULT_RULES,
    cash_points_problem,
    cash_value_fen,
    coupons_for_points,
    points_expire_at,
    refund_reversal,
    streak_block,
    streak_completed,
)

SHANGHAI = ZoneInfo("Asia/Shanghai")
TZ = "Asia/Shanghai"
R = DEFAULT_RULES


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
