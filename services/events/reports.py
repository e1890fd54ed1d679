"""Who came: the attendee list of an event, its CSV, and the numbers of the attendance report."""

import csv
import io
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, select

from models.catalog import Member
from models.counter import Counter, Store
from models.events import EventRegistration, EventSignIn
from models.points import PointsEntry
from services.core.uow import UnitOfWork
from services.events.planning import EventSummary, get_event, summary_of
from services.reports.exports import safe_row
from services.rules.members import mask_mobile


@dataclass(frozen=True)
class AttendeeRow:
    registration_id: str | None
    member_id: str | None
    name: str
    member_no: str
    mobile_masked: str
    kind: str  # invited, walk_in
    code: str  # the ticket's secret (for reprinting), empty for a signed-in non-registrant
    signed_in_at: datetime | None
    counter_label: str
    points: int
    undone: int  # sign-ins of this person that a manager took back


@dataclass(frozen=True)
class AttendanceReport:
    event: EventSummary
    rows: tuple[AttendeeRow, ...]
    registered: int
    signed_in: int
    walk_ins: int
    no_shows: int
    points: int
    undone: int


def attendance(uow: UnitOfWork, event_id: str) -> AttendanceReport:
    """Every registration (signed in or not), by name; standing sign-ins carry when and where."""
    with uow:
        summary = summary_of(uow, get_event(uow, event_id))
        standing = and_(
            EventSignIn.registration_id == EventRegistration.id, EventSignIn.undone_at.is_(None)
        )
        rows = uow.session.execute(
            select(
                EventRegistration.id,
                EventRegistration.member_id,
                Member.name,
                Member.member_no,
                Member.mobile,
                EventRegistration.guest_name,
                EventRegistration.guest_mobile,
                EventRegistration.kind,
                EventRegistration.code,
                EventSignIn.at,
                EventSignIn.counter_label,
                PointsEntry.delta,
            )
            .outerjoin(Member, Member.id == EventRegistration.member_id)
            .outerjoin(EventSignIn, standing)
            .outerjoin(PointsEntry, PointsEntry.id == EventSignIn.points_entry_id)
            .where(EventRegistration.event_id == event_id)
        ).all()
        undone: dict[str, int] = {}
        for (reg_id,) in uow.session.execute(
            select(EventSignIn.registration_id).where(
                EventSignIn.event_id == event_id, EventSignIn.undone_at.is_not(None)
            )
        ):
            undone[reg_id] = undone.get(reg_id, 0) + 1
    lines = []
    for (
        reg_id,
        member_id,
        name,
        no,
        mobile,
        guest,
        guest_mobile,
        kind,
        code,
        at,
        label,
        pts,
    ) in rows:
        phone = mobile or guest_mobile
        lines.append(
            AttendeeRow(
                reg_id,
                member_id,
                name or guest or "",
                no or "",
                mask_mobile(phone) if phone else "",
                kind,
                code,
                at,
                label or "",
                pts or 0,
                undone.get(reg_id, 0),
            )
        )
    lines.sort(key=lambda r: (r.signed_in_at is None, r.signed_in_at or 0, r.name))
    present = [r for r in lines if r.signed_in_at is not None]
    return AttendanceReport(
        summary,
        tuple(lines),
        registered=len(lines),
        signed_in=len(present),
        walk_ins=sum(1 for r in present if r.kind == "walk_in"),
        no_shows=sum(1 for r in lines if r.signed_in_at is None),
        points=sum(r.points for r in present),
        undone=sum(r.undone for r in lines),
    )


def attendance_csv(report: AttendanceReport, headers: list[str], timezone) -> str:
    """UTF-8 CSV with a BOM (Excel opens Chinese names right); times in the store's zone.
    `headers` come from the UI in the reader's language: name, member no., mobile, kind,
    signed in at, counter, points."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(safe_row(headers))
    for r in report.rows:
        at = (
            r.signed_in_at.astimezone(timezone).strftime("%Y-%m-%d %H:%M:%S")
            if r.signed_in_at
            else ""
        )
        writer.writerow(
            safe_row([r.name, r.member_no, r.mobile_masked, r.kind, at, r.counter_label, r.points])
        )
    return out.getvalue()


@dataclass(frozen=True)
class PrintableTicket:
    store_name: str
    event_name: str
    place: str
    starts_at: datetime
    ends_at: datetime
    attendee: str
    kind: str
    code: str


def printable_tickets(
    uow: UnitOfWork, event_id: str, registration_ids: list[str] | None = None
) -> list[PrintableTicket]:
    """Tickets of the event's registrations (all of them, or those named), by name."""
    with uow:
        event = get_event(uow, event_id)
        store = uow.session.scalars(select(Store).join(Counter)).one()
        query = (
            select(EventRegistration, Member.name)
            .outerjoin(Member, Member.id == EventRegistration.member_id)
            .where(EventRegistration.event_id == event_id)
        )
        if registration_ids is not None:
            query = query.where(EventRegistration.id.in_(registration_ids))
        tickets = [
            PrintableTicket(
                store.name,
                event.name,
                event.place,
                event.starts_at,
                event.ends_at,
                name or reg.guest_name or "",
                reg.kind,
                reg.code,
            )
            for reg, name in uow.session.execute(query)
        ]
    return sorted(tickets, key=lambda t: t.attendee)
