"""The offline lease a counter holds: how long it may go without reaching the centre before
it refuses redemptions and coupon acceptance (`lease_until`), and how long before, still
unreached, it wipes the personal data it holds (`wipe_after`). Both on the centre's clock,
in every enrollment, push and pull answer; a counter that reaches the centre is renewed.

CENTRAL_LEASE_DAYS (default 7) and CENTRAL_WIPE_AFTER_DAYS (default 30, never below the
lease) are read at each grant, so a change needs no restart. A store may have a lease of its
own (`python -m central store-lease STORE_CODE DAYS`, e.g. a pop-up store that will be
offline for a fortnight); the wipe horizon is then at least that long too.
"""

import os
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from central.admin import find_store
from central.errors import CentralError
from central.models import Device, Store
from services.protocol import codes

LEASE_DAYS = 7
WIPE_AFTER_DAYS = 30
MAX_DAYS = 365


@dataclass(frozen=True)
class Lease:
    lease_until: datetime
    wipe_after: datetime


def lease_for(now: datetime, store_days: int | None = None) -> Lease:
    lease = store_days or _days("CENTRAL_LEASE_DAYS", LEASE_DAYS)
    wipe = max(lease, _days("CENTRAL_WIPE_AFTER_DAYS", WIPE_AFTER_DAYS))
    return Lease(now + timedelta(days=lease), now + timedelta(days=wipe))


def store_lease_days(session: Session, store_id: str) -> int | None:
    return session.scalar(select(Store.lease_days).where(Store.id == store_id))


def grant_lease(session: Session, device_id: str, store_id: str, now: datetime) -> Lease:
    """The lease, kept on the device row (what `python -m central devices` shows)."""
    lease = lease_for(now, store_lease_days(session, store_id))
    session.execute(
        update(Device).where(Device.id == device_id).values(lease_until=lease.lease_until)
    )
    return lease


def set_store_lease(session: Session, chain: str, store_code: str, days: int | None) -> None:
    """A store's own lease length (None: back to CENTRAL_LEASE_DAYS); its counters get it
    at their next contact."""
    if days is not None and not 1 <= days <= MAX_DAYS:
        raise CentralError(codes.LEASE_BAD_DAYS, 400, days=days)
    find_store(session, chain, store_code).lease_days = days


def _days(name: str, default: int) -> int:
    # A bad setting must not stop the centre, nor grant a lease of nothing or forever.
    try:
        value = int(os.environ.get(name, default))
    except ValueError:
        return default
    return min(max(value, 1), MAX_DAYS)
