"""Administration: chains and stores, one-time enrollment codes, enrolling and revoking devices,
and loading members, rules, gifts, coupon templates and events. Each call is one transaction.
"""

import csv
import hmac
import json
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from central.errors import CentralError
from central.feed import PendingChanges, flush_changes
from central.ids import new_id
from central.models import (
    Chain,
    Device,
    EnrollmentCode,
    Member,
    Reference,
    Store,
    StoreAlias,
)
from common.canonical import refuse_floats, sha256_hex
from common.keys import key_id_for
from common.tiers import TIERS
from services.protocol import ProtocolError, validate_change
from services.protocol import codes as error_codes
from services.rules import enrollment as enrollment_rules

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWX23456789"  # no I, O, Y, Z, 0, 1: typed by hand
CODE_LENGTH = 12
CODE_VALID = timedelta(days=7)


# chains and stores --------------------------------------------------------------------


@dataclass(frozen=True)
class StoreInfo:
    id: str
    chain_id: str
    chain_name: str
    code: str
    name: str
    timezone: str


def chain_by_name(session: Session, name: str, now: datetime) -> Chain:
    chain = session.scalar(select(Chain).where(Chain.name == name))
    if chain is None:
        chain = Chain(id=new_id(), name=name, change_seq=0, created_at=now)
        session.add(chain)
        session.flush()
    return chain


def create_store(
    session: Session,
    chain_name: str,
    code: str,
    name: str,
    now: datetime,
    timezone: str = "Asia/Shanghai",
) -> StoreInfo:
    chain = chain_by_name(session, chain_name, now)
    code = code.strip().upper()
    if session.scalar(select(Store.id).where(Store.chain_id == chain.id, Store.code == code)):
        raise CentralError(error_codes.STORE_CODE_TAKEN, 409, store=code)
    store = Store(
        id=new_id(), chain_id=chain.id, code=code, name=name, timezone=timezone, created_at=now
    )
    session.add(store)
    session.flush()
    pending = PendingChanges(chain.id)
    pending.add("store", store.id, _store_body(store))
    flush_changes(session, pending)
    return StoreInfo(store.id, chain.id, chain.name, code, name, timezone)


def _store_body(store: Store) -> dict:
    return {"id": store.id, "code": store.code, "name": store.name, "timezone": store.timezone}


def find_store(session: Session, chain_name: str, code: str) -> Store:
    store = session.scalar(
        select(Store)
        .join(Chain, Chain.id == Store.chain_id)
        .where(Chain.name == chain_name, Store.code == code.strip().upper())
    )
    if store is None:
        raise CentralError(error_codes.STORE_NOT_FOUND, 404, store=code)
    return store


# enrollment ---------------------------------------------------------------------------


def new_enrollment_code(session: Session, store_id: str, now: datetime) -> str:
    """A one-time code for one counter of this store; only its hash is kept."""
    code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    session.add(
        EnrollmentCode(
            code_hash=sha256_hex(normalize_code(code)),
            store_id=store_id,
            created_at=now,
            expires_at=now + CODE_VALID,
        )
    )
    return f"{code[:4]}-{code[4:8]}-{code[8:]}"


def normalize_code(code: str) -> str:
    return enrollment_rules.normalize_code(code)


@dataclass(frozen=True)
class Enrolled:
    device_id: str
    token: str
    store: StoreInfo


def enroll_device(
    session: Session,
    code: str,
    device_id: str,
    public_key: bytes,
    label: str,
    local_store_id: str | None,
    now: datetime,
    store_code: str | None = None,
    proof: bytes | None = None,
) -> Enrolled:
    """Spends the code; the device keeps its own id (its operations already carry it).

    `proof` is the device's signature of `enrollment_message` with the key it enrolls. A
    request refused for its key (`enroll.bad_key`, `enroll.bad_proof`, `enroll.key_taken`,
    `enroll.key_id_taken`) changes nothing and leaves the code usable: the operator at the
    counter is the one who typed it, and a counter that makes itself a new key should not
    need a new code from head office."""
    row = session.scalar(
        select(EnrollmentCode)
        .where(EnrollmentCode.code_hash == sha256_hex(normalize_code(code)))
        .with_for_update()
    )
    if row is None:
        raise CentralError(error_codes.ENROLL_BAD_CODE, 403)
    if row.used_at is not None:
        raise CentralError(error_codes.ENROLL_CODE_USED, 403)
    if row.expires_at <= now:
        raise CentralError(error_codes.ENROLL_CODE_EXPIRED, 403)
    message = enrollment_rules.enrollment_message(code, device_id, public_key, store_code)
    check_key_and_proof(public_key, proof, message)
    if session.get(Device, device_id) is not None:
        raise CentralError(error_codes.ENROLL_DEVICE_EXISTS, 409)
    store = session.get(Store, row.store_id)
    # One enrollment of the chain at a time from here, so two cannot both find a key free.
    chain = session.scalar(select(Chain).where(Chain.id == store.chain_id).with_for_update())
    refuse_taken_key(session, public_key)
    if store_code is not None and store_code.strip().upper() != store.code:
        # Member numbers are made from the store code: a counter must use the centre's.
        raise CentralError(error_codes.ENROLL_STORE_MISMATCH, 409, store=store.code)
    label_taken = session.scalar(
        select(Device.id).where(
            Device.store_id == store.id, Device.label == label, Device.revoked_at.is_(None)
        )
    )
    if label_taken:
        raise CentralError(error_codes.ENROLL_LABEL_TAKEN, 409, label=label)
    secret = secrets.token_urlsafe(32)
    session.add(
        Device(
            id=device_id,
            chain_id=chain.id,
            store_id=store.id,
            label=label[:120],
            public_key=public_key,
            key_id=key_id_for(public_key).hex(),
            token_hash=sha256_hex(secret),
            last_seq=0,
            enrolled_at=now,
        )
    )
    if local_store_id and local_store_id != store.id:
        alias = session.get(StoreAlias, local_store_id)
        if alias is None:
            session.add(StoreAlias(alias_id=local_store_id, store_id=store.id))
        elif alias.store_id != store.id:
            raise CentralError(
                error_codes.ENROLL_STORE_MISMATCH, 409, store=store.code
            )  # for the message
    row.used_at = now
    row.device_id = device_id
    session.flush()
    pending = PendingChanges(chain.id)
    # Keyed by the key itself: counters keep the last change of a key in a page, and a key
    # id may be shared by devices enrolled before ids were refused twice.
    pending.add("trusted_key", public_key.hex(), _key_body(device_id, public_key, None))
    flush_changes(session, pending)
    info = StoreInfo(store.id, chain.id, chain.name, store.code, store.name, store.timezone)
    return Enrolled(device_id, f"{device_id}.{secret}", info)


def check_key_and_proof(public_key: bytes, proof: bytes | None, message: bytes) -> None:
    """`enroll.bad_key` for a key no counter could have made (wrong length, a small-order
    point, a non-canonical encoding); `enroll.bad_proof` unless `proof` is the key's own
    signature of `message`: whoever enrolls a key holds its private half."""
    problem = enrollment_rules.key_problem(public_key)
    if problem is not None:
        raise CentralError(error_codes.ENROLL_BAD_KEY, 400, reason=problem)
    if proof is None or len(proof) != enrollment_rules.PROOF_LENGTH:
        raise CentralError(error_codes.ENROLL_BAD_PROOF, 403)
    try:
        Ed25519PublicKey.from_public_bytes(public_key).verify(proof, message)
    except InvalidSignature as exc:
        raise CentralError(error_codes.ENROLL_BAD_PROOF, 403) from exc


def refuse_taken_key(session: Session, public_key: bytes) -> None:
    """A key, or a key id, belongs to one device for good (revoked or not, any chain):
    counters find a key by its id, so a second key under an id would stand in for the first,
    and a revocation of either would name both."""
    if session.scalar(select(Device.id).where(Device.public_key == public_key).limit(1)):
        raise CentralError(error_codes.ENROLL_KEY_TAKEN, 409)
    key_id = key_id_for(public_key).hex()
    if session.scalar(select(Device.id).where(Device.key_id == key_id).limit(1)):
        raise CentralError(error_codes.ENROLL_KEY_ID_TAKEN, 409)


def _key_body(device_id: str, public_key: bytes, revoked_at: datetime | None) -> dict:
    return {
        "key_id": key_id_for(public_key).hex(),
        "public_key": public_key.hex(),
        "owner": f"device:{device_id}",
        "revoked_at": revoked_at.isoformat() if revoked_at else None,
    }


def authenticate(session: Session, authorization: str | None, now: datetime) -> Device:
    """`Bearer <device id>.<secret>`: the hash must match and the device must not be revoked."""
    if not authorization or not authorization.startswith("Bearer "):
        raise CentralError(error_codes.AUTH_MISSING_TOKEN, 401)
    device_id, _, secret = authorization[7:].strip().partition(".")
    device = session.get(Device, device_id) if device_id and secret else None
    if device is None or not hmac.compare_digest(device.token_hash, sha256_hex(secret)):
        raise CentralError(error_codes.AUTH_BAD_TOKEN, 401)
    if device.revoked_at is not None:
        raise CentralError(error_codes.DEVICE_REVOKED, 403)
    return device


def revoke_device(session: Session, device_id: str, now: datetime) -> None:
    """The device's token stops working, and the chain stops trusting the key it owns: the
    change names that exact key (counters match the key, not just its id). A device that
    enrolled a key another device had enrolled before it (possible only before enrollment
    asked for a proof of possession) never held the private half: its revocation takes
    nothing from the key's owner."""
    device = session.get(Device, device_id)
    if device is None:
        raise CentralError(error_codes.DEVICE_NOT_FOUND, 404)
    if device.revoked_at is not None:
        return
    device.revoked_at = now
    if _first_holder(session, device.public_key) != device.id:
        session.flush()
        return
    pending = PendingChanges(device.chain_id)
    key = device.public_key
    pending.add("trusted_key", key.hex(), _key_body(device.id, key, now))
    flush_changes(session, pending)


def _first_holder(session: Session, public_key: bytes) -> str:
    return session.scalar(
        select(Device.id)
        .where(Device.public_key == public_key)
        .order_by(Device.enrolled_at, Device.id)
        .limit(1)
    )


# members --------------------------------------------------------------------------------

MEMBER_FIELDS = (
    "member_no",
    "name",
    "mobile",
    "birth_month",
    "birth_day",
    "birth_year",
    "tier",
    "balance",
    "consent_marketing",
    "home_store_id",
)


def member_body(m: Member | dict) -> dict:
    get = (lambda k: m[k]) if isinstance(m, dict) else (lambda k: getattr(m, k))
    balance = get("balance")
    return {
        "id": get("id"),
        "member_no": get("member_no"),
        "name": get("name"),
        "mobile": get("mobile"),
        "birth_month": get("birth_month"),
        "birth_day": get("birth_day"),
        "birth_year": get("birth_year"),
        "tier": get("tier"),
        "balance": balance,
        "arrears": max(-balance, 0),
        "redeem_blocked": bool(get("redeem_blocked")),
        "consent_marketing": bool(get("consent_marketing")),
        "active": bool(get("active")),
        "home_store_id": get("home_store_id"),
        "card_serial": get("card_serial"),
    }


def import_members(
    session: Session, chain_name: str, rows: Iterable[dict[str, Any]], now: datetime, batch=5000
) -> int:
    """Members from CSV-like rows (member_no, name, mobile, birth_month, birth_day, optional
    birth_year, tier, balance, home_store code). New members only; each goes into the feed."""
    chain = chain_by_name(session, chain_name, now)
    stores = {
        code: store_id
        for code, store_id in session.execute(
            select(Store.code, Store.id).where(Store.chain_id == chain.id)
        )
    }
    count = 0
    chunk: list[dict] = []
    for raw in rows:
        chunk.append(_member_row(raw, chain.id, stores, now))
        if len(chunk) >= batch:
            count += _insert_members(session, chain.id, chunk)
            chunk = []
    if chunk:
        count += _insert_members(session, chain.id, chunk)
    return count


def _member_row(raw: dict[str, Any], chain_id: str, stores: dict[str, str], now) -> dict:
    tier = (raw.get("tier") or "bronze").strip().lower()
    if tier not in TIERS:
        raise CentralError(error_codes.MEMBER_BAD_TIER, 400, tier=tier)
    mobile = str(raw["mobile"]).strip()
    if len(mobile) != 11 or not mobile.isdigit():
        raise CentralError(error_codes.MEMBER_BAD_MOBILE, 400, mobile=mobile)
    home = stores.get(str(raw.get("home_store") or "").strip().upper(), "")
    year = str(raw.get("birth_year") or "").strip()
    return {
        "id": str(raw.get("id") or "").strip() or new_id(),
        "chain_id": chain_id,
        "member_no": str(raw["member_no"]).strip(),
        "name": str(raw["name"]).strip()[:120],
        "mobile": mobile,
        "birth_month": int(raw["birth_month"]),
        "birth_day": int(raw["birth_day"]),
        "birth_year": int(year) if year else None,
        "tier": tier,
        "peak_tier": tier,
        "balance": int(raw.get("balance") or 0),
        "redeem_blocked": False,
        "consent_marketing": str(raw.get("consent_marketing", "")).strip() in ("1", "true", "yes"),
        "note": None,
        "active": True,
        "home_store_id": home,
        "card_serial": 1,
        "created_at": now,
        "updated_at": now,
    }


def _insert_members(session: Session, chain_id: str, chunk: list[dict]) -> int:
    for row in chunk:  # before any query: an id or a mobile the database cannot hold
        _check_body("member", member_body(row), "member.invalid")
    known = set(session.scalars(select(Member.id).where(Member.id.in_([r["id"] for r in chunk]))))
    fresh = [r for r in chunk if r["id"] not in known]
    if not fresh:
        return 0
    session.execute(insert(Member), fresh)
    pending = PendingChanges(chain_id)
    for row in fresh:
        pending.add("member", row["id"], member_body(row))
    flush_changes(session, pending)
    return len(fresh)


def read_members_csv(path: Path) -> Iterable[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        yield from csv.DictReader(handle)


# reference data ---------------------------------------------------------------------------

REFERENCE_KINDS = ("gift", "coupon_template", "event", "rules")


def load_reference(
    session: Session, chain_name: str, kind: str, items: list[dict], now: datetime
) -> int:
    """Gifts (key `sku`), coupon templates (`code`), events (`code`) or rule sets (`version`)
    from a list of JSON objects; each new or changed one goes into the feed."""
    if kind not in REFERENCE_KINDS:
        raise CentralError(error_codes.REFERENCE_BAD_KIND, 400, kind=kind)
    chain = chain_by_name(session, chain_name, now)
    pending = PendingChanges(chain.id)
    for item in items:
        upsert_reference(session, pending, chain.id, kind, item, now)
    flush_changes(session, pending)
    return len(items)


def reference_code(kind: str, item: dict) -> str:
    field = {"gift": "sku", "rules": "version"}.get(kind, "code")
    if item.get(field) in (None, ""):
        raise CentralError(error_codes.REFERENCE_MISSING_KEY, 400, field=field)
    return str(item[field])


def upsert_reference(
    session: Session, pending: PendingChanges, chain_id: str, kind: str, item: dict, now
) -> str:
    try:
        refuse_floats(item)
    except TypeError:
        raise CentralError(error_codes.REFERENCE_FLOAT, 400) from None
    item = dict(item)
    item.setdefault("id", new_id())
    # Checked as the change every counter will apply, before any query: a body a counter
    # would refuse (an event without a place) or the database cannot hold is never stored.
    _check_body(kind, item, "reference.invalid")
    code = reference_code(kind, item)
    row = session.scalar(
        select(Reference).where(
            Reference.chain_id == chain_id, Reference.kind == kind, Reference.code == code
        )
    )
    if row is None:
        row = Reference(
            id=item["id"], chain_id=chain_id, kind=kind, code=code, body="", updated_at=now
        )
        session.add(row)
    item["id"] = row.id
    body = json.dumps(item, sort_keys=True, ensure_ascii=False)
    if row.body != body:
        row.body = body
        row.updated_at = now
        pending.add(kind, code, item)
    session.flush()
    return row.id


def rule_set_body(session: Session, chain_id: str, version: int) -> dict | None:
    body = session.scalar(
        select(Reference.body).where(
            Reference.chain_id == chain_id,
            Reference.kind == "rules",
            Reference.code == str(version),
        )
    )
    return None if body is None else json.loads(body)


def _check_body(kind: str, body: dict, code: str) -> None:
    try:
        validate_change(kind, body)
    except ProtocolError as refused:
        raise CentralError(code, 400, field=refused.field, problem=refused.detail) from None


def touch_device(session: Session, device: Device, now: datetime) -> None:
    session.execute(update(Device).where(Device.id == device.id).values(last_seen_at=now))
