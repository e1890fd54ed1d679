"""One stock move by hand: a delivery received, damage, loss or a find, or a transfer."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from services import gifts
from services.rules.gifts import MAX_MOVE_QUANTITY
from services.rules.permissions import Permission
from ui.context import CounterContext
from ui.dialogs.approval import obtain_approval
from ui.messages import message_for
from ui.widgets import error_label, show_error

KINDS = ("receive", "adjust", "transfer")


class StockMoveDialog(QDialog):
    def __init__(
        self, ctx: CounterContext, kind: str, gift_id: str, gift_name: str, parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.setObjectName("stockMoveDialog")
        self._ctx, self._kind, self._gift_id = ctx, kind, gift_id
        self.result_ = None
        titles = {
            "receive": self.tr("Receive a delivery"),
            "adjust": self.tr("Damaged, lost or found"),
            "transfer": self.tr("Transfer between stores"),
        }
        self.setWindowTitle(titles[kind])
        heading = QLabel(gift_name, self)
        heading.setObjectName("cardTitle")
        self.choice = QComboBox(self)
        self.choice.setObjectName("stockMoveChoice")
        if kind == "adjust":
            self.choice.addItem(self.tr("Damaged (−)"), "damaged")
            self.choice.addItem(self.tr("Lost (−)"), "lost")
            self.choice.addItem(self.tr("Found (+)"), "found")
        elif kind == "transfer":
            self.choice.addItem(self.tr("Sent to another store (−)"), "out")
            self.choice.addItem(self.tr("Received from another store (+)"), "in")
        self.quantity = QSpinBox(self)
        self.quantity.setObjectName("stockMoveQuantity")
        self.quantity.setRange(1, MAX_MOVE_QUANTITY)
        self.text = QLineEdit(self)
        self.text.setObjectName("stockMoveText")
        self.text.setMaxLength(200 if kind == "adjust" else 64)
        self.error = error_label(self, "stockMoveError")
        form = QFormLayout()
        if kind != "receive":
            form.addRow(self.tr("What happened"), self.choice)
        form.addRow(self.tr("Pieces"), self.quantity)
        text_label = {
            "receive": self.tr("Delivery note no."),
            "adjust": self.tr("Reason"),
            "transfer": self.tr("Other store's code"),
        }[kind]
        form.addRow(text_label, self.text)
        self.text.setAccessibleName(text_label)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Record"))
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        self.text.returnPressed.connect(self._submit)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.choice.setVisible(kind != "receive")  # a delivery has nothing to choose
        self.setMinimumWidth(420)
        self.quantity.setFocus(Qt.FocusReason.OtherFocusReason)
        self.quantity.selectAll()

    def _permission(self) -> Permission:
        if self._kind == "adjust" or (
            self._kind == "transfer" and self.choice.currentData() == "out"
        ):
            return Permission.STOCK_MANAGE
        return Permission.STOCK_RECEIVE

    def _submit(self) -> None:
        go, approval = obtain_approval(self._ctx, self._permission(), self.windowTitle(), self)
        if not go:
            return
        gift_id = self._gift_id
        qty, text, choice = self.quantity.value(), self.text.text(), self.choice.currentData()
        kind = self._kind

        def move(uow, actor, now):
            if kind == "receive":
                return gifts.receive_stock(uow, actor, now, gift_id, qty, text)
            if kind == "adjust":
                return gifts.adjust_stock(uow, actor, now, gift_id, choice, qty, text, approval)
            if choice == "out":
                return gifts.transfer_out(uow, actor, now, gift_id, qty, text, approval)
            return gifts.transfer_in(uow, actor, now, gift_id, qty, text)

        self.buttons.setEnabled(False)
        self._ctx.write(move, done=self._done, failed=self._failed)

    def _done(self, result) -> None:
        self.result_ = result
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        show_error(self.error, message_for(error))
