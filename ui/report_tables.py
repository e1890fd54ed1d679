"""Pieces the report tabs share: a busy bar, tables of figures, CSV export of a table."""

from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, QDate, Qt
from PySide6.QtWidgets import QFileDialog, QProgressBar, QTableWidget, QTableWidgetItem, QWidget

from services.reports import write_csv
from ui.messages import message_for
from ui.workers import run_in_background


def busy_bar(parent: QWidget, name: str) -> QProgressBar:
    """An indicator for a query running in the background."""
    bar = QProgressBar(parent)
    bar.setObjectName(name)
    bar.setRange(0, 0)
    bar.setMaximumHeight(6)
    bar.setTextVisible(False)
    bar.hide()
    return bar


def fill_table(table: QTableWidget, rows: list[list[str]], text_columns=()) -> None:
    """`text_columns`: columns of words (names, tiers) that read from the left."""
    table.setRowCount(len(rows))
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if c > 0 and c not in text_columns:  # figures line up on the right
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(r, c, item)


def table_rows(table: QTableWidget) -> list[list[str]]:
    return [
        [table.item(r, c).text() if table.item(r, c) else "" for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


def export_table(page: QWidget, table: QTableWidget, headers: list[str], name: str, tell) -> None:
    """Asks where, then writes the table as it is shown (UTF-8 with BOM) in the background."""
    title = QCoreApplication.translate("Reports", "Export as CSV")
    target, _filter = QFileDialog.getSaveFileName(page, title, name, "CSV (*.csv)")
    if not target:
        return
    rows = table_rows(table)
    run_in_background(
        lambda: write_csv(Path(target), headers, rows),
        lambda path: tell(
            QCoreApplication.translate("Reports", "Saved: %1").replace("%1", str(path))
        ),
        lambda error: tell(message_for(error)),
        owner=page,
    )


def store_today(ctx) -> QDate:
    """Today on the counter's clock, in the store's time zone (not the machine's)."""
    day = ctx.runtime.now().astimezone(ZoneInfo(ctx.identity.timezone)).date()
    return QDate(day.year, day.month, day.day)
