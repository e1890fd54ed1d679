"""What bench_chain works on: a fresh PostgreSQL database (dropped at the end) holding a chain
of stores, members and enrolled counters, and the operations those counters send.

Counters are enrolled through the centre's own admin functions (`admin.enroll_device`), each
with its own Ed25519 key and the proof of possession the centre checks; operations are built
as a counter builds them (canonical JSON, its SHA-256, the next sequence number), and coupon
codes are signed with the issuing counter's key.
"""

import hashlib
import json
import os
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from sqlalchemy import Engine, text

from central import admin
from central.db import create_central_engine, migrate, sessions
from common.codec import encode_base32
from services.protocol.coupon_code import LAYOUT, NO_MEMBER, OFFLINE_OK, PREFIX, VERSION
from services.rules import enrollment as enrollment_rules
from services.rules.coupons import KINDS

PG = os.environ.get("CENTRAL_BENCH_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
CHAIN = "default"


class Database:
    """A PostgreSQL database of its own, migrated; `close` drops it whatever happened."""

    def __init__(self, prefix: str) -> None:
        self.name = f"{prefix}_{uuid.uuid4().hex[:8]}"
        self.url = PG.rsplit("/", 1)[0] + "/" + self.name
        self._server(f"CREATE DATABASE {self.name}")
        self.engine = create_central_engine(self.url)
        migrate(self.engine)

    def _server(self, sql: str) -> None:
        server = create_central_engine(PG).execution_options(isolation_level="AUTOCOMMIT")
        try:
            with server.connect() as conn:
                conn.execute(text(sql))
        finally:
            server.dispose()

    def scalar(self, sql: str, **params):
        with self.engine.connect() as conn:
            return conn.execute(text(sql), params).scalar()

    def close(self) -> None:
        self.engine.dispose()
        self._server(f"DROP DATABASE IF EXISTS {self.name} WITH (FORCE)")

    def __enter__(self) -> "Database":
        return self

    def __exit__(self, *_exc) -> None:
        self.close()


@dataclass
class SimCounter:
    """One enrolled counter as the load generator drives it."""

    device_id: str
    store_id: str
    token: str
    key: Ed25519PrivateKey
    key_id: bytes
    members: list[str]
    seq: int = 0
    cursor: int = 0
    event_id: str | None = None
    coupons: list[tuple[str, str]] = field(default_factory=list)  # (coupon id, signed code)

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


def populate(engine: Engine, stores: int, members_per_store: int) -> list[tuple[str, list[str]]]:
    """`stores` stores with their members; [(store id, member ids)]."""
    now = datetime.now(UTC)
    made = []
    with sessions(engine)() as session, session.begin():
        for s in range(stores):
            info = admin.create_store(session, CHAIN, f"S{s:03d}", f"门店{s:03d}", now)
            rows = [
                {
                    "id": str(uuid.uuid4()),
                    "member_no": f"M{s:03d}{i:05d}",
                    "name": f"会员{s}-{i}",
                    "mobile": f"13{s:03d}{i:06d}",
                    "birth_month": i % 12 + 1,
                    "birth_day": i % 28 + 1,
                    "tier": "bronze",
                    "balance": 10_000,
                    "home_store": info.code,
                }
                for i in range(members_per_store)
            ]
            admin.import_members(session, CHAIN, rows, now)
            made.append((info.id, [r["id"] for r in rows]))
    return made


def enroll(engine: Engine, store_id: str, label: str, members: list[str]) -> SimCounter:
    """A counter enrolled as the centre enrolls one: a one-time code, a fresh key and its
    signature of the enrollment message."""
    with sessions(engine)() as session, session.begin():
        return enroll_in(session, store_id, label, members)


def enroll_in(session, store_id: str, label: str, members: list[str]) -> SimCounter:
    """`enroll` inside the caller's transaction (a thousand counters in a few)."""
    now = datetime.now(UTC)
    key = Ed25519PrivateKey.generate()
    public = key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    device_id = str(uuid.uuid4())
    code = admin.new_enrollment_code(session, store_id, now)
    session.flush()
    proof = key.sign(enrollment_rules.enrollment_message(code, device_id, public, None))
    done = admin.enroll_device(session, code, device_id, public, label, None, now, proof=proof)
    key_id = hashlib.sha256(public).digest()[:4]
    return SimCounter(device_id, store_id, done.token, key, key_id, members)


def envelope(counter: SimCounter, op_type: str, payload: dict, at: datetime) -> dict:
    """The next operation of `counter`, as its outbox sends it."""
    counter.seq += 1
    body = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return {
        "id": str(uuid.uuid4()),
        "device_id": counter.device_id,
        "seq": counter.seq,
        "type": op_type,
        "version": 1,
        "payload": body,
        "payload_hash": hashlib.sha256(body.encode("utf-8")).hexdigest(),
        "store_id": counter.store_id,
        "staff_id": None,
        "device_time": at.isoformat(),
    }


def signed_coupon(counter: SimCounter, coupon_id: str, value: int, at: datetime) -> str:
    """A 10 %-off bearer coupon code signed by the counter's key (the counter's format)."""
    body = LAYOUT.pack(
        VERSION,
        counter.key_id,
        uuid.UUID(coupon_id).bytes,
        NO_MEMBER,
        KINDS.index("percent_off"),
        value,
        0,
        int((at - timedelta(days=1)).timestamp()),
        int((at + timedelta(days=30)).timestamp()),
        OFFLINE_OK,
    )
    return PREFIX + encode_base32(body + counter.key.sign(body))


def coupon_issue(counter: SimCounter, at: datetime) -> dict:
    coupon_id = str(uuid.uuid4())
    code = signed_coupon(counter, coupon_id, 10, at)
    counter.coupons.append((coupon_id, code))
    payload = {
        "coupon_id": coupon_id,
        "code": coupon_id[-12:].upper(),
        "kind": "percent_off",
        "value": 10,
        "min_spend_fen": 0,
        "offline_ok": True,
        "source": "manual",
        "valid_from": (at - timedelta(days=1)).isoformat(),
        "expires_at": (at + timedelta(days=30)).isoformat(),
        "signed_code": code,
    }
    return envelope(counter, "coupon.issue", payload, at)


def coupon_redeem(counter: SimCounter, coupon_id: str, code: str, at: datetime) -> dict:
    payload = {"coupon_id": coupon_id, "discount_fen": 500, "signed_code": code}
    return envelope(counter, "coupon.redeem", payload, at)


def mixed_operation(counter: SimCounter, i: int, at: datetime) -> dict:
    """The i-th operation of a counter's day: check-ins, earns, redemptions, adjustments,
    coupons issued and used (one in ten of each kind but earns and visits)."""
    member = counter.members[(i * 7 + counter.seq) % len(counter.members)]
    kind = i % 10
    if kind < 4:
        return envelope(counter, "points.earn", earn_payload(member, at), at)
    if kind < 7:
        visit = {"visit_id": str(uuid.uuid4()), "member_id": member, "source": "scan"}
        return envelope(counter, "member.visit", {**visit, "at": at.isoformat()}, at)
    if kind == 7:
        payload = {"member_id": member, "points": 10, "rule_version": 1}
        return envelope(counter, "points.redeem", payload, at)
    if kind == 8:
        if counter.coupons:
            coupon_id, code = counter.coupons.pop()
            return coupon_redeem(counter, coupon_id, code, at)
        return coupon_issue(counter, at)
    if i % 20 == 9:
        return coupon_issue(counter, at)
    if counter.event_id is not None and i % 40 == 19:
        return event_sign_in(counter, member, at)
    payload = {"member_id": member, "delta": 1, "reason": "bench", "rule_version": 1}
    return envelope(counter, "points.adjust", {**payload, "approved_by": counter.device_id}, at)


def event_create(counter: SimCounter, number: int, at: datetime) -> dict:
    """The counter's own event (a store's events are defined at its counters)."""
    counter.event_id = str(uuid.uuid4())
    payload = {
        "event_id": counter.event_id,
        "code": f"EV{number:05d}",
        "name": f"活动 {number}",
        "place": "门店",
        "starts_at": (at - timedelta(hours=1)).isoformat(),
        "ends_at": (at + timedelta(days=1)).isoformat(),
        "capacity": 500,
    }
    return envelope(counter, "event.create", payload, at)


def event_sign_in(counter: SimCounter, member: str, at: datetime) -> dict:
    payload = {
        "signin_id": str(uuid.uuid4()),
        "event_id": counter.event_id,
        "member_id": member,
        "nonce": uuid.uuid4().hex[:16],
        "method": "member_qr",
        "at": at.isoformat(),
    }
    return envelope(counter, "event.sign_in", payload, at)


def earn_payload(member: str, at: datetime, receipt_no: str | None = None) -> dict:
    """A 100-yuan bronze sale earning 100 points under rule version 1."""
    return {
        "purchase_id": str(uuid.uuid4()),
        "receipt_no": receipt_no or "R" + uuid.uuid4().hex[:16].upper(),
        "member_id": member,
        "gross_fen": 10_000,
        "discount_fen": 0,
        "points_cash_fen": 0,
        "coupon_id": None,
        "coupon_fen": 0,
        "paid_fen": 10_000,
        "categories": {},
        "points": 100,
        "tier": "bronze",
        "birthday_month": False,
        "rule_version": 1,
        "at": at.isoformat(),
    }
