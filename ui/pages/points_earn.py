"""The Earn tab of Points: a purchase's amount, categories, coupon and points as cash, the
quote as it is typed, the confirm, and the slip and rating after the sale. A scanned till
receipt or a sale the POS posted fills it, and Enter confirms as for a typed one."""

from PySide6.QtCore import QLocale, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from services import points
from services.core import ValidationError
from services.coupons import CODE_LENGTH as COUPON_CODE_LENGTH
from services.coupons import looks_like_coupon_code
from services.points import EarnResult, Quote, cash_points_step
from services.pos import ReceiptScan
from services.protocol import codes as error_codes
from services.rules.points import DEFAULT_RULES, last_valid_day, parse_yuan
from ui.labels import tier_label
from ui.messages import message_for
from ui.money import yuan
from ui.pages.points_slip import AfterSale
from ui.widgets import error_label, push_button, show_error
from ui.workers import run_in_background

QUOTE_DELAY_MS = 150
NPS_SHORTCUT = "Ctrl+R"
PRINT_SHORTCUT = "Ctrl+P"


def fen_text(fen: int) -> str:
    """Fen as the plain yuan text the amount field takes (no grouping, two decimals)."""
    return f"{fen // 100}.{fen % 100:02d}"


def line_edit(parent: QWidget, name: str, length: int) -> QLineEdit:
    field = QLineEdit(parent)
    field.setObjectName(name)
    field.setMaxLength(length)
    return field


class EarnTab(AfterSale, QWidget):
    recorded = Signal(object)  # EarnResult: the member's balance changed

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._build()
        self._quote_timer = QTimer(self)
        self._quote_timer.setSingleShot(True)
        self._quote_timer.setInterval(QUOTE_DELAY_MS)
        self._quote_timer.timeout.connect(self._request_quote)
        self._slip_rows: tuple = ()  # (rows, footer) of the last sale's slip
        self._last_sale: tuple[str, str] | None = None  # member id, receipt
        # A sale the POS posted, waiting for this confirm: (its id, the PosDesk).
        self.pending: tuple[str, object] | None = None

    def _build(self) -> None:
        self.amount = line_edit(self, "amountInput", 12)
        self.receipt = line_edit(self, "receiptInput", 64)
        self.category_inputs: dict[str, QLineEdit] = {}
        for category in DEFAULT_RULES.category_bonus_per_yuan:
            self.category_inputs[category] = line_edit(self, f"category_{category}", 12)
        self.cash_points = QSpinBox(self)
        self.cash_points.setObjectName("cashPointsInput")
        self.cash_points.setSingleStep(DEFAULT_RULES.cash_points_step)
        self.cash_points.setRange(0, 0)
        for field in (self.amount, *self.category_inputs.values()):
            field.textChanged.connect(lambda _t: self._quote_timer.start())
        self.cash_points.valueChanged.connect(lambda _v: self._quote_timer.start())
        self.coupon = line_edit(self, "couponInput", COUPON_CODE_LENGTH)
        # A scanner types into whichever field has focus: a coupon code is caught there.
        self.amount.setMaxLength(COUPON_CODE_LENGTH)
        self.receipt.setMaxLength(COUPON_CODE_LENGTH)
        for field in (self.amount, self.receipt):
            field.textChanged.connect(lambda text, f=field: self._catch_coupon(f, text))
        self.coupon.textChanged.connect(lambda _t: self._quote_timer.start())
        self.coupon.returnPressed.connect(self.receipt.setFocus)
        self.amount.returnPressed.connect(self.receipt.setFocus)
        self.receipt.returnPressed.connect(self.confirm)
        self.source = QLabel(self)  # where the amount came from: a scan, the POS
        self.source.setObjectName("earnSource")
        self.source.setWordWrap(True)
        self.source.hide()
        self.preview = QLabel(self)
        self.preview.setObjectName("earnPreview")
        self.preview.setWordWrap(True)
        self.earn_error = error_label(self, "earnError")
        self.earn_button = push_button(self, "earnButton", self.confirm)
        self.earn_button.setProperty("role", "primary")
        self.slip = QLabel(self)
        self.slip.setObjectName("earnSlip")
        self.slip.setWordWrap(True)
        self.slip.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.slip.hide()
        # After a sale the screen can turn to the customer for a 0-10 rating (NPS).
        self.nps_button = push_button(self, "npsButton", self._ask_rating)
        self.nps_button.hide()
        self.print_slip_button = push_button(self, "earnPrintSlip", self._print_slip)
        self.print_slip_button.hide()
        QShortcut(QKeySequence(PRINT_SHORTCUT), self, self._print_slip)
        QShortcut(QKeySequence(NPS_SHORTCUT), self, self._ask_rating)
        self.labels = [QLabel(self) for _ in range(4 + len(self.category_inputs))]
        form = QFormLayout()
        form.addRow(self.labels[0], self.amount)
        for label, field in zip(self.labels[1:], self.category_inputs.values(), strict=False):
            form.addRow(label, field)
        form.addRow(self.labels[-3], self.coupon)
        form.addRow(self.labels[-2], self.cash_points)
        form.addRow(self.labels[-1], self.receipt)
        # Tab follows the form top to bottom, whatever order the fields were made in.
        chain = [self.amount, *self.category_inputs.values(), self.coupon, self.cash_points]
        for first, second in zip(chain, [*chain[1:], self.receipt], strict=True):
            QWidget.setTabOrder(first, second)
        left = QVBoxLayout()
        left.addWidget(self.source)
        left.addLayout(form)
        left.addWidget(self.earn_error)
        left.addWidget(self.earn_button)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(self.preview)
        right.addWidget(self.slip)
        after_sale = QHBoxLayout()
        after_sale.addWidget(self.print_slip_button)
        after_sale.addWidget(self.nps_button)
        after_sale.addStretch(1)
        right.addLayout(after_sale)
        right.addStretch(1)
        row = QHBoxLayout(self)
        row.addLayout(left, 1)
        row.addLayout(right, 1)

    def fields(self) -> tuple[QLineEdit, ...]:
        return (self.amount, self.receipt, self.coupon, *self.category_inputs.values())

    def retranslate(self) -> None:
        self.labels[0].setText(self.tr("Amount (yuan)"))
        for label, category in zip(self.labels[1:], self.category_inputs, strict=False):
            label.setText(self._category_text(category))
        self.labels[-3].setText(self.tr("Coupon"))
        self.coupon.setPlaceholderText(self.tr("Scan the coupon or type its code (optional)"))
        self.labels[-2].setText(self.tr("Points as cash"))
        self.labels[-1].setText(self.tr("Receipt number"))
        self.amount.setPlaceholderText(self.tr("e.g. 1234.56"))
        self.amount.setAccessibleName(self.tr("Amount in yuan"))
        self.receipt.setPlaceholderText(self.tr("From the till receipt; Enter confirms"))
        self.receipt.setAccessibleName(self.tr("Receipt number"))
        self.cash_points.setSuffix(self.tr(" points"))
        self.earn_button.setText(self.tr("Confirm and award points  (Enter)"))
        self.nps_button.setText(self.tr("Ask the customer for a rating  (Ctrl+R)"))
        self.print_slip_button.setText(self.tr("Print slip  (Ctrl+P)"))

    def _category_text(self, category: str) -> str:
        names = {"electronics": self.tr("of which electronics (yuan)")}
        return names.get(category, category)

    def forget_user(self) -> None:
        for field in self.fields():
            field.clear()
        self.cash_points.setValue(0)
        show_error(self.earn_error, "")
        for widget in (self.preview, self.slip, self.source):
            widget.clear()
        for widget in (self.slip, self.nps_button, self.print_slip_button, self.source):
            widget.hide()
        self._last_sale, self._slip_rows, self.pending = None, (), None

    def member_changed(self, card) -> None:
        for widget in (self.cash_points, self.earn_button, *self.fields()):
            widget.setEnabled(card is not None)
        if card is None or not self.isVisible():
            return  # hidden, no task per check-in scan: the page's on_shown calls this again
        reader, now = self.ctx.runtime.reader, self.ctx.runtime.now()
        run_in_background(
            lambda: cash_points_step(reader(), now),
            lambda step: self._set_cash_step(step, card.points_balance),
            lambda _error: self._set_cash_step(DEFAULT_RULES.cash_points_step, 0),
            owner=self,
        )
        self._set_cash_step(self.cash_points.singleStep(), card.points_balance)

    def _set_cash_step(self, step: int, balance: int) -> None:
        self.cash_points.setSingleStep(step)
        self.cash_points.setRange(0, balance // step * step)

    # filled from the till ----------------------------------------------------------------
    def fill_from_receipt(self, scan: ReceiptScan, pending: tuple[str, object] | None = None):
        """A scanned receipt or a posted sale: the fields as the till rang them up, focus on
        the receipt field so Enter confirms."""
        for field in self.fields():
            field.clear()
        self.cash_points.setValue(0)
        show_error(self.earn_error, "")
        self.pending = pending
        if scan.amount_fen is not None:
            self.amount.setText(fen_text(scan.amount_fen))
        for category, fen in scan.categories.items():
            if category in self.category_inputs:
                self.category_inputs[category].setText(fen_text(fen))
        self.receipt.setText(scan.receipt)
        at = QLocale().toString(scan.at, QLocale.FormatType.ShortFormat) if scan.at else ""
        text = (
            self.tr("From the POS: sale %1").replace("%1", scan.receipt)
            if pending
            else self.tr("Scanned receipt %1").replace("%1", scan.receipt)
        )
        self.source.setText(text + (f" · {at}" if at else ""))
        self.source.show()
        self._quote_timer.start()
        self.receipt.setFocus()
        self.receipt.selectAll()

    def settled_by_pos(self, sale) -> None:
        """The till confirmed or cancelled the sale shown here, or it expired: no longer ours."""
        if self.pending is None or self.pending[0] != sale.id:
            return
        for field in self.fields():
            field.clear()
        self.pending = None
        self.preview.clear()
        text = {
            "confirmed": self.tr("The POS confirmed sale %1."),
            "expired": self.tr("Sale %1 waited too long and expired."),
        }.get(sale.status, self.tr("The POS cancelled sale %1."))
        self.source.setText(text.replace("%1", sale.receipt))

    # quote and confirm -------------------------------------------------------------------
    def _catch_coupon(self, field: QLineEdit, text: str) -> None:
        if len(text) == COUPON_CODE_LENGTH and looks_like_coupon_code(text):
            field.clear()
            self.take_coupon(text)

    def take_coupon(self, text: str) -> None:
        self.coupon.setText(text)
        self.receipt.setFocus()

    def entered(self) -> tuple[int, dict[str, int]]:
        gross = parse_yuan(self.amount.text())
        if gross is None:
            raise ValidationError(error_codes.PURCHASE_BAD_AMOUNT)
        categories = {}
        for category, field in self.category_inputs.items():
            if field.text().strip():
                value = parse_yuan(field.text())
                if value is None:
                    raise ValidationError(error_codes.PURCHASE_BAD_CATEGORIES)
                categories[category] = value
        return gross, categories

    def _request_quote(self) -> None:
        card = self.ctx.member
        if card is None or not self.amount.text().strip():
            self.preview.clear()
            return
        try:
            gross, categories = self.entered()
        except ValidationError as error:
            self.preview.setText(message_for(error))
            return
        reader, now = self.ctx.runtime.reader, self.ctx.runtime.now()
        cash, coupon = self.cash_points.value(), self.coupon.text().strip() or None
        online = self.ctx.online
        run_in_background(
            lambda: points.quote(reader(), card.id, gross, categories, cash, now, coupon, online),
            self._show_quote,
            lambda error: self.preview.setText(message_for(error)),
            owner=self,
        )

    def _show_quote(self, q: Quote) -> None:
        lines = [
            self.tr("Amount: %1 yuan").replace("%1", yuan(q.gross_fen)),
            self.tr("Member discount (%1): −%2 yuan")
            .replace("%1", tier_label(q.tier))
            .replace("%2", yuan(q.discount_fen)),
        ]
        if q.coupon is not None:
            lines.append(
                self.tr("Coupon %1: −%2 yuan")
                .replace("%1", q.coupon.code)
                .replace("%2", yuan(q.coupon_fen))
            )
        if q.points_cash:
            lines.append(
                self.tr("Points as cash: −%1 yuan (%2 points)")
                .replace("%1", yuan(q.points_cash_fen))
                .replace("%2", str(q.points_cash))
            )
        lines.append(self.tr("To pay: %1 yuan").replace("%1", yuan(q.paid_fen)))
        detail = f"{q.points.base} × {q.points.multiplier}"
        if q.points.category_bonus:
            detail += f" + {q.points.category_bonus}"
        if q.points.promotion_bonus:
            detail += f" + {q.points.promotion_bonus}"
        lines.append(
            self.tr("Points earned: %1  (%2)")
            .replace("%1", str(q.points.total))
            .replace("%2", detail)
        )
        if q.birthday_month:
            lines.append(self.tr("Birthday month"))
        self.preview.setText("\n".join(lines))

    def confirm(self) -> None:
        card = self.ctx.member
        if card is None:
            return
        try:
            gross, categories = self.entered()
        except ValidationError as error:
            show_error(self.earn_error, message_for(error))
            return
        receipt, cash = self.receipt.text(), self.cash_points.value()
        coupon, online = self.coupon.text().strip() or None, self.ctx.online
        pending = self.pending

        def record(uow, actor, now) -> EarnResult:
            if pending is not None:  # the till cannot confirm it meanwhile
                pending[1].claim_for_counter(pending[0])
            try:
                result = points.earn(
                    uow,
                    actor,
                    now,
                    card.id,
                    receipt,
                    gross,
                    categories,
                    cash,
                    coupon,
                    online,
                )
            except BaseException:
                if pending is not None:
                    pending[1].release(pending[0])
                raise
            if pending is not None:
                pending[1].settle(pending[0], result)  # the till's sale is this earn
            return result

        self.earn_button.setEnabled(False)
        self.ctx.write(record, done=self._earned, failed=self._earn_failed)

    def _earned(self, result: EarnResult) -> None:
        self.earn_button.setEnabled(True)
        show_error(self.earn_error, "")
        locale = QLocale()
        lines = [
            self.tr("Receipt %1: %2 points earned.")
            .replace("%1", result.receipt_no)
            .replace("%2", str(result.quote.points.total)),
            self.tr("New balance: %1 points").replace("%1", locale.toString(result.balance)),
        ]
        if result.quote.coupon is not None:
            lines.insert(
                1,
                self.tr("Coupon %1 used: −%2 yuan")
                .replace("%1", result.quote.coupon.code)
                .replace("%2", yuan(result.quote.coupon_fen)),
            )
        expiry_line = ""
        if result.next_expiry is not None:
            last = last_valid_day(result.next_expiry, self.ctx.identity.timezone)
            day = locale.toString(last, QLocale.FormatType.LongFormat)
            expiry_line = (
                self.tr("%1 points expire first, at the end of %2")
                .replace("%1", str(result.next_expiry_points))
                .replace("%2", day)
            )
            lines.append(expiry_line)
        if result.new_tier:
            lines.append(self.tr("⬆ Upgraded to %1!").replace("%1", tier_label(result.new_tier)))
        self.slip.setText("\n".join(lines))
        self.slip.show()
        self._last_sale = (result.quote.member_id, result.receipt_no)
        self._slip_rows = self._receipt_rows(result, expiry_line)
        self.nps_button.show()
        self.print_slip_button.show()
        for field in self.fields():
            field.clear()
        self.cash_points.setValue(0)
        self.preview.clear()
        self.source.hide()
        self.pending = None
        self.recorded.emit(result)
        self.amount.setFocus()

    def _earn_failed(self, error: BaseException) -> None:
        self.earn_button.setEnabled(True)
        show_error(self.earn_error, message_for(error))
