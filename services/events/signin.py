"""Sign-in at the door: one scan, one answer, in a couple of milliseconds, online or not.

A scan is a member's own card (signed, checked offline) or a registration's ticket. The
answer is one of `services.rules.events.OUTCOMES`; only "admitted" writes anything: the
sign-in, its `event.sign_in` operation (with the counter's nonce for the scan), a walk-in
registration when a member walks into an open event, and the attendance points (a ledger
credit and its `points.event_bonus` operation) when the member's sign-in is the standing
one. A retried call with the same nonce returns the first answer and writes nothing.

The hot path is plain SQL on the unit of work's connection (services.core.raw_sql and
services.core.journal.insert_operation); the ORM is used only where shared ledger code needs
it (points) and for rare actions (override, undo).
"""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from common.ids import new_id
from models.catalog import Member
from models.events import EventRegistration, EventSignIn
from models.points import PointsEntry
from services.core.actor import Actor, Approval
from services.core.errors import NotFoundError, PermissionDenied, StateError, ValidationError
from services.core.journal import append_audit, insert_operation, record_operation
from services.core.raw_sql import db_time, from_db_time, raw_connection
from services.core.uow import UnitOfWork
from services.events.planning import EventSummary, get_event, registration_payload, summary_of
from services.members.codes import looks_like_member_code, read_member_code
from services.points.ledger import Posting, credit_plain, debit
from services.points.rule_sets import rules_in
from services.protocol import codes as error_codes
from services.rules import events as rules
from services.rules.permissions import Permission, role_allows
from services.rules.points import DEFAULT_RULES, points_expire_at
from services.rules.text import clean_text, reason_problem
from services.staff.authz import authorize, require_permission

MAX_SCAN = 400
RECENT = 20


@dataclass(frozen=True)
class Attendee:
    key: str  # "m:<member id>" or "r:<registration id>": one person at one event
    name: str
    member_id: str | None
    member_no: str | None
    tier: str | None
    registration_id: str | None


@dataclass(frozen=True)
class SignInResult:
    outcome: str  # one of services.rules.events.OUTCOMES
    event_id: str
    nonce: str
    attendee: Attendee | None
    signed_in: int  # standing sign-ins after this scan
    capacity: int
    signin_id: str | None = None  # made now (admitted) or found (already signed in)
    at: datetime | None = None  # when: now, or the first sign-in's time
    counter_label: str | None = None  # where: this counter, or the first sign-in's
    points: int = 0  # attendance points credited by this scan
    walk_in: bool = False
    override: bool = False
    window: tuple[datetime, datetime] | None = None
    min_tier: str | None = None
    other_event: str | None = None  # a ticket for another event: its name


@dataclass(frozen=True)
class CapacityOverride:
    """One more in when the event is full: a manager's reason (and approval for others)."""

    reason: str
    approval: Approval | None = None


_EVENT = (
    "SELECT code, starts_at, ends_at, signin_opens_at, signin_closes_at, capacity, min_tier,"
    " invitation_only, attendance_points FROM event WHERE id = ?"
)
_MEMBER = "SELECT id, name, member_no, tier, active, card_serial FROM member WHERE id = ?"
_MEMBER_REGISTRATION = "SELECT id FROM event_registration WHERE event_id = ? AND member_id = ?"
_TICKET = (
    "SELECT r.id, r.event_id, r.member_id, r.guest_name, m.name, m.member_no, m.tier,"
    " m.active, e.name FROM event_registration r JOIN event e ON e.id = r.event_id"
    " LEFT JOIN member m ON m.id = r.member_id WHERE r.code = ?"
)
_STANDING_MEMBER = (
    "SELECT id, at, counter_label FROM event_signin"
    " WHERE event_id = ? AND member_id = ? AND undone_at IS NULL"
)
_STANDING_REGISTRATION = (
    "SELECT id, at, counter_label FROM event_signin"
    " WHERE event_id = ? AND registration_id = ? AND undone_at IS NULL"
)
_COUNT = "SELECT count(*) FROM event_signin WHERE event_id = ? AND undone_at IS NULL"
_BY_NONCE = (
    "SELECT id, event_id, member_id, registration_id, at, counter_label, points_entry_id,"
    " method, override_reason FROM event_signin WHERE nonce = ?"
)


def sign_in(
    uow: UnitOfWork,
    actor: Actor,
    now: datetime,
    event_id: str,
    text: str,
    nonce: str,
    override: CapacityOverride | None = None,
    looked_up: bool = False,
) -> SignInResult:
    """The door's answer to one scan; see the module's docstring. `looked_up`: `text` is
    the id of a member staff found by mobile number or name (no card with them); the
    sign-in is the same, and the audit log says who admitted them that way."""
    require_permission(actor, Permission.EVENT_SIGN_IN)
    if override is not None:
        require_permission(actor, Permission.EVENT_OVERRIDE_CAPACITY, override.approval)
        override = CapacityOverride(clean_text(override.reason), override.approval)
        if problem := reason_problem(override.reason):
            raise ValidationError(problem)
    if not nonce or len(nonce) > 64:
        raise ValidationError(error_codes.EVENT_BAD_NONCE)
    scan = rules.clean_scan(text)
    if not scan:
        raise ValidationError(error_codes.SCAN_EMPTY)
    if len(scan) > MAX_SCAN:
        raise ValidationError(error_codes.SCAN_TOO_LONG)
    with uow:
        conn = raw_connection(uow)
        event = conn.execute(_EVENT, (event_id,)).fetchone()
        if event is None:
            raise NotFoundError(error_codes.EVENT_NOT_FOUND)
        code, starts, ends, opens, closes, capacity, min_tier, invitation_only, points = event
        replay = conn.execute(_BY_NONCE, (nonce,)).fetchone()
        if replay is not None:
            return _replayed(conn, replay, nonce, capacity)
        _refuse_unassigned(conn, event_id, actor)
        window = rules.signin_window(
            from_db_time(starts), from_db_time(ends), from_db_time(opens), from_db_time(closes)
        )
        base = {"event_id": event_id, "nonce": nonce, "capacity": capacity, "window": window}
        if looked_up:
            attendee, method, other_event = (
                _member_attendee(conn, event_id, scan),
                "member_qr",
                None,
            )
        else:
            attendee, method, other_event = _resolve(uow, conn, event_id, scan)
        count = conn.execute(_COUNT, (event_id,)).fetchone()[0]
        if attendee is None:  # a well-formed ticket nobody issued here
            return SignInResult(rules.NOT_REGISTERED, attendee=None, signed_in=count, **base)
        standing = (
            conn.execute(_STANDING_MEMBER, (event_id, attendee.member_id)).fetchone()
            if attendee.member_id
            else conn.execute(
                _STANDING_REGISTRATION, (event_id, attendee.registration_id)
            ).fetchone()
        )
        facts = rules.DoorFacts(
            now=now,
            window=window,
            already=standing is not None,
            is_member=attendee.member_id is not None,
            tier=attendee.tier,
            min_tier=min_tier,
            registered=attendee.registration_id is not None and other_event is None,
            invitation_only=bool(invitation_only),
            signed_in=count,
            capacity=capacity,
            override=override is not None,
        )
        outcome = rules.door_verdict(facts)
        if outcome == rules.ALREADY:
            return SignInResult(
                outcome,
                attendee=attendee,
                signed_in=count,
                signin_id=standing[0],
                at=from_db_time(standing[1]),
                counter_label=standing[2],
                **base,
            )
        if outcome != rules.ADMITTED:
            return SignInResult(
                outcome,
                attendee=attendee,
                signed_in=count,
                min_tier=min_tier,
                other_event=other_event,
                **base,
            )
        walk_in = attendee.registration_id is None
        if walk_in:  # a member walking into an open event: registered at the door
            attendee = _register_walk_in(conn, actor, now, event_id, attendee)
            method = "walk_in"
        over = count >= capacity
        if over:
            _record_override(uow, actor, now, event_id, attendee, count, capacity, override)
        signin_id = new_id()
        label = conn.execute("SELECT label FROM counter WHERE id = ?", (actor.device_id,))
        label = (label.fetchone() or ("",))[0]
        entry_id, rule_version = None, None
        if attendee.member_id and points > 0:
            entry_id, rule_version = _credit_points(uow, actor, now, attendee, points, code)
        conn.execute(
            "INSERT INTO event_signin (id, event_id, registration_id, member_id, nonce, method,"
            " device_id, counter_label, staff_id, at, points_entry_id, override_reason,"
            " approved_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                signin_id,
                event_id,
                attendee.registration_id,
                attendee.member_id,
                nonce,
                method,
                actor.device_id,
                label,
                actor.staff_id,
                db_time(now),
                entry_id,
                override.reason if over else None,
                override.approval.manager_id if over and override.approval else None,
            ),
        )
        # The centre merges two offline counters' sign-ins of one member on (event, member)
        # and drops a retried upload on the nonce.
        insert_operation(
            conn,
            actor,
            now,
            "event.sign_in",
            {
                "signin_id": signin_id,
                "event_id": event_id,
                "member_id": attendee.member_id,
                "registration_id": attendee.registration_id,
                "nonce": nonce,
                "method": method,
                "at": now.isoformat(),
                "counter_label": label,
                "points": points if entry_id else 0,
                "override_reason": override.reason if over else None,
            },
        )
        if entry_id:
            insert_operation(
                conn,
                actor,
                now,
                "points.event_bonus",
                {
                    "member_id": attendee.member_id,
                    "points": points,
                    "event_id": event_id,
                    "signin_id": signin_id,
                    "nonce": nonce,
                    "entry_id": entry_id,
                    "rule_version": rule_version,
                },
            )
        if looked_up:
            detail = {"event_id": event_id, "signin_id": signin_id}
            append_audit(uow, actor, now, "event.sign_in_looked_up", attendee.member_id, detail)
        uow.commit()
        return SignInResult(
            rules.ADMITTED,
            attendee=attendee,
            signed_in=count + 1,
            signin_id=signin_id,
            at=now,
            counter_label=label,
            points=points if entry_id else 0,
            walk_in=walk_in,
            override=over,
            **base,
        )


def _refuse_unassigned(conn, event_id: str, actor: Actor) -> None:
    if actor.is_system or role_allows(actor.role, Permission.EVENT_MANAGE):
        return
    listed, me = conn.execute(
        "SELECT count(*), coalesce(sum(staff_id = ?), 0) FROM event_staff WHERE event_id = ?",
        (actor.staff_id, event_id),
    ).fetchone()
    if listed and not me:
        raise PermissionDenied(error_codes.EVENT_NOT_ASSIGNED)


def _resolve(uow: UnitOfWork, conn, event_id: str, scan: str):
    """(attendee or None, method, other event's name or None) for a scanned text."""
    if looks_like_member_code(scan):
        code = read_member_code(uow, scan)  # signature and trusted key, offline
        attendee = _member_attendee(conn, event_id, code.member_id, code.card_serial)
        return attendee, "member_qr", None
    if rules.looks_like_ticket(scan):
        ticket = rules.normalize_ticket(scan)
        if ticket is None:
            raise ValidationError(error_codes.EVENT_BAD_TICKET)
        row = conn.execute(_TICKET, (ticket,)).fetchone()
        if row is None:
            return None, "ticket", None
        reg_id, reg_event, member_id, guest, name, member_no, tier, active, event_name = row
        if member_id is not None and not active:
            raise StateError(error_codes.MEMBER_INACTIVE, name=name)
        other = None
        if reg_event != event_id:
            here = (
                conn.execute(_MEMBER_REGISTRATION, (event_id, member_id)).fetchone()
                if member_id
                else None
            )
            reg_id, other = (here[0], None) if here else (None if member_id else reg_id, event_name)
        key = f"m:{member_id}" if member_id else f"r:{reg_id}"
        attendee = Attendee(key, name or guest, member_id, member_no, tier, reg_id)
        return attendee, "ticket", other
    raise ValidationError(error_codes.EVENT_UNKNOWN_CODE)


def _member_attendee(conn, event_id: str, member_id: str, card_serial: int | None = None):
    """The member as an attendee; `card_serial` from a scanned card must be the current one."""
    member = conn.execute(_MEMBER, (member_id,)).fetchone()
    if member is None:
        raise NotFoundError(error_codes.MEMBER_NOT_FOUND, kind="code" if card_serial else "id")
    member_id, name, member_no, tier, active, serial = member
    if not active:
        raise StateError(error_codes.MEMBER_INACTIVE, name=name)
    if card_serial is not None and card_serial != serial:
        raise ValidationError(error_codes.QR_REVOKED, name=name)
    reg = conn.execute(_MEMBER_REGISTRATION, (event_id, member_id)).fetchone()
    reg_id = reg[0] if reg else None
    return Attendee(f"m:{member_id}", name, member_id, member_no, tier, reg_id)


def _register_walk_in(conn, actor: Actor, now: datetime, event_id: str, a: Attendee) -> Attendee:
    reg_id, code = new_id(), rules.new_ticket_code()
    conn.execute(
        "INSERT INTO event_registration (id, event_id, member_id, guest_name, guest_mobile,"
        " code, kind, staff_id, device_id, created_at)"
        " VALUES (?, ?, ?, NULL, NULL, ?, 'walk_in', ?, ?, ?)",
        (reg_id, event_id, a.member_id, code, actor.staff_id, actor.device_id, db_time(now)),
    )
    # The row above, as an unsaved object, so the operation says what every registration says.
    reg = EventRegistration(
        id=reg_id,
        event_id=event_id,
        member_id=a.member_id,
        code=code,
        kind="walk_in",
        created_at=now,
    )
    insert_operation(conn, actor, now, "event.register", registration_payload(reg))
    return Attendee(a.key, a.name, a.member_id, a.member_no, a.tier, reg_id)


def _record_override(uow, actor, now, event_id, attendee, count, capacity, override) -> None:
    authorize(uow, actor, now, Permission.EVENT_OVERRIDE_CAPACITY, override.approval)
    append_audit(
        uow,
        actor,
        now,
        "event.capacity_override",
        f"event:{event_id}",
        {"attendee": attendee.key, "signed_in": count, "capacity": capacity},
        reason=override.reason,
        approved_by=override.approval.manager_id if override.approval else None,
    )


def _credit_points(
    uow: UnitOfWork, actor: Actor, now: datetime, a: Attendee, points: int, event_code: str
) -> tuple[str, int]:
    conn = raw_connection(uow)
    # The newest rule version and the store's time zone in one plain query (what rules_in
    # would find, without parsing the rule set the credit does not need).
    version, timezone = conn.execute(
        "SELECT (SELECT max(version) FROM rule_set), timezone FROM store LIMIT 1"
    ).fetchone()
    version = version or DEFAULT_RULES.version
    posting = Posting("event_bonus", "event attendance", event_code)
    expires = db_time(points_expire_at(now, timezone))
    entry_id = credit_plain(
        conn, actor, db_time(now), a.member_id, points, expires, posting, version
    )
    return entry_id, version


def _replayed(conn, row, nonce: str, capacity: int) -> SignInResult:
    signin_id, event_id, member_id, reg_id, at, label, entry_id, method, reason = row
    attendee = _attendee(conn, member_id, reg_id)
    points = 0
    if entry_id:
        points = conn.execute("SELECT delta FROM points_entry WHERE id = ?", (entry_id,))
        points = points.fetchone()[0]
    count = conn.execute(_COUNT, (event_id,)).fetchone()[0]
    return SignInResult(
        rules.ADMITTED,
        event_id=event_id,
        nonce=nonce,
        attendee=attendee,
        signed_in=count,
        capacity=capacity,
        signin_id=signin_id,
        at=from_db_time(at),
        counter_label=label,
        points=points,
        walk_in=method == "walk_in",
        override=reason is not None,
    )


def _attendee(conn, member_id: str | None, reg_id: str | None) -> Attendee:
    if member_id:
        _id, name, member_no, tier, _active, _serial = conn.execute(
            _MEMBER, (member_id,)
        ).fetchone()
        return Attendee(f"m:{member_id}", name, member_id, member_no, tier, reg_id)
    (name,) = conn.execute(
        "SELECT guest_name FROM event_registration WHERE id = ?", (reg_id,)
    ).fetchone()
    return Attendee(f"r:{reg_id}", name, None, None, None, reg_id)


# undo -----------------------------------------------------------------------------------


def undo_sign_in(
    uow: UnitOfWork,
    actor: Actor,
    now: datetime,
    signin_id: str,
    reason: str,
    approval: Approval | None = None,
) -> None:
    """A mistaken sign-in is taken back by a manager: the row stays (marked undone, with who
    and why), its attendance points are reversed, the seat is free again."""
    require_permission(actor, Permission.EVENT_MANAGE, approval)
    reason = clean_text(reason)
    if problem := reason_problem(reason):
        raise ValidationError(problem)
    with uow:
        authorize(uow, actor, now, Permission.EVENT_MANAGE, approval)
        signin = uow.session.get(EventSignIn, signin_id)
        if signin is None:
            raise NotFoundError(error_codes.EVENT_SIGNIN_NOT_FOUND)
        if signin.undone_at is not None:
            raise StateError(error_codes.EVENT_ALREADY_UNDONE)
        signin.undone_at, signin.undone_by, signin.undo_reason = now, actor.staff_id, reason
        reversed_points = 0
        if signin.points_entry_id:
            reversed_points = _reverse_points(uow, actor, now, signin)
        approved_by = approval.manager_id if approval else None
        append_audit(
            uow,
            actor,
            now,
            "event.sign_in_undone",
            f"event_signin:{signin.id}",
            {"event_id": signin.event_id, "points_reversed": reversed_points},
            reason=reason,
            approved_by=approved_by,
        )
        record_operation(
            uow,
            actor,
            now,
            "event.sign_in_undo",
            {
                "signin_id": signin.id,
                "event_id": signin.event_id,
                "member_id": signin.member_id,
                "registration_id": signin.registration_id,
                "nonce": signin.nonce,
                "reason": reason,
                "points_reversed": reversed_points,
                "at": now.isoformat(),
            },
        )
        uow.commit()


def _reverse_points(uow: UnitOfWork, actor: Actor, now: datetime, signin: EventSignIn) -> int:
    entry = uow.session.get(PointsEntry, signin.points_entry_id)
    member = uow.session.get(Member, entry.member_id)
    rule_set = rules_in(uow, now)
    flag = "below_zero" if member.points_balance < entry.delta else None
    posting = Posting(
        "reversal", "event sign-in undone", entry.reference, reverses_id=entry.id, flag=flag
    )
    debit(uow, actor, now, member, entry.delta, posting, rule_set.version, allow_debt=True)
    record_operation(
        uow,
        actor,
        now,
        "points.event_bonus_reversal",
        {
            "member_id": member.id,
            "points": entry.delta,
            "event_id": signin.event_id,
            "signin_id": signin.id,
            "reverses_id": entry.id,
            "rule_version": rule_set.version,
        },
    )
    return entry.delta


# the door's screen -------------------------------------------------------------------------


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
        conn = raw_connection(uow)
        lines = []
        for sid, name, member_no, at, label, method, entry_id, undone, reg_id in rows:
            if name is None:
                name = _attendee(conn, None, reg_id).name
            pts = 0
            if entry_id:
                pts = conn.execute("SELECT delta FROM points_entry WHERE id = ?", (entry_id,))
                pts = pts.fetchone()[0]
            lines.append(ScanLine(sid, name, member_no, at, label, method, pts, undone is not None))
        return DoorStatus(summary, tuple(lines))


__all__ = [
    "Attendee",
    "CapacityOverride",
    "DoorStatus",
    "ScanLine",
    "SignInResult",
    "door_status",
    "sign_in",
    "undo_sign_in",
]
