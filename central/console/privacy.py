"""A member's personal data on their request (PIPL: the right to access and to delete):
everything the centre holds about them as JSON or CSV, and its erasure, which the counters
follow (the `member` change with the blanked profile, and `member_erased` for what each
counter holds beyond it). Points, coupons and attendance stay: the chain's books, now about
nobody."""

import csv
import hashlib
import io
import json
from datetime import datetime

from sqlalchemy import select

from central.admin import member_body
from central.console.audit import Who, record
from central.console.auth import SignedIn
from central.console.errors import ConsoleError
from central.console.members import visible_member
from central.feed import PendingChanges, flush_changes
from central.models import (
    Coupon,
    EventRegistration,
    EventSignIn,
    Member,
    Operation,
    PointsEntry,
    Store,
)
from services.protocol import ProtocolError

ERASED_NAME = "（已清除）"
PERSONAL_KEYS = frozenset(
    {"name", "mobile", "mobile_last4", "birth_year", "birth_month", "birth_day", "note"}
)
PROFILE = (
    "id", "member_no", "name", "mobile", "birth_year", "birth_month", "birth_day", "tier",
    "peak_tier", "balance", "consent_marketing", "note", "active", "created_at", "updated_at",
)  # fmt: skip


def personal_data(session, member: Member) -> dict:
    """What the centre holds about the member, for them to take away."""
    stores = dict(
        session.execute(select(Store.id, Store.name).where(Store.chain_id == member.chain_id)).all()
    )
    ledger = session.scalars(
        select(PointsEntry).where(PointsEntry.member_id == member.id).order_by(PointsEntry.id)
    )
    coupons = session.scalars(
        select(Coupon).where(Coupon.chain_id == member.chain_id, Coupon.member_id == member.id)
    )
    signins = session.scalars(select(EventSignIn).where(EventSignIn.member_id == member.id))
    registrations = session.scalars(
        select(EventRegistration).where(EventRegistration.member_id == member.id)
    )
    return {
        "profile": {key: _plain(getattr(member, key)) for key in PROFILE}
        | {"home_store": stores.get(member.home_store_id, "")},
        "points": [
            {
                "at": _plain(e.at),
                "kind": e.kind,
                "delta": e.delta,
                "store": stores.get(e.store_id, ""),
            }
            for e in ledger
        ],
        "coupons": [{"id": c.id, "code": c.code, "status": c.status} for c in coupons],
        "event_attendance": [
            {"event_id": s.event_id, "at": _plain(s.at), "store": stores.get(s.store_id, "")}
            for s in signins
        ],
        "event_registrations": [
            {"event_id": r.event_id, "kind": r.kind, "at": _plain(r.created_at)}
            for r in registrations
        ],
    }


def as_csv(data: dict) -> str:
    """One table: section, then the record's fields as name=value (UTF-8 with a BOM, so a
    spreadsheet opens the Chinese right)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["section", "field", "value"])
    for key, value in data["profile"].items():
        writer.writerow(["profile", key, "" if value is None else value])
    for section in ("points", "coupons", "event_attendance", "event_registrations"):
        for row in data[section]:
            writer.writerow([section, "", "; ".join(f"{k}={v}" for k, v in row.items())])
    return "\ufeff" + out.getvalue()


def export_member(session, user: SignedIn, who: Who, member_id: str, now: datetime) -> dict:
    member = visible_member(session, user, member_id)
    record(session, who, now, "member.export", f"member:{member.id}")
    return personal_data(session, member)


def erase_member(
    session, user: SignedIn, who: Who, member_id: str, reason: str, now: datetime
) -> None:
    member = session.scalar(select(Member).where(Member.id == member_id[:36]).with_for_update())
    if member is None:
        raise ConsoleError("console.not_found", 404)
    visible_member(session, user, member.id)
    if member.name == ERASED_NAME and not member.active:
        raise ConsoleError("privacy.already_erased", 409)
    member.name = ERASED_NAME
    member.mobile = _placeholder_mobile(member.id)
    member.birth_year, member.birth_month, member.birth_day = None, 1, 1
    member.note, member.consent_marketing, member.active = None, False, False
    member.updated_at = now
    operations = _scrub_operations(session, member.id)
    pending = PendingChanges(member.chain_id)
    try:
        pending.add("member", member.id, member_body(member))
        pending.add("member_erased", member.id, {"id": member.id, "at": now.isoformat()})
    except ProtocolError as problem:  # a bug here, not the user's: refuse, change nothing
        raise ConsoleError("privacy.failed", 500) from problem
    flush_changes(session, pending)
    record(
        session,
        who,
        now,
        "member.erase",
        f"member:{member.id}",
        None,
        {"operations_scrubbed": operations},
        reason,
    )


def _placeholder_mobile(member_id: str) -> str:
    """Eleven digits no phone has (a leading 0), the same for the same member."""
    return "0" + str(int(hashlib.sha256(member_id.encode()).hexdigest(), 16))[:10]


def _scrub_operations(session, member_id: str) -> int:
    """The personal fields of the member's own operations (registration, profile edits),
    blanked in the centre's record of them. The operation table has no member column: a
    scan of the member operations naming them, which an erasure (rare) can afford."""
    rows = session.execute(
        select(Operation.id, Operation.payload).where(
            Operation.op_type.like("member.%"), Operation.payload.contains(member_id)
        )
    ).all()
    changed = 0
    for op_id, payload in rows:
        body = json.loads(payload)
        scrubbed = {k: (None if k in PERSONAL_KEYS else v) for k, v in body.items()}
        if scrubbed != body:
            text = json.dumps(scrubbed, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
            session.execute(
                Operation.__table__.update().where(Operation.id == op_id).values(payload=text)
            )
            changed += 1
    return changed


def _plain(value):
    return value.isoformat() if isinstance(value, datetime) else value
