"""What head office sees of its counters: last contact, sequence, clock skew, the offline
lease, the audit log's last anchor and breaks, the operations sent while a counter's clock
was off (`python -m central devices`, `flagged`) and the audit breaks (`audit-breaks`).

Device clocks order things for people; the centre's decides money. A counter whose clock is
off by more than the tolerance still has its sales applied, but they are marked here so
head office can see and fix the clock.
"""

import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from central.models import AuditAnchor, AuditBreak, Device, Operation, Store
from services.rules.clock import CLOCK_TOLERANCE


@dataclass(frozen=True)
class DeviceRow:
    """One counter as head office sees it (the command line's `devices`, the console)."""

    id: str
    label: str
    store_id: str
    store_code: str
    last_seq: int
    enrolled_at: datetime
    revoked_at: datetime | None
    last_seen_at: datetime | None
    clock_skew_s: int | None
    clock_off: bool
    lease_until: datetime | None
    app_version: str | None
    queue_length: int | None
    anchored_at: datetime | None
    flagged: int
    audit_breaks: int


def device_rows(
    session: Session, chain_id: str | None = None, store_id: str | None = None
) -> list[DeviceRow]:
    """Every counter (of a chain, of a store), by store code and label."""
    breaks = dict(
        session.execute(
            select(AuditBreak.device_id, func.count()).group_by(AuditBreak.device_id)
        ).all()
    )
    anchored = dict(
        session.execute(
            select(AuditAnchor.device_id, func.max(AuditAnchor.received_at)).group_by(
                AuditAnchor.device_id
            )
        ).all()
    )
    flagged = dict(
        session.execute(
            select(Operation.device_id, func.count())
            .where(Operation.clock_flag.is_not(None))
            .group_by(Operation.device_id)
        ).all()
    )
    query = (
        select(Device, Store.code)
        .join(Store, Store.id == Device.store_id)
        .order_by(Store.code, Device.label)
    )
    if chain_id is not None:
        query = query.where(Device.chain_id == chain_id)
    if store_id is not None:
        query = query.where(Device.store_id == store_id)
    return [
        DeviceRow(
            d.id,
            d.label,
            d.store_id,
            code,
            d.last_seq,
            d.enrolled_at,
            d.revoked_at,
            d.last_seen_at,
            d.clock_skew_s,
            d.clock_skew_s is not None and abs(d.clock_skew_s) > CLOCK_TOLERANCE.total_seconds(),
            d.lease_until,
            d.app_version,
            d.queue_length,
            anchored.get(d.id),
            flagged.get(d.id, 0),
            breaks.get(d.id, 0),
        )
        for d, code in session.execute(query)
    ]


VERSION_PATTERN = re.compile(r"^[0-9A-Za-z][0-9A-Za-z.+_-]{0,31}$")


def note_counter_report(
    session: Session, device_id: str, version: str | None, queue: str | None
) -> None:
    """What a counter said about itself at a push (X-Counter-Version, X-Counter-Queue),
    kept when it is well formed and ignored otherwise: it is shown, never trusted."""
    values: dict = {}
    if version is not None and VERSION_PATTERN.match(version):
        values["app_version"] = version
    if queue is not None and queue.isascii() and queue.isdigit() and len(queue) <= 12:
        values["queue_length"] = int(queue)
    if values:
        session.execute(update(Device).where(Device.id == device_id).values(**values))


def device_lines(session: Session) -> list[str]:
    return [
        f"{r.id}  store {r.store_code}  counter {r.label}  last seq {r.last_seq}"
        f"  last seen {_when(r.last_seen_at)}  clock {_skew(r.clock_skew_s)}"
        f"  lease until {_when(r.lease_until)}  audit anchored {_when(r.anchored_at)}"
        + (f"  version {r.app_version}" if r.app_version else "")
        + (f"  queue {r.queue_length}" if r.queue_length is not None else "")
        + (f"  {r.flagged} operations flagged" if r.flagged else "")
        + (f"  AUDIT BROKEN ({r.audit_breaks})" if r.audit_breaks else "")
        + ("  REVOKED" if r.revoked_at else "")
        for r in device_rows(session)
    ]


def flagged_lines(session: Session, limit: int = 200) -> list[str]:
    """The latest operations sent with a clock the centre could not trust, newest first."""
    rows = session.execute(
        select(
            Operation.received_at,
            Operation.device_time,
            Operation.op_type,
            Operation.result,
            Operation.clock_flag,
            Operation.device_id,
            Store.code,
        )
        .join(Device, Device.id == Operation.device_id)
        .join(Store, Store.id == Device.store_id)
        .where(Operation.clock_flag.is_not(None))
        .order_by(Operation.received_at.desc())
        .limit(limit)
    )
    return [
        f"{_when(r.received_at)}  store {r.code}  device {r.device_id}  {r.op_type} {r.result}"
        f"  device time {_when(r.device_time)}  {r.clock_flag}"
        for r in rows
    ]


def audit_break_lines(session: Session, limit: int = 200) -> list[str]:
    """The audit breaks found at pushes, newest first: a counter whose log was rewritten
    (`audit.chain_broken`) or re-hashed by a privacy wipe (`audit.chain_rehashed`)."""
    rows = session.execute(
        select(
            AuditBreak.detected_at,
            AuditBreak.code,
            AuditBreak.detail,
            Device.id,
            Store.code.label("store_code"),
        )
        .join(Device, Device.id == AuditBreak.device_id)
        .join(Store, Store.id == Device.store_id)
        .order_by(AuditBreak.id.desc())
        .limit(limit)
    )
    return [
        f"{_when(r.detected_at)}  store {r.store_code}  device {r.id}  {r.code}  {r.detail}"
        for r in rows
    ]


def _when(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M:%S UTC") if value else "never"


def _skew(seconds: int | None) -> str:
    if seconds is None:
        return "unknown"
    text = f"{seconds:+d} s"
    if abs(seconds) > CLOCK_TOLERANCE.total_seconds():
        text += " (OFF)"
    return text
