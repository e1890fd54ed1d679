"""Sync (F7): the link with the central system, operations waiting, operations the centre
refused (with why), the conflicts it found, which a manager resolves with a reason, and the
changes it published that this counter could not apply (quarantined, with why)."""

from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from services import sync
from services.reports import SyncStatus, read_sync_status
from services.sync import QuarantinedChange, SyncError, list_quarantined
from ui.context import CounterContext
from ui.dialogs.sync_resolve import ResolveConflictDialog
from ui.messages import message_for
from ui.pages.base import Page
from ui.status_bar import clock_warning
from ui.widgets import error_label, push_button, show_error
from ui.workers import run_in_background


def conflict_label(kind: str) -> str:
    labels = {
        "coupon.redeemed_twice": QCoreApplication.translate(
            "Sync", "Coupon redeemed at two counters"
        ),
        "coupon.redeemed_after_revoke": QCoreApplication.translate(
            "Sync", "Coupon redeemed after it was revoked"
        ),
        "points.over_redeemed": QCoreApplication.translate(
            "Sync", "Points over-redeemed across stores (arrears)"
        ),
        "stock.below_zero": QCoreApplication.translate("Sync", "Stock below zero: count this gift"),
        "member.mobile_taken": QCoreApplication.translate(
            "Sync", "Two members with one mobile number"
        ),
    }
    return labels.get(kind, kind)


def conflict_detail(row: sync.ConflictRow) -> str:
    d = row.detail
    if row.kind == "coupon.redeemed_twice":
        return (
            QCoreApplication.translate("Sync", "first at %1, again at %2")
            .replace("%1", str(d.get("first_store", "")))
            .replace("%2", str(d.get("second_store", "")))
        )
    if row.kind == "points.over_redeemed":
        return (
            QCoreApplication.translate("Sync", "%1 (%2): arrears %3 points")
            .replace("%1", str(d.get("name", "")))
            .replace("%2", str(d.get("member_no", "")))
            .replace("%3", str(d.get("arrears", 0)))
        )
    if row.kind == "stock.below_zero":
        return QCoreApplication.translate("Sync", "on hand by the books: %1").replace(
            "%1", str(d.get("on_hand", ""))
        )
    return row.subject


class SyncPage(Page):
    def __init__(self, ctx: CounterContext) -> None:
        super().__init__(ctx, "syncPage")
        card = QFrame(self)
        card.setObjectName("card")
        inner = QVBoxLayout(card)
        self.state = QLabel(card)
        self.state.setObjectName("syncState")
        self.state.setWordWrap(True)
        self.pending = QLabel(card)
        self.pending.setObjectName("syncPending")
        self.sync_now = push_button(card, "syncNow", self._sync_now)
        row = QHBoxLayout()
        row.addWidget(self.pending, 1)
        row.addWidget(self.sync_now)
        inner.addWidget(self.state)
        inner.addLayout(row)
        self.message = error_label(card, "syncMessage")
        inner.addWidget(self.message)
        self.layout_.addWidget(card)

        self.conflicts_title = QLabel(self)
        self.conflicts_title.setObjectName("sectionTitle")
        self.conflicts = self._table("syncConflicts", 5)
        self.resolve = push_button(self, "resolveConflict", self._resolve)
        self.rejected_title = QLabel(self)
        self.rejected_title.setObjectName("sectionTitle")
        self.rejected = self._table("syncRejected", 4)
        self.layout_.addWidget(self.conflicts_title)
        self.layout_.addWidget(self.conflicts, 2)
        self.layout_.addWidget(self.resolve)
        self.layout_.addWidget(self.rejected_title)
        self.layout_.addWidget(self.rejected, 1)
        self.quarantine_title = QLabel(self)
        self.quarantine_title.setObjectName("sectionTitle")
        self.quarantine = self._table("syncQuarantine", 5)
        self.mark_seen = push_button(self, "markQuarantineSeen", self._mark_seen)
        self.layout_.addWidget(self.quarantine_title)
        self.layout_.addWidget(self.quarantine, 1)
        self.layout_.addWidget(self.mark_seen)
        self._status: SyncStatus | None = None
        self._conflicts: list[sync.ConflictRow] = []
        self._rejected: list[sync.RejectedRow] = []
        self._quarantined: list[QuarantinedChange] = []
        ctx.sync_finished.connect(lambda _report: self.refresh() if self.isVisible() else None)
        self.retranslate()

    def _table(self, name: str, columns: int) -> QTableWidget:
        table = QTableWidget(0, columns, self)
        table.setObjectName(name)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.verticalHeader().hide()
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        return table

    def title(self) -> str:
        return self.tr("Sync")

    def retranslate(self) -> None:
        super().retranslate()
        s = self._status
        if s is None or not s.enrolled:
            text = self.tr(
                "This counter is not enrolled with the central system yet, so it works "
                "offline. Everything it records is kept, in order, for the first sync. "
                "Enroll it in Settings with the centre's address and a one-time code."
            )
        else:
            online = self.ctx.online
            text = (
                self.tr("Central system: %1 (%2).")
                .replace("%1", s.central_url or "")
                .replace("%2", self.tr("online") if online else self.tr("offline"))
            )
            if s.last_success is not None:
                when = s.last_success.astimezone(ZoneInfo(self.ctx.identity.timezone))
                text += " " + self.tr("Last successful sync: %1.").replace(
                    "%1", when.strftime("%Y-%m-%d %H:%M")
                )
            if s.last_error:
                text += " " + message_for(SyncError(s.last_error))
            if s.clock_off:
                text += " " + clock_warning(s.clock_skew_s) + "."
        self.state.setText(text)
        count = s.pending_operations if s else 0
        self.pending.setText(self.tr("Operations waiting to sync: %1").replace("%1", str(count)))
        self.sync_now.setText(self.tr("Sync now"))
        self.sync_now.setEnabled(bool(s and s.enrolled))
        self.conflicts_title.setText(self.tr("Conflicts found by the central system"))
        self.rejected_title.setText(self.tr("Operations the central system refused"))
        self.resolve.setText(self.tr("Resolve…"))
        self.conflicts.setHorizontalHeaderLabels(
            [
                self.tr("Conflict"),
                self.tr("Details"),
                self.tr("Stores"),
                self.tr("Status"),
                self.tr("Opened"),
            ]
        )
        self.rejected.setHorizontalHeaderLabels(
            [self.tr("No."), self.tr("Operation"), self.tr("Why"), self.tr("Recorded")]
        )
        self.quarantine_title.setText(
            self.tr("Changes from the central system not applied here (%1 not yet seen)").replace(
                "%1", str(s.quarantined_changes if s else 0)
            )
        )
        self.quarantine.setHorizontalHeaderLabels(
            [self.tr("No."), self.tr("Kind"), self.tr("Key"), self.tr("Why"), self.tr("Received")]
        )
        self.mark_seen.setText(self.tr("Mark as seen"))
        self.mark_seen.setEnabled(bool(s and s.quarantined_changes))
        self._fill()
        self._fill_quarantine()

    def _fill(self) -> None:
        zone = ZoneInfo(self.ctx.identity.timezone)
        self.conflicts.setRowCount(len(self._conflicts))
        for i, c in enumerate(self._conflicts):
            if c.status == "resolved":
                status = self.tr("resolved: %1").replace("%1", c.resolution or "")
            elif c.resolving:
                status = self.tr("resolution waiting to sync")
            else:
                status = self.tr("open")
            values = [
                conflict_label(c.kind),
                conflict_detail(c),
                "、".join(c.stores),
                status,
                c.opened_at.astimezone(zone).strftime("%Y-%m-%d %H:%M"),
            ]
            for j, value in enumerate(values):
                self.conflicts.setItem(i, j, QTableWidgetItem(value))
        self.rejected.setRowCount(len(self._rejected))
        for i, r in enumerate(self._rejected):
            values = [
                str(r.seq),
                r.op_type,
                message_for(SyncError(r.code or "sync.failed")),
                r.created_at.astimezone(zone).strftime("%Y-%m-%d %H:%M"),
            ]
            for j, value in enumerate(values):
                self.rejected.setItem(i, j, QTableWidgetItem(value))

    def _fill_quarantine(self) -> None:
        zone = ZoneInfo(self.ctx.identity.timezone)
        self.quarantine.setRowCount(len(self._quarantined))
        for i, q in enumerate(self._quarantined):
            why = message_for(SyncError(q.code))
            if q.detail:
                why += f" ({q.detail})"
            values = [
                "" if q.seq is None else str(q.seq),
                q.kind,
                q.key,
                why,
                q.received_at.astimezone(zone).strftime("%Y-%m-%d %H:%M"),
            ]
            for j, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(q.body[:2000] if j == 3 else value)
                self.quarantine.setItem(i, j, item)

    def on_shown(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        reader = self.ctx.runtime.reader

        def load():
            return (
                read_sync_status(reader()),
                sync.list_conflicts(reader),
                sync.list_rejected(reader),
                list_quarantined(reader),
            )

        run_in_background(load, self._show)

    def _show(self, loaded) -> None:
        self._status, self._conflicts, self._rejected, self._quarantined = loaded
        self.retranslate()

    def _mark_seen(self) -> None:
        actor = self.ctx.actor
        if actor is None:
            return
        self.ctx.write(
            sync.mark_quarantine_seen,
            done=lambda _n: (self.ctx.data_changed.emit(), self.refresh()),
            failed=lambda error: show_error(self.message, message_for(error)),
            owner=self,
            factory=True,
        )

    def _sync_now(self) -> None:
        show_error(self.message, "")
        self.ctx.sync_requested.emit()

    def _resolve(self) -> None:
        row = self.conflicts.currentRow()
        if not 0 <= row < len(self._conflicts) or self.ctx.actor is None:
            return
        conflict = self._conflicts[row]
        summary = f"{conflict_label(conflict.kind)}: {conflict_detail(conflict)}"
        dialog = ResolveConflictDialog(summary, self)
        if dialog.exec() != ResolveConflictDialog.DialogCode.Accepted:
            return
        self.resolve_with(conflict.id, dialog.reason_text())

    def resolve_with(self, conflict_id: str, reason: str) -> None:
        self.ctx.write(
            sync.resolve_conflict,
            conflict_id,
            reason,
            done=lambda _r: (self.ctx.data_changed.emit(), self.refresh()),
            failed=lambda error: show_error(self.message, message_for(error)),
            owner=self,
            factory=True,
        )
