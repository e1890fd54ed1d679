"""The layout-safe base32 that member codes are written in."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from common.codec import ALPHABET, decode_base32, encode_base32


def text_length(byte_count: int) -> int:
    return (byte_count * 8 + 4) // 5


@given(st.binary(min_size=0, max_size=100))
def test_round_trip(data):
    text = encode_base32(data)
    assert len(text) == text_length(len(data))
    assert set(text) <= set(ALPHABET)
    assert decode_base32(text, len(data)) == data


@given(st.binary(min_size=1, max_size=100))
def test_decoding_ignores_case(data):
    text = encode_base32(data)
    assert decode_base32(text.lower(), len(data)) == data
    mixed = "".join(ch.lower() if i % 2 else ch for i, ch in enumerate(text))
    assert decode_base32(mixed, len(data)) == data


@pytest.mark.parametrize("length", range(0, 101))
def test_every_length_round_trips_its_extremes(length):
    for data in (bytes(length), b"\xff" * length, bytes(range(length))):
        assert decode_base32(encode_base32(data), length) == data


def test_empty_is_empty():
    assert encode_base32(b"") == ""
    assert decode_base32("", 0) == b""


def test_known_encodings():
    # 0xff = 11111 111(00): the last symbol carries two zero padding bits.
    assert encode_base32(b"\xff") == "XU"
    assert encode_base32(b"\x00") == "00"
    assert encode_base32(b"\x01") == "04"
    assert decode_base32("XU", 1) == b"\xff"


def test_alphabet_is_32_distinct_layout_safe_symbols():
    assert len(ALPHABET) == 32
    assert len(set(ALPHABET)) == 32
    assert ALPHABET.isascii()
    assert ALPHABET.upper() == ALPHABET
    assert set(ALPHABET) <= set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    for forbidden in "IOYZ+/=":
        assert forbidden not in ALPHABET
        assert forbidden.lower() not in ALPHABET


@pytest.mark.parametrize("length", [1, 5, 27, 91])
def test_wrong_length_refused(length):
    text = encode_base32(bytes(range(length)))
    with pytest.raises(ValueError):
        decode_base32(text + "0", length)
    with pytest.raises(ValueError):
        decode_base32(text[:-1], length)
    with pytest.raises(ValueError):
        decode_base32(text, length + 1)
    with pytest.raises(ValueError):
        decode_base32(text, length - 1)


@pytest.mark.parametrize("foreign", list("IOYZioyz+/=- \x00\u200bＡ０😀张"))
@pytest.mark.parametrize("position", [0, 3, -1])
def test_foreign_characters_refused(foreign, position):
    text = list(encode_base32(bytes(range(1, 6))))  # 5 bytes: 8 symbols
    text[position] = foreign
    with pytest.raises(ValueError):
        decode_base32("".join(text), 5)


@pytest.mark.parametrize(("length", "pad_bits"), [(1, 2), (2, 4), (3, 1), (4, 3), (91, 2)])
def test_non_zero_padding_bits_refused(length, pad_bits):
    text = encode_base32(bytes(length))
    assert len(text) * 5 - length * 8 == pad_bits
    for low in range(1, 2**pad_bits):
        tampered = text[:-1] + ALPHABET[low]
        with pytest.raises(ValueError):
            decode_base32(tampered, length)


def test_case_folding_never_widens_the_text():
    # 'ß'.upper() is 'SS': folding it would decode a foreign symbol as two alphabet symbols
    # (or overflow). Found by these tests; fixed in a172327.
    with pytest.raises(ValueError):
        decode_base32("ß0", 1)
    with pytest.raises(ValueError):
        decode_base32("00ß0", 2)


@pytest.mark.parametrize("foreign", ["ß", "ſ", "ı", "ﬀ", "ﬆ", "ｓ"])
def test_non_ascii_case_variants_refused(foreign):
    # 'ſ'.upper() is 'S' and 'ı'.upper() is 'I': only ASCII letters are folded.
    text = "0" * 7 + foreign
    with pytest.raises(ValueError):
        decode_base32(text, 5)
