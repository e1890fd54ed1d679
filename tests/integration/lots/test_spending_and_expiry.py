"""Points lots: spending the soonest-expiring first, and expiry."""

from datetime import timedelta

import pytest

from services import points
from services.core.errors import ValidationError
from services.members.check_in import member_card
from tests.factories import assert_consistent, earn, register
from tests.integration.lots.helpers import (
    END_2025_LOTS,
    END_2026_LOTS,
    MARCH_2026,
    START_2025,
    balance,
    expire_due,
    footprint,
    lot_of,
    ops,
    refund,
    stamp,
    travel,
)

# --- spending the soonest-expiring lots first ---------------------------------------------


def test_points_as_cash_spend_the_2025_lot_before_the_2026_lot(counter, clock, db):
    member = register(counter)
    earn(counter, member.id, "A2025", 30000)  # 300 points, gone at the end of 2026
    travel(clock, MARCH_2026)
    earn(counter, member.id, "B2026", 20000)  # 200 points, gone at the end of 2027
    assert lot_of(db, "A2025") == (300, 300, stamp(END_2025_LOTS))
    assert lot_of(db, "B2026") == (200, 200, stamp(END_2026_LOTS))

    travel(clock, MARCH_2026 + timedelta(hours=1))
    result = earn(counter, member.id, "C2026", 50000, cash=400)
    assert result.quote.paid_fen == 49600
    assert lot_of(db, "A2025")[:2] == (300, 0)
    assert lot_of(db, "B2026")[:2] == (200, 100)
    assert lot_of(db, "C2026") == (496, 496, stamp(END_2026_LOTS))
    spent = db.rows(
        "SELECT e.reference, s.points FROM lot_spend s"
        " JOIN points_lot l ON l.id = s.lot_id JOIN points_entry e ON e.id = l.entry_id"
        " ORDER BY s.id"
    )
    assert spent == [("A2025", 300), ("B2026", 100)]
    assert result.balance == balance(db, member.id) == 300 + 200 - 400 + 496
    assert (result.next_expiry, result.next_expiry_points) == (END_2026_LOTS, 596)
    assert_consistent(counter, db)


def test_soonest_expiry_wins_over_the_order_lots_were_made(counter, clock, db):
    member = register(counter)
    earn(counter, member.id, "A2025", 30000)  # 300, end of 2026
    travel(clock, START_2025 + timedelta(days=30))
    earn(counter, member.id, "P2025", 10000, cash=300)  # A spent; 97 more, end of 2026
    travel(clock, MARCH_2026)
    earn(counter, member.id, "B2026", 20000)  # 200, end of 2027
    travel(clock, MARCH_2026 + timedelta(hours=1))
    back = refund(counter, "P2025", 10000)  # 97 taken back, the 300 spent come back
    assert (back.points_reversed, back.points_returned, back.balance) == (97, 300, 500)
    assert lot_of(db, "A2025")[:2] == (300, 300)  # back in their own lot, with its expiry
    assert lot_of(db, "P2025")[:2] == (97, 0)  # the refund took the purchase's own points
    assert db.count("points_lot") == 3  # no new lot was made for them

    travel(clock, MARCH_2026 + timedelta(hours=2))
    earn(counter, member.id, "C2026", 50000, cash=400)
    assert db.rows(
        "SELECT original, remaining FROM points_lot WHERE expires_at = ? ORDER BY rowid",
        stamp(END_2025_LOTS),
    ) == [(300, 0), (97, 0)]
    assert lot_of(db, "B2026")[:2] == (200, 100)
    assert_consistent(counter, db)


# --- expiry ---------------------------------------------------------------------------------------


def _two_years_of_lots(counter, clock, db):
    member = register(counter)
    earn(counter, member.id, "A2025", 30000)  # 300
    travel(clock, MARCH_2026)
    earn(counter, member.id, "B2026", 20000)  # 200
    earn(counter, member.id, "C2026", 10000, cash=200)  # A 300 -> 100; C 98
    assert balance(db, member.id) == 398
    return member


def test_expire_due_at_new_year_2027_takes_exactly_what_is_left_of_2025(counter, clock, db):
    member = _two_years_of_lots(counter, clock, db)
    other = register(counter, "王芳", "13900139000")
    before = footprint(db)

    travel(clock, END_2025_LOTS - timedelta(seconds=1))
    assert expire_due(counter) == 0
    assert footprint(db) == before

    travel(clock, END_2025_LOTS)
    assert expire_due(counter) == 1
    assert db.rows("SELECT member_id, delta, at FROM points_entry WHERE kind = 'expire'") == [
        (member.id, -100, stamp(END_2025_LOTS))
    ]
    (op,) = ops(db, "points.expire")
    a_entry = db.scalar("SELECT id FROM points_entry WHERE reference = 'A2025'")
    assert (op["member_id"], op["points"], op["lots"]) == (member.id, 100, [a_entry])
    assert lot_of(db, "A2025")[:2] == (300, 0)
    assert lot_of(db, "B2026")[:2] == (200, 200)
    assert lot_of(db, "C2026")[:2] == (98, 98)
    assert balance(db, member.id) == 298
    assert balance(db, other.id) == 0

    after = footprint(db)
    assert expire_due(counter) == 0  # nothing twice
    assert footprint(db) == after
    assert_consistent(counter, db)


def test_expired_points_cannot_pay_even_before_the_expiry_run(counter, clock, db):
    member = register(counter)
    earn(counter, member.id, "A2025", 30000)
    travel(clock, END_2025_LOTS + timedelta(days=1))
    before = footprint(db)
    with pytest.raises(ValidationError) as caught:
        earn(counter, member.id, "X", 10000, cash=300)
    assert caught.value.code == "points.insufficient"
    assert caught.value.params["balance"] == 0
    assert footprint(db) == before
    # an earn without points as cash records the expiry in its own transaction
    result = earn(counter, member.id, "Y", 10000)
    assert result.balance == 100
    assert db.rows("SELECT kind, delta FROM points_entry ORDER BY rowid") == [
        ("earn", 300),
        ("expire", -300),
        ("earn", 100),
    ]
    assert_consistent(counter, db)


def test_expiring_soon(counter, clock, db):
    member = _two_years_of_lots(counter, clock, db)

    def soon(now, days=60):
        with counter.runtime.reader() as uow:
            return points.expiring_soon(uow, member.id, now, now + timedelta(days=days))

    assert soon(clock.now()) == (0, None)
    assert soon(END_2025_LOTS - timedelta(days=61)) == (0, None)
    assert soon(END_2025_LOTS - timedelta(days=60)) == (100, END_2025_LOTS)  # `until` inclusive
    assert soon(END_2025_LOTS - timedelta(seconds=1)) == (100, END_2025_LOTS)
    assert soon(END_2025_LOTS) == (0, None)  # gone, not "expiring"
    assert soon(END_2025_LOTS - timedelta(days=1), days=400) == (398, END_2025_LOTS)

    travel(clock, END_2025_LOTS - timedelta(days=10))
    card = member_card(counter.runtime.reader(), counter.manager, clock.now(), member.id)
    assert (card.points_balance, card.points_expiring, card.points_expiring_on) == (
        398,
        100,
        END_2025_LOTS,
    )
