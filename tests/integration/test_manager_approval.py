"""Roles, and a manager's PIN plus a reason granting one privileged action."""

import pytest

from models.staff import Staff
from services.core.actor import Approval
from services.core.errors import AuthError, PermissionDenied, ValidationError
from services.rules.permissions import Permission
from services.staff.accounts import approve_as_manager, create_staff

REASON = "新员工入职"


def approve(counter, actor, pin=None, reason=REASON, manager_id=None, permission="staff.manage"):
    return approve_as_manager(
        counter.runtime.writer(),
        actor,
        manager_id or counter.manager.staff_id,
        pin or counter.manager_pin,
        permission,
        reason,
        counter.runtime.now(),
    )


def hire(counter, actor, approval=None, name="赵新人"):
    return create_staff(
        counter.runtime.writer(), actor, counter.runtime.now(), name, "cashier", "7418", approval
    )


def test_cashier_may_not_create_staff(counter, db):
    cashier = counter.make_cashier()
    staff, audit = db.count("staff"), db.count("audit_log")
    with pytest.raises(PermissionDenied) as caught:
        hire(counter, cashier)
    assert caught.value.code == "auth.forbidden"
    assert (db.count("staff"), db.count("audit_log")) == (staff, audit)


def test_event_staff_may_not_create_staff(counter):
    with pytest.raises(PermissionDenied) as caught:
        hire(counter, counter.make_event_staff())
    assert caught.value.code == "auth.forbidden"


def test_approval_is_granted_and_audited(counter, db):
    cashier = counter.make_cashier()
    approval = approve(counter, cashier, permission=Permission.STAFF_MANAGE)
    assert approval.manager_id == counter.manager.staff_id
    assert approval.manager_name == "王经理"
    assert approval.permission == "staff.manage"
    assert approval.reason == REASON
    row = db.rows(
        "SELECT action, staff_id, approved_by, reason, subject FROM audit_log WHERE id = ?",
        approval.audit_id,
    )
    assert row == [
        (
            "approval.granted",
            cashier.staff_id,
            counter.manager.staff_id,
            REASON,
            "permission:staff.manage",
        )
    ]


def test_approved_action_succeeds_and_carries_the_approval(counter, db):
    cashier = counter.make_cashier()
    approval = approve(counter, cashier)
    created = hire(counter, cashier, approval)
    assert created.role == "cashier"
    assert db.rows(
        "SELECT action, staff_id, approved_by, reason FROM audit_log ORDER BY id DESC LIMIT 1"
    ) == [("staff.created", cashier.staff_id, counter.manager.staff_id, REASON)]


def test_approval_for_another_permission_does_not_help(counter, db):
    cashier = counter.make_cashier()
    approval = approve(counter, cashier, permission="points.adjust")
    with pytest.raises(PermissionDenied) as caught:
        hire(counter, cashier, approval)
    assert caught.value.code == "auth.forbidden"


def test_wrong_manager_pin_refused_and_counted(counter, db):
    cashier = counter.make_cashier()
    with pytest.raises(AuthError) as caught:
        approve(counter, cashier, pin="1357")
    assert caught.value.code == "auth.bad_pin"
    assert caught.value.params["attempts_left"] == 4
    with counter.runtime.reader() as uow:
        assert uow.session.get(Staff, counter.manager.staff_id).failed_pins == 1
    assert db.scalar("SELECT count(*) FROM audit_log WHERE action = 'approval.granted'") == 0


def test_wrong_manager_pins_lock_the_manager(counter):
    cashier = counter.make_cashier()
    codes = []
    for _ in range(5):
        with pytest.raises(AuthError) as caught:
            approve(counter, cashier, pin="1357")
        codes.append(caught.value.code)
    assert codes == ["auth.bad_pin"] * 4 + ["auth.locked"]
    with pytest.raises(AuthError) as caught:
        approve(counter, cashier)  # right PIN, but locked
    assert caught.value.code == "auth.locked"


@pytest.mark.parametrize("reason", ["", "x", "   ", " 好 ", "\u200b\u200e"])
def test_reason_required(counter, db, reason):
    cashier = counter.make_cashier()
    audit = db.count("audit_log")
    with pytest.raises(ValidationError) as caught:
        approve(counter, cashier, reason=reason)
    assert caught.value.code == "reason.required"
    assert db.count("audit_log") == audit


def test_cashier_is_not_a_manager(counter, db):
    cashier = counter.make_cashier()
    colleague = counter.make_cashier(name="周收银")
    with pytest.raises(PermissionDenied) as caught:
        approve(counter, colleague, manager_id=cashier.staff_id, pin=counter.cashier_pin)
    assert caught.value.code == "auth.not_a_manager"
    assert db.scalar("SELECT count(*) FROM audit_log WHERE action = 'approval.granted'") == 0


def test_approval_cannot_be_replayed(counter):
    cashier = counter.make_cashier()
    approval = approve(counter, cashier)
    hire(counter, cashier, approval, name="赵新人")
    with pytest.raises(PermissionDenied):
        hire(counter, cashier, approval, name="钱不该")


def test_forged_approval_refused(counter):
    cashier = counter.make_cashier()
    forged = Approval("nobody", "无名", "staff.manage", "我说可以", audit_id=999)
    with pytest.raises(PermissionDenied):
        hire(counter, cashier, forged)
