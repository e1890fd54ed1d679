"""Earning, refunding and adjusting points by keyboard, as a cashier does at the till."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from sqlalchemy import func, select

from models.points import Purchase
from services.members import accounts as members
from services.members.accounts import NewMember
from tests.ui.driving import sign_in_as


def purchases(counter) -> int:
    with counter.runtime.reader() as uow:
        return uow.session.scalar(select(func.count()).select_from(Purchase))


@pytest.fixture
def points_page(qtbot, make_window, counter):
    member = members.register_member(
        counter.runtime.writer(),
        counter.manager,
        counter.runtime.now(),
        NewMember("赵敏", "13700001234", 7, 7),
    )
    cashier = counter.make_cashier()
    window = make_window()
    sign_in_as(qtbot, window, cashier.staff_name, counter.cashier_pin)
    qtbot.waitUntil(lambda: window.top.currentWidget() is window.workspace)
    checkin = window.pages["checkin"]
    qtbot.keyClicks(checkin.scan_input, member.member_no)
    qtbot.keyClick(checkin.scan_input, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.ctx.member is not None)
    qtbot.keyClick(window, Qt.Key.Key_F2)
    page = window.pages["points"]
    qtbot.waitUntil(lambda: page.amount.hasFocus())
    page.window_ = window
    return page


def earn(qtbot, page, amount: str, receipt: str) -> None:
    qtbot.keyClicks(page.amount, amount)
    qtbot.keyClick(page.amount, Qt.Key.Key_Return)
    assert page.receipt.hasFocus()
    qtbot.keyClicks(page.receipt, receipt)
    qtbot.keyClick(page.receipt, Qt.Key.Key_Return)


def test_earn_by_keyboard_shows_preview_then_slip(qtbot, points_page, counter):
    page = points_page
    qtbot.keyClicks(page.amount, "1234.56")
    qtbot.waitUntil(lambda: "1234" in page.preview.text().replace(",", ""))
    assert "1234" in page.preview.text().replace(",", "")
    qtbot.keyClick(page.amount, Qt.Key.Key_Return)
    qtbot.keyClicks(page.receipt, "R-1001")
    qtbot.keyClick(page.receipt, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "R-1001" in page.slip.text())
    assert "1234 points earned" in page.slip.text()
    assert "New balance: 1,234" in page.slip.text()
    assert "expire first" in page.slip.text() and "2027" in page.slip.text()
    assert purchases(counter) == 1
    qtbot.waitUntil(lambda: page.ctx.member.points_balance == 1234)
    assert "1,234" in page.member_line.text()
    assert page.amount.text() == "" and page.amount.hasFocus()


def test_a_repeated_receipt_is_refused_and_names_the_earlier_earn(qtbot, points_page, counter):
    page = points_page
    earn(qtbot, page, "100", "R-7")
    qtbot.waitUntil(lambda: "R-7" in page.slip.text())
    earn(qtbot, page, "100", "R-7")
    qtbot.waitUntil(lambda: page.earn_error.isVisible())
    assert "R-7" in page.earn_error.text() and "赵敏" in page.earn_error.text()
    assert purchases(counter) == 1


@pytest.mark.parametrize("amount", ["0", "-5", "abc", "12.345", "99999999"])
def test_bad_amounts_are_refused_clearly(qtbot, points_page, counter, amount):
    page = points_page
    page.amount.insert(amount)
    qtbot.keyClick(page.amount, Qt.Key.Key_Return)
    qtbot.keyClicks(page.receipt, "R-9")
    qtbot.keyClick(page.receipt, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.earn_error.isVisible())
    assert "yuan" in page.earn_error.text()
    assert purchases(counter) == 0


def test_points_as_cash_lower_the_amount_to_pay(qtbot, points_page, counter):
    page = points_page
    earn(qtbot, page, "500", "R-1")
    qtbot.waitUntil(lambda: page.ctx.member.points_balance == 500)
    qtbot.waitUntil(lambda: page.cash_points.maximum() == 500)
    page.cash_points.setValue(300)
    earn(qtbot, page, "100", "R-2")
    qtbot.waitUntil(lambda: "R-2" in page.slip.text())
    # 100 yuan - 3 yuan of points = 97 paid -> 97 points; 500 - 300 + 97
    qtbot.waitUntil(lambda: page.ctx.member.points_balance == 297)


def test_refund_takes_points_back_and_history_explains_it(qtbot, points_page, counter):
    page = points_page
    earn(qtbot, page, "200", "R-5")
    qtbot.waitUntil(lambda: "R-5" in page.slip.text())
    page.tabs.setCurrentIndex(1)
    qtbot.keyClicks(page.refund_receipt, "R-5")
    qtbot.keyClick(page.refund_receipt, Qt.Key.Key_Return)
    qtbot.keyClicks(page.refund_amount, "50")
    qtbot.keyClick(page.refund_amount, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "50 points taken back" in page.refund_result.text())
    qtbot.waitUntil(lambda: page.ctx.member.points_balance == 150)
    page.tabs.setCurrentIndex(3)
    qtbot.waitUntil(lambda: page.history.rowCount() == 2)
    kinds = [page.history.item(r, 1).text() for r in range(2)]
    assert kinds == ["Refund", "Earned"]
    assert page.history.item(0, 2).text() == "-50"
    assert "李收银" in page.history.item(0, 4).text()


def test_without_a_member_the_page_says_what_to_do(qtbot, make_window, counter):
    window = make_window()
    sign_in_as(qtbot, window, "王经理", counter.manager_pin)
    qtbot.waitUntil(lambda: window.top.currentWidget() is window.workspace)
    qtbot.keyClick(window, Qt.Key.Key_F2)
    page = window.pages["points"]
    assert "Check-in" in page.member_line.text()
    assert not page.earn_button.isEnabled()


def test_tab_walks_the_earn_form_from_top_to_bottom(qtbot, points_page):
    page = points_page
    page.amount.setFocus()
    seen = []
    for _ in range(4):
        qtbot.keyClick(page.focusWidget(), Qt.Key.Key_Tab)
        seen.append(page.focusWidget())
    cash_editor = page.cash_points.findChild(QLineEdit)
    assert seen[:2] == [page.category_inputs["electronics"], page.coupon]
    assert seen[2] in (page.cash_points, cash_editor)
    assert seen[3] is page.receipt


def test_the_sale_prints_on_an_80_mm_slip(qtbot, points_page, monkeypatch):
    import shutil
    import subprocess

    page = points_page
    offered = []
    monkeypatch.setattr("ui.pages.points_slip.offer_pdf", lambda path, *a: offered.append(path))
    assert not page.print_slip_button.isVisible()
    qtbot.keyClicks(page.amount, "88")
    qtbot.keyClick(page.amount, Qt.Key.Key_Return)
    qtbot.keyClicks(page.receipt, "R-88")
    qtbot.keyClick(page.receipt, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "R-88" in page.slip.text())
    assert page.print_slip_button.isVisible()
    qtbot.keyClick(page.print_slip_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: bool(offered))
    assert offered[0].name == "points-R-88.pdf" and offered[0].is_file()
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", str(offered[0]), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert "R-88" in text and "赵敏" in text and "88" in text


def test_the_slip_footer_is_the_next_expiry_even_after_an_upgrade(qtbot, points_page, monkeypatch):
    page = points_page
    offered = []
    monkeypatch.setattr("ui.pages.points_slip.offer_pdf", lambda path, *a: offered.append(path))
    qtbot.keyClicks(page.amount, "6000")  # crosses Gold: the upgrade is the slip's last line
    qtbot.keyClick(page.amount, Qt.Key.Key_Return)
    qtbot.keyClicks(page.receipt, "R-UP")
    qtbot.keyClick(page.receipt, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "R-UP" in page.slip.text())
    assert page.slip.text().splitlines()[-1].startswith("⬆")
    _rows, footer = page.earn_tab._slip_rows
    assert "expire first" in footer and "⬆" not in footer
