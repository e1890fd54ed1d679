"""The hash-chained audit log: any edited or removed entry is found."""

import itertools

import pytest

from services.core.journal import verify_audit_chain
from services.core.settings import change_setting
from services.staff.accounts import approve_as_manager, sign_in


@pytest.fixture
def busy_day(counter, clock):
    """Several audited actions: set-up, staff created, sign-ins, a setting, an approval."""
    cashier = counter.make_cashier()
    counter.make_event_staff()
    clock.advance(minutes=1)
    sign_in(counter.runtime.writer(), cashier.staff_id, counter.cashier_pin, clock.now())
    sign_in(counter.runtime.writer(), counter.manager.staff_id, counter.manager_pin, clock.now())
    change_setting(counter.runtime.writer(), counter.manager, clock.now(), "pin_max_failures", 6)
    approve_as_manager(
        counter.runtime.writer(),
        cashier,
        counter.manager.staff_id,
        counter.manager_pin,
        "points.adjust",
        "顾客投诉补录",
        clock.now(),
    )
    return counter


def verify(counter, **kwargs):
    with counter.runtime.reader() as uow:
        return verify_audit_chain(uow, **kwargs)


def drop_trigger(db, name):
    db.execute(f"DROP TRIGGER {name}")


def test_intact_chain_verifies(busy_day, db):
    entries = db.count("audit_log")
    assert entries >= 8
    check = verify(busy_day)
    assert check.ok
    assert check.entries == entries
    assert check.first_bad_id is None


def test_intact_chain_verifies_across_batches(busy_day, db):
    check = verify(busy_day, batch=3)
    assert check.ok
    assert check.entries == db.count("audit_log")


def test_chain_links_each_row_to_the_one_before(busy_day, db):
    rows = db.rows("SELECT prev_hash, hash FROM audit_log ORDER BY id")
    assert rows[0][0] == "0" * 64
    for (_, previous), (prev_hash, _) in itertools.pairwise(rows):
        assert prev_hash == previous


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("detail", '{"name":"张三","role":"manager"}'),
        ("reason", "nothing happened"),
        ("staff_id", None),
        ("at", "2026-03-01 01:00:00.000000"),
        ("approved_by", "someone-else"),
    ],
)
def test_edited_row_found(busy_day, db, column, value):
    drop_trigger(db, "audit_log_no_update")
    db.execute(f"UPDATE audit_log SET {column} = ? WHERE id = 4", value)
    check = verify(busy_day)
    assert not check.ok
    assert check.first_bad_id == 4
    assert check.entries == 3


def test_edit_found_beyond_the_first_batch(busy_day, db):
    last = db.scalar("SELECT max(id) FROM audit_log")
    drop_trigger(db, "audit_log_no_update")
    db.execute("UPDATE audit_log SET reason = 'rewritten' WHERE id = ?", last)
    check = verify(busy_day, batch=2)
    assert not check.ok
    assert check.first_bad_id == last


def test_deleted_middle_row_found(busy_day, db):
    drop_trigger(db, "audit_log_no_delete")
    db.execute("DELETE FROM audit_log WHERE id = 3")
    check = verify(busy_day)
    assert not check.ok
    assert check.first_bad_id == 4


def test_rehashed_row_still_breaks_the_next_link(busy_day, db):
    # Rewriting a row and its own hash is not enough: the next row still names the old hash.
    drop_trigger(db, "audit_log_no_update")
    db.execute("UPDATE audit_log SET hash = ? WHERE id = 2", "f" * 64)
    check = verify(busy_day)
    assert not check.ok
    assert check.first_bad_id == 2
