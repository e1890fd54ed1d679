"""Settings: a cashier's privileged change needs a manager's PIN and reason, and is audited."""

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from sqlalchemy import select

from models.journal import AuditEntry
from services.core.settings import load_settings
from tests.ui.driving import sign_in_as


def open_dialog(name: str):
    shown = [w for w in QApplication.topLevelWidgets() if w.objectName() == name and w.isVisible()]
    return shown[0] if shown else None


def approve_when_asked(qtbot, pin: str, reason: str, seen: list) -> None:
    """Answers the manager-approval dialog as soon as it opens, by keyboard."""

    def answer() -> None:
        dialog = open_dialog("approvalDialog")
        if dialog is None:
            QTimer.singleShot(20, answer)
            return
        seen.append(dialog)
        qtbot.keyClicks(dialog.pin, pin)
        dialog.reason.insert(reason)  # Chinese comes through the input method
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
        if pin != "2580":
            QTimer.singleShot(50, lambda: give_up(dialog))

    def give_up(dialog) -> None:
        if not dialog.error.isVisible():  # the refusal has not come back yet
            QTimer.singleShot(50, lambda: give_up(dialog))
            return
        seen.append(dialog.error.text())
        dialog.reject()

    QTimer.singleShot(0, answer)


def cashier_window(qtbot, make_window, counter):
    cashier = counter.make_cashier()
    window = make_window()
    sign_in_as(qtbot, window, cashier.staff_name, counter.cashier_pin)
    qtbot.waitUntil(lambda: window.top.currentWidget() is window.workspace)
    qtbot.keyClick(window, Qt.Key.Key_F9)
    return window, window.pages["settings"]


def test_cashier_changes_lock_time_with_manager_approval(qtbot, make_window, counter):
    window, page = cashier_window(qtbot, make_window, counter)
    page.lock_minutes.setValue(12)
    seen: list = []
    approve_when_asked(qtbot, counter.manager_pin, "夜班需要更长时间", seen)
    page.apply_lock.click()
    qtbot.waitUntil(lambda: window.ctx.settings.lock_after_minutes == 12)
    assert seen, "the approval dialog was never shown"
    assert load_settings(counter.runtime.reader()).lock_after_minutes == 12
    uow = counter.runtime.reader()
    with uow:
        entry = uow.session.execute(
            select(AuditEntry.approved_by, AuditEntry.reason, AuditEntry.staff_id).where(
                AuditEntry.action == "setting.changed"
            )
        ).one()
    assert entry.approved_by == counter.manager.staff_id
    assert entry.reason == "夜班需要更长时间"
    assert entry.staff_id == window.ctx.actor.staff_id


def test_wrong_manager_pin_changes_nothing(qtbot, make_window, counter):
    _window, page = cashier_window(qtbot, make_window, counter)
    page.lock_minutes.setValue(30)
    seen: list = []
    approve_when_asked(qtbot, "1357", "test", seen)
    page.apply_lock.click()
    qtbot.waitUntil(lambda: len(seen) == 2)
    assert "attempts left" in seen[1]
    assert open_dialog("approvalDialog") is None
    assert load_settings(counter.runtime.reader()).lock_after_minutes == 5


def test_manager_changes_lock_time_without_a_dialog(qtbot, signed_in_window, counter):
    window = signed_in_window
    qtbot.keyClick(window, Qt.Key.Key_F9)
    page = window.pages["settings"]
    page.lock_minutes.setValue(7)
    page.apply_lock.click()
    qtbot.waitUntil(lambda: window.ctx.settings.lock_after_minutes == 7)
    assert window.idle._timer.interval() == 7 * 60_000


def test_staff_table_lists_everyone_with_role(qtbot, signed_in_window, counter):
    counter.make_cashier()
    window = signed_in_window
    qtbot.keyClick(window, Qt.Key.Key_F9)
    table = window.pages["settings"].staff_table
    qtbot.waitUntil(lambda: table.rowCount() == 2)
    rows = {table.item(r, 0).text(): table.item(r, 1).text() for r in range(2)}
    assert rows == {"王经理": "Manager", "李收银": "Cashier"}
