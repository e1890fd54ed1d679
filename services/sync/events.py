"""Applying the centre's `event_registration` changes: tickets made at other counters of
the store (or imported at the centre), so any door of the event admits them.

Applied idempotently inside the page's transaction. A change this counter cannot take is
skipped with a log line, never an error, so one odd row does not stop the sync:
- its own registration coming back, or one applied before: nothing changes;
- the event or the member is not known here (yet): skipped;
- another local registration holds the same ticket code, or the same member for the same
  event (registered here too while offline, merged at the centre): the local one stays.
"""

import logging
from datetime import datetime
from typing import Any

from sqlalchemy import select

from models.catalog import Event, Member
from models.events import REGISTRATION_KINDS, EventRegistration
from services.core.actor import Actor
from services.core.uow import UnitOfWork
from services.rules.events import normalize_ticket

log = logging.getLogger(__name__)


def apply_event_registration(
    uow: UnitOfWork, actor: Actor, body: dict[str, Any], now: datetime
) -> None:
    values = _values_from(body, now)
    if values is None:
        log.warning("event registration change not understood, skipped: %r", body.get("id"))
        return
    s = uow.session
    if s.get(EventRegistration, values["id"]) is not None:
        return  # ours coming back, or applied before
    if s.get(Event, values["event_id"]) is None:
        log.warning(
            "registration %s skipped: event %s not known here", values["id"], values["event_id"]
        )
        return
    if values["member_id"] is not None and s.get(Member, values["member_id"]) is None:
        log.warning("registration %s skipped: member not known here", values["id"])
        return
    local = _local_twin(uow, values)
    if local is not None:
        log.warning(
            "registration %s not taken: local registration %s holds its code or member",
            values["id"],
            local,
        )
        return
    s.add(EventRegistration(**values))
    uow.flush()


def _values_from(body: dict[str, Any], now: datetime) -> dict | None:
    """The local row's values, or None when the body is not a registration we can keep."""
    reg_id, event_id, code = body.get("id"), body.get("event_id"), body.get("code")
    member_id, guest_name = body.get("member_id"), body.get("guest_name")
    if not all(isinstance(v, str) and v for v in (reg_id, event_id, code)):
        return None
    if normalize_ticket(code) != code or body.get("kind") not in REGISTRATION_KINDS:
        return None
    if member_id is None and not isinstance(guest_name, str):
        return None
    if not isinstance(member_id, str | None) or not isinstance(
        body.get("guest_mobile"), str | None
    ):
        return None
    try:
        created_at = datetime.fromisoformat(body["at"]) if body.get("at") else now
    except (TypeError, ValueError):
        return None
    return {
        "id": reg_id,
        "event_id": event_id,
        "member_id": member_id,
        "guest_name": guest_name,
        "guest_mobile": body.get("guest_mobile"),
        "code": code,
        "kind": body["kind"],
        "staff_id": None,
        # Where it was made; imported at the centre: none, kept as "".
        "device_id": body.get("device_id") or "",
        "created_at": created_at if created_at.tzinfo else now,
    }


def _local_twin(uow: UnitOfWork, values: dict) -> str | None:
    """Another registration here with the same ticket code or for the same member and event."""
    same_code = select(EventRegistration.id).where(EventRegistration.code == values["code"])
    found = uow.session.scalar(same_code)
    if found is None and values["member_id"] is not None:
        found = uow.session.scalar(
            select(EventRegistration.id).where(
                EventRegistration.event_id == values["event_id"],
                EventRegistration.member_id == values["member_id"],
            )
        )
    return found
