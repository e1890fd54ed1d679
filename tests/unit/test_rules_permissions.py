import pytest

from services.rules.permissions import (
    ROLE_PERMISSIONS,
    Permission,
    Role,
    is_role,
    role_allows,
)

CASHIER_MAY = {
    "member.check_in",
    "member.register",
    "points.earn",
    "points.redeem",
    "gift.redeem",
    "stock.receive",
    "coupon.issue",
    "coupon.redeem",
    "event.sign_in",
}
EVENT_STAFF_MAY = {"member.check_in", "member.register", "event.sign_in"}


@pytest.mark.parametrize("permission", list(Permission))
def test_manager_may_do_everything(permission):
    assert role_allows("manager", permission)
    assert role_allows("manager", str(permission))


@pytest.mark.parametrize("permission", list(Permission))
def test_cashier_exactly(permission):
    assert role_allows("cashier", permission) == (permission.value in CASHIER_MAY)


@pytest.mark.parametrize("permission", list(Permission))
def test_event_staff_exactly(permission):
    assert role_allows("event_staff", permission) == (permission.value in EVENT_STAFF_MAY)


@pytest.mark.parametrize(
    "privileged",
    ["points.adjust", "coupon.void", "event.override_capacity", "stock.count", "staff.manage"],
)
def test_privileged_actions_need_a_manager(privileged):
    assert not role_allows("cashier", privileged)
    assert not role_allows("event_staff", privileged)


def test_unknown_role_or_permission_is_refused():
    assert not role_allows("owner", "member.register")
    assert not role_allows("", "member.register")
    assert not role_allows("system", "staff.manage")
    assert not role_allows("manager", "everything")
    assert not role_allows("manager", "")
    assert not role_allows("Manager", "staff.manage")


def test_every_role_has_an_entry():
    assert set(ROLE_PERMISSIONS) == set(Role)


def test_is_role():
    assert all(is_role(r) for r in ("cashier", "event_staff", "manager"))
    assert not is_role("owner")
    assert not is_role("system")
