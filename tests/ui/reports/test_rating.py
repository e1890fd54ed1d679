"""The customer's rating asked for on the points page after a sale (Ctrl+R), and what
Reports make of it.
"""

import json

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QDialog, QPushButton

from tests.factories import register
from tests.ui.reports.helpers import manager_window, raw

# (f) the customer's rating after a sale --------------------------------------------------------


def open_prompt(page) -> QDialog | None:
    """The rating prompt on screen now (earlier, closed prompts stay the page's children)."""
    shown = [d for d in page.findChildren(QDialog, "npsPrompt") if d.isVisible()]
    assert len(shown) <= 1
    return shown[0] if shown else None


def answer_prompt(qtbot, page, score: int | None) -> dict:
    """Arms a timer that finds the modal rating prompt, then taps `score` (or Esc). A
    watchdog closes a prompt that is still open after 10 s so a failure cannot hang."""
    seen: dict = {}

    def answer():
        prompt = open_prompt(page)
        if prompt is None:
            if not seen.get("gave_up"):
                QTimer.singleShot(20, answer)
            return
        seen["prompt"] = prompt.objectName()
        if score is None:
            prompt.reject()
        else:
            button = prompt.findChild(QPushButton, f"npsScore{score}")
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    def watchdog():
        seen["gave_up"] = True
        prompt = open_prompt(page)
        if prompt is not None:
            seen["stuck"] = True
            prompt.reject()

    QTimer.singleShot(20, answer)
    seen["watchdog"] = QTimer(page)
    seen["watchdog"].setSingleShot(True)
    seen["watchdog"].timeout.connect(watchdog)
    seen["watchdog"].start(10_000)
    return seen


def reactivate(qtbot, page) -> None:
    """The offscreen platform leaves a closed dialog as the active window; a desktop hands
    activation back to the main window, and window shortcuts (Ctrl+R) need that."""
    window = page.window()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def test_ctrl_r_after_a_sale_records_the_customers_rating(qtbot, make_window, counter):
    member = register(counter, "赵敏", "13700001234", actor=counter.manager)
    window = manager_window(qtbot, make_window, counter)
    checkin = window.pages["checkin"]
    qtbot.keyClicks(checkin.scan_input, member.member_no)
    qtbot.keyClick(checkin.scan_input, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.ctx.member is not None)
    qtbot.keyClick(window, Qt.Key.Key_F2)
    page = window.pages["points"]
    qtbot.waitUntil(page.amount.hasFocus)
    assert not page.nps_button.isVisible()  # no sale yet, nothing to rate

    qtbot.keyClicks(page.amount, "88")
    qtbot.keyClick(page.amount, Qt.Key.Key_Return)
    qtbot.keyClicks(page.receipt, "R-NPS-1")
    qtbot.keyClick(page.receipt, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "R-NPS-1" in page.slip.text())
    assert page.nps_button.isVisible() and page.nps_button.objectName() == "npsButton"

    seen = answer_prompt(qtbot, page, 9)
    qtbot.keyClick(page.amount, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    seen["watchdog"].stop()
    assert seen.get("prompt") == "npsPrompt", "Ctrl+R did not open the rating prompt"
    assert not seen.get("stuck"), "the prompt stayed open after the score was tapped"

    rows = raw(counter, "SELECT score, reference, member_id, comment FROM nps_response")
    assert rows == [(9, "R-NPS-1", member.id, None)]
    [(payload,)] = raw(counter, "SELECT payload FROM outbox WHERE op_type = 'nps.record'")
    assert json.loads(payload)["score"] == 9
    assert json.loads(payload)["reference"] == "R-NPS-1"
    assert not page.nps_button.isVisible()  # rated: the button goes until the next sale
    reactivate(qtbot, page)
    qtbot.waitUntil(page.amount.hasFocus)

    # a second Ctrl+R has no sale to rate: no prompt, no second answer
    seen = answer_prompt(qtbot, page, None)
    qtbot.keyClick(page.amount, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    qtbot.wait(100)
    seen["gave_up"] = True
    seen["watchdog"].stop()
    assert "prompt" not in seen
    assert raw(counter, "SELECT count(*) FROM nps_response")[0][0] == 1


def test_skipping_the_rating_keeps_the_button_for_later(qtbot, make_window, counter):
    member = register(counter, "赵敏", "13700001234", actor=counter.manager)
    earn_window = manager_window(qtbot, make_window, counter)
    checkin = earn_window.pages["checkin"]
    qtbot.keyClicks(checkin.scan_input, member.member_no)
    qtbot.keyClick(checkin.scan_input, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: earn_window.ctx.member is not None)
    qtbot.keyClick(earn_window, Qt.Key.Key_F2)
    page = earn_window.pages["points"]
    qtbot.waitUntil(page.amount.hasFocus)
    qtbot.keyClicks(page.amount, "20")
    qtbot.keyClick(page.amount, Qt.Key.Key_Return)
    qtbot.keyClicks(page.receipt, "R-NPS-2")
    qtbot.keyClick(page.receipt, Qt.Key.Key_Return)
    qtbot.waitUntil(page.nps_button.isVisible)

    seen = answer_prompt(qtbot, page, None)
    qtbot.keyClick(page.amount, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    seen["watchdog"].stop()
    assert seen.get("prompt") == "npsPrompt"
    assert raw(counter, "SELECT count(*) FROM nps_response")[0][0] == 0
    assert page.nps_button.isVisible()
    reactivate(qtbot, page)
    qtbot.waitUntil(page.amount.hasFocus)  # back to the till for the next sale

    # the customer changes their mind: the same sale can still be rated
    seen = answer_prompt(qtbot, page, 7)
    qtbot.keyClick(page.amount, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    seen["watchdog"].stop()
    assert seen.get("prompt") == "npsPrompt" and not seen.get("stuck")
    assert raw(counter, "SELECT score, reference FROM nps_response") == [(7, "R-NPS-2")]
    assert not page.nps_button.isVisible()


def test_the_rating_prompt_takes_typed_digits_and_ten(qtbot, signed_in_window, counter):
    from ui.dialogs.nps_prompt import NpsPrompt

    for keys, expected in (("7", 7), ("10", 10)):
        prompt = NpsPrompt(signed_in_window.ctx, None, f"R-{expected}")
        qtbot.addWidget(prompt)
        prompt.show()
        prompt.setFocus()
        qtbot.keyClicks(prompt, keys)
        qtbot.waitUntil(lambda p=prompt: p.saved)
    scores = [r[0] for r in raw(counter, "SELECT score FROM nps_response ORDER BY at, score")]
    assert sorted(scores) == [7, 10]
