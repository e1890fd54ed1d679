"""The centre's Ed25519 signing key: its identity for counters, and the signatures of the
changes that decide trust at a counter (services.rules.change_signature says what is signed).

The key is made at the centre's first start and kept in its database (`centre_signing_key`),
or read from a key file the operator gives (CENTRAL_SIGNING_KEY_FILE: 32 raw bytes as 64 hex
digits, or a PEM PKCS#8 Ed25519 key), for a centre whose database administrators must not
hold it. Counters pin its public key at enrollment (the enrollment answer carries it), so a
new key means enrolling the counters again (docs/sync-protocol.md, Authentication).
"""

import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
    load_pem_private_key,
)
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from central.models import CentreSigningKey, Change
from services.rules.change_signature import (
    UNSIGNED_KINDS,
    as_received,
    change_message,
    fingerprint,
)

KEY_FILE_ENV = "CENTRAL_SIGNING_KEY_FILE"


@dataclass(frozen=True)
class CentreKey:
    private: Ed25519PrivateKey
    public: bytes

    @property
    def public_hex(self) -> str:
        return self.public.hex()

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public)

    def sign(self, message: bytes) -> str:
        return self.private.sign(message).hex()


def _from_raw(raw: bytes) -> CentreKey:
    private = Ed25519PrivateKey.from_private_bytes(raw)
    return CentreKey(private, private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw))


# Parsed keys by their raw bytes: reading the row is one small query per flush, parsing it
# each time would be wasted.
_parsed: dict[bytes, CentreKey] = {}


def _cached(raw: bytes) -> CentreKey:
    key = _parsed.get(raw)
    if key is None:
        key = _parsed[raw] = _from_raw(raw)
    return key


def read_key_file(path: Path) -> CentreKey:
    data = path.read_bytes()
    if data.lstrip().startswith(b"-----BEGIN"):
        private = load_pem_private_key(data, password=None)
        if not isinstance(private, Ed25519PrivateKey):
            raise ValueError("the key file holds no Ed25519 key")
        raw = private.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    else:
        raw = bytes.fromhex(data.decode("ascii").strip())
    return _cached(raw)


def centre_key(session: Session) -> CentreKey:
    """The centre's key: the configured key file, else the database's, made on first use (in
    the caller's transaction; a centre makes it at start-up, see `ensure_centre_key`)."""
    path = os.environ.get(KEY_FILE_ENV)
    if path:
        return read_key_file(Path(path))
    raw = session.scalar(select(CentreSigningKey.private_key).where(CentreSigningKey.id == 1))
    if raw is not None:
        return _cached(bytes(raw))
    key = _from_raw(Ed25519PrivateKey.generate().private_bytes_raw())
    session.add(
        CentreSigningKey(
            id=1,
            private_key=key.private.private_bytes_raw(),
            public_key=key.public,
            created_at=datetime.now(UTC),
        )
    )
    session.flush()
    sign_unsigned(session, key)
    return key


def ensure_centre_key(session: Session) -> CentreKey:
    """At start-up: the key exists (made now if not) and every change already in the feed
    that must be signed is (a centre upgraded to signing signs its existing feed once)."""
    key = centre_key(session)
    sign_unsigned(session, key)
    return key


def sign_unsigned(session: Session, key: CentreKey) -> int:
    rows = session.execute(
        select(Change.chain_id, Change.seq, Change.kind, Change.key, Change.body).where(
            Change.sig.is_(None), Change.kind.not_in(UNSIGNED_KINDS)
        )
    ).all()
    if rows:
        session.execute(
            update(Change),
            [
                {
                    "chain_id": r.chain_id,
                    "seq": r.seq,
                    "sig": key.sign(
                        change_message(r.chain_id, r.seq, r.kind, r.key, as_received(r.body))
                    ),
                }
                for r in rows
            ],
        )
    return len(rows)
