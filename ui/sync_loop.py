"""The sync loop: cycles run in a worker thread, never on the GUI thread.

A cycle starts when the window opens, after recorded operations (`data_settled`: once a burst), on
"Sync now" (`sync_requested`), and on a timer: the regular interval while all is well,
exponential backoff with jitter after failures. One cycle at a time; a request while one
runs starts another when it ends.
"""

import sys

from PySide6.QtCore import QObject, QTimer, Signal

from services import core, sync
from ui.context import CounterContext
from ui.workers import run_in_background

OFFLINE_CODES = ("sync.offline", "sync.server_error")


def __getattr__(name: str):
    """`run_cycle` is services.sync's, found on first use: the sync client and the protocol's
    schemas it loads come after the window's first paint, not with this module."""
    if name == "run_cycle":
        return sync.run_cycle
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class SyncLoop(QObject):
    finished = Signal(object)  # CycleReport

    def __init__(self, ctx: CounterContext, parent: QObject | None = None, http=None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._http = http
        self._running = False
        self._again = False
        self._failures = 0
        self.cycles = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.request)
        ctx.sync_requested.connect(self.request)
        ctx.data_settled.connect(self.request)  # the first cycle: when the window has painted

    @property
    def running(self) -> bool:
        return self._running

    def request(self) -> None:
        if self._running:
            self._again = True
            return
        self._running = True
        self._timer.stop()
        runtime, http = self._ctx.runtime, self._http
        this = sys.modules[__name__]  # run_cycle is looked up (and loaded) in the worker
        run_in_background(
            lambda: this.run_cycle(runtime.writer, runtime.reader, runtime.now, http),
            self._done,
            self._failed,
            owner=self,
            upkeep=True,  # it may wait on the network for seconds
        )

    def _done(self, report) -> None:
        self._running = False
        self.cycles += 1
        self._ctx.online = report.enrolled and report.error_code not in OFFLINE_CODES
        self._failures = 0 if report.ok else self._failures + 1
        if report.enrolled:
            self._timer.start(int(sync.next_delay_s(self._failures) * 1000))
        self._ctx.sync_finished.emit(report)
        self.finished.emit(report)
        if report.pulled:  # head office may have sent the store's receipt patterns
            reader = self._ctx.runtime.reader
            run_in_background(lambda: core.load_settings(reader()), self._take_settings, owner=self)
        if self._again:
            self._again = False
            self.request()

    def _take_settings(self, settings: "core.CounterSettings") -> None:
        """Scans read with the patterns just pulled, without a restart; nothing else is
        re-applied when they did not change."""
        if settings.receipt_patterns != self._ctx.settings.receipt_patterns:
            self._ctx.set_settings(settings)

    def _failed(self, _error: BaseException) -> None:
        # A storage error (disk full, busy): try again later, like a network failure.
        self._running = False
        self._failures += 1
        self._timer.start(int(sync.next_delay_s(self._failures) * 1000))
        if self._again:
            self._again = False
            self.request()
