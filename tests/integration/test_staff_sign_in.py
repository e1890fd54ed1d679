"""Signing in with a PIN, and the lockout after too many wrong ones."""

from datetime import timedelta

import pytest

from models.staff import Staff
from services.core.errors import AuthError, NotFoundError, PermissionDenied
from services.core.settings import change_setting
from services.staff.accounts import deactivate_staff, sign_in, unlock_staff

WRONG = "1357"


def attempt(counter, staff_id, pin):
    return sign_in(counter.runtime.writer(), staff_id, pin, counter.runtime.now())


def refused(counter, staff_id, pin) -> AuthError:
    with pytest.raises(AuthError) as caught:
        attempt(counter, staff_id, pin)
    return caught.value


def lock_state(counter, staff_id):
    with counter.runtime.reader() as uow:
        staff = uow.session.get(Staff, staff_id)
        return staff.failed_pins, staff.locked_until


def test_right_pin_signs_in_with_role(counter, db):
    cashier = counter.make_cashier()
    actor = attempt(counter, cashier.staff_id, counter.cashier_pin)
    assert actor == cashier
    assert actor.role == "cashier"
    assert (actor.store_id, actor.device_id) == (
        counter.identity.store_id,
        counter.identity.device_id,
    )
    assert db.scalar("SELECT action FROM audit_log ORDER BY id DESC LIMIT 1") == "staff.signed_in"


def test_manager_signs_in_as_manager(counter):
    actor = attempt(counter, counter.manager.staff_id, counter.manager_pin)
    assert actor.role == "manager"


def test_wrong_pins_count_down_then_lock(counter, clock):
    cashier = counter.make_cashier()
    left = [refused(counter, cashier.staff_id, WRONG) for _ in range(4)]
    assert [e.code for e in left] == ["auth.bad_pin"] * 4
    assert [e.params["attempts_left"] for e in left] == [4, 3, 2, 1]
    fifth = refused(counter, cashier.staff_id, WRONG)
    assert fifth.code == "auth.locked"
    assert fifth.params["until"] == clock.now() + timedelta(minutes=5)
    # persisted: a fresh unit of work sees it
    assert lock_state(counter, cashier.staff_id) == (5, clock.now() + timedelta(minutes=5))


def test_each_wrong_pin_is_audited(counter, db):
    cashier = counter.make_cashier()
    for _ in range(2):
        refused(counter, cashier.staff_id, WRONG)
    assert db.scalar("SELECT count(*) FROM audit_log WHERE action = 'staff.pin_failed'") == 2


def lock_out(counter, staff_id, times=5):
    for _ in range(times):
        refused(counter, staff_id, WRONG)


def test_right_pin_refused_while_locked(counter, clock):
    cashier = counter.make_cashier()
    lock_out(counter, cashier.staff_id)
    clock.advance(minutes=4, seconds=59)
    assert refused(counter, cashier.staff_id, counter.cashier_pin).code == "auth.locked"


def test_right_pin_works_once_the_lock_expires(counter, clock):
    cashier = counter.make_cashier()
    lock_out(counter, cashier.staff_id)
    clock.advance(minutes=5)
    assert attempt(counter, cashier.staff_id, counter.cashier_pin).staff_id == cashier.staff_id
    assert lock_state(counter, cashier.staff_id) == (0, None)


def test_count_starts_again_after_an_expired_lock(counter, clock):
    cashier = counter.make_cashier()
    lock_out(counter, cashier.staff_id)
    clock.advance(minutes=6)
    error = refused(counter, cashier.staff_id, WRONG)
    assert (error.code, error.params["attempts_left"]) == ("auth.bad_pin", 4)


def test_right_pin_resets_the_count(counter):
    cashier = counter.make_cashier()
    lock_out(counter, cashier.staff_id, times=3)
    attempt(counter, cashier.staff_id, counter.cashier_pin)
    assert lock_state(counter, cashier.staff_id) == (0, None)
    assert refused(counter, cashier.staff_id, WRONG).params["attempts_left"] == 4


def test_lockout_settings_honoured(counter, clock):
    writer, manager, now = counter.runtime.writer, counter.manager, clock.now()
    change_setting(writer(), manager, now, "pin_max_failures", 3)
    change_setting(writer(), manager, now, "pin_lock_minutes", 10)
    cashier = counter.make_cashier()
    left = [refused(counter, cashier.staff_id, WRONG) for _ in range(2)]
    assert [e.params["attempts_left"] for e in left] == [2, 1]
    third = refused(counter, cashier.staff_id, WRONG)
    assert third.code == "auth.locked"
    assert third.params["until"] == now + timedelta(minutes=10)
    clock.advance(minutes=9)
    assert refused(counter, cashier.staff_id, counter.cashier_pin).code == "auth.locked"
    clock.advance(minutes=1)
    assert attempt(counter, cashier.staff_id, counter.cashier_pin).role == "cashier"


def test_manager_unlocks(counter, clock, db):
    cashier = counter.make_cashier()
    lock_out(counter, cashier.staff_id)
    unlock_staff(counter.runtime.writer(), counter.manager, clock.now(), cashier.staff_id)
    assert lock_state(counter, cashier.staff_id) == (0, None)
    assert attempt(counter, cashier.staff_id, counter.cashier_pin).role == "cashier"
    assert db.scalar("SELECT count(*) FROM audit_log WHERE action = 'staff.unlocked'") == 1


def test_cashier_cannot_unlock(counter, clock):
    cashier = counter.make_cashier()
    other = counter.make_event_staff()
    lock_out(counter, other.staff_id)
    with pytest.raises(PermissionDenied) as caught:
        unlock_staff(counter.runtime.writer(), cashier, clock.now(), other.staff_id)
    assert caught.value.code == "auth.forbidden"
    assert lock_state(counter, other.staff_id)[0] == 5


def test_unknown_or_deactivated_staff_cannot_sign_in(counter, clock):
    cashier = counter.make_cashier()
    with pytest.raises(NotFoundError) as caught:
        attempt(counter, "01900000-0000-7000-8000-000000000000", "2580")
    assert caught.value.code == "staff.not_found"
    deactivate_staff(counter.runtime.writer(), counter.manager, clock.now(), cashier.staff_id)
    with pytest.raises(NotFoundError) as caught:
        attempt(counter, cashier.staff_id, counter.cashier_pin)
    assert caught.value.code == "staff.not_found"
