"""Points: earn on a purchase (with points as cash), refunds, manager adjustments, history."""

from PySide6.QtCore import QLocale, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from services import points
from services.core.errors import ValidationError
from services.coupons.codes import CODE_LENGTH as COUPON_CODE_LENGTH
from services.coupons.codes import looks_like_coupon_code
from services.points import EarnResult, LedgerLine, Quote, RefundResult
from services.printing.gift_slips import SlipText, render_gift_slip
from services.printing.slips import gift_slip
from services.rules.permissions import Permission
from services.rules.points import DEFAULT_RULES, last_valid_day, parse_yuan
from ui.dialogs.approval import obtain_approval
from ui.dialogs.nps_prompt import NpsPrompt
from ui.labels import tier_label
from ui.messages import message_for
from ui.pages.base import Page
from ui.printing import offer_pdf, print_or_offer
from ui.store_time import store_time_text
from ui.widgets import error_label, push_button, show_error
from ui.workers import run_in_background

QUOTE_DELAY_MS = 150
NPS_SHORTCUT = "Ctrl+R"
PRINT_SHORTCUT = "Ctrl+P"
PRINTS_DIRNAME = "prints"


def yuan(fen: int) -> str:
    return QLocale().toString(fen / 100, "f", 2)


class PointsPage(Page):
    def __init__(self, ctx) -> None:
        super().__init__(ctx, "pointsPage")
        self.member_line = QLabel(self)
        self.member_line.setObjectName("pointsMember")
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("pointsTabs")
        self.tabs.addTab(self._build_earn(), "")
        self.tabs.addTab(self._build_refund(), "")
        self.tabs.addTab(self._build_adjust(), "")
        self.tabs.addTab(self._build_history(), "")
        self.tabs.currentChanged.connect(lambda _i: self._focus_tab())
        self.layout_.addWidget(self.member_line)
        self.layout_.addWidget(self.tabs, 1)
        self._quote_timer = QTimer(self)
        self._quote_timer.setSingleShot(True)
        self._quote_timer.setInterval(QUOTE_DELAY_MS)
        self._quote_timer.timeout.connect(self._request_quote)
        ctx.member_changed.connect(lambda _card: self._member_changed())
        self.retranslate()
        self._member_changed()

    # building --------------------------------------------------------------------------
    def _build_earn(self) -> QWidget:
        tab = QWidget()
        self.amount = self._line(tab, "amountInput", 12)
        self.receipt = self._line(tab, "receiptInput", 64)
        self.category_inputs: dict[str, QLineEdit] = {}
        for category in DEFAULT_RULES.category_bonus_per_yuan:
            self.category_inputs[category] = self._line(tab, f"category_{category}", 12)
        self.cash_points = QSpinBox(tab)
        self.cash_points.setObjectName("cashPointsInput")
        self.cash_points.setSingleStep(100)
        self.cash_points.setRange(0, 0)
        for field in (self.amount, *self.category_inputs.values()):
            field.textChanged.connect(lambda _t: self._quote_timer.start())
        self.cash_points.valueChanged.connect(lambda _v: self._quote_timer.start())
        self.coupon = self._line(tab, "couponInput", COUPON_CODE_LENGTH)
        # A scanner types into whichever field has focus: a coupon code is caught there.
        self.amount.setMaxLength(COUPON_CODE_LENGTH)
        self.receipt.setMaxLength(COUPON_CODE_LENGTH)
        for field in (self.amount, self.receipt):
            field.textChanged.connect(lambda text, f=field: self._catch_coupon(f, text))
        self.coupon.textChanged.connect(lambda _t: self._quote_timer.start())
        self.coupon.returnPressed.connect(self.receipt.setFocus)
        self.amount.returnPressed.connect(self.receipt.setFocus)
        self.receipt.returnPressed.connect(self._confirm_earn)
        self.preview = QLabel(tab)
        self.preview.setObjectName("earnPreview")
        self.preview.setWordWrap(True)
        self.earn_error = error_label(tab, "earnError")
        self.earn_button = push_button(tab, "earnButton", self._confirm_earn)
        self.earn_button.setProperty("role", "primary")
        self.slip = QLabel(tab)
        self.slip.setObjectName("earnSlip")
        self.slip.setWordWrap(True)
        self.slip.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.slip.hide()
        # After a sale the screen can turn to the customer for a 0-10 rating (NPS).
        self.nps_button = push_button(tab, "npsButton", self._ask_rating)
        self.nps_button.hide()
        self.print_slip_button = push_button(tab, "earnPrintSlip", self._print_slip)
        self.print_slip_button.hide()
        QShortcut(QKeySequence(PRINT_SHORTCUT), tab, self._print_slip)
        self._slip_rows: tuple = ()  # (rows, footer) of the last sale's slip
        QShortcut(QKeySequence(NPS_SHORTCUT), tab, self._ask_rating)
        self._last_sale: tuple[str, str] | None = None  # member id, receipt
        self.earn_form = QFormLayout()
        self.earn_labels = [QLabel(tab) for _ in range(4 + len(self.category_inputs))]
        self.earn_form.addRow(self.earn_labels[0], self.amount)
        for label, field in zip(self.earn_labels[1:], self.category_inputs.values(), strict=False):
            self.earn_form.addRow(label, field)
        self.earn_form.addRow(self.earn_labels[-3], self.coupon)
        self.earn_form.addRow(self.earn_labels[-2], self.cash_points)
        self.earn_form.addRow(self.earn_labels[-1], self.receipt)
        # Tab follows the form top to bottom, whatever order the fields were made in.
        chain = [self.amount, *self.category_inputs.values(), self.coupon, self.cash_points]
        for first, second in zip(chain, [*chain[1:], self.receipt], strict=True):
            QWidget.setTabOrder(first, second)
        left = QVBoxLayout()
        left.addLayout(self.earn_form)
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
        row = QHBoxLayout(tab)
        row.addLayout(left, 1)
        row.addLayout(right, 1)
        return tab

    def _build_refund(self) -> QWidget:
        tab = QWidget()
        self.refund_receipt = self._line(tab, "refundReceiptInput", 64)
        self.refund_amount = self._line(tab, "refundAmountInput", 12)
        self.refund_receipt.returnPressed.connect(self.refund_amount.setFocus)
        self.refund_amount.returnPressed.connect(self._confirm_refund)
        self.refund_error = error_label(tab, "refundError")
        self.refund_result = QLabel(tab)
        self.refund_result.setObjectName("refundResult")
        self.refund_result.setWordWrap(True)
        self.refund_result.hide()
        self.refund_button = push_button(tab, "refundButton", self._confirm_refund)
        self.refund_labels = [QLabel(tab), QLabel(tab)]
        form = QFormLayout()
        form.addRow(self.refund_labels[0], self.refund_receipt)
        form.addRow(self.refund_labels[1], self.refund_amount)
        layout = QVBoxLayout(tab)
        layout.addLayout(form)
        layout.addWidget(self.refund_error)
        layout.addWidget(self.refund_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.refund_result)
        layout.addStretch(1)
        return tab

    def _build_adjust(self) -> QWidget:
        tab = QWidget()
        self.adjust_delta = QSpinBox(tab)
        self.adjust_delta.setObjectName("adjustDelta")
        self.adjust_delta.setRange(-1_000_000, 1_000_000)
        self.adjust_reason = self._line(tab, "adjustReason", 200)
        self.adjust_reason.returnPressed.connect(self._confirm_adjust)
        self.adjust_error = error_label(tab, "adjustError")
        self.adjust_button = push_button(tab, "adjustButton", self._confirm_adjust)
        self.adjust_labels = [QLabel(tab), QLabel(tab)]
        form = QFormLayout()
        form.addRow(self.adjust_labels[0], self.adjust_delta)
        form.addRow(self.adjust_labels[1], self.adjust_reason)
        layout = QVBoxLayout(tab)
        layout.addLayout(form)
        layout.addWidget(self.adjust_error)
        layout.addWidget(self.adjust_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        return tab

    def _build_history(self) -> QWidget:
        tab = QWidget()
        self.history = QTableWidget(0, 5, tab)
        self.history.setObjectName("pointsHistory")
        self.history.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history.verticalHeader().hide()
        self.history.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        layout = QVBoxLayout(tab)
        layout.addWidget(self.history)
        return tab

    @staticmethod
    def _line(parent: QWidget, name: str, length: int) -> QLineEdit:
        field = QLineEdit(parent)
        field.setObjectName(name)
        field.setMaxLength(length)
        return field

    # texts -----------------------------------------------------------------------------
    def title(self) -> str:
        return self.tr("Points")

    def retranslate(self) -> None:
        super().retranslate()
        for index, text in enumerate(
            (self.tr("Earn"), self.tr("Refund"), self.tr("Adjust"), self.tr("History"))
        ):
            self.tabs.setTabText(index, text)
        self.earn_labels[0].setText(self.tr("Amount (yuan)"))
        for label, category in zip(self.earn_labels[1:], self.category_inputs, strict=False):
            label.setText(self._category_text(category))
        self.earn_labels[-3].setText(self.tr("Coupon"))
        self.coupon.setPlaceholderText(self.tr("Scan the coupon or type its code (optional)"))
        self.earn_labels[-2].setText(self.tr("Points as cash"))
        self.earn_labels[-1].setText(self.tr("Receipt number"))
        self.amount.setPlaceholderText(self.tr("e.g. 1234.56"))
        self.amount.setAccessibleName(self.tr("Amount in yuan"))
        self.receipt.setPlaceholderText(self.tr("From the till receipt; Enter confirms"))
        self.receipt.setAccessibleName(self.tr("Receipt number"))
        self.cash_points.setSuffix(self.tr(" points"))
        self.earn_button.setText(self.tr("Confirm and award points  (Enter)"))
        self.nps_button.setText(self.tr("Ask the customer for a rating  (Ctrl+R)"))
        self.print_slip_button.setText(self.tr("Print slip  (Ctrl+P)"))
        self.refund_labels[0].setText(self.tr("Receipt number"))
        self.refund_labels[1].setText(self.tr("Refund amount (yuan)"))
        self.refund_button.setText(self.tr("Record refund"))
        self.adjust_labels[0].setText(self.tr("Points (+ or −)"))
        self.adjust_labels[1].setText(self.tr("Reason"))
        self.adjust_button.setText(self.tr("Adjust…"))
        self.history.setHorizontalHeaderLabels(
            [
                self.tr("When"),
                self.tr("What"),
                self.tr("Points"),
                self.tr("Why"),
                self.tr("Who and where"),
            ]
        )
        self._member_changed()

    def _category_text(self, category: str) -> str:
        names = {"electronics": self.tr("of which electronics (yuan)")}
        return names.get(category, category)

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

    def forget_user(self) -> None:
        """Another cashier: nothing of the previous sale, refund or adjustment is left."""
        fields = (self.amount, self.receipt, self.coupon, *self.category_inputs.values())
        for field in (*fields, self.refund_receipt, self.refund_amount, self.adjust_reason):
            field.clear()
        self.cash_points.setValue(0)
        self.adjust_delta.setValue(0)
        for label in (self.earn_error, self.refund_error, self.adjust_error):
            show_error(label, "")
        for widget in (self.preview, self.slip, self.refund_result):
            widget.clear()
        for widget in (self.slip, self.refund_result, self.nps_button, self.print_slip_button):
            widget.hide()
        self._last_sale, self._slip_rows = None, ()

    def handle_scan(self, text: str) -> None:
        """A receipt number scanned on Points goes into the receipt field of the tab open."""
        field = self.refund_receipt if self.tabs.currentIndex() == 1 else self.receipt
        if field is self.receipt:
            self.tabs.setCurrentIndex(0)
        field.setText(text[: field.maxLength()])
        field.setFocus()

    # member ----------------------------------------------------------------------------
    def on_shown(self) -> None:
        self._member_changed()
        self._focus_tab()

    def _focus_tab(self) -> None:
        fields = (self.amount, self.refund_receipt, self.adjust_delta, self.history)
        fields[self.tabs.currentIndex()].setFocus()
        if self.tabs.currentIndex() == 3:
            self._load_history()

    def _member_changed(self) -> None:
        card = self.ctx.member
        enabled = card is not None
        for widget in (
            self.amount,
            self.receipt,
            self.cash_points,
            self.coupon,
            self.earn_button,
            self.adjust_delta,
            self.adjust_reason,
            self.adjust_button,
            *self.category_inputs.values(),
        ):
            widget.setEnabled(enabled)
        if card is None:
            self.member_line.setText(self.tr("Scan a member on Check-in (F1) first."))
            self.history.setRowCount(0)
            return
        self.member_line.setText(
            self.tr("%1 · %2 · balance %3 points")
            .replace("%1", card.name)
            .replace("%2", tier_label(card.tier))
            .replace("%3", QLocale().toString(card.points_balance))
        )
        self.cash_points.setRange(0, card.points_balance // 100 * 100)

    def _catch_coupon(self, field: QLineEdit, text: str) -> None:
        if len(text) == COUPON_CODE_LENGTH and looks_like_coupon_code(text):
            field.clear()
            self.handle_coupon_scan(text)

    def handle_coupon_scan(self, text: str) -> None:
        """A coupon scanned while no field had focus goes into this purchase."""
        self.tabs.setCurrentIndex(0)
        self.coupon.setText(text)
        self.receipt.setFocus()

    # earn ------------------------------------------------------------------------------
    def _entered(self) -> tuple[int, dict[str, int]]:
        gross = parse_yuan(self.amount.text())
        if gross is None:
            raise ValidationError("purchase.bad_amount")
        categories = {}
        for category, field in self.category_inputs.items():
            if field.text().strip():
                value = parse_yuan(field.text())
                if value is None:
                    raise ValidationError("purchase.bad_categories")
                categories[category] = value
        return gross, categories

    def _request_quote(self) -> None:
        card = self.ctx.member
        if card is None or not self.amount.text().strip():
            self.preview.clear()
            return
        try:
            gross, categories = self._entered()
        except ValidationError as error:
            self.preview.setText(message_for(error))
            return
        reader, now, cash = (
            self.ctx.runtime.reader,
            self.ctx.runtime.now(),
            self.cash_points.value(),
        )
        coupon, online = self.coupon.text().strip() or None, self.ctx.online
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

    def _confirm_earn(self) -> None:
        card = self.ctx.member
        if card is None:
            return
        try:
            gross, categories = self._entered()
        except ValidationError as error:
            show_error(self.earn_error, message_for(error))
            return
        receipt, cash = self.receipt.text(), self.cash_points.value()
        coupon, online = self.coupon.text().strip() or None, self.ctx.online
        runtime, actor = self.ctx.runtime, self.ctx.actor
        self.earn_button.setEnabled(False)
        run_in_background(
            lambda: points.earn(
                runtime.writer(),
                actor,
                runtime.now(),
                card.id,
                receipt,
                gross,
                categories,
                cash,
                coupon,
                online,
            ),
            self._earned,
            self._earn_failed,
        )

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
        for field in (self.amount, self.receipt, self.coupon, *self.category_inputs.values()):
            field.clear()
        self.cash_points.setValue(0)
        self.preview.clear()
        self._refresh_member()
        self.amount.setFocus()

    def _receipt_rows(
        self, result: EarnResult, expiry_line: str
    ) -> tuple[tuple[tuple[str, str], ...], str]:
        """(label, value) rows of the printed slip, and its footer (the next expiry)."""
        q = result.quote
        rows = [
            (self.tr("Amount"), yuan(q.gross_fen)),
            (self.tr("Member discount"), "−" + yuan(q.discount_fen)),
        ]
        if q.coupon is not None:
            rows.append(
                (self.tr("Coupon %1").replace("%1", q.coupon.code), "−" + yuan(q.coupon_fen))
            )
        if q.points_cash:
            rows.append((self.tr("Points as cash"), "−" + yuan(q.points_cash_fen)))
        rows += [
            (self.tr("Paid"), yuan(q.paid_fen)),
            (self.tr("Points earned"), QLocale().toString(q.points.total)),
            (self.tr("Balance"), QLocale().toString(result.balance)),
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
            self.tr("Points slip"),
            self.tr("Receipt %1").replace("%1", receipt),
            ((self.tr("Member"), card.name if card else ""), *rows),
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

    def _earn_failed(self, error: BaseException) -> None:
        self.earn_button.setEnabled(True)
        show_error(self.earn_error, message_for(error))

    # refund and adjust -------------------------------------------------------------------
    def _confirm_refund(self) -> None:
        amount = parse_yuan(self.refund_amount.text())
        if amount is None:
            show_error(self.refund_error, message_for(ValidationError("refund.bad_amount")))
            return
        receipt = self.refund_receipt.text()
        runtime, actor = self.ctx.runtime, self.ctx.actor
        run_in_background(
            lambda: points.refund(runtime.writer(), actor, runtime.now(), receipt, amount),
            self._refunded,
            lambda error: show_error(self.refund_error, message_for(error)),
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
        self._refresh_member()

    def _confirm_adjust(self) -> None:
        card = self.ctx.member
        if card is None:
            return
        delta, reason = self.adjust_delta.value(), self.adjust_reason.text()
        go, approval = obtain_approval(
            self.ctx, Permission.POINTS_ADJUST, self.tr("adjust points"), self
        )
        if not go:
            return
        runtime, actor = self.ctx.runtime, self.ctx.actor
        run_in_background(
            lambda: points.adjust(
                runtime.writer(), actor, runtime.now(), card.id, delta, reason, approval
            ),
            lambda _balance: self._adjusted(),
            lambda error: show_error(self.adjust_error, message_for(error)),
            owner=self,
        )

    def _adjusted(self) -> None:
        show_error(self.adjust_error, "")
        self.adjust_delta.setValue(0)
        self.adjust_reason.clear()
        self._refresh_member()

    # history ---------------------------------------------------------------------------
    def _load_history(self) -> None:
        card = self.ctx.member
        if card is None:
            return
        reader = self.ctx.runtime.reader
        run_in_background(lambda: points.history(reader(), card.id), self._show_history)

    def _show_history(self, lines: list[LedgerLine]) -> None:
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

    def _refresh_member(self) -> None:
        """The balance changed: fetch the member's card again for every page that shows it."""
        if self.ctx.member is None:
            return
        self.ctx.refresh_member(self)
        if self.tabs.currentIndex() == 3:
            self._load_history()
