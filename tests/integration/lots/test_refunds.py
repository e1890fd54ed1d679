"""Points lots and refunds: in proportion, points used as cash given back, and a debt below
zero that new points pay first.
"""

import json
from datetime import UTC, datetime, timedelta

import pytest

from services.core.errors import NotFoundError, StateError, ValidationError
from tests.factories import assert_consistent, earn, register
from tests.integration.lots.helpers import (
    END_2025_LOTS,
    START_2025,
    adjust,
    balance,
    expire_due,
    footprint,
    lot_of,
    lots,
    ops,
    refund,
    travel,
)

# --- refunds ----------------------------------------------------------------------------------


def test_partial_refunds_reverse_in_proportion_and_the_last_takes_the_rest(counter, db):
    member = register(counter)
    earn(counter, member.id, "R1", 10000)  # 100 points
    steps = [refund(counter, "r1", fen) for fen in (3333, 3333, 3334)]
    assert [(s.refund_fen, s.points_reversed, s.points_returned) for s in steps] == [
        (3333, 33, 0),
        (3333, 33, 0),
        (3334, 34, 0),
    ]
    assert [s.balance for s in steps] == [67, 34, 0]
    assert not any(s.below_zero for s in steps)
    assert db.rows("SELECT refunded_fen, points_earned, points_reversed FROM purchase") == [
        (10000, 100, 100)
    ]
    assert db.rows("SELECT delta, reference, flag FROM points_entry WHERE kind = 'reversal'") == [
        (-33, "R1", None),
        (-33, "R1", None),
        (-34, "R1", None),
    ]
    assert [(p["refund_fen"], p["points_reversed"]) for p in ops(db, "points.refund")] == [
        (3333, 33),
        (3333, 33),
        (3334, 34),
    ]
    before = footprint(db)
    with pytest.raises(ValidationError) as caught:
        refund(counter, "R1", 1)
    assert (caught.value.code, caught.value.params["left_fen"]) == ("refund.bad_amount", 0)
    assert footprint(db) == before
    assert_consistent(counter, db)


def test_full_refund_after_a_partial_one_reverses_exactly_the_rest(counter, db):
    member = register(counter)
    earn(counter, member.id, "R1", 123456)  # 1234 points
    first = refund(counter, "R1", 1)
    assert first.points_reversed == 0  # 1 fen of 1,234.56 yuan is not worth a point
    second = refund(counter, "R1", 50000)
    assert second.points_reversed == 1234 * 50001 // 123456
    rest = refund(counter, "R1", 123456 - 50001)
    assert first.points_reversed + second.points_reversed + rest.points_reversed == 1234
    assert rest.balance == balance(db, member.id) == 0
    assert_consistent(counter, db)


@pytest.mark.parametrize("fen", [0, -1, 10001])
def test_bad_refund_amounts_are_refused(counter, db, fen):
    member = register(counter)
    earn(counter, member.id, "R1", 10000)
    before = footprint(db)
    with pytest.raises(ValidationError) as caught:
        refund(counter, "R1", fen)
    assert caught.value.code == "refund.bad_amount"
    with pytest.raises(NotFoundError) as caught:
        refund(counter, "NOPE", 100)
    assert caught.value.code == "purchase.not_found"
    assert footprint(db) == before


def test_points_used_as_cash_come_back_in_proportion(counter, db):
    member = register(counter)
    earn(counter, member.id, "R1", 50000)  # 500
    paid = earn(counter, member.id, "R2", 10000, cash=300)  # 9700 paid, 97 earned
    assert paid.balance == 297
    half = refund(counter, "R2", 5000)  # half the goods: half of money and points given
    assert (half.points_reversed, half.points_returned, half.balance) == (48, 150, 399)
    rest = refund(counter, "R2", 5000)
    assert (rest.points_reversed, rest.points_returned, rest.balance) == (49, 150, 500)
    assert balance(db, member.id) == 500
    assert [(p["points_reversed"], p["points_returned"]) for p in ops(db, "points.refund")] == [
        (48, 150),
        (49, 150),
    ]
    assert_consistent(counter, db)


def test_a_purchase_paid_wholly_with_points_can_be_refunded(counter, db):
    member = register(counter)
    earn(counter, member.id, "R1", 50000)  # 500
    earn(counter, member.id, "R2", 500, cash=500)  # paid 0
    assert balance(db, member.id) == 0
    back = refund(counter, "R2", 500)
    assert back.points_returned == 500
    assert balance(db, member.id) == 500


def test_points_used_as_cash_come_back_with_their_own_expiry(counter, clock, db):
    member = register(counter)
    earn(counter, member.id, "A2025", 30000)  # 300, gone at the end of 2026
    travel(clock, datetime(2026, 12, 30, 2, 0, tzinfo=UTC))
    earn(counter, member.id, "P2026", 10000, cash=300)
    refund(counter, "P2026", 10000)
    assert balance(db, member.id) == 300
    travel(clock, END_2025_LOTS)
    expire_due(counter)
    assert balance(db, member.id) == 0


def test_refund_does_not_give_back_points_already_expired(counter, clock, db):
    member = register(counter)
    earn(counter, member.id, "A2025", 30000)  # 300, gone at the end of 2026
    travel(clock, START_2025 + timedelta(days=30))
    earn(counter, member.id, "P2025", 301, cash=300)  # 1 fen paid, no points earned
    travel(clock, END_2025_LOTS + timedelta(days=1))
    back = refund(counter, "P2025", 301)
    assert back.points_returned == 0  # their lot expired meanwhile: they would be gone anyway
    shown = back.balance
    assert expire_due(counter) == 0  # nothing is left past its expiry after an operation
    assert shown == balance(db, member.id) == 0


def test_refund_of_spent_points_goes_below_zero_and_new_points_pay_the_debt(counter, db):
    member = register(counter)
    earn(counter, member.id, "R1", 10000)  # 100
    earn(counter, member.id, "R2", 100, cash=100)  # all spent
    assert balance(db, member.id) == 0

    result = refund(counter, "R1", 10000)
    assert (result.points_reversed, result.balance, result.below_zero) == (100, -100, True)
    assert balance(db, member.id) == -100
    assert db.rows("SELECT delta, flag FROM points_entry WHERE kind = 'reversal'") == [
        (-100, "balance_below_zero")
    ]
    audit = db.rows(
        "SELECT subject, detail, staff_id FROM audit_log WHERE action = 'points.below_zero'"
    )
    assert len(audit) == 1
    assert audit[0][0] == f"member:{member.id}"
    assert json.loads(audit[0][1]) == {"balance": -100, "receipt_no": "R1"}
    assert audit[0][2] == counter.manager.staff_id
    assert_consistent(counter, db)

    # no counter redemption while in debt
    before = footprint(db)
    with pytest.raises(ValidationError) as caught:
        earn(counter, member.id, "R3", 10000, cash=100)
    assert caught.value.code == "points.insufficient"
    with pytest.raises(StateError) as caught:
        adjust(counter, member.id, -1)
    assert caught.value.code == "points.insufficient"
    assert footprint(db) == before

    # a manager's positive adjustment pays the debt first
    assert adjust(counter, member.id, 30, "补录积分") == -70
    assert lot_of(db, "补录积分")[:2] == (30, 0)
    assert_consistent(counter, db)
    assert adjust(counter, member.id, 100, "补录积分二") == 30
    assert lot_of(db, "补录积分二")[:2] == (100, 30)
    assert sum(r for _, r in lots(db, member.id)) == 30
    assert_consistent(counter, db)


def _in_debt(counter, db):
    member = register(counter)
    earn(counter, member.id, "R1", 10000)  # 100
    earn(counter, member.id, "R2", 100, cash=100)  # all spent
    assert refund(counter, "R1", 10000).balance == -100
    return member


def test_a_later_purchase_pays_the_debt_first(counter, db):
    member = _in_debt(counter, db)
    earn(counter, member.id, "R4", 5000)  # 50 pays half the debt
    assert balance(db, member.id) == -50
    assert lots(db, member.id)[-1] == (50, 0)
    assert_consistent(counter, db)
    earn(counter, member.id, "R5", 10000)  # 100: 50 more debt, 50 to keep
    assert balance(db, member.id) == 50
    assert lots(db, member.id)[-1] == (100, 50)
    assert sum(r for _, r in lots(db, member.id)) == 50
    assert_consistent(counter, db)


def test_a_refund_that_ends_above_zero_is_not_flagged(counter, db):
    member = register(counter)
    earn(counter, member.id, "R1", 50000)  # 500
    earn(counter, member.id, "R2", 10000, cash=500)  # 95 earned
    adjust(counter, member.id, -95)
    assert balance(db, member.id) == 0
    result = refund(counter, "R2", 10000)  # -95 reversed, +500 returned
    assert result.balance == 405
    assert db.count("audit_log WHERE action = 'points.below_zero'") == 0
    assert result.below_zero is False


def test_partial_refunds_never_return_more_to_a_lot_than_was_taken_from_it(counter, db):
    # Found by the stateful property test: a second partial refund used to count only the
    # original spends, not the earlier give-back, and overfilled a lot.
    member = register(counter)
    earn(counter, member.id, "R1", 222652)  # 2226
    adjust(counter, member.id, 83)
    adjust(counter, member.id, 556)
    earn(counter, member.id, "R2", 556, cash=500)  # 83 + 417 taken from the two adjust lots
    earn(counter, member.id, "R3", 48948, cash=2000)  # 139 + 1861
    refund(counter, "R2", 171)
    refund(counter, "R2", 330)
    back = refund(counter, "R3", 44054)
    assert back.points_returned == 2000
    assert balance(db, member.id) == 2865
    assert db.scalar("SELECT sum(remaining) FROM points_lot") == 2865
    assert_consistent(counter, db)
