"""The audit log checked here, at start-up and daily: a break is recorded in the log itself
(`audit.chain_broken`, once per break) and kept for the status bar, so the manager sees it
and the next push's anchor tells the centre (services.audit_anchor)."""

import json
from collections.abc import Callable
from datetime import datetime

from sqlalchemy import select

from models.counter import Counter, Setting
from services.actor import Actor
from services.journal import AuditCheck, append_audit, verify_audit_chain
from services.uow import UnitOfWork

LOCAL_BREAK_KEY = "audit.local_break"
LOCAL_BREAK = "audit.local_break"  # the code the status bar shows

UowFactory = Callable[[], UnitOfWork]


def check_audit_log(reader: UowFactory, writer: UowFactory, now: datetime) -> AuditCheck:
    """Verifies the chain (read only); a break not recorded before is recorded now."""
    with reader() as uow:
        check = verify_audit_chain(uow)
    if check.ok:
        return check
    with writer() as uow:
        seen = uow.session.get(Setting, LOCAL_BREAK_KEY)
        if seen is not None and json.loads(seen.value).get("first_bad_id") == check.first_bad_id:
            return check
        counter = uow.session.scalars(select(Counter)).first()
        if counter is None:
            return check
        system = Actor(None, "system", "system", counter.store_id, counter.id)
        detail = {"first_bad_id": check.first_bad_id, "entries_before": check.entries}
        append_audit(uow, system, now, "audit.chain_broken", "audit_log", detail)
        value = json.dumps({"first_bad_id": check.first_bad_id, "at": now.isoformat()})
        row = seen or Setting(key=LOCAL_BREAK_KEY)
        row.value, row.updated_at, row.updated_by = value, now, None
        uow.session.add(row)
        uow.commit()
    return check


def local_break(uow: UnitOfWork) -> dict | None:
    """The break found here, {first_bad_id, at}, or None."""
    row = uow.session.get(Setting, LOCAL_BREAK_KEY)
    return json.loads(row.value) if row is not None else None
