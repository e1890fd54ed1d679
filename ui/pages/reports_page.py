"""Reports (F8): the day's close, the programme's KPIs, members at risk, and the day's
reconciliation against the POS's export."""

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from services import reports
from services.printing.day_close import CloseText, render_close_page, render_close_slip
from services.printing.slips import close_slip
from services.reports import DayClose
from ui.messages import message_for
from ui.pages.base import Page
from ui.pages.report_at_risk import AtRiskTab
from ui.pages.report_kpis import KpiTab
from ui.pages.report_reconcile import ReconcileTab
from ui.printing import offer_pdf, print_or_offer
from ui.report_tables import busy_bar, export_table, fill_table, store_today
from ui.widgets import error_label, push_button, show_error
from ui.workers import run_in_background

PRINTS_DIRNAME = "prints"


class ReportsPage(Page):
    def __init__(self, ctx) -> None:
        super().__init__(ctx, "reportsPage")
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("reportTabs")
        self.close_tab = DayCloseTab(ctx, self)
        self.kpi_tab = KpiTab(ctx, self)
        self.risk_tab = AtRiskTab(ctx, self)
        self.reconcile_tab = ReconcileTab(ctx, self)
        for tab in self._all_tabs():
            self.tabs.addTab(tab, "")
        self.tabs.currentChanged.connect(lambda _i: self._load_current())
        self.layout_.addWidget(self.tabs, 1)
        self.retranslate()

    def title(self) -> str:
        return self.tr("Reports")

    def retranslate(self) -> None:
        super().retranslate()
        for index, text in enumerate(
            (
                self.tr("Day's close"),
                self.tr("KPIs"),
                self.tr("Members at risk"),
                self.tr("POS reconciliation"),
            )
        ):
            self.tabs.setTabText(index, text)
        for tab in self._all_tabs():
            tab.retranslate()

    def on_shown(self) -> None:
        self._load_current()

    def _all_tabs(self) -> tuple:
        return (self.close_tab, self.kpi_tab, self.risk_tab, self.reconcile_tab)

    def forget_user(self) -> None:
        for tab in self._all_tabs():
            show_error(tab.message, "")
        self.reconcile_tab.forget_user()

    def _load_current(self) -> None:
        self.tabs.currentWidget().load()


class DayCloseTab(QWidget):
    def __init__(self, ctx, parent) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.close: DayClose | None = None
        self.day = QDateEdit(store_today(ctx), self)
        self.day.setObjectName("closeDay")
        self.day.setCalendarPopup(True)
        self.day.dateChanged.connect(lambda _d: self.load())
        self.busy = busy_bar(self, "closeBusy")
        self.table = QTableWidget(0, 9, self)
        self.table.setObjectName("closeTable")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        # Each figure as wide as its header; the staff names take the rest, so no header is
        # cut short at 1366 pixels.
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.footer = QLabel(self)
        self.footer.setObjectName("closeFooter")
        self.message = error_label(self, "closeMessage")
        self.slip_button = push_button(self, "closePrintSlip", lambda: self._print(False))
        self.page_button = push_button(self, "closePrintPage", lambda: self._print(True))
        self.csv_button = push_button(self, "closeExport", self._export)
        top = QHBoxLayout()
        self.day_label = QLabel(self)
        top.addWidget(self.day_label)
        top.addWidget(self.day)
        top.addStretch(1)
        for button in (self.slip_button, self.page_button, self.csv_button):
            top.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.busy)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.footer)
        layout.addWidget(self.message)

    def headers(self) -> list[str]:
        return [
            self.tr("Staff"),
            self.tr("Points issued"),
            self.tr("Points redeemed"),
            self.tr("Coupons issued"),
            self.tr("Coupons used"),
            self.tr("Gifts given"),
            self.tr("Visits"),
            self.tr("Sign-ins"),
            self.tr("New members"),
        ]

    def retranslate(self) -> None:
        self.day_label.setText(self.tr("Day"))
        self.table.setHorizontalHeaderLabels(self.headers())
        self.slip_button.setText(self.tr("Print slip (80 mm)"))
        self.page_button.setText(self.tr("Print A4"))
        self.csv_button.setText(self.tr("Export CSV…"))
        if self.close is not None:
            self._show(self.close)

    def load(self) -> None:
        day, reader, now = (
            self.day.date().toPython(),
            self.ctx.runtime.reader,
            self.ctx.runtime.now(),
        )
        actor = self.ctx.actor
        self.busy.show()
        run_in_background(
            lambda: reports.day_close(reader(), actor, day, now),
            self._show,
            self._failed,
            owner=self,
        )

    def _rows(self, close: DayClose) -> list[list[str]]:
        locale = QLocale()
        rows = [
            [row.staff_name or self.tr("(no staff)")]
            + [locale.toString(getattr(row, f)) for f in reports.FIGURES]
            for row in close.rows
        ]
        total = [self.tr("Total")] + [
            locale.toString(getattr(close.total, f)) for f in reports.FIGURES
        ]
        return [*rows, total]

    def _footer(self, close: DayClose) -> list[str]:
        return [
            self.tr("Points expired: %1").replace("%1", QLocale().toString(close.points_expired)),
            self.tr("Operations waiting to sync: %1").replace(
                "%1", QLocale().toString(close.pending_operations)
            ),
        ]

    def _show(self, close: DayClose) -> None:
        self.busy.hide()
        self.close = close
        show_error(self.message, "")  # an earlier refusal is not about this report
        fill_table(self.table, self._rows(close))
        self.footer.setText("    ".join(self._footer(close)))

    def _failed(self, error: BaseException) -> None:
        self.busy.hide()
        show_error(self.message, message_for(error))

    def _print(self, a4: bool) -> None:
        close = self.close
        if close is None:
            return
        locale = QLocale()
        text = CloseText(
            title=self.tr("Day's close · %1").replace(
                "%1", locale.toString(close.day, QLocale.FormatType.ShortFormat)
            ),
            store_line=f"{close.store_name} · {close.counter_label}",
            made_line=self.tr("Printed %1 by %2")
            .replace(
                "%1",
                locale.toString(
                    close.made_at.astimezone().replace(tzinfo=None), QLocale.FormatType.ShortFormat
                ),
            )
            .replace("%2", self.ctx.actor.staff_name if self.ctx.actor else ""),
            headers=self.headers(),
            rows=self._rows(close),
            footer=self._footer(close),
        )
        folder = self.ctx.runtime.data_dir / PRINTS_DIRNAME
        name = f"close-{close.day.isoformat()}-{'a4' if a4 else 'slip'}.pdf"
        render = render_close_page if a4 else render_close_slip

        def draw(text: CloseText):
            folder.mkdir(exist_ok=True)
            return render(text, folder / name)

        print_or_offer(
            self.ctx,
            self,
            lambda: text,
            draw,
            None if a4 else lambda text: [close_slip(text)],
            lambda path: offer_pdf(path, self, text.title, path.name),
            self._failed,
        )

    def _export(self) -> None:
        day = self.day.date().toPython().isoformat()
        export_table(self, self.table, self.headers(), f"close-{day}.csv", self._tell)

    def _tell(self, text: str) -> None:
        show_error(self.message, text)
