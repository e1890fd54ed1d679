"""Applying the operations a counter pushes, in its sequence order, each exactly once.

A batch is applied in one database transaction. Each operation is atomic on its own:
its handler checks everything first and only then changes the batch's working state, so a
rejected operation changes nothing, and later operations see the effects of earlier ones.
Members, purchases, coupon redemptions, stock and sign-ins the batch touches are loaded
once (members `FOR UPDATE`, in id order, so two batches never deadlock) and written back
in bulk at the end, with the operations and the change feed; the answer is sent only after
that commit. A unique-key race with another device's batch (two first redemptions of
one coupon at the same instant) fails the commit, and the whole batch is applied again.
"""

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import insert, or_, select, tuple_, update
from sqlalchemy.orm import Session

from central.admin import member_body, rule_set_body, upsert_reference
from central.admin_events import (
    REGISTRATION_KINDS,
    attendee_key,
    events_by_id,
    registration_body,
    ticket_code_ok,
)
from central.bulk import insert_rows, one_of, update_rows
from central.feed import PendingChanges, canonical_json, flush_changes
from central.ids import new_id
from central.models import (
    Conflict,
    Coupon,
    CouponRedemption,
    Device,
    EventRegistration,
    EventSignIn,
    GiftStock,
    Member,
    Operation,
    PointsEntry,
    Purchase,
    Store,
    StoreAlias,
)
from services.rules import points as point_rules
from services.rules.members import is_birthday_month

RESULTS = ("applied", "duplicate", "rejected", "conflict")
TIERS = point_rules.TIER_ORDER
# Types that are recorded in the ledger and need nothing else from the centre.
RECORD_ONLY = {"member.visit"}


@dataclass(frozen=True)
class Envelope:
    id: str
    device_id: str
    seq: int
    op_type: str
    op_version: int
    payload: str
    payload_hash: str
    store_id: str
    staff_id: str | None
    device_time: datetime


@dataclass
class OpResult:
    id: str
    seq: int
    result: str
    code: str | None = None
    conflict_ids: list[str] = field(default_factory=list)
    original_result: str | None = None


@dataclass(frozen=True)
class PushOutcome:
    results: list[OpResult]
    next_expected_seq: int


class Reject(Exception):
    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


@dataclass
class Outcome:
    result: str = "applied"
    code: str | None = None
    conflict_ids: list[str] = field(default_factory=list)


# batch state ------------------------------------------------------------------------------


class Batch:
    """What one push transaction works on, loaded once and written back once."""

    def __init__(self, session: Session, device: Device, now: datetime) -> None:
        self.session = session
        self.device = device
        self.now = now
        self.chain_id = device.chain_id
        self.store = session.get(Store, device.store_id)
        self.store_ids = {self.store.id} | set(
            session.scalars(select(StoreAlias.alias_id).where(StoreAlias.store_id == self.store.id))
        )
        self.changes = PendingChanges(self.chain_id)
        self.members: dict[str, dict | None] = {}
        self.dirty_members: set[str] = set()
        self.new_members: set[str] = set()
        self.mobiles: dict[str, str] = {}
        self.purchases: dict[tuple[str, str], dict | None] = {}
        self.new_purchases: list[dict] = []
        self.entries: list[dict] = []
        self.redemptions: dict[str, dict | None] = {}
        self.new_redemptions: set[str] = set()
        self.voided: set[str] = set()
        self.coupons: dict[str, dict | None] = {}
        self.new_coupons: set[str] = set()
        self.revoked_coupons: set[str] = set()
        self.stock: dict[str, dict | None] = {}
        self.dirty_stock: set[str] = set()
        self.signins: dict[tuple[str, str], dict | None] = {}
        self.dirty_signins: set[tuple[str, str]] = set()
        # Event registrations: by id, by ticket code and by (event, member), pending ones
        # included, so later operations of the batch see earlier ones.
        self.registrations: dict[str, dict | None] = {}
        self.registration_codes: dict[str, str | None] = {}
        self.member_registrations: dict[tuple[str, str], str | None] = {}
        self.new_registrations: list[dict] = []
        self.events: dict[str, dict] = {}
        self.conflicts: list[dict] = []
        self.resolved: dict[str, dict] = {}
        self.operations: list[dict] = []
        self.rules: dict[int, point_rules.RuleSet | None] = {}
        self.store_names: dict[str, str] = {}

    # loading -----------------------------------------------------------------------------

    def preload(self, payloads: list[tuple[Envelope, dict]]) -> None:
        member_ids, receipts, coupon_ids, gift_ids, signins = set(), set(), set(), set(), set()
        for env, body in payloads:
            if isinstance(body.get("member_id"), str):
                member_ids.add(body["member_id"])
            if env.op_type == "points.earn" and isinstance(body.get("receipt_no"), str):
                receipts.add(body["receipt_no"])
            if isinstance(body.get("coupon_id"), str):
                coupon_ids.add(body["coupon_id"])
            if isinstance(body.get("gift_id"), str):
                gift_ids.add(body["gift_id"])
            if env.op_type in SIGN_IN_TYPES and isinstance(body.get("event_id"), str):
                attendee = attendee_key(body.get("member_id"), body.get("registration_id"))
                signins.add((body["event_id"], attendee))
        table = Member.__table__
        if member_ids:
            rows = self.session.execute(
                select(table)
                .where(
                    one_of(self.session, table.c.id, sorted(member_ids)),
                    table.c.chain_id == self.chain_id,
                )
                .order_by(table.c.id)
                .with_for_update()
            ).mappings()
            for row in rows:
                self.members[row["id"]] = dict(row)
        if receipts:
            for row in self.session.execute(
                select(Purchase.__table__).where(
                    Purchase.store_id == self.store.id,
                    one_of(self.session, Purchase.receipt_no, receipts),
                )
            ).mappings():
                self.purchases[(row["store_id"], row["receipt_no"])] = dict(row)
        if coupon_ids:
            for row in self.session.execute(
                select(CouponRedemption.__table__).where(
                    CouponRedemption.coupon_id.in_(coupon_ids),
                    CouponRedemption.chain_id == self.chain_id,
                )
            ).mappings():
                self.redemptions[row["coupon_id"]] = dict(row)
            for row in self.session.execute(
                select(Coupon.__table__).where(
                    Coupon.id.in_(coupon_ids), Coupon.chain_id == self.chain_id
                )
            ).mappings():
                self.coupons[row["id"]] = dict(row)
        if gift_ids:
            for row in self.session.execute(
                select(GiftStock.__table__).where(
                    GiftStock.store_id == self.store.id, GiftStock.gift_id.in_(gift_ids)
                )
            ).mappings():
                self.stock[row["gift_id"]] = dict(row)
        if signins:
            for row in self.session.execute(
                select(EventSignIn.__table__).where(
                    tuple_(EventSignIn.event_id, EventSignIn.attendee).in_(sorted(signins))
                )
            ).mappings():
                self.signins[(row["event_id"], row["attendee"])] = dict(row)
        self._preload_registrations(payloads)

    def member(self, member_id: Any) -> dict:
        if not isinstance(member_id, str):
            raise Reject("op.bad_payload", field="member_id")
        if member_id not in self.members:
            table = Member.__table__
            row = (
                self.session.execute(
                    select(table).where(table.c.id == member_id, table.c.chain_id == self.chain_id)
                )
                .mappings()
                .first()
            )
            self.members[member_id] = dict(row) if row else None
        member = self.members[member_id]
        if member is None:
            raise Reject("member.unknown", member_id=member_id)
        return member

    def rule_set(self, version: Any) -> point_rules.RuleSet:
        if not isinstance(version, int):
            raise Reject("op.bad_payload", field="rule_version")
        if version not in self.rules:
            body = rule_set_body(self.session, self.chain_id, version)
            if body is None:
                self.rules[version] = point_rules.DEFAULT_RULES if version == 1 else None
            else:
                self.rules[version] = rules_from_body(body)
        rules = self.rules[version]
        if rules is None:
            raise Reject("rules.unknown_version", version=version)
        return rules

    def store_name(self, store_id: str) -> str:
        if store_id not in self.store_names:
            self.store_names[store_id] = (
                self.session.scalar(select(Store.name).where(Store.id == store_id)) or store_id
            )
        return self.store_names[store_id]

    # event registrations -----------------------------------------------------------------

    def _preload_registrations(self, payloads: list[tuple[Envelope, dict]]) -> None:
        bodies = [body for env, body in payloads if env.op_type == "event.register"]
        ids = {b["registration_id"] for b in bodies if isinstance(b.get("registration_id"), str)}
        codes = {b["code"] for b in bodies if isinstance(b.get("code"), str)}
        pairs = {
            (b["event_id"], b["member_id"])
            for b in bodies
            if isinstance(b.get("event_id"), str) and isinstance(b.get("member_id"), str)
        }
        if ids or codes or pairs:
            self._load_registrations(ids, codes, pairs)
        event_ids = {b["event_id"] for b in bodies if isinstance(b.get("event_id"), str)}
        self.events.update(events_by_id(self.session, self.chain_id, event_ids))

    def _load_registrations(
        self, ids: set[str], codes: set[str], pairs: set[tuple[str, str]]
    ) -> None:
        table = EventRegistration.__table__
        wanted = []
        if ids:
            wanted.append(table.c.id.in_(sorted(ids)))
        if codes:
            wanted.append(table.c.code.in_(sorted(codes)))
        if pairs:
            wanted.append(tuple_(table.c.event_id, table.c.member_id).in_(sorted(pairs)))
        rows = self.session.execute(
            select(table).where(table.c.chain_id == self.chain_id, or_(*wanted))
        ).mappings()
        for row in rows:
            self._remember_registration(dict(row))
        for reg_id in ids:
            self.registrations.setdefault(reg_id, None)
        for code in codes:
            self.registration_codes.setdefault(code, None)
        for pair in pairs:
            self.member_registrations.setdefault(pair, None)

    def _remember_registration(self, row: dict) -> None:
        self.registrations[row["id"]] = row
        self.registration_codes[row["code"]] = row["id"]
        if row["member_id"] is not None:
            self.member_registrations[(row["event_id"], row["member_id"])] = row["id"]

    def registration(self, reg_id: str) -> dict | None:
        if reg_id not in self.registrations:
            self._load_registrations({reg_id}, set(), set())
        return self.registrations[reg_id]

    def registration_with_code(self, code: str) -> dict | None:
        if code not in self.registration_codes:
            self._load_registrations(set(), {code}, set())
        reg_id = self.registration_codes[code]
        return None if reg_id is None else self.registrations[reg_id]

    def member_registration(self, event_id: str, member_id: str) -> dict | None:
        if (event_id, member_id) not in self.member_registrations:
            self._load_registrations(set(), set(), {(event_id, member_id)})
        reg_id = self.member_registrations[(event_id, member_id)]
        return None if reg_id is None else self.registrations[reg_id]

    def event(self, event_id: str) -> dict | None:
        # Not remembered when missing: an `event.create` earlier in the batch adds it.
        if event_id not in self.events:
            self.events.update(events_by_id(self.session, self.chain_id, [event_id]))
        return self.events.get(event_id)

    def add_registration(self, row: dict, store_id: str | None) -> None:
        """A new registration, sent to the event's store (None: the whole chain)."""
        self._remember_registration(row)
        self.new_registrations.append(row)
        self.changes.add("event_registration", row["id"], registration_body(row), store_id)

    def _write_event_rows(self) -> None:
        if self.new_registrations:
            self.session.execute(insert(EventRegistration), self.new_registrations)

    # changing ----------------------------------------------------------------------------

    def post(self, env: Envelope, member: dict, delta: int, kind: str) -> None:
        if delta == 0:
            return
        member["balance"] += delta
        if member["balance"] >= 0 and member["redeem_blocked"]:
            member["redeem_blocked"] = False  # the arrears are settled
        self.entries.append(
            {
                "member_id": member["id"],
                "op_id": env.id,
                "kind": kind,
                "delta": delta,
                "store_id": self.store.id,
                "at": env.device_time,
            }
        )
        self.touch(member)

    def touch(self, member: dict) -> None:
        member["updated_at"] = self.now
        self.dirty_members.add(member["id"])
        self.changes.add("member", member["id"], member_body(member))

    def open_conflict(
        self,
        env: Envelope,
        kind: str,
        subject: str,
        store_ids: set[str],
        detail: dict,
        other_op_id: str | None = None,
    ) -> str:
        conflict = {
            "id": new_id(),
            "chain_id": self.chain_id,
            "kind": kind,
            "subject": subject,
            "op_id": env.id,
            "other_op_id": other_op_id,
            "store_ids": json.dumps(sorted(store_ids)),
            "detail": canonical_json(detail),
            "status": "open",
            "opened_at": self.now,
            "resolved_at": None,
            "resolved_by": None,
            "resolution": None,
        }
        self.conflicts.append(conflict)
        self.publish_conflict(conflict)
        return conflict["id"]

    def publish_conflict(self, conflict: dict) -> None:
        stores = json.loads(conflict["store_ids"])
        body = {
            "id": conflict["id"],
            "kind": conflict["kind"],
            "subject": conflict["subject"],
            "op_id": conflict["op_id"],
            "other_op_id": conflict["other_op_id"],
            "stores": [{"id": s, "name": self.store_name(s)} for s in stores],
            "detail": json.loads(conflict["detail"]),
            "status": conflict["status"],
            "opened_at": conflict["opened_at"].isoformat(),
            "resolved_at": conflict["resolved_at"].isoformat() if conflict["resolved_at"] else None,
            "resolved_by": conflict["resolved_by"],
            "resolution": conflict["resolution"],
        }
        for store_id in stores:
            self.changes.add("conflict", conflict["id"], body, store_id=store_id)

    # writing -----------------------------------------------------------------------------

    def write(self) -> None:
        s = self.session
        table = Member.__table__
        insert_rows(s, table, [self.members[m] for m in sorted(self.new_members)])
        dirty = [self.members[m] for m in sorted(self.dirty_members - self.new_members)]
        columns = [c.name for c in table.columns if c.name != "chain_id"]
        update_rows(s, table, "id", [{c: m[c] for c in columns} for m in dirty])
        insert_rows(s, Purchase.__table__, self.new_purchases)
        insert_rows(s, PointsEntry.__table__, self.entries)
        insert_rows(s, Coupon.__table__, [self.coupons[c] for c in sorted(self.new_coupons)])
        for coupon_id in sorted(self.revoked_coupons - self.new_coupons):
            c = self.coupons[coupon_id]
            s.execute(
                update(Coupon)
                .where(Coupon.id == coupon_id)
                .values(status=c["status"], revoked_at=c["revoked_at"])
            )
        redemptions = [self.redemptions[c] for c in sorted(self.new_redemptions)]
        insert_rows(s, CouponRedemption.__table__, redemptions)
        for coupon_id in sorted(self.voided - self.new_redemptions):
            s.execute(
                update(CouponRedemption)
                .where(CouponRedemption.coupon_id == coupon_id)
                .values(voided_at=self.redemptions[coupon_id]["voided_at"])
            )
        for gift_id in sorted(self.dirty_stock):
            row = self.stock[gift_id]
            if row.pop("_new", False):
                s.execute(insert(GiftStock).values(**row))
            else:
                s.execute(
                    update(GiftStock)
                    .where(GiftStock.store_id == row["store_id"], GiftStock.gift_id == gift_id)
                    .values(on_hand=row["on_hand"])
                )
        for key in sorted(self.dirty_signins):
            row = self.signins[key]
            if row.pop("_new", False):
                s.execute(insert(EventSignIn).values(**row))
            else:
                s.execute(
                    update(EventSignIn)
                    .where(EventSignIn.event_id == key[0], EventSignIn.attendee == key[1])
                    .values(scans=row["scans"])
                )
        self._write_event_rows()
        insert_rows(s, Conflict.__table__, self.conflicts)
        for conflict_id, values in self.resolved.items():
            s.execute(update(Conflict).where(Conflict.id == conflict_id).values(**values))
        insert_rows(s, Operation.__table__, self.operations)
        flush_changes(s, self.changes)


def rules_from_body(body: dict) -> point_rules.RuleSet:
    return point_rules.rules_from_dict({k: v for k, v in body.items() if k != "id"})


# the push ---------------------------------------------------------------------------------


def push_batch(
    session: Session, device: Device, envelopes: list[Envelope], now: datetime
) -> PushOutcome:
    """Applies a batch inside the caller's transaction; the caller commits."""
    # One push per device at a time: the device row is the lock (SQLite: BEGIN IMMEDIATE).
    session.execute(select(Device.id).where(Device.id == device.id).with_for_update())
    last_seq = session.scalar(select(Device.last_seq).where(Device.id == device.id))
    batch = Batch(session, device, now)
    envelopes = sorted(envelopes, key=lambda e: e.seq)
    ids = [e.id for e in envelopes]
    known = {
        row.id: row
        for row in session.execute(
            select(
                Operation.id,
                Operation.device_id,
                Operation.seq,
                Operation.payload_hash,
                Operation.result,
                Operation.code,
                Operation.conflict_id,
            ).where(one_of(session, Operation.id, ids))
        )
    }
    seqs_taken = set(
        session.scalars(
            select(Operation.seq).where(
                Operation.device_id == device.id,
                one_of(session, Operation.seq, [e.seq for e in envelopes]),
            )
        )
    )
    parsed = []
    for env in envelopes:
        try:
            body = json.loads(env.payload)
        except ValueError:
            body = None
        parsed.append((env, body if isinstance(body, dict) else None))
    batch.preload([(e, b) for e, b in parsed if b is not None and e.id not in known])

    results: list[OpResult] = []
    expected = last_seq + 1
    for env, body in parsed:
        prior = known.get(env.id)
        if prior is not None:
            same = (
                prior.device_id == env.device_id
                and prior.seq == env.seq
                and prior.payload_hash == env.payload_hash
            )
            if same:
                conflicts = [prior.conflict_id] if prior.conflict_id else []
                results.append(
                    OpResult(env.id, env.seq, "duplicate", prior.code, conflicts, prior.result)
                )
            else:
                results.append(OpResult(env.id, env.seq, "rejected", "op.id_reused"))
                if env.seq == expected:
                    expected += 1
            continue
        if env.seq in seqs_taken or env.seq < expected:
            results.append(OpResult(env.id, env.seq, "rejected", "op.seq_taken"))
            continue
        if env.seq > expected:
            break  # a gap: the counter sends again from `next_expected_seq`
        outcome = _apply_checked(batch, env, body)
        batch.operations.append(
            {
                "id": env.id,
                "device_id": env.device_id,
                "seq": env.seq,
                "op_type": env.op_type,
                "op_version": env.op_version,
                "payload": env.payload,
                "payload_hash": env.payload_hash,
                "store_id": env.store_id,
                "staff_id": env.staff_id,
                "device_time": env.device_time,
                "received_at": now,
                "result": outcome.result,
                "code": outcome.code,
                "conflict_id": outcome.conflict_ids[0] if outcome.conflict_ids else None,
            }
        )
        results.append(
            OpResult(env.id, env.seq, outcome.result, outcome.code, outcome.conflict_ids)
        )
        expected += 1
    batch.write()
    session.execute(
        update(Device).where(Device.id == device.id).values(last_seq=expected - 1, last_seen_at=now)
    )
    return PushOutcome(results, expected)


def _apply_checked(batch: Batch, env: Envelope, body: dict | None) -> Outcome:
    try:
        if env.device_id != batch.device.id:
            raise Reject("op.wrong_device")
        if env.store_id not in batch.store_ids:
            raise Reject("op.wrong_store")
        if hashlib.sha256(env.payload.encode("utf-8")).hexdigest() != env.payload_hash:
            raise Reject("op.hash_mismatch")
        if body is None:
            raise Reject("op.bad_payload")
        if env.op_version not in SUPPORTED_VERSIONS.get(env.op_type, {1}):
            raise Reject("op.unsupported_version", version=env.op_version)
        handler = HANDLERS.get(env.op_type)
        if handler is None:
            if env.op_type in RECORD_ONLY or env.op_type.startswith("event."):
                return Outcome()
            raise Reject("op.unknown_type", type=env.op_type)
        return handler(batch, env, body)
    except Reject as reject:
        return Outcome("rejected", reject.code)
    except (KeyError, TypeError, ValueError):
        return Outcome("rejected", "op.bad_payload")


# handlers -----------------------------------------------------------------------------------


def _int(body: dict, key: str, minimum: int | None = 0) -> int:
    value = body.get(key)
    if not isinstance(value, int) or isinstance(value, bool):
        raise Reject("op.bad_payload", field=key)
    if minimum is not None and value < minimum:
        raise Reject("op.bad_payload", field=key)
    return value


def _str(body: dict, key: str, optional: bool = False) -> str | None:
    value = body.get(key)
    if value is None and optional:
        return None
    if not isinstance(value, str) or not value:
        raise Reject("op.bad_payload", field=key)
    return value


def member_register(b: Batch, env: Envelope, body: dict) -> Outcome:
    member_id = _str(body, "member_id")
    if b.members.get(member_id) is not None or (
        member_id not in b.members
        and b.session.scalar(select(Member.id).where(Member.id == member_id)) is not None
    ):
        return Outcome("duplicate", "member.exists")
    mobile = _str(body, "mobile")
    month, day = _int(body, "birth_month", 1), _int(body, "birth_day", 1)
    if month > 12 or day > 31:
        raise Reject("op.bad_payload", field="birth")
    home = body.get("home_store_id")
    member = {
        "id": member_id,
        "chain_id": b.chain_id,
        "member_no": _str(body, "member_no"),
        "name": _str(body, "name"),
        "mobile": mobile,
        "birth_month": month,
        "birth_day": day,
        "birth_year": body.get("birth_year"),
        "tier": "bronze",
        "peak_tier": "bronze",
        "balance": 0,
        "redeem_blocked": False,
        "consent_marketing": bool(body.get("consent_marketing")),
        "note": body.get("note"),
        "active": True,
        "home_store_id": b.store.id if home in b.store_ids else (home or b.store.id),
        "card_serial": 1,
        "created_at": env.device_time,
        "updated_at": b.now,
    }
    twin = b.mobiles.get(mobile) or b.session.scalar(
        select(Member.id).where(
            Member.chain_id == b.chain_id, Member.mobile == mobile, Member.active.is_(True)
        )
    )
    b.members[member_id] = member
    b.new_members.add(member_id)
    b.mobiles[mobile] = member_id
    b.touch(member)
    if twin:
        other = b.member(twin)
        stores = {b.store.id, other["home_store_id"]} - {""}
        detail = {"mobile": mobile, "member_id": member_id, "other_member_id": twin}
        cid = b.open_conflict(env, "member.mobile_taken", member_id, stores, detail)
        return Outcome("conflict", "member.mobile_taken", [cid])
    return Outcome()


def member_update(b: Batch, env: Envelope, body: dict) -> Outcome:
    member = b.member(body.get("member_id"))
    for key in ("name", "mobile", "member_no"):
        if key in body:
            member[key] = _str(body, key)
    for key in ("birth_month", "birth_day"):
        if key in body:
            member[key] = _int(body, key, 1)
    for key in ("birth_year", "note"):
        if key in body:
            member[key] = body[key]
    if "consent_marketing" in body:
        member["consent_marketing"] = bool(body["consent_marketing"])
    b.touch(member)
    return Outcome()


def member_deactivate(b: Batch, env: Envelope, body: dict) -> Outcome:
    member = b.member(body.get("member_id"))
    member["active"] = False
    b.touch(member)
    return Outcome()


def member_card_reissue(b: Batch, env: Envelope, body: dict) -> Outcome:
    member = b.member(body.get("member_id"))
    member["card_serial"] = max(member["card_serial"], _int(body, "card_serial", 1))
    b.touch(member)
    return Outcome()


def member_tier_change(b: Batch, env: Envelope, body: dict) -> Outcome:
    member = b.member(body.get("member_id"))
    tier = body.get("to")
    if tier not in TIERS:
        raise Reject("op.bad_payload", field="to")
    member["tier"] = tier
    if TIERS.index(tier) > TIERS.index(member["peak_tier"]):
        member["peak_tier"] = tier
    b.touch(member)
    return Outcome()


def points_earn(b: Batch, env: Envelope, body: dict) -> Outcome:
    member = b.member(body.get("member_id"))
    rules = b.rule_set(body.get("rule_version"))
    receipt = _str(body, "receipt_no")
    purchase_id = _str(body, "purchase_id")
    gross = _int(body, "gross_fen", 1)
    discount = _int(body, "discount_fen")
    cash = _int(body, "points_cash_fen")
    coupon_fen = _int(body, "coupon_fen")
    paid = _int(body, "paid_fen")
    claimed = _int(body, "points")
    categories = body.get("categories") or {}
    if not isinstance(categories, dict) or not all(
        isinstance(v, int) and v >= 0 for v in categories.values()
    ):
        raise Reject("op.bad_payload", field="categories")
    tier = body.get("tier")
    if tier not in TIERS:
        raise Reject("op.bad_payload", field="tier")
    if TIERS.index(tier) > TIERS.index(member["peak_tier"]):
        raise Reject("points.tier_not_held", tier=tier)
    if discount != point_rules.member_discount_fen(gross, tier, rules):
        raise Reject("points.bad_discount")
    if paid != gross - discount - coupon_fen - cash or paid < 0:
        raise Reject("purchase.bad_amounts")
    at = env.device_time
    if isinstance(body.get("at"), str):
        at = datetime.fromisoformat(body["at"])
    birthday = bool(body.get("birthday_month"))
    if birthday and not is_birthday_month(member["birth_month"], at, b.store.timezone):
        raise Reject("points.not_birthday_month")
    local_day = at.astimezone(ZoneInfo(b.store.timezone)).date()
    earned = point_rules.points_for_purchase(
        paid, gross, categories, tier, birthday, local_day, rules
    ).total
    if claimed > earned:
        raise Reject("points.not_earnable", claimed=claimed, earnable=earned)
    key = (b.store.id, receipt)
    if key not in b.purchases:
        b.purchases[key] = None
    earlier = b.purchases[key]
    if earlier is not None:
        if earlier["purchase_id"] == purchase_id:
            return Outcome("duplicate", "purchase.already_received")
        raise Reject("purchase.duplicate_receipt", receipt=receipt)
    row = {
        "store_id": b.store.id,
        "receipt_no": receipt,
        "purchase_id": purchase_id,
        "op_id": env.id,
        "member_id": member["id"],
        "paid_fen": paid,
        "points": claimed,
    }
    b.purchases[key] = row
    b.new_purchases.append(row)
    b.post(env, member, claimed, "earn")
    return Outcome()


def _debit(b: Batch, env: Envelope, member: dict, points: int, kind: str, what: str) -> Outcome:
    """Points spent on something handed over: always posted (the goods are gone); a
    balance that goes below zero becomes arrears, blocks offline redemption, and is a
    conflict for the stores involved."""
    before = member["balance"]
    b.post(env, member, -points, kind)
    if member["balance"] >= 0:
        return Outcome()
    member["redeem_blocked"] = True
    b.touch(member)
    stores = {b.store.id} | _recent_spending_stores(b, member["id"])
    detail = {
        "member_id": member["id"],
        "member_no": member["member_no"],
        "name": member["name"],
        "points": points,
        "balance_before": before,
        "arrears": -member["balance"],
        "what": what,
    }
    cid = b.open_conflict(env, "points.over_redeemed", member["id"], stores, detail)
    return Outcome("conflict", "points.over_redeemed", [cid])


def _recent_spending_stores(b: Batch, member_id: str) -> set[str]:
    rows = b.session.scalars(
        select(PointsEntry.store_id)
        .where(PointsEntry.member_id == member_id, PointsEntry.delta < 0)
        .order_by(PointsEntry.id.desc())
        .limit(20)
    )
    in_batch = {e["store_id"] for e in b.entries if e["member_id"] == member_id and e["delta"] < 0}
    return set(rows) | in_batch


def points_redeem(b: Batch, env: Envelope, body: dict) -> Outcome:
    member = b.member(body.get("member_id"))
    points = _int(body, "points", 1)
    b.rule_set(body.get("rule_version"))
    return _debit(b, env, member, points, "redeem", "points.redeem")


def points_refund(b: Batch, env: Envelope, body: dict) -> Outcome:
    member = b.member(body.get("member_id"))
    reversed_ = _int(body, "points_reversed")
    returned = _int(body, "points_returned")
    b.post(env, member, returned, "refund_return")
    b.post(env, member, -reversed_, "refund")
    if member["balance"] < 0:
        member["redeem_blocked"] = True
        b.touch(member)
    return Outcome()


def points_adjust(b: Batch, env: Envelope, body: dict) -> Outcome:
    member = b.member(body.get("member_id"))
    delta = _int(body, "delta", None)
    b.post(env, member, delta, "adjust")
    return Outcome()


def points_credit(kind: str) -> Callable[[Batch, Envelope, dict], Outcome]:
    def handler(b: Batch, env: Envelope, body: dict) -> Outcome:
        member = b.member(body.get("member_id"))
        b.post(env, member, _int(body, "points"), kind)
        return Outcome()

    return handler


def points_expire(b: Batch, env: Envelope, body: dict) -> Outcome:
    member = b.member(body.get("member_id"))
    b.post(env, member, -_int(body, "points"), "expire")
    return Outcome()


def coupon_issue(b: Batch, env: Envelope, body: dict) -> Outcome:
    coupon_id = _str(body, "coupon_id")
    if coupon_id not in b.coupons:
        b.coupons[coupon_id] = None
    if b.coupons[coupon_id] is not None:
        return Outcome("duplicate", "coupon.already_issued")
    b.coupons[coupon_id] = {
        "id": coupon_id,
        "chain_id": b.chain_id,
        "code": _str(body, "code"),
        "member_id": body.get("member_id"),
        "body": canonical_json(body),
        "status": "issued",
        "issued_store_id": b.store.id,
        "revoked_at": None,
    }
    b.new_coupons.add(coupon_id)
    return Outcome()


def coupon_redeem(b: Batch, env: Envelope, body: dict) -> Outcome:
    coupon_id = _str(body, "coupon_id")
    if coupon_id not in b.redemptions:
        b.redemptions[coupon_id] = None
    first = b.redemptions[coupon_id]
    coupon = b.coupons.get(coupon_id)
    if first is not None and first["voided_at"] is None:
        stores = {first["store_id"], b.store.id}
        detail = {
            "coupon_id": coupon_id,
            "first_store": b.store_name(first["store_id"]),
            "first_at": first["at"].isoformat(),
            "second_store": b.store_name(b.store.id),
            "second_at": env.device_time.isoformat(),
            "discount_fen": body.get("discount_fen"),
            "member_id": body.get("member_id"),
        }
        cid = b.open_conflict(
            env, "coupon.redeemed_twice", coupon_id, stores, detail, first["op_id"]
        )
        return Outcome("conflict", "coupon.redeemed_twice", [cid])
    row = {
        "coupon_id": coupon_id,
        "chain_id": b.chain_id,
        "op_id": env.id,
        "store_id": b.store.id,
        "device_id": b.device.id,
        "at": env.device_time,
        "voided_at": None,
    }
    if first is not None:  # a voided redemption: the coupon was usable again
        b.session.execute(
            CouponRedemption.__table__.delete().where(CouponRedemption.coupon_id == coupon_id)
        )
        b.voided.discard(coupon_id)
    b.redemptions[coupon_id] = row
    b.new_redemptions.add(coupon_id)
    b.changes.add(
        "used_coupon",
        coupon_id,
        {
            "coupon_id": coupon_id,
            "used_at": env.device_time.isoformat(),
            "store_id": b.store.id,
            "store_name": b.store.name,
            "device_id": b.device.id,
            "counter_label": b.device.label,
        },
    )
    if coupon is not None and coupon["status"] == "revoked":
        detail = {"coupon_id": coupon_id, "store": b.store.name}
        cid = b.open_conflict(env, "coupon.redeemed_after_revoke", coupon_id, {b.store.id}, detail)
        return Outcome("conflict", "coupon.redeemed_after_revoke", [cid])
    return Outcome()


def coupon_void_redemption(b: Batch, env: Envelope, body: dict) -> Outcome:
    coupon_id = _str(body, "coupon_id")
    if coupon_id not in b.redemptions:
        row = (
            b.session.execute(
                select(CouponRedemption.__table__).where(CouponRedemption.coupon_id == coupon_id)
            )
            .mappings()
            .first()
        )
        b.redemptions[coupon_id] = dict(row) if row else None
    first = b.redemptions[coupon_id]
    if first is None or first["store_id"] != b.store.id or first["voided_at"] is not None:
        # The winning redemption was another store's: this void undoes only the local one.
        return Outcome("applied", "coupon.void_local_only")
    first["voided_at"] = env.device_time
    b.voided.add(coupon_id)
    b.changes.add("coupon_unused", coupon_id, {"coupon_id": coupon_id})
    return Outcome()


def coupon_revoke(b: Batch, env: Envelope, body: dict) -> Outcome:
    coupon_id = _str(body, "coupon_id")
    returned = _int(body, "points_returned")
    coupon = b.coupons.get(coupon_id)
    if coupon is None:
        row = (
            b.session.execute(select(Coupon.__table__).where(Coupon.id == coupon_id))
            .mappings()
            .first()
        )
        coupon = b.coupons[coupon_id] = dict(row) if row else None
    if coupon is not None:
        coupon["status"] = "revoked"
        coupon["revoked_at"] = env.device_time
        b.revoked_coupons.add(coupon_id)
        b.changes.add("coupon_revoked", coupon_id, json.loads(coupon["body"]))
    if returned and coupon is not None and coupon["member_id"]:
        b.post(env, b.member(coupon["member_id"]), returned, "coupon_revoked")
    return Outcome()


def reference_from_counter(kind: str, id_field: str) -> Callable[[Batch, Envelope, dict], Outcome]:
    def handler(b: Batch, env: Envelope, body: dict) -> Outcome:
        item = {k: v for k, v in body.items() if k != id_field}
        item["id"] = _str(body, id_field)
        if kind == "event":
            item.setdefault("store_id", b.store.id)
        upsert_reference(b.session, b.changes, b.chain_id, kind, item, b.now)
        return Outcome()

    return handler


def gift_redeem(b: Batch, env: Envelope, body: dict) -> Outcome:
    member = b.member(body.get("member_id"))
    gift_id = _str(body, "gift_id")
    points = _int(body, "points", 1)
    outcome = _debit(b, env, member, points, "gift", f"gift:{body.get('sku', gift_id)}")
    stock = _move_stock(b, env, gift_id, -1, None)
    if stock.conflict_ids:
        if outcome.result != "conflict":
            outcome = stock
        else:
            outcome.conflict_ids += stock.conflict_ids
    return outcome


def stock_move(b: Batch, env: Envelope, body: dict) -> Outcome:
    gift_id = _str(body, "gift_id")
    quantity = _int(body, "quantity", None)
    counted = body.get("counted") if env.op_type == "stock.count" else None
    if counted is not None and (not isinstance(counted, int) or counted < 0):
        raise Reject("op.bad_payload", field="counted")
    return _move_stock(b, env, gift_id, quantity, counted)


def _move_stock(b: Batch, env: Envelope, gift_id: str, qty: int, counted: int | None) -> Outcome:
    row = b.stock.get(gift_id)
    if row is None:
        row = b.stock[gift_id] = {
            "store_id": b.store.id,
            "gift_id": gift_id,
            "on_hand": 0,
            "_new": True,
        }
    before = row["on_hand"]
    row["on_hand"] = counted if counted is not None else before + qty
    b.dirty_stock.add(gift_id)
    if row["on_hand"] >= 0 or before < 0:
        return Outcome()
    detail = {"gift_id": gift_id, "on_hand": row["on_hand"], "task": "stock_count"}
    cid = b.open_conflict(env, "stock.below_zero", gift_id, {b.store.id}, detail)
    return Outcome("conflict", "stock.below_zero", [cid])


SIGN_IN_TYPES = ("event.signin", "event.sign_in", "event.check_in")


def event_sign_in(b: Batch, env: Envelope, body: dict) -> Outcome:
    event_id = _str(body, "event_id")
    # A member is merged on (event, member); a guest, who has only a ticket, on (event,
    # registration).
    member_id = _str(body, "member_id", optional=True)
    registration_id = None
    if member_id is None:
        registration_id = _str(body, "registration_id")
        if len(registration_id) > 36:
            raise Reject("op.bad_payload", field="registration_id")
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
    if b.registration(row["id"]) is not None:
        return Outcome("duplicate", "event.registration_exists")
    event = b.event(row["event_id"])
    if event is None:
        raise Reject("event.unknown", event_id=row["event_id"])
    if row["member_id"] is not None:
        b.member(row["member_id"])
        if b.member_registration(row["event_id"], row["member_id"]) is not None:
            # Registered at two counters offline: the first to arrive stands, the other
            # counter keeps its own ticket and the member's card works at every door.
            return Outcome("duplicate", "event.registration_merged")
    if b.registration_with_code(row["code"]) is not None:
        raise Reject("event.ticket_code_taken")
    b.add_registration(row, event["store_id"])
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
            raise Reject("op.bad_payload", field=name)
    if member_id is None and guest_name is None:
        raise Reject("op.bad_payload", field="guest_name")
    if guest_name is not None and len(guest_name) > 120:
        raise Reject("op.bad_payload", field="guest_name")
    if guest_mobile is not None and not (len(guest_mobile) == 11 and guest_mobile.isdigit()):
        raise Reject("op.bad_payload", field="guest_mobile")
    if not ticket_code_ok(code):
        raise Reject("op.bad_payload", field="code")
    if kind not in REGISTRATION_KINDS:
        raise Reject("op.bad_payload", field="kind")
    at = datetime.fromisoformat(body["at"]) if isinstance(body.get("at"), str) else None
    if at is not None and at.tzinfo is None:
        raise Reject("op.bad_payload", field="at")
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


def conflict_resolve(b: Batch, env: Envelope, body: dict) -> Outcome:
    conflict_id = _str(body, "conflict_id")
    reason = _str(body, "reason")
    row = (
        b.session.execute(
            select(Conflict.__table__).where(
                Conflict.id == conflict_id, Conflict.chain_id == b.chain_id
            )
        )
        .mappings()
        .first()
    )
    pending = next((c for c in b.conflicts if c["id"] == conflict_id), None)
    conflict = dict(row) if row else pending
    if conflict is None:
        raise Reject("conflict.unknown")
    if b.store.id not in json.loads(conflict["store_ids"]):
        raise Reject("conflict.not_yours")
    if conflict_id in b.resolved or conflict["status"] == "resolved":
        return Outcome("duplicate", "conflict.already_resolved")
    values = {
        "status": "resolved",
        "resolved_at": env.device_time,
        "resolved_by": str(body.get("staff_name") or env.staff_id or "")[:120],
        "resolution": reason,
    }
    conflict.update(values)
    if pending is not None:
        pending.update(values)
    else:
        b.resolved[conflict_id] = values
    b.publish_conflict(conflict)
    return Outcome()


HANDLERS: dict[str, Callable[[Batch, Envelope, dict], Outcome]] = {
    "member.register": member_register,
    "member.update": member_update,
    "member.deactivate": member_deactivate,
    "member.card_reissue": member_card_reissue,
    "member.tier_change": member_tier_change,
    "points.earn": points_earn,
    "points.redeem": points_redeem,
    "points.refund": points_refund,
    "points.adjust": points_adjust,
    "points.visit_bonus": points_credit("visit_bonus"),
    "points.event_bonus": points_credit("event_bonus"),
    "points.expire": points_expire,
    "coupon.issue": coupon_issue,
    "coupon.redeem": coupon_redeem,
    "coupon.void_redemption": coupon_void_redemption,
    "coupon.revoke": coupon_revoke,
    "gift.define": reference_from_counter("gift", "gift_id"),
    "gift.update": reference_from_counter("gift", "gift_id"),
    "coupon_template.define": reference_from_counter("coupon_template", "template_id"),
    "event.create": reference_from_counter("event", "event_id"),
    "gift.redeem": gift_redeem,
    "stock.receive": stock_move,
    "stock.adjust": stock_move,
    "stock.count": stock_move,
    "stock.transfer_out": stock_move,
    "stock.transfer_in": stock_move,
    "conflict.resolve": conflict_resolve,
    **dict.fromkeys(SIGN_IN_TYPES, event_sign_in),
    "event.register": event_register,
}
SUPPORTED_VERSIONS: dict[str, set[int]] = {}
