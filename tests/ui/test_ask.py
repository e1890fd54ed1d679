"""The one way to ask: typed text or None on cancel, No unless Yes is chosen, and which
action was pressed (None for Close)."""

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox

from ui.ask import Ask


def answer_with(act) -> None:
    """Runs `act` on the modal dialog once it is open."""

    def attempt() -> None:
        box = QApplication.activeModalWidget()
        if box is None:
            QTimer.singleShot(20, attempt)
            return
        act(box)

    QTimer.singleShot(0, attempt)


def test_text_is_what_was_typed_and_none_when_cancelled(qtbot):
    def type_and_accept(box: QInputDialog) -> None:
        box.setTextValue("damaged at delivery")
        box.accept()

    answer_with(type_and_accept)
    assert Ask(None, "Reason").text("Why?") == "damaged at delivery"
    answer_with(lambda box: box.reject())
    assert Ask(None, "Reason").text("Why?", typed="kept?") is None


def test_yes_needs_yes_and_enter_says_no(qtbot):
    answer_with(lambda box: QTest.keyClick(box, Qt.Key.Key_Return))
    assert Ask(None, "Restore").yes("Lose 3 operations?", warning=True) is False

    def press_yes(box: QMessageBox) -> None:
        box.button(QMessageBox.StandardButton.Yes).click()

    answer_with(press_yes)
    assert Ask(None, "Restore").yes("Lose 3 operations?") is True


def test_choice_tells_which_action_and_none_for_close(qtbot):
    seen = {}

    def press(text: str):
        def act(box: QMessageBox) -> None:
            seen["name"] = box.objectName()
            next(b for b in box.buttons() if b.text() == text).click()

        return act

    answer_with(press("PDF…"))
    assert Ask(None, "Printer").choice("No paper", ("Print again", "PDF…"), "faultBox") == 1
    assert seen["name"] == "faultBox"
    answer_with(lambda box: box.button(QMessageBox.StandardButton.Close).click())
    assert Ask(None, "Printer").choice("No paper", ("Print again", "PDF…")) is None
