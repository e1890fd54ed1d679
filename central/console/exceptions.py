"""Exceptions for the console: conflicts (a coupon used twice, overdrafts and arrears, stock
below zero, ...), operations the centre refused, operations sent with a doubtful clock, and
head office's resolution of a conflict, which travels back to the conflict's stores as the
`conflict` change their counters already apply and show on their Sync page."""

import json
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from central.console.audit import Who, record
from central.console.auth import SignedIn
from central.console.errors import ConsoleError
from central.feed import PendingChanges, flush_changes
from central.models import Conflict, Device, Operation, Store
from central.push_batch import conflict_body

PAGE = 50
STATUSES = ("open", "resolved")


def conflict_page(
    session: Session, user: SignedIn, status: str, before: str | None
) -> list[Conflict]:
    """Up to PAGE + 1 conflicts of a status, newest first (ids are time-ordered UUIDv7)."""
    query = (
        select(Conflict)
        .where(Conflict.chain_id == user.chain_id, Conflict.status == status)
        .order_by(Conflict.id.desc())
        .limit(PAGE + 1)
    )
    if user.store_id is not None:
        query = query.where(Conflict.store_ids.contains(f'"{user.store_id}"'))
    if before:
        query = query.where(Conflict.id < before)
    return list(session.scalars(query))


def store_names(session: Session, chain_id: str) -> dict[str, str]:
    return dict(
        session.execute(select(Store.id, Store.name).where(Store.chain_id == chain_id)).all()
    )


def operations(session: Session, user: SignedIn, which: str, limit: int = PAGE) -> list:
    """The latest refused (`which` = refused) or clock-flagged operations, newest first:
    when, where, by which counter and staff id, what and why. Partial indexes find them."""
    condition = (
        Operation.result == "rejected" if which == "refused" else Operation.clock_flag.is_not(None)
    )
    query = (
        select(
            Operation.id,
            Operation.received_at,
            Operation.device_time,
            Operation.op_type,
            Operation.code,
            Operation.clock_flag,
            Operation.staff_id,
            Device.label,
            Store.code.label("store"),
        )
        .join(Device, Device.id == Operation.device_id)
        .join(Store, Store.id == Device.store_id)
        .where(condition, Device.chain_id == user.chain_id)
        .order_by(Operation.received_at.desc())
        .limit(limit)
    )
    if user.store_id is not None:
        query = query.where(Device.store_id == user.store_id)
    return session.execute(query).all()


def resolve(
    session: Session, user: SignedIn, who: Who, conflict_id: str, reason: str, now: datetime
) -> Conflict:
    """Marks an open conflict resolved with head office's reason; audited and published."""
    conflict = session.scalar(
        select(Conflict)
        .where(Conflict.id == conflict_id[:36], Conflict.chain_id == user.chain_id)
        .with_for_update()
    )
    if conflict is None:
        raise ConsoleError("console.not_found", 404)
    if conflict.status == "resolved":
        raise ConsoleError("exceptions.already_resolved", 409)
    conflict.status = "resolved"
    conflict.resolved_at = now
    conflict.resolved_by = f"{user.name} (head office)"[:120]
    conflict.resolution = reason
    session.flush()
    names = store_names(session, user.chain_id)
    row = {c.name: getattr(conflict, c.name) for c in Conflict.__table__.columns}
    body = conflict_body(row, lambda store_id: names.get(store_id, store_id))
    pending = PendingChanges(user.chain_id)
    for store_id in json.loads(conflict.store_ids):
        pending.add("conflict", conflict.id, body, store_id=store_id)
    flush_changes(session, pending)
    record(
        session,
        who,
        now,
        "conflict.resolve",
        f"conflict:{conflict.id}",
        {"status": "open"},
        {"status": "resolved", "kind": conflict.kind},
        reason,
    )
    return conflict
