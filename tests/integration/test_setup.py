"""First run: the store, the counter and its first manager."""

import pytest

from services.core.errors import StateError, ValidationError
from services.core.setup import NewCounter, load_identity, set_up_counter
from services.staff import accounts as staff_service
from services.staff.accounts import list_staff, sign_in

GOOD = NewCounter("测试门店", "T001", "1", "王经理", "2580")


def set_up(runtime, new=GOOD):
    return set_up_counter(runtime.writer(), new, runtime.now())


def test_not_set_up_until_first_run(runtime):
    assert load_identity(runtime.reader()) is None


def test_identity_and_first_manager(runtime, db):
    identity, manager = set_up(
        runtime, NewCounter(" 测试门店 ", "ｔ００１", "2", "王经理", "2580", "Asia/Urumqi")
    )
    assert identity == load_identity(runtime.reader())
    assert (identity.store_code, identity.store_name, identity.counter_label) == (
        "T001",
        "测试门店",
        "2",
    )
    assert identity.timezone == "Asia/Urumqi"
    assert (manager.name, manager.role, manager.active) == ("王经理", "manager", True)
    assert db.rows("SELECT action FROM audit_log ORDER BY id") == [
        ("counter.set_up",),
        ("staff.created",),
    ]
    assert sign_in(runtime.writer(), manager.id, "2580", runtime.now()).role == "manager"
    assert db.scalar("SELECT last_seq FROM counter") == 0


def test_default_timezone_is_shanghai(runtime):
    identity, _ = set_up(runtime)
    assert identity.timezone == "Asia/Shanghai"


def test_set_up_twice_refused(runtime, db):
    set_up(runtime)
    with pytest.raises(StateError) as caught:
        set_up(runtime, NewCounter("别的门店", "T002", "1", "张经理", "3691"))
    assert caught.value.code == "counter.already_set_up"
    assert (db.count("store"), db.count("counter"), db.count("staff")) == (1, 1, 1)


@pytest.mark.parametrize(
    ("new", "code"),
    [
        (NewCounter("测试门店", "T 001", "1", "王经理", "2580"), "store.bad_code"),
        (NewCounter("测试门店", "店", "1", "王经理", "2580"), "store.bad_code"),
        (
            NewCounter("测试门店", "T001", "1", "王经理", "2580", "Mars/Olympus"),
            "store.bad_timezone",
        ),
        (NewCounter("测试门店", "T001", "1", "王经理", "2580", ""), "store.bad_timezone"),
        (NewCounter("测试门店", "T001", "1", "王经理", "1234"), "pin.too_simple"),
        (NewCounter("测试门店", "T001", "1", "王经理", "１３５７"), "pin.not_digits"),
        (NewCounter("测试门店", "T001", "1", "王经理", "258"), "pin.length"),
        (NewCounter("\u200f", "T001", "1", "王经理", "2580"), "store.name.empty"),
        (NewCounter("测试门店", "T001", "1", "", "2580"), "name.empty"),
    ],
)
def test_bad_first_run_refused_and_nothing_written(runtime, db, new, code):
    with pytest.raises(ValidationError) as caught:
        set_up(runtime, new)
    assert caught.value.code == code
    assert load_identity(runtime.reader()) is None
    for table in ("store", "counter", "staff", "audit_log"):
        assert db.count(table) == 0


def test_failed_manager_creation_leaves_counter_not_set_up(runtime, monkeypatch):
    def disk_trouble(pin, n=None):
        raise OSError("disk I/O error")

    monkeypatch.setattr(staff_service, "hash_pin", disk_trouble)
    with pytest.raises(OSError):
        set_up(runtime)
    assert list_staff(runtime.reader()) == []
    assert load_identity(runtime.reader()) is None  # so first run can be tried again
