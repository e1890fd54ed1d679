"""Confirming a gift redemption: what it costs, what is left, and an override when the books
say the shelf is empty. Enter confirms, Esc goes back."""

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from services.gifts import GiftOffer
from ui.widgets import error_label, show_error


class GiftRedeemDialog(QDialog):
    def __init__(
        self, offer: GiftOffer, gift_name: str, member_name: str, balance: int, parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.setObjectName("giftRedeemDialog")
        self.setWindowTitle(self.tr("Redeem a gift"))
        self.needs_override = offer.problem == "gift.out_of_stock"
        locale = QLocale()
        summary = QLabel(self)
        summary.setObjectName("giftRedeemSummary")
        summary.setWordWrap(True)
        summary.setText(
            self.tr("%1 for %2 points.\n%3: %4 points now, %5 after.")
            .replace("%1", gift_name)
            .replace("%2", locale.toString(offer.points_price))
            .replace("%3", member_name)
            .replace("%4", locale.toString(balance))
            .replace("%5", locale.toString(balance - offer.points_price))
        )
        self.warning = QLabel(self)
        self.warning.setObjectName("giftOverrideWarning")
        self.warning.setProperty("role", "error")
        self.warning.setWordWrap(True)
        self.warning.setText(
            self.tr(
                "The books show none in stock. If the gift is in your hand, a manager may let "
                "it go: give the reason. The count will set the stock right."
            )
        )
        self.reason = QLineEdit(self)
        self.reason.setObjectName("giftOverrideReason")
        self.reason.setMaxLength(200)
        self.reason.setPlaceholderText(self.tr("Reason, e.g. one more was on the display shelf"))
        self.reason.setAccessibleName(self.tr("Reason for the override"))
        self.error = error_label(self, "giftRedeemError")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(
            self.tr("Override and redeem  (Enter)")
            if self.needs_override
            else self.tr("Redeem  (Enter)")
        )
        ok.setDefault(True)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(self.warning)
        layout.addWidget(self.reason)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.warning.setVisible(self.needs_override)
        self.reason.setVisible(self.needs_override)
        self.setMinimumWidth(460)
        if self.needs_override:
            self.reason.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            ok.setFocus(Qt.FocusReason.OtherFocusReason)

    def override_reason(self) -> str | None:
        return self.reason.text() if self.needs_override else None

    def _accept(self) -> None:
        if self.needs_override and len(self.reason.text().strip()) < 2:
            show_error(self.error, self.tr("Give a reason; it is kept in the audit log."))
            return
        self.accept()
