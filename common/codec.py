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


# Our symbols (either case) as the digits int(..., 32) reads, and I, O, Y, Z (either case)
# as a character it refuses: a code is read in one C call instead of a loop per symbol.
_PYTHON_DIGITS = "0123456789abcdefghijklmnopqrstuv"
_AS_DIGITS = str.maketrans(
    {
        **{ch: _PYTHON_DIGITS[i] for i, ch in enumerate(ALPHABET)},
        **{ch.lower(): _PYTHON_DIGITS[i] for i, ch in enumerate(ALPHABET)},
        **{ch: "!" for ch in "IOYZioyz"},
    }
)


def decode_base32(text: str, length: int) -> bytes:
    """Exactly `length` bytes back, or ValueError: no silent truncation or padding."""
    if len(text) != (length * 8 + 4) // 5:
        raise ValueError("wrong length")
    if not text:
        return b""
    # ASCII letters and digits only (int() would also take signs, spaces and underscores;
    # 'ß'.upper() is 'SS'), each then one of our symbols or refused by int().
    if not (text.isascii() and text.isalnum()):
        raise ValueError(f"not in the alphabet: {_first_foreign(text)!r}")
    try:
        value = int(text.translate(_AS_DIGITS), 32)
    except ValueError:
        raise ValueError(f"not in the alphabet: {_first_foreign(text)!r}") from None
    pad = len(text) * 5 - length * 8
    if value & ((1 << pad) - 1):
        raise ValueError("non-zero padding bits")
    return (value >> pad).to_bytes(length, "big")


def _first_foreign(text: str) -> str:
    return next((ch for ch in text if not ch.isascii() or ch.upper() not in _INDEX), "")
