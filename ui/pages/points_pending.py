"""The POS sales tab of Points: sales a till posted that wait for a confirm. Enter (or a
double-click) takes one into the Earn tab, where Enter confirms it."""

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from services.pos import PendingSale
from ui.pages.points_earn import yuan


class PendingTab(QWidget):
    chosen = Signal(object)  # PendingSale

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hint = QLabel(self)
        self.hint.setObjectName("posHint")
        self.hint.setWordWrap(True)
        self.sales = QListWidget(self)
        self.sales.setObjectName("posSales")
        self.sales.itemActivated.connect(lambda item: self.chosen.emit(item.data(_SALE)))
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.sales, 1)
        self._waiting: dict[str, PendingSale] = {}

    def retranslate(self) -> None:
        self.hint.setText(
            self.tr("Sales the POS sent that wait for a confirm. Enter takes one to Earn.")
        )
        self._show()

    def sale_changed(self, sale: PendingSale) -> None:
        if sale.status == "pending":
            self._waiting[sale.id] = sale
        else:
            self._waiting.pop(sale.id, None)
        self._show()

    def count(self) -> int:
        return len(self._waiting)

    def _show(self) -> None:
        self.sales.clear()
        for sale in self._waiting.values():
            who = sale.member_name or self.tr("no member yet")
            text = (
                self.tr("Receipt %1 · %2 yuan · %3 · %4 points")
                .replace("%1", sale.receipt)
                .replace("%2", yuan(sale.sale.amount_fen))
                .replace("%3", who)
                .replace("%4", str(sale.points))
            )
            item = QListWidgetItem(text)
            item.setData(_SALE, sale)
            self.sales.addItem(item)
        if self.sales.count():
            self.sales.setCurrentRow(0)


_SALE = Qt.ItemDataRole.UserRole
