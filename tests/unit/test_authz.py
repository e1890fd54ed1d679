import pytest

from services.core.actor import Actor, Approval
from services.core.errors import PermissionDenied
from services.staff.authz import needs_approval, require_permission

CASHIER = Actor("c1", "李收银", "cashier", "store", "device")
MANAGER = Actor("m1", "王经理", "manager", "store", "device")
SYSTEM = Actor(None, "system", "system", "store", "device")


def approval(permission):
    return Approval("m1", "王经理", permission, "补录", 7)


def test_role_permission_passes():
    require_permission(CASHIER, "member.register")
    require_permission(MANAGER, "staff.manage")
    assert not needs_approval(MANAGER, "staff.manage")


def test_system_actor_passes():
    assert SYSTEM.is_system
    require_permission(SYSTEM, "staff.manage")
    assert not needs_approval(SYSTEM, "staff.manage")


def test_missing_permission_refused_with_code():
    with pytest.raises(PermissionDenied) as caught:
        require_permission(CASHIER, "staff.manage")
    assert caught.value.code == "auth.forbidden"
    assert caught.value.params == {"permission": "staff.manage"}
    assert needs_approval(CASHIER, "staff.manage")


def test_approval_for_that_permission_passes():
    require_permission(CASHIER, "staff.manage", approval("staff.manage"))


def test_approval_for_another_permission_does_not():
    with pytest.raises(PermissionDenied) as caught:
        require_permission(CASHIER, "staff.manage", approval("points.adjust"))
    assert caught.value.code == "auth.forbidden"
