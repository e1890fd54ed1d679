"""Small widgets the pages share."""

from PySide6.QtCore import QRegularExpression, Qt
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
