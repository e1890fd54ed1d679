"""Coupons at the counter by keyboard: points for a coupon on F5, the coupon used on a
purchase on F2 (once only; forged codes refused), scans routed to the right page, and the
birthday coupon for a gold member."""

import sqlite3
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import func, select

from models.db import database_path
from models.points import Purchase
from services.coupons import campaigns
from services.coupons import issue as coupons
from services.events.planning import EventSpec, create_event
from services.members import accounts as members
from services.members.accounts import NewMember
from tests.ui.driving import sign_in_as
from ui.workers import wait_for_background

MEMBER_NAME = "赵敏"


# helpers -----------------------------------------------------------------------------------


def raw(counter, sql, *params):
    """The counter's file through plain sqlite3, independent of the ORM under test."""
    conn = sqlite3.connect(database_path(counter.runtime.data_dir), isolation_level=None)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def raw_one(counter, sql, *params):
    rows = raw(counter, sql, *params)
    return rows[0][0] if rows else None


def purchases(counter) -> int:
    with counter.runtime.reader() as uow:
        return uow.session.scalar(select(func.count()).select_from(Purchase))


def balance(counter, member_id) -> int:
    return raw_one(counter, "SELECT points_balance FROM member WHERE id = ?", member_id)


def settle(qtbot) -> None:
    """Every background query started so far has delivered its result."""
    assert wait_for_background(5000)
    qtbot.wait(50)


def go(qtbot, window, key: Qt.Key, name: str):
    qtbot.keyClick(window, key)
    page = window.pages[name]
    qtbot.waitUntil(lambda: window.stack.currentWidget() is page)
    return page


def earn(qtbot, page, amount: str, receipt: str, coupon: str | None = None) -> None:
    """As a cashier: amount, (coupon), Enter to the receipt field, receipt, Enter."""
    qtbot.keyClicks(page.amount, amount)
    if coupon is not None:
        page.coupon.setFocus()
        page.coupon.setText(coupon)  # what a scanner types into the focused field
        qtbot.keyClick(page.coupon, Qt.Key.Key_Return)
    else:
        qtbot.keyClick(page.amount, Qt.Key.Key_Return)
    assert page.receipt.hasFocus()
    qtbot.keyClicks(page.receipt, receipt)
    qtbot.keyClick(page.receipt, Qt.Key.Key_Return)


@pytest.fixture
def offered(monkeypatch) -> list:
    """The PDFs that would have been offered for printing (no modal dialog in tests)."""
    paths: list = []
    monkeypatch.setattr("ui.coupon_printing.offer_pdf", lambda path, *a: paths.append(path))
    return paths


@pytest.fixture
def member(counter):
    return members.register_member(
        counter.runtime.writer(),
        counter.manager,
        counter.runtime.now(),
        NewMember(MEMBER_NAME, "13700001234", 7, 7),
    )


def open_counter_for(qtbot, make_window, counter, member):
    cashier = counter.make_cashier()
    window = make_window()
    sign_in_as(qtbot, window, cashier.staff_name, counter.cashier_pin)
    qtbot.waitUntil(lambda: window.top.currentWidget() is window.workspace)
    checkin = window.pages["checkin"]
    qtbot.keyClicks(checkin.scan_input, member.member_no)
    qtbot.keyClick(checkin.scan_input, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.ctx.member is not None)
    return window


@pytest.fixture
def window(qtbot, make_window, counter, member):
    """A cashier signed in with the member checked in at the counter."""
    return open_counter_for(qtbot, make_window, counter, member)


def exchange_by_keyboard(qtbot, window, counter, member, offered) -> tuple[str, str]:
    """Earns 300 points, then F5 and 100 of them for a coupon. (coupon id, signed text)."""
    points_page = go(qtbot, window, Qt.Key.Key_F2, "points")
    qtbot.waitUntil(points_page.amount.hasFocus)
    earn(qtbot, points_page, "300", "R-1")
    qtbot.waitUntil(lambda: "R-1" in points_page.slip.text())
    qtbot.waitUntil(lambda: window.ctx.member.points_balance == 300)

    page = go(qtbot, window, Qt.Key.Key_F5, "coupons")
    qtbot.waitUntil(lambda: page.exchange_points.maximum() == 300)
    assert page.exchange_points.value() == 100  # one step, ready to go
    assert "300" in page.member_line.text()
    page.exchange_points.setFocus()
    qtbot.keyClick(page.exchange_points, Qt.Key.Key_Tab)
    assert page.exchange_button.hasFocus()
    qtbot.keyClick(page.exchange_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: "Coupons issued: 1" in page.message.text())
    qtbot.waitUntil(lambda: bool(offered))
    (coupon_id, payload) = raw(counter, "SELECT id, payload FROM coupon")[0]
    return coupon_id, payload


# (a) points for a coupon ---------------------------------------------------------------------


def test_f5_exchanges_100_points_for_a_coupon_and_prints_it(
    qtbot, window, counter, member, offered
):
    coupon_id, payload = exchange_by_keyboard(qtbot, window, counter, member, offered)
    page = window.pages["coupons"]
    qtbot.waitUntil(lambda: window.ctx.member.points_balance == 200)
    assert balance(counter, member.id) == 200
    assert raw_one(counter, "SELECT source FROM coupon WHERE id = ?", coupon_id) == "points"
    assert payload.startswith("LCC")
    code = raw_one(counter, "SELECT code FROM coupon WHERE id = ?", coupon_id)
    qtbot.waitUntil(lambda: page.table.rowCount() == 1)
    assert page.table.objectName() == "couponTable"
    assert page.table.item(0, 0).text() == code
    assert page.table.item(0, 2).text() == "¥10"
    assert page.table.item(0, 3).text() == "Unused"
    assert page.table.item(0, 4).text() == MEMBER_NAME
    ops = [r[0] for r in raw(counter, "SELECT op_type FROM outbox ORDER BY seq")]
    assert ops.count("coupon.issue") == 1 and ops.count("points.redeem") == 1
    # one coupon: one 80 mm slip, its print noted in the coupon's history
    assert offered[0].suffix == ".pdf" and offered[0].read_bytes().startswith(b"%PDF")
    assert code in offered[0].name
    kinds = [r[0] for r in raw(counter, "SELECT kind FROM coupon_move ORDER BY id")]
    assert kinds == ["issue", "print"]


# (b) (c) the coupon on a purchase, once ------------------------------------------------------


def test_a_coupon_takes_ten_yuan_off_once_and_the_second_use_is_refused(
    qtbot, window, counter, member, offered
):
    coupon_id, payload = exchange_by_keyboard(qtbot, window, counter, member, offered)
    page = go(qtbot, window, Qt.Key.Key_F2, "points")
    qtbot.waitUntil(page.amount.hasFocus)
    code = raw_one(counter, "SELECT code FROM coupon WHERE id = ?", coupon_id)

    qtbot.keyClicks(page.amount, "50")
    page.coupon.setFocus()
    page.coupon.setText(payload)
    qtbot.waitUntil(lambda: code in page.preview.text())  # the quote shows the coupon
    assert "To pay: 40.00 yuan" in page.preview.text()
    qtbot.keyClick(page.coupon, Qt.Key.Key_Return)
    assert page.receipt.hasFocus()
    qtbot.keyClicks(page.receipt, "R-2")
    qtbot.keyClick(page.receipt, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "R-2" in page.slip.text())
    assert "40 points earned" in page.slip.text()  # points on what was paid
    assert page.coupon.text() == ""  # cleared for the next customer
    assert raw_one(counter, "SELECT coupon_fen FROM purchase WHERE receipt_no = 'R-2'") == 1000
    assert raw_one(counter, "SELECT status FROM coupon WHERE id = ?", coupon_id) == "redeemed"
    ops = [r[0] for r in raw(counter, "SELECT op_type FROM outbox ORDER BY seq")]
    assert ops.count("coupon.redeem") == 1
    before = purchases(counter)

    # (c) the same paper coupon handed in again
    earn(qtbot, page, "50", "R-3", coupon=payload)
    qtbot.waitUntil(lambda: page.earn_error.isVisible())
    refusal = page.earn_error.text()
    assert refusal and "already used" in refusal
    assert "测试门店" in refusal  # where it was used
    assert purchases(counter) == before
    assert raw_one(counter, "SELECT count(*) FROM purchase WHERE receipt_no = 'R-3'") == 0
    assert page.earn_button.isEnabled()


# (d) a changed code ------------------------------------------------------------------------------


@pytest.mark.parametrize("damage", ["altered", "garbage"])
def test_an_altered_coupon_is_refused_and_nothing_is_recorded(
    qtbot, window, counter, member, offered, damage
):
    _coupon_id, payload = exchange_by_keyboard(qtbot, window, counter, member, offered)
    if damage == "altered":  # one symbol of the signed body changed, e.g. the value
        text = payload[:60] + ("A" if payload[60] != "A" else "B") + payload[61:]
        expected = "changed after it was issued"
    else:
        text = "LCC123"
        expected = "not a coupon code"
    page = go(qtbot, window, Qt.Key.Key_F2, "points")
    qtbot.waitUntil(page.amount.hasFocus)
    before, moves = purchases(counter), raw_one(counter, "SELECT count(*) FROM coupon_move")
    earn(qtbot, page, "50", "R-9", coupon=text)
    qtbot.waitUntil(lambda: page.earn_error.isVisible())
    assert expected in page.earn_error.text()
    assert purchases(counter) == before
    assert raw_one(counter, "SELECT count(*) FROM coupon_move") == moves
    assert raw_one(counter, "SELECT count(*) FROM coupon WHERE status = 'redeemed'") == 0
    settle(qtbot)
    assert window.ctx.member.points_balance == 200  # nothing earned


# (e) scans routed by the main window ------------------------------------------------------------


def gift_coupon(counter) -> str:
    now = counter.runtime.now()
    event_id = create_event(
        counter.runtime.writer(),
        counter.manager,
        now,
        EventSpec("EV1", "夏日会员日", "一楼中庭", now, now + timedelta(hours=5), 100),
    )
    template = coupons.templates(counter.runtime.reader(), "event")[0].template_id
    [issued] = campaigns.issue_event_batch(
        counter.runtime.writer(), counter.manager, now, template, event_id, 1
    )
    return issued.payload


def test_a_gift_coupon_scanned_on_check_in_is_redeemed_on_the_coupons_page(qtbot, window, counter):
    payload = gift_coupon(counter)
    assert window.current_page_key() == "checkin"
    window._on_scan(payload)
    assert window.current_page_key() == "coupons"
    page = window.pages["coupons"]
    qtbot.waitUntil(lambda: "hand over the gift" in page.message.text())
    assert raw_one(counter, "SELECT status FROM coupon WHERE payload = ?", payload) == "redeemed"
    assert page.gift_input.text() == ""
    # the same coupon a second time is refused on the spot
    window._on_scan(payload)
    qtbot.waitUntil(lambda: "already used" in page.message.text())
    assert raw_one(counter, "SELECT count(*) FROM coupon_move WHERE kind = 'redeem'") == 1


def test_a_coupon_scanned_on_the_points_page_goes_into_the_purchase(
    qtbot, window, counter, member, offered
):
    _coupon_id, payload = exchange_by_keyboard(qtbot, window, counter, member, offered)
    page = go(qtbot, window, Qt.Key.Key_F2, "points")
    page.tabs.setCurrentIndex(3)  # the cashier was looking at the history
    window._on_scan(payload)
    assert window.current_page_key() == "points"
    assert page.tabs.currentIndex() == 0
    assert page.coupon.text() == payload
    assert page.receipt.hasFocus()
    assert raw_one(counter, "SELECT status FROM coupon") == "issued"  # not used until the sale


def test_a_gift_coupon_scanned_into_the_check_in_field_reaches_the_coupons_page(
    qtbot, window, counter
):
    payload = gift_coupon(counter)
    checkin = window.pages["checkin"]
    assert checkin.scan_input.hasFocus()
    checkin.scan_input.setText(payload)  # the wedge scanner types into the focused field
    qtbot.keyClick(checkin.scan_input, Qt.Key.Key_Return)
    settle(qtbot)
    assert "No member found" not in checkin.message.text()
    assert window.current_page_key() == "coupons"
    assert raw_one(counter, "SELECT status FROM coupon WHERE payload = ?", payload) == "redeemed"


def test_a_coupon_scanned_into_the_amount_field_goes_into_the_purchase(
    qtbot, window, counter, member, offered
):
    _coupon_id, payload = exchange_by_keyboard(qtbot, window, counter, member, offered)
    page = go(qtbot, window, Qt.Key.Key_F2, "points")
    assert page.amount.hasFocus()
    page.amount.insert(payload)  # the wedge scanner types into the focused field
    assert page.amount.text() == ""
    assert page.coupon.text() == payload
    assert page.receipt.hasFocus()


# (f) the birthday coupon -------------------------------------------------------------------------


def test_a_gold_member_in_their_birthday_month_gets_the_birthday_coupon_once(
    qtbot, make_window, counter, clock, offered
):
    clock.advance(days=100)  # 9 June 2026
    born_in_june = members.register_member(
        counter.runtime.writer(),
        counter.manager,
        counter.runtime.now(),
        NewMember("孙悦", "13700005678", 6, 18),
    )
    raw(counter, "UPDATE member SET tier = 'gold' WHERE id = ?", born_in_june.id)
    window = open_counter_for(qtbot, make_window, counter, born_in_june)
    assert window.ctx.member.tier == "gold"

    page = go(qtbot, window, Qt.Key.Key_F5, "coupons")
    qtbot.waitUntil(page.birthday_button.isVisible)
    assert page.birthday_button.objectName() == "couponBirthday"
    assert "Gold birthday voucher" in page.birthday_button.text()
    page.birthday_button.setFocus()
    qtbot.keyClick(page.birthday_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: "Coupons issued: 1" in page.message.text())
    qtbot.waitUntil(lambda: bool(offered))
    rows = raw(counter, "SELECT source, value, member_id FROM coupon")
    assert rows == [("birthday", 50000, born_in_june.id)]
    settle(qtbot)  # the member's card and the offer are fetched again
    assert not page.birthday_button.isVisible()
    # back on the page later the same day: still no second birthday coupon
    go(qtbot, window, Qt.Key.Key_F1, "checkin")
    go(qtbot, window, Qt.Key.Key_F5, "coupons")
    settle(qtbot)
    assert not page.birthday_button.isVisible()
    assert raw_one(counter, "SELECT count(*) FROM coupon WHERE source = 'birthday'") == 1


def test_no_birthday_button_outside_the_month_or_below_silver(qtbot, window, counter, member):
    page = go(qtbot, window, Qt.Key.Key_F5, "coupons")  # 赵敏: bronze, born in July; it is March
    settle(qtbot)
    assert page.exchange_button.isEnabled()
    assert not page.birthday_button.isVisible()
