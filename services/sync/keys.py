"""This counter's Ed25519 signing key and the public keys it trusts, verified offline.

The counter makes its key pair on first use. Its public key later goes to the central
system, which certifies it and sends every counter the chain's trusted keys.
"""

import functools
from datetime import datetime

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
)
from sqlalchemy import select

from common.keys import key_id_for
from models.keys import TrustedKey
from services.core.errors import StateError
from services.core.repository import TextStatements
from services.core.secrets import keep_signing_key, signing_key
from services.core.uow import UnitOfWork
from services.protocol import codes

SIGNATURE_LENGTH = 64


def own_signing_key(uow: UnitOfWork, owner: str, now: datetime) -> tuple[bytes, Ed25519PrivateKey]:
    """(key id, private key) of this counter, made on first use. The private half lives in
    the secret store, never in the database file; its parsed form is kept in memory."""
    own = TrustedKey.is_own.is_(True), TrustedKey.revoked_at.is_(None)
    row = uow.session.execute(select(TrustedKey.key_id).where(*own)).first()
    if row is not None:
        return bytes.fromhex(row.key_id), _private_key(uow, row.key_id)
    private = Ed25519PrivateKey.generate()
    public = private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    key_id = key_id_for(public)
    keep_signing_key(
        uow, key_id.hex(), private.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    )
    uow.session.add(
        TrustedKey(
            key_id=key_id.hex(),
            public_key=public,
            private_key=None,
            owner=owner,
            is_own=True,
            added_at=now,
        )
    )
    uow.flush()
    return key_id, private


def _private_key(uow: UnitOfWork, key_id: str) -> Ed25519PrivateKey:
    raw = signing_key(uow, key_id)
    if raw is None:
        # The folder was copied to another machine or user, or the keystore lost it.
        raise StateError(codes.KEYS_SIGNING_KEY_MISSING)
    return _parsed_private_key(raw)


def forget_parsed_keys() -> None:
    """A wiped counter keeps no private key in memory either."""
    _parsed_private_key.cache_clear()


@functools.lru_cache(maxsize=8)
def _parsed_private_key(raw: bytes) -> Ed25519PrivateKey:
    return Ed25519PrivateKey.from_private_bytes(raw)


def verify_signature(uow: UnitOfWork, key_id: bytes, message: bytes, signature: bytes) -> str:
    """'ok', 'unknown_key' (also revoked ones) or 'bad_signature'. Every scan at the door
    comes here, so the key is read with one plain query, and its parsed form is kept."""
    row = (  # sees a key trusted earlier in this unit of work
        TextStatements(uow)
        .execute("SELECT public_key, revoked_at FROM trusted_key WHERE key_id = ?", (key_id.hex(),))
        .fetchone()
    )
    if row is None or row[1] is not None:
        return "unknown_key"
    try:
        _public_key(bytes(row[0])).verify(signature, message)
    except InvalidSignature:
        return "bad_signature"
    return "ok"


@functools.lru_cache(maxsize=256)
def _public_key(raw: bytes) -> Ed25519PublicKey:
    # A pure function of the bytes: revocation is read afresh with every scan above.
    return Ed25519PublicKey.from_public_bytes(raw)


def trust_public_key(uow: UnitOfWork, public_key: bytes, owner: str, now: datetime) -> str:
    """Adds a key this counter accepts (the sync issue feeds these from the centre)."""
    key_id = key_id_for(public_key).hex()
    existing = uow.session.get(TrustedKey, key_id)
    if existing is None:
        uow.session.add(
            TrustedKey(
                key_id=key_id, public_key=public_key, owner=owner, is_own=False, added_at=now
            )
        )
    elif existing.public_key != public_key:
        raise ValueError("key id collision: refusing a second key with the same id")
    return key_id
