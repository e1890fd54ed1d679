"""What the enrollment attack tests share: keys no counter could have made, an honest
counter's signed request, and a POST /v1/enroll from an address of its own.
"""

import itertools

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from fastapi.testclient import TestClient

from common.ids import new_id
from services.rules.enrollment import enrollment_message
from tests.conftest import STORE_CODE

# The encodings of Ed25519's small-order points, as listed in "Taming the many EdDSAs"
# (Chalkias, Garillot, Nikolaenko, 2020; ed25519-speccheck): eight canonical, six not.
SMALL_ORDER = [
    "01" + "00" * 31,
    "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",
    "00" * 31 + "80",
    "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
    "ec" + "ff" * 30 + "7f",
    "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85",
    "00" * 32,
    "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa",
    "01" + "00" * 30 + "80",
    "ee" + "ff" * 31,
    "ec" + "ff" * 31,
    "ee" + "ff" * 30 + "7f",
    "ed" + "ff" * 31,
    "ed" + "ff" * 30 + "7f",
]
# Two private keys whose public keys share a key id (0cdb18a0: the first four bytes of the
# key's SHA-256), found by trying 109,242 random keys.
COLLIDING_SEEDS = (
    "558b961cb09284e343d103b67752fc6da2955d9e5bbef47815d925cef257de02",
    "87bc06353fffd785d17e2049c36b32afe3e7f0f8bc85161b236285fa7c1fcf72",
)

_ADDRESSES = itertools.count()


def public_hex(private: Ed25519PrivateKey) -> str:
    return private.public_key().public_bytes_raw().hex()


def signed_request(code: str, private: Ed25519PrivateKey | None = None, **fields) -> dict:
    """An honest counter's enrollment request, signed by `private` (a new key unless given);
    `fields` change the request before it is signed."""
    private = private or Ed25519PrivateKey.generate()
    body = {
        "code": code,
        "device_id": new_id(),
        "public_key": public_hex(private),
        "label": new_id()[-6:],
        "store_id": new_id(),
        "store_code": STORE_CODE,
        **fields,
    }
    message = enrollment_message(
        body["code"], body["device_id"], bytes.fromhex(body["public_key"]), body["store_code"]
    )
    return {**body, "proof": private.sign(message).hex()}


def enroll(centre, body: dict, peer: str | None = None, headers: dict | None = None):
    """POST /v1/enroll from `peer` (each request from its own address unless given, so only
    the tests of the brake meet it)."""
    if peer is None:
        n = next(_ADDRESSES)
        peer = f"100.64.{n // 250 % 250}.{n % 250 + 1}"
    client = TestClient(centre.app, client=(peer, 40000))
    return client.post("/v1/enroll", json=body, headers=headers or {})


def refusal(answer) -> tuple[int, str]:
    return answer.status_code, answer.json().get("code")


def published_keys(centre) -> int:
    return centre.scalar("SELECT count(*) FROM change WHERE kind = 'trusted_key'")


def devices(centre) -> int:
    return centre.scalar("SELECT count(*) FROM device")


def assert_code_still_usable(centre, code: str) -> None:
    assert enroll(centre, signed_request(code)).status_code == 200
