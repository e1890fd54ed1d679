"""Compact signed payloads as text a keyboard-wedge scanner can type on any layout.

The alphabet is 32 symbols: digits and capital letters without I and O (read as 1 and
0) and without Y and Z (they swap places between QWERTY and QWERTZ keyboards). Decoding
is case-insensitive because a scanner's Caps Lock state is anyone's guess.
"""

ALPHABET = "0123456789ABCDEFGHJKLMNPQRSTUVWX"
_INDEX = {ch: i for i, ch in enumerate(ALPHABET)}


def encode_base32(data: bytes) -> str:
    bits = int.from_bytes(data, "big") if data else 0
    nbits = len(data) * 8
    pad = (-nbits) % 5
    bits <<= pad
    count = (nbits + pad) // 5
    return "".join(ALPHABET[(bits >> (5 * (count - 1 - i))) & 31] for i in range(count))


def decode_base32(text: str, length: int) -> bytes:
    """Exactly `length` bytes back, or ValueError: no silent truncation or padding."""
    if len(text) != (length * 8 + 4) // 5:
        raise ValueError("wrong length")
    value = 0
    for ch in text:
        ch = ch.upper() if ch.isascii() else ch  # 'ß'.upper() is 'SS': never widen the text
        if ch not in _INDEX:
            raise ValueError(f"not in the alphabet: {ch!r}")
        value = (value << 5) | _INDEX[ch]
    pad = len(text) * 5 - length * 8
    if value & ((1 << pad) - 1):
        raise ValueError("non-zero padding bits")
    return (value >> pad).to_bytes(length, "big")
