"""Staff accounts: creating, deactivating, PIN changes."""

import pytest

from services.core.errors import AuthError, PermissionDenied, ValidationError
from services.staff.accounts import (
    approve_as_manager,
    change_pin,
    create_staff,
    deactivate_staff,
    list_staff,
    sign_in,
)


def test_created_staff_are_listed(counter):
    counter.make_cashier()
    counter.make_event_staff()
    staff = list_staff(counter.runtime.reader())
    assert sorted((s.name, s.role) for s in staff) == [
        ("张活动", "event_staff"),
        ("李收银", "cashier"),
        ("王经理", "manager"),
    ]
    assert all(s.active and s.locked_until is None for s in staff)


@pytest.mark.parametrize(
    ("name", "role", "pin", "code"),
    [
        ("赵新人", "owner", "7418", "staff.bad_role"),
        ("赵新人", "cashier", "1234", "pin.too_simple"),
        ("赵新人", "cashier", "７４１８", "pin.not_digits"),
        ("赵新人", "cashier", "741", "pin.length"),
        ("\u200e ", "cashier", "7418", "name.empty"),
    ],
)
def test_create_staff_validates(counter, db, name, role, pin, code):
    with pytest.raises(ValidationError) as caught:
        create_staff(
            counter.runtime.writer(), counter.manager, counter.runtime.now(), name, role, pin
        )
    assert caught.value.code == code
    assert db.count("staff") == 1


def test_last_manager_cannot_be_deactivated(counter, db):
    cashier = counter.make_cashier()
    approval = approve_as_manager(
        counter.runtime.writer(),
        cashier,
        counter.manager.staff_id,
        counter.manager_pin,
        "staff.manage",
        "经理离职",
        counter.runtime.now(),
    )
    with pytest.raises(ValidationError) as caught:
        deactivate_staff(
            counter.runtime.writer(),
            cashier,
            counter.runtime.now(),
            counter.manager.staff_id,
            approval,
        )
    assert caught.value.code == "staff.last_manager"
    assert db.scalar("SELECT active FROM staff WHERE id = ?", counter.manager.staff_id) == 1


def test_a_manager_cannot_deactivate_themself(counter):
    with pytest.raises(ValidationError) as caught:
        deactivate_staff(
            counter.runtime.writer(),
            counter.manager,
            counter.runtime.now(),
            counter.manager.staff_id,
        )
    assert caught.value.code == "staff.cannot_deactivate_self"


def test_one_of_two_managers_can_be_deactivated(counter, db):
    second = counter.add_staff("孙副经理", "manager", "9517")
    deactivate_staff(
        counter.runtime.writer(), second, counter.runtime.now(), counter.manager.staff_id
    )
    assert db.scalar("SELECT active FROM staff WHERE id = ?", counter.manager.staff_id) == 0
    assert [s.name for s in list_staff(counter.runtime.reader())] == ["孙副经理"]
    assert len(list_staff(counter.runtime.reader(), include_inactive=True)) == 2


def test_staff_change_their_own_pin(counter):
    cashier = counter.make_cashier()
    change_pin(counter.runtime.writer(), cashier, counter.runtime.now(), cashier.staff_id, "8024")
    assert sign_in(counter.runtime.writer(), cashier.staff_id, "8024", counter.runtime.now())
    with pytest.raises(AuthError) as caught:
        sign_in(
            counter.runtime.writer(), cashier.staff_id, counter.cashier_pin, counter.runtime.now()
        )
    assert caught.value.code == "auth.bad_pin"


def test_changing_someone_elses_pin_needs_staff_management(counter):
    cashier = counter.make_cashier()
    other = counter.make_event_staff()
    with pytest.raises(PermissionDenied) as caught:
        change_pin(counter.runtime.writer(), cashier, counter.runtime.now(), other.staff_id, "8024")
    assert caught.value.code == "auth.forbidden"


def test_new_pin_must_be_acceptable(counter):
    cashier = counter.make_cashier()
    with pytest.raises(ValidationError) as caught:
        change_pin(
            counter.runtime.writer(), cashier, counter.runtime.now(), cashier.staff_id, "0000"
        )
    assert caught.value.code == "pin.too_simple"
