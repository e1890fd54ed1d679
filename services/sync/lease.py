"""The offline lease: how long this counter may go without reaching the centre.

The centre grants it in every enrollment, push and pull answer (`lease_until`, its clock).
Past it the counter still earns points and signs people in at the door, but refuses what
spends the chain's money on its own word: points for cash, coupons or gifts, and coupons
handed in (`lease.expired`), until a sync renews it. A stolen counter kept offline can then
give away nothing; a pop-up store offline for a day or two never notices.

Past `wipe_after` (default 30 days after the last contact), still unreached, the counter
wipes the personal data it holds (services.members.privacy) but keeps its token and signing key,
so the sales still waiting reach the centre when it comes back (a revocation then takes
the rest). A counter that was never enrolled has no lease and no limit.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from models.counter import Setting
from models.sync import SyncState
from services.core.errors import StateError
from services.core.uow import UnitOfWork
from services.members.privacy import WIPED_KEY, wipe_personal_data
from services.protocol import codes

log = logging.getLogger(__name__)

EXPIRY_WIPE_KEY = "lease.wiped_at"  # set when the wipe came from the lease, not a revocation


@dataclass(frozen=True)
class Lease:
    lease_until: datetime | None
    wipe_after: datetime | None


def require_lease(uow: UnitOfWork, now: datetime) -> None:
    """Inside the caller's transaction, before anything is redeemed or accepted."""
    until = uow.session.scalar(select(SyncState.lease_until))
    if until is not None and now >= until:
        raise StateError(codes.LEASE_EXPIRED, until=until)


def lease_of(answer: dict) -> Lease | None:
    """The lease an answer grants, or None when it carries none (an older centre)."""
    try:
        until = datetime.fromisoformat(answer["lease_until"])
        wipe = datetime.fromisoformat(answer.get("wipe_after") or answer["lease_until"])
    except (KeyError, TypeError, ValueError):
        return None
    if until.tzinfo is None or wipe.tzinfo is None:
        return None
    return Lease(until, max(wipe, until))


def keep_lease(uow: UnitOfWork, lease: Lease | None) -> None:
    """The newest lease, inside the caller's transaction. A counter the lease had wiped is
    one again whose data a revocation must wipe: the mark of that wipe goes."""
    if lease is None:
        return
    uow.session.flush()  # a sync_state just added (enrollment) is then found
    state = uow.session.get(SyncState, 1)
    if state is None:
        return
    state.lease_until, state.wipe_after = lease.lease_until, lease.wipe_after
    if uow.session.get(Setting, EXPIRY_WIPE_KEY) is not None:
        for key in (EXPIRY_WIPE_KEY, WIPED_KEY):
            row = uow.session.get(Setting, key)
            if row is not None:
                uow.session.delete(row)


def wipe_if_unreached(
    reader: Callable[[], UnitOfWork], writer: Callable[[], UnitOfWork], now: datetime
) -> bool:
    """Past `wipe_after`, still unreached: the personal data goes, once. True if it went.
    Read first: an offline counter asks after every failed cycle, and must not take the
    write lock each time for nothing."""
    if not _wipe_due(reader, now):
        return False
    with writer() as uow:
        if not _wipe_due_in(uow, now):
            return False
        uow.session.add(Setting(key=EXPIRY_WIPE_KEY, value=f'"{now.isoformat()}"', updated_at=now))
        uow.commit()
    log.warning("the centre has not been reached since before %s: personal data wiped", now)
    return wipe_personal_data(writer(), now, keep_secrets=True) is not None


def _wipe_due(reader: Callable[[], UnitOfWork], now: datetime) -> bool:
    with reader() as uow:
        return _wipe_due_in(uow, now)


def _wipe_due_in(uow: UnitOfWork, now: datetime) -> bool:
    wipe_after = uow.session.scalar(select(SyncState.wipe_after))
    due = wipe_after is not None and now >= wipe_after
    return due and uow.session.get(Setting, WIPED_KEY) is None
