"""Forms for a new staff account and for a new PIN."""

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from services.core import ValidationError
from services.protocol import codes
from services.rules.pins import pin_problem
from ui.labels import role_label
from ui.messages import message_for
from ui.widgets import error_label, pin_field, show_error


class PinForm(QDialog):
    """Asks for a PIN twice and checks it before anything is sent to a service."""

    def __init__(self, title: str, parent: QWidget | None = None, with_staff: bool = False):
        super().__init__(parent)
        self.setObjectName("staffForm" if with_staff else "pinForm")
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.name: QLineEdit | None = None
        self.role: QComboBox | None = None
        if with_staff:
            self.name = QLineEdit(self)
            self.name.setObjectName("staffName")
            self.name.setAccessibleName(self.tr("Name"))
            self.name.setMaxLength(60)
            self.role = QComboBox(self)
            self.role.setObjectName("staffRole")
            self.role.setAccessibleName(self.tr("Role"))
            for role in ("cashier", "event_staff", "manager"):
                self.role.addItem(role_label(role), role)
            self.form.addRow(self.tr("Name"), self.name)
            self.form.addRow(self.tr("Role"), self.role)
        self.pin = pin_field(self, "newPin")
        self.pin.setAccessibleName(self.tr("New PIN"))
        self.pin_again = pin_field(self, "newPinAgain")
        self.pin_again.setAccessibleName(self.tr("New PIN again"))
        self.form.addRow(self.tr("New PIN"), self.pin)
        self.form.addRow(self.tr("PIN again"), self.pin_again)
        self.error = error_label(self, "staffFormError")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(380)

    def _check(self) -> None:
        try:
            if self.name is not None and not self.name.text().strip():
                raise ValidationError(codes.NAME_EMPTY)
            if problem := pin_problem(self.pin.text()):
                raise ValidationError(problem)
            if self.pin.text() != self.pin_again.text():
                raise ValidationError(codes.PIN_MISMATCH)
        except ValidationError as error:
            show_error(self.error, message_for(error))
            return
        self.accept()
