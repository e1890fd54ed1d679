"""The Refund, Adjust and History tabs of Points."""

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHeaderView,
    QLabel,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from services import points
from services.core import ValidationError
from services.points import LedgerLine, RefundResult
from services.protocol import codes
from services.rules.permissions import Permission
from services.rules.points import parse_yuan
from ui.dialogs.approval import obtain_approval
from ui.labels import tier_label
from ui.messages import message_for
from ui.pages.points_earn import line_edit, yuan
from ui.store_time import store_time_text
from ui.widgets import error_label, push_button, show_error
from ui.workers import run_in_background


class RefundTab(QWidget):
    recorded = Signal()

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.refund_receipt = line_edit(self, "refundReceiptInput", 64)
        self.refund_amount = line_edit(self, "refundAmountInput", 12)
        self.refund_receipt.returnPressed.connect(self.refund_amount.setFocus)
        self.refund_amount.returnPressed.connect(self.confirm)
        self.refund_error = error_label(self, "refundError")
        self.refund_result = QLabel(self)
        self.refund_result.setObjectName("refundResult")
        self.refund_result.setWordWrap(True)
        self.refund_result.hide()
        self.refund_button = push_button(self, "refundButton", self.confirm)
        self.labels = [QLabel(self), QLabel(self)]
        form = QFormLayout()
        form.addRow(self.labels[0], self.refund_receipt)
        form.addRow(self.labels[1], self.refund_amount)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.refund_error)
        layout.addWidget(self.refund_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.refund_result)
        layout.addStretch(1)

    def retranslate(self) -> None:
        self.labels[0].setText(self.tr("Receipt number"))
        self.labels[1].setText(self.tr("Refund amount (yuan)"))
        self.refund_button.setText(self.tr("Record refund"))

    def forget_user(self) -> None:
        self.refund_receipt.clear()
        self.refund_amount.clear()
        show_error(self.refund_error, "")
        self.refund_result.clear()
        self.refund_result.hide()

    def confirm(self) -> None:
        amount = parse_yuan(self.refund_amount.text())
        if amount is None:
            show_error(self.refund_error, message_for(ValidationError(codes.REFUND_BAD_AMOUNT)))
            return
        receipt = self.refund_receipt.text()
        self.ctx.write(
            points.refund,
            receipt,
            amount,
            done=self._refunded,
            failed=lambda error: show_error(self.refund_error, message_for(error)),
            owner=self,
        )

    def _refunded(self, result: RefundResult) -> None:
        show_error(self.refund_error, "")
        text = self.tr("Refund of %1 yuan recorded: %2 points taken back, %3 returned. Balance %4.")
        text = (
            text.replace("%1", yuan(result.refund_fen))
            .replace("%2", str(result.points_reversed))
            .replace("%3", str(result.points_returned))
            .replace("%4", str(result.balance))
        )
        if result.below_zero:
            text += "\n" + self.tr("⚠ The balance is below zero; a manager has been flagged.")
        if result.new_tier:  # the refunded purchase had brought the upgrade
            text += "\n" + self.tr("Tier now %1.").replace("%1", tier_label(result.new_tier))
        self.refund_result.setText(text)
        self.refund_result.show()
        self.refund_receipt.clear()
        self.refund_amount.clear()
        self.recorded.emit()


class AdjustTab(QWidget):
    recorded = Signal()

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.adjust_delta = QSpinBox(self)
        self.adjust_delta.setObjectName("adjustDelta")
        self.adjust_delta.setRange(-1_000_000, 1_000_000)
        self.adjust_reason = line_edit(self, "adjustReason", 200)
        self.adjust_reason.returnPressed.connect(self.confirm)
        self.adjust_error = error_label(self, "adjustError")
        self.adjust_button = push_button(self, "adjustButton", self.confirm)
        self.labels = [QLabel(self), QLabel(self)]
        form = QFormLayout()
        form.addRow(self.labels[0], self.adjust_delta)
        form.addRow(self.labels[1], self.adjust_reason)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.adjust_error)
        layout.addWidget(self.adjust_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)

    def retranslate(self) -> None:
        self.labels[0].setText(self.tr("Points (+ or −)"))
        self.labels[1].setText(self.tr("Reason"))
        self.adjust_button.setText(self.tr("Adjust…"))

    def forget_user(self) -> None:
        self.adjust_reason.clear()
        self.adjust_delta.setValue(0)
        show_error(self.adjust_error, "")

    def member_changed(self, card) -> None:
        for widget in (self.adjust_delta, self.adjust_reason, self.adjust_button):
            widget.setEnabled(card is not None)

    def confirm(self) -> None:
        card = self.ctx.member
        if card is None:
            return
        delta, reason = self.adjust_delta.value(), self.adjust_reason.text()
        go, approval = obtain_approval(
            self.ctx, Permission.POINTS_ADJUST, self.tr("adjust points"), self
        )
        if not go:
            return
        self.ctx.write(
            points.adjust,
            card.id,
            delta,
            reason,
            approval,
            done=lambda _balance: self._adjusted(),
            failed=lambda error: show_error(self.adjust_error, message_for(error)),
            owner=self,
        )

    def _adjusted(self) -> None:
        show_error(self.adjust_error, "")
        self.adjust_delta.setValue(0)
        self.adjust_reason.clear()
        self.recorded.emit()


class HistoryTab(QWidget):
    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.history = QTableWidget(0, 5, self)
        self.history.setObjectName("pointsHistory")
        self.history.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history.verticalHeader().hide()
        self.history.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        layout = QVBoxLayout(self)
        layout.addWidget(self.history)

    def retranslate(self) -> None:
        self.history.setHorizontalHeaderLabels(
            [
                self.tr("When"),
                self.tr("What"),
                self.tr("Points"),
                self.tr("Why"),
                self.tr("Who and where"),
            ]
        )

    def _kind_text(self, kind: str) -> str:
        return {
            "earn": self.tr("Earned"),
            "redeem": self.tr("Redeemed"),
            "expire": self.tr("Expired"),
            "adjust": self.tr("Adjusted"),
            "reversal": self.tr("Refund"),
            "visit_bonus": self.tr("Visit bonus"),
            "event_bonus": self.tr("Event bonus"),
        }.get(kind, kind)

    def _reason_text(self, reason: str) -> str:
        """The ledger keeps fixed reasons in English; managers' own reasons pass as written."""
        return {
            "purchase": self.tr("purchase"),
            "points as cash": self.tr("points as cash"),
            "refund": self.tr("refund"),
            "refund: points used as cash returned": self.tr("refund: points used as cash returned"),
            "points expired": self.tr("points expired"),
            "daily visit bonus": self.tr("daily visit bonus"),
            "gift": self.tr("gift"),
            "points for a coupon": self.tr("points for a coupon"),
            "coupon revoked: points returned": self.tr("coupon revoked: points returned"),
        }.get(reason, reason)

    def load(self) -> None:
        card = self.ctx.member
        if card is None:
            self.history.setRowCount(0)
            return
        reader = self.ctx.runtime.reader
        run_in_background(lambda: points.history(reader(), card.id), self._show, owner=self)

    def _show(self, lines: list[LedgerLine]) -> None:
        self.history.setRowCount(len(lines))
        for row, line in enumerate(lines):
            when = store_time_text(line.at, self.ctx.identity.timezone)
            why = self._reason_text(line.reason) + (
                f" · {line.reference}" if line.reference else ""
            )
            where = " · ".join(x for x in (line.staff_name, line.store_name) if x)
            cells = (when, self._kind_text(line.kind), f"{line.delta:+,}", why, where)
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col == 2:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.history.setItem(row, col, item)
