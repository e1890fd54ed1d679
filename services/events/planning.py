"""Events a store runs: workshops, salons, VIP evenings, and their staff.

Registrations are in `services.events.registrations`, sign-in at the door in
`services.events.signin` (grouped commits in `door_commit`), draws in
`services.events.prize_draws`, the attendee list and report in `services.events.reports`.
"""

from dataclasses import asdict, dataclass, replace
from datetime import datetime, timedelta

from sqlalchemy import func, select

from common.ids import new_id
from models.catalog import TIERS, Event
from models.events import EventRegistration, EventSignIn, EventStaff
from models.staff import Staff
from services.core.actor import Actor, Approval
from services.core.errors import NotFoundError, StateError, ValidationError
from services.core.journal import record_operation
from services.core.uow import UnitOfWork
from services.protocol import codes
from services.rules.events import edit_problem, event_problem, signin_window
from services.rules.permissions import Permission
from services.rules.text import clean_text, name_problem
from services.staff.authz import authorize, require_permission

EVENT_SOURCES = ("central", "local")


@dataclass(frozen=True)
class EventSpec:
    code: str
    name: str
    place: str
    starts_at: datetime
    ends_at: datetime
    capacity: int
    min_tier: str | None = None
    invitation_only: bool = False
    attendance_points: int = 0
    # The door's hours; None: from an hour before the start to the end.
    signin_opens_at: datetime | None = None
    signin_closes_at: datetime | None = None
    # Who may sign people in; empty: anyone whose role may.
    staff_ids: tuple[str, ...] = ()


def create_event(
    uow: UnitOfWork, actor: Actor, now: datetime, spec: EventSpec, approval: Approval | None = None
) -> str:
    """A manager's own event (a pop-up store); the chain's events arrive by sync
    (services.sync.apply)."""
    require_permission(actor, Permission.EVENT_MANAGE, approval)
    spec = _checked(spec)
    with uow:
        authorize(uow, actor, now, Permission.EVENT_MANAGE, approval)
        _refuse_duplicate_code(uow, spec.code)
        _check_staff(uow, spec.staff_ids)
        event_id = new_id()
        _store(uow, event_id, spec, actor.store_id, "local", now)
        record_operation(uow, actor, now, "event.create", _payload(event_id, spec))
        uow.commit()
        return event_id


def update_event(
    uow: UnitOfWork,
    actor: Actor,
    now: datetime,
    event_id: str,
    spec: EventSpec,
    approval: Approval | None = None,
) -> None:
    """A manager corrects this counter's own event (a typo, a later start, more seats). The
    code stays: it is how the centre and the other counters know the event. The chain's
    events are edited at the centre; an event that is over is history."""
    require_permission(actor, Permission.EVENT_MANAGE, approval)
    with uow:
        authorize(uow, actor, now, Permission.EVENT_MANAGE, approval)
        event = get_event(uow, event_id)
        if problem := edit_problem(event.source, event.ends_at, now):
            raise StateError(problem, name=event.name)
        spec = _checked(replace(spec, code=event.code))
        _check_staff(uow, spec.staff_ids)
        standing = _standing_sign_ins(uow, event_id)
        if spec.capacity < standing:
            raise ValidationError(codes.EVENT_CAPACITY_BELOW_SIGNED_IN, signed_in=standing)
        _overwrite(uow, event, spec)
        record_operation(uow, actor, now, "event.update", _payload(event_id, spec))
        uow.commit()


def event_spec(uow: UnitOfWork, event_id: str) -> EventSpec:
    """What the event form shows when a manager edits the event."""
    with uow:
        e = get_event(uow, event_id)
        staff = uow.session.scalars(
            select(EventStaff.staff_id).where(EventStaff.event_id == event_id)
        ).all()
        return EventSpec(
            e.code,
            e.name,
            e.place,
            e.starts_at,
            e.ends_at,
            e.capacity,
            e.min_tier,
            e.invitation_only,
            e.attendance_points,
            e.signin_opens_at,
            e.signin_closes_at,
            tuple(sorted(staff)),
        )


def _standing_sign_ins(uow: UnitOfWork, event_id: str) -> int:
    return uow.session.scalar(
        select(func.count())
        .select_from(EventSignIn)
        .where(EventSignIn.event_id == event_id, EventSignIn.undone_at.is_(None))
    )


def _overwrite(uow: UnitOfWork, event: Event, spec: EventSpec) -> None:
    """The event's fields and its door staff as `spec` says."""
    for key, value in asdict(spec).items():
        if key != "staff_ids":
            setattr(event, key, value)
    old = select(EventStaff).where(EventStaff.event_id == event.id)
    for row in uow.session.scalars(old):
        uow.session.delete(row)
    uow.flush()
    for staff_id in spec.staff_ids:
        uow.session.add(EventStaff(event_id=event.id, staff_id=staff_id))


def _checked(spec: EventSpec) -> EventSpec:
    name, place, code = clean_text(spec.name), clean_text(spec.place), clean_text(spec.code)
    if problem := name_problem(name):
        raise ValidationError("event." + problem)
    if problem := name_problem(place):
        raise ValidationError("event.place_" + problem.split(".")[-1])
    if not code or len(code) > 64:
        raise ValidationError(codes.EVENT_BAD_CODE)
    problem = event_problem(
        spec.starts_at,
        spec.ends_at,
        spec.capacity,
        spec.attendance_points,
        spec.signin_opens_at,
        spec.signin_closes_at,
    )
    if problem:
        raise ValidationError(problem)
    if spec.min_tier is not None and spec.min_tier not in TIERS:
        raise ValidationError(codes.TIER_UNKNOWN, tier=spec.min_tier)
    fields = asdict(spec) | {"name": name, "place": place, "code": code.upper()}
    return EventSpec(**fields | {"staff_ids": tuple(sorted(set(spec.staff_ids)))})


def _refuse_duplicate_code(uow: UnitOfWork, code: str) -> None:
    if uow.session.scalar(select(Event.id).where(Event.code == code)):
        raise StateError(codes.EVENT_CODE_TAKEN, event_code=code)


def _check_staff(uow: UnitOfWork, staff_ids: tuple[str, ...]) -> None:
    found = set(uow.session.scalars(select(Staff.id).where(Staff.id.in_(staff_ids))))
    if found != set(staff_ids):
        raise NotFoundError(codes.STAFF_NOT_FOUND)


def _store(
    uow: UnitOfWork, event_id: str, spec: EventSpec, store_id: str, source: str, now: datetime
) -> None:
    fields = {k: v for k, v in asdict(spec).items() if k != "staff_ids"}
    uow.session.add(Event(id=event_id, store_id=store_id, source=source, created_at=now, **fields))
    uow.flush()
    for staff_id in spec.staff_ids:
        uow.session.add(EventStaff(event_id=event_id, staff_id=staff_id))


def _payload(event_id: str, spec: EventSpec) -> dict:
    def iso(value: datetime | None) -> str | None:
        return None if value is None else value.isoformat()

    return asdict(spec) | {
        "event_id": event_id,
        "starts_at": iso(spec.starts_at),
        "ends_at": iso(spec.ends_at),
        "signin_opens_at": iso(spec.signin_opens_at),
        "signin_closes_at": iso(spec.signin_closes_at),
        "staff_ids": list(spec.staff_ids),
    }


# reading ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class EventRow:
    event_id: str
    code: str
    name: str
    starts_at: datetime


def current_events(uow: UnitOfWork, now: datetime) -> list[EventRow]:
    """Events not yet over, soonest first (for handing out coupons at one)."""
    with uow:
        rows = uow.session.scalars(
            select(Event).where(Event.ends_at > now).order_by(Event.starts_at)
        )
        return [EventRow(e.id, e.code, e.name, e.starts_at) for e in rows]


@dataclass(frozen=True)
class EventSummary:
    event_id: str
    code: str
    name: str
    place: str
    starts_at: datetime
    ends_at: datetime
    signin_opens_at: datetime
    signin_closes_at: datetime
    capacity: int
    min_tier: str | None
    invitation_only: bool
    attendance_points: int
    source: str
    staff_names: tuple[str, ...]
    registered: int
    signed_in: int

    def door_open(self, now: datetime) -> bool:
        return self.signin_opens_at <= now < self.signin_closes_at

    def editable(self, now: datetime) -> bool:
        return edit_problem(self.source, self.ends_at, now) is None


def list_events(uow: UnitOfWork, now: datetime, days_back: int = 7) -> list[EventSummary]:
    """Events not over more than `days_back` days ago: the door's one first, then soonest."""
    with uow:
        events = uow.session.scalars(
            select(Event)
            .where(Event.ends_at > now - timedelta(days=days_back))
            .order_by(Event.starts_at)
        ).all()
        summaries = [summary_of(uow, e) for e in events]
    return sorted(summaries, key=lambda s: (not s.door_open(now), s.ends_at < now, s.starts_at))


def event_summary(uow: UnitOfWork, event_id: str) -> EventSummary:
    with uow:
        return summary_of(uow, get_event(uow, event_id))


def get_event(uow: UnitOfWork, event_id: str) -> Event:
    event = uow.session.get(Event, event_id)
    if event is None:
        raise NotFoundError(codes.EVENT_NOT_FOUND)
    return event


def summary_of(uow: UnitOfWork, e: Event) -> EventSummary:
    opens, closes = signin_window(e.starts_at, e.ends_at, e.signin_opens_at, e.signin_closes_at)
    staff = uow.session.scalars(
        select(Staff.name)
        .join(EventStaff, EventStaff.staff_id == Staff.id)
        .where(EventStaff.event_id == e.id)
        .order_by(Staff.name)
    ).all()
    registered = uow.session.scalar(
        select(func.count())
        .select_from(EventRegistration)
        .where(EventRegistration.event_id == e.id)
    )
    signed_in = uow.session.scalar(
        select(func.count())
        .select_from(EventSignIn)
        .where(EventSignIn.event_id == e.id, EventSignIn.undone_at.is_(None))
    )
    return EventSummary(
        e.id,
        e.code,
        e.name,
        e.place,
        e.starts_at,
        e.ends_at,
        opens,
        closes,
        e.capacity,
        e.min_tier,
        e.invitation_only,
        e.attendance_points,
        e.source,
        tuple(staff),
        registered or 0,
        signed_in or 0,
    )


# registrations ----------------------------------------------------------------------------
