"""The centre as a trust boundary: each operation's payload is checked against its type's
schema (services.protocol) before any handler reads it. A bad payload is that operation's
`rejected` result, never a 5xx, and the rest of the batch is applied."""

import hashlib
import json
import re

import pytest
from fastapi.testclient import TestClient

from central.push import HANDLERS, RECORD_ONLY
from services.protocol import CHANGE_KINDS, OPERATION_TYPES, limits
from tests.central.harness import central  # noqa: F401  (fixture)
from tests.central.test_central_api import DEVICE, STORE_LOCAL, _enroll

AT = "2026-03-01T02:00:00+00:00"


def _id(n: int) -> str:
    return f"01900000-0000-7000-8000-{n:012d}"


def _member(n: int, **changes) -> dict:
    return {
        "member_id": _id(1000 + n),
        "member_no": f"T001-1-{n:06d}",
        "name": "王芳",
        "mobile": f"139{n:08d}",
        "birth_month": 5,
        "birth_day": 20,
        "birth_year": None,
        "consent_marketing": False,
        "note": None,
        "home_store_id": STORE_LOCAL,
    } | changes


def _envelope(seq: int, op_type: str, text: str, version: int = 1) -> dict:
    return {
        "id": _id(seq),
        "device_id": DEVICE,
        "seq": seq,
        "type": op_type,
        "version": version,
        "payload": text,
        "payload_hash": hashlib.sha256(text.encode("utf-8")).hexdigest(),
        "store_id": STORE_LOCAL,
        "staff_id": None,
        "device_time": AT,
    }


def _canonical(payload: dict) -> str:
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


# (what is wrong, type, payload text, version, expected code)
BAD = [
    ("NaN", "member.register", _canonical(_member(2)).replace('"birth_day":20', '"birth_day":NaN')),
    ("Infinity", "member.register", _canonical(_member(3)).replace(":20,", ":Infinity,")),
    ("2**64", "member.register", _canonical(_member(4, birth_day=2**64))),
    ("a float", "member.register", _canonical(_member(5)).replace(":20,", ":20.0,")),
    ("a bool for an int", "member.register", _canonical(_member(6, birth_day=True))),
    ("a numeric string", "member.register", _canonical(_member(7, birth_day="20"))),
    ("NUL", "member.register", _canonical(_member(8, name="王\x00芳"))),
    ("a 10,000-character name", "member.register", _canonical(_member(9, name="王" * 10_000))),
    ("birth month 13", "member.register", _canonical(_member(10, birth_month=13))),
    ("31 February", "member.register", _canonical(_member(11, birth_month=2, birth_day=31))),
    ("an unknown field", "member.register", _canonical(_member(12, is_admin=True))),
    ("a missing field", "member.register", _canonical({"member_id": _id(1013)})),
    ("a bad id", "member.register", _canonical(_member(14, member_id="x" * 36))),
    ("a duplicate key", "member.register", _canonical(_member(15))[:-1] + ',"name":"李四"}'),
    ("not an object", "member.register", "[1, 2]"),
    ("not JSON", "member.register", "{"),
    (
        "a year-9999 time",
        "member.visit",
        _canonical(
            {
                "visit_id": _id(2001),
                "member_id": _id(1001),
                "source": "scan",
                "at": "9999-01-01T00:00:00+00:00",
            }
        ),
    ),
]


def _post(client, token, operations):
    return client.post(
        "/v1/push", json={"operations": operations}, headers={"Authorization": f"Bearer {token}"}
    )


def test_bad_payloads_are_rejected_one_by_one_and_the_rest_of_the_batch_applied(central):  # noqa: F811
    client, token = _enroll(central)
    operations = [_envelope(1, "member.register", _canonical(_member(1)))]
    for _what, op_type, text in BAD:
        operations.append(_envelope(len(operations) + 1, op_type, text))
    visit = {"visit_id": _id(2000), "member_id": _id(1001), "source": "scan", "at": AT}
    operations.append(_envelope(len(operations) + 1, "member.visit", _canonical(visit)))

    answer = _post(client, token, operations)

    assert answer.status_code == 200, answer.text
    results = answer.json()["results"]
    assert [r["result"] for r in results] == ["applied"] + ["rejected"] * len(BAD) + ["applied"]
    for (what, _t, _p), result in zip(BAD, results[1:-1], strict=True):
        assert result["code"] == "op.bad_payload", what
    assert central.scalar("SELECT count(*) FROM member") == 1
    assert central.scalar("SELECT count(*) FROM operation") == len(operations)


def test_an_unknown_type_and_an_unknown_version_are_rejected_with_their_codes(central):  # noqa: F811
    client, token = _enroll(central)
    visit = _canonical({"visit_id": _id(2000), "member_id": _id(1001), "source": "scan", "at": AT})
    operations = [
        _envelope(1, "member.teleport", visit),
        _envelope(2, "member.visit", visit, version=2),
        _envelope(3, "member.visit", visit),
    ]
    results = _post(client, token, operations).json()["results"]
    assert [(r["result"], r["code"]) for r in results] == [
        ("rejected", "op.unknown_type"),
        ("rejected", "op.unsupported_version"),
        ("applied", None),
    ]


def test_an_nps_answer_is_validated_and_recorded(central):  # noqa: F811
    client, token = _enroll(central)
    answer = {
        "response_id": _id(3000),
        "score": 9,
        "comment": "好",
        "member_id": None,
        "reference": None,
        "at": AT,
    }
    operations = [
        _envelope(1, "nps.record", _canonical(answer)),
        _envelope(2, "nps.record", _canonical(answer | {"response_id": _id(3001), "score": 11})),
    ]
    results = _post(client, token, operations).json()["results"]
    assert [(r["result"], r["code"]) for r in results] == [
        ("applied", None),
        ("rejected", "op.bad_payload"),
    ]


ENVELOPE_FAULTS = [
    ("seq 0", {"seq": 0}),
    ("seq 2**63", {"seq": 2**63}),
    ("seq as text", {"seq": "1"}),
    ("seq as a bool", {"seq": True}),
    ("an id that is not a UUID", {"id": "x" * 36}),
    ("a long store id", {"store_id": "s" * 5000}),
    ("a staff id that is not a UUID", {"staff_id": "manager"}),
    ("a type that is not a dotted name", {"type": "DROP TABLE"}),
    ("a long type", {"type": "a." + "b" * 100}),
    ("a hash in capitals", {"payload_hash": "A" * 64}),
    ("a device time in year 1", {"device_time": "0001-01-01T00:00:00+00:00"}),
    ("a device time as a number", {"device_time": 1_700_000_000}),
    ("a version of 2**40", {"version": 2**40}),
    ("a raw NUL in the payload text", {"payload": '{"a":"\x00"}'}),
]


@pytest.mark.parametrize(("what", "change"), ENVELOPE_FAULTS, ids=[f[0] for f in ENVELOPE_FAULTS])
def test_an_envelope_the_database_could_not_store_is_refused_whole(central_sqlite, what, change):
    client, token = _enroll(central_sqlite)
    visit = _canonical({"visit_id": _id(2000), "member_id": _id(1001), "source": "scan", "at": AT})
    answer = _post(client, token, [_envelope(1, "member.visit", visit) | change])
    assert answer.status_code == 422, what
    assert central_sqlite.scalar("SELECT count(*) FROM operation") == 0


def test_every_type_the_protocol_knows_has_a_handler_or_is_record_only():
    missing = sorted(t for t in OPERATION_TYPES if t not in HANDLERS and t not in RECORD_ONLY)
    assert missing == []
    # and nothing is handled that the protocol cannot validate
    assert sorted((set(HANDLERS) | RECORD_ONLY) - OPERATION_TYPES) == []


def test_the_openapi_document_carries_every_payload_and_change_schema(central_sqlite):
    doc = TestClient(central_sqlite.app).get("/openapi.json").json()
    schemas = doc["components"]["schemas"]
    protocol = doc["x-sync-protocol"]
    assert {key.rsplit(".v", 1)[0] for key in protocol["payloads"]} == set(OPERATION_TYPES)
    assert set(protocol["changes"]) == set(CHANGE_KINDS)
    refs = set(re.findall(r'"#/components/schemas/([^"]+)"', json.dumps(doc)))
    assert refs <= set(schemas)  # every reference resolves
    earn = schemas[protocol["payloads"]["points.earn.v1"]["$ref"].rsplit("/", 1)[1]]
    assert earn["additionalProperties"] is False
    assert earn["properties"]["gross_fen"]["maximum"] == limits.MAX_FEN
