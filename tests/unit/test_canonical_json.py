import hashlib
import json

import pytest

from common.canonical import canonical_json, refuse_floats, sha256_hex
from services.core.journal import payload_json


def test_keys_sorted_and_compact():
    assert canonical_json({"b": 1, "a": {"d": [1, 2], "c": None}}) == (
        '{"a":{"c":null,"d":[1,2]},"b":1}'
    )


def test_same_payload_same_text_whatever_the_insertion_order():
    assert canonical_json({"x": 1, "y": 2}) == canonical_json({"y": 2, "x": 1})


def test_chinese_kept_unescaped():
    text = canonical_json({"name": "王经理"})
    assert text == '{"name":"王经理"}'
    assert "\\u" not in text


@pytest.mark.parametrize(
    "payload",
    [
        {"amount": 1.5},
        {"a": {"b": {"c": 0.0}}},
        {"items": [1, 2, 3.0]},
        {"items": [{"price": 9.9}]},
        {"pair": (1, 2.5)},
        [1, [2, [3.25]]],
        1.0,
        {"nan": float("nan")},
    ],
)
def test_floats_refused_anywhere(payload):
    with pytest.raises(TypeError):
        refuse_floats(payload)
    with pytest.raises(TypeError):  # what the journal hashes and signs
        payload_json(payload)


def test_integers_bools_and_none_are_fine():
    assert json.loads(canonical_json({"fen": 1999, "ok": True, "note": None})) == {
        "fen": 1999,
        "ok": True,
        "note": None,
    }


def test_sha256_hex_is_of_utf8_text():
    text = canonical_json({"name": "王"})
    assert sha256_hex(text) == hashlib.sha256(text.encode("utf-8")).hexdigest()
