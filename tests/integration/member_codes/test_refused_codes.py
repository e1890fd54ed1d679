"""Signed member codes: an altered symbol, a foreign symbol, a wrong length or version and
garbage are refused and change nothing.
"""

from datetime import UTC, datetime

import pytest

from common.codec import ALPHABET
from services.core.errors import LoyaltyError, ValidationError
from services.members.codes import CODE_LENGTH
from tests.integration.member_codes.helpers import (
    LAST,
    PREFIX_POSITIONS,
    VERSION_AND_KEY_POSITIONS,
    altered,
    counts,
    refused,
    scan,
)

# --- altered codes ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "position",
    [
        3 + 8,  # first symbol of the member id
        3 + 20,  # inside the member id
        3 + 34,  # the card serial
        3 + 40,  # the issue time
        3 + 43,  # first symbol of the signature
        3 + 100,  # inside the signature
        LAST - 1,
    ],
)
def test_altered_symbol_refused(counter, member, code, db, position):
    assert refused(counter, db, altered(code, position)) == "qr.bad_signature"
    assert db.count("visit") == 0


def test_altered_padding_bits_refused(counter, member, code, db):
    # The last symbol carries 3 signature bits and 2 padding bits (always zero).
    for step in (1, 2, 3):
        assert refused(counter, db, altered(code, LAST, step)) == "qr.malformed"
    assert refused(counter, db, altered(code, LAST, 4)) == "qr.bad_signature"


def test_every_single_altered_symbol_refused(counter, member, code, db):
    before = counts(db)
    for position in range(CODE_LENGTH):
        for step in (1, 16):
            text = altered(code, position, step)
            with pytest.raises(LoyaltyError) as caught:
                scan(counter, text)
            got = caught.value.code
            if position in PREFIX_POSITIONS:
                # No longer looks like a code: searched as a name, found nobody.
                assert got == "member.not_found", (position, step)
            elif position in VERSION_AND_KEY_POSITIONS:
                assert got in ("qr.unsupported_version", "qr.unknown_key"), (position, step)
            elif position == LAST:
                assert got in ("qr.malformed", "qr.bad_signature"), (position, step)
            else:
                assert got == "qr.bad_signature", (position, step)
    assert counts(db) == before


@pytest.mark.parametrize("foreign", ["I", "O", "Y", "Z", "+", "/", "=", "-", "😀", "张"])
def test_foreign_symbol_in_code_refused(counter, member, code, db, foreign):
    text = code[:50] + foreign + code[51:]
    assert refused(counter, db, text) == "qr.malformed"


def test_code_one_symbol_short_or_long_refused(counter, member, code, db):
    assert refused(counter, db, code[:-1]) == "qr.malformed"
    assert refused(counter, db, code + "0") == "qr.malformed"
    assert refused(counter, db, code[:3] + code[4:]) == "qr.malformed"


def test_code_from_another_version_refused(counter, member, code, db):
    # Version 2 instead of 1: the first symbol 0 (00000) and the second's top 3 bits 001.
    second = ALPHABET.index(code[4])
    version_2 = code[:4] + ALPHABET[(second & 0b00011) | 0b01000] + code[5:]
    assert refused(counter, db, version_2) == "qr.unsupported_version"


@pytest.mark.parametrize("position", [3, 4, 60, LAST])
def test_sharp_s_in_code_refused(counter, member, code, db, position):
    # 'ß'.upper() is 'SS': with ß first the decoded number overflowed (fixed in a172327).
    text = code[:position] + "ß" + code[position + 1 :]
    assert refused(counter, db, text) == "qr.malformed"


# --- garbage -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("hello", "member.not_found"),
        ("", "scan.empty"),
        ("   ", "scan.empty"),
        ("\r\n\t", "scan.empty"),
        ("\x00" * 20, "scan.empty"),
        ("x" * 10_240, "scan.too_long"),
        ("LCM" + "0" * 10_240, "scan.too_long"),
        ("LCM", "qr.malformed"),
        ("lcm", "qr.malformed"),
        ("LCM" + "I" * 146, "qr.malformed"),
        ("LCM" + "0" * 146, "qr.unsupported_version"),
        ("LCM" + "X" * 146, "qr.malformed"),
        ("LCM\x00\x00\x00", "qr.malformed"),
        ("😀", "member.not_found"),
        ("😀" * 149, "member.not_found"),
        ("LCM" + "😀" * 146, "qr.malformed"),
    ],
)
def test_garbage_refused_and_changes_nothing(counter, member, code, db, text, expected):
    assert refused(counter, db, text) == expected


def test_refusals_carry_error_types(counter, member, db):
    with pytest.raises(ValidationError):
        scan(counter, "")
    with pytest.raises(ValidationError):
        scan(counter, "LCM")


def test_visit_time_is_the_scan_time(counter, member, code, db, clock):
    clock.advance(hours=3)
    scan(counter, code)
    assert db.scalar("SELECT at FROM visit") == "2026-03-01 05:00:00.000000"
    assert clock.now() == datetime(2026, 3, 1, 5, 0, tzinfo=UTC)
