"""Conflicts the centre reported and operations it rejected: the lists a manager reads,
and the decisions (a resolution, quarantined changes seen) that go back as operations."""

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from models.journal import OutboxOperation
from models.sync import SyncConflict
from services.core.actor import Actor
from services.core.errors import StateError, ValidationError
from services.core.journal import append_audit, record_operation
from services.protocol import codes
from services.rules.permissions import Permission
from services.rules.text import clean_text, reason_problem
from services.staff.authz import require_permission
from services.sync.link import UowFactory
from services.sync.quarantine import mark_quarantine_seen as quarantine_seen


@dataclass(frozen=True)
class ConflictRow:
    id: str
    kind: str
    subject: str
    stores: list[str]
    detail: dict
    status: str
    opened_at: datetime
    resolved_at: datetime | None
    resolved_by: str | None
    resolution: str | None
    resolving: bool


@dataclass(frozen=True)
class RejectedRow:
    id: str
    seq: int
    op_type: str
    code: str | None
    created_at: datetime
    acked_at: datetime | None


def list_conflicts(reader: UowFactory, include_resolved: bool = True, limit: int = 500):

    with reader() as uow:
        query = (
            select(SyncConflict)
            .order_by(SyncConflict.status, SyncConflict.opened_at.desc())
            .limit(limit)
        )
        if not include_resolved:
            query = query.where(SyncConflict.status == "open")
        return [
            ConflictRow(
                c.id,
                c.kind,
                c.subject,
                [s.get("name", s.get("id", "")) for s in json.loads(c.stores)],
                json.loads(c.detail),
                c.status,
                c.opened_at,
                c.resolved_at,
                c.resolved_by,
                c.resolution,
                c.resolving,
            )
            for c in uow.session.scalars(query)
        ]


def list_rejected(reader: UowFactory, limit: int = 500) -> list[RejectedRow]:
    with reader() as uow:
        rows = uow.session.scalars(
            select(OutboxOperation)
            .where(OutboxOperation.state == "rejected")
            .order_by(OutboxOperation.seq.desc())
            .limit(limit)
        )
        return [
            RejectedRow(o.id, o.seq, o.op_type, o.result_code, o.created_at, o.acked_at)
            for o in rows
        ]


def resolve_conflict(
    writer: UowFactory, actor: Actor, now: datetime, conflict_id: str, reason: str
) -> None:
    """A manager's decision, with a reason: an operation like any other, so it reaches the
    centre (and every store involved) exactly once, even when recorded offline."""
    require_permission(actor, Permission.SYNC_RESOLVE)
    reason = clean_text(reason)
    if problem := reason_problem(reason):
        raise ValidationError(problem)
    with writer() as uow:
        conflict = uow.session.get(SyncConflict, conflict_id)
        if conflict is None:
            raise StateError(codes.SYNC_CONFLICT_UNKNOWN)
        if conflict.status == "resolved" or conflict.resolving:
            raise StateError(codes.SYNC_CONFLICT_RESOLVED)
        conflict.resolving = True
        conflict.resolved_by = actor.staff_name
        conflict.resolution = reason
        record_operation(
            uow,
            actor,
            now,
            "conflict.resolve",
            {"conflict_id": conflict_id, "reason": reason, "staff_name": actor.staff_name},
        )
        append_audit(
            uow, actor, now, "sync.conflict_resolved", f"conflict:{conflict_id}", {}, reason=reason
        )
        uow.commit()


def mark_quarantine_seen(writer: UowFactory, actor: Actor, now: datetime) -> int:
    """A manager has seen the quarantined changes: the status bar stops counting them (the
    Sync page still lists them). Audited; returns how many were open."""
    require_permission(actor, Permission.SYNC_RESOLVE)
    with writer() as uow:
        seen = quarantine_seen(uow, now)
        if seen:
            append_audit(
                uow, actor, now, "sync.quarantine_seen", "sync_quarantine", {"count": seen}
            )
        uow.commit()
    return seen
