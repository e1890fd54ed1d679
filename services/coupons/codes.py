"""Signed coupon codes: signing a coupon's QR code, and checking a scan offline against the
keys this counter trusts. The format is services/protocol/coupon_code.py. A short code (12
symbols from the coupon id) is printed for lookup by hand.
"""

import uuid
from datetime import datetime

from common.codec import encode_base32
from services.core.errors import ValidationError
from services.core.uow import UnitOfWork
from services.protocol import codes as error_codes
from services.protocol.coupon_code import (
    CODE_LENGTH,
    LAYOUT,
    NO_MEMBER,
    OFFLINE_OK,
    PREFIX,
    VERSION,
    CouponClaim,
    MalformedCoupon,
    looks_like_coupon_code,
    split_coupon_code,
)
from services.rules.coupons import KINDS
from services.rules.points import TIER_ORDER
from services.sync.keys import own_signing_key, verify_signature

__all__ = [
    "CODE_LENGTH",
    "CouponClaim",
    "looks_like_coupon_code",
    "read_coupon_code",
    "sign_coupon_code",
]


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
    body = LAYOUT.pack(
        VERSION,
        key_id,
        uuid.UUID(claim.coupon_id).bytes,
        uuid.UUID(claim.member_id).bytes if claim.member_id else NO_MEMBER,
        KINDS.index(claim.kind),
        claim.value,
        claim.min_spend_fen,
        int(claim.valid_from.timestamp()),
        int(claim.expires_at.timestamp()),
        (tier << 1) | (OFFLINE_OK if claim.offline_ok else 0),
    )
    return PREFIX + encode_base32(body + private.sign(body))


def read_coupon_code(uow: UnitOfWork, text: str) -> CouponClaim:
    """The claim once its signature checks out. Refusals: coupon.malformed, coupon.forged
    (signed by a key this chain does not know), coupon.altered (the signature does not fit)."""
    try:
        signed = split_coupon_code(text)
    except MalformedCoupon as exc:
        raise ValidationError(error_codes.COUPON_MALFORMED) from exc
    verdict = verify_signature(uow, signed.key_id, signed.body, signed.signature)
    if verdict == "unknown_key":
        raise ValidationError(error_codes.COUPON_FORGED)
    if verdict != "ok":
        raise ValidationError(error_codes.COUPON_ALTERED)
    return signed.claim
