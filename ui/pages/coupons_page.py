"""Coupons: find one by code or member, see its history, print, void or revoke it; give the
member at the counter coupons for points or on their birthday; a manager's grants."""

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from services import coupons
from services.coupons import CouponRow
from services.rules.permissions import Permission
from ui.ask import Ask
from ui.coupon_printing import print_coupons, value_text
from ui.dialogs.approval import obtain_approval
from ui.dialogs.coupon_grant import GrantDialog
from ui.labels import coupon_title
from ui.messages import message_for
from ui.pages.base import Page
from ui.pages.coupon_history import CouponHistory, status_text
from ui.pages.coupon_member_box import MemberCouponsBox
from ui.store_time import store_date, store_time_text
from ui.widgets import error_label, push_button, show_error
from ui.workers import run_in_background

STATUSES = ("", "issued", "redeemed", "revoked")


class CouponsPage(Page):
    def __init__(self, ctx) -> None:
        super().__init__(ctx, "couponsPage")
        self._rows: list[CouponRow] = []
        self.search = QLineEdit(self)
        self.search.setObjectName("couponSearch")
        self.search.setClearButtonEnabled(True)
        self.search.returnPressed.connect(self.refresh)
        self.status = QComboBox(self)
        self.status.setObjectName("couponStatus")
        self.status.addItems([""] * len(STATUSES))
        self.status.currentIndexChanged.connect(lambda _i: self.refresh())
        self.table = QTableWidget(0, 7, self)
        self.table.setObjectName("couponTable")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.history = CouponHistory(ctx, self)
        self.table.itemSelectionChanged.connect(lambda: self.history.load(self._selected()))
        self.message = error_label(self, "couponMessage")
        self.print_slip = push_button(self, "couponPrintSlip", lambda: self._print(False))
        self.print_sheet = push_button(self, "couponPrintSheet", lambda: self._print(True))
        self.void_button = push_button(self, "couponVoid", self._void)
        self.revoke_button = push_button(self, "couponRevoke", self._revoke)
        boxes = QHBoxLayout()
        self.member_box = MemberCouponsBox(ctx, self)
        self.member_box.issued.connect(self._issued)
        self.member_box.failed.connect(self._failed)
        box = self.member_box  # its fields, by the names the page always had
        self.member_line, self.exchange_points = box.member_line, box.exchange_points
        self.exchange_button, self.birthday_button = box.exchange_button, box.birthday_button
        boxes.addWidget(self.member_box, 3)
        boxes.addWidget(self._build_gift_box(), 2)
        self.layout_.addLayout(boxes)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.status)
        self.layout_.addLayout(top)
        self.layout_.addWidget(self.table, 1)
        actions = QHBoxLayout()
        for button in (self.print_slip, self.print_sheet, self.void_button, self.revoke_button):
            actions.addWidget(button)
        actions.addStretch(1)
        self.grant_button = push_button(self, "couponGrant", self._grant)
        actions.addWidget(self.grant_button)
        self.layout_.addLayout(actions)
        self.layout_.addWidget(self.history)
        self.layout_.addWidget(self.message)
        # Hidden, the page catches up when shown (on_shown): no task per scan at the till.
        ctx.member_changed.connect(lambda _card: self.isVisible() and self._member_changed())
        ctx.data_settled.connect(self._refresh_if_shown)
        self.retranslate()
        self._member_changed()

    def _build_gift_box(self) -> QGroupBox:
        self.gift_box = QGroupBox(self)
        self.gift_input = QLineEdit(self.gift_box)
        self.gift_input.setObjectName("giftCouponInput")
        self.gift_input.returnPressed.connect(self._redeem_gift)
        self.gift_button = push_button(self.gift_box, "giftCouponRedeem", self._redeem_gift)
        row = QHBoxLayout()
        row.addWidget(self.gift_input, 1)
        row.addWidget(self.gift_button)
        column = QVBoxLayout(self.gift_box)
        column.addStretch(1)
        column.addLayout(row)
        return self.gift_box

    # texts ----------------------------------------------------------------------------
    def title(self) -> str:
        return self.tr("Coupons")

    def retranslate(self) -> None:
        super().retranslate()
        self.search.setPlaceholderText(self.tr("Coupon code, member number, mobile or name"))
        for index, text in enumerate(
            (self.tr("All"), self.tr("Unused"), self.tr("Used"), self.tr("Revoked"))
        ):
            self.status.setItemText(index, text)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Code"),
                self.tr("Coupon"),
                self.tr("Value"),
                self.tr("Status"),
                self.tr("Member"),
                self.tr("Valid until"),
                self.tr("Used"),
            ]
        )
        self.history.retranslate()
        self.gift_box.setTitle(self.tr("Gift exchange coupon"))
        self.gift_input.setPlaceholderText(self.tr("Scan a gift coupon; Enter redeems it"))
        self.gift_button.setText(self.tr("Redeem"))
        self.print_slip.setText(self.tr("Print slip (80 mm)"))
        self.print_sheet.setText(self.tr("Print A4 sheet"))
        self.void_button.setText(self.tr("Void redemption…"))
        self.revoke_button.setText(self.tr("Revoke…"))
        self.grant_button.setText(self.tr("Issue coupons…"))
        self.member_box.retranslate()

    # showing --------------------------------------------------------------------------
    def on_shown(self) -> None:
        self._member_changed()
        self.refresh()
        self.search.setFocus()

    def forget_user(self) -> None:
        for field in (self.search, self.gift_input):
            field.clear()
        show_error(self.message, "")

    def _refresh_if_shown(self) -> None:
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        text, status = self.search.text(), STATUSES[self.status.currentIndex()] or None
        reader = self.ctx.runtime.reader
        run_in_background(
            lambda: coupons.find_coupons(reader(), text, status),
            self._show_rows,
            lambda error: show_error(self.message, message_for(error)),
            owner=self,
        )

    def _show_rows(self, rows: list[CouponRow]) -> None:
        self._rows = rows
        locale, zone = QLocale(), self.ctx.identity.timezone
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            used = ""
            if row.redeemed_at is not None:
                used = store_time_text(row.redeemed_at, zone) + (
                    f" · {row.redeemed_reference}" if row.redeemed_reference else ""
                )
            cells = (
                row.code,
                coupon_title(row.title_zh, row.title_en),
                value_text(row.kind, row.value),
                status_text(row.status),
                row.member_name or self.tr("Bearer"),
                locale.toString(store_date(row.expires_at, zone), QLocale.FormatType.ShortFormat),
                used,
            )
            for c, text in enumerate(cells):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.history.setRowCount(0)

    def _selected(self) -> list[CouponRow]:
        rows = sorted({i.row() for i in self.table.selectedIndexes()})
        return [self._rows[r] for r in rows if r < len(self._rows)]

    # the member at the counter ------------------------------------------------------------
    def _member_changed(self) -> None:
        self.member_box.member_changed()

    def _issued(self, issued: list) -> None:
        show_error(self.message, "")
        self.message.setText(self.tr("Coupons issued: %1").replace("%1", str(len(issued))))
        self.message.show()
        self._after_change()
        print_coupons(self.ctx, [c.coupon_id for c in issued], len(issued) > 1, self, self._tell)

    def _failed(self, error: BaseException) -> None:
        show_error(self.message, message_for(error))

    def _tell(self, text: str) -> None:
        show_error(self.message, text)

    def _after_change(self) -> None:
        self.refresh()
        self.ctx.refresh_member(self)

    # gift coupons -------------------------------------------------------------------------
    def handle_coupon_scan(self, text: str) -> None:
        self.gift_input.setText(text)
        self._redeem_gift()

    def _redeem_gift(self) -> None:
        text = self.gift_input.text().strip()
        self.gift_input.clear()
        if not text:
            return
        member_id = self.ctx.member.id if self.ctx.member else None
        online = self.ctx.online
        self.ctx.write(
            coupons.redeem_gift_coupon,
            text,
            member_id,
            online,
            done=self._gift_redeemed,
            failed=self._failed,
            owner=self,
        )

    def _gift_redeemed(self, check) -> None:
        self.message.setText(
            self.tr("✔ Coupon %1 accepted: hand over the gift.").replace("%1", check.code)
        )
        self.message.setProperty("state", "ok")
        self.message.show()
        self._after_change()

    # actions on the chosen coupons ----------------------------------------------------------
    def _print(self, sheet: bool) -> None:
        chosen = [row.coupon_id for row in self._selected()]
        if not chosen:
            show_error(self.message, self.tr("Choose the coupons to print in the list."))
            return
        print_coupons(self.ctx, chosen, sheet, self, self._tell)

    def _void(self) -> None:
        self._close_one(Permission.COUPON_VOID, self.tr("void a coupon redemption"), False)

    def _revoke(self) -> None:
        self._close_one(Permission.COUPON_VOID, self.tr("revoke a coupon"), True)

    def _close_one(self, permission: str, action: str, revoke: bool) -> None:
        chosen = self._selected()
        if len(chosen) != 1:
            show_error(self.message, self.tr("Choose one coupon in the list."))
            return
        reason = Ask(self, action).text(self.tr("Reason"))
        if reason is None:
            return
        go, approval = obtain_approval(self.ctx, permission, action, self)
        if not go:
            return
        coupon_id = chosen[0].coupon_id
        fn = coupons.revoke_coupon if revoke else coupons.void_redemption
        self.ctx.write(
            fn,
            coupon_id,
            reason,
            approval,
            done=lambda _r: self._closed(),
            failed=self._failed,
            owner=self,
        )

    def _closed(self) -> None:
        show_error(self.message, "")
        self._after_change()

    def _grant(self) -> None:
        go, approval = obtain_approval(
            self.ctx, Permission.COUPON_GRANT, self.tr("issue coupons"), self
        )
        if not go:
            return
        dialog = GrantDialog(self.ctx, approval, self)
        if dialog.exec() == GrantDialog.DialogCode.Accepted and dialog.issued:
            self._issued(dialog.issued)
