"""Gifts: a catalog grid with pictures for the member at the counter, and the stock room.

Keyboard first: the search field has focus, ↓ moves into the grid, Enter redeems the chosen
gift, Enter again confirms. Ctrl+F toggles "only what the member can have".
"""

from functools import cache

from PySide6.QtCore import QLocale, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QIcon,
    QKeySequence,
    QPainter,
    QPixmap,
    QShortcut,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from resources import resource_path
from services import gifts
from services.core import StateError
from services.gifts import GiftOffer, Redemption
from services.rules.permissions import Permission
from ui.dialogs.approval import obtain_approval
from ui.dialogs.gift_redeem import GiftRedeemDialog
from ui.dialogs.gift_slip import print_gift_slip
from ui.labels import tier_label
from ui.messages import message_for
from ui.pages.base import Page
from ui.pages.gift_stock_tab import StockTab
from ui.widgets import error_label, push_button, show_error
from ui.workers import run_in_background

ICON = 112
ITEM_SIZE = QSize(212, 232)
OFFER_ROLE = Qt.ItemDataRole.UserRole + 1
STYLE = """
QListView#giftGrid { background: #ffffff; border: 1px solid #d9e2ec; border-radius: 10px;
    font-size: 11pt; padding: 8px; }
QListView#giftGrid::item { border: 1px solid #eef2f6; border-radius: 10px; padding: 6px;
    margin: 4px; }
QListView#giftGrid::item:selected { background: #e0f2f1; border: 2px solid #0f766e;
    color: #0f514b; }
QLabel#giftsMember { font-size: 14pt; font-weight: 600; color: #243b53; }
QLabel#giftResult { font-size: 12pt; padding: 12px 16px; border-radius: 10px;
    background: #ecfdf5; color: #065f46; border: 1px solid #a7f3d0; }
"""


@cache
def gift_icon(image: str | None, initial: str) -> QIcon:
    """The gift's picture from resources/gifts/, or its first character on a tile."""
    pixmap = QPixmap(str(resource_path("gifts", image))) if image else QPixmap()
    if pixmap.isNull():
        pixmap = QPixmap(ICON, ICON)
        pixmap.fill(QColor("#e4e9ee"))
        painter = QPainter(pixmap)
        font = painter.font()
        font.setPixelSize(ICON // 2)
        painter.setFont(font)
        painter.setPen(QColor("#486581"))
        painter.drawText(pixmap.rect(), Qt.AlignmentFlag.AlignCenter, initial)
        painter.end()
    return QIcon(pixmap)


class GiftsPage(Page):
    def __init__(self, ctx) -> None:
        super().__init__(ctx, "giftsPage")
        self.setStyleSheet(STYLE)
        self._offers: list[GiftOffer] = []
        self.last_redemption: Redemption | None = None
        self.member_line = QLabel(self)
        self.member_line.setObjectName("giftsMember")
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("giftsTabs")
        self.tabs.addTab(self._build_catalog(), "")
        self.stock = StockTab(ctx, self)
        self.tabs.addTab(self.stock, "")
        self.tabs.currentChanged.connect(lambda _i: self.on_shown())
        self.layout_.addWidget(self.member_line)
        self.layout_.addWidget(self.tabs, 1)
        QShortcut(QKeySequence("Ctrl+F"), self, self.only_affordable.toggle)
        QShortcut(QKeySequence("Ctrl+P"), self, self._print_slip)
        ctx.member_changed.connect(lambda _card: self._member_changed())
        ctx.data_settled.connect(self._refresh_if_visible)
        self.retranslate()

    # building --------------------------------------------------------------------------
    def _build_catalog(self) -> QWidget:
        tab = QWidget()
        self.search = QLineEdit(tab)
        self.search.setObjectName("giftSearch")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _t: self._fill_grid())
        self.search.returnPressed.connect(self._redeem_current)
        self.search.installEventFilter(self)
        self.only_affordable = QCheckBox(tab)
        self.only_affordable.setObjectName("giftAffordableOnly")
        self.only_affordable.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.only_affordable.toggled.connect(lambda _on: self._fill_grid())
        self.model = QStandardItemModel(self)
        self.grid = QListView(tab)
        self.grid.setObjectName("giftGrid")
        self.grid.setModel(self.model)
        self.grid.setViewMode(QListView.ViewMode.IconMode)
        self.grid.setResizeMode(QListView.ResizeMode.Adjust)
        self.grid.setMovement(QListView.Movement.Static)
        self.grid.setIconSize(QSize(ICON, ICON))
        self.grid.setGridSize(QSize(232, 250))
        self.grid.setWordWrap(True)
        self.grid.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.grid.activated.connect(lambda _index: self._redeem_current())
        self.message = error_label(tab, "giftMessage")
        self.result = QLabel(tab)
        self.result.setObjectName("giftResult")
        self.result.setWordWrap(True)
        self.result.hide()
        self.print_button = push_button(tab, "giftPrintSlip", self._print_slip)
        self.print_button.hide()
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.only_affordable)
        done = QHBoxLayout()
        done.addWidget(self.result, 1)
        done.addWidget(self.print_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(tab)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addWidget(self.grid, 1)
        layout.addLayout(done)
        return tab

    # texts -----------------------------------------------------------------------------
    def title(self) -> str:
        return self.tr("Gifts")

    def retranslate(self) -> None:
        super().retranslate()
        self.tabs.setTabText(0, self.tr("Catalog"))
        self.tabs.setTabText(1, self.tr("Stock"))
        self.search.setPlaceholderText(
            self.tr("Find a gift by name or SKU; ↓ to choose, Enter to redeem")
        )
        self.search.setAccessibleName(self.tr("Find a gift"))
        self.only_affordable.setText(self.tr("Only what the member can have  (Ctrl+F)"))
        self.print_button.setText(self.tr("Print slip  (Ctrl+P)"))
        self.stock.retranslate()
        self._member_changed()

    def _offer_text(self, offer: GiftOffer) -> str:
        locale = QLocale()
        lines = [
            self._name(offer),
            self.tr("%1 points").replace("%1", locale.toString(offer.points_price)),
        ]
        stock = self.tr("In stock: %1").replace("%1", locale.toString(offer.on_hand))
        if offer.min_tier:
            stock += " · " + self.tr("%1+").replace("%1", tier_label(offer.min_tier))
        lines.append(stock)
        return "\n".join(lines)

    def _name(self, offer: GiftOffer) -> str:
        return offer.name_zh if _chinese() else offer.name_en

    # member and catalog -----------------------------------------------------------------
    def forget_user(self) -> None:
        self.search.clear()
        show_error(self.message, "")

    def on_shown(self) -> None:
        if self.tabs.currentIndex() == 1:
            self.stock.on_shown()
            return
        self._load()
        self.search.setFocus()

    def _refresh_if_visible(self) -> None:
        if not self.isVisible():
            return
        if self.tabs.currentIndex() == 0:
            self._load()
        else:
            self.stock.refresh()

    def _member_changed(self) -> None:
        card = self.ctx.member
        if card is None:
            self.member_line.setText(
                self.tr("No member at the counter: scan one on Check-in (F1) to redeem.")
            )
        else:
            self.member_line.setText(
                self.tr("%1 · %2 · balance %3 points")
                .replace("%1", card.name)
                .replace("%2", tier_label(card.tier))
                .replace("%3", QLocale().toString(card.points_balance))
            )
        self.only_affordable.setEnabled(card is not None)
        self.only_affordable.setChecked(card is not None)
        if self.isVisible():
            self._load()

    def _load(self) -> None:
        card, runtime = self.ctx.member, self.ctx.runtime
        member_id = card.id if card else None
        run_in_background(
            lambda: gifts.catalog(runtime.reader(), runtime.now(), member_id), self._show
        )

    def _show(self, offers: list[GiftOffer]) -> None:
        self._offers = offers
        self._fill_grid()

    def _fill_grid(self) -> None:
        chosen = self._current()
        needle = self.search.text().strip().lower()
        only = self.only_affordable.isChecked() and self.ctx.member is not None
        balance = self.ctx.member.points_balance if self.ctx.member else 0
        self.model.clear()
        for offer in self._offers:
            if only and not offer.affordable:
                continue
            haystack = f"{offer.name_zh} {offer.name_en} {offer.sku}".lower()
            if needle and needle not in haystack:
                continue
            item = QStandardItem(gift_icon(offer.image, offer.name_zh[:1]), self._offer_text(offer))
            item.setData(offer, OFFER_ROLE)
            item.setSizeHint(ITEM_SIZE)  # room for three lines even inside the selection border
            item.setToolTip(offer.description or "")
            if offer.problem is not None:
                item.setForeground(QColor("#9fb3c8"))  # shown, but greyed: not for this member
                item.setToolTip(message_for(_refusal(offer, balance)))
            self.model.appendRow(item)
        rows = [self.model.item(r).data(OFFER_ROLE).id for r in range(self.model.rowCount())]
        row = rows.index(chosen.id) if chosen is not None and chosen.id in rows else 0
        if rows:
            self.grid.setCurrentIndex(self.model.index(row, 0))

    def _current(self) -> GiftOffer | None:
        index = self.grid.currentIndex()
        return index.data(OFFER_ROLE) if index.isValid() else None

    def eventFilter(self, watched, event) -> bool:
        # Arrow keys in the search field walk the grid, so hands stay on the keyboard.
        if watched is self.search and event.type() == event.Type.KeyPress:
            step = {
                Qt.Key.Key_Down: 1,
                Qt.Key.Key_Up: -1,
                Qt.Key.Key_Right: 1 if not self.search.text() else 0,
                Qt.Key.Key_Left: -1 if not self.search.text() else 0,
            }.get(event.key(), 0)
            if step and self.model.rowCount():
                row = (self.grid.currentIndex().row() + step) % self.model.rowCount()
                self.grid.setCurrentIndex(self.model.index(row, 0))
                return True
        return super().eventFilter(watched, event)

    # redeem ------------------------------------------------------------------------------
    def _redeem_current(self) -> None:
        offer, card = self._current(), self.ctx.member
        if offer is None:
            return
        if card is None:
            show_error(self.message, self.member_line.text())
            return
        if offer.problem not in (None, "gift.out_of_stock"):
            show_error(self.message, message_for(_refusal(offer, card.points_balance)))
            return
        dialog = GiftRedeemDialog(offer, self._name(offer), card.name, card.points_balance, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            self.search.setFocus()
            return
        reason, approval = dialog.override_reason(), None
        if reason is not None:
            go, approval = obtain_approval(
                self.ctx,
                Permission.GIFT_OVERRIDE_STOCK,
                self.tr("hand over a gift out of stock"),
                self,
            )
            if not go:
                return
        self.ctx.write(
            gifts.redeem_gift,
            card.id,
            offer.id,
            reason,
            approval,
            done=self._redeemed,
            failed=lambda error: show_error(self.message, message_for(error)),
            owner=self,
        )

    def _redeemed(self, result: Redemption) -> None:
        self.last_redemption = result
        show_error(self.message, "")
        locale = QLocale()
        name = result.name_zh if _chinese() else result.name_en
        self.result.setText(
            self.tr("%1 handed over for %2 points. New balance: %3 points. Left in stock: %4.")
            .replace("%1", name)
            .replace("%2", locale.toString(result.points))
            .replace("%3", locale.toString(result.balance))
            .replace("%4", locale.toString(result.on_hand))
        )
        self.result.show()
        self.print_button.show()
        self.search.clear()
        self.search.setFocus()
        self.ctx.refresh_member(self)

    def _print_slip(self) -> None:
        if self.last_redemption is None:
            return
        print_gift_slip(
            self.ctx,
            self.last_redemption.id,
            self,
            lambda text: show_error(self.message, text),
            _chinese(),
        )


def _chinese() -> bool:
    """Gift names follow the language the counter speaks (QLocale's default follows it)."""
    return QLocale().language() == QLocale.Language.Chinese


def _refusal(offer: GiftOffer, balance: int) -> StateError:
    """The same refusal the service would give, to tell before the cashier tries."""
    return StateError(
        offer.problem or "",
        tier=offer.min_tier,
        limit=offer.per_member_limit,
        balance=balance,
        needed=offer.points_price,
    )
