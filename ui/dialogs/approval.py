"""A manager approves one privileged action with their PIN and a reason."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from services.core import Approval
from services.staff import approve_as_manager, list_staff, needs_approval
from ui.context import CounterContext
from ui.messages import message_for
from ui.widgets import error_label, pin_field, show_error


class ApprovalDialog(QDialog):
    def __init__(
        self, ctx: CounterContext, permission: str, action_text: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("approvalDialog")
        self.setWindowTitle(self.tr("Manager approval"))
        self._ctx = ctx
        self._permission = permission
        self.approval: Approval | None = None

        intro = QLabel(self.tr("A manager must approve: %1").replace("%1", action_text), self)
        intro.setWordWrap(True)
        self.manager = QComboBox(self)
        self.manager.setObjectName("approvalManager")
        self.manager.setAccessibleName(self.tr("Manager"))
        for staff in list_staff(ctx.runtime.reader()):
            if staff.role == "manager":
                self.manager.addItem(staff.name, staff.id)
        self.pin = pin_field(self, "approvalPin")
        self.pin.setAccessibleName(self.tr("Manager PIN"))
        self.reason = QLineEdit(self)
        self.reason.setObjectName("approvalReason")
        self.reason.setAccessibleName(self.tr("Reason"))
        self.reason.setMaxLength(200)
        self.reason.setPlaceholderText(self.tr("Why is this needed? It is kept in the audit log."))
        self.error = error_label(self, "approvalError")

        form = QFormLayout()
        form.addRow(self.tr("Manager"), self.manager)
        form.addRow(self.tr("PIN"), self.pin)
        form.addRow(self.tr("Reason"), self.reason)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Approve"))
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)
        self.pin.setFocus(Qt.FocusReason.OtherFocusReason)

    def _submit(self) -> None:
        manager_id = self.manager.currentData()
        if manager_id is None:
            show_error(self.error, self.tr("This store has no manager account."))
            return
        pin, reason, permission = self.pin.text(), self.reason.text(), self._permission
        self.buttons.setEnabled(False)
        self._ctx.write(
            lambda uow, actor, now: approve_as_manager(
                uow, actor, manager_id, pin, permission, reason, now
            ),
            done=self._on_approved,
            failed=self._on_failed,
        )

    def _on_approved(self, approval: Approval) -> None:
        self.approval = approval
        self.accept()

    def _on_failed(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.pin.clear()
        show_error(self.error, message_for(error))


def obtain_approval(
    ctx: CounterContext, permission: str, action_text: str, parent: QWidget
) -> tuple[bool, Approval | None]:
    """(go ahead, approval): no dialog when the signed-in role may act on its own."""
    if not needs_approval(ctx.actor, permission):
        return True, None
    dialog = ApprovalDialog(ctx, permission, action_text, parent)
    if dialog.exec() == QDialog.DialogCode.Accepted:
        return True, dialog.approval
    return False, None
