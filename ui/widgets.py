"""Small widgets the pages share."""

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QRegularExpression, Qt, QTimer
from PySide6.QtGui import QKeySequence, QRegularExpressionValidator, QShortcut
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QWidget


def pin_field(parent: QWidget, object_name: str) -> QLineEdit:
    field = QLineEdit(parent)
    field.setObjectName(object_name)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setMaxLength(6)
    field.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d{0,6}"), field))
    field.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
    return field


def error_label(parent: QWidget, object_name: str) -> QLabel:
    label = QLabel(parent)
    label.setObjectName(object_name)
    label.setProperty("role", "error")
    label.setWordWrap(True)
    label.hide()
    return label


def show_error(label: QLabel, text: str) -> None:
    label.setText(text)
    label.setVisible(bool(text))


def push_button(parent: QWidget, object_name: str, slot) -> QPushButton:
    button = QPushButton(parent)
    button.setObjectName(object_name)
    button.clicked.connect(slot)
    return button


def beside_scan_button(
    parent: QWidget, object_name: str, shortcut: str | None, slot
) -> QPushButton:
    """A button on a page with a scan field: it never takes the keyboard (the next scan must
    reach the field), so its shortcut works from anywhere on the page."""
    button = QPushButton(parent)
    button.setObjectName(object_name)
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    button.clicked.connect(slot)
    if shortcut:
        QShortcut(QKeySequence(shortcut), parent, slot)
    return button


PAINT_LATEST_MS = 100  # a widget not painted (hidden, minimised) lets the work start anyway


class _AfterPaint(QObject):
    def __init__(self, widget: QWidget, then: Callable[[], None]) -> None:
        super().__init__(widget)  # dies with the widget: work for a closed page is dropped
        self._widget = widget
        self._then = then
        self._done = False
        widget.installEventFilter(self)
        widget.update()  # painted even when none of its texts changed
        QTimer.singleShot(PAINT_LATEST_MS, self, self._run)

    def eventFilter(self, watched, event) -> bool:
        if watched is self._widget and event.type() == QEvent.Type.Paint:
            self._widget.removeEventFilter(self)
            QTimer.singleShot(0, self, self._run)  # after the rest of this frame's painting
        return False

    def _run(self) -> None:
        if self._done:
            return
        self._done = True
        self._widget.removeEventFilter(self)
        self.deleteLater()
        self._then()


def after_paint(widget: QWidget, then: Callable[[], None]) -> None:
    """Runs `then` on the GUI thread once `widget` has been painted (at most PAINT_LATEST_MS
    from now). Qt paints a changed widget on the platform's next update, a few
    milliseconds later, after any zero timer: a worker started from one took Python's lock
    from the paint, so what someone waits to see showed late."""
    _AfterPaint(widget, then)
