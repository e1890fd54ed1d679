"""What Check-in offers for the member on the card: print or reissue the card, and in their
birthday month the birthday coupon (looked up after the visit, one press gives and prints
it). Its texts keep the Check-in page's translation context."""

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QLabel, QWidget

from services import coupons, members
from services.members import MemberCard
from ui.coupon_printing import print_coupons
from ui.labels import coupon_title
from ui.widgets import beside_scan_button, show_error
from ui.workers import run_in_background


class CardActions(QObject):
    def __init__(
        self,
        page: QWidget,
        current: Callable[[], MemberCard | None],
        print_card: Callable[[str], None],
        message: QLabel,
        failed: Callable[[BaseException], None],
    ) -> None:
        super().__init__(page)
        self.page = page
        self.ctx = page.ctx
        self._current = current
        self._print_card = print_card
        self._message = message
        self._failed = failed
        self.print_button = beside_scan_button(page, "printCardButton", "Ctrl+P", self._print)
        self.reissue_button = beside_scan_button(page, "reissueCardButton", None, self._reissue)
        # Offered in the member's birthday month, once a year; Ctrl+B gives and prints it.
        self.birthday_button = beside_scan_button(
            page, "birthdayCouponButton", "Ctrl+B", self._give_birthday
        )
        self.birthday_button.setProperty("role", "primary")
        self.birthday_button.hide()

    def enable(self, on: bool) -> None:
        for button in (self.print_button, self.reissue_button):
            button.setEnabled(on)
        if not on:
            self.birthday_button.hide()

    def _print(self) -> None:
        card = self._current()
        if card is not None:
            self._print_card(card.id)

    def _reissue(self) -> None:
        card = self._current()
        if card is None:
            return
        member_id = card.id
        self.ctx.write(
            members.reissue_card,
            member_id,
            done=lambda _code: self._print_card(member_id),
            failed=self._failed,
            owner=self.page,
        )

    # the birthday coupon
    def offer_birthday(self, card: MemberCard) -> None:
        self.birthday_button.hide()
        if not card.birthday_month:  # the card says so already: no task for 11 months in 12
            return
        reader, now = self.ctx.runtime.reader, self.ctx.runtime.now()
        run_in_background(
            lambda: coupons.birthday_offer(reader(), card.id, now),
            lambda offer: self._show_offer(card.id, offer),
            owner=self.page,
        )

    def _show_offer(self, member_id: str, offer) -> None:
        card = self._current()
        if offer is None or card is None or card.id != member_id:
            return
        title = coupon_title(offer.title_zh, offer.title_en)
        self.birthday_button.setText(
            QCoreApplication.translate("CheckInPage", "Birthday coupon: %1  (Ctrl+B)").replace(
                "%1", title
            )
        )
        self.birthday_button.show()

    def _give_birthday(self) -> None:
        card = self._current()
        if card is None or not self.birthday_button.isVisible():
            return
        self.birthday_button.hide()  # one press, one coupon
        self.ctx.write(
            coupons.issue_birthday,
            card.id,
            done=self._birthday_given,
            failed=self._failed,
            owner=self.page,
        )

    def _birthday_given(self, issued) -> None:
        self._message.setText(
            QCoreApplication.translate("CheckInPage", "Birthday coupon given: %1").replace(
                "%1", issued.code
            )
        )
        self._message.setProperty("state", "ok")
        self._message.show()
        self.ctx.data_changed.emit()
        tell = lambda text: show_error(self._message, text)  # noqa: E731
        print_coupons(self.ctx, [issued.coupon_id], False, self.page, tell)
