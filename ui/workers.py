"""Run slow calls (PIN hashing, queries, later network and PDFs) off the GUI thread.

Results come back through a QObject living on the GUI thread, so callbacks always run
there and may touch widgets; the worker itself never does.
"""

import logging
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QElapsedTimer, QObject, QRunnable, QThreadPool, Signal, Slot

from services.core import LoyaltyError

log = logging.getLogger(__name__)


class _Relay(QObject):
    finished = Signal(object, object)  # result, exception

    def __init__(self, on_done, on_failed, owner: QObject | None) -> None:
        # As the owner's child the relay dies with it: a result for a closed page is dropped.
        super().__init__(owner)
        self._on_done = on_done
        self._on_failed = on_failed
        self.finished.connect(self._deliver)

    @Slot(object, object)
    def _deliver(self, result: Any, error: BaseException | None) -> None:
        try:
            if error is None:
                self._on_done(result)
            elif not isinstance(error, LoyaltyError):
                log.error("background task failed\n%s", without_messages(error))
            if error is not None and self._on_failed is not None:
                self._on_failed(error)
        finally:
            _pending.discard(self)


class _Task(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._fn = fn
        self._relay = relay

    def run(self) -> None:
        try:
            outcome = (self._fn(), None)
        except Exception as exc:
            outcome = (None, exc)
        try:
            self._relay.finished.emit(*outcome)
        except RuntimeError:  # the owner, and with it the relay, is gone
            _pending.discard(self._relay)


_pending: set[_Relay] = set()  # keeps relays alive until they have delivered

# The counter's upkeep (the sync cycle, maintenance, backups, the audit check, warming
# imports) runs in a pool of its own: the shared pool has a thread per core, and a sync
# waiting on the network beside a backup used to hold both, so a scan's look-up queued
# behind them (for 1.4 s after start-up in the check-in benchmark).
UPKEEP_THREADS = 2
_upkeep_pool: QThreadPool | None = None


def _pool(upkeep: bool) -> QThreadPool:
    global _upkeep_pool
    if not upkeep:
        return QThreadPool.globalInstance()
    if _upkeep_pool is None:
        _upkeep_pool = QThreadPool()
        _upkeep_pool.setMaxThreadCount(UPKEEP_THREADS)
    return _upkeep_pool


def run_in_background(
    fn: Callable[[], Any],
    on_done: Callable[[Any], None],
    on_failed: Callable[[BaseException], None] | None = None,
    owner: QObject | None = None,
    upkeep: bool = False,
) -> None:
    """Runs `fn` in the thread pool; callbacks run on the GUI thread unless `owner` is gone.

    `owner` defaults to the object of a bound-method `on_done`; pass it when the callback
    is a lambda that touches widgets. `upkeep`: work nobody at the counter waits for, run
    in the upkeep pool so that it never delays what someone does wait for.
    """
    if owner is None and isinstance(getattr(on_done, "__self__", None), QObject):
        owner = on_done.__self__
    relay = _Relay(on_done, on_failed, owner)
    _pending.add(relay)
    _pool(upkeep).start(_Task(fn, relay))


def without_messages(error: BaseException) -> str:
    """The traceback of `error` and of its causes, with each exception's type and where it
    was raised but never its text: a database error's text can hold the row's values (a
    member's name and mobile) and this log is kept on the counter's disk."""
    parts = []
    seen: set[int] = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        frames = "".join(traceback.format_tb(error.__traceback__))
        parts.append(f"{type(error).__module__}.{type(error).__qualname__}\n{frames}")
        error = error.__cause__ or error.__context__
    return "which led to ".join(reversed(parts))  # the first cause first, as Python prints


def wait_for_background(timeout_ms: int = 5000) -> bool:
    """For shutdown and tests: let running tasks finish (both pools share the time)."""
    timer = QElapsedTimer()
    timer.start()
    done = QThreadPool.globalInstance().waitForDone(timeout_ms)
    if _upkeep_pool is not None:
        left = max(0, timeout_ms - timer.elapsed())
        done = _upkeep_pool.waitForDone(left) and done
    return done
