"""Staff sign-in with PIN and lockout, manager approvals, and staff accounts."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from common.ids import new_id
from models.counter import Counter
from models.staff import Staff
from services.core.actor import Actor, Approval
from services.core.errors import AuthError, NotFoundError, PermissionDenied, ValidationError
from services.core.journal import append_audit
from services.core.settings import settings_in
from services.core.uow import UnitOfWork
from services.protocol import codes
from services.rules.lockout import (
    LockState,
    after_failure,
    attempts_left,
    is_locked,
    lock_round,
)
from services.rules.permissions import Permission, is_role, role_allows
from services.rules.pins import pin_problem
from services.rules.text import clean_text, name_problem, reason_problem
from services.staff.authz import authorize, require_permission
from services.staff.pin_hash import hash_pin, needs_rehash, verify_pin


@dataclass(frozen=True)
class StaffSummary:
    id: str
    name: str
    role: str
    active: bool
    locked_until: datetime | None


def list_staff(uow: UnitOfWork, include_inactive: bool = False) -> list[StaffSummary]:
    with uow:
        query = select(Staff).order_by(Staff.role.desc(), Staff.name)
        if not include_inactive:
            query = query.where(Staff.active.is_(True))
        return [_summary(s) for s in uow.session.scalars(query)]


def sign_in(uow: UnitOfWork, staff_id: str, pin: str, now: datetime) -> Actor:
    """Checks the PIN; a wrong one is counted (and committed) before the refusal is raised."""
    with uow:
        staff = _active_staff(uow, staff_id)
        actor = _actor_for(uow, staff)
        _check_pin(uow, staff, actor, pin, now)
        append_audit(uow, actor, now, "staff.signed_in", f"staff:{staff.id}")
        uow.commit()
        return actor


def approve_as_manager(
    uow: UnitOfWork,
    actor: Actor,
    manager_id: str,
    pin: str,
    permission: str,
    reason: str,
    now: datetime,
) -> Approval:
    """A manager's PIN and a reason grant `actor` one privileged action; both land in the audit."""
    reason = clean_text(reason)
    if problem := reason_problem(reason):
        raise ValidationError(problem)
    with uow:
        manager = _active_staff(uow, manager_id)
        manager_actor = _actor_for(uow, manager)
        _check_pin(uow, manager, manager_actor, pin, now)
        if not role_allows(manager.role, permission):
            raise PermissionDenied(codes.AUTH_NOT_A_MANAGER, permission=str(permission))
        audit_id = append_audit(
            uow,
            actor,
            now,
            "approval.granted",
            f"permission:{permission}",
            {"manager": manager.id, "for_staff": actor.staff_id},
            reason=reason,
            approved_by=manager.id,
        )
        uow.commit()
    return Approval(manager.id, manager.name, str(permission), reason, audit_id)


def create_staff(
    uow: UnitOfWork,
    actor: Actor,
    now: datetime,
    name: str,
    role: str,
    pin: str,
    approval: Approval | None = None,
) -> StaffSummary:
    require_permission(actor, Permission.STAFF_MANAGE, approval)
    name, pin_digest = checked_new_staff(name, role, pin)
    with uow:
        authorize(uow, actor, now, Permission.STAFF_MANAGE, approval)
        staff = add_staff_in(uow, actor, now, name, role, pin_digest, approval)
        uow.commit()
        return staff


def checked_new_staff(name: str, role: str, pin: str) -> tuple[str, str]:
    """Validates a new account's name, role and PIN; returns the clean name and the PIN hash."""
    name = clean_text(name)
    if problem := name_problem(name):
        raise ValidationError(problem)
    if not is_role(role):
        raise ValidationError(codes.STAFF_BAD_ROLE, role=role)
    if problem := pin_problem(pin):
        raise ValidationError(problem)
    return name, hash_pin(pin)


def add_staff_in(
    uow: UnitOfWork,
    actor: Actor,
    now: datetime,
    name: str,
    role: str,
    pin_digest: str,
    approval: Approval | None = None,
) -> StaffSummary:
    """Inserts an account inside an open unit of work; the caller has authorized and commits."""
    staff = Staff(
        id=new_id(),
        store_id=actor.store_id,
        name=name,
        role=role,
        pin_hash=pin_digest,
        failed_pins=0,
        active=True,
        created_at=now,
    )
    uow.session.add(staff)
    uow.flush()
    _audit_privileged(uow, actor, now, "staff.created", staff, {"role": role}, approval)
    return _summary(staff)


def change_pin(
    uow: UnitOfWork,
    actor: Actor,
    now: datetime,
    staff_id: str,
    new_pin: str,
    approval: Approval | None = None,
) -> None:
    """Staff change their own PIN; anyone else's needs staff management rights."""
    if staff_id != actor.staff_id:
        require_permission(actor, Permission.STAFF_MANAGE, approval)
    if problem := pin_problem(new_pin):
        raise ValidationError(problem)
    pin_digest = hash_pin(new_pin)
    with uow:
        if staff_id != actor.staff_id:
            authorize(uow, actor, now, Permission.STAFF_MANAGE, approval)
        staff = _active_staff(uow, staff_id)
        staff.pin_hash = pin_digest
        staff.failed_pins = 0
        staff.locked_until = None
        _audit_privileged(uow, actor, now, "staff.pin_changed", staff, {}, approval)
        uow.commit()


def unlock_staff(
    uow: UnitOfWork, actor: Actor, now: datetime, staff_id: str, approval: Approval | None = None
) -> None:
    require_permission(actor, Permission.STAFF_MANAGE, approval)
    with uow:
        authorize(uow, actor, now, Permission.STAFF_MANAGE, approval)
        staff = _active_staff(uow, staff_id)
        staff.failed_pins = 0
        staff.locked_until = None
        _audit_privileged(uow, actor, now, "staff.unlocked", staff, {}, approval)
        uow.commit()


def deactivate_staff(
    uow: UnitOfWork, actor: Actor, now: datetime, staff_id: str, approval: Approval | None = None
) -> None:
    require_permission(actor, Permission.STAFF_MANAGE, approval)
    if staff_id == actor.staff_id:
        raise ValidationError(codes.STAFF_CANNOT_DEACTIVATE_SELF)
    with uow:
        authorize(uow, actor, now, Permission.STAFF_MANAGE, approval)
        staff = _active_staff(uow, staff_id)
        if staff.role == "manager" and _active_manager_count(uow) <= 1:
            raise ValidationError(codes.STAFF_LAST_MANAGER)
        staff.active = False
        _audit_privileged(uow, actor, now, "staff.deactivated", staff, {}, approval)
        uow.commit()


def _check_pin(uow: UnitOfWork, staff: Staff, actor: Actor, pin: str, now: datetime) -> None:
    if is_locked(staff.locked_until, now):
        raise AuthError(codes.AUTH_LOCKED, until=staff.locked_until)
    if verify_pin(pin, staff.pin_hash):
        staff.failed_pins = 0
        staff.locked_until = None
        if needs_rehash(staff.pin_hash):  # made at an older, cheaper cost: the PIN is at hand
            staff.pin_hash = hash_pin(pin)
        return
    policy = settings_in(uow).lockout
    state = after_failure(LockState(staff.failed_pins, staff.locked_until), now, policy)
    staff.failed_pins = state.failures
    staff.locked_until = state.locked_until
    subject = f"staff:{staff.id}"
    append_audit(uow, actor, now, "staff.pin_failed", subject, {"failures": state.failures})
    if state.locked_until is not None:
        detail = {
            "until": state.locked_until.isoformat(),
            "round": lock_round(state.failures, policy),
        }
        append_audit(uow, actor, now, "staff.locked", subject, detail)
    uow.commit()  # the failure must count even though we refuse
    if state.locked_until is not None:
        raise AuthError(codes.AUTH_LOCKED, until=state.locked_until)
    raise AuthError(codes.AUTH_BAD_PIN, attempts_left=attempts_left(state, policy))


def _active_staff(uow: UnitOfWork, staff_id: str) -> Staff:
    staff = uow.session.get(Staff, staff_id)
    if staff is None or not staff.active:
        raise NotFoundError(codes.STAFF_NOT_FOUND)
    return staff


def _active_manager_count(uow: UnitOfWork) -> int:
    return len(
        uow.session.scalars(
            select(Staff.id).where(Staff.role == "manager", Staff.active.is_(True))
        ).all()
    )


def _actor_for(uow: UnitOfWork, staff: Staff) -> Actor:
    counter = uow.session.scalars(select(Counter)).one()
    return Actor(staff.id, staff.name, staff.role, counter.store_id, counter.id)


def _audit_privileged(
    uow: UnitOfWork,
    actor: Actor,
    now: datetime,
    action: str,
    staff: Staff,
    detail: dict,
    approval: Approval | None,
) -> None:
    append_audit(
        uow,
        actor,
        now,
        action,
        f"staff:{staff.id}",
        {"name": staff.name, **detail},
        reason=approval.reason if approval else None,
        approved_by=approval.manager_id if approval else None,
    )


def _summary(staff: Staff) -> StaffSummary:
    return StaffSummary(staff.id, staff.name, staff.role, staff.active, staff.locked_until)
