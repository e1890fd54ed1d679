"""Screens that tell the truth: a coupon scanned into a sale asks for nothing yet, times are
the store's, a new person at the counter sees nothing of the last one, each role lands
where it works, and every page shows what it has when it opens."""

from datetime import UTC, timedelta

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication

from services import points
from services.coupons import use as coupon_use
from services.events import planning as events
from services.events.planning import EventSpec
from services.gifts import stock
from services.gifts.definitions import GiftSpec, define_gift
from services.members import accounts as members
from services.members.accounts import NewMember
from tests.ui.driving import scanner_put_down, sign_in_as
from tests.ui.test_coupons_page import gift_coupon
from ui.store_time import store_time_text

NAME = "林晓雨"


@pytest.fixture
def member(counter):
    now, writer = counter.runtime.now(), counter.runtime.writer
    return members.register_member(
        writer(), counter.manager, now, NewMember(NAME, "13912345678", 6, 18, 1990)
    )


@pytest.fixture
def code(counter, member):
    now, writer = counter.runtime.now(), counter.runtime.writer
    return members.member_code(writer(), counter.manager, now, member.id)


def signed_in(qtbot, make_window, counter, role: str = "cashier"):
    staff = counter.make_event_staff() if role == "event_staff" else counter.make_cashier()
    pin = counter.event_staff_pin if role == "event_staff" else counter.cashier_pin
    window = make_window()
    sign_in_as(qtbot, window, staff.staff_name, pin)
    qtbot.waitUntil(lambda: window.top.currentWidget() is window.workspace)
    return window


def switch_to(qtbot, window, name: str, pin: str) -> None:
    window.switch_user()
    sign_in_as(qtbot, window, name, pin)
    qtbot.waitUntil(lambda: window.top.currentWidget() is window.workspace)


def go(qtbot, window, key: Qt.Key, name: str):
    qtbot.keyClick(window, key)
    qtbot.waitUntil(lambda: window.current_page_key() == name)
    return window.pages[name]


def check_in(qtbot, window, code: str) -> None:
    checkin = window.pages["checkin"]
    go(qtbot, window, Qt.Key.Key_F1, "checkin")
    qtbot.keyClicks(checkin.scan_input, code)
    qtbot.keyClick(checkin.scan_input, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.ctx.member is not None)


def utc_text(at) -> str:
    return QLocale().toString(
        at.astimezone(UTC).replace(tzinfo=None), QLocale.FormatType.ShortFormat
    )


# scans ---------------------------------------------------------------------------------------


def test_a_coupon_scanned_into_the_amount_asks_for_no_receipt_yet(
    qtbot, make_window, counter, code
):
    payload = gift_coupon(counter)
    window = signed_in(qtbot, make_window, counter)
    check_in(qtbot, window, code)
    page = go(qtbot, window, Qt.Key.Key_F2, "points")
    qtbot.waitUntil(page.amount.hasFocus)
    shown: list[str] = []  # every text the error line is given, however briefly
    original = page.earn_error.setText
    page.earn_error.setText = lambda text: (shown.append(text), original(text))
    qtbot.keyClicks(page.amount, payload)  # the scanner, at its speed, then Enter
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.coupon.text() == payload)
    qtbot.wait(100)
    assert page.receipt.hasFocus() and page.receipt.text() == ""
    assert page.amount.text() == ""
    assert not [text for text in shown if text], "an error flashed before a receipt was typed"
    assert not page.earn_error.isVisible()


# state ---------------------------------------------------------------------------------------


def test_switching_user_leaves_nothing_of_the_last_cashier(qtbot, make_window, counter, code):
    window = signed_in(qtbot, make_window, counter)
    check_in(qtbot, window, code)
    points_page = go(qtbot, window, Qt.Key.Key_F2, "points")
    qtbot.keyClicks(points_page.amount, "88")
    coupons_page = go(qtbot, window, Qt.Key.Key_F5, "coupons")
    qtbot.keyClicks(coupons_page.search, "1391")
    members_page = go(qtbot, window, Qt.Key.Key_F6, "members")
    qtbot.keyClicks(members_page.search, "5678")
    reports = go(qtbot, window, Qt.Key.Key_F8, "reports")
    qtbot.waitUntil(lambda: reports.close_tab.message.isVisible())  # a cashier may not
    assert reports.close_tab.message.text()

    switch_to(qtbot, window, "王经理", counter.manager_pin)
    qtbot.waitUntil(lambda: reports.close_tab.table.rowCount() > 0)
    assert not reports.close_tab.message.isVisible()
    assert reports.close_tab.message.text() == ""
    assert points_page.amount.text() == ""
    assert coupons_page.search.text() == ""
    assert members_page.search.text() == ""


def test_the_same_person_back_from_a_lock_keeps_their_typing(qtbot, make_window, counter, code):
    window = signed_in(qtbot, make_window, counter)
    check_in(qtbot, window, code)
    coupons_page = go(qtbot, window, Qt.Key.Key_F5, "coupons")
    qtbot.keyClicks(coupons_page.search, "1391")
    window.lock()
    sign_in_as(qtbot, window, "李收银", counter.cashier_pin)
    qtbot.waitUntil(lambda: window.top.currentWidget() is window.workspace)
    assert coupons_page.search.text() == "1391"


def test_the_door_forgets_the_last_welcome_when_someone_else_signs_in(
    qtbot, make_window, counter, code
):
    now = counter.runtime.now()
    event_id = events.create_event(
        counter.runtime.writer(),
        counter.manager,
        now,
        EventSpec("OPEN", "活动", "一楼", now - timedelta(minutes=30), now + timedelta(hours=2), 9),
    )
    window = signed_in(qtbot, make_window, counter, role="event_staff")
    page = window.pages["events"]
    qtbot.waitUntil(lambda: window.current_page_key() == "events")
    qtbot.waitUntil(lambda: page.door.event_id == event_id)
    with qtbot.waitSignal(page.door.result_shown):
        qtbot.keyClicks(page.door.scan_input, code)
        qtbot.keyClick(page.door.scan_input, Qt.Key.Key_Return)
    assert NAME in page.door.headline.text()

    switch_to(qtbot, window, "王经理", counter.manager_pin)
    go(qtbot, window, Qt.Key.Key_F4, "events")
    assert NAME not in page.door.headline.text()
    assert page.door.last_result is None


# landing -------------------------------------------------------------------------------------


def test_event_staff_land_on_the_door(qtbot, make_window, counter):
    window = signed_in(qtbot, make_window, counter, role="event_staff")
    qtbot.waitUntil(lambda: window.current_page_key() == "events")
    page = window.pages["events"]
    qtbot.waitUntil(lambda: page.door.scan_input.hasFocus())


def test_a_cashier_lands_on_check_in(qtbot, make_window, counter):
    window = signed_in(qtbot, make_window, counter)
    assert window.current_page_key() == "checkin"


def test_the_coupons_page_shows_its_coupons_when_it_opens(qtbot, make_window, counter):
    gift_coupon(counter)
    window = signed_in(qtbot, make_window, counter)
    page = go(qtbot, window, Qt.Key.Key_F5, "coupons")
    qtbot.waitUntil(lambda: page.table.rowCount() == 1)
    assert page.table.item(0, 0).text()


# store time ----------------------------------------------------------------------------------


def test_points_history_shows_store_time(qtbot, make_window, counter, member, code):
    now = counter.runtime.now()
    points.earn(counter.runtime.writer(), counter.manager, now, member.id, "R-1", 10_000, {})
    window = signed_in(qtbot, make_window, counter)
    check_in(qtbot, window, code)
    page = go(qtbot, window, Qt.Key.Key_F2, "points")
    page.tabs.setCurrentIndex(3)
    qtbot.waitUntil(lambda: page.history.rowCount() >= 1)
    when = [page.history.item(r, 0).text() for r in range(page.history.rowCount())]
    expected = store_time_text(now, counter.identity.timezone)
    assert expected != utc_text(now)  # the store is not on UTC: the test can tell them apart
    assert expected in when and utc_text(now) not in when


def test_coupon_use_shows_store_time(qtbot, make_window, counter):
    payload = gift_coupon(counter)
    now = counter.runtime.now()
    coupon_use.redeem_gift_coupon(
        counter.runtime.writer(), counter.manager, now, payload, None, False
    )
    window = signed_in(qtbot, make_window, counter)
    page = go(qtbot, window, Qt.Key.Key_F5, "coupons")
    qtbot.waitUntil(lambda: page.table.rowCount() == 1)
    used = page.table.item(0, 6).text()
    assert used.startswith(store_time_text(now, counter.identity.timezone))
    page.table.selectRow(0)
    qtbot.waitUntil(lambda: page.history.rowCount() >= 2)
    times = [page.history.item(r, 0).text() for r in range(page.history.rowCount())]
    assert store_time_text(now, counter.identity.timezone) in times
    assert utc_text(now) not in times


def test_gift_stock_moves_show_store_time(qtbot, make_window, counter):
    runtime, now = counter.runtime, counter.runtime.now()
    gift_id = define_gift(
        runtime.writer(),
        counter.manager,
        now,
        GiftSpec("GIFT-CUP", "保温杯", "Insulated cup", 3000),
    )
    stock.receive_stock(runtime.writer(), counter.manager, now, gift_id, 10, "DN-1")
    window = make_window()
    sign_in_as(qtbot, window, "王经理", counter.manager_pin)
    qtbot.waitUntil(lambda: window.top.currentWidget() is window.workspace)
    page = go(qtbot, window, Qt.Key.Key_F3, "gifts")
    page.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: page.stock.history.rowCount() == 1)
    assert page.stock.history.item(0, 0).text() == store_time_text(now, counter.identity.timezone)


def test_scanner_put_down_lets_the_same_card_count_again(qtbot, make_window, counter, code):
    """The helper other tests lean on: the repeat window is the scanner's, not the page's."""
    window = signed_in(qtbot, make_window, counter)
    checkin = window.pages["checkin"]
    for _ in range(2):
        with qtbot.waitSignal(checkin.visit_recorded):
            qtbot.keyClicks(checkin.scan_input, code)
            qtbot.keyClick(checkin.scan_input, Qt.Key.Key_Return)
        scanner_put_down(window)


# printing ------------------------------------------------------------------------------------


def test_the_slip_and_the_sheet_of_one_coupon_are_two_files(
    qtbot, make_window, counter, monkeypatch
):
    offered: list = []
    monkeypatch.setattr("ui.coupon_printing.offer_pdf", lambda path, *a: offered.append(path))
    gift_coupon(counter)
    window = signed_in(qtbot, make_window, counter)
    page = go(qtbot, window, Qt.Key.Key_F5, "coupons")
    qtbot.waitUntil(lambda: page.table.rowCount() == 1)
    page.table.selectRow(0)
    page.print_slip.click()
    qtbot.waitUntil(lambda: len(offered) == 1)
    page.print_sheet.click()
    qtbot.waitUntil(lambda: len(offered) == 2)
    slip, sheet = offered
    assert slip != sheet
    assert slip.exists() and sheet.exists()  # the sheet did not replace the slip
    assert slip.read_bytes() != sheet.read_bytes()
