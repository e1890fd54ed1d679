"""Payload text as the protocol reads it: one plain object, no NaN, Infinity or duplicate
keys, bounded in size and depth; canonical text takes a faster parser that reads exactly what
the standard one reads."""

import json

import pytest

from services.protocol import ProtocolError, limits, parse_payload_text
from tests.unit.test_protocol import EARN


@pytest.mark.parametrize(
    "text",
    [
        '{"points":NaN}',
        '{"points":Infinity}',
        '{"points":-Infinity}',
        '{"points":1,"points":2}',
        '{"a":{"b":1,"b":1}}',
        "[1,2]",
        '"text"',
        "null",
        "{",
        "",
        '{"a":"' + "x" * limits.MAX_PAYLOAD_CHARS + '"}',
        "[" * 100_000 + "]" * 100_000,
    ],
    ids=[
        "NaN",
        "Infinity",
        "-Infinity",
        "a duplicate key",
        "a nested duplicate key",
        "an array",
        "a string",
        "null",
        "not JSON",
        "empty",
        "over 64 KB",
        "nested 100,000 deep",
    ],
)
def test_payload_text_that_is_not_one_plain_object_is_refused(text):
    with pytest.raises(ProtocolError) as caught:
        parse_payload_text(text)
    assert caught.value.code == "op.bad_payload"


def test_payload_text_of_a_real_payload_reads_back_the_same():
    text = json.dumps(EARN, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert parse_payload_text(text) == EARN


@pytest.mark.parametrize(
    "text",
    [
        '{"a":1,"b":{"c":[1,2,{"d":null}]},"e":true}',
        '{"b":1,"a":2}',
        '{"a": 1}',
        '{"a":"\\n\\t\\u0001\\u0000é中/"}',
        '{"a":"\\u00e9"}',
        '{"a":"\\u2028\\ud800"}',
        '{"a":1.0,"b":-0,"c":1e2}',
        '{"a":' + "9" * 30 + "}",
        '{"a":-9223372036854775809,"b":18446744073709551615}',
    ],
    ids=[
        "canonical",
        "unsorted",
        "spaced",
        "escapes",
        "an escaped letter",
        "a line separator and a lone surrogate",
        "floats and minus zero",
        "an integer of 30 digits",
        "integers past 64 bits",
    ],
)
def test_payload_text_reads_as_the_standard_parser_reads_it(text):
    # Canonical text takes a faster parser; what it reads must not differ in any way.
    parsed = parse_payload_text(text)
    expected = json.loads(text)
    assert parsed == expected
    assert json.dumps(parsed) == json.dumps(expected)  # types too (1.0 stays a float)
