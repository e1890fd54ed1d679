"""Reports → POS reconciliation: a manager imports the till's daily export (CSV or XLSX, read
by the store's column names), sees every line that does not match the counter's earns
grouped by kind, the error rate against the 0.5% target, marks a line explained with a
reason (kept in the audit log), exports the list as CSV, prints it on A4 and sends the
finished day to head office (services.pos.report_reconciliation).

Reading the file, matching, explaining, exporting and printing run off the GUI thread."""

from functools import partial
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from services import pos
from services.printing.reconcile_page import render_reconcile_page
from ui.messages import message_for
from ui.pages.reconcile_text import money, reconcile_text
from ui.pages.report_columns import ColumnsBox
from ui.printing import offer_pdf, print_or_offer
from ui.report_tables import busy_bar, store_today
from ui.widgets import error_label, push_button, show_error
from ui.workers import run_in_background

PRINTS_DIRNAME = "prints"
_LINE = Qt.ItemDataRole.UserRole  # a line's (kind, receipt)
ALERT, GOOD = "#b42318", "#1d7a46"


class ReconcileTab(QWidget):
    def __init__(self, ctx, parent) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.result = None  # services.pos.Reconciliation of the imported export
        self.reasons: dict[tuple[str, str], str] = {}
        self.source: Path | None = None  # the export last imported
        self.day = QDateEdit(store_today(ctx), self)
        self.day.setObjectName("reconcileDay")
        self.day.setCalendarPopup(True)
        self.day.dateChanged.connect(lambda _d: self._rerun())
        self.import_button = push_button(self, "reconcileImport", self._choose_file)
        self.csv_button = push_button(self, "reconcileExport", self._export)
        self.print_button = push_button(self, "reconcilePrint", self._print)
        self.report_button = push_button(self, "reconcileReport", self._report)
        self.columns = ColumnsBox(ctx, self._tell, self._failed, self)
        self.busy = busy_bar(self, "reconcileBusy")
        self.summary = QLabel(self)
        self.summary.setObjectName("reconcileSummary")
        self.rate = QLabel(self)
        self.rate.setObjectName("reconcileRate")
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("reconcileLines")
        self.tree.setColumnCount(4)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setUniformRowHeights(True)
        # Receipts and amounts as wide as they need; the explanation takes the rest.
        self.tree.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setStretchLastSection(True)
        self.reason = QLineEdit(self)
        self.reason.setObjectName("reconcileReason")
        self.reason.setMaxLength(200)
        self.reason.returnPressed.connect(self._explain)
        self.explain_button = push_button(self, "reconcileExplain", self._explain)
        self.message = error_label(self, "reconcileMessage")
        self.note = QLabel(self)  # what was done, told calmly (refusals go to message)
        self.note.setObjectName("reconcileNote")
        self.note.setWordWrap(True)
        self.day_label = QLabel(self)
        self._build()
        self._enable()

    def _build(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.day_label)
        top.addWidget(self.day)
        top.addStretch(1)
        buttons = (self.import_button, self.csv_button, self.print_button, self.report_button)
        for button in buttons:
            top.addWidget(button)
        explain = QHBoxLayout()
        explain.addWidget(self.reason, 1)
        explain.addWidget(self.explain_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.columns)
        layout.addWidget(self.busy)
        layout.addWidget(self.summary)
        layout.addWidget(self.rate)
        layout.addWidget(self.tree, 1)
        layout.addLayout(explain)
        layout.addWidget(self.message)
        layout.addWidget(self.note)

    def retranslate(self) -> None:
        self.day_label.setText(self.tr("Day"))
        self.import_button.setText(self.tr("Import POS export…"))
        self.csv_button.setText(self.tr("Export CSV…"))
        self.print_button.setText(self.tr("Print A4"))
        self.report_button.setText(self.tr("Send to head office"))
        self.explain_button.setText(self.tr("Mark explained"))
        self.reason.setPlaceholderText(
            self.tr("Why this line differs (kept in the audit log with your name)")
        )
        self.columns.retranslate()
        self.tree.setHeaderLabels(self.text().headers)
        self._show()

    def text(self):
        """The words of the screen and the printout, in the UI's language."""
        return reconcile_text(self.ctx, self.result, self.reasons, self._day())

    def load(self) -> None:
        """Shown: nothing to fetch until an export is imported."""

    def forget_user(self) -> None:
        """Another person signed in: the previous one's import is not theirs to see."""
        self.result, self.reasons, self.source = None, {}, None
        self.reason.clear()
        self.note.clear()
        show_error(self.message, "")
        self._show()
        self._enable()

    def _day(self):
        return self.day.date().toPython()

    # import and matching -----------------------------------------------------------------
    def _choose_file(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self, self.tr("The POS's daily export"), "", self.tr("POS export (*.csv *.xlsx)")
        )
        if name:
            self.import_file(Path(name))

    def import_file(self, path: Path) -> None:
        """Reads and matches `path` in the background; the list shows when done."""
        self.source = path
        self._rerun()

    def _rerun(self) -> None:
        if self.source is None:
            return
        self.busy.show()
        self._enable(busy=True)
        asked = (self._day(), self.source)
        self.ctx.read(
            pos.review_file,
            *asked,
            self.columns.mapping(),
            done=partial(self._matched, asked=asked),
            failed=lambda error: self._asked_now(asked) and self._failed(error),
            owner=self,
        )

    def _asked_now(self, asked: tuple) -> bool:
        """An answer is for the day and file shown now: one asked before the day changed
        (or before another person signed in) can arrive last, and is dropped."""
        return asked == (self._day(), self.source)

    def _matched(self, found, asked: tuple | None = None) -> None:
        if asked is not None and not self._asked_now(asked):
            return
        self.busy.hide()
        self.result, self.reasons = found
        show_error(self.message, "")
        self._show()
        self._enable()

    def _failed(self, error: BaseException) -> None:
        self.busy.hide()
        self._enable()
        self.note.clear()
        show_error(self.message, message_for(error))

    def _enable(self, busy: bool = False) -> None:
        has = self.result is not None and not busy
        for widget in (
            self.csv_button,
            self.print_button,
            self.report_button,
            self.explain_button,
            self.reason,
        ):
            widget.setEnabled(has)
        self.import_button.setEnabled(not busy)

    # the list -----------------------------------------------------------------------------
    def _show(self) -> None:
        text = self.text()
        chosen = self.chosen()
        self.tree.clear()
        self.summary.setText(text.summary_line)
        self.rate.setText(text.rate_line if self.result is not None else "")
        self.rate.setStyleSheet(f"color: {GOOD if text.within_target else ALERT};")
        if self.result is None:
            return
        by_kind: dict[str, list] = {}
        for line in self.result.mismatches:
            by_kind.setdefault(line.kind, []).append(line)
        for kind, heading in text.kind_headings.items():
            lines = by_kind.get(kind, [])
            if not lines:
                continue
            group = QTreeWidgetItem(self.tree, [heading])
            group.setFirstColumnSpanned(True)
            for line in lines:
                reason = self.reasons.get((line.kind, line.receipt), "")
                cells = [line.receipt, money(line.pos_fen), money(line.loyalty_fen), reason]
                item = QTreeWidgetItem(group, cells)
                item.setData(0, _LINE, (line.kind, line.receipt))
                for column in (1, 2):
                    item.setTextAlignment(column, Qt.AlignmentFlag.AlignRight)
                if not reason:
                    item.setForeground(0, QBrush(QColor(ALERT)))
                if (line.kind, line.receipt) == chosen:
                    self.tree.setCurrentItem(item)
            group.setExpanded(True)
        for column in range(3):
            self.tree.resizeColumnToContents(column)

    def chosen(self) -> tuple[str, str] | None:
        """The (kind, receipt) of the selected line, if a line (not a group) is selected."""
        item = self.tree.currentItem()
        return None if item is None else item.data(0, _LINE)

    # explaining ---------------------------------------------------------------------------
    def _explain(self) -> None:
        line, reason = self.chosen(), self.reason.text()
        if line is None:
            self.note.clear()
            show_error(self.message, self.tr("Choose a line to explain first."))
            return
        self.explain_button.setEnabled(False)
        self.ctx.write(
            pos.explain_line,
            self._day(),
            *line,
            reason,
            done=self._explained,
            failed=self._failed,
            owner=self,
        )

    def _explained(self, reasons) -> None:
        self.reasons = reasons
        self.reason.clear()
        self._enable()
        self._tell(self.tr("The explanation is kept in the audit log."))
        self._show()

    # export and print ---------------------------------------------------------------------
    def _export(self) -> None:
        if self.result is None:
            return
        name = f"reconcile-{self._day().isoformat()}.csv"
        target, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Export as CSV"), name, "CSV (*.csv)"
        )
        if target:
            self.export_to(Path(target))

    def export_to(self, path: Path) -> None:
        result, reasons = self.result, dict(self.reasons)
        run_in_background(
            lambda: pos.save_csv(path, result, reasons),
            lambda saved: self._tell(self.tr("Saved: %1").replace("%1", str(saved))),
            self._failed,
            owner=self,
        )

    def _print(self) -> None:
        if self.result is None:
            return
        text = self.text().printed
        folder = self.ctx.runtime.data_dir / PRINTS_DIRNAME
        path = folder / f"reconcile-{self._day().isoformat()}.pdf"

        def draw(printed):
            folder.mkdir(exist_ok=True)
            return render_reconcile_page(printed, path)

        print_or_offer(
            self.ctx,
            self,
            lambda: text,
            draw,
            None,
            lambda made: offer_pdf(made, self, text.title, made.name),
            self._failed,
        )

    # head office ----------------------------------------------------------------------------
    def _report(self) -> None:
        """The finished day goes to the centre with the next sync (a later report of the
        same day replaces it there), explanations included."""
        if self.result is None:
            return
        self.report_button.setEnabled(False)
        self.ctx.write(
            pos.report_reconciliation,
            self._day(),
            self.result,
            dict(self.reasons),
            done=self._reported,
            failed=self._failed,
            owner=self,
        )

    def _reported(self, _recorded) -> None:
        self._enable()
        self._tell(self.tr("The day's reconciliation goes to head office with the next sync."))
        self.ctx.data_changed.emit()  # an operation waits to sync

    def _tell(self, words: str) -> None:
        show_error(self.message, "")
        self.note.setText(words)
