"""A restore by a cashier takes a manager's real approval: checked against the audit log of
the database being replaced and spent there, like every other privileged action."""

import sqlite3

import pytest

from services.core import backups
from services.core.actor import Approval
from services.core.errors import PermissionDenied
from services.rules.permissions import Permission
from services.staff.accounts import approve_as_manager


def approval_for(counter, actor):
    return approve_as_manager(
        counter.runtime.writer(),
        actor,
        counter.manager.staff_id,
        counter.manager_pin,
        Permission.SETTINGS_MANAGE,
        "恢复昨天的备份",
        counter.runtime.now(),
    )


def pre_restore_copies(data):
    return [b for b in backups.list_backups(data) if b.label == backups.PRE_RESTORE]


def test_a_made_up_approval_restores_nothing(counter, clock, db):
    data = counter.runtime.data_dir
    kept = backups.back_up_now(data, clock.now())
    cashier = counter.make_cashier()
    forged = Approval(
        counter.manager.staff_id, "王经理", Permission.SETTINGS_MANAGE, "随便", audit_id=987654
    )
    staff_before = db.count("staff")
    counter.runtime.close()
    with pytest.raises(PermissionDenied) as caught:
        backups.restore(data, kept.path, cashier, clock.now(), accept_loss=True, approval=forged)
    assert caught.value.code == "auth.approval_invalid"
    assert pre_restore_copies(data) == []
    assert db.count("staff") == staff_before  # the cashier is still there: nothing replaced


def test_an_approval_for_another_action_restores_nothing(counter, clock):
    data = counter.runtime.data_dir
    kept = backups.back_up_now(data, clock.now())
    cashier = counter.make_cashier()
    real = approval_for(counter, cashier)
    borrowed = Approval(
        real.manager_id, real.manager_name, Permission.SETTINGS_MANAGE, real.reason, 1
    )  # the id of some other audit row
    counter.runtime.close()
    with pytest.raises(PermissionDenied) as caught:
        backups.restore(data, kept.path, cashier, clock.now(), True, borrowed)
    assert caught.value.code == "auth.approval_invalid"
    assert pre_restore_copies(data) == []


def test_a_real_approval_restores_once_and_is_audited(counter, clock):
    data = counter.runtime.data_dir
    kept = backups.back_up_now(data, clock.now())
    cashier = counter.make_cashier()
    approval = approval_for(counter, cashier)
    counter.runtime.close()
    replaced = backups.restore(data, kept.path, cashier, clock.now(), True, approval)
    conn = sqlite3.connect(replaced)
    try:
        rows = conn.execute(
            "SELECT action, subject, approved_by FROM audit_log WHERE action IN "
            "('approval.used', 'backup.restored') ORDER BY id"
        ).fetchall()
    finally:
        conn.close()
    assert rows == [
        ("approval.used", f"approval:{approval.audit_id}", counter.manager.staff_id),
        ("backup.restored", f"backup:{kept.path.name}", counter.manager.staff_id),
    ]
    # The restored database never saw that approval: it cannot be used again there.
    with pytest.raises(PermissionDenied) as caught:
        backups.restore(data, kept.path, cashier, clock.now(), True, approval)
    assert caught.value.code == "auth.approval_invalid"
