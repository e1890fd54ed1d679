"""Typing an amount: what `parse_yuan` takes and what it refuses."""

import pytest

from services.rules.points import MAX_PURCHASE_FEN, parse_yuan

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
