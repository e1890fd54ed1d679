"""The signed coupon code's wire format, pure: split a scanned or pushed code into the key id,
the signed bytes, the signature and what it claims. The counter checks the signature against
the keys it trusts (services/coupons/codes.py); the centre against its chain's devices, so a
redemption whose issue has not arrived yet still proves it is this chain's coupon.

Payload (55 bytes): format version, signing key id, coupon id, member id (zeros for a bearer
coupon), kind, value, minimum spend, valid from, expires, flags (offline allowed, minimum
tier); then a 64-byte Ed25519 signature. Text: "LCC" and the base-32 encoding.
"""

import struct
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from common.codec import decode_base32
from services.rules.coupons import KINDS
from services.rules.points import TIER_ORDER

PREFIX = "LCC"
VERSION = 1
SIGNATURE_LENGTH = 64
LAYOUT = struct.Struct(">B4s16s16sBIIIIB")
CODE_LENGTH = len(PREFIX) + (((LAYOUT.size + SIGNATURE_LENGTH) * 8 + 4) // 5)
NO_MEMBER = bytes(16)
OFFLINE_OK = 1


@dataclass(frozen=True)
class CouponClaim:
    """What a coupon code claims; trustworthy once its signature has been checked."""

    coupon_id: str
    member_id: str | None
    kind: str
    value: int
    min_spend_fen: int
    valid_from: datetime
    expires_at: datetime
    offline_ok: bool
    min_tier: str | None


@dataclass(frozen=True)
class SignedCoupon:
    key_id: bytes
    body: bytes
    signature: bytes
    claim: CouponClaim


class MalformedCoupon(ValueError):
    """Not a coupon code of this format (the caller says `coupon.malformed`)."""


def looks_like_coupon_code(text: str) -> bool:
    return text[: len(PREFIX)].upper() == PREFIX


def split_coupon_code(text: str) -> SignedCoupon:
    text = text.strip()
    if not looks_like_coupon_code(text) or len(text) != CODE_LENGTH:
        raise MalformedCoupon(text[:8])
    try:
        raw = decode_base32(text[len(PREFIX) :], LAYOUT.size + SIGNATURE_LENGTH)
    except ValueError as exc:
        raise MalformedCoupon(text[:8]) from exc
    body, signature = raw[: LAYOUT.size], raw[LAYOUT.size :]
    fields = LAYOUT.unpack(body)
    if fields[0] != VERSION:
        raise MalformedCoupon(text[:8])
    return SignedCoupon(fields[1], body, signature, _claim(fields))


def _claim(fields: tuple) -> CouponClaim:
    _version, _key, coupon, member, kind, value, min_spend, start, end, flags = fields
    tier = flags >> 1
    if kind >= len(KINDS) or tier > len(TIER_ORDER):
        raise MalformedCoupon("fields")
    return CouponClaim(
        coupon_id=str(uuid.UUID(bytes=coupon)),
        member_id=None if member == NO_MEMBER else str(uuid.UUID(bytes=member)),
        kind=KINDS[kind],
        value=value,
        min_spend_fen=min_spend,
        valid_from=datetime.fromtimestamp(start, UTC),
        expires_at=datetime.fromtimestamp(end, UTC),
        offline_ok=bool(flags & OFFLINE_OK),
        min_tier=None if tier == 0 else TIER_ORDER[tier - 1],
    )
