"""Earning points on a purchase at the counter.

What one earn writes, all in one transaction: the purchase, a ledger entry and a lot, the
member's balance and the outbox rows; what a quote shows; the history it leaves.
"""

import json
from datetime import UTC, datetime, timedelta

from services import points
from tests.conftest import CASHIER_NAME, COUNTER_LABEL, MANAGER_NAME, STORE_NAME
from tests.factories import assert_consistent, earn
from tests.integration.earn.helpers import (
    EXPIRES_2026_LOTS,
    balance,
    footprint,
    ops,
    register,
)

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
