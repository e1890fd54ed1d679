"""The door's screen: the event, its count and its latest sign-ins."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from models.catalog import Member
from models.events import EventSignIn
from services.core.uow import UnitOfWork
from services.events.planning import EventSummary, get_event, summary_of

RECENT = 20


@dataclass(frozen=True)
class ScanLine:
    signin_id: str
    name: str
    member_no: str | None
    at: datetime
    counter_label: str
    method: str
    points: int
    undone: bool


@dataclass(frozen=True)
class DoorStatus:
    event: EventSummary
    recent: tuple[ScanLine, ...]


def door_status(uow: UnitOfWork, event_id: str, limit: int = RECENT) -> DoorStatus:
    """The event, its count, and its latest sign-ins (newest first), for opening the door."""
    with uow:
        summary = summary_of(uow, get_event(uow, event_id))
        rows = uow.session.execute(
            select(
                EventSignIn.id,
                Member.name,
                Member.member_no,
                EventSignIn.at,
                EventSignIn.counter_label,
                EventSignIn.method,
                EventSignIn.points_entry_id,
                EventSignIn.undone_at,
                EventSignIn.registration_id,
            )
            .outerjoin(Member, Member.id == EventSignIn.member_id)
            .where(EventSignIn.event_id == event_id)
            .order_by(EventSignIn.at.desc())
            .limit(limit)
        ).all()
        door = uow.door
        lines = []
        for sid, name, member_no, at, label, method, entry_id, undone, reg_id in rows:
            if name is None:
                name = door.guest_name(reg_id)
            pts = door.points_of(entry_id) if entry_id else 0
            lines.append(ScanLine(sid, name, member_no, at, label, method, pts, undone is not None))
        return DoorStatus(summary, tuple(lines))
