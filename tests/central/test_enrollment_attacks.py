"""Enrollment as an attacker tries it: keys no counter could have made, another counter's key or
key id, a missing, forged or replayed proof of possession, a rogue device whose revocation
would take an honest counter's cards with it, and a brake dodged by forged or rotated
addresses. Each runs on SQLite and PostgreSQL."""

import itertools
from datetime import UTC, datetime

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from fastapi.testclient import TestClient
from sqlalchemy.exc import IntegrityError

from central.app import create_app
from central.feed import PendingChanges, flush_changes
from central.limits import ENROLL_ADDRESSES, EnrollBrake, client_address, parse_trusted_proxies
from central.models import Device
from common.ids import new_id
from services.core.errors import ValidationError
from services.members.codes import read_member_code, sign_member_code
from services.rules.enrollment import enrollment_message
from tests.central.harness import (  # noqa: F401  (fixtures)
    central,
    central_fixture_for_counters,
    make_counter,
)
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


# --- keys no counter could have made ---------------------------------------------------------


def test_the_all_zero_key_is_refused_and_the_code_stays_usable(central):  # noqa: F811
    central.create_store()
    code = central.enrollment_code()
    answer = enroll(central, {**signed_request(code), "public_key": "00" * 32})
    assert refusal(answer) == (400, "enroll.bad_key")
    assert (devices(central), published_keys(central)) == (0, 0)
    assert_code_still_usable(central, code)


def test_every_small_order_encoding_is_refused(central):  # noqa: F811
    central.create_store()
    code = central.enrollment_code()
    codes = {
        key: refusal(enroll(central, {**signed_request(code), "public_key": key}))
        for key in SMALL_ORDER
    }
    assert codes == {key: (400, "enroll.bad_key") for key in SMALL_ORDER}
    assert (devices(central), published_keys(central)) == (0, 0)


def test_a_key_with_a_small_order_component_or_off_the_curve_is_refused(central):  # noqa: F811
    central.create_store()
    code = central.enrollment_code()
    genuine = bytes.fromhex(public_hex(Ed25519PrivateKey.generate()))
    mixed = _plus_order_8_point(genuine)
    off_curve = (2).to_bytes(32, "little")  # y = 2 gives no x on the curve
    for key in (mixed, off_curve, genuine[:31], genuine + b"\0"):
        answer = enroll(central, {**signed_request(code), "public_key": key.hex()})
        assert refusal(answer) == (400, "enroll.bad_key"), key.hex()
    answer = enroll(central, {**signed_request(code), "public_key": "zz" * 32})
    assert refusal(answer) == (400, "enroll.bad_key")
    assert devices(central) == 0


def _plus_order_8_point(encoded: bytes) -> bytes:
    """A genuine key plus a point of order 8: it passes a look at the list, not the math."""
    from services.rules import enrollment as rules

    point = rules._decode(encoded)
    torsion = rules._decode(bytes.fromhex(SMALL_ORDER[1]))
    x, y, z, _t = rules._add(point, torsion)
    inverse = pow(z, -1, rules._P)
    x, y = x * inverse % rules._P, y * inverse % rules._P
    return (y | (x & 1) << 255).to_bytes(32, "little")


# --- another device's key, or its key id ------------------------------------------------------


def test_another_counters_public_key_is_refused(central):  # noqa: F811
    central.create_store()
    honest_key = Ed25519PrivateKey.generate()
    assert enroll(central, signed_request(central.enrollment_code(), honest_key)).status_code == 200
    code = central.enrollment_code()
    # Knowing only the public half (every counter of the chain has it), no proof can be made.
    copied = {**signed_request(code), "public_key": public_hex(honest_key)}
    assert refusal(enroll(central, copied)) == (403, "enroll.bad_proof")
    # A copy of the whole key (a cloned disk) proves possession, and is still not a second key.
    cloned = signed_request(code, honest_key)
    assert refusal(enroll(central, cloned)) == (409, "enroll.key_taken")
    assert (devices(central), published_keys(central)) == (1, 1)
    assert_code_still_usable(central, code)


def test_a_key_of_a_revoked_device_is_not_taken_back(central):  # noqa: F811
    central.create_store()
    key = Ed25519PrivateKey.generate()
    first = signed_request(central.enrollment_code(), key)
    assert enroll(central, first).status_code == 200
    central.revoke(first["device_id"])
    again = signed_request(central.enrollment_code(), key)
    assert refusal(enroll(central, again)) == (409, "enroll.key_taken")


def test_a_key_whose_id_another_key_has_is_refused(central):  # noqa: F811
    central.create_store()
    first, second = (
        Ed25519PrivateKey.from_private_bytes(bytes.fromhex(s)) for s in COLLIDING_SEEDS
    )
    assert public_hex(first) != public_hex(second)
    assert enroll(central, signed_request(central.enrollment_code(), first)).status_code == 200
    code = central.enrollment_code()
    assert refusal(enroll(central, signed_request(code, second))) == (409, "enroll.key_id_taken")
    [(key_id,)] = central.rows("SELECT key_id FROM device")
    assert key_id == "0cdb18a0"
    assert published_keys(central) == 1
    assert_code_still_usable(central, code)


# --- proof of possession ---------------------------------------------------------------------


def test_a_missing_or_forged_proof_is_refused(central):  # noqa: F811
    central.create_store()
    code = central.enrollment_code()
    honest = signed_request(code)
    without = {k: v for k, v in honest.items() if k != "proof"}
    by_another_key = signed_request(
        code,
        Ed25519PrivateKey.generate(),
        **{k: honest[k] for k in ("device_id", "label", "store_id")},
    )
    forged = {**honest, "proof": by_another_key["proof"]}
    flipped = {**honest, "proof": honest["proof"][:-2] + f"{int(honest['proof'][-2:], 16) ^ 1:02x}"}
    for body in (without, forged, flipped, {**honest, "proof": "00" * 64}):
        assert refusal(enroll(central, body)) == (403, "enroll.bad_proof")
    for proof in ("00" * 63, "xyz", ""):
        assert refusal(enroll(central, {**honest, "proof": proof})) == (403, "enroll.bad_proof")
    assert (devices(central), published_keys(central)) == (0, 0)
    assert enroll(central, honest).status_code == 200  # the code was not spent


def test_a_proof_is_good_for_its_own_request_only(central):  # noqa: F811
    central.create_store()
    central.create_store("T002", "二店")
    seen, other_code = central.enrollment_code(), central.enrollment_code()
    honest = signed_request(seen)
    # Someone who saw this request (a log, a proxy) sends its key and proof with their own
    # code, or as another device, or for another store.
    replays = [
        {**honest, "code": other_code},
        {**honest, "device_id": new_id()},
        {**honest, "code": central.enrollment_code("T002"), "store_code": "T002"},
    ]
    for replay in replays:
        assert refusal(enroll(central, replay)) == (403, "enroll.bad_proof")
    assert devices(central) == 0
    assert enroll(central, honest).status_code == 200
    assert_code_still_usable(central, other_code)


# --- revocation goes by device ---------------------------------------------------------------


def card_by(counter) -> str:
    with counter.runtime.writer() as uow:
        text = sign_member_code(
            uow, f"device:{counter.device_id}", new_id(), 1, counter.runtime.now()
        )
        uow.commit()
    return text


def verdict(counter, text: str) -> str:
    with counter.runtime.writer() as uow:
        try:
            read_member_code(uow, text)
        except ValidationError as refused:
            return refused.code
    return "ok"


def plant_legacy_device(centre, public_key: bytes, key_id: str) -> str:
    """A device row as enrollment made it before it checked keys: any key under any id, and
    its key published to the chain."""
    [(store_id, chain_id)] = centre.rows(
        "SELECT id, chain_id FROM store WHERE code = :c", c=STORE_CODE
    )
    device_id = new_id()
    now = datetime.now(UTC)
    with centre.session() as s, s.begin():
        s.add(
            Device(
                id=device_id,
                chain_id=chain_id,
                store_id=store_id,
                label=f"rogue-{device_id[-4:]}",
                public_key=public_key,
                key_id=key_id,
                token_hash="0" * 64,
                last_seq=0,
                enrolled_at=now,
            )
        )
        s.flush()
        body = {
            "key_id": key_id,
            "public_key": public_key.hex(),
            "owner": f"device:{device_id}",
            "revoked_at": None,
        }
        pending = PendingChanges(chain_id)
        pending.add("trusted_key", key_id, body)
        flush_changes(s, pending)
    return device_id


def test_revoking_a_rogue_device_leaves_the_honest_counters_cards_trusted(
    central,  # noqa: F811
    make_counter,  # noqa: F811
):
    central.create_store()
    honest, other = make_counter("1"), make_counter("2")
    card = card_by(honest)
    assert other.cycle().ok and verdict(other, card) == "ok"
    [(public_key, key_id)] = central.rows(
        "SELECT public_key, key_id FROM device WHERE id = :d", d=honest.device_id
    )
    # Rogues as a centre before key checks could hold them (one with the honest counter's very
    # key, one with another key under the honest key's id): the database itself refuses both.
    for key in (bytes(public_key), bytes.fromhex(public_hex(Ed25519PrivateKey.generate()))):
        with pytest.raises(IntegrityError):
            plant_legacy_device(central, key, key_id)
    assert honest.cycle().ok and other.cycle().ok
    assert (verdict(honest, card), verdict(other, card)) == ("ok", "ok")
    # A counter enrolled afterwards reads the whole feed in one page, and trusts the card too.
    late = make_counter("3")
    assert late.cycle().ok and verdict(late, card) == "ok"
    # Revoking the honest counter itself still takes its cards out of trust.
    central.revoke(honest.device_id)
    assert other.cycle().ok and late.cycle().ok
    assert (verdict(other, card), verdict(late, card)) == ("qr.unknown_key", "qr.unknown_key")


# --- the brake ---------------------------------------------------------------------------------


def braked_app(centre, proxies=None):
    centre.app = create_app(centre.engine, trusted_proxies=proxies or ())
    centre.create_store()
    return centre


def guess(centre, peer: str, forwarded_for: str | None = None) -> str:
    headers = {"X-Forwarded-For": forwarded_for} if forwarded_for else {}
    body = signed_request("AAAA-BBBB-CCCC")
    return enroll(centre, body, peer=peer, headers=headers).json()["code"]


def test_a_forged_forwarded_for_from_an_untrusted_peer_is_ignored(central):  # noqa: F811
    braked_app(central, proxies="10.0.0.1")
    codes = [guess(central, "203.0.113.9", f"198.51.100.{i}") for i in range(12)]
    assert codes == ["enroll.bad_code"] * 10 + ["enroll.too_many_attempts"] * 2
    forwarded = {"Forwarded": "for=198.51.100.77"}
    answer = enroll(central, signed_request("AAAA-BBBB-CCCC"), "203.0.113.9", forwarded)
    assert answer.json()["code"] == "enroll.too_many_attempts"


def test_a_trusted_proxy_is_believed_about_its_client(central):  # noqa: F811
    braked_app(central, proxies="10.0.0.0/8, ::1")
    first = [guess(central, "10.0.0.1", "198.51.100.1") for _ in range(11)]
    assert first == ["enroll.bad_code"] * 10 + ["enroll.too_many_attempts"]
    # Another client behind the same proxy has its own allowance; what the client wrote
    # left of the address the proxy saw does not make it someone else.
    assert guess(central, "10.0.0.1", "198.51.100.2") == "enroll.bad_code"
    assert guess(central, "10.0.0.2", "192.0.2.55, 198.51.100.1") == "enroll.too_many_attempts"
    # A proxy that adds its own header line after the client's (HAProxy) is read the same.
    client = TestClient(central.app, client=("10.0.0.1", 40000))
    lines = [("X-Forwarded-For", "192.0.2.56"), ("X-Forwarded-For", "198.51.100.1")]
    answer = client.post("/v1/enroll", json=signed_request("AAAA-BBBB-CCCC"), headers=lines)
    assert answer.json()["code"] == "enroll.too_many_attempts"
    answer = enroll(
        central,
        signed_request("AAAA-BBBB-CCCC"),
        "10.0.0.3",
        {"Forwarded": 'for="[2001:db8::1]:4711";proto=https'},
    )
    assert answer.json()["code"] == "enroll.bad_code"


def test_attempts_from_many_addresses_meet_a_cap_on_all_of_them(central):  # noqa: F811
    braked_app(central, proxies="10.0.0.1")
    brake = central.app.state.enroll_brake
    codes = [guess(central, "10.0.0.1", f"198.51.{i // 250}.{i % 250}") for i in range(61)]
    assert codes[: brake.overall] == ["enroll.bad_code"] * brake.overall
    assert codes[brake.overall :] == ["enroll.too_many_attempts"] * (61 - brake.overall)
    # An honest counter in the same minute waits too: the price of a guessing flood.
    code = central.enrollment_code()
    assert refusal(enroll(central, signed_request(code), "192.0.2.200")) == (
        429,
        "enroll.too_many_attempts",
    )


def test_the_brake_forgets_addresses_beyond_its_bound():
    now = [0.0]
    brake = EnrollBrake(attempts=2, window=60, clock=lambda: now[0], overall=10**9, addresses=100)
    for i in range(20_000):
        now[0] = i / 1000
        assert brake.allow(f"address {i}")
    assert len(brake.seen) == 100
    assert len(brake.everyone) == 20_000  # all within the window, under the overall cap
    # The recently seen are still remembered and braked.
    assert brake.allow("address 19999") and not brake.allow("address 19999")


def test_the_centres_brake_has_a_bound_on_addresses(central):  # noqa: F811
    brake = central.app.state.enroll_brake
    assert brake.addresses == ENROLL_ADDRESSES and brake.overall > brake.attempts


def test_the_overall_record_stays_within_the_overall_cap():
    now = [0.0]
    brake = EnrollBrake(attempts=5, window=60, clock=lambda: now[0], overall=50, addresses=1000)
    allowed = sum(brake.allow(f"a{i}") for i in range(10_000))
    assert allowed == 50 and len(brake.everyone) == 50
    now[0] = 61
    assert brake.allow("a1")  # a new window


@pytest.mark.parametrize(
    ("peer", "headers", "expected"),
    [
        ("203.0.113.9", {"x-forwarded-for": "1.2.3.4"}, "203.0.113.9"),
        ("10.0.0.1", {"x-forwarded-for": "1.2.3.4, 198.51.100.1"}, "198.51.100.1"),
        ("10.0.0.1", {"x-forwarded-for": "198.51.100.1, 10.0.0.9"}, "198.51.100.1"),
        ("10.0.0.1", {"forwarded": "for=198.51.100.3:8080, for=10.0.0.9"}, "198.51.100.3"),
        ("10.0.0.1", {}, "10.0.0.1"),
        ("10.0.0.1", {"x-forwarded-for": "2001:db8:1:2:3::9"}, "2001:db8:1:2::/64"),
        ("::ffff:203.0.113.9", {}, "203.0.113.9"),
        ("2001:db8:1:2:aaaa::1", {"x-forwarded-for": "9.9.9.9"}, "2001:db8:1:2::/64"),
    ],
)
def test_the_client_address_read_for_the_brake(peer, headers, expected):
    assert client_address(peer, headers, parse_trusted_proxies("10.0.0.0/8")) == expected
