"""Slow, salted PIN hashes (scrypt). The cost is stored in each hash so it can be raised later."""

import base64
import hashlib
import hmac
import secrets

SCRYPT_N = 2**14  # about 16 MiB and tens of milliseconds a guess
SCRYPT_R = 8
SCRYPT_P = 1


def hash_pin(pin: str, n: int | None = None) -> str:
    cost = n or SCRYPT_N
    salt = secrets.token_bytes(16)
    digest = _scrypt(pin, salt, cost, SCRYPT_R, SCRYPT_P)
    return f"scrypt${cost}${SCRYPT_R}${SCRYPT_P}${_b64(salt)}${_b64(digest)}"


def verify_pin(pin: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        actual = _scrypt(pin, _unb64(salt), int(n), int(r), int(p))
        expected = _unb64(digest)
    except (ValueError, TypeError):  # binascii.Error is a ValueError
        return False
    return hmac.compare_digest(actual, expected)


def _scrypt(pin: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(
        pin.encode(), salt=salt, n=n, r=r, p=p, maxmem=256 * 1024 * 1024, dklen=32
    )


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)
