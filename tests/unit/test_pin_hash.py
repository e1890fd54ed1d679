import base64

import pytest

from services.staff import pin_hash
from services.staff.pin_hash import hash_pin, needs_rehash, verify_pin


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
    # About 0.26 s and 96 MiB a guess on the counter; the cheap 2**14, r=8 took 37 ms.
    assert (pin_hash.SCRYPT_N, pin_hash.SCRYPT_R, pin_hash.SCRYPT_P) == (2**16, 12, 1)
    stored = hash_pin("2580")
    scheme, n, r, p, salt, digest = stored.split("$")
    assert (scheme, int(n), int(r), int(p)) == ("scrypt", 2**16, 12, 1)
    assert len(base64.b64decode(salt)) == 16
    assert len(base64.b64decode(digest)) == 32
    assert verify_pin("2580", stored)
    assert not needs_rehash(stored)


def test_a_hash_at_the_old_cost_still_verifies_and_asks_for_an_upgrade(monkeypatch):
    monkeypatch.setattr(pin_hash, "SCRYPT_R", 8)
    old = hash_pin("2580", n=2**7)
    monkeypatch.undo()
    monkeypatch.setattr(pin_hash, "SCRYPT_N", 2**8)
    assert verify_pin("2580", old)
    assert needs_rehash(old)
    assert not needs_rehash(hash_pin("2580"))
    assert needs_rehash("garbage")


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
