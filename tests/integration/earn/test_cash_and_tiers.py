"""Earning points with points as cash (a redeem entry pays part of the bill), and the tier
change when a purchase crosses a threshold.
"""

from datetime import timedelta

import pytest

from services.core.errors import ValidationError
from tests.factories import assert_consistent, earn
from tests.integration.earn.helpers import balance, footprint, ops, register

# --- points as cash ---------------------------------------------------------------------------


def test_points_as_cash_pay_part_and_earn_on_the_rest(counter, db):
    member = register(counter)
    earn(counter, member.id, "R1", 50000)  # 500 points
    seq_before = db.scalar("SELECT last_seq FROM counter")
    result = earn(counter, member.id, "R2", 10000, cash=300)
    q = result.quote
    assert (q.points_cash, q.points_cash_fen, q.paid_fen, q.points.total) == (300, 300, 9700, 97)
    assert result.balance == balance(db, member.id) == 500 - 300 + 97

    assert [
        r[0] for r in db.rows("SELECT op_type FROM outbox WHERE seq > ? ORDER BY seq", seq_before)
    ] == [
        "points.redeem",
        "points.earn",
    ]
    (redeem,) = ops(db, "points.redeem")
    assert (redeem["points"], redeem["cash_fen"], redeem["receipt_no"]) == (300, 300, "R2")
    assert redeem["purchase_id"] == result.purchase_id
    assert db.rows(
        "SELECT kind, delta FROM points_entry WHERE purchase_id = ? ORDER BY rowid",
        result.purchase_id,
    ) == [("redeem", -300), ("earn", 97)]
    assert db.rows(
        "SELECT points_cash_fen, paid_fen, points_spent FROM purchase WHERE id = ?",
        result.purchase_id,
    ) == [(300, 9700, 300)]
    assert sorted(r[0] for r in db.rows("SELECT remaining FROM points_lot")) == [97, 200]
    assert_consistent(counter, db)


def test_points_may_pay_the_whole_bill(counter, db):
    member = register(counter)
    earn(counter, member.id, "R1", 50000)
    result = earn(counter, member.id, "R2", 500, cash=500)
    assert (result.quote.paid_fen, result.quote.points.total, result.balance) == (0, 0, 0)
    assert db.scalar("SELECT count(*) FROM points_entry WHERE kind = 'earn'") == 1
    assert_consistent(counter, db)


@pytest.mark.parametrize(
    ("gross", "cash", "code"),
    [
        (10000, 150, "points.cash_step"),
        (10000, 50, "points.cash_step"),
        (10000, -100, "points.cash_step"),
        (100000, 600, "points.insufficient"),
        (299, 300, "points.cash_exceeds_payable"),
    ],
)
def test_points_as_cash_refusals_write_nothing(counter, db, gross, cash, code):
    member = register(counter)
    earn(counter, member.id, "R1", 50000)  # 500 points
    before = footprint(db)
    with pytest.raises(ValidationError) as caught:
        earn(counter, member.id, "R2", gross, cash=cash)
    assert caught.value.code == code
    assert footprint(db) == before
    assert balance(db, member.id) == 500


def test_points_as_cash_are_limited_by_what_is_payable_after_the_discount(counter, db):
    member = register(counter)
    earn(counter, member.id, "R1", 200000)  # 2,000 points and silver at once
    before = footprint(db)
    with pytest.raises(ValidationError) as caught:  # 10% off 1000 fen leaves 900 payable
        earn(counter, member.id, "R2", 1000, cash=1000)
    assert caught.value.code == "points.cash_exceeds_payable"
    assert footprint(db) == before
    result = earn(counter, member.id, "R3", 1000, cash=900)
    assert (result.quote.discount_fen, result.quote.paid_fen) == (100, 0)
    assert result.balance == 1100


# --- tiers -------------------------------------------------------------------------------------


def test_crossing_2000_yuan_in_12_months_upgrades_at_once(counter, db):
    member = register(counter)
    first = earn(counter, member.id, "T1", 150000)
    assert first.new_tier is None
    assert db.count("tier_change") == 0
    later = counter.runtime.now() + timedelta(days=200)
    result = earn(counter, member.id, "T2", 50000, now=later)
    assert result.new_tier == "silver"
    assert result.quote.tier == "bronze"  # this purchase still earned and paid as bronze
    assert result.quote.discount_fen == 0
    assert db.scalar("SELECT tier FROM member WHERE id = ?", member.id) == "silver"
    assert db.rows("SELECT member_id, from_tier, to_tier, spend_fen FROM tier_change") == [
        (member.id, "bronze", "silver", 200000)
    ]
    (change,) = ops(db, "member.tier_change")
    assert (change["member_id"], change["from"], change["to"]) == (member.id, "bronze", "silver")
    # the next purchase gets the silver discount
    nxt = earn(counter, member.id, "T3", 10000, now=later + timedelta(minutes=5))
    assert (nxt.quote.tier, nxt.quote.discount_fen, nxt.quote.paid_fen) == ("silver", 1000, 9000)


def test_spend_older_than_12_months_does_not_count(counter, db):
    member = register(counter)
    earn(counter, member.id, "T1", 150000)
    result = earn(counter, member.id, "T2", 50000, now=counter.runtime.now() + timedelta(days=366))
    assert result.new_tier is None
    assert db.scalar("SELECT tier FROM member WHERE id = ?", member.id) == "bronze"
    assert db.count("tier_change") == 0


def test_a_big_purchase_jumps_straight_to_the_tier_it_qualifies_for(counter, db):
    member = register(counter)
    result = earn(counter, member.id, "T1", 1_000_000)
    assert result.new_tier == "platinum"
    assert db.rows("SELECT from_tier, to_tier FROM tier_change") == [("bronze", "platinum")]
