"""The Coupons page's box for the member at the counter: their balance, points exchanged for
coupons, and the birthday coupon when one is due. Its texts keep the page's translation
context."""

from PySide6.QtCore import QCoreApplication, QLocale, Signal
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QSpinBox, QVBoxLayout, QWidget

from services import coupons
from services.points import coupon_exchange_step
from ui.labels import coupon_title
from ui.widgets import push_button
from ui.workers import run_in_background


class MemberCouponsBox(QGroupBox):
    issued = Signal(list)  # the coupons just given (exchanged or for the birthday)
    failed = Signal(object)  # the error of a refused exchange or birthday coupon

    def __init__(self, ctx, parent: QWidget) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("couponMemberBox")
        self.member_line = QLabel(self)
        self.exchange_points = QSpinBox(self)
        self.exchange_points.setObjectName("couponExchangePoints")
        self.exchange_points.setSingleStep(100)
        self.exchange_button = push_button(self, "couponExchange", self._exchange)
        self.birthday_button = push_button(self, "couponBirthday", self._birthday)
        self.birthday_button.setProperty("role", "primary")
        self.birthday_button.hide()
        row = QHBoxLayout()
        row.addWidget(self.exchange_points)
        row.addWidget(self.exchange_button)
        row.addWidget(self.birthday_button)
        row.addStretch(1)
        column = QVBoxLayout(self)
        column.addWidget(self.member_line)
        column.addLayout(row)

    def retranslate(self) -> None:
        self.setTitle(QCoreApplication.translate("CouponsPage", "Member at the counter"))
        self.exchange_points.setSuffix(QCoreApplication.translate("CouponsPage", " points"))
        self.exchange_button.setText(
            QCoreApplication.translate("CouponsPage", "Exchange for coupons")
        )
        self.member_changed()

    def member_changed(self) -> None:
        """Shows the member now at the counter and looks up what they may have."""
        card = self.ctx.member
        for widget in (self.exchange_points, self.exchange_button):
            widget.setEnabled(card is not None)
        self.birthday_button.hide()
        if card is None:
            self.member_line.setText(
                QCoreApplication.translate("CouponsPage", "Scan a member on Check-in (F1) first.")
            )
            return
        self.member_line.setText(
            QCoreApplication.translate("CouponsPage", "%1 · balance %2 points")
            .replace("%1", card.name)
            .replace("%2", QLocale().toString(card.points_balance))
        )
        reader, now = self.ctx.runtime.reader, self.ctx.runtime.now()
        run_in_background(
            lambda: (
                coupon_exchange_step(reader(), now),
                coupons.birthday_offer(reader(), card.id, now),
            ),
            self._show_offer,
            owner=self,
        )

    def _show_offer(self, found) -> None:
        step, offer = found
        card = self.ctx.member
        if card is None:
            return
        self.exchange_points.setRange(0, card.points_balance // step * step)
        self.exchange_points.setSingleStep(step)
        self.exchange_points.setValue(step if card.points_balance >= step else 0)
        if offer is None:
            return
        self.birthday_button.setText(
            QCoreApplication.translate("CouponsPage", "Give birthday coupon: %1").replace(
                "%1", coupon_title(offer.title_zh, offer.title_en)
            )
        )
        self.birthday_button.show()

    def _exchange(self) -> None:
        card, pts = self.ctx.member, self.exchange_points.value()
        if card is None:
            return
        self.ctx.write(
            coupons.exchange_points,
            card.id,
            pts,
            done=self.issued.emit,
            failed=self.failed.emit,
            owner=self,
        )

    def _birthday(self) -> None:
        card = self.ctx.member
        if card is None:
            return
        self.ctx.write(
            coupons.issue_birthday,
            card.id,
            done=lambda coupon: self.issued.emit([coupon]),
            failed=self.failed.emit,
            owner=self,
        )
