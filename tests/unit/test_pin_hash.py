import base64

import pytest

from services import pin_hash
from services.pin_hash import hash_pin, verify_pin


def test_round_trip():
    stored = hash_pin("2580")
    assert verify_pin("2580", stored)


def test_wrong_pin():
    stored = hash_pin("2580")
    assert not verify_pin("2581", stored)
    assert not verify_pin("", stored)


def test_salted_each_time():
    assert hash_pin("2580") != hash_pin("2580")


def test_cost_recorded_in_hash_is_used_to_verify():
    stored = hash_pin("2580", n=2**9)
    assert stored.split("$")[1] == "512"
    assert verify_pin("2580", stored)


def test_production_cost_when_not_patched(monkeypatch):
    monkeypatch.undo()  # drop the suite-wide fast cost for this one test
    assert pin_hash.SCRYPT_N >= 2**14
    stored = hash_pin("2580")
    scheme, n, r, p, salt, digest = stored.split("$")
    assert (scheme, int(n), int(r), int(p)) == ("scrypt", pin_hash.SCRYPT_N, 8, 1)
    assert len(base64.b64decode(salt)) == 16
    assert len(base64.b64decode(digest)) == 32
    assert verify_pin("2580", stored)


def test_suite_uses_the_fast_cost():
    assert hash_pin("2580").split("$")[1] == str(2**8)


@pytest.mark.parametrize(
    "stored",
    [
        "",
        "garbage",
        "$$$$$",
        "bcrypt$256$8$1$AAAA$AAAA",
        "scrypt$abc$8$1$AAAA$AAAA",
        "scrypt$255$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAA",  # n not a power of two
        "scrypt$256$8$1$not base64!$AAAA",
        "scrypt$256$8$1$salt$digest$extra",
    ],
)
def test_garbage_stored_string_is_false(stored):
    assert verify_pin("2580", stored) is False


def test_corrupted_digest_field_is_false():
    head = hash_pin("2580").rsplit("$", 1)[0]
    assert verify_pin("2580", head + "$!!not-base64!!") is False
