"""Enrollment regressions (the detailed enrollment tests are elsewhere): a key no counter
could have made, or another counter's key, is refused, and revoking a rogue device takes
nothing from the honest counter whose key it tried to take."""

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from tests.central.hostile.counter import HostileCounter, enroll_body, post_json


def test_an_all_zero_public_key_is_refused(world):
    body = enroll_body(world.enrollment_code(), public_key="00" * 32)
    answer = post_json(world.http, "/v1/enroll", body)
    assert answer.status_code == 400
    assert answer.json()["code"] == "enroll.bad_key"
    assert (
        world.central.scalar("SELECT count(*) FROM device WHERE id = :d", d=body["device_id"]) == 0
    )


def test_another_counters_public_key_is_refused(world):
    key = Ed25519PrivateKey.generate()
    honest = HostileCounter.enroll(world.http, world.enrollment_code(), key=key)
    # The rogue knows only the public half (it was published to the whole chain).
    rogue = enroll_body(world.enrollment_code(), key=None, public_key=honest.public_key)
    answer = post_json(world.http, "/v1/enroll", rogue)
    assert 400 <= answer.status_code < 500
    assert answer.json()["code"].startswith("enroll.")
    holders = world.central.scalar(
        "SELECT count(*) FROM device WHERE key_id = (SELECT key_id FROM device WHERE id = :d)",
        d=honest.device_id,
    )
    assert holders == 1


def test_revoking_a_rogue_device_does_not_revoke_the_honest_counters_cards(world):
    honest = world.counter()
    rogue_body = enroll_body(world.enrollment_code(), key=None, public_key=honest.public_key)
    answer = post_json(world.http, "/v1/enroll", rogue_body)
    rogue_id = rogue_body["device_id"]
    if answer.status_code != 200:
        # Refused (as it should be): revoke a rogue with its own key instead.
        rogue_id = world.counter().device_id
    world.central.revoke(rogue_id)
    keys = {
        c["body"]["public_key"]: c["body"] for c in honest.pull_all() if c["kind"] == "trusted_key"
    }
    assert keys[honest.public_key]["revoked_at"] is None
    assert honest.http.get("/v1/pull", headers=honest.auth).status_code == 200


@pytest.mark.parametrize("key", ["01" + "00" * 31, "ec" + "ff" * 30 + "7f"])
def test_a_small_order_key_is_refused(world, key):
    answer = post_json(
        world.http, "/v1/enroll", enroll_body(world.enrollment_code(), public_key=key)
    )
    assert answer.status_code == 400 and answer.json()["code"] == "enroll.bad_key"
