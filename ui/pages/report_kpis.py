"""The KPI tab: the period's figures as cards, and charts of visits, tiers and NPS."""

from datetime import timedelta

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QDateTimeAxis,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QDate, QDateTime, QLocale, Qt, QTime
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from services import reports
from services.reports import Kpis
from services.rules.points import TIER_ORDER
from ui.labels import coupon_title, tier_label
from ui.messages import message_for
from ui.money import yuan
from ui.report_tables import busy_bar, export_table, fill_table, store_today
from ui.widgets import error_label, push_button, show_error
from ui.workers import run_in_background

BRAND = QColor("#0f766e")


def _count_axis(values: list[int]) -> QValueAxis:
    """Whole numbers from 0 in four round steps (1, 2, 5, 10, 20, 50 ...): readable in a
    short chart, never "0 0 0 1" for small counts."""
    top = max([4, *values])
    step = next(m * 10**e for e in range(12) for m in (1, 2, 5) if m * 10**e * 4 >= top)
    axis = QValueAxis()
    axis.setRange(0, step * 4)
    axis.setTickType(QValueAxis.TickType.TicksDynamic)
    axis.setTickAnchor(0)
    axis.setTickInterval(step)
    axis.setLabelFormat("%d")
    return axis


def permille_text(value: int | None) -> str:
    return "—" if value is None else QLocale().toString(value / 10, "f", 1) + " %"


class KpiTab(QWidget):
    def __init__(self, ctx, parent) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.kpis: Kpis | None = None
        today = store_today(ctx)
        self.first = QDateEdit(today.addDays(-29), self)
        self.first.setObjectName("kpiFirst")
        self.last = QDateEdit(today, self)
        self.last.setObjectName("kpiLast")
        for edit in (self.first, self.last):
            edit.setCalendarPopup(True)
            edit.dateChanged.connect(lambda _d: self.load())
        self.busy = busy_bar(self, "kpiBusy")
        self.message = error_label(self, "kpiMessage")
        self.csv_button = push_button(self, "kpiExport", self._export)
        self.cards: dict[str, QLabel] = {}
        grid = QGridLayout()
        self.card_titles: dict[str, QLabel] = {}
        for i, key in enumerate(
            ("active", "repurchase", "coupons", "liability", "new_members", "nps")
        ):
            frame = QFrame(self)
            frame.setObjectName("kpiCard")
            title, value = QLabel(frame), QLabel(frame)
            value.setObjectName(f"kpi_{key}")
            value.setStyleSheet("font-size: 22px; font-weight: 600; color: #0f766e;")
            box = QVBoxLayout(frame)
            box.addWidget(title)
            box.addWidget(value)
            self.cards[key], self.card_titles[key] = value, title
            grid.addWidget(frame, i // 3, i % 3)
        self.visits_chart, self.tier_chart, self.nps_chart = QChart(), QChart(), QChart()
        charts = QHBoxLayout()
        for chart in (self.visits_chart, self.tier_chart, self.nps_chart):
            chart.legend().hide()
            chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
            view = QChartView(chart, self)
            view.setRenderHint(QPainter.RenderHint.Antialiasing)
            view.setMinimumHeight(220)
            charts.addWidget(view)
        self.gifts = QTableWidget(0, 2, self)
        self.gifts.setObjectName("kpiTopGifts")
        self.gifts.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.gifts.verticalHeader().hide()
        self.gifts.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.gifts.setMaximumHeight(150)
        top = QHBoxLayout()
        self.period_label, self.to_label = QLabel(self), QLabel(self)
        for widget in (self.period_label, self.first, self.to_label, self.last):
            top.addWidget(widget)
        top.addStretch(1)
        top.addWidget(self.csv_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.busy)
        layout.addLayout(grid)
        layout.addLayout(charts, 1)
        layout.addWidget(self.gifts)
        layout.addWidget(self.message)

    def retranslate(self) -> None:
        self.period_label.setText(self.tr("From"))
        self.to_label.setText(self.tr("to"))
        self.csv_button.setText(self.tr("Export CSV…"))
        titles = {
            "active": self.tr("Active members (bought in the period)"),
            "repurchase": self.tr("Repurchase rate"),
            "coupons": self.tr("Coupon redemption rate"),
            "liability": self.tr("Points outstanding (value)"),
            "new_members": self.tr("New members"),
            "nps": self.tr("NPS · satisfaction (CSAT)"),
        }
        for key, label in self.card_titles.items():
            label.setText(titles[key])
        self.visits_chart.setTitle(self.tr("Visits per day"))
        self.tier_chart.setTitle(self.tr("Members by tier"))
        self.nps_chart.setTitle(self.tr("NPS by week"))
        self.gifts.setHorizontalHeaderLabels([self.tr("Top gifts"), self.tr("Redeemed")])
        if self.kpis is not None:
            self._show(self.kpis)

    def load(self) -> None:
        first, last = self.first.date().toPython(), self.last.date().toPython()
        if last < first:
            show_error(self.message, self.tr("The period must end after it starts."))
            return
        if (last - first) > timedelta(days=reports.MAX_PERIOD_DAYS - 1):
            show_error(self.message, self.tr("Choose a period of at most a year."))
            return
        show_error(self.message, "")
        reader, actor = self.ctx.runtime.reader, self.ctx.actor
        self.busy.show()
        run_in_background(
            lambda: reports.period_kpis(reader(), actor, first, last),
            self._show,
            self._failed,
            owner=self,
        )

    def _failed(self, error: BaseException) -> None:
        self.busy.hide()
        show_error(self.message, message_for(error))

    def figures(self, k: Kpis) -> list[tuple[str, str]]:
        locale = QLocale()
        nps = "—" if k.nps.score is None else f"{k.nps.score:+d}"
        return [
            (self.card_titles["active"].text(), locale.toString(k.active_members)),
            (self.card_titles["repurchase"].text(), permille_text(k.repurchase_per_mille)),
            (self.card_titles["coupons"].text(), permille_text(k.coupon_redemption_per_mille)),
            (
                self.card_titles["liability"].text(),
                self.tr("%1 points · %2 yuan")
                .replace("%1", locale.toString(k.points_outstanding))
                .replace("%2", yuan(k.liability_fen)),
            ),
            (self.card_titles["new_members"].text(), locale.toString(k.new_members)),
            (
                self.card_titles["nps"].text(),
                self.tr("%1 (%2 answers)").replace("%1", nps).replace("%2", str(k.nps.responses))
                + " · "
                + self._csat_text(k.csat),
            ),
        ]

    def _csat_text(self, csat) -> str:
        if csat.percent is None:
            return self.tr("no satisfaction answers")
        return (
            self.tr("%1% satisfied (%2)")
            .replace("%1", str(csat.percent))
            .replace("%2", str(csat.responses))
        )

    def _show(self, k: Kpis) -> None:
        self.busy.hide()
        self.kpis = k
        for key, (_title, value) in zip(self.cards, self.figures(k), strict=True):
            self.cards[key].setText(value)
        self._days(self.visits_chart, k.visits_per_day)
        self._bars(
            self.tier_chart,
            [tier_label(t) for t in TIER_ORDER],
            [k.tiers.get(t, 0) for t in TIER_ORDER],
        )
        self._days(
            self.nps_chart, [(w, n.score or 0) for w, n in k.nps_by_week], low=-100, high=100
        )
        self.gifts.setRowCount(len(k.top_gifts))
        fill_table(self.gifts, [[coupon_title(zh, en), str(n)] for zh, en, n in k.top_gifts])

    @staticmethod
    def _bars(chart: QChart, labels: list[str], values: list[int]) -> None:
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        bars = QBarSet("")
        bars.setColor(BRAND)
        bars.append([float(v) for v in values])
        series = QBarSeries()
        series.append(bars)
        chart.addSeries(series)
        x, y = QBarCategoryAxis(), _count_axis(values)
        x.append(labels)
        chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(x)
        series.attachAxis(y)

    @staticmethod
    def _days(
        chart: QChart, per_day: list, low: int | None = None, high: int | None = None
    ) -> None:
        """A line over dates: a date axis keeps its labels readable for any period."""
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        series = QLineSeries()
        series.setColor(BRAND)
        for day, n in per_day:
            stamp = QDateTime(QDate(day.year, day.month, day.day), QTime(12, 0))
            series.append(float(stamp.toMSecsSinceEpoch()), float(n))
        chart.addSeries(series)
        x = QDateTimeAxis()
        x.setFormat("MM-dd")
        x.setTickCount(min(6, max(2, len(per_day))))
        y = _count_axis([n for _, n in per_day])
        if low is not None:
            y.setRange(low, high)
            y.setTickInterval((high - low) // 4)
        chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(x)
        series.attachAxis(y)

    def _export(self) -> None:
        k = self.kpis
        if k is None:
            return
        table = QTableWidget(0, 2)
        rows = [[title, value] for title, value in self.figures(k)]
        rows += [[d.isoformat(), str(n)] for d, n in k.visits_per_day]
        fill_table(table, rows)
        name = f"kpis-{k.start.isoformat()}-{k.end.isoformat()}.csv"
        export_table(self, table, [self.tr("Figure"), self.tr("Value")], name, self._tell)

    def _tell(self, text: str) -> None:
        show_error(self.message, text)
