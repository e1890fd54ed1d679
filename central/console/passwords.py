"""Console passwords: scrypt (RFC 7914) from the standard library, with a random salt and
its cost stored beside the hash, so the cost can rise later without losing old hashes."""

import hashlib
import hmac
import secrets

N, R, P = 2**14, 8, 1  # ~16 MB and some tens of milliseconds per check
MIN_LENGTH = 10
MAX_LENGTH = 256  # scrypt takes any length; a huge one only costs the centre time


class WeakPassword(ValueError):
    """The password is too short, too long, or not text a person types."""


def check_strength(password: str) -> None:
    if not MIN_LENGTH <= len(password) <= MAX_LENGTH:
        raise WeakPassword("console.password_length")
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in password):
        raise WeakPassword("console.password_control")


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = _scrypt(password, salt, N, R, P)
    return f"scrypt${N}${R}${P}${salt.hex()}${digest.hex()}"


def verify_password(password: str, stored: str) -> bool:
    """True when `password` matches `stored`; False for any malformed hash too."""
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        expected = bytes.fromhex(digest)
        actual = _scrypt(password, bytes.fromhex(salt), int(n), int(r), int(p))
    except ValueError:
        return False
    return hmac.compare_digest(actual, expected)


def spend_equal_time(password: str) -> None:
    """A check against no user costs what a real one does: the answer's timing does not
    tell which names exist."""
    _scrypt(password, b"\x00" * 16, N, R, P)


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    data = password[:MAX_LENGTH].encode("utf-8", "surrogatepass")
    return hashlib.scrypt(data, salt=salt, n=n, r=r, p=p, maxmem=64 * 1024 * 1024, dklen=32)
