"""Driving the GUI as a person does: keys into the focused field."""

from PySide6.QtCore import Qt

from ui.main_window import MainWindow


def sign_in_as(qtbot, window: MainWindow, name: str, pin: str) -> None:
    """As a person would: arrow keys to their name, then the PIN and Enter."""
    panel = window.sign_in
    for _ in range(panel.staff_list.count()):
        if panel.staff_list.currentItem().text().startswith(name):
            break
        qtbot.keyClick(panel.pin_input, Qt.Key.Key_Down)
    qtbot.keyClicks(panel.pin_input, pin)
    qtbot.keyClick(panel.pin_input, Qt.Key.Key_Return)


def scanner_put_down(window: MainWindow, seconds: float = 3.0) -> None:
    """As if the scanner had been put down for a while: the same code read again counts."""
    window.scanner.repeats._last_at -= seconds
