"""The chain's one rule for a coupon's value, and a discount that never exceeds the bill."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from services.rules.coupons import (
    coupon_discount_fen,
    coupon_terms_problem,
    coupon_value_problem,
)


@pytest.mark.parametrize(
    ("kind", "value", "problem"),
    [
        ("percent_off", 1, None),
        ("percent_off", 100, None),
        ("percent_off", 0, "coupon.bad_value"),
        ("percent_off", 101, "coupon.bad_value"),
        ("amount_off", 1, None),
        ("amount_off", 0, "coupon.bad_value"),
        ("amount_off", -1, "coupon.bad_value"),
        ("gift", 0, None),
        ("cashback", 5, "coupon.bad_kind"),
    ],
)
def test_coupon_value_problem(kind, value, problem):
    assert coupon_value_problem(kind, value) == problem


def test_min_spend_is_whole_fen_and_not_negative():
    assert coupon_terms_problem("amount_off", 5000, 30000) is None
    assert coupon_terms_problem("amount_off", 5000, 0) is None
    assert coupon_terms_problem("amount_off", 5000, -1) == "coupon.bad_min_spend"
    assert coupon_terms_problem("amount_off", 5000, 1.5) == "coupon.bad_min_spend"
    assert coupon_terms_problem("percent_off", 101, -1) == "coupon.bad_value"  # value first


@given(
    st.sampled_from(["amount_off", "percent_off", "gift"]),
    st.integers(-(10**6), 10**6),
    st.integers(-(10**6), 10**8),
)
def test_a_discount_never_exceeds_the_bill_nor_goes_below_zero(kind, value, payable):
    off = coupon_discount_fen(kind, value, payable)
    assert 0 <= off <= max(payable, 0)


def test_discounts_of_valid_coupons():
    assert coupon_discount_fen("percent_off", 10, 12345) == 1234  # rounded down
    assert coupon_discount_fen("percent_off", 100, 12345) == 12345
    assert coupon_discount_fen("amount_off", 5000, 3000) == 3000
    assert coupon_discount_fen("percent_off", 150, 1000) == 1000  # capped even if not refused
