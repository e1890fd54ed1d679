"""One scanner for the whole counter: a member code typed at scanner speed lands on
Check-in whichever page or field has the focus, once; text fields keep what a person typed.

A scanner here is qtbot typing into the focused widget: its keys come back to back, far
faster than the 50 ms a key the counter takes for a scanner.
"""

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit
from sqlalchemy import func, select

from models.events import EventSignIn
from models.journal import OutboxOperation
from models.visits import Visit
from services.members import accounts as members
from services.members import check_in
from services.members.accounts import NewMember
from tests.ui.driving import scanner_put_down, sign_in_as

NAME = "林晓雨"
PAGES = {"points": Qt.Key.Key_F2, "gifts": Qt.Key.Key_F3, "coupons": Qt.Key.Key_F5}


def counts(counter) -> tuple[int, int, int]:
    """(visits, outbox operations, event sign-ins)."""
    with counter.runtime.reader() as uow:
        return tuple(
            uow.session.scalar(select(func.count()).select_from(table))
            for table in (Visit, OutboxOperation, EventSignIn)
        )


@pytest.fixture
def code(counter):
    now, writer = counter.runtime.now(), counter.runtime.writer
    member = members.register_member(
        writer(), counter.manager, now, NewMember(NAME, "13912345678", 6, 18, 1990)
    )
    return members.member_code(writer(), counter.manager, now, member.id)


@pytest.fixture
def window(qtbot, make_window, counter):
    cashier = counter.make_cashier()
    window = make_window()
    sign_in_as(qtbot, window, cashier.staff_name, counter.cashier_pin)
    qtbot.waitUntil(lambda: window.top.currentWidget() is window.workspace)
    qtbot.waitUntil(lambda: window.pages["checkin"].scan_input.hasFocus())
    return window


def scanner_types(qtbot, text: str, enter: bool = True) -> None:
    """What a keyboard-wedge scanner does: keys into whatever has the focus."""
    focus = QApplication.focusWidget()
    qtbot.keyClicks(focus, text)
    if enter:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)


def go(qtbot, window, key: Qt.Key, name: str):
    qtbot.keyClick(window, key)
    qtbot.waitUntil(lambda: window.current_page_key() == name)
    return window.pages[name]


def shows_member(qtbot, window) -> None:
    checkin = window.pages["checkin"]
    qtbot.waitUntil(lambda: window.current_page_key() == "checkin")
    qtbot.waitUntil(lambda: checkin.card.isVisible() and checkin.card.name.text() == NAME)
    assert "not found" not in checkin.message.text()


def test_a_scanner_without_enter_checks_in(qtbot, window, counter, code):
    before = counts(counter)
    scanner_types(qtbot, code, enter=False)
    shows_member(qtbot, window)
    qtbot.waitUntil(lambda: counts(counter)[:2] == (before[0] + 1, before[1] + 1))
    assert window.pages["checkin"].scan_input.text() == ""


@pytest.mark.parametrize("prefix", ["q", "]Q1"])
def test_a_scanners_prefix_is_stripped_on_check_in(qtbot, window, counter, code, prefix):
    before = counts(counter)
    scanner_types(qtbot, prefix + code)
    shows_member(qtbot, window)
    qtbot.waitUntil(lambda: counts(counter)[0] == before[0] + 1)


def test_control_characters_around_a_code_are_stripped(qtbot, window, counter, code):
    """STX before and ETX after the code, as some scanners send them (Ctrl+B, Ctrl+C)."""

    def control(key: Qt.Key, char: str) -> None:
        event = QKeyEvent(QEvent.Type.KeyPress, key, Qt.KeyboardModifier.ControlModifier, char)
        QCoreApplication.sendEvent(QApplication.focusWidget(), event)

    before = counts(counter)
    control(Qt.Key.Key_B, "\x02")
    scanner_types(qtbot, code, enter=False)
    control(Qt.Key.Key_C, "\x03")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    shows_member(qtbot, window)
    qtbot.waitUntil(lambda: counts(counter)[0] == before[0] + 1)


def test_the_same_code_read_twice_in_half_a_second_is_one_visit(qtbot, window, counter, code):
    before = counts(counter)
    scanner_types(qtbot, code)
    qtbot.wait(450)
    scanner_types(qtbot, code)
    shows_member(qtbot, window)
    qtbot.wait(300)  # what a second visit would have needed to be saved
    assert counts(counter)[:2] == (before[0] + 1, before[1] + 1)


@pytest.mark.parametrize("page_name", list(PAGES))
def test_a_member_code_scanned_into_another_pages_field_checks_in(
    qtbot, window, counter, code, page_name
):
    scanner_types(qtbot, code)  # the member at the counter: the Points fields open
    shows_member(qtbot, window)
    scanner_put_down(window)
    page = go(qtbot, window, PAGES[page_name], page_name)
    field = QApplication.focusWidget()
    assert isinstance(field, QLineEdit)
    qtbot.keyClicks(field, "12")  # the cashier had typed something there
    qtbot.wait(120)  # a person's pause: the next keys are a new burst
    before = counts(counter)
    scanner_types(qtbot, code)
    shows_member(qtbot, window)
    qtbot.waitUntil(lambda: counts(counter)[0] == before[0] + 1)
    assert field.text() == "12"  # the scan never landed there
    if page_name == "gifts":
        assert page.search.text() == "12"


def test_a_member_code_scanned_into_the_member_search_checks_in(qtbot, window, counter, code):
    page = go(qtbot, window, Qt.Key.Key_F6, "members")
    assert page.search.hasFocus()
    before = counts(counter)
    scanner_types(qtbot, code)
    shows_member(qtbot, window)
    qtbot.waitUntil(lambda: counts(counter)[0] == before[0] + 1)
    assert page.search.text() == ""


def test_a_member_code_on_events_as_a_cashier_is_a_check_in_not_a_walk_in(
    qtbot, window, counter, code
):
    page = go(qtbot, window, Qt.Key.Key_F4, "events")
    qtbot.waitUntil(lambda: page.door.scan_input.hasFocus())
    before = counts(counter)
    scanner_types(qtbot, code)
    shows_member(qtbot, window)
    qtbot.waitUntil(lambda: counts(counter)[0] == before[0] + 1)
    qtbot.wait(200)
    assert counts(counter)[2] == before[2]  # no sign-in, so no walk-in and no points
    assert window.ctx.member.points_balance == 0


def test_typing_slowly_in_a_text_field_stays_typing(qtbot, window, counter, code):
    """A person who types LCM… into a search by hand is not a scanner."""
    page = go(qtbot, window, Qt.Key.Key_F5, "coupons")
    ticks = iter(i * 0.2 for i in range(1000))  # a key every 200 ms
    window.scanner._clock = lambda: next(ticks)
    qtbot.keyClicks(page.search, code[:12])
    qtbot.wait(150)
    assert page.search.text() == code[:12]
    assert window.current_page_key() == "coupons"


def test_a_failed_scan_takes_the_last_member_off_the_screen(qtbot, window, counter, code):
    checkin = window.pages["checkin"]
    scanner_types(qtbot, code)
    shows_member(qtbot, window)
    qtbot.keyClicks(checkin.scan_input, "99999999999")  # nobody's mobile
    qtbot.keyClick(checkin.scan_input, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: checkin.message.isVisible())
    assert not checkin.card.isVisible()
    assert checkin.current is None and window.ctx.member is None
    assert not checkin.print_button.isEnabled()


def test_an_enter_on_its_own_keeps_the_member(qtbot, window, counter, code):
    checkin = window.pages["checkin"]
    scanner_types(qtbot, code)
    shows_member(qtbot, window)
    qtbot.keyClick(checkin.scan_input, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: checkin.message.isVisible())
    assert checkin.card.isVisible() and window.ctx.member is not None


def register_with_last4(counter, how_many: int, last4: str = "4321") -> None:
    now, writer = counter.runtime.now(), counter.runtime.writer
    for i in range(how_many):
        mobile = f"139{i:04d}{last4}"
        members.register_member(writer(), counter.manager, now, NewMember(f"会员{i}", mobile, 1, 1))


def test_more_than_twenty_last4_matches_say_so(qtbot, window, counter):
    register_with_last4(counter, 21)
    checkin = window.pages["checkin"]
    qtbot.keyClicks(checkin.scan_input, "4321")
    qtbot.keyClick(checkin.scan_input, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: checkin.candidates.count() == check_in.CANDIDATE_LIMIT)
    assert checkin.more_hint.isVisible()
    assert "first 20" in checkin.more_hint.text() and "more digits" in checkin.more_hint.text()


def test_twenty_last4_matches_need_no_warning(qtbot, window, counter):
    register_with_last4(counter, 20)
    checkin = window.pages["checkin"]
    qtbot.keyClicks(checkin.scan_input, "4321")
    qtbot.keyClick(checkin.scan_input, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: checkin.candidates.count() == 20)
    assert not checkin.more_hint.isVisible()


def test_a_receipt_scanned_on_points_history_goes_into_the_receipt_field(
    qtbot, window, counter, code
):
    scanner_types(qtbot, code)
    shows_member(qtbot, window)
    page = go(qtbot, window, Qt.Key.Key_F2, "points")
    page.tabs.setCurrentIndex(3)  # the history table has the focus: no text field listens
    qtbot.waitUntil(page.history.hasFocus)
    scanner_types(qtbot, "R-20261203-17")
    assert window.current_page_key() == "points"
    assert page.tabs.currentIndex() == 0
    assert page.receipt.text() == "R-20261203-17" and page.receipt.hasFocus()


def test_a_receipt_scanned_into_the_receipt_field_stays_a_receipt(qtbot, window, counter, code):
    scanner_types(qtbot, code)
    shows_member(qtbot, window)
    page = go(qtbot, window, Qt.Key.Key_F2, "points")
    page.receipt.setFocus()
    scanner_types(qtbot, "R-20261203-18", enter=False)
    qtbot.wait(150)  # longer than a scanner's silence
    assert page.receipt.text() == "R-20261203-18"
    assert window.current_page_key() == "points"
