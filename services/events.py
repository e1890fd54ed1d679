"""Events a store runs: workshops, salons, VIP evenings. Sign-in builds on this."""

from dataclasses import asdict, dataclass
from datetime import datetime

from sqlalchemy import select

from models.catalog import TIERS, Event
from services.actor import Actor, Approval
from services.authz import authorize, require_permission
from services.errors import ValidationError
from services.ids import new_id
from services.journal import record_operation
from services.rules.permissions import Permission
from services.rules.text import clean_text, name_problem
from services.uow import UnitOfWork


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


def create_event(
    uow: UnitOfWork, actor: Actor, now: datetime, spec: EventSpec, approval: Approval | None = None
) -> str:
    require_permission(actor, Permission.EVENT_MANAGE, approval)
    if problem := name_problem(clean_text(spec.name)):
        raise ValidationError("event." + problem)
    if spec.ends_at <= spec.starts_at:
        raise ValidationError("event.bad_window")
    if spec.capacity <= 0 or spec.attendance_points < 0:
        raise ValidationError("event.bad_numbers")
    if spec.min_tier is not None and spec.min_tier not in TIERS:
        raise ValidationError("tier.unknown", tier=spec.min_tier)
    with uow:
        authorize(uow, actor, now, Permission.EVENT_MANAGE, approval)
        event = Event(id=new_id(), store_id=actor.store_id, created_at=now, **asdict(spec))
        uow.session.add(event)
        payload = asdict(spec) | {
            "event_id": event.id,
            "starts_at": spec.starts_at.isoformat(),
            "ends_at": spec.ends_at.isoformat(),
        }
        record_operation(uow, actor, now, "event.create", payload)
        uow.commit()
        return event.id


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
