"""The main window: sign-in, every page by its F-key, lock and switch user, idle lock."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest

from tests.ui.driving import sign_in_as
from ui.main_window import LOCK_SHORTCUT, PAGE_KEYS, SWITCH_USER_SHORTCUT


def test_window_opens_on_the_sign_in_panel_with_the_staff_listed(make_window):
    window = make_window()
    assert window.top.currentWidget() is window.sign_in
    items = window.sign_in.staff_list
    names = [items.item(i).text() for i in range(items.count())]
    assert any(n.startswith("王经理") for n in names)
    assert window.statusBar().findChild(type(window.sign_in.title), "statusStaff").text() == (
        "Signed out"
    )


def test_signing_in_shows_the_workspace_and_the_person(signed_in_window):
    window = signed_in_window
    assert window.ctx.actor.staff_name == "王经理"
    staff_label = window.statusBar().findChild(type(window.brand), "statusStaff")
    assert "王经理" in staff_label.text()


PAGES = [(i, key, shortcut) for i, (key, shortcut) in enumerate(PAGE_KEYS)]


@pytest.mark.parametrize(("index", "key", "shortcut"), PAGES)
def test_each_page_is_reachable_by_its_shortcut(qtbot, signed_in_window, index, key, shortcut):
    window = signed_in_window
    start = "settings" if key == "checkin" else "checkin"
    window.go_to([k for k, _ in PAGE_KEYS].index(start))
    QTest.keySequence(window, QKeySequence(shortcut))
    qtbot.waitUntil(lambda: window.current_page_key() == key)
    assert window.stack.currentWidget().objectName() == f"{key}Page"
    assert window.nav.currentRow() == index


def test_shortcuts_do_nothing_while_signed_out(qtbot, make_window):
    window = make_window()
    QTest.keySequence(window, QKeySequence("F9"))
    qtbot.wait(50)
    assert window.top.currentWidget() is window.sign_in
    assert window.current_page_key() == "checkin"


def test_lock_hides_the_work_and_the_same_person_signs_back_in(qtbot, signed_in_window, counter):
    window = signed_in_window
    window.go_to(8)
    QTest.keySequence(window, QKeySequence(LOCK_SHORTCUT))
    assert window.top.currentWidget() is window.sign_in
    assert window.ctx.actor is None
    assert window.sign_in.staff_list.currentItem().text().startswith("王经理")
    qtbot.keyClicks(window.sign_in.pin_input, counter.manager_pin)
    qtbot.keyClick(window.sign_in.pin_input, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.top.currentWidget() is window.workspace)
    assert window.current_page_key() == "settings"  # back where they were


def test_switch_user_lets_another_person_sign_in(qtbot, signed_in_window, counter):
    cashier = counter.make_cashier()
    window = signed_in_window
    QTest.keySequence(window, QKeySequence(SWITCH_USER_SHORTCUT))
    assert window.top.currentWidget() is window.sign_in
    sign_in_as(qtbot, window, cashier.staff_name, counter.cashier_pin)
    qtbot.waitUntil(lambda: window.ctx.actor is not None)
    assert window.ctx.actor.staff_id == cashier.staff_id
    assert window.ctx.actor.role == "cashier"


def test_idle_counter_locks_itself(qtbot, signed_in_window):
    window = signed_in_window
    window.idle.set_timeout_ms(100)
    window.idle.start()
    qtbot.waitUntil(lambda: window.top.currentWidget() is window.sign_in, timeout=3000)
    assert window.ctx.actor is None


def test_activity_postpones_the_idle_lock(qtbot, signed_in_window):
    window = signed_in_window
    window.idle.set_timeout_ms(300)
    window.idle.start()
    for _ in range(6):
        qtbot.wait(100)
        QTest.keyClick(window.stack.currentWidget(), Qt.Key.Key_Shift)
    assert window.top.currentWidget() is window.workspace
    qtbot.waitUntil(lambda: window.top.currentWidget() is window.sign_in, timeout=3000)
