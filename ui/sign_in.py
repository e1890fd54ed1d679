"""The sign-in panel: pick who you are, type your PIN. Also the lock screen."""

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from services.staff import list_staff, sign_in
from ui.context import CounterContext
from ui.labels import role_label
from ui.messages import message_for
from ui.widgets import error_label, pin_field, show_error
from ui.workers import run_in_background


class SignInPanel(QWidget):
    signed_in = Signal(object)  # Actor

    def __init__(self, ctx: CounterContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signInPanel")
        self._ctx = ctx
        self._locked_for: str | None = None
        self._build()
        self.retranslate()

    def _build(self) -> None:
        card = QFrame(self)
        card.setObjectName("signInCard")
        self.store_label = QLabel(card)
        self.store_label.setObjectName("signInStore")
        self.title = QLabel(card)
        self.title.setObjectName("signInTitle")
        self.title.setWordWrap(True)
        self.hint = QLabel(card)
        self.hint.setObjectName("signInHint")
        self.hint.setWordWrap(True)
        self.staff_list = QListWidget(card)
        self.staff_list.setObjectName("staffList")
        self.staff_list.itemClicked.connect(lambda _item: self.pin_input.setFocus())
        self.staff_list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.staff_list.currentItemChanged.connect(lambda *_: show_error(self.error, ""))
        self.pin_label = QLabel(card)
        self.pin_input = pin_field(card, "pinInput")
        self.pin_label.setBuddy(self.pin_input)
        self.pin_input.returnPressed.connect(self.submit)
        self.pin_input.installEventFilter(self)
        self.error = error_label(card, "signInError")
        self.button = QPushButton(card)
        self.button.setObjectName("signInButton")
        self.button.setProperty("role", "primary")
        self.button.clicked.connect(self.submit)

        inner = QVBoxLayout(card)
        inner.setContentsMargins(32, 28, 32, 28)
        inner.setSpacing(12)
        for widget in (self.store_label, self.title, self.hint, self.staff_list, self.pin_label):
            inner.addWidget(widget)
        inner.addWidget(self.pin_input)
        inner.addWidget(self.error)
        inner.addWidget(self.button)
        card.setMaximumWidth(460)

        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card, 2)
        row.addStretch(1)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(row, 6)
        outer.addStretch(1)

    def retranslate(self) -> None:
        self.store_label.setText(self._ctx.identity.store_name)
        locked = self._locked_for is not None
        self.title.setText(
            self.tr("Screen locked. Type your PIN, or choose another person.")
            if locked
            else self.tr("Who is at the counter?")
        )
        self.hint.setText(self.tr("Choose your name with ↑ ↓, then type your PIN and press Enter."))
        self.pin_label.setText(self.tr("&PIN"))
        self.pin_input.setPlaceholderText(self.tr("4 to 6 digits"))
        self.pin_input.setAccessibleName(self.tr("PIN"))
        self.staff_list.setAccessibleName(self.tr("Staff"))
        self.button.setText(self.tr("Sign in"))
        for i in range(self.staff_list.count()):
            item = self.staff_list.item(i)
            name, role = item.data(Qt.ItemDataRole.UserRole + 1)
            item.setText(f"{name}  ·  {role_label(role)}")

    def eventFilter(self, watched, event) -> bool:
        # The PIN field keeps focus; arrow keys choose the person, so no mouse is needed.
        if watched is self.pin_input and event.type() == event.Type.KeyPress:
            step = {Qt.Key.Key_Up: -1, Qt.Key.Key_Down: 1}.get(event.key())
            if step is not None and self.staff_list.count():
                row = (self.staff_list.currentRow() + step) % self.staff_list.count()
                self.staff_list.setCurrentRow(row)
                return True
        return super().eventFilter(watched, event)

    def changeEvent(self, event) -> None:
        if event.type() == event.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def prepare(self, locked_for: str | None = None) -> None:
        """Fill the staff list; with `locked_for`, the person who locked is preselected."""
        self._locked_for = locked_for
        self.pin_input.clear()
        show_error(self.error, "")
        self.staff_list.clear()
        for staff in list_staff(self._ctx.runtime.reader()):
            item = QListWidgetItem(self.staff_list)
            item.setData(Qt.ItemDataRole.UserRole, staff.id)
            item.setData(Qt.ItemDataRole.UserRole + 1, (staff.name, staff.role))
            if staff.id == locked_for:
                self.staff_list.setCurrentItem(item)
        if self.staff_list.currentItem() is None and self.staff_list.count():
            self.staff_list.setCurrentRow(0)
        self.retranslate()
        self.pin_input.setFocus()

    def submit(self) -> None:
        item = self.staff_list.currentItem()
        if item is None:
            show_error(self.error, self.tr("Choose who you are first."))
            return
        staff_id, pin = item.data(Qt.ItemDataRole.UserRole), self.pin_input.text()
        if not pin:
            show_error(self.error, self.tr("Type your PIN."))
            self.pin_input.setFocus()
            return
        self._set_busy(True)
        runtime = self._ctx.runtime
        run_in_background(
            lambda: sign_in(runtime.writer(), staff_id, pin, runtime.now()),
            self._on_signed_in,
            self._on_failed,
        )

    def _on_signed_in(self, actor) -> None:
        self._set_busy(False)
        self.pin_input.clear()
        self.signed_in.emit(actor)

    def _on_failed(self, error: BaseException) -> None:
        self._set_busy(False)
        self.pin_input.clear()
        self.pin_input.setFocus()
        show_error(self.error, message_for(error))

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.staff_list, self.pin_input, self.button):
            widget.setEnabled(not busy)
