"""Administration: chains and stores, one-time enrollment codes, enrolling and revoking devices,
and loading members, rules, gifts, coupon templates and events. Each call is one transaction.
"""

import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import select, update
from sqlalchemy.orm import Session

# Members, reference data and chains have their own modules; their names stay importable from
# here (the command line and the tests call `admin.import_members`, `admin.load_reference`).
from central.admin_members import (  # noqa: F401
    MEMBER_FIELDS,
    import_members,
    member_body,
    read_members_csv,
)
from central.admin_reference import (  # noqa: F401
    REFERENCE_KINDS,
    load_reference,
    reference_code,
    rule_set_body,
    upsert_reference,
)
from central.chains import chain_by_name
from central.errors import CentralError
from central.feed import PendingChanges, flush_changes
from central.ids import new_id
from central.models import (
    Chain,
    Device,
    EnrollmentCode,
    Store,
    StoreAlias,
)
from common.canonical import sha256_hex
from common.keys import key_id_for
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


def touch_device(session: Session, device: Device, now: datetime) -> None:
    session.execute(update(Device).where(Device.id == device.id).values(last_seen_at=now))
