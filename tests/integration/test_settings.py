"""Counter settings: typed keys with ranges; privileged ones need a manager."""

import json

import pytest

from services.core.errors import PermissionDenied, ValidationError
from services.core.settings import change_setting, load_settings
from services.staff.accounts import approve_as_manager


def change(counter, actor, key, value, approval=None):
    return change_setting(
        counter.runtime.writer(), actor, counter.runtime.now(), key, value, approval
    )


def stored(db, key):
    value = db.scalar("SELECT value FROM setting WHERE key = ?", key)
    return None if value is None else json.loads(value)


def test_defaults(counter):
    settings = load_settings(counter.runtime.reader())
    assert settings.language == "system"
    assert settings.lock_after_minutes == 5
    assert settings.pin_max_failures == 5
    assert settings.pin_lock_minutes == 5
    assert (settings.lockout.max_failures, settings.lockout.lock_minutes) == (5, 5)


def test_manager_changes_a_setting_and_it_is_audited(counter, db):
    result = change(counter, counter.manager, "lock_after_minutes", 10)
    assert result.lock_after_minutes == 10
    assert load_settings(counter.runtime.reader()).lock_after_minutes == 10
    assert stored(db, "lock_after_minutes") == 10
    assert db.scalar("SELECT updated_by FROM setting") == counter.manager.staff_id
    action, detail = db.rows("SELECT action, detail FROM audit_log ORDER BY id DESC LIMIT 1")[0]
    assert action == "setting.changed"
    assert json.loads(detail) == {"old": 5, "new": 10}


def test_cashier_forbidden_without_approval(counter, db):
    cashier = counter.make_cashier()
    with pytest.raises(PermissionDenied) as caught:
        change(counter, cashier, "lock_after_minutes", 10)
    assert caught.value.code == "auth.forbidden"
    assert stored(db, "lock_after_minutes") is None


def test_cashier_allowed_with_approval(counter, db):
    cashier = counter.make_cashier()
    approval = approve_as_manager(
        counter.runtime.writer(),
        cashier,
        counter.manager.staff_id,
        counter.manager_pin,
        "settings.manage",
        "午休时间长",
        counter.runtime.now(),
    )
    assert change(counter, cashier, "lock_after_minutes", 10, approval).lock_after_minutes == 10
    assert db.rows(
        "SELECT action, staff_id, approved_by, reason FROM audit_log ORDER BY id DESC LIMIT 1"
    ) == [("setting.changed", cashier.staff_id, counter.manager.staff_id, "午休时间长")]


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("lock_after_minutes", 0),
        ("lock_after_minutes", 241),
        ("pin_max_failures", 2),
        ("pin_max_failures", 11),
        ("pin_lock_minutes", 0),
        ("pin_lock_minutes", 121),
    ],
)
def test_out_of_range_refused(counter, db, key, value):
    with pytest.raises(ValidationError) as caught:
        change(counter, counter.manager, key, value)
    assert caught.value.code == "setting.out_of_range"
    assert stored(db, key) is None


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("lock_after_minutes", True),
        ("lock_after_minutes", "10"),
        ("pin_max_failures", 5.0),
        ("language", "fr"),
        ("language", 1),
    ],
)
def test_bad_value_refused(counter, key, value):
    with pytest.raises(ValidationError) as caught:
        change(counter, counter.manager, key, value)
    assert caught.value.code == "setting.bad_value"


def test_unknown_key_refused(counter):
    with pytest.raises(ValidationError) as caught:
        change(counter, counter.manager, "theme", "dark")
    assert caught.value.code == "setting.unknown"


def test_anyone_may_choose_the_language(counter):
    cashier = counter.make_cashier()
    assert change(counter, cashier, "language", "en").language == "en"
    assert load_settings(counter.runtime.reader()).language == "en"
