"""Register a member at the counter, or edit what they told us."""

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

from services import members
from services.members import MemberSummary, NewMember
from ui.context import CounterContext
from ui.messages import message_for
from ui.widgets import error_label, show_error


class MemberForm(QDialog):
    def __init__(
        self,
        ctx: CounterContext,
        parent: QWidget | None = None,
        member_id: str | None = None,
        initial: NewMember | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("memberForm")
        self.setWindowTitle(self.tr("Edit member") if member_id else self.tr("New member"))
        self._ctx = ctx
        self._member_id = member_id
        self.saved: MemberSummary | None = None

        self.name = self._line("memberName", self.tr("Name"), 60)
        self.mobile = self._line("memberMobile", self.tr("Mobile number"), 20)
        self.mobile.setPlaceholderText(self.tr("11 digits, e.g. 13800138000"))
        self.month = self._spin("birthMonth", self.tr("Birth month"), 0, 12)
        self.day = self._spin("birthDay", self.tr("Birth day"), 0, 31)
        for spin in (self.month, self.day):  # no default birthday: a wrong one is worse
            spin.setSpecialValueText("—")
        self.year = self._spin("birthYear", self.tr("Birth year (optional)"), 0, 2100)
        self.year.setSpecialValueText(self.tr("not given"))
        self.consent = QCheckBox(self.tr("Agrees to receive offers"), self)
        self.consent.setObjectName("memberConsent")
        self.note = self._line("memberNote", self.tr("Note"), 200)
        self.error = error_label(self, "memberFormError")
        birthday = QHBoxLayout()
        for widget in (self.month, self.day, self.year):
            birthday.addWidget(widget)
        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Mobile"), self.mobile)
        form.addRow(self.tr("Birthday (month, day, year)"), birthday)
        form.addRow("", self.consent)
        form.addRow(self.tr("Note"), self.note)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(480)
        if initial is not None:
            self._fill(initial)

    def _line(self, name: str, accessible: str, length: int) -> QLineEdit:
        field = QLineEdit(self)
        field.setObjectName(name)
        field.setAccessibleName(accessible)
        field.setMaxLength(length)
        return field

    def _spin(self, name: str, accessible: str, low: int, high: int) -> QSpinBox:
        spin = QSpinBox(self)
        spin.setObjectName(name)
        spin.setAccessibleName(accessible)
        spin.setRange(low, high)
        return spin

    def _fill(self, member: NewMember) -> None:
        self.name.setText(member.name)
        self.mobile.setText(member.mobile)
        self.month.setValue(member.birth_month)
        self.day.setValue(member.birth_day)
        self.year.setValue(member.birth_year or 0)
        self.consent.setChecked(member.consent_marketing)
        self.note.setText(member.note or "")

    def entered(self) -> NewMember:
        return NewMember(
            name=self.name.text(),
            mobile=self.mobile.text(),
            birth_month=self.month.value(),
            birth_day=self.day.value(),
            birth_year=self.year.value() or None,
            consent_marketing=self.consent.isChecked(),
            note=self.note.text() or None,
        )

    def _submit(self) -> None:
        new, member_id = self.entered(), self._member_id
        self.buttons.setEnabled(False)
        if member_id is None:
            self._ctx.write(
                members.register_member, new, done=self._on_saved, failed=self._on_failed
            )
        else:
            self._ctx.write(
                members.update_member, member_id, new, done=self._on_saved, failed=self._on_failed
            )

    def _on_saved(self, summary: MemberSummary) -> None:
        self.saved = summary
        self._ctx.data_changed.emit()
        self.accept()

    def _on_failed(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        show_error(self.error, message_for(error))
