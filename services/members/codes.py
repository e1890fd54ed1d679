"""Signed member codes: what a member card's QR code says, and how a scan is checked.

Payload (27 bytes): format version, signing key id, member id, card serial, issue time;
then a 64-byte Ed25519 signature. Text: the prefix "LCM" and the 146-symbol encoding.
"""

import struct
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from common.codec import decode_base32, encode_base32
from services.core.errors import ValidationError
from services.core.uow import UnitOfWork
from services.protocol import codes as error_codes
from services.sync.keys import SIGNATURE_LENGTH, own_signing_key, verify_signature

PREFIX = "LCM"
VERSION = 1
_LAYOUT = struct.Struct(">B4s16sHI")
CODE_LENGTH = len(PREFIX) + (((_LAYOUT.size + SIGNATURE_LENGTH) * 8 + 4) // 5)


@dataclass(frozen=True)
class MemberCode:
    member_id: str
    card_serial: int
    issued_at: datetime
    key_id: str


def looks_like_member_code(text: str) -> bool:
    return text[: len(PREFIX)].upper() == PREFIX


def sign_member_code(
    uow: UnitOfWork, owner: str, member_id: str, card_serial: int, now: datetime
) -> str:
    key_id, private = own_signing_key(uow, owner, now)
    body = _LAYOUT.pack(
        VERSION, key_id, uuid.UUID(member_id).bytes, card_serial, int(now.timestamp())
    )
    return PREFIX + encode_base32(body + private.sign(body))


def read_member_code(uow: UnitOfWork, text: str) -> MemberCode:
    """The code's content once its signature checks out; ValidationError with a qr.* code if not."""
    if not looks_like_member_code(text) or len(text) != CODE_LENGTH:
        raise ValidationError(error_codes.QR_MALFORMED)
    try:
        raw = decode_base32(text[len(PREFIX) :], _LAYOUT.size + SIGNATURE_LENGTH)
    except ValueError as exc:
        raise ValidationError(error_codes.QR_MALFORMED) from exc
    body, signature = raw[: _LAYOUT.size], raw[_LAYOUT.size :]
    version, key_id, member_bytes, serial, issued = _LAYOUT.unpack(body)
    if version != VERSION:
        raise ValidationError(error_codes.QR_UNSUPPORTED_VERSION, version=version)
    verdict = verify_signature(uow, key_id, body, signature)
    if verdict != "ok":
        unknown = verdict == "unknown_key"
        raise ValidationError(
            error_codes.QR_UNKNOWN_KEY if unknown else error_codes.QR_BAD_SIGNATURE
        )
    return MemberCode(
        member_id=str(uuid.UUID(bytes=member_bytes)),
        card_serial=serial,
        issued_at=datetime.fromtimestamp(issued, UTC),
        key_id=key_id.hex(),
    )
