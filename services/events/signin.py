"""Sign-in at the door: one scan, one answer, in a couple of milliseconds, online or not.

A scan is a member's own card (signed, checked offline) or a registration's ticket. The
answer is one of `services.rules.events.OUTCOMES`; only "admitted" writes anything: the
sign-in, its `event.sign_in` operation (with the counter's nonce for the scan), a walk-in
registration when a member walks into an open event, and the attendance points (a ledger
credit and its `points.event_bonus` operation) when the member's sign-in is the standing
one. A retried call with the same nonce returns the first answer and writes nothing.

Reads and writes go through the door's repository (`uow.door`, Core statements on the unit
of work's connection), the points through the ledger's (`uow.ledger`). `admit` is the
answer inside a transaction someone else commits: `sign_in` commits each answer alone,
services.events.door_commit commits a group of them with one durable commit.
"""

from dataclasses import dataclass
from datetime import datetime

from common.ids import new_id
from services.core.actor import Actor, Approval
from services.core.errors import NotFoundError, PermissionDenied, StateError, ValidationError
from services.core.journal import Operation, append_audit
from services.core.raw_sql import from_db_time
from services.core.uow import UnitOfWork
from services.events.registrations import describe_registration
from services.members.codes import looks_like_member_code, read_member_code
from services.points.ledger import Posting
from services.protocol import codes as error_codes
from services.rules import events as rules
from services.rules.permissions import Permission, role_allows
from services.rules.points import DEFAULT_RULES, points_expire_at
from services.rules.text import clean_text, reason_problem
from services.staff.authz import authorize, require_permission

MAX_SCAN = 400


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


@dataclass(frozen=True)
class Scan:
    """One scan at the door, checked before any transaction: what `admit` answers."""

    event_id: str
    text: str  # the cleaned scan, or a looked-up member's id
    nonce: str
    override: CapacityOverride | None = None
    looked_up: bool = False


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
    scan = checked_scan(actor, event_id, text, nonce, override, looked_up)
    with uow:
        result, wrote = admit(uow, actor, now, scan)
        if wrote:
            uow.commit()
        return result


def checked_scan(
    actor: Actor,
    event_id: str,
    text: str,
    nonce: str,
    override: CapacityOverride | None = None,
    looked_up: bool = False,
) -> Scan:
    """The checks that need no database: permissions, the nonce, the scan's shape."""
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
    return Scan(event_id, scan, nonce, override, looked_up)


def admit(uow: UnitOfWork, actor: Actor, now: datetime, scan: Scan) -> tuple[SignInResult, bool]:
    """The answer to a checked scan inside the caller's open unit of work, and whether it
    wrote anything (only an admission does; the caller commits it)."""
    door, event_id, nonce, override = uow.door, scan.event_id, scan.nonce, scan.override
    event = door.event(event_id)
    if event is None:
        raise NotFoundError(error_codes.EVENT_NOT_FOUND)
    code, starts, ends, opens, closes, capacity, min_tier, invitation_only, points = event
    replay = door.by_nonce(nonce)
    if replay is not None:
        return _replayed(door, replay, nonce, capacity), False
    _refuse_unassigned(door, event_id, actor)
    window = rules.signin_window(
        from_db_time(starts), from_db_time(ends), from_db_time(opens), from_db_time(closes)
    )
    base = {"event_id": event_id, "nonce": nonce, "capacity": capacity, "window": window}
    if scan.looked_up:
        attendee, method, other_event = (
            _member_attendee(door, event_id, scan.text),
            "member_qr",
            None,
        )
    else:
        attendee, method, other_event = _resolve(uow, event_id, scan.text)
    count = door.signed_in(event_id)
    if attendee is None:  # a well-formed ticket nobody issued here
        return SignInResult(rules.NOT_REGISTERED, attendee=None, signed_in=count, **base), False
    standing = door.standing(event_id, attendee.member_id, attendee.registration_id)
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
        sid, at, label = standing
        found = {"signin_id": sid, "at": from_db_time(at), "counter_label": label}
        return SignInResult(outcome, attendee=attendee, signed_in=count, **found, **base), False
    if outcome != rules.ADMITTED:
        refused = {"min_tier": min_tier, "other_event": other_event}
        return SignInResult(outcome, attendee=attendee, signed_in=count, **refused, **base), False
    walk_in = attendee.registration_id is None
    operations = []  # recorded together, in this order, once the rows are written
    if walk_in:  # a member walking into an open event: registered at the door
        attendee, registered = _register_walk_in(uow, actor, now, event_id, attendee)
        operations.append(registered)
        method = "walk_in"
    over = count >= capacity
    if over:
        _record_override(uow, actor, now, event_id, attendee, count, capacity, override)
    signin_id = new_id()
    label = door.counter_label(actor.device_id)
    entry_id, rule_version = None, None
    if attendee.member_id and points > 0:
        entry_id, rule_version = _credit_points(uow, actor, now, attendee, points, code)
    door.add_signin(
        id=signin_id,
        event_id=event_id,
        registration_id=attendee.registration_id,
        member_id=attendee.member_id,
        nonce=nonce,
        method=method,
        device_id=actor.device_id,
        counter_label=label,
        staff_id=actor.staff_id,
        at=now,
        points_entry_id=entry_id,
        override_reason=override.reason if over else None,
        approved_by=override.approval.manager_id if over and override.approval else None,
    )
    # The centre merges two offline counters' sign-ins of one member on (event, member)
    # and drops a retried upload on the nonce.
    operations.append(
        Operation(
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
    )
    if entry_id:
        bonus = {
            "member_id": attendee.member_id,
            "points": points,
            "event_id": event_id,
            "signin_id": signin_id,
            "nonce": nonce,
            "entry_id": entry_id,
            "rule_version": rule_version,
        }
        operations.append(Operation("points.event_bonus", bonus))
    uow.outbox.record_all(actor, now, operations)
    if scan.looked_up:
        detail = {"event_id": event_id, "signin_id": signin_id}
        append_audit(uow, actor, now, "event.sign_in_looked_up", attendee.member_id, detail)
    result = SignInResult(
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
    return result, True


def _refuse_unassigned(door, event_id: str, actor: Actor) -> None:
    if actor.is_system or role_allows(actor.role, Permission.EVENT_MANAGE):
        return
    listed, me = door.staff_listed(event_id, actor.staff_id)
    if listed and not me:
        raise PermissionDenied(error_codes.EVENT_NOT_ASSIGNED)


def _resolve(uow: UnitOfWork, event_id: str, scan: str):
    """(attendee or None, method, other event's name or None) for a scanned text."""
    door = uow.door
    if looks_like_member_code(scan):
        code = read_member_code(uow, scan)  # signature and trusted key, offline
        attendee = _member_attendee(door, event_id, code.member_id, code.card_serial)
        return attendee, "member_qr", None
    if rules.looks_like_ticket(scan):
        ticket = rules.normalize_ticket(scan)
        if ticket is None:
            raise ValidationError(error_codes.EVENT_BAD_TICKET)
        row = door.ticket(ticket)
        if row is None:
            return None, "ticket", None
        reg_id, reg_event, member_id, guest, name, member_no, tier, active, event_name = row
        if member_id is not None and not active:
            raise StateError(error_codes.MEMBER_INACTIVE, name=name)
        other = None
        if reg_event != event_id:
            here = door.member_registration(event_id, member_id) if member_id else None
            reg_id, other = (here, None) if here else (None if member_id else reg_id, event_name)
        key = f"m:{member_id}" if member_id else f"r:{reg_id}"
        attendee = Attendee(key, name or guest, member_id, member_no, tier, reg_id)
        return attendee, "ticket", other
    raise ValidationError(error_codes.EVENT_UNKNOWN_CODE)


def _member_attendee(door, event_id: str, member_id: str, card_serial: int | None = None):
    """The member as an attendee; `card_serial` from a scanned card must be the current one."""
    member = door.member(member_id)
    if member is None:
        raise NotFoundError(error_codes.MEMBER_NOT_FOUND, kind="code" if card_serial else "id")
    member_id, name, member_no, tier, active, serial = member
    if not active:
        raise StateError(error_codes.MEMBER_INACTIVE, name=name)
    if card_serial is not None and card_serial != serial:
        raise ValidationError(error_codes.QR_REVOKED, name=name)
    reg_id = door.member_registration(event_id, member_id)
    return Attendee(f"m:{member_id}", name, member_id, member_no, tier, reg_id)


def _register_walk_in(
    uow, actor: Actor, now: datetime, event_id: str, a: Attendee
) -> tuple[Attendee, Operation]:
    """The walk-in's registration written, and its operation to record."""
    reg_id, code = new_id(), rules.new_ticket_code()
    uow.door.add_walk_in(reg_id, event_id, a.member_id, code, actor, now)
    payload = describe_registration(reg_id, event_id, a.member_id, None, None, code, "walk_in", now)
    registered = Operation("event.register", payload)
    return Attendee(a.key, a.name, a.member_id, a.member_no, a.tier, reg_id), registered


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
    version, timezone = uow.door.newest_rules_and_timezone()
    version = version or DEFAULT_RULES.version
    posting = Posting("event_bonus", "event attendance", event_code)
    expires = points_expire_at(now, timezone)
    entry = uow.ledger.credit(actor, now, a.member_id, points, expires, posting, version)
    return entry.id, version


def _replayed(door, row, nonce: str, capacity: int) -> SignInResult:
    signin_id, event_id, member_id, reg_id, at, label, entry_id, method, reason = row
    return SignInResult(
        rules.ADMITTED,
        event_id=event_id,
        nonce=nonce,
        attendee=attendee_of(door, member_id, reg_id),
        signed_in=door.signed_in(event_id),
        capacity=capacity,
        signin_id=signin_id,
        at=from_db_time(at),
        counter_label=label,
        points=door.points_of(entry_id) if entry_id else 0,
        walk_in=method == "walk_in",
        override=reason is not None,
    )


def attendee_of(door, member_id: str | None, reg_id: str | None) -> Attendee:
    if member_id:
        _id, name, member_no, tier, _active, _serial = door.member(member_id)
        return Attendee(f"m:{member_id}", name, member_id, member_no, tier, reg_id)
    return Attendee(f"r:{reg_id}", door.guest_name(reg_id), None, None, None, reg_id)


__all__ = ["Attendee", "CapacityOverride", "SignInResult", "admit", "checked_scan", "sign_in"]
