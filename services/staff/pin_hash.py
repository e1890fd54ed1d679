"""Slow, salted PIN hashes (scrypt). The cost is stored in each hash, so a hash made at an
older, cheaper cost still verifies, and `needs_rehash` tells sign-in to upgrade it.

A 4-6 digit PIN has at most a million values: only the cost of each guess protects a copied
database. N=2**16, r=12 takes about 0.26 s and 96 MiB on a 2-core counter (the old 2**14, r=8
took 37 ms). The test suite lowers SCRYPT_N (tests/conftest.py); production never does.
"""

import base64
import hashlib
import hmac
import secrets

SCRYPT_N = 2**16  # what a new hash costs; read at each call so a test suite may lower it
SCRYPT_R = 12
SCRYPT_P = 1
MAXMEM = 256 * 1024 * 1024


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


def needs_rehash(stored: str) -> bool:
    """True when the hash was made at a lower cost than a new one gets now."""
    try:
        scheme, n, r, p, _salt, _digest = stored.split("$")
        n, r, p = int(n), int(r), int(p)
    except ValueError:
        return True
    return scheme != "scrypt" or n * r * p < SCRYPT_N * SCRYPT_R * SCRYPT_P or n < SCRYPT_N


def _scrypt(pin: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(pin.encode(), salt=salt, n=n, r=r, p=p, maxmem=MAXMEM, dklen=32)


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)
