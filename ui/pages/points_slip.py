"""What the Earn tab offers after a sale: the printed slip and the customer's rating.
Its texts keep the Earn tab's translation context."""

from PySide6.QtCore import QCoreApplication, QLocale

from services.points import EarnResult
from services.printing.gift_slips import SlipText, render_gift_slip
from services.printing.slips import gift_slip
from ui.dialogs.nps_prompt import NpsPrompt
from ui.messages import message_for
from ui.money import yuan
from ui.printing import offer_pdf, print_or_offer
from ui.widgets import show_error

PRINTS_DIRNAME = "prints"


class AfterSale:
    """Mixed into EarnTab: needs ctx, _last_sale, _slip_rows, earn_error, nps_button and
    amount."""

    def _receipt_rows(
        self, result: EarnResult, expiry_line: str
    ) -> tuple[tuple[tuple[str, str], ...], str]:
        """(label, value) rows of the printed slip, and its footer (the next expiry)."""
        q = result.quote
        rows = [
            (QCoreApplication.translate("EarnTab", "Amount"), yuan(q.gross_fen)),
            (QCoreApplication.translate("EarnTab", "Member discount"), "−" + yuan(q.discount_fen)),
        ]
        if q.coupon is not None:
            rows.append(
                (
                    QCoreApplication.translate("EarnTab", "Coupon %1").replace("%1", q.coupon.code),
                    "−" + yuan(q.coupon_fen),
                )
            )
        if q.points_cash:
            rows.append(
                (
                    QCoreApplication.translate("EarnTab", "Points as cash"),
                    "−" + yuan(q.points_cash_fen),
                )
            )
        rows += [
            (QCoreApplication.translate("EarnTab", "Paid"), yuan(q.paid_fen)),
            (
                QCoreApplication.translate("EarnTab", "Points earned"),
                QLocale().toString(q.points.total),
            ),
            (QCoreApplication.translate("EarnTab", "Balance"), QLocale().toString(result.balance)),
        ]
        return tuple(rows), expiry_line

    def _print_slip(self) -> None:
        """The sale's points on an 80 mm slip, for a customer who wants it on paper."""
        if not self._slip_rows or self._last_sale is None:
            return
        (rows, footer), receipt = self._slip_rows, self._last_sale[1]
        card = self.ctx.member
        text = SlipText(
            self.ctx.identity.store_name,
            QCoreApplication.translate("EarnTab", "Points slip"),
            QCoreApplication.translate("EarnTab", "Receipt %1").replace("%1", receipt),
            ((QCoreApplication.translate("EarnTab", "Member"), card.name if card else ""), *rows),
            footer,
        )
        folder = self.ctx.runtime.data_dir / PRINTS_DIRNAME

        def draw(slip: SlipText):
            folder.mkdir(exist_ok=True)
            return render_gift_slip(slip, folder / f"points-{receipt}.pdf")

        print_or_offer(
            self.ctx,
            self,
            lambda: text,
            draw,
            lambda slip: [gift_slip(slip)],
            lambda path: offer_pdf(path, self, text.title, path.name),
            lambda error: show_error(self.earn_error, message_for(error)),
        )

    def _ask_rating(self) -> None:
        if self._last_sale is None:
            return
        member_id, receipt = self._last_sale
        prompt = NpsPrompt(self.ctx, member_id, receipt, self)
        prompt.exec()
        prompt.deleteLater()
        if prompt.saved:
            self._last_sale = None
            self.nps_button.hide()
            self.ctx.data_changed.emit()
        self.amount.setFocus()
