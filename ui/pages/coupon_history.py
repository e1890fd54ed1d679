"""The Coupons page's history of the chosen coupon, and a coupon's status, moves and their
reasons in words. The texts keep the page's translation context."""

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from services import coupons
from services.coupons import CouponLine, CouponRow
from ui.store_time import store_time_text
from ui.workers import run_in_background


def status_text(status: str) -> str:
    return {
        "issued": QCoreApplication.translate("CouponsPage", "Unused"),
        "redeemed": QCoreApplication.translate("CouponsPage", "Used"),
        "revoked": QCoreApplication.translate("CouponsPage", "Revoked"),
    }.get(status, status)


def move_text(kind: str) -> str:
    return {
        "issue": QCoreApplication.translate("CouponsPage", "Issued"),
        "redeem": QCoreApplication.translate("CouponsPage", "Used"),
        "void_redemption": QCoreApplication.translate("CouponsPage", "Redemption voided"),
        "revoke": QCoreApplication.translate("CouponsPage", "Revoked"),
        "print": QCoreApplication.translate("CouponsPage", "Printed"),
    }.get(kind, kind)


def reason_text(reason: str) -> str:
    """Fixed reasons are kept in English in the history; a manager's own pass as written."""
    return {
        "points": QCoreApplication.translate("CouponsPage", "bought with points"),
        "birthday": QCoreApplication.translate("CouponsPage", "birthday coupon"),
        "winback": QCoreApplication.translate("CouponsPage", "welcome back"),
        "tier": QCoreApplication.translate("CouponsPage", "quarterly tier coupon"),
        "event": QCoreApplication.translate("CouponsPage", "event batch"),
        "used": QCoreApplication.translate("CouponsPage", "used"),
        "printed": QCoreApplication.translate("CouponsPage", "printed"),
    }.get(reason, reason)


class CouponHistory(QTableWidget):
    """Every move of the one coupon chosen in the list: when, what, why, who and where."""

    def __init__(self, ctx, parent: QWidget) -> None:
        super().__init__(0, 4, parent)
        self.ctx = ctx
        self.setObjectName("couponHistory")
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.verticalHeader().hide()
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.setMaximumHeight(130)

    def retranslate(self) -> None:
        self.setHorizontalHeaderLabels(
            [
                QCoreApplication.translate("CouponsPage", "When"),
                QCoreApplication.translate("CouponsPage", "What"),
                QCoreApplication.translate("CouponsPage", "Why"),
                QCoreApplication.translate("CouponsPage", "Who and where"),
            ]
        )

    def load(self, chosen: list[CouponRow]) -> None:
        if len(chosen) != 1:
            self.setRowCount(0)
            return
        reader, coupon_id = self.ctx.runtime.reader, chosen[0].coupon_id
        run_in_background(lambda: coupons.coupon_history(reader(), coupon_id), self._show)

    def _show(self, lines: list[CouponLine]) -> None:
        self.setRowCount(len(lines))
        for r, line in enumerate(lines):
            when = store_time_text(line.at, self.ctx.identity.timezone)
            why = reason_text(line.reason) + (f" · {line.reference}" if line.reference else "")
            where = " · ".join(
                x for x in (line.staff_name, line.store_name, line.counter_label) if x
            )
            for c, text in enumerate((when, move_text(line.kind), why, where)):
                self.setItem(r, c, QTableWidgetItem(text))
