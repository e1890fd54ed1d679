"""What makes an enrollment trustworthy, pure: a public key the chain can safely publish, and
the message a counter signs to prove it holds the private half.

The centre publishes an enrolled key to every counter of the chain, which then accepts the
member cards and coupons it signs. A key that is not a genuine Ed25519 key (one of the
small-order points, for which signatures can be made without any private key; an encoding
other than the one a real key has) must never get there.
"""

import json

KEY_LENGTH = 32
PROOF_LENGTH = 64
PROOF_PURPOSE = "loyalty.enroll.v1"

# The 14 encodings of Ed25519's eight small-order points: the eight canonical ones and six
# non-canonical alternatives. Source: Chalkias, Garillot, Nikolaenko, "Taming the many
# EdDSAs" (2020) and its test-vector generator (ed25519-speccheck, EIGHT_TORSION and
# EIGHT_TORSION_NON_CANONICAL); the same set the CCTV Ed25519 vectors flag `low_order`.
SMALL_ORDER_ENCODINGS = frozenset(
    bytes.fromhex(h)
    for h in (
        "01" + "00" * 31,  # (0, 1), order 1: the neutral element
        "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",  # order 8
        "00" * 31 + "80",  # order 4
        "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",  # order 8
        "ec" + "ff" * 30 + "7f",  # (0, -1), order 2
        "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85",  # order 8
        "00" * 32,  # order 4: the all-zero key
        "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa",  # order 8
        # non-canonical encodings of the same points
        "01" + "00" * 30 + "80",  # (-0, 1), order 1
        "ee" + "ff" * 31,  # (-0, p + 1), order 1
        "ec" + "ff" * 31,  # (-0, -1), order 2
        "ee" + "ff" * 30 + "7f",  # (0, p + 1), order 1
        "ed" + "ff" * 31,  # (-sqrt(-1), p), order 4
        "ed" + "ff" * 30 + "7f",  # (sqrt(-1), p), order 4
    )
)

# Curve25519 in Edwards form (RFC 8032, section 5.1).
_P = 2**255 - 19
_D = -121665 * pow(121666, -1, _P) % _P
_SQRT_M1 = pow(2, (_P - 1) // 4, _P)
_ORDER = 2**252 + 27742317777372353535851937790883648493  # of the base point's subgroup
_IDENTITY = (0, 1, 1, 0)


def key_problem(public_key: bytes) -> str | None:
    """Why this is not a key a counter could have made, or None. Ed25519 makes keys as a
    multiple of the base point: a canonical encoding of a point of the prime-order subgroup,
    never the neutral element."""
    if len(public_key) != KEY_LENGTH:
        return "length"
    if public_key in SMALL_ORDER_ENCODINGS:
        return "small_order"
    point = _decode(public_key)
    if point is None:
        return "not_canonical"
    if _equal(point, _IDENTITY) or not _equal(_multiply(_ORDER, point), _IDENTITY):
        return "small_order"  # a small-order component (a mixed-order point)
    return None


def normalize_code(code: str) -> str:
    """A one-time code as the centre stores it: upper case, dashes and spaces gone."""
    return "".join(ch for ch in code.upper() if ch.isalnum())


def enrollment_message(
    code: str, device_id: str, public_key: bytes, store_code: str | None
) -> bytes:
    """What a counter signs with its new private key when it enrolls: the one-time code, its
    device id, the key itself and the store code, so a proof made for one request proves
    nothing for another code, device, key or store."""
    fields = {
        "purpose": PROOF_PURPOSE,
        "code": normalize_code(code),
        "device_id": device_id,
        "public_key": public_key.hex(),
        "store_code": store_code.strip().upper() if store_code is not None else None,
    }
    return json.dumps(fields, sort_keys=True, separators=(",", ":")).encode("ascii")


# Edwards arithmetic, extended coordinates (X, Y, Z, T), x = X/Z, y = Y/Z, xy = T/Z.


def _decode(encoded: bytes) -> tuple[int, int, int, int] | None:
    """The point, or None for an encoding a real key never has (y not reduced, a negative
    zero) or that names no point of the curve."""
    number = int.from_bytes(encoded, "little")
    y, sign = number & (2**255 - 1), number >> 255
    if y >= _P:
        return None
    x2 = (y * y - 1) * pow(_D * y * y + 1, -1, _P) % _P
    if x2 == 0:
        return None if sign else (0, y, 1, 0)
    x = pow(x2, (_P + 3) // 8, _P)
    if (x * x - x2) % _P:
        x = x * _SQRT_M1 % _P
    if (x * x - x2) % _P:
        return None
    if x & 1 != sign:
        x = _P - x
    return (x, y, 1, x * y % _P)


def _add(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> tuple[int, ...]:
    x1, y1, z1, t1 = a
    x2, y2, z2, t2 = b
    p = (y1 - x1) * (y2 - x2) % _P
    q = (y1 + x1) * (y2 + x2) % _P
    r = 2 * _D * t1 * t2 % _P
    s = 2 * z1 * z2 % _P
    e, f, g, h = q - p, s - r, s + r, q + p
    return (e * f % _P, g * h % _P, f * g % _P, e * h % _P)


def _multiply(scalar: int, point: tuple[int, int, int, int]) -> tuple[int, ...]:
    result = _IDENTITY
    for bit in bin(scalar)[2:]:
        result = _add(result, result)
        if bit == "1":
            result = _add(result, point)
    return result


def _equal(a: tuple[int, ...], b: tuple[int, ...]) -> bool:
    return (a[0] * b[2] - b[0] * a[2]) % _P == 0 and (a[1] * b[2] - b[1] * a[2]) % _P == 0
