"""Enrollment as an attacker tries it: a brake on guessing codes dodged by forged or rotated
addresses.
"""

import pytest
from fastapi.testclient import TestClient

from central.app import create_app
from central.limits import ENROLL_ADDRESSES, EnrollBrake, client_address, parse_trusted_proxies
from tests.central.enrollment.helpers import enroll, refusal, signed_request

# --- the brake ---------------------------------------------------------------------------------


def braked_app(centre, proxies=None):
    centre.app = create_app(centre.engine, trusted_proxies=proxies or ())
    centre.create_store()
    return centre


def guess(centre, peer: str, forwarded_for: str | None = None) -> str:
    headers = {"X-Forwarded-For": forwarded_for} if forwarded_for else {}
    body = signed_request("AAAA-BBBB-CCCC")
    return enroll(centre, body, peer=peer, headers=headers).json()["code"]


def test_a_forged_forwarded_for_from_an_untrusted_peer_is_ignored(central):
    braked_app(central, proxies="10.0.0.1")
    codes = [guess(central, "203.0.113.9", f"198.51.100.{i}") for i in range(12)]
    assert codes == ["enroll.bad_code"] * 10 + ["enroll.too_many_attempts"] * 2
    forwarded = {"Forwarded": "for=198.51.100.77"}
    answer = enroll(central, signed_request("AAAA-BBBB-CCCC"), "203.0.113.9", forwarded)
    assert answer.json()["code"] == "enroll.too_many_attempts"


def test_a_trusted_proxy_is_believed_about_its_client(central):
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


def test_attempts_from_many_addresses_meet_a_cap_on_all_of_them(central):
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


def test_the_centres_brake_has_a_bound_on_addresses(central):
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
