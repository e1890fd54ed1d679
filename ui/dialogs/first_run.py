"""The first start in an empty data folder: name the store and create its first manager."""

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from services.core import DEFAULT_TIMEZONE, NewCounter, Runtime, ValidationError, set_up_counter
from services.protocol import codes
from services.rules.pins import MAX_LENGTH, MIN_LENGTH
from ui.messages import message_for
from ui.widgets import error_label, pin_field, show_error

TIMEZONES = (
    "Asia/Shanghai",
    "Asia/Hong_Kong",
    "Asia/Taipei",
    "Asia/Macau",
    "Asia/Singapore",
    "Asia/Tokyo",
    "Europe/London",
    "America/New_York",
)


class FirstRunDialog(QDialog):
    def __init__(self, runtime: Runtime, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("firstRunDialog")
        self.setWindowTitle(self.tr("Set up this counter"))
        self._runtime = runtime
        self.identity = None

        heading = QLabel(self.tr("Set up this counter"), self)
        heading.setObjectName("firstRunHeading")
        intro = QLabel(
            self.tr(
                "Welcome. Name the store this counter serves and create the first manager "
                "account. The manager can add cashiers and event staff later."
            ),
            self,
        )
        intro.setObjectName("firstRunIntro")
        intro.setWordWrap(True)
        self.store_name = self._line("storeName", self.tr("e.g. 静安寺旗舰店"))
        self.store_code = self._line("storeCode", self.tr("e.g. SH-001, given by head office"))
        self.counter_label = self._line("counterLabel", self.tr("e.g. 1"))
        self.counter_label.setText("1")
        self.timezone = QComboBox(self)
        self.timezone.setObjectName("timezone")
        self.timezone.addItems(TIMEZONES)
        self.timezone.setCurrentText(DEFAULT_TIMEZONE)
        self.manager_name = self._line("managerName", self.tr("Your name"))
        self.pin = pin_field(self, "managerPin")
        self.pin_again = pin_field(self, "managerPinAgain")
        # The rule is said before it can be broken, not only in the error after.
        self.pin_rule = QLabel(
            self.tr("%1 to %2 digits, not all the same and not in a row (not 1111, 1234 or 4321).")
            .replace("%1", str(MIN_LENGTH))
            .replace("%2", str(MAX_LENGTH)),
            self,
        )
        self.pin_rule.setObjectName("pinRule")
        self.pin_rule.setWordWrap(True)
        self.error = error_label(self, "firstRunError")

        store = QGroupBox(self.tr("Store"), self)
        store_form = QFormLayout(store)
        store_form.addRow(self.tr("Store name"), self.store_name)
        store_form.addRow(self.tr("Store code"), self.store_code)
        store_form.addRow(self.tr("Counter number"), self.counter_label)
        store_form.addRow(self.tr("Time zone"), self.timezone)
        manager = QGroupBox(self.tr("First manager"), self)
        manager_form = QFormLayout(manager)
        manager_form.addRow(self.tr("Manager's name"), self.manager_name)
        manager_form.addRow(self.tr("Manager's PIN"), self.pin)
        manager_form.addRow("", self.pin_rule)
        manager_form.addRow(self.tr("PIN again"), self.pin_again)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Set up"))
        ok.setProperty("role", "primary")
        ok.style().unpolish(ok)  # the box polished it before it had the role
        ok.style().polish(ok)
        buttons.accepted.connect(self._submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 20)
        layout.setSpacing(12)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addWidget(store)
        layout.addWidget(manager)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(560)

    def _line(self, name: str, placeholder: str) -> QLineEdit:
        field = QLineEdit(self)
        field.setObjectName(name)
        field.setAccessibleName(name)
        field.setPlaceholderText(placeholder)
        field.setMaxLength(60)
        return field

    def _submit(self) -> None:
        try:
            if self.pin.text() != self.pin_again.text():
                raise ValidationError(codes.PIN_MISMATCH)
            new = NewCounter(
                store_name=self.store_name.text(),
                store_code=self.store_code.text(),
                counter_label=self.counter_label.text(),
                manager_name=self.manager_name.text(),
                manager_pin=self.pin.text(),
                timezone=self.timezone.currentText(),
            )
            self.identity, _manager = set_up_counter(
                self._runtime.writer(), new, self._runtime.now()
            )
        except ValidationError as error:
            show_error(self.error, message_for(error))
            return
        self.accept()
