"""One scanner for the whole counter: a keyboard-wedge scanner types a code as a burst of
keys far faster than a person, with or without Enter, wherever the focus is.

The router watches every key the main window gets. A burst that is one of our codes
(member card, coupon, ticket) is kept out of the focused text field (what it already typed
there is taken back), its Enter or Tab is swallowed, and the read is handed on once:
identical reads within two seconds count once. Other bursts (a receipt number, a mobile)
stay typing for the focused field; where no text field listens, or in a scan field that
got no Enter, they are a read too. The decisions are in services.core.scanning, without Qt.
"""

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from services.core import BurstReader, RepeatFilter, complete_read

NO_ENTER_MS = 80  # a burst without Enter has ended when no key came for this long
TEXT_INPUTS = (QLineEdit, QTextEdit, QPlainTextEdit, QAbstractSpinBox)
ENDS = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab)
# Keys a scanner sends around its characters (Shift for capitals) that neither type nor
# interrupt a burst.
MODIFIERS = (
    Qt.Key.Key_Shift,
    Qt.Key.Key_Control,
    Qt.Key.Key_Alt,
    Qt.Key.Key_Meta,
    Qt.Key.Key_CapsLock,
    Qt.Key.Key_AltGr,
)
SCAN_FIELD = "scanField"  # a widget property: this field exists to take scans


def mark_scan_field(field: QWidget) -> None:
    """A field whose page reads what is scanned into it even without an Enter."""
    field.setProperty(SCAN_FIELD, True)


def _snapshot(widget: QWidget | None):
    if isinstance(widget, QLineEdit):
        return widget.text(), widget.cursorPosition()
    if isinstance(widget, (QTextEdit, QPlainTextEdit)):
        return widget.toPlainText()
    if isinstance(widget, QAbstractSpinBox) and hasattr(widget, "value"):
        return widget.value()
    return None


def _restore(widget: QWidget | None, state) -> None:
    if widget is None or state is None:
        return
    if isinstance(widget, QLineEdit):
        text, cursor = state
        if widget.text() != text:
            widget.setText(text)
        widget.setCursorPosition(cursor)
    elif isinstance(widget, (QTextEdit, QPlainTextEdit)):
        if widget.toPlainText() != state:
            widget.setPlainText(state)
    elif isinstance(widget, QAbstractSpinBox):
        widget.setValue(state)


class ScanRouter(QObject):
    read = Signal(object)  # services.core.scanning.Read, once per scan

    def __init__(
        self,
        app: QApplication,
        window: QWidget,
        listening: Callable[[], bool] = lambda: True,
        clock: Callable[[], float] = time.monotonic,
        is_receipt: Callable[[str], bool] = lambda _text: False,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._listening = listening
        self._clock = clock
        self._is_receipt = is_receipt  # a till's receipt code is a read in any field
        self.burst = BurstReader()
        self.repeats = RepeatFilter()
        self._field: QWidget | None = None  # where the burst's first key went
        self._state = None  # what that field held before it
        self._holding = False  # the burst is ours: its keys no longer reach the field
        self._silence = QTimer(self)
        self._silence.setSingleShot(True)
        self._silence.setInterval(NO_ENTER_MS)
        self._silence.timeout.connect(lambda: self._finish(by_enter=False))
        app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or event.isAutoRepeat():
            return False
        focus = QApplication.focusWidget()
        if watched is not (focus or QApplication.activeWindow()):
            return False  # the same key event passes several objects; count it once
        if not self._hears(focus):
            self._forget()
            return False
        key = event.key()
        if key in MODIFIERS:
            return False
        now = self._key_time(event)
        if key in ENDS:
            if len(self.burst) and self.burst.continues(now):
                return self._finish(by_enter=True)
            self._forget()
            return False
        text = event.text()
        if not text:
            self._forget()  # an arrow, an F-key: a person at the keyboard
            return False
        if self.burst.key(text, now):
            self._field, self._state, self._holding = focus, _snapshot(focus), False
        self._silence.start()
        if self._holding:
            return True
        if self.burst.is_ours():
            self._holding = True
            _restore(self._field, self._state)  # what it typed so far leaves the field
            return True
        return False

    def _key_time(self, event) -> float:
        """When the key was pressed: the window system's time where it gives one (keys
        waiting while the counter was busy keep their real spacing), else the clock."""
        stamp = event.timestamp()
        return stamp / 1000 if stamp else self._clock()

    def _hears(self, focus: QWidget | None) -> bool:
        if not self._listening() or QApplication.activeModalWidget() is not None:
            return False
        window = focus.window() if focus is not None else QApplication.activeWindow()
        return window is self._window

    def _finish(self, by_enter: bool) -> bool:
        """The burst ended (Enter, or silence): True when it was a read, handed on."""
        self._silence.stop()
        field = self._field
        raw = self.burst.text()
        in_text = isinstance(field, TEXT_INPUTS)
        scan_field = field is not None and field.property(SCAN_FIELD) is True
        read = complete_read(raw, in_text, scan_field, by_enter, self._is_receipt)
        if read is None:
            if self._holding and isinstance(field, QLineEdit):
                field.insert(raw)  # too short for a code after all: give the keys back
            self._forget()
            return False
        _restore(field, self._state)
        self._forget()
        if not self.repeats.is_repeat(read.text, self._clock()):
            self.read.emit(read)
        return True

    def _forget(self) -> None:
        self._silence.stop()
        self.burst.clear()
        self._field, self._state, self._holding = None, None, False
