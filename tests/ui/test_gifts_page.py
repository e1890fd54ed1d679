"""Gifts by keyboard at the counter: find, Enter, Enter; and the stock room's count mode."""

import json
import sqlite3

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from models.db import database_path
from services import points
from services.gifts import stock
from services.gifts.definitions import GiftSpec, define_gift
from services.members.accounts import NewMember, register_member
from tests.ui.driving import sign_in_as


def raw(counter, sql, *params):
    conn = sqlite3.connect(database_path(counter.runtime.data_dir))
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def add_gift(counter, spec, qty):
    runtime = counter.runtime
    gift_id = define_gift(runtime.writer(), counter.manager, runtime.now(), spec)
    if qty:
        stock.receive_stock(runtime.writer(), counter.manager, runtime.now(), gift_id, qty, "DN-1")
    return gift_id


def press_enter_in_dialog(qtbot, delay=150):
    """The confirmation is modal: Enter is pressed on it once it is up."""

    def press():
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(50, press)
            return
        qtbot.keyClick(dialog, Qt.Key.Key_Return)

    QTimer.singleShot(delay, press)


@pytest.fixture
def gifts_page(qtbot, make_window, counter):
    runtime = counter.runtime
    member = register_member(
        runtime.writer(), counter.manager, runtime.now(), NewMember("赵敏", "13700001234", 7, 7)
    )
    points.adjust(runtime.writer(), counter.manager, runtime.now(), member.id, 10_000, "开户")
    add_gift(counter, GiftSpec("GIFT-CUP", "保温杯", "Insulated cup", 3000, image="cup.png"), 5)
    add_gift(counter, GiftSpec("GIFT-BAG", "帆布袋", "Tote bag", 1500, image="bag.png"), 2)
    add_gift(counter, GiftSpec("GIFT-SPK", "蓝牙音箱", "Speaker", 12000), 1)
    cashier = counter.make_cashier()
    window = make_window()
    sign_in_as(qtbot, window, cashier.staff_name, counter.cashier_pin)
    qtbot.waitUntil(lambda: window.top.currentWidget() is window.workspace)
    checkin = window.pages["checkin"]
    qtbot.keyClicks(checkin.scan_input, member.member_no)
    qtbot.keyClick(checkin.scan_input, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.ctx.member is not None)
    qtbot.keyClick(window, Qt.Key.Key_F3)
    page = window.pages["gifts"]
    qtbot.waitUntil(lambda: page.search.hasFocus() and page.model.rowCount() == 2)
    return page


def test_redeem_by_keyboard_for_the_scanned_member(qtbot, gifts_page, counter):
    page = gifts_page
    assert "赵敏" in page.member_line.text() and "10,000" in page.member_line.text()
    qtbot.keyClicks(page.search, "cup")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert not page.model.item(0).icon().isNull()  # the picture shows
    press_enter_in_dialog(qtbot)
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "3,000 points" in page.result.text(), timeout=5000)
    assert "New balance: 7,000" in page.result.text() and "Left in stock: 4" in page.result.text()
    qtbot.waitUntil(lambda: page.ctx.member.points_balance == 7000)
    assert raw(counter, "SELECT points_balance FROM member") == [(7000,)]
    on_hand = raw(counter, "SELECT on_hand FROM gift_stock JOIN gift ON gift.id = gift_id "
                           "WHERE sku = 'GIFT-CUP'")  # fmt: skip
    assert on_hand == [(4,)]
    (payload,) = raw(counter, "SELECT payload FROM outbox WHERE op_type = 'gift.redeem'")[0]
    assert json.loads(payload)["points"] == 3000
    # offscreen, no window is active once the dialog closes: ask where focus would be
    assert page.window().focusWidget() is page.search and page.print_button.isVisible()


def test_arrows_choose_and_only_affordable_gifts_show(qtbot, gifts_page):
    page = gifts_page
    names = [page.model.item(r).text().split("\n")[0] for r in range(page.model.rowCount())]
    assert names == ["Tote bag", "Insulated cup"]  # the speaker costs more than the balance
    qtbot.keyClick(page.search, Qt.Key.Key_Down)
    assert page.grid.currentIndex().row() == 1
    qtbot.keyClick(page, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.model.rowCount() == 3)
    speaker = page.model.item(2)
    assert "Not enough points" in speaker.toolTip()
    page.grid.setCurrentIndex(page.model.index(2, 0))
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.message.isVisible())
    assert "Not enough points" in page.message.text()


def test_stock_tab_alerts_low_stock_and_counts(qtbot, make_window, counter):
    add_gift(counter, GiftSpec("GIFT-CUP", "保温杯", "Insulated cup", 3000), 10)
    add_gift(counter, GiftSpec("GIFT-BAG", "帆布袋", "Tote bag", 1500), 2)
    window = make_window()
    sign_in_as(qtbot, window, "王经理", counter.manager_pin)
    qtbot.waitUntil(lambda: window.top.currentWidget() is window.workspace)
    qtbot.keyClick(window, Qt.Key.Key_F3)
    page = window.pages["gifts"]
    page.tabs.setCurrentIndex(1)
    tab = page.stock
    qtbot.waitUntil(lambda: tab.table.rowCount() == 2)
    assert tab.alert.isVisible() and "Tote bag" in tab.alert.text()
    qtbot.waitUntil(lambda: tab.history.rowCount() == 1)
    tab.count_button.click()
    assert not tab.table.isColumnHidden(5)
    tab.table.item(1, 5).setText("8")  # GIFT-CUP sorts second
    tab.save_count_button.click()
    qtbot.waitUntil(lambda: "1 differed" in tab.info.text())
    assert raw(counter, "SELECT kind, quantity, counted FROM stock_move WHERE kind = 'count'") == [
        ("count", -2, 8)
    ]
    qtbot.waitUntil(lambda: tab.table.item(1, 2).text() == "8")
