"""Earning points on a purchase at the counter, with or without points as cash.

What one earn writes, all in one transaction: the purchase, a ledger entry and a lot (and a
redeem entry when points pay part of the bill), the member's balance, the outbox rows, and a
tier change when the purchase crosses a threshold.
"""

import json
from datetime import UTC, datetime, timedelta
from functools import partial

import pytest

from services import points
from services.core.errors import StateError, ValidationError
from services.points import sale
from services.points.ledger import balance_problems
from services.rules.points import MAX_PURCHASE_FEN
from tests.conftest import CASHIER_NAME, COUNTER_LABEL, MANAGER_NAME, STORE_NAME
from tests.factories import earn
from tests.factories import register as factories_register

# These tests' members were born in May.
register = partial(factories_register, month=5)

# Lots earned in 2026 (store time) are gone at the start of 2028 in Shanghai.
EXPIRES_2026_LOTS = datetime(2027, 12, 31, 16, 0, tzinfo=UTC)


def balance(db, member_id) -> int:
    return db.scalar("SELECT points_balance FROM member WHERE id = ?", member_id)


def footprint(db) -> tuple:
    """Everything an earn may write; equal before and after means nothing was written."""
    return (
        db.count("purchase"),
        db.count("points_entry"),
        db.count("points_lot"),
        db.count("lot_spend"),
        db.count("tier_change"),
        db.count("outbox"),
        db.rows("SELECT id, points_balance, tier FROM member ORDER BY id"),
        db.rows("SELECT id, remaining FROM points_lot ORDER BY id"),
        db.scalar("SELECT last_seq FROM counter"),
    )


def ops(db, op_type) -> list[dict]:
    return [
        json.loads(p)
        for (p,) in db.rows("SELECT payload FROM outbox WHERE op_type = ? ORDER BY seq", op_type)
    ]


def assert_consistent(counter, db):
    with counter.runtime.reader() as uow:
        assert balance_problems(uow) == []
    # and independently of the service's own check
    for member_id, bal in db.rows("SELECT id, points_balance FROM member"):
        ledger = db.scalar(
            "SELECT coalesce(sum(delta), 0) FROM points_entry WHERE member_id = ?", member_id
        )
        lots = db.scalar(
            "SELECT coalesce(sum(remaining), 0) FROM points_lot WHERE member_id = ?", member_id
        )
        assert (bal, lots) == (ledger, max(ledger, 0))


# --- a plain earn ------------------------------------------------------------------------------


def test_earn_writes_purchase_entry_lot_balance_and_outbox(counter, db):
    member = register(counter)
    seq_before = db.scalar("SELECT last_seq FROM counter")
    result = earn(counter, member.id, " r-0001 ", 12345)  # 123.45 yuan

    assert result.receipt_no == "R-0001"
    assert result.quote.points.total == 123
    assert (result.balance, result.new_tier) == (123, None)
    assert (result.next_expiry, result.next_expiry_points) == (EXPIRES_2026_LOTS, 123)
    assert balance(db, member.id) == 123

    assert db.rows(
        "SELECT id, receipt_no, member_id, gross_fen, discount_fen, points_cash_fen, paid_fen,"
        " points_earned, points_spent, refunded_fen, points_reversed, staff_id FROM purchase"
    ) == [
        (
            result.purchase_id,
            "R-0001",
            member.id,
            12345,
            0,
            0,
            12345,
            123,
            0,
            0,
            0,
            counter.manager.staff_id,
        )
    ]
    entries = db.rows(
        "SELECT id, kind, delta, reference, purchase_id, staff_id, store_id, device_id"
        " FROM points_entry"
    )
    assert len(entries) == 1
    entry_id, *rest = entries[0]
    assert rest == [
        "earn",
        123,
        "R-0001",
        result.purchase_id,
        counter.manager.staff_id,
        counter.identity.store_id,
        counter.identity.device_id,
    ]
    lot = db.rows("SELECT entry_id, original, remaining, expires_at, earned_at FROM points_lot")
    assert lot == [(entry_id, 123, 123, "2027-12-31 16:00:00.000000", "2026-03-01 02:00:00.000000")]

    assert [row[0] for row in db.rows("SELECT op_type FROM outbox WHERE seq > ?", seq_before)] == [
        "points.earn"
    ]
    (payload,) = ops(db, "points.earn")
    assert payload["purchase_id"] == result.purchase_id
    assert (payload["points"], payload["paid_fen"], payload["receipt_no"]) == (123, 12345, "R-0001")
    assert payload["rule_version"] == 1
    assert_consistent(counter, db)


def test_quote_writes_nothing_and_matches_the_earn(counter, db):
    member = register(counter)
    before = footprint(db)
    q = points.quote(
        counter.runtime.writer(), member.id, 50000, {"electronics": 20000}, 0, counter.runtime.now()
    )
    assert footprint(db) == before
    assert (q.paid_fen, q.points.base, q.points.category_bonus, q.points.total) == (
        50000,
        500,
        400,
        900,
    )
    result = earn(counter, member.id, "Q1", 50000, {"electronics": 20000})
    assert result.quote == q
    assert balance(db, member.id) == 900


def test_birthday_month_is_the_store_month(counter, db):
    # 2026-02-28 17:00 UTC is already 1 March, 01:00, in Shanghai: a March birthday counts.
    member = register(counter, month=3)
    result = earn(counter, member.id, "B1", 10000, now=datetime(2026, 2, 28, 17, 0, tzinfo=UTC))
    assert (result.quote.birthday_month, result.quote.points.total) == (True, 200)
    other = register(counter, name="王芳", mobile="13900139000", month=2)
    result = earn(counter, other.id, "B2", 10000, now=datetime(2026, 2, 28, 17, 0, tzinfo=UTC))
    assert (result.quote.birthday_month, result.quote.points.total) == (False, 100)


def test_gold_member_in_birthday_month_at_the_counter(counter, db):
    member = register(counter, month=3)
    first = earn(counter, member.id, "G1", 500000)  # 5,000 yuan, bronze, birthday month
    assert (first.quote.points.total, first.new_tier) == (10000, "gold")
    result = earn(counter, member.id, "G2", 123456)
    q = result.quote
    assert (q.tier, q.discount_fen, q.paid_fen, q.points.total) == ("gold", 18518, 104938, 2098)
    assert balance(db, member.id) == 12098
    assert_consistent(counter, db)


def test_the_newest_rule_version_is_used_and_recorded(counter, db):
    body = {
        "version": 2,
        "promotions": [
            {
                "code": "SPRING",
                "starts_on": "2026-03-01",
                "ends_on": "2026-03-31",
                "multiplier": 3,
                "bonus_points": 50,
            }
        ],
    }
    db.execute(
        "INSERT INTO rule_set (version, body, source, loaded_at) VALUES (?, ?, 'central', ?)",
        2,
        json.dumps(body),
        "2026-03-01 00:00:00.000000",
    )
    member = register(counter)
    result = earn(counter, member.id, "P1", 10000)
    assert (result.quote.rule_version, result.quote.points.total) == (2, 350)
    assert db.scalar("SELECT rule_version FROM purchase") == 2
    assert db.scalar("SELECT rule_version FROM points_entry") == 2
    assert ops(db, "points.earn")[0]["rule_version"] == 2
    # the promotion ends with 31 March, store time
    april = datetime(2026, 3, 31, 16, 0, tzinfo=UTC)  # 1 April 00:00 in Shanghai
    assert earn(counter, member.id, "P2", 10000, now=april).quote.points.total == 100


# --- duplicates and bad input ---------------------------------------------------------------------


def test_duplicate_receipt_is_refused_with_the_earlier_earn(counter, db):
    member = register(counter)
    other = register(counter, name="王芳", mobile="13900139000")
    first = earn(counter, member.id, "R-0001", 12345)
    before = footprint(db)
    for who, typed in ((member.id, "R-0001"), (member.id, " r-0001"), (other.id, "R-0001")):
        with pytest.raises(StateError) as caught:
            earn(counter, who, typed, 99999, now=counter.runtime.now() + timedelta(hours=1))
        assert caught.value.code == "purchase.duplicate_receipt"
        params = caught.value.params
        assert (params["name"], params["points"], params["receipt"]) == ("陈安娜", 123, "R-0001")
        assert params["at"] == counter.runtime.now()
        assert footprint(db) == before
    assert first.balance == balance(db, member.id) == 123


@pytest.mark.parametrize("gross", [0, -100, MAX_PURCHASE_FEN + 1, 12.5, 1250.0])
def test_bad_amounts_are_refused(counter, db, gross):
    member = register(counter)
    before = footprint(db)
    with pytest.raises(ValidationError) as caught:
        earn(counter, member.id, "R1", gross)
    assert caught.value.code == "purchase.bad_amount"
    assert footprint(db) == before


def test_the_cap_itself_is_accepted(counter, db):
    member = register(counter)
    result = earn(counter, member.id, "BIG", MAX_PURCHASE_FEN)
    assert result.quote.points.total == 1_000_000
    assert result.new_tier == "platinum"
    assert_consistent(counter, db)


@pytest.mark.parametrize("receipt", ["", "   ", "\t\n", "收据001", "Ｒ-é1", "X" * 65])
def test_bad_receipts_are_refused(counter, db, receipt):
    member = register(counter)
    before = footprint(db)
    with pytest.raises(ValidationError) as caught:
        earn(counter, member.id, receipt, 1000)
    assert caught.value.code == "purchase.bad_receipt"
    assert footprint(db) == before


def test_categories_larger_than_the_purchase_are_refused(counter, db):
    member = register(counter)
    before = footprint(db)
    for categories in ({"electronics": 1001}, {"electronics": -1}):
        with pytest.raises(ValidationError) as caught:
            earn(counter, member.id, "C1", 1000, categories)
        assert caught.value.code == "purchase.bad_categories"
    assert footprint(db) == before


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


# --- crashes leave nothing ------------------------------------------------------------------------


class Crash(RuntimeError):
    pass


def crash_on(op_type, real):
    """`real` (record_operation or insert_operation: a unit of work or a connection first),
    failing for one operation type."""

    def record(where, actor, now, kind, payload, *args, **kwargs):
        if kind == op_type:
            raise Crash(kind)
        return real(where, actor, now, kind, payload, *args, **kwargs)

    return record


@pytest.mark.parametrize("where", ["points.earn", "points.redeem", "tier"])
def test_a_crash_after_the_points_entry_leaves_nothing(counter, db, monkeypatch, where):
    member = register(counter)
    earn(counter, member.id, "R1", 50000)  # 500 points
    before = footprint(db)
    if where == "tier":

        def boom(*args, **kwargs):
            raise Crash("tier")

        monkeypatch.setattr(sale, "upgrade_tier", boom)
    else:
        monkeypatch.setattr(sale, "record_operation", crash_on(where, sale.record_operation))
        monkeypatch.setattr(sale, "insert_operation", crash_on(where, sale.insert_operation))
    with pytest.raises(Crash):
        earn(counter, member.id, "R2", 190000, {"electronics": 1000}, cash=300)
    assert footprint(db) == before
    assert db.scalar("SELECT count(*) FROM purchase WHERE receipt_no = 'R2'") == 0
    assert balance(db, member.id) == 500
    assert db.rows("SELECT original, remaining FROM points_lot") == [(500, 500)]
    monkeypatch.undo()
    # the receipt was not taken: the cashier can simply try again
    result = earn(counter, member.id, "R2", 190000, {"electronics": 1000}, cash=300)
    assert result.new_tier == "silver"
    assert_consistent(counter, db)


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


# --- history -------------------------------------------------------------------------------------


def test_history_lists_newest_first_with_who_and_where(counter, db):
    member = register(counter)
    cashier = counter.make_cashier()
    t0 = counter.runtime.now()
    earn(counter, member.id, "H1", 50000, actor=cashier, now=t0)
    earn(counter, member.id, "H2", 10000, cash=200, actor=cashier, now=t0 + timedelta(hours=1))
    points.adjust(
        counter.runtime.writer(),
        counter.manager,
        t0 + timedelta(hours=2),
        member.id,
        -50,
        "顾客投诉处理",
    )

    lines = points.history(counter.runtime.reader(), member.id)
    assert [(line.kind, line.delta, line.reference) for line in lines] == [
        ("adjust", -50, None),
        ("earn", 98, "H2"),
        ("redeem", -200, "H2"),
        ("earn", 500, "H1"),
    ]
    assert [line.at for line in lines] == [
        t0 + timedelta(hours=2),
        t0 + timedelta(hours=1),
        t0 + timedelta(hours=1),
        t0,
    ]
    assert [line.staff_name for line in lines] == [
        MANAGER_NAME,
        CASHIER_NAME,
        CASHIER_NAME,
        CASHIER_NAME,
    ]
    assert {(line.store_name, line.counter_label) for line in lines} == {
        (STORE_NAME, COUNTER_LABEL)
    }
    assert lines[0].reason == "顾客投诉处理"
    assert [
        line.delta for line in points.history(counter.runtime.reader(), member.id, limit=2)
    ] == [
        -50,
        98,
    ]
    assert (
        points.history(counter.runtime.reader(), register(counter, "王芳", "13900139000").id) == []
    )
    assert_consistent(counter, db)
