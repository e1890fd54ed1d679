"""One sync cycle (push, pull, push again), its outcome for the status bar, the backoff
between cycles and the watchdog on the oldest waiting operation.

No transaction is held open while waiting for the network."""

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import select

from models.journal import OutboxOperation
from models.sync import SyncState
from services.core.journal import count_pending_operations
from services.core.secrets import read_device_token
from services.core.uow import UnitOfWork
from services.members.privacy import wipe_personal_data
from services.sync.client import CentralClient, HttpFactory, SyncError
from services.sync.lease import wipe_if_unreached
from services.sync.link import UowFactory, link_of, load_state, pin_centre
from services.sync.pull import PULL_PAGE, PullReport, pull_changes
from services.sync.push import (
    PUSH_BATCH,
    PUSH_IN_FLIGHT,
    ClockReading,
    PushReport,
    push_pending,
)

INTERVAL_S = 30  # between cycles while all is well
BACKOFF_BASE_S = 2
BACKOFF_CAP_S = 300
WATCHDOG_S = 15 * 60  # the oldest waiting operation may be this old while online


@dataclass(frozen=True)
class CycleReport:
    enrolled: bool
    ok: bool
    error_code: str | None = None
    pushed: PushReport = field(default_factory=PushReport)
    pulled: int = 0
    pending: int = 0
    quarantined: int = 0  # changes pulled in this cycle that could not be applied here


def run_cycle(
    writer: UowFactory,
    reader: UowFactory,
    now: Callable[[], datetime],
    http: HttpFactory | None = None,
    push_batch: int = PUSH_BATCH,
    pull_page: int = PULL_PAGE,
    push_in_flight: int = PUSH_IN_FLIGHT,
) -> CycleReport:
    """Push, pull, push again (a pull can bring nothing to send, but resolutions recorded
    meanwhile go at once); records the outcome for the status bar: the error, or
    `sync.quarantined` when changes could not be applied, and the clock's skew."""
    state = load_state(reader)
    if state is None:
        return CycleReport(enrolled=False, ok=False, error_code="sync.not_enrolled")
    pushed, pulled, error = PushReport(), PullReport(), None
    clock = ClockReading()
    try:
        link = link_of(state)
        with CentralClient(state.central_url, read_device_token(reader), http, link) as client:
            if not state.centre_key:
                pin_centre(writer, client, state)
            pushed = push_pending(writer, reader, client, now, push_batch, clock, push_in_flight)
            pulled = pull_changes(writer, reader, client, now, pull_page, clock)
            more = push_pending(writer, reader, client, now, push_batch, clock, push_in_flight)
            pushed = _add(pushed, more)
    except SyncError as exc:
        error = exc.code
    if error == "device.revoked":
        wipe_personal_data(writer(), now())  # a revoked counter may be a stolen one
    elif error is not None:
        wipe_if_unreached(reader, writer, now())  # unreached past the horizon: maybe stolen
    _record_outcome(writer, now(), error, pulled.quarantined, clock.skew_s)
    with reader() as uow:
        pending = count_pending_operations(uow)
    return CycleReport(
        True, error is None, error, pushed, pulled.applied, pending, pulled.quarantined
    )


def _add(a: PushReport, b: PushReport) -> PushReport:
    return PushReport(
        *(x + y for x, y in zip(a.__dict__.values(), b.__dict__.values(), strict=True))
    )


def _record_outcome(
    writer: UowFactory, now: datetime, error: str | None, quarantined: int, skew_s: int | None
) -> None:
    with writer() as uow:
        state = uow.session.get(SyncState, 1)
        if state is None:
            return
        state.last_attempt_at = now
        # A cycle that went through but left changes behind is a success with a warning:
        # no backoff, but the reason stays on screen until a clean cycle.
        state.last_error = error or ("sync.quarantined" if quarantined else None)
        # Reached and answered is online, even when the answer was a refusal.
        # A certificate refused is not the centre answering (it may be an impostor).
        state.online = error is None or error not in NOT_REACHED
        if skew_s is not None:
            state.clock_skew_s = skew_s
        if error is None:
            state.last_success_at = now
            state.failures = 0
        else:
            state.failures += 1
        uow.commit()


NOT_REACHED = ("sync.offline", "sync.server_error", "sync.pin_mismatch", "sync.tls_untrusted")


def next_delay_s(failures: int, rng: random.Random | None = None) -> float:
    """Seconds until the next cycle: the regular interval after a success; after failures,
    exponential backoff (2, 4, 8, ... capped at 5 minutes) with jitter, so a hundred
    counters coming back online together do not all knock at once."""
    rng = rng or random.Random()
    if failures <= 0:
        return INTERVAL_S * rng.uniform(0.8, 1.2)
    ceiling = min(BACKOFF_CAP_S, BACKOFF_BASE_S * 2 ** min(failures - 1, 20))
    return ceiling / 2 + rng.uniform(0, ceiling / 2)


def oldest_pending_at(uow: UnitOfWork) -> datetime | None:
    return uow.session.scalar(
        select(OutboxOperation.created_at)
        .where(OutboxOperation.state == "pending")
        .order_by(OutboxOperation.seq)
        .limit(1)
    )


def watchdog_late(oldest: datetime | None, online: bool, now: datetime) -> bool:
    """True when the network is there but the oldest waiting operation is too old."""
    return online and oldest is not None and now - oldest > timedelta(seconds=WATCHDOG_S)
