"""The check every privileged use case makes itself, whatever the GUI already hid."""

import json
from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from models.db import create_counter_engine
from models.journal import AuditEntry
from services.core.actor import Actor, Approval
from services.core.errors import PermissionDenied
from services.core.journal import append_audit
from services.core.uow import UnitOfWork, session_factory
from services.protocol import codes
from services.rules.permissions import role_allows


def require_permission(actor: Actor, permission: str, approval: Approval | None = None) -> None:
    """A cheap early refusal, before any work; `authorize` is the binding check."""
    if actor.is_system or role_allows(actor.role, permission):
        return
    if approval is not None and approval.permission == permission:
        return
    raise PermissionDenied(codes.AUTH_FORBIDDEN, permission=str(permission))


def needs_approval(actor: Actor, permission: str) -> bool:
    return not (actor.is_system or role_allows(actor.role, permission))


def authorize(
    uow: UnitOfWork, actor: Actor, now: datetime, permission: str, approval: Approval | None
) -> None:
    """Inside the action's own transaction: the role allows it, or a real, unused approval does.

    An approval is checked against the audit row written when the manager typed their PIN,
    and is spent here, so it can be neither forged nor replayed.
    """
    require_permission(actor, permission, approval)
    if not needs_approval(actor, permission):
        return
    granted = uow.session.get(AuditEntry, approval.audit_id)
    if not _grants(granted, actor, permission, approval):
        raise PermissionDenied(codes.AUTH_APPROVAL_INVALID, permission=str(permission))
    used_subject = f"approval:{approval.audit_id}"
    used = uow.session.scalar(
        select(AuditEntry.id).where(
            AuditEntry.action == "approval.used", AuditEntry.subject == used_subject
        )
    )
    if used is not None:
        raise PermissionDenied(codes.AUTH_APPROVAL_USED, permission=str(permission))
    append_audit(
        uow,
        actor,
        now,
        "approval.used",
        used_subject,
        {"permission": str(permission)},
        reason=approval.reason,
        approved_by=approval.manager_id,
    )


def authorize_on_file(
    db_path: Path,
    actor: Actor,
    now: datetime,
    permission: str,
    approval: Approval | None,
    audit: tuple[str, str, dict],
) -> None:
    """`authorize` for an action done to the database file itself while the counter has
    closed it (a restore): the approval is checked and spent in a short transaction of its
    own on that file, with the action's audit row (action, subject, detail) beside it."""
    engine = create_counter_engine(db_path)
    try:
        with UnitOfWork(session_factory(engine)) as uow:
            authorize(uow, actor, now, permission, approval)
            action, subject, detail = audit
            append_audit(
                uow,
                actor,
                now,
                action,
                subject,
                detail,
                reason=approval.reason if approval else None,
                approved_by=approval.manager_id if approval else None,
            )
            uow.commit()
    finally:
        engine.dispose()


def _grants(entry: AuditEntry | None, actor: Actor, permission: str, approval: Approval) -> bool:
    if entry is None or entry.action != "approval.granted":
        return False
    detail = json.loads(entry.detail)
    return (
        entry.subject == f"permission:{permission}"
        and entry.approved_by == approval.manager_id
        and detail.get("for_staff") == actor.staff_id
    )
