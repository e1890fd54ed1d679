"""A PIN hash made at an older, cheaper cost still signs in, and the right PIN upgrades it
to today's cost; a wrong PIN changes nothing."""

import pytest

from models.staff import Staff
from services.core.errors import AuthError
from services.staff import pin_hash
from services.staff.accounts import approve_as_manager, sign_in


def stored_hash(counter, staff_id) -> str:
    with counter.runtime.reader() as uow:
        return uow.session.get(Staff, staff_id).pin_hash


def make_old_hash(counter, staff_id, pin, monkeypatch) -> str:
    with monkeypatch.context() as m:
        m.setattr(pin_hash, "SCRYPT_R", 8)
        old = pin_hash.hash_pin(pin, n=2**7)  # cheaper than the suite's own cost
    with counter.runtime.writer() as uow:
        uow.session.get(Staff, staff_id).pin_hash = old
        uow.commit()
    return old


def test_sign_in_upgrades_an_old_hash(counter, clock, monkeypatch):
    cashier = counter.make_cashier()
    old = make_old_hash(counter, cashier.staff_id, counter.cashier_pin, monkeypatch)
    with pytest.raises(AuthError):
        sign_in(counter.runtime.writer(), cashier.staff_id, "1357", clock.now())
    assert stored_hash(counter, cashier.staff_id) == old  # a wrong PIN upgrades nothing
    sign_in(counter.runtime.writer(), cashier.staff_id, counter.cashier_pin, clock.now())
    upgraded = stored_hash(counter, cashier.staff_id)
    assert upgraded.split("$")[1:4] == [str(pin_hash.SCRYPT_N), str(pin_hash.SCRYPT_R), "1"]
    assert not pin_hash.needs_rehash(upgraded)
    assert sign_in(counter.runtime.writer(), cashier.staff_id, counter.cashier_pin, clock.now())


def test_a_managers_approval_upgrades_the_managers_hash(counter, clock, monkeypatch):
    manager_id = counter.manager.staff_id
    make_old_hash(counter, manager_id, counter.manager_pin, monkeypatch)
    cashier = counter.make_cashier()
    approve_as_manager(
        counter.runtime.writer(),
        cashier,
        manager_id,
        counter.manager_pin,
        "staff.manage",
        "新员工入职",
        clock.now(),
    )
    assert not pin_hash.needs_rehash(stored_hash(counter, manager_id))
