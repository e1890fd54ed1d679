"""A walk-in at the door of an open event: a guest, or a new member on the spot."""

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from services import events, members
from services.members import NewMember
from ui.messages import message_for
from ui.widgets import error_label, show_error


class WalkInDialog(QDialog):
    """On success `code` is what signs them in: the guest's ticket or the new member's card."""

    def __init__(self, ctx, event_id: str, parent: QWidget | None = None, invited: bool = False):
        super().__init__(parent)
        self.setObjectName("walkInDialog")
        self.setWindowTitle(self.tr("Add a guest") if invited else self.tr("Walk-in"))
        self._ctx = ctx
        self._event_id = event_id
        self._invited = invited
        self.code: str | None = None
        self.name = QLineEdit(self)
        self.name.setObjectName("walkInName")
        self.name.setMaxLength(60)
        self.mobile = QLineEdit(self)
        self.mobile.setObjectName("walkInMobile")
        self.mobile.setMaxLength(20)
        self.mobile.setPlaceholderText(self.tr("11 digits; optional for a guest"))
        self.as_member = QCheckBox(self.tr("Register as a new member"), self)
        self.as_member.setObjectName("walkInAsMember")
        self.as_member.setVisible(not invited)
        self.month = QSpinBox(self)
        self.month.setObjectName("walkInMonth")
        self.month.setRange(0, 12)
        self.day = QSpinBox(self)
        self.day.setObjectName("walkInDay")
        self.day.setRange(0, 31)
        for spin in (self.month, self.day):
            spin.setSpecialValueText("—")
            spin.setEnabled(False)
        self.as_member.toggled.connect(self.month.setEnabled)
        self.as_member.toggled.connect(self.day.setEnabled)
        self.error = error_label(self, "walkInError")
        birthday = QHBoxLayout()
        birthday.addWidget(self.month)
        birthday.addWidget(self.day)
        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Mobile"), self.mobile)
        if not invited:
            form.addRow("", self.as_member)
            form.addRow(self.tr("Birthday (month, day)"), birthday)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            self.tr("Register") if invited else self.tr("Register and sign in")
        )
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(440)
        self.name.setFocus()

    def _submit(self) -> None:
        event_id = self._event_id
        name, mobile = self.name.text(), self.mobile.text()
        as_member, invited = self.as_member.isChecked(), self._invited
        month, day = self.month.value(), self.day.value()

        def work(writer, actor, now) -> str:
            if as_member:
                new = NewMember(name, mobile, month, day)
                member = members.register_member(writer(), actor, now, new)
                return members.member_code(writer(), actor, now, member.id)
            reg = events.register_guest(writer(), actor, now, event_id, name, mobile, not invited)
            return reg.code

        self.buttons.setEnabled(False)
        self._ctx.write(work, done=self._done, failed=self._failed, factory=True)

    def _done(self, code: str) -> None:
        self.code = code
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        show_error(self.error, message_for(error))
