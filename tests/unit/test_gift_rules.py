from datetime import UTC, datetime, timedelta

import pytest

from services.rules import gifts as rules

NOW = datetime(2026, 3, 1, tzinfo=UTC)
TERMS = rules.GiftTerms(3000, None, None, True, None, None)


def problem(terms=TERMS, tier="bronze", balance=5000, redeemed=0, on_hand=3):
    return rules.redemption_problem(terms, tier, balance, redeemed, on_hand, NOW)


def test_a_qualifying_member_may_redeem():
    assert problem() is None


@pytest.mark.parametrize(
    ("changes", "kwargs", "code"),
    [
        ({"active": False}, {}, "gift.inactive"),
        ({"available_from": NOW + timedelta(seconds=1)}, {}, "gift.not_yet_available"),
        ({"available_until": NOW}, {}, "gift.no_longer_available"),
        ({"min_tier": "gold"}, {"tier": "silver"}, "gift.tier_required"),
        ({"per_member_limit": 2}, {"redeemed": 2}, "gift.limit_reached"),
        ({}, {"balance": 2999}, "points.insufficient"),
        ({}, {"on_hand": 0}, "gift.out_of_stock"),
        ({}, {"on_hand": -1}, "gift.out_of_stock"),
    ],
)
def test_each_refusal(changes, kwargs, code):
    from dataclasses import replace

    assert problem(replace(TERMS, **changes), **kwargs) == code


def test_stock_is_the_last_check_so_only_it_can_be_overridden():
    assert problem(balance=0, on_hand=0) == "points.insufficient"


def test_higher_tiers_qualify():
    gold = rules.GiftTerms(3000, "gold", None, True, None, None)
    assert problem(gold, tier="platinum") is None


def test_adjustments_and_counts():
    assert rules.adjustment_delta("damaged", 2) == -2
    assert rules.adjustment_delta("found", 2) == 2
    assert rules.count_difference(7, 10) == -3
    assert rules.is_low(5, 5) and not rules.is_low(6, 5)


@pytest.mark.parametrize("value", [0, -1, 100_001, True, "3", 1.0])
def test_bad_quantities(value):
    assert rules.quantity_problem(value) == "stock.bad_quantity"


def test_parse_quantity_reads_full_width_digits():
    assert rules.parse_quantity(" １２ ") == 12
    assert rules.parse_quantity("1.5") is None and rules.parse_quantity("") is None
