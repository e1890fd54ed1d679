"""Applying a page of the centre's changes to this counter, inside the caller's transaction
(the same one that moves the cursor). Every kind is applied idempotently: a page applied
twice leaves the same data.

Members: profile fields as the centre has them. Balances: a member new to this counter
opens with the centre's balance (one `adjust` entry, and a lot that does not expire here,
because the store that earned the points expires them and that arrives as a new balance).
A member the counter knows is brought to the centre's balance by an `adjust` entry, but
only while no waiting operation of this counter mentions the member: until the centre has
those, its balance is behind ours. These entries are the centre's facts, not this
counter's, so they are never journalled.
"""

import json
import logging
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import DateTime, Integer, bindparam, func, select

from models.catalog import CouponTemplate, Event, Gift, Member
from models.counter import Counter, Store
from models.coupons import Coupon, UsedCoupon
from models.journal import OutboxOperation
from models.keys import TrustedKey
from models.points import RuleVersion
from models.sync import SyncConflict, SyncMember, SyncState
from services.core.actor import Actor
from services.core.uow import UnitOfWork
from services.points.ledger import Posting
from services.sync.adjust import apply_member_erased, apply_points_adjustment
from services.sync.events import apply_event_registration
from services.sync.keys import trust_public_key
from services.sync.members import (
    MIRROR_EXPIRY,
    SYNC_REASON,
    insert_members,
    local_members,
    upsert_sync_members,
)
from services.sync.patterns import apply_receipt_patterns

log = logging.getLogger(__name__)


def apply_changes(uow: UnitOfWork, changes: list[dict[str, Any]], now: datetime) -> None:
    """Applies a page (services.sync.quarantine screens it first and keeps what fails)."""
    counter = uow.session.scalars(select(Counter)).one()
    actor = Actor(None, "sync", "system", counter.store_id, counter.id)
    ordered = in_apply_order(changes)
    members = [c["body"] for c in ordered if c["kind"] == "member"]
    for change in ordered:
        kind = change["kind"]
        if kind == "member":
            if members:
                _apply_members(uow, actor, members, now)
                members = []
            continue
        handler = HANDLERS.get(kind)
        if handler is None:
            log.info("change of unknown kind %s skipped", kind)
            continue
        handler(uow, actor, change["body"], now)


# What other changes refer to goes first, members next, the rest in the feed's order: a
# registration needs its event and member even when the event was edited later in the page.
# Head office's point adjustments go before members (services.sync.adjust says why).
FOUNDATION = (
    "store",
    "trusted_key",
    "rules",
    "gift",
    "coupon_template",
    "event",
    "points_adjustment",
    "member",
)


def in_apply_order(changes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The last change of each key (it is the key's state; earlier ones add nothing), in
    the order they are applied."""
    latest: dict[tuple[str, str], dict] = {}
    for change in changes:
        latest.pop((change["kind"], change["key"]), None)
        latest[(change["kind"], change["key"])] = change
    return sorted(latest.values(), key=_rank)


def _rank(change: dict[str, Any]) -> int:
    kind = change["kind"]
    return FOUNDATION.index(kind) if kind in FOUNDATION else len(FOUNDATION)


# members -----------------------------------------------------------------------------------


def _apply_members(uow: UnitOfWork, actor: Actor, bodies: list[dict], now: datetime) -> None:
    s = uow.session
    local = local_members(uow, [b["id"] for b in bodies])
    fresh = [b for b in bodies if b["id"] not in local]
    known = [b for b in bodies if b["id"] in local]
    if fresh:
        insert_members(uow, actor, fresh, now)
    if known:
        taken = _taken_mobiles(uow, known, local)
        rows = [
            {
                "_id": b["id"],
                "member_no": b["member_no"],
                "name": b["name"],
                "mobile": b["mobile"] if b["id"] not in taken else local[b["id"]].mobile,
                "mobile_last4": (b["mobile"] if b["id"] not in taken else local[b["id"]].mobile)[
                    -4:
                ],
                "birth_month": b["birth_month"],
                "birth_day": b["birth_day"],
                "birth_year": b.get("birth_year"),
                "tier": b["tier"],
                "consent_marketing": bool(b.get("consent_marketing")),
                "active": bool(b.get("active", True)),
                "card_serial": max(int(b.get("card_serial") or 1), local[b["id"]].card_serial),
                "updated_at": now,
            }
            for b in known
        ]
        table = Member.__table__
        s.connection().execute(table.update().where(table.c.id == bindparam("_id")), rows)
        _reconcile_balances(uow, actor, known, local, now)
    upsert_sync_members(uow, bodies, now)


def _taken_mobiles(uow: UnitOfWork, bodies: list[dict], local: dict) -> set[str]:
    """Members whose new mobile another local member holds (the centre flagged that)."""
    changed = {b["mobile"]: b["id"] for b in bodies if b["mobile"] != local[b["id"]].mobile}
    if not changed:
        return set()
    holders = uow.session.execute(
        select(Member.mobile, Member.id).where(Member.mobile.in_(list(changed)))
    )
    return {changed[m] for m, holder in holders if holder != changed[m]}


def _members_with_pending_ops(uow: UnitOfWork) -> set[str]:
    return set(
        uow.session.scalars(
            select(func.json_extract(OutboxOperation.payload, "$.member_id"))
            .where(OutboxOperation.state == "pending")
            .distinct()
        )
    ) - {None}


def _reconcile_balances(
    uow: UnitOfWork, actor: Actor, bodies: list[dict], local: dict, now: datetime
) -> None:
    differing = [b for b in bodies if int(b.get("balance") or 0) != local[b["id"]].points_balance]
    if not differing:
        return
    busy = _members_with_pending_ops(uow)
    for b in differing:
        if b["id"] in busy:
            continue
        member = uow.session.get(Member, b["id"])
        delta = int(b.get("balance") or 0) - member.points_balance
        posting = Posting("adjust", SYNC_REASON, "sync")
        if delta > 0:
            uow.ledger.credit(actor, now, member.id, delta, MIRROR_EXPIRY, posting, 1)
        else:
            uow.ledger.debit(actor, now, member.id, -delta, posting, 1, allow_debt=True)
    uow.flush()


def redemption_blocked(uow: UnitOfWork, member_id: str) -> bool:
    """True while the centre reports arrears for this member: redemptions at this counter
    should wait for the network (for services.points / gifts / coupons to consult)."""
    return bool(
        uow.session.scalar(
            select(SyncMember.redeem_blocked).where(SyncMember.member_id == member_id)
        )
    )


# reference data ----------------------------------------------------------------------------


def _columns_from(model, body: dict) -> dict:
    values = {}
    for column in model.__table__.columns:
        if column.name not in body or column.name in ("id",):
            continue
        value = body[column.name]
        if isinstance(column.type, DateTime) or "UTCDateTime" in type(column.type).__name__:
            value = datetime.fromisoformat(value) if isinstance(value, str) else value
            if isinstance(value, datetime) and value.tzinfo is None:
                value = value.replace(tzinfo=UTC)
        elif isinstance(column.type, Integer) and isinstance(value, bool):
            value = int(value)
        values[column.name] = value
    return values


def _upsert_by(uow: UnitOfWork, model, natural: str, body: dict, now: datetime, extra: dict):
    values = _columns_from(model, body) | extra
    row = uow.session.get(model, body["id"])
    if row is None and values.get(natural) is not None:
        row = uow.session.scalar(select(model).where(getattr(model, natural) == values[natural]))
    if row is None:
        defaults = {"id": body["id"], "created_at": now}
        if "active" in model.__table__.columns:
            defaults["active"] = True
        row = model(**(defaults | values))
        uow.session.add(row)
    else:
        for key, value in values.items():
            setattr(row, key, value)
    uow.flush()


def _gift(uow, actor, body, now) -> None:
    _upsert_by(uow, Gift, "sku", body, now, {"updated_at": now})


def _coupon_template(uow, actor, body, now) -> None:
    _upsert_by(uow, CouponTemplate, "code", body, now, {})


def _event(uow, actor, body, now) -> None:
    # A counter of this store made it (this one or another): the store's managers may edit
    # it here. Anything else is the chain's, edited at the centre.
    ours = {actor.store_id, uow.session.scalar(select(SyncState.central_store_id))}
    made_here = body.get("origin") == "store" and body.get("store_id") in ours
    extra = {"source": "local" if made_here else "central"}
    body = dict(body)
    body.setdefault("store_id", "")
    _upsert_by(uow, Event, "code", body, now, extra)


def _rules(uow, actor, body, now) -> None:
    version = int(body["version"])
    if uow.session.get(RuleVersion, version) is None:
        data = {k: v for k, v in body.items() if k != "id"}
        uow.session.add(
            RuleVersion(
                version=version,
                body=json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False),
                source="central",
                loaded_at=now,
            )
        )
        uow.flush()


def _store(uow, actor, body, now) -> None:
    s = uow.session
    if s.get(Store, body["id"]) is not None:
        return
    if s.scalar(select(Store.id).where(Store.code == body["code"])) is not None:
        return  # our own store, known here by the id it was set up with
    s.add(
        Store(
            id=body["id"],
            code=body["code"],
            name=body["name"],
            timezone=body["timezone"],
            created_at=now,
        )
    )
    uow.flush()


def _trusted_key(uow, actor, body, now) -> None:
    key_id = body["key_id"]
    row = uow.session.get(TrustedKey, key_id)
    if row is None:
        trust_public_key(uow, bytes.fromhex(body["public_key"]), body["owner"][:64], now)
        uow.flush()
        row = uow.session.get(TrustedKey, key_id)
    # A revocation names its exact key: another key under the same id (enrolled before the
    # centre refused that) must not take this one down with it.
    same_key = bytes(row.public_key) == bytes.fromhex(body["public_key"])
    if body.get("revoked_at") and row.revoked_at is None and same_key:
        row.revoked_at = datetime.fromisoformat(body["revoked_at"])


def _used_coupon(uow, actor, body, now) -> None:
    if body.get("device_id") == actor.device_id:
        return  # our own redemption: the coupon row here already says so
    coupon_id = body["coupon_id"]
    if uow.session.get(UsedCoupon, coupon_id) is None:
        uow.session.add(
            UsedCoupon(
                coupon_id=coupon_id,
                used_at=datetime.fromisoformat(body["used_at"]),
                store_name=str(body.get("store_name", ""))[:120],
                counter_label=(body.get("counter_label") or None),
                received_at=now,
            )
        )
        uow.flush()


def _coupon_unused(uow, actor, body, now) -> None:
    row = uow.session.get(UsedCoupon, body["coupon_id"])
    if row is not None:
        uow.session.delete(row)
        uow.flush()


def _coupon_revoked(uow, actor, body, now) -> None:
    coupon = uow.session.get(Coupon, body["coupon_id"])
    if coupon is not None:
        if coupon.status == "issued":
            coupon.status = "revoked"
        return
    if not body.get("signed_code"):
        return
    valid_from = datetime.fromisoformat(body["valid_from"])
    uow.session.add(
        Coupon(
            id=body["coupon_id"],
            code=body["code"],
            template_id=None,
            member_id=body.get("member_id"),
            kind=body["kind"],
            value=body["value"],
            min_spend_fen=body.get("min_spend_fen", 0),
            min_tier=body.get("min_tier"),
            offline_ok=bool(body.get("offline_ok", True)),
            source="elsewhere",
            source_ref=None,
            title_zh=body["code"],
            title_en=body["code"],
            valid_from=valid_from,
            expires_at=datetime.fromisoformat(body["expires_at"]),
            status="revoked",
            issued_at=valid_from,
            issued_store_id="",
            issued_device_id="",
            issued_by=None,
            payload=body["signed_code"],
        )
    )
    uow.flush()


def _conflict(uow, actor, body, now) -> None:
    row = uow.session.get(SyncConflict, body["id"])
    values = {
        "kind": body["kind"],
        "subject": str(body.get("subject", ""))[:120],
        "op_id": body.get("op_id") or "",
        "other_op_id": body.get("other_op_id"),
        "stores": json.dumps(body.get("stores", []), ensure_ascii=False),
        "detail": json.dumps(body.get("detail", {}), ensure_ascii=False, sort_keys=True),
        "status": "resolved" if body.get("status") == "resolved" else "open",
        "opened_at": datetime.fromisoformat(body["opened_at"]),
        "resolved_at": datetime.fromisoformat(body["resolved_at"])
        if body.get("resolved_at")
        else None,
    }
    if values["status"] == "resolved":
        values["resolved_by"] = body.get("resolved_by")
        values["resolution"] = body.get("resolution")
        values["resolving"] = False
    if row is None:
        uow.session.add(SyncConflict(id=body["id"], received_at=now, resolving=False, **values))
    else:
        for key, value in values.items():
            setattr(row, key, value)
    uow.flush()


def _ignore(uow, actor, body, now) -> None:
    return None


HANDLERS = {
    "store": _store,
    "trusted_key": _trusted_key,
    "rules": _rules,
    "gift": _gift,
    "coupon_template": _coupon_template,
    "event": _event,
    "used_coupon": _used_coupon,
    "coupon_unused": _coupon_unused,
    "coupon_revoked": _coupon_revoked,
    "conflict": _conflict,
    # Sign-ins at other counters are merged at the centre; the events feature decides
    # what a counter shows of them.
    "event_signin": _ignore,
    "event_registration": apply_event_registration,
    "points_adjustment": apply_points_adjustment,
    "member_erased": apply_member_erased,
    "receipt_patterns": apply_receipt_patterns,
}
# Every kind this counter knows how to apply.
KINDS = frozenset(HANDLERS) | {"member"}
