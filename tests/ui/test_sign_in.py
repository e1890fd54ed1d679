"""Signing in at the counter: wrong PINs are told clearly and counted; locks hold."""

from sqlalchemy import select

from models.staff import Staff
from tests.ui.driving import sign_in_as


def failed_pins(counter, name: str) -> int:
    uow = counter.runtime.reader()
    with uow:
        return uow.session.scalar(select(Staff.failed_pins).where(Staff.name == name))


def test_wrong_pin_is_refused_with_attempts_left(qtbot, make_window, counter):
    window = make_window()
    sign_in_as(qtbot, window, "王经理", "9999")
    qtbot.waitUntil(lambda: window.sign_in.error.isVisible())
    assert "4 attempts left" in window.sign_in.error.text()
    assert window.top.currentWidget() is window.sign_in
    assert window.sign_in.pin_input.text() == ""
    assert failed_pins(counter, "王经理") == 1


def test_five_wrong_pins_lock_the_account_even_for_the_right_pin(qtbot, make_window, counter):
    window = make_window()
    for _ in range(5):
        sign_in_as(qtbot, window, "王经理", "9999")
        qtbot.waitUntil(lambda: window.sign_in.pin_input.isEnabled())
    assert "locked" in window.sign_in.error.text()
    sign_in_as(qtbot, window, "王经理", counter.manager_pin)
    qtbot.waitUntil(lambda: window.sign_in.pin_input.isEnabled())
    assert window.top.currentWidget() is window.sign_in
    assert "locked" in window.sign_in.error.text()
    counter.runtime.clock.advance(minutes=5)
    sign_in_as(qtbot, window, "王经理", counter.manager_pin)
    qtbot.waitUntil(lambda: window.top.currentWidget() is window.workspace)


def test_empty_pin_asks_for_one_without_counting_a_failure(qtbot, make_window, counter):
    window = make_window()
    sign_in_as(qtbot, window, "王经理", "")
    assert window.sign_in.error.isVisible()
    assert failed_pins(counter, "王经理") == 0


def test_the_pin_field_takes_digits_only(qtbot, make_window):
    window = make_window()
    qtbot.keyClicks(window.sign_in.pin_input, "12ab3'; --4")
    assert window.sign_in.pin_input.text() == "1234"
