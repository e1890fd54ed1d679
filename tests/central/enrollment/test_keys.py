"""Enrollment as an attacker tries it: keys no counter could have made, another counter's key
or key id, and a missing, forged or replayed proof of possession.
"""

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from common.ids import new_id
from tests.central.enrollment.helpers import (
    COLLIDING_SEEDS,
    SMALL_ORDER,
    assert_code_still_usable,
    devices,
    enroll,
    public_hex,
    published_keys,
    refusal,
    signed_request,
)

# --- keys no counter could have made ---------------------------------------------------------


def test_the_all_zero_key_is_refused_and_the_code_stays_usable(central):
    central.create_store()
    code = central.enrollment_code()
    answer = enroll(central, {**signed_request(code), "public_key": "00" * 32})
    assert refusal(answer) == (400, "enroll.bad_key")
    assert (devices(central), published_keys(central)) == (0, 0)
    assert_code_still_usable(central, code)


def test_every_small_order_encoding_is_refused(central):
    central.create_store()
    code = central.enrollment_code()
    codes = {
        key: refusal(enroll(central, {**signed_request(code), "public_key": key}))
        for key in SMALL_ORDER
    }
    assert codes == {key: (400, "enroll.bad_key") for key in SMALL_ORDER}
    assert (devices(central), published_keys(central)) == (0, 0)


def test_a_key_with_a_small_order_component_or_off_the_curve_is_refused(central):
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


def test_another_counters_public_key_is_refused(central):
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


def test_a_key_of_a_revoked_device_is_not_taken_back(central):
    central.create_store()
    key = Ed25519PrivateKey.generate()
    first = signed_request(central.enrollment_code(), key)
    assert enroll(central, first).status_code == 200
    central.revoke(first["device_id"])
    again = signed_request(central.enrollment_code(), key)
    assert refusal(enroll(central, again)) == (409, "enroll.key_taken")


def test_a_key_whose_id_another_key_has_is_refused(central):
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


def test_a_missing_or_forged_proof_is_refused(central):
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


def test_a_proof_is_good_for_its_own_request_only(central):
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
