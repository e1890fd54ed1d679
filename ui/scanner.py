"""Recognise a keyboard-wedge scanner anywhere: a burst of keys far faster than a person.

When a text field has focus it receives the scan itself (the check-in field, a search
box); otherwise the burst would be lost, so it is collected here and handed on.
"""

import time

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QLineEdit, QPlainTextEdit, QTextEdit

MAX_GAP_S = 0.05  # people type at 100-200 ms a key; scanners at 1-20 ms
MIN_LENGTH = 4

TEXT_INPUTS = (QLineEdit, QTextEdit, QPlainTextEdit, QAbstractSpinBox)


class ScanDetector(QObject):
    scanned = Signal(str)

    def __init__(self, app: QApplication, clock=time.monotonic) -> None:
        super().__init__(app)
        self._clock = clock
        self._buffer: list[str] = []
        self._last = 0.0
        app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or event.isAutoRepeat():
            return False
        if isinstance(QApplication.focusWidget(), TEXT_INPUTS):
            self._buffer.clear()
            return False
        target = QApplication.focusWidget() or QApplication.activeWindow()
        if watched is not target:
            return False  # the same key event passes several objects; count it once
        now = self._clock()
        if now - self._last > MAX_GAP_S:
            self._buffer.clear()
        self._last = now
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            text = "".join(self._buffer)
            self._buffer.clear()
            if len(text) >= MIN_LENGTH:
                self.scanned.emit(text)
                return True
            return False
        if event.text() and event.text().isprintable():
            self._buffer.append(event.text())
        return False
