"""The offline lease a counter holds: how long it may go without reaching the centre before
it refuses redemptions and coupon acceptance (`lease_until`), and how long before, still
unreached, it wipes the personal data it holds (`wipe_after`). Both on the centre's clock,
in every enrollment, push and pull answer; a counter that reaches the centre is renewed.

CENTRAL_LEASE_DAYS (default 7) and CENTRAL_WIPE_AFTER_DAYS (default 30, never below the
lease) are read at each grant, so a change needs no restart.
"""

import os
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import update
from sqlalchemy.orm import Session

from central.models import Device

LEASE_DAYS = 7
WIPE_AFTER_DAYS = 30
MAX_DAYS = 365


@dataclass(frozen=True)
class Lease:
    lease_until: datetime
    wipe_after: datetime


def lease_for(now: datetime) -> Lease:
    lease = _days("CENTRAL_LEASE_DAYS", LEASE_DAYS)
    wipe = max(lease, _days("CENTRAL_WIPE_AFTER_DAYS", WIPE_AFTER_DAYS))
    return Lease(now + timedelta(days=lease), now + timedelta(days=wipe))


def grant_lease(session: Session, device_id: str, now: datetime) -> Lease:
    """The lease, kept on the device row (what `python -m central devices` shows)."""
    lease = lease_for(now)
    session.execute(
        update(Device).where(Device.id == device_id).values(lease_until=lease.lease_until)
    )
    return lease


def _days(name: str, default: int) -> int:
    # A bad setting must not stop the centre, nor grant a lease of nothing or forever.
    try:
        value = int(os.environ.get(name, default))
    except ValueError:
        return default
    return min(max(value, 1), MAX_DAYS)
