"""The stock room: levels with low-stock alerts, a count mode, each gift's moves, CSV export."""

from pathlib import Path

from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from services import gifts
from services.core import ValidationError
from services.gifts import MoveLine, StockLine
from services.protocol import codes
from services.rules.gifts import parse_quantity
from services.rules.permissions import Permission
from ui.context import CounterContext
from ui.dialogs.approval import obtain_approval
from ui.dialogs.gift_form import GiftForm
from ui.dialogs.gift_stock import StockMoveDialog
from ui.messages import message_for
from ui.store_time import store_time_text
from ui.widgets import error_label, push_button, show_error
from ui.workers import run_in_background

COUNTED_COLUMN = 5
EXPORTS_DIRNAME = "exports"


class StockTab(QWidget):
    def __init__(self, ctx: CounterContext, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("stockTab")
        self.ctx = ctx
        self.lines: list[StockLine] = []
        self.alert = error_label(self, "stockAlert")
        self.info = QLabel(self)
        self.info.setObjectName("stockInfo")
        self.info.setWordWrap(True)
        self.table = QTableWidget(0, 6, self)
        self.table.setObjectName("stockTable")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.table.setColumnHidden(COUNTED_COLUMN, True)
        self.table.itemSelectionChanged.connect(self._load_history)
        self.history = QTableWidget(0, 6, self)
        self.history.setObjectName("stockHistory")
        self.history.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history.verticalHeader().hide()
        self.history.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.history_title = QLabel(self)
        self.history_title.setObjectName("cardTitle")
        self.message = error_label(self, "stockMessage")
        self.receive_button = push_button(self, "stockReceive", lambda: self._move("receive"))
        self.adjust_button = push_button(self, "stockAdjust", lambda: self._move("adjust"))
        self.transfer_button = push_button(self, "stockTransfer", lambda: self._move("transfer"))
        self.count_button = push_button(self, "stockCountMode", self._toggle_count)
        self.count_button.setCheckable(True)
        self.save_count_button = push_button(self, "stockSaveCount", self._save_count)
        self.save_count_button.setProperty("role", "primary")
        self.save_count_button.hide()
        self.export_button = push_button(self, "stockExport", self._export_stock)
        self.export_moves_button = push_button(self, "stockExportMoves", self._export_moves)
        self.new_gift_button = push_button(self, "giftNew", lambda: self._edit_gift(None))
        self.edit_gift_button = push_button(self, "giftEdit", self._edit_selected)
        QShortcut(QKeySequence("Ctrl+R"), self, lambda: self._move("receive"))
        row = QHBoxLayout()
        for button in (
            self.receive_button,
            self.adjust_button,
            self.transfer_button,
            self.count_button,
            self.save_count_button,
        ):
            row.addWidget(button)
        row.addStretch(1)
        row2 = QHBoxLayout()
        for button in (
            self.export_button,
            self.export_moves_button,
            self.new_gift_button,
            self.edit_gift_button,
        ):
            row2.addWidget(button)
        row2.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.alert)
        layout.addLayout(row)
        layout.addWidget(self.message)
        layout.addWidget(self.info)
        layout.addWidget(self.table, 3)
        layout.addWidget(self.history_title)
        layout.addWidget(self.history, 2)
        layout.addLayout(row2)
        self.retranslate()

    def retranslate(self) -> None:
        self.receive_button.setText(self.tr("Receive…  (Ctrl+R)"))
        self.adjust_button.setText(self.tr("Damaged / lost / found…"))
        self.transfer_button.setText(self.tr("Transfer…"))
        self.count_button.setText(self.tr("Stock count mode"))
        self.save_count_button.setText(self.tr("Save count"))
        self.export_button.setText(self.tr("Export stock (CSV)…"))
        self.export_moves_button.setText(self.tr("Export moves (CSV)…"))
        self.new_gift_button.setText(self.tr("New gift…"))
        self.edit_gift_button.setText(self.tr("Edit gift…"))
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("SKU"),
                self.tr("Gift"),
                self.tr("On hand"),
                self.tr("Alert at"),
                self.tr("Status"),
                self.tr("Counted"),
            ]
        )
        self.history.setHorizontalHeaderLabels(
            [
                self.tr("When"),
                self.tr("What"),
                self.tr("Pieces"),
                self.tr("On hand after"),
                self.tr("Why"),
                self.tr("Who"),
            ]
        )
        self.history_title.setText(self.tr("Moves of the selected gift"))
        if self.lines:
            self._show(self.lines)

    def on_shown(self) -> None:
        self.refresh()
        self.table.setFocus()

    # levels -----------------------------------------------------------------------------
    def refresh(self) -> None:
        reader = self.ctx.runtime.reader
        run_in_background(lambda: gifts.stock_levels(reader()), self._show)

    def _show(self, lines: list[StockLine]) -> None:
        chosen = self.selected()
        self.lines = lines
        locale = QLocale()
        self.table.blockSignals(True)
        self.table.setRowCount(len(lines))
        for row, line in enumerate(lines):
            status = self.tr("Low — reorder") if line.low else self.tr("OK")
            if not line.active:
                status = self.tr("Not offered")
            cells = (line.sku, _name(line), locale.toString(line.on_hand),
                     locale.toString(line.threshold), status)  # fmt: skip
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                if line.low:
                    item.setForeground(QColor("#b42318"))
                self.table.setItem(row, col, item)
            self.table.setItem(row, COUNTED_COLUMN, QTableWidgetItem(""))
        self.table.blockSignals(False)
        low = [_name(line) for line in lines if line.low]
        show_error(
            self.alert,
            self.tr("Low stock: %1").replace("%1", "、".join(low)) if low else "",
        )
        ids = [line.gift_id for line in lines]
        if lines:
            self.table.selectRow(
                ids.index(chosen.gift_id) if chosen and chosen.gift_id in ids else 0
            )

    def selected(self) -> StockLine | None:
        row = self.table.currentRow()
        return self.lines[row] if 0 <= row < len(self.lines) else None

    # history ----------------------------------------------------------------------------
    def _load_history(self) -> None:
        line, reader = self.selected(), self.ctx.runtime.reader
        if line is None:
            return
        run_in_background(lambda: gifts.move_history(reader(), line.gift_id), self._show_history)

    def _show_history(self, moves: list[MoveLine]) -> None:
        locale = QLocale()
        self.history.setRowCount(len(moves))
        for row, move in enumerate(moves):
            when = store_time_text(move.at, self.ctx.identity.timezone)
            parts = (self._cause_text(move), self._reason_text(move.reason), move.reference)
            why = " · ".join(x for x in parts if x)
            who = move.staff_name or ""
            if move.approved_by_name and move.approved_by_name != move.staff_name:
                who += " · " + self.tr("approved by %1").replace("%1", move.approved_by_name)
            cells = (when, self._kind_text(move.kind), f"{move.quantity:+,}",
                     locale.toString(move.on_hand_after), why, who)  # fmt: skip
            for col, text in enumerate(cells):
                self.history.setItem(row, col, QTableWidgetItem(text))

    def _kind_text(self, kind: str) -> str:
        return {
            "receive": self.tr("Received"),
            "redeem": self.tr("Redeemed"),
            "adjust": self.tr("Adjusted"),
            "count": self.tr("Counted"),
            "transfer_out": self.tr("Transferred out"),
            "transfer_in": self.tr("Transferred in"),
        }.get(kind, kind)

    def _reason_text(self, reason: str) -> str:
        """Fixed reasons are kept in English in the ledger; people's own pass as written."""
        return {
            "delivery": self.tr("delivery"),
            "redemption": self.tr("redemption"),
            "transfer": self.tr("transfer"),
            "stock count": self.tr("stock count"),
        }.get(reason, reason)

    def _cause_text(self, move: MoveLine) -> str:
        if move.kind == "count" and move.counted is not None:
            return self.tr("counted %1").replace("%1", str(move.counted))
        return {
            "damaged": self.tr("damaged"),
            "lost": self.tr("lost"),
            "found": self.tr("found"),
        }.get(move.cause or "", "")

    # moves ---------------------------------------------------------------------------------
    def _move(self, kind: str) -> None:
        line = self.selected()
        if line is None:
            return
        dialog = StockMoveDialog(self.ctx, kind, line.gift_id, f"{line.sku} · {_name(line)}", self)
        if dialog.exec() == StockMoveDialog.DialogCode.Accepted:
            self._changed()

    def _toggle_count(self) -> None:
        counting = self.count_button.isChecked()
        self.table.setColumnHidden(COUNTED_COLUMN, not counting)
        self.save_count_button.setVisible(counting)
        self.info.setText(
            self.tr(
                "Count mode: type what is on the shelf in the Counted column (leave blank what "
                "you did not count), then Save count. Differences become moves."
            )
            if counting
            else ""
        )
        if counting and self.lines:
            self.table.setCurrentCell(0, COUNTED_COLUMN)
            self.table.setFocus()

    def counted(self) -> dict[str, int]:
        counts = {}
        for row, line in enumerate(self.lines):
            item = self.table.item(row, COUNTED_COLUMN)
            text = item.text().strip() if item else ""
            if not text:
                continue
            value = parse_quantity(text)
            if value is None:
                raise ValidationError(codes.STOCK_BAD_COUNT)
            counts[line.gift_id] = value
        return counts

    def _save_count(self) -> None:
        try:
            counts = self.counted()
        except ValidationError as error:
            show_error(self.message, message_for(error))
            return
        if not counts:
            show_error(self.message, message_for(ValidationError(codes.STOCK_NOTHING_COUNTED)))
            return
        go, approval = obtain_approval(
            self.ctx, Permission.STOCK_COUNT, self.tr("save a stock count"), self
        )
        if not go:
            return
        self.ctx.write(
            gifts.count_stock,
            counts,
            approval=approval,
            done=self._counted,
            failed=lambda error: show_error(self.message, message_for(error)),
            owner=self,
        )

    def _counted(self, results) -> None:
        changed = sum(1 for r in results if r.quantity)
        self.count_button.setChecked(False)
        self._toggle_count()
        self.info.setText(
            self.tr("Count saved: %1 gifts counted, %2 differed.")
            .replace("%1", str(len(results)))
            .replace("%2", str(changed))
        )
        self._changed()

    def _changed(self) -> None:
        show_error(self.message, "")
        self.refresh()
        self._load_history()
        self.ctx.data_changed.emit()

    # export and catalog ------------------------------------------------------------------------
    def _export_stock(self) -> None:
        self._export("gift-stock.csv", gifts.export_stock_csv)

    def _export_moves(self) -> None:
        self._export("gift-stock-moves.csv", gifts.export_moves_csv)

    def _export(self, name: str, export) -> None:
        folder = self.ctx.runtime.data_dir / EXPORTS_DIRNAME
        folder.mkdir(exist_ok=True)
        target, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Export as CSV"), str(folder / name), "CSV (*.csv)"
        )
        if not target:
            return
        reader = self.ctx.runtime.reader
        run_in_background(
            lambda: export(reader(), Path(target)),
            lambda path: self.info.setText(self.tr("Saved: %1").replace("%1", str(path))),
            lambda error: show_error(self.message, message_for(error)),
            owner=self,
        )

    def _edit_selected(self) -> None:
        line = self.selected()
        if line is not None:
            self._edit_gift(line.gift_id)

    def _edit_gift(self, gift_id: str | None) -> None:
        go, approval = obtain_approval(
            self.ctx, Permission.CATALOG_MANAGE, self.tr("change the gift catalog"), self
        )
        if (
            go
            and GiftForm(self.ctx, gift_id, approval, self).exec() == GiftForm.DialogCode.Accepted
        ):
            self._changed()


def _name(line: StockLine) -> str:
    return line.name_zh if QLocale().language() == QLocale.Language.Chinese else line.name_en
