"""Handlers for events: sign-ins at the door and registrations (tickets) made at a counter.

Sign-ins are merged per attendee, so a second scan of the same card counts a scan and adds
no row. Registrations are kept once by id and once per member and event; the `Batch` finds
them through its `Registrations` (central/push_registrations.py).
"""

from datetime import datetime

from central.admin_events import REGISTRATION_KINDS, attendee_key, ticket_code_ok
from central.push_batch import Batch
from central.push_types import Envelope, Outcome, Reject, _str
from services.protocol import codes


def event_sign_in(b: Batch, env: Envelope, body: dict) -> Outcome:
    event_id = _str(body, "event_id")
    if b.registrations.find_event(event_id) is None:
        raise Reject(codes.EVENT_UNKNOWN, event_id=event_id)
    # A member is merged on (event, member); a guest, who has only a ticket, on (event,
    # registration).
    member_id = _str(body, "member_id", optional=True)
    registration_id = None
    if member_id is None:
        registration_id = _str(body, "registration_id")
        if len(registration_id) > 36:
            raise Reject(codes.OP_BAD_PAYLOAD, field="registration_id")
    key = (event_id, attendee_key(member_id, registration_id))
    row = b.signins.get(key)
    if row is not None:
        row["scans"] += 1
        b.dirty_signins.add(key)
        return Outcome("duplicate", "event.signin_merged")
    b.signins[key] = {
        "event_id": event_id,
        "attendee": key[1],
        "member_id": member_id,
        "registration_id": registration_id,
        "first_op_id": env.id,
        "store_id": b.store.id,
        "at": env.device_time,
        "scans": 1,
        "_new": True,
    }
    b.dirty_signins.add(key)
    change = {
        "event_id": event_id,
        "member_id": member_id,
        "at": env.device_time.isoformat(),
        "store_name": b.store.name,
    }
    if member_id is not None:
        b.changes.add("event_signin", f"{event_id}:{member_id}"[:64], change)
    else:
        b.changes.add("event_signin", key[1], change | {"registration_id": registration_id})
    return Outcome()


def event_register(b: Batch, env: Envelope, body: dict) -> Outcome:
    """A ticket made at a counter: kept once (by id), one per member and event (a second
    one from another counter is merged), and sent to the counters of the event's store."""
    row = _registration_row(b, env, body)
    if b.registrations.find(row["id"]) is not None:
        return Outcome("duplicate", "event.registration_exists")
    event = b.registrations.find_event(row["event_id"])
    if event is None:
        raise Reject(codes.EVENT_UNKNOWN, event_id=row["event_id"])
    if row["member_id"] is not None:
        b.member(row["member_id"])
        if b.registrations.find_for_member(row["event_id"], row["member_id"]) is not None:
            # Registered at two counters offline: the first to arrive stands, the other
            # counter keeps its own ticket and the member's card works at every door.
            return Outcome("duplicate", "event.registration_merged")
    if b.registrations.find_by_code(row["code"]) is not None:
        raise Reject(codes.EVENT_TICKET_CODE_TAKEN)
    b.registrations.add(row, event["store_id"])
    return Outcome()


def _registration_row(b: Batch, env: Envelope, body: dict) -> dict:
    reg_id, event_id = _str(body, "registration_id"), _str(body, "event_id")
    member_id = _str(body, "member_id", optional=True)
    guest_name = _str(body, "guest_name", optional=True)
    guest_mobile = _str(body, "guest_mobile", optional=True)
    code, kind = _str(body, "code"), body.get("kind")
    for name, value in (
        ("registration_id", reg_id),
        ("event_id", event_id),
        ("member_id", member_id),
    ):
        if value is not None and len(value) > 36:  # the columns' width
            raise Reject(codes.OP_BAD_PAYLOAD, field=name)
    if member_id is None and guest_name is None:
        raise Reject(codes.OP_BAD_PAYLOAD, field="guest_name")
    if guest_name is not None and len(guest_name) > 120:
        raise Reject(codes.OP_BAD_PAYLOAD, field="guest_name")
    if guest_mobile is not None and not (len(guest_mobile) == 11 and guest_mobile.isdigit()):
        raise Reject(codes.OP_BAD_PAYLOAD, field="guest_mobile")
    if not ticket_code_ok(code):
        raise Reject(codes.OP_BAD_PAYLOAD, field="code")
    if kind not in REGISTRATION_KINDS:
        raise Reject(codes.OP_BAD_PAYLOAD, field="kind")
    at = datetime.fromisoformat(body["at"]) if isinstance(body.get("at"), str) else None
    if at is not None and at.tzinfo is None:
        raise Reject(codes.OP_BAD_PAYLOAD, field="at")
    return {
        "id": reg_id,
        "chain_id": b.chain_id,
        "event_id": event_id,
        "member_id": member_id,
        "guest_name": guest_name,
        "guest_mobile": guest_mobile,
        "code": code,
        "kind": kind,
        "store_id": b.store.id,
        "device_id": b.device.id,
        "op_id": env.id,
        "created_at": at or env.device_time,
    }
