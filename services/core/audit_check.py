"""The audit log checked here, at start-up and daily: a break is recorded in the log itself
(`audit.chain_broken`, once per break) and kept for the status bar, so the manager sees it
and the next push's anchor tells the centre (services.core.audit_anchor). A manager who has
taken it up marks it seen (audited); the same break is then neither shown nor recorded
again, a new one is."""

import json
from collections.abc import Callable
from datetime import datetime

from sqlalchemy import select

from models.counter import Counter, Setting
from models.sync import SyncState
from services.core.actor import Actor
from services.core.journal import AuditCheck, append_audit, verify_audit_chain
from services.core.uow import UnitOfWork
from services.rules.permissions import Permission
from services.staff.authz import require_permission

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
    """The break found here and not yet marked seen, {first_bad_id, at}, or None."""
    row = uow.session.get(Setting, LOCAL_BREAK_KEY)
    value = json.loads(row.value) if row is not None else None
    return None if value is None or value.get("seen") else value


def mark_audit_break_seen(writer: UowFactory, actor: Actor, now: datetime) -> bool:
    """A manager has seen the break (found here, or by the centre) and takes it up: the
    status bar stops showing it. Audited with what was shown; False when there was none."""
    require_permission(actor, Permission.SYNC_RESOLVE)
    with writer() as uow:
        state = uow.session.get(SyncState, 1)
        row = uow.session.get(Setting, LOCAL_BREAK_KEY)
        local = json.loads(row.value) if row is not None else {}
        central = state.audit_break_code if state is not None else None
        if central is None and (not local or local.get("seen")):
            return False
        detail = {"centre": central, "local_first_bad_id": local.get("first_bad_id")}
        if state is not None:
            state.audit_break_code, state.audit_break_at = None, None
        if row is not None:
            row.value, row.updated_at = json.dumps(local | {"seen": True}), now
            row.updated_by = actor.staff_id
        append_audit(uow, actor, now, "audit.break_seen", "audit_log", detail)
        uow.commit()
    return True
