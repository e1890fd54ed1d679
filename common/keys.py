"""The id of a device's signing key, as counters put it in coupon codes and the centre
files it: the first four bytes of the public key's SHA-256."""

import hashlib

KEY_ID_BYTES = 4


def key_id_for(public_key: bytes) -> bytes:
    """Short enough for a QR code; the centre refuses a second key with the same id."""
    return hashlib.sha256(public_key).digest()[:KEY_ID_BYTES]
