"""The Qt binding itself: PySide6 6.12.0 lost a reference to None each time a Qt function
returned no object, so the app-wide scanner and idle watcher (which ask for the focused
widget on every key) aborted the counter after some thousands of keys."""

import sys

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from ui.scanner import ScanRouter


def test_asking_for_a_missing_focus_widget_keeps_none_alive(qapp):
    before = sys.getrefcount(None)
    for _ in range(50_000):
        QApplication.focusWidget()
        QApplication.activeWindow()
    assert abs(sys.getrefcount(None) - before) < 100


def test_a_shift_of_keys_through_the_scanner_does_not_abort(qapp):
    widget = QWidget()
    detector = ScanRouter(qapp, widget)
    try:
        key = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier, "a")
        for _ in range(30_000):  # a long day's keys
            QCoreApplication.sendEvent(widget, key)
    finally:
        qapp.removeEventFilter(detector)
