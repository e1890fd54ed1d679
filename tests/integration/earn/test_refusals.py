"""Earning points: duplicates and bad input are refused, and a crash part way leaves nothing."""

from datetime import timedelta

import pytest

from services.core.errors import StateError, ValidationError
from services.points import sale
from services.rules.points import MAX_PURCHASE_FEN
from tests.factories import assert_consistent, earn
from tests.integration.earn.helpers import balance, footprint, register

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


# --- crashes leave nothing ------------------------------------------------------------------------


class Crash(RuntimeError):
    pass


def crash_on(op_type, real):
    """`real` (record_operation), failing for one operation type."""

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
