"""The centre's change signatures, pure: the signed message is exactly the canonical JSON
of the change's chain, number, kind, key and body after the purpose line, and a signature
proves nothing for another chain, number, kind, key or body."""

import json

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from services.rules.change_signature import (
    PURPOSE,
    as_received,
    canonical_json,
    change_message,
    must_be_signed,
    signature_valid,
)
from services.sync.client import SyncError, is_loopback, normalize_url

KEY = Ed25519PrivateKey.generate()
CHAIN = "01900000-0000-7000-8000-0000000000c1"
BODY = {"sku": "G-1", "name_zh": '马克杯 "特价"', "points_price": 500, "image": None}


def signed(seq=7, kind="gift", key="G-1", body=BODY, chain=CHAIN) -> dict:
    message = change_message(chain, seq, kind, key, canonical_json(body))
    return {"seq": seq, "kind": kind, "key": key, "body": body, "sig": KEY.sign(message).hex()}


def test_the_message_is_the_canonical_json_of_the_whole_change():
    whole = {"body": BODY, "chain": CHAIN, "key": "G-1", "kind": "gift", "seq": 7}
    message = change_message(CHAIN, 7, "gift", "G-1", canonical_json(BODY))
    assert message == PURPOSE + canonical_json(whole).encode("utf-8")


def test_a_good_signature_passes():
    assert signature_valid(KEY.public_key(), CHAIN, signed())


@pytest.mark.parametrize(
    "tamper",
    [
        {"seq": 8},
        {"kind": "coupon_template"},
        {"key": "G-2"},
        {"body": BODY | {"points_price": 1}},
        {"sig": None},
        {"sig": "00" * 64},
        {"sig": "zz" * 64},
        {"seq": True},
    ],
)
def test_a_signature_proves_nothing_for_anything_else(tamper):
    assert not signature_valid(KEY.public_key(), CHAIN, signed() | tamper)


def test_another_chain_or_key_is_refused():
    other = Ed25519PrivateKey.generate()
    assert not signature_valid(KEY.public_key(), "another-chain", signed())
    assert not signature_valid(other.public_key(), CHAIN, signed())


def test_only_members_go_unsigned():
    assert not must_be_signed("member")
    for kind in ("trusted_key", "rules", "store", "gift", "coupon_template", "event"):
        assert must_be_signed(kind)


@pytest.mark.parametrize(
    "url",
    ["http://127.0.0.1:8470", "http://127.9.9.9", "http://localhost", "http://[::1]:80"],
)
def test_plain_http_to_loopback_is_allowed(url):
    assert normalize_url(url) == url


@pytest.mark.parametrize(
    "url",
    [
        "http://192.168.1.10:8470",
        "http://central.example.com",
        "http://localhost.example.com",
        "http://[::ffff:10.0.0.1]",
        "http://0.0.0.0",
    ],
)
def test_plain_http_elsewhere_needs_insecure(url):
    with pytest.raises(SyncError) as refused:
        normalize_url(url)
    assert refused.value.code == "sync.insecure_url"
    assert normalize_url(url, insecure=True) == url
    assert normalize_url(url.replace("http://", "https://")).startswith("https://")


def test_loopback_names():
    assert is_loopback("LOCALHOST") and is_loopback("[::1]") and not is_loopback("::2")


def test_the_centre_signs_the_body_as_a_counter_will_read_it():
    # Stored with number keys, sorted as numbers ("9" before "10"); parsed, they are text
    # and sort the other way. The centre signs what the counter will make of it.
    stored = canonical_json({10: "ten", 9: "nine"})
    message = change_message(CHAIN, 3, "rules", "3", as_received(stored))
    sig = KEY.sign(message).hex()
    change = {"seq": 3, "kind": "rules", "key": "3", "body": json.loads(stored), "sig": sig}
    assert signature_valid(KEY.public_key(), CHAIN, change)
