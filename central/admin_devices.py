"""What head office sees of its counters: last contact, sequence, clock skew, the offline
lease, the audit log's last anchor and breaks, the operations sent while a counter's clock
was off (`python -m central devices`, `flagged`) and the audit breaks (`audit-breaks`).

Device clocks order things for people; the centre's decides money. A counter whose clock is
off by more than the tolerance still has its sales applied, but they are marked here so
head office can see and fix the clock.
"""

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from central.models import AuditAnchor, AuditBreak, Device, Operation, Store
from services.rules.clock import CLOCK_TOLERANCE


def device_lines(session: Session) -> list[str]:
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
    rows = session.execute(
        select(
            Device.id,
            Device.label,
            Store.code,
            Device.last_seq,
            Device.revoked_at,
            Device.last_seen_at,
            Device.clock_skew_s,
            Device.lease_until,
        )
        .join(Store, Store.id == Device.store_id)
        .order_by(Store.code, Device.label)
    )
    return [
        f"{r.id}  store {r.code}  counter {r.label}  last seq {r.last_seq}"
        f"  last seen {_when(r.last_seen_at)}  clock {_skew(r.clock_skew_s)}"
        f"  lease until {_when(r.lease_until)}  audit anchored {_when(anchored.get(r.id))}"
        + (f"  {flagged[r.id]} operations flagged" if r.id in flagged else "")
        + (f"  AUDIT BROKEN ({breaks[r.id]})" if r.id in breaks else "")
        + ("  REVOKED" if r.revoked_at else "")
        for r in rows
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
