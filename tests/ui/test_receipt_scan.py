"""A till's receipt scanned anywhere goes to Points filled in, ready for Enter; a code
that is no receipt, or one already used, changes nothing."""

import threading

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication
from sqlalchemy import func, select

from models.journal import OutboxOperation
from models.points import Purchase
from services.members import accounts as members
from services.members.accounts import NewMember
from services.pos import PosDesk, PosSale, SaleLine
from tests.factories import pos_sale_states
from tests.ui.driving import sign_in_as

NAME = "周晓梅"
FAPIAO = "01,32,,24312000000136634917,128.50,20261203,,1DD6"
# The same code for 9.90 yuan as a scanner in a Chinese layout types it: full-width
# digits, letters and commas, and the ideographic full stop for the decimal point.
WIDE = "".join(
    chr(ord(c) + 0xFEE0) if c.isalnum() or c == "," else c
    for c in "01,32,,24312000000136634917,9。90,20261203,,1DD6"
)


def recorded(counter) -> tuple[int, int, list]:
    with counter.runtime.reader() as uow:
        purchases = uow.session.scalar(select(func.count()).select_from(Purchase))
        outbox = uow.session.scalar(select(func.count()).select_from(OutboxOperation))
        rows = uow.session.execute(select(Purchase.receipt_no, Purchase.gross_fen)).all()
        return purchases, outbox, [tuple(r) for r in rows]


@pytest.fixture
def window(qtbot, make_window, counter):
    member = members.register_member(
        counter.runtime.writer(),
        counter.manager,
        counter.runtime.now(),
        NewMember(NAME, "13912340000", 6, 18, 1990),
    )
    cashier = counter.make_cashier()
    window = make_window()
    sign_in_as(qtbot, window, cashier.staff_name, counter.cashier_pin)
    qtbot.waitUntil(lambda: window.top.currentWidget() is window.workspace)
    checkin = window.pages["checkin"]
    qtbot.waitUntil(checkin.scan_input.hasFocus)
    qtbot.keyClicks(checkin.scan_input, member.member_no)
    qtbot.keyClick(checkin.scan_input, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.ctx.member is not None)
    qtbot.waitUntil(lambda: recorded(counter)[1] == 2)  # the member and the visit
    return window


def scan(qtbot, text: str) -> None:
    """A keyboard-wedge scanner: keys back to back into the focused widget, then Enter."""
    qtbot.keyClicks(QApplication.focusWidget(), text)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)


def scan_wide(qtbot, text: str) -> None:
    """A scanner behind a Chinese input method: characters QTest cannot type as keys are
    sent as key events carrying the text, back to back like a scanner's."""
    for ch in text:
        widget = QApplication.focusWidget()
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(
                widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch)
            )
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)


def go(qtbot, window, key, name):
    qtbot.keyClick(window, key)
    qtbot.waitUntil(lambda: window.current_page_key() == name)
    return window.pages[name]


def test_an_invoice_qr_scanned_on_gifts_lands_on_points_and_enter_records_it(
    qtbot, window, counter
):
    gifts = go(qtbot, window, Qt.Key.Key_F3, "gifts")
    qtbot.waitUntil(lambda: gifts.isAncestorOf(QApplication.focusWidget()))
    scan(qtbot, FAPIAO)
    qtbot.waitUntil(lambda: window.current_page_key() == "points")
    page = window.pages["points"]
    assert (page.amount.text(), page.receipt.text()) == ("128.50", "24312000000136634917")
    assert page.receipt.hasFocus()
    assert "24312000000136634917" in page.source.text()
    qtbot.waitUntil(lambda: "128.50" in page.preview.text())
    qtbot.keyClick(page.receipt, Qt.Key.Key_Return)  # one key confirms
    qtbot.waitUntil(lambda: "24312000000136634917" in page.slip.text())
    assert recorded(counter)[2] == [("24312000000136634917", 12850)]


def test_a_receipt_scanned_into_the_check_in_field_goes_to_points(qtbot, window, counter):
    checkin = window.pages["checkin"]
    checkin.scan_input.setFocus()
    scan(qtbot, "receipt=T-778&amount=66.00&categories=electronics:50")
    qtbot.waitUntil(lambda: window.current_page_key() == "points")
    page = window.pages["points"]
    assert page.amount.text() == "66.00"
    assert page.category_inputs["electronics"].text() == "50.00"
    assert "No member found" not in checkin.message.text()


def test_a_receipt_scanned_while_typing_the_amount_replaces_the_typing(qtbot, window, counter):
    page = go(qtbot, window, Qt.Key.Key_F2, "points")
    qtbot.waitUntil(page.amount.hasFocus)
    scan_wide(qtbot, WIDE)
    qtbot.waitUntil(lambda: page.receipt.text() == "24312000000136634917")
    assert page.amount.text() == "9.90"


def test_a_malformed_receipt_is_refused_and_changes_nothing(qtbot, window, counter):
    page = go(qtbot, window, Qt.Key.Key_F2, "points")
    page.tabs.setCurrentIndex(3)
    qtbot.waitUntil(page.history.hasFocus)
    before = recorded(counter)
    scan(qtbot, "01,32,,24312000000136634917,12x.50,20261203,,1DD6")
    qtbot.waitUntil(lambda: "amount" in page.earn_error.text())
    assert page.amount.text() == "" and page.receipt.text() == ""
    assert recorded(counter) == before


def test_an_unknown_code_on_points_is_refused(qtbot, window, counter):
    page = go(qtbot, window, Qt.Key.Key_F2, "points")
    page.handle_scan("你好, this is no receipt")
    assert "not a receipt" in page.earn_error.text()
    assert page.receipt.text() == ""


def test_a_receipt_from_another_store_is_refused_and_changes_nothing(qtbot, window, counter):
    page = go(qtbot, window, Qt.Key.Key_F2, "points")
    before = recorded(counter)
    page.handle_scan("receipt=T-779&amount=66.00&store=S999")
    told = page.earn_error.text()
    assert "S999" in told and counter.identity.store_code in told
    assert page.amount.text() == "" and page.receipt.text() == ""
    page.handle_scan(f"receipt=T-779&amount=66.00&store={counter.identity.store_code.lower()}")
    assert (page.amount.text(), page.receipt.text()) == ("66.00", "T-779")
    assert recorded(counter) == before


def test_a_receipt_used_before_is_refused_as_a_duplicate(qtbot, window, counter):
    page = go(qtbot, window, Qt.Key.Key_F2, "points")
    page.handle_scan(FAPIAO)
    qtbot.keyClick(page.receipt, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "24312000000136634917" in page.slip.text())
    before = recorded(counter)
    page.handle_scan(FAPIAO)
    qtbot.keyClick(page.receipt, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "already earned" in page.earn_error.text())
    assert recorded(counter) == before


# sales the POS posts ------------------------------------------------------------------------
POSTED = PosSale("P-7001", 8800, (SaleLine("electronics", 5000),), "13912340000")


def test_a_posted_sale_waits_on_points_and_the_cashiers_enter_records_it(qtbot, window, counter):
    desk = window.pos.desk
    threading.Thread(target=desk.post, args=(POSTED,)).start()  # as the endpoint's thread
    qtbot.waitUntil(lambda: window.current_page_key() == "points")
    page = window.pages["points"]
    qtbot.waitUntil(lambda: page.receipt.text() == "P-7001")
    assert page.amount.text() == "88.00"
    assert page.category_inputs["electronics"].text() == "50.00"
    assert "(1)" in page.tabs.tabText(4)
    qtbot.keyClick(page.receipt, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "P-7001" in page.slip.text())
    assert desk.waiting() == []
    assert pos_sale_states(counter.runtime) == [("confirmed", "counter")]
    assert recorded(counter)[2] == [("P-7001", 8800)]
    assert page.tabs.tabText(4) == "POS sales"  # nothing waits any more


def test_the_tills_confirm_clears_the_sale_from_the_screen(qtbot, window, counter):
    desk = window.pos.desk
    sale = desk.post(POSTED)
    page = window.pages["points"]
    qtbot.waitUntil(lambda: page.receipt.text() == "P-7001")
    threading.Thread(target=desk.confirm, args=(sale.id,)).start()
    qtbot.waitUntil(lambda: "POS confirmed" in page.source.text())
    assert page.receipt.text() == "" and page.earn_tab.pending is None
    assert recorded(counter)[2] == [("P-7001", 8800)]
    qtbot.keyClick(page.receipt, Qt.Key.Key_Return)  # nothing left to confirm twice
    assert recorded(counter)[2] == [("P-7001", 8800)]


def test_a_sale_posted_before_a_restart_waits_on_points_after_the_sign_in(
    qtbot, make_window, counter
):
    cashier = counter.make_cashier()
    rt = counter.runtime
    kept = PosDesk(rt.reader, rt.writer, rt.now, lambda: cashier).post(PosSale("P-7002", 4200))
    window = make_window()  # a new window on the database the earlier one left
    sign_in_as(qtbot, window, cashier.staff_name, counter.cashier_pin)
    page = window.pages["points"]
    qtbot.waitUntil(lambda: page.pending_tab.count() == 1)
    assert "P-7002" in page.pending_tab.sales.item(0).text()
    assert window.current_page_key() == "checkin"  # told, not pulled to the front
    assert [s.id for s in window.pos.desk.waiting()] == [kept.id]
