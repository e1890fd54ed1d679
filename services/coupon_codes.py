"""Signed coupon codes: what a coupon's QR code says, and how a scan is checked offline.

Payload (55 bytes): format version, signing key id, coupon id, member id (zeros for a
bearer coupon), kind, value, minimum spend, valid from, expires, flags (offline allowed,
minimum tier); then a 64-byte Ed25519 signature. Text: "LCC" and the base-32 encoding.
A short code (12 symbols from the coupon id) is printed for lookup by hand.
"""

import struct
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from services.codec import decode_base32, encode_base32
from services.errors import ValidationError
from services.keys import SIGNATURE_LENGTH, own_signing_key, verify_signature
from services.rules.coupons import KINDS
from services.rules.points import TIER_ORDER
from services.uow import UnitOfWork

PREFIX = "LCC"
VERSION = 1
_LAYOUT = struct.Struct(">B4s16s16sBIIIIB")
CODE_LENGTH = len(PREFIX) + (((_LAYOUT.size + SIGNATURE_LENGTH) * 8 + 4) // 5)
_NO_MEMBER = bytes(16)
_OFFLINE_OK = 1


@dataclass(frozen=True)
class CouponClaim:
    """What a coupon code claims; trustworthy once `read_coupon_code` returned it."""

    coupon_id: str
    member_id: str | None
    kind: str
    value: int
    min_spend_fen: int
    valid_from: datetime
    expires_at: datetime
    offline_ok: bool
    min_tier: str | None


def looks_like_coupon_code(text: str) -> bool:
    return text[: len(PREFIX)].upper() == PREFIX


def short_code(coupon_id: str) -> str:
    """12 symbols from the random tail of the coupon's UUIDv7, grouped for reading aloud."""
    return dashed_code(encode_base32(uuid.UUID(coupon_id).bytes[9:16])[:12])


def dashed_code(text: str) -> str:
    """A typed short code in its stored form: upper case, dashes after 4 and 8 symbols."""
    raw = text.replace("-", "").upper()
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def sign_coupon_code(uow: UnitOfWork, owner: str, claim: CouponClaim, now: datetime) -> str:
    key_id, private = own_signing_key(uow, owner, now)
    tier = 0 if claim.min_tier is None else TIER_ORDER.index(claim.min_tier) + 1
    body = _LAYOUT.pack(
        VERSION,
        key_id,
        uuid.UUID(claim.coupon_id).bytes,
        uuid.UUID(claim.member_id).bytes if claim.member_id else _NO_MEMBER,
        KINDS.index(claim.kind),
        claim.value,
        claim.min_spend_fen,
        int(claim.valid_from.timestamp()),
        int(claim.expires_at.timestamp()),
        (tier << 1) | (_OFFLINE_OK if claim.offline_ok else 0),
    )
    return PREFIX + encode_base32(body + private.sign(body))


def read_coupon_code(uow: UnitOfWork, text: str) -> CouponClaim:
    """The claim once its signature checks out. Refusals: coupon.malformed, coupon.forged
    (signed by a key this chain does not know), coupon.altered (the signature does not fit)."""
    text = text.strip()
    if not looks_like_coupon_code(text) or len(text) != CODE_LENGTH:
        raise ValidationError("coupon.malformed")
    try:
        raw = decode_base32(text[len(PREFIX) :], _LAYOUT.size + SIGNATURE_LENGTH)
    except ValueError as exc:
        raise ValidationError("coupon.malformed") from exc
    body, signature = raw[: _LAYOUT.size], raw[_LAYOUT.size :]
    fields = _LAYOUT.unpack(body)
    if fields[0] != VERSION:
        raise ValidationError("coupon.malformed")
    verdict = verify_signature(uow, fields[1], body, signature)
    if verdict == "unknown_key":
        raise ValidationError("coupon.forged")
    if verdict != "ok":
        raise ValidationError("coupon.altered")
    return _claim(fields)


def _claim(fields: tuple) -> CouponClaim:
    _version, _key, coupon, member, kind, value, min_spend, start, end, flags = fields
    tier = flags >> 1
    if kind >= len(KINDS) or tier > len(TIER_ORDER):
        raise ValidationError("coupon.malformed")
    return CouponClaim(
        coupon_id=str(uuid.UUID(bytes=coupon)),
        member_id=None if member == _NO_MEMBER else str(uuid.UUID(bytes=member)),
        kind=KINDS[kind],
        value=value,
        min_spend_fen=min_spend,
        valid_from=datetime.fromtimestamp(start, UTC),
        expires_at=datetime.fromtimestamp(end, UTC),
        offline_ok=bool(flags & _OFFLINE_OK),
        min_tier=None if tier == 0 else TIER_ORDER[tier - 1],
    )
