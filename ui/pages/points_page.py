"""Points: earn on a purchase (typed, scanned from the till's receipt or posted by the
POS), refunds, manager adjustments, history. Each tab is its own widget; this page holds
them, the member line, and where scans go."""

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QLabel, QTabWidget

from services import members
from services.core import LoyaltyError
from services.pos import PendingSale, ReceiptScan, parse_receipt
from services.pos.receipts import normalise
from ui.labels import tier_label
from ui.messages import message_for
from ui.pages.base import Page
from ui.pages.points_earn import EarnTab
from ui.pages.points_pending import PendingTab
from ui.pages.points_tabs import AdjustTab, HistoryTab, RefundTab
from ui.widgets import show_error

EARN, REFUND, ADJUST, HISTORY, POS_SALES = range(5)
# Widgets of the tabs that callers (and tests) reach through the page.
_EARN_WIDGETS = (
    "amount",
    "receipt",
    "coupon",
    "cash_points",
    "category_inputs",
    "preview",
    "source",
    "slip",
    "earn_error",
    "earn_button",
    "nps_button",
    "print_slip_button",
)
_REFUND_WIDGETS = ("refund_receipt", "refund_amount", "refund_error", "refund_result")
_ADJUST_WIDGETS = ("adjust_delta", "adjust_reason", "adjust_error", "adjust_button")


class PointsPage(Page):
    def __init__(self, ctx) -> None:
        super().__init__(ctx, "pointsPage")
        self.member_line = QLabel(self)
        self.member_line.setObjectName("pointsMember")
        self.earn_tab = EarnTab(ctx)
        self.refund_tab = RefundTab(ctx)
        self.adjust_tab = AdjustTab(ctx)
        self.history_tab = HistoryTab(ctx)
        self.pending_tab = PendingTab()
        self.pending_tab.chosen.connect(self.take_pos_sale)
        self.desk = None  # services.pos.PosDesk, set by the window that links the till
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("pointsTabs")
        for tab in (
            self.earn_tab,
            self.refund_tab,
            self.adjust_tab,
            self.history_tab,
            self.pending_tab,
        ):
            self.tabs.addTab(tab, "")
        for names, tab in (
            (_EARN_WIDGETS, self.earn_tab),
            (_REFUND_WIDGETS, self.refund_tab),
            (_ADJUST_WIDGETS, self.adjust_tab),
        ):
            for name in names:
                setattr(self, name, getattr(tab, name))
        self.history = self.history_tab.history
        self.tabs.currentChanged.connect(lambda _i: self._focus_tab())
        self.earn_tab.recorded.connect(lambda _result: self._refresh_member())
        self.refund_tab.recorded.connect(self._refresh_member)
        self.adjust_tab.recorded.connect(self._refresh_member)
        self.layout_.addWidget(self.member_line)
        self.layout_.addWidget(self.tabs, 1)
        ctx.member_changed.connect(lambda _card: self._member_changed())
        self.retranslate()
        self._member_changed()

    def title(self) -> str:
        return self.tr("Points")

    def retranslate(self) -> None:
        super().retranslate()
        for index, text in enumerate(
            (self.tr("Earn"), self.tr("Refund"), self.tr("Adjust"), self.tr("History"))
        ):
            self.tabs.setTabText(index, text)
        self._title_pending()
        for tab in (
            self.earn_tab,
            self.refund_tab,
            self.adjust_tab,
            self.history_tab,
            self.pending_tab,
        ):
            tab.retranslate()
        self._member_changed()

    def forget_user(self) -> None:
        """Another cashier: nothing of the previous sale, refund or adjustment is left."""
        for tab in (self.earn_tab, self.refund_tab, self.adjust_tab):
            tab.forget_user()

    # scans -------------------------------------------------------------------------------
    def handle_scan(self, text: str) -> None:
        """A read on Points: on Refund it is the receipt to refund; elsewhere a till receipt
        read by the store's patterns fills the sale, and a bare receipt number goes into the
        receipt field as typed. A code that is neither is refused, changing nothing."""
        if self.tabs.currentIndex() == REFUND:
            field = self.refund_receipt
            field.setText(self._receipt_of(text)[: field.maxLength()])
            field.setFocus()
            return
        self.tabs.setCurrentIndex(EARN)
        try:
            scan = parse_receipt(
                text, self.ctx.settings.receipt_patterns, self.ctx.identity.store_code
            )
        except LoyaltyError as error:
            plain = normalise(text)
            if error.code == "receipt.unknown_format" and _bare_receipt(plain):
                self.receipt.setText(plain)
                self.receipt.setFocus()
                return
            show_error(self.earn_error, message_for(error))
            return
        self.take_receipt(scan)

    def take_receipt(self, scan: ReceiptScan, pending=None) -> None:
        """A till's sale, scanned or posted: ready to confirm with Enter."""
        self.tabs.setCurrentIndex(EARN)
        self.earn_tab.fill_from_receipt(scan, pending)

    # sales the POS posted -------------------------------------------------------------------
    def pos_sale_changed(self, sale: PendingSale) -> None:
        """A till posted, confirmed or cancelled a sale."""
        self.pending_tab.sale_changed(sale)
        self._title_pending()
        if sale.status != "pending":
            self.earn_tab.settled_by_pos(sale)
            if sale.by == "pos" and sale.member_id is not None:
                self._refresh_member()

    def take_pos_sale(self, sale: PendingSale) -> None:
        """A posted sale into Earn, for the member the till named (else the one served)."""
        scan = ReceiptScan(sale.receipt, sale.sale.amount_fen, None, None, sale.sale.categories())
        if sale.member_id is not None and (
            self.ctx.member is None or self.ctx.member.id != sale.member_id
        ):
            self.ctx.read(
                members.member_card,
                sale.member_id,
                done=self.ctx.set_member,
                failed=lambda error: show_error(self.earn_error, message_for(error)),
                owner=self,
            )
        self.take_receipt(scan, (sale.id, self.desk))

    def _title_pending(self) -> None:
        count = self.pending_tab.count()
        text = self.tr("POS sales")
        self.tabs.setTabText(POS_SALES, f"{text} ({count})" if count else text)

    def _receipt_of(self, text: str) -> str:
        try:
            return parse_receipt(text, self.ctx.settings.receipt_patterns).receipt
        except LoyaltyError:
            return normalise(text)

    def handle_coupon_scan(self, text: str) -> None:
        """A coupon scanned while no field had focus goes into this purchase."""
        self.tabs.setCurrentIndex(EARN)
        self.earn_tab.take_coupon(text)

    # member ------------------------------------------------------------------------------
    def on_shown(self) -> None:
        self._member_changed()
        self._focus_tab()

    def _focus_tab(self) -> None:
        fields = (
            self.amount,
            self.refund_receipt,
            self.adjust_delta,
            self.history,
            self.pending_tab.sales,
        )
        fields[self.tabs.currentIndex()].setFocus()
        if self.tabs.currentIndex() == HISTORY:
            self.history_tab.load()

    def _member_changed(self) -> None:
        card = self.ctx.member
        self.earn_tab.member_changed(card)
        self.adjust_tab.member_changed(card)
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

    def _refresh_member(self) -> None:
        """The balance changed: fetch the member's card again for every page that shows it."""
        if self.ctx.member is None:
            return
        self.ctx.refresh_member(self)
        if self.tabs.currentIndex() == HISTORY:
            self.history_tab.load()


def _bare_receipt(text: str) -> bool:
    """What a cashier could have typed as a receipt number (points.earn checks it again)."""
    return 0 < len(text) <= 64 and text.isascii() and text.replace("-", "").isalnum()
