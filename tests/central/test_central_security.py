"""The centre's guards, each tried and refused: no token, a wrong token, another store's
operations, an oversized request, a flood of enrollment guesses."""

from fastapi.testclient import TestClient

from central.limits import MAX_BODY_BYTES, EnrollBrake
from tests.central.harness import central  # noqa: F401  (fixture)
from tests.central.test_central_api import DEVICE, _enroll


def test_every_endpoint_but_health_and_enroll_needs_a_token(central):  # noqa: F811
    client = TestClient(central.app)
    assert client.get("/v1/health").status_code == 200
    for method, path in (("post", "/v1/push"), ("get", "/v1/pull")):
        kwargs = {"json": {"operations": []}} if method == "post" else {}
        answer = getattr(client, method)(path, **kwargs)
        assert answer.status_code == 401, path
        assert answer.json()["code"].startswith("auth."), path


def test_an_oversized_request_is_refused_before_it_is_read(central):  # noqa: F811
    client, token = _enroll(central)
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    body = b'{"operations": [' + b" " * (MAX_BODY_BYTES + 10) + b"]}"
    answer = client.post("/v1/push", content=body, headers=headers)
    assert answer.status_code == 413
    assert answer.json()["code"] == "request.too_large"


def test_an_operation_for_another_store_is_rejected(central):  # noqa: F811
    client, token = _enroll(central)
    operation = {
        "id": "01900000-0000-7000-8000-0000000000f1",
        "device_id": DEVICE,
        "seq": 1,
        "type": "member.register",
        "version": 1,
        "payload": "{}",
        "payload_hash": "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a",
        "store_id": "01900000-0000-7000-8000-0000000000ff",  # not this device's store
        "device_time": "2026-03-01T10:00:00+00:00",
    }
    answer = client.post(
        "/v1/push", json={"operations": [operation]}, headers={"Authorization": f"Bearer {token}"}
    )
    [result] = answer.json()["results"]
    assert (result["result"], result["code"]) == ("rejected", "op.wrong_store")


def test_enrollment_guesses_are_braked(central):  # noqa: F811
    central.create_store()
    client = TestClient(central.app)
    guess = {
        "code": "AAAA-BBBB-CCCC",
        "device_id": DEVICE,
        "public_key": "11" * 32,
        "label": "1",
        "store_code": "T001",
    }
    codes = [client.post("/v1/enroll", json=guess).json()["code"] for _ in range(12)]
    assert codes[:10] == ["enroll.bad_code"] * 10
    assert codes[10:] == ["enroll.too_many_attempts"] * 2


def test_the_brake_lets_attempts_through_again_after_the_window():
    now = [0.0]
    brake = EnrollBrake(attempts=2, window=60, clock=lambda: now[0])
    assert brake.allow("a") and brake.allow("a") and not brake.allow("a")
    assert brake.allow("b")  # per address
    now[0] = 61
    assert brake.allow("a")
