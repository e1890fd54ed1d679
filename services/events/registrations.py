"""Registrations for an event: a member or a guest put on its list, with the ticket they
show at the door."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from common.ids import new_id
from models.catalog import Member
from models.events import EventRegistration
from services.core.actor import Actor
from services.core.errors import NotFoundError, StateError, ValidationError
from services.core.journal import record_operation
from services.core.uow import UnitOfWork
from services.events.planning import get_event
from services.members.check_in import the_one_member
from services.protocol import codes
from services.rules.events import new_ticket_code
from services.rules.permissions import Permission
from services.rules.text import clean_text, name_problem, normalize_mobile
from services.staff.authz import authorize, require_permission


@dataclass(frozen=True)
class Registration:
    registration_id: str
    event_id: str
    code: str
    member_id: str | None
    name: str
    kind: str


def register_member_for_event(
    uow: UnitOfWork, actor: Actor, now: datetime, event_id: str, member_id: str
) -> Registration:
    """Invites a member: their ticket is printable, and their own card signs them in too."""
    require_permission(actor, Permission.EVENT_MANAGE)
    with uow:
        registration = _invite(uow, actor, now, event_id, lambda: _member_by_id(uow, member_id))
        uow.commit()
        return registration


def invite_member(
    uow: UnitOfWork, actor: Actor, now: datetime, event_id: str, query: str
) -> Registration:
    """Invites the one member `query` (member no., mobile number, code or name) finds, in the
    same transaction as the look-up: none or several found is refused, nothing recorded."""
    require_permission(actor, Permission.EVENT_MANAGE)
    with uow:
        registration = _invite(uow, actor, now, event_id, lambda: the_one_member(uow, query))
        uow.commit()
        return registration


def _invite(
    uow: UnitOfWork, actor: Actor, now: datetime, event_id: str, find: Callable[[], Member]
) -> Registration:
    """Inside an open unit of work: who may, which event, then the member `find` returns."""
    authorize(uow, actor, now, Permission.EVENT_MANAGE, None)
    get_event(uow, event_id)
    member = find()
    if not member.active:
        raise StateError(codes.MEMBER_INACTIVE, name=member.name)
    taken = uow.session.scalar(
        select(EventRegistration.id).where(
            EventRegistration.event_id == event_id, EventRegistration.member_id == member.id
        )
    )
    if taken:
        raise StateError(codes.EVENT_ALREADY_REGISTERED, name=member.name)
    reg = add_registration(uow, actor, now, event_id, member.id, None, None, "invited")
    return Registration(reg.id, event_id, reg.code, member.id, member.name, reg.kind)


def _member_by_id(uow: UnitOfWork, member_id: str) -> Member:
    member = uow.session.get(Member, member_id)
    if member is None:
        raise NotFoundError(codes.MEMBER_NOT_FOUND, kind="id")
    return member


def register_guest(
    uow: UnitOfWork,
    actor: Actor,
    now: datetime,
    event_id: str,
    name: str,
    mobile: str | None,
    walk_in: bool = False,
) -> Registration:
    """A guest who is not a member: invited by a manager, or a walk-in at an open event."""
    require_permission(actor, Permission.EVENT_SIGN_IN if walk_in else Permission.EVENT_MANAGE)
    name = clean_text(name)
    if problem := name_problem(name):
        raise ValidationError("event.guest_" + problem.split(".")[-1])
    phone = None
    if mobile and mobile.strip():
        phone = normalize_mobile(mobile)
        if phone is None:
            raise ValidationError(codes.MEMBER_BAD_MOBILE)
    with uow:
        event = get_event(uow, event_id)
        if walk_in and event.invitation_only:
            raise StateError(codes.EVENT_INVITATION_ONLY)
        kind = "walk_in" if walk_in else "invited"
        reg = add_registration(uow, actor, now, event_id, None, name, phone, kind)
        uow.commit()
        return Registration(reg.id, event_id, reg.code, None, name, kind)


def add_registration(
    uow: UnitOfWork,
    actor: Actor,
    now: datetime,
    event_id: str,
    member_id: str | None,
    guest_name: str | None,
    guest_mobile: str | None,
    kind: str,
) -> EventRegistration:
    """Inside an open unit of work: the registration, its secret code and its operation."""
    for _attempt in range(3):  # 80 random bits: a clash is all but impossible, yet checked
        code = new_ticket_code()
        if not uow.session.scalar(
            select(EventRegistration.id).where(EventRegistration.code == code)
        ):
            break
    reg = EventRegistration(
        id=new_id(),
        event_id=event_id,
        member_id=member_id,
        guest_name=guest_name,
        guest_mobile=guest_mobile,
        code=code,
        kind=kind,
        staff_id=actor.staff_id,
        device_id=actor.device_id,
        created_at=now,
    )
    uow.session.add(reg)
    try:
        uow.flush()
    except IntegrityError as exc:
        raise StateError(codes.EVENT_ALREADY_REGISTERED, name=guest_name or "") from exc
    record_operation(uow, actor, now, "event.register", registration_payload(reg))
    return reg


def registration_payload(reg: EventRegistration) -> dict:
    return describe_registration(
        reg.id,
        reg.event_id,
        reg.member_id,
        reg.guest_name,
        reg.guest_mobile,
        reg.code,
        reg.kind,
        reg.created_at,
    )


def describe_registration(
    registration_id: str,
    event_id: str,
    member_id: str | None,
    guest_name: str | None,
    guest_mobile: str | None,
    code: str,
    kind: str,
    at: datetime,
) -> dict:
    """The `event.register` payload of a registration: of a saved row, or of one the door
    writes with a plain statement (no ORM object built just to say what it holds)."""
    # The code goes to the centre so every counter at the door accepts the same ticket.
    return {
        "registration_id": registration_id,
        "event_id": event_id,
        "member_id": member_id,
        "guest_name": guest_name,
        "guest_mobile": guest_mobile,
        "code": code,
        "kind": kind,
        "at": at.isoformat(),
    }
