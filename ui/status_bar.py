"""The status bar: store, who is signed in, online or offline, operations waiting, last sync.

It owns the sync loop (one per window) and warns when operations wait too long while the
centre is reachable (the watchdog), when changes from the centre could not be applied here
(quarantined, listed on the Sync page) and when this counter's clock is off.
"""

import html
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from services import sync
from services.core import StateError, mark_audit_break_seen
from services.protocol import codes
from services.reports import SyncStatus, read_sync_status
from ui.context import CounterContext
from ui.labels import role_label
from ui.messages import message_for
from ui.messages_security import audit_notice, lease_notice
from ui.sync_loop import SyncLoop
from ui.workers import run_in_background

REFRESH_MS = 5000
# Said elsewhere in the bar already: offline, not enrolled, changes not applied.
QUIET_ERRORS = ("sync.offline", "sync.not_enrolled", "sync.quarantined")


class CounterStatusBar(QStatusBar):
    def __init__(self, ctx: CounterContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusBar")
        self.setSizeGripEnabled(False)
        self._ctx = ctx
        self._status: SyncStatus | None = None
        self.store = self._label("statusStore")
        self.staff = self._label("statusStaff")
        self.network = self._label("statusNetwork")
        self.pending = self._label("statusPending")
        self.last_sync = self._label("statusLastSync")
        self.watchdog = self._label("statusWatchdog")
        self.watchdog.setProperty("role", "error")
        self.watchdog.hide()
        self.quarantine = self._warning("statusQuarantine")
        self.clock = self._warning("statusClock")
        self.sync_error = self._warning("statusSyncError")
        self.lease = self._warning("statusLease")
        self.audit = self._warning("statusAudit")
        self.audit.setTextFormat(Qt.TextFormat.RichText)
        self.audit.linkActivated.connect(lambda _link: self._mark_audit_seen())
        self.addWidget(self.store)
        self.addWidget(self.staff, 1)
        self.addPermanentWidget(self.audit)
        self.addPermanentWidget(self.lease)
        self.addPermanentWidget(self.sync_error)
        self.addPermanentWidget(self.clock)
        self.addPermanentWidget(self.quarantine)
        self.addPermanentWidget(self.watchdog)
        self.addPermanentWidget(self.network)
        self.addPermanentWidget(self.pending)
        self.addPermanentWidget(self.last_sync)
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        self._timer.start()
        ctx.actor_changed.connect(lambda _actor: self.retranslate())
        ctx.data_settled.connect(self.refresh)
        ctx.sync_finished.connect(lambda _report: self.refresh())
        self.sync_loop = SyncLoop(ctx, self)  # its first cycle: the window's, after painting
        self.retranslate()  # the first refresh: the window's, after painting

    def _label(self, name: str) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        return label

    def _warning(self, name: str) -> QLabel:
        label = self._label(name)
        label.setProperty("role", "error")
        label.hide()
        return label

    def refresh(self) -> None:
        reader = self._ctx.runtime.reader
        run_in_background(lambda: read_sync_status(reader()), self._show, upkeep=True)

    def _show(self, status: SyncStatus) -> None:
        self._status = status
        self.retranslate()

    def retranslate(self) -> None:
        ident, actor = self._ctx.identity, self._ctx.actor
        self.store.setText(
            self.tr("%1 · counter %2")
            .replace("%1", ident.store_name)
            .replace("%2", ident.counter_label)
        )
        self.staff.setText(
            f"{actor.staff_name} ({role_label(actor.role)})" if actor else self.tr("Signed out")
        )
        status = self._status
        online = status is not None and status.enrolled and self._ctx.online
        self.network.setText(self.tr("● Online") if online else self.tr("● Offline"))
        self.network.setProperty("state", "online" if online else "offline")
        if status is None or not status.enrolled:
            # A counter that works alone is not a fault: no alarming orange "offline".
            standalone = status is not None
            self.network.setText(self.tr("Not connected to a centre") if standalone else "")
            self.network.setProperty("state", "standalone")
        self.network.style().unpolish(self.network)
        self.network.style().polish(self.network)
        waiting = status.pending_operations if status else 0
        self.pending.setText(self.tr("Waiting to sync: %1").replace("%1", str(waiting)))
        if status is not None and status.last_success is not None:
            zone = ZoneInfo(self._ctx.identity.timezone)
            when = status.last_success.astimezone(zone).strftime("%m-%d %H:%M")
            self.last_sync.setText(self.tr("Last sync: %1").replace("%1", when))
        else:
            self.last_sync.setText(self.tr("Last sync: never"))
        self.last_sync.setVisible(status is not None and status.enrolled)  # never, alone
        late = status is not None and sync.watchdog_late(
            status.oldest_pending_at, online, self._ctx.runtime.now()
        )
        self.watchdog.setText(self.tr("Sync is stuck: operations wait too long") if late else "")
        self.watchdog.setVisible(late)
        self._show_quarantine(status)
        self._show_clock(status)
        self._show_sync_error(status)
        self._show_security(status)

    def _show_quarantine(self, status: SyncStatus | None) -> None:
        count = status.quarantined_changes if status else 0
        self.quarantine.setText(
            self.tr("Changes not applied: %1 (see Sync)").replace("%1", str(count)) if count else ""
        )
        self.quarantine.setVisible(count > 0)

    def _show_sync_error(self, status: SyncStatus | None) -> None:
        """The last cycle stopped for a reason other than the network (stalled, an answer
        not understood, a refusal): said here, told in full on the Sync page."""
        error = status.last_error if status else None
        shown = error is not None and error not in QUIET_ERRORS
        self.sync_error.setText(self.tr("Sync stopped: see Sync (F7)") if shown else "")
        self.sync_error.setToolTip(message_for(sync.SyncError(error)) if shown else "")
        self.sync_error.setVisible(shown)

    def _show_security(self, status: SyncStatus | None) -> None:
        """The lease's end for everyone (it explains refusals); an audit break for managers."""
        zone = self._ctx.identity.timezone
        lease = lease_notice(status, self._ctx.runtime.now(), zone)
        self.lease.setText(lease)
        self.lease.setToolTip(
            message_for(StateError(codes.LEASE_EXPIRED, until=status.lease_until)) if lease else ""
        )
        self.lease.setVisible(bool(lease))
        actor = self._ctx.actor
        audit = audit_notice(status, zone) if actor and actor.role == "manager" else ""
        seen = self.tr("Mark seen")
        self.audit.setText(f'{html.escape(audit)} · <a href="seen">{seen}</a>' if audit else "")
        self.audit.setToolTip(message_for(StateError(status.audit_break)) if audit else "")
        self.audit.setVisible(bool(audit))

    def _mark_audit_seen(self) -> None:
        """The manager takes the break up (audited); the notice goes until a new one."""
        actor = self._ctx.actor
        if actor is None:
            return
        self._ctx.write(
            mark_audit_break_seen,
            done=lambda _seen: self.refresh(),
            failed=lambda error: self.audit.setToolTip(message_for(error)),
            owner=self,
            factory=True,
        )

    def _show_clock(self, status: SyncStatus | None) -> None:
        off = status is not None and status.clock_off
        self.clock.setText(clock_warning(status.clock_skew_s) if off else "")
        self.clock.setVisible(off)

    def changeEvent(self, event) -> None:
        if event.type() == event.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def clock_warning(skew_s: int) -> str:
    """How far this counter's clock is off, e.g. 12 min ahead of the central system."""
    minutes = str(max(1, round(abs(skew_s) / 60)))
    if skew_s > 0:
        text = QCoreApplication.translate(
            "CounterStatusBar", "This counter's clock is %1 min ahead of the central system"
        )
    else:
        text = QCoreApplication.translate(
            "CounterStatusBar", "This counter's clock is %1 min behind the central system"
        )
    return text.replace("%1", minutes)
