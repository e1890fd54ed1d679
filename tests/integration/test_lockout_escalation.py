"""Each further round of wrong PINs locks the account twice as long; the count is kept in
the database, a right PIN resets it, and every lock is in the audit log."""

import json
from datetime import timedelta

import pytest

from models.staff import Staff
from services.core.errors import AuthError
from services.staff.accounts import sign_in

WRONG = "1357"


def wrong_round(counter, staff_id) -> AuthError:
    """Five wrong PINs; the last one's refusal."""
    for _ in range(5):
        with pytest.raises(AuthError) as caught:
            sign_in(counter.runtime.writer(), staff_id, WRONG, counter.runtime.now())
    return caught.value


def stored(counter, staff_id):
    with counter.runtime.reader() as uow:
        staff = uow.session.get(Staff, staff_id)
        return staff.failed_pins, staff.locked_until


def test_each_round_doubles_the_lock_and_is_audited(counter, clock, db):
    cashier = counter.make_cashier()
    waits = []
    for _ in range(3):
        locked = wrong_round(counter, cashier.staff_id)
        assert locked.code == "auth.locked"
        waits.append(locked.params["until"] - clock.now())
        clock.advance(seconds=waits[-1].total_seconds())
    assert waits == [timedelta(minutes=5), timedelta(minutes=10), timedelta(minutes=20)]
    assert stored(counter, cashier.staff_id)[0] == 15  # kept across rounds, in the database
    locks = db.rows("SELECT subject, detail FROM audit_log WHERE action = 'staff.locked'")
    assert [json.loads(detail)["round"] for _subject, detail in locks] == [1, 2, 3]
    assert {subject for subject, _detail in locks} == {f"staff:{cashier.staff_id}"}


def test_a_right_pin_resets_the_escalation(counter, clock):
    cashier = counter.make_cashier()
    for _ in range(2):
        clock.advance(
            seconds=(
                wrong_round(counter, cashier.staff_id).params["until"] - clock.now()
            ).total_seconds()
        )
    sign_in(counter.runtime.writer(), cashier.staff_id, counter.cashier_pin, clock.now())
    assert stored(counter, cashier.staff_id) == (0, None)
    again = wrong_round(counter, cashier.staff_id)
    assert again.params["until"] - clock.now() == timedelta(minutes=5)
