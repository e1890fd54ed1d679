"""Members at risk: quiet for 90 days and spending less; RFM segments; a win-back coupon
for the chosen members in one click (through the coupons service), printed or exported."""

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from services import coupons, members
from services.members import AtRiskMember
from services.rules.permissions import Permission
from ui.coupon_printing import print_coupons
from ui.dialogs.approval import obtain_approval
from ui.labels import tier_label
from ui.messages import message_for
from ui.money import yuan
from ui.report_tables import busy_bar, export_table, fill_table
from ui.widgets import error_label, push_button, show_error
from ui.workers import run_in_background

SEGMENTS = (
    "champions",
    "loyal",
    "big_spenders",
    "new_or_occasional",
    "slipping_champions",
    "slipping",
    "cannot_lose",
    "dormant",
)

TEXT_COLUMNS = (1, 2, 3)  # name, mobile, tier
SPEND_COLUMNS = (5, 6)


class AtRiskTab(QWidget):
    def __init__(self, ctx, parent) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.members: list[AtRiskMember] = []
        self.counts: dict[str, int] = {}
        self.busy = busy_bar(self, "riskBusy")
        self.segments = QLabel(self)
        self.segments.setObjectName("rfmSegments")
        self.segments.setWordWrap(True)
        self.table = QTableWidget(0, 7, self)
        self.table.setObjectName("riskTable")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        # Who the member is takes what it needs; the two spends share the rest, so no
        # header is cut short at 1366 pixels.
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for column in SPEND_COLUMNS:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.message = error_label(self, "riskMessage")
        self.winback_button = push_button(self, "riskWinback", self._win_back)
        self.winback_button.setProperty("role", "primary")
        self.csv_button = push_button(self, "riskExport", self._export)
        top = QHBoxLayout()
        top.addWidget(self.segments, 1)
        top.addWidget(self.csv_button)
        top.addWidget(self.winback_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.busy)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)

    def headers(self) -> list[str]:
        return [
            self.tr("Member no."),
            self.tr("Name"),
            self.tr("Mobile"),
            self.tr("Tier"),
            self.tr("Last purchase"),
            self.tr("Spend, last 6 months (yuan)"),
            self.tr("Spend, 6 months before (yuan)"),
        ]

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels(self.headers())
        self.winback_button.setText(self.tr("Give the chosen a win-back coupon…"))
        self.csv_button.setText(self.tr("Export CSV…"))
        self._show((self.members, self.counts))

    def _segment_text(self, key: str) -> str:
        return {
            "champions": self.tr("Champions"),
            "loyal": self.tr("Loyal"),
            "big_spenders": self.tr("Big spenders"),
            "new_or_occasional": self.tr("New or occasional"),
            "slipping_champions": self.tr("Slipping champions"),
            "slipping": self.tr("Slipping"),
            "cannot_lose": self.tr("Cannot lose them"),
            "dormant": self.tr("Dormant"),
        }[key]

    def load(self) -> None:
        reader, now, actor = self.ctx.runtime.reader, self.ctx.runtime.now(), self.ctx.actor
        self.busy.show()
        run_in_background(
            lambda: (
                members.at_risk_members(reader(), actor, now),
                members.rfm_counts(reader(), actor, now),
            ),
            self._show,
            self._failed,
            owner=self,
        )

    def _failed(self, error: BaseException) -> None:
        self.busy.hide()
        show_error(self.message, message_for(error))

    def _show(self, found) -> None:
        self.busy.hide()
        self.members, self.counts = found
        locale = QLocale()
        parts = [
            f"{self._segment_text(k)} {locale.toString(self.counts[k])}"
            for k in SEGMENTS
            if self.counts.get(k)
        ]
        self.segments.setText(self.tr("Segments: %1").replace("%1", " · ".join(parts) or "—"))
        fill_table(
            self.table,
            [
                [
                    m.member_no,
                    m.name,
                    m.mobile_masked,
                    tier_label(m.tier),
                    locale.toString(
                        m.last_purchase_at.astimezone().date(), QLocale.FormatType.ShortFormat
                    ),
                    yuan(m.spend_recent_fen),
                    yuan(m.spend_before_fen),
                ]
                for m in self.members
            ],
            TEXT_COLUMNS,
        )

    def _chosen(self) -> list[AtRiskMember]:
        rows = sorted({i.row() for i in self.table.selectedIndexes()})
        return [self.members[r] for r in rows if r < len(self.members)]

    def _win_back(self) -> None:
        chosen = [m.member_id for m in self._chosen()]
        if not chosen:
            show_error(self.message, self.tr("Choose members in the list first."))
            return
        go, approval = obtain_approval(
            self.ctx, Permission.COUPON_GRANT, self.tr("give win-back coupons"), self
        )
        if not go:
            return
        self.ctx.write(
            coupons.issue_winback,
            chosen,
            approval,
            done=self._issued,
            failed=self._failed,
            owner=self,
        )

    def _issued(self, issued: list) -> None:
        text = self.tr(
            "Win-back coupons given: %1 (members not yet six months quiet, or "
            "who already have one, are skipped)."
        ).replace("%1", str(len(issued)))
        show_error(self.message, text)
        self.ctx.data_changed.emit()
        if issued:
            print_coupons(self.ctx, [c.coupon_id for c in issued], True, self, self._tell)

    def _export(self) -> None:
        export_table(self, self.table, self.headers(), "members-at-risk.csv", self._tell)

    def _tell(self, text: str) -> None:
        show_error(self.message, text)
