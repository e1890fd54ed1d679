"""The centre on its own: schema, authentication, per-operation answers, admin commands."""

import hashlib
import json
from datetime import UTC, datetime

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from fastapi.testclient import TestClient

from central.__main__ import main as central_cli
from central.models import metadata
from tests.central.hostile.counter import enroll_body

DEVICE = "01900000-0000-7000-8000-000000000001"
STORE_LOCAL = "01900000-0000-7000-8000-0000000000aa"


def _enroll(central) -> tuple[TestClient, str]:
    central.create_store()
    client = TestClient(central.app)
    body = enroll_body(
        central.enrollment_code(),
        device_id=DEVICE,
        label="1",
        store_id=STORE_LOCAL,
        store_code="T001",
    )
    answer = client.post("/v1/enroll", json=body)
    assert answer.status_code == 200, answer.text
    return client, answer.json()["token"]


def _op(seq: int, op_type: str, payload: dict, op_id: str | None = None, digest=None) -> dict:
    body = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return {
        "id": op_id or f"01900000-0000-7000-8000-{seq:012d}",
        "device_id": DEVICE,
        "seq": seq,
        "type": op_type,
        "version": 1,
        "payload": body,
        "payload_hash": digest or hashlib.sha256(body.encode()).hexdigest(),
        "store_id": STORE_LOCAL,
        "staff_id": None,
        "device_time": datetime(2026, 3, 1, 2, tzinfo=UTC).isoformat(),
    }


MEMBER = "01900000-0000-7000-8000-0000000000mm".replace("mm", "01")
PURCHASE_1, PURCHASE_2 = (
    "01900000-0000-7000-8000-0000000000c1",
    "01900000-0000-7000-8000-0000000000c2",
)


def _register(seq: int) -> dict:
    return _op(
        seq,
        "member.register",
        {
            "member_id": MEMBER,
            "member_no": "T001-1-000001",
            "name": "陈安娜",
            "mobile": "13800138000",
            "birth_month": 8,
            "birth_day": 12,
            "birth_year": None,
            "consent_marketing": False,
            "note": None,
            "home_store_id": STORE_LOCAL,
        },
    )


def _earn(seq: int, points: int, receipt="R1", purchase=PURCHASE_1) -> dict:
    return _op(
        seq,
        "points.earn",
        {
            "purchase_id": purchase,
            "receipt_no": receipt,
            "member_id": MEMBER,
            "gross_fen": 10_000,
            "discount_fen": 0,
            "points_cash_fen": 0,
            "coupon_id": None,
            "coupon_fen": 0,
            "paid_fen": 10_000,
            "categories": {},
            "points": points,
            "tier": "bronze",
            "birthday_month": False,
            "rule_version": 1,
            "at": datetime(2026, 3, 1, 2, tzinfo=UTC).isoformat(),
        },
    )


def test_migrations_build_exactly_the_models(central):
    with central.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    assert diff == []


def test_requests_without_a_valid_token_are_refused_with_a_code(central):
    client, token = _enroll(central)
    assert client.post("/v1/push", json={"operations": []}).json()["code"] == "auth.missing_token"
    bad = {"Authorization": f"Bearer {DEVICE}.wrong"}
    answer = client.get("/v1/pull", headers=bad)
    assert answer.status_code == 401 and answer.json()["code"] == "auth.bad_token"
    # The token is stored hashed: the secret itself is nowhere in the database.
    secret = token.split(".", 1)[1]
    assert central.scalar("SELECT count(*) FROM device WHERE token_hash = :t", t=secret) == 0


def test_each_operation_gets_its_own_answer_and_a_rejection_blocks_nothing(central):
    client, token = _enroll(central)
    auth = {"Authorization": f"Bearer {token}"}
    ops = [
        _register(1),
        _earn(2, 999),  # more than 100 yuan can earn: refused
        _earn(3, 100, receipt="R2", purchase=PURCHASE_2),
        _op(4, "member.visit", {"member_id": MEMBER}, digest="0" * 64),  # damaged
        _op(5, "no.such_type", {}),
    ]
    answer = client.post("/v1/push", json={"operations": ops}, headers=auth).json()
    got = [(r["seq"], r["result"], r["code"]) for r in answer["results"]]
    assert got == [
        (1, "applied", None),
        (2, "rejected", "points.not_earnable"),
        (3, "applied", None),
        (4, "rejected", "op.hash_mismatch"),
        (5, "rejected", "op.unknown_type"),
    ]
    assert answer["next_expected_seq"] == 6
    assert central.scalar("SELECT balance FROM member") == 100
    # The same id with another payload is refused; the same operation again is a duplicate.
    again = [_earn(3, 100, receipt="R2", purchase=PURCHASE_2), _earn(6, 50, receipt="R3")]
    again[1]["id"] = ops[0]["id"]
    answer = client.post("/v1/push", json={"operations": again}, headers=auth).json()
    got = [(r["result"], r["code"], r["original_result"]) for r in answer["results"]]
    assert got == [("duplicate", None, "applied"), ("rejected", "op.id_reused", None)]
    assert central.scalar("SELECT balance FROM member") == 100


def test_a_gap_in_the_sequence_is_answered_with_where_to_resume(central):
    client, token = _enroll(central)
    auth = {"Authorization": f"Bearer {token}"}
    answer = client.post("/v1/push", json={"operations": [_register(2)]}, headers=auth).json()
    assert answer["results"] == [] and answer["next_expected_seq"] == 1


def test_pull_pages_follow_the_cursor_and_the_docs_are_served(central):
    client, token = _enroll(central)
    auth = {"Authorization": f"Bearer {token}"}
    first = client.get("/v1/pull?after=0&limit=1", headers=auth).json()
    assert first["more"] and len(first["changes"]) == 1
    rest = client.get(f"/v1/pull?after={first['cursor']}&limit=100", headers=auth).json()
    kinds = [c["kind"] for c in first["changes"] + rest["changes"]]
    assert kinds == ["store", "trusted_key"] and not rest["more"]
    assert client.get("/openapi.json").json()["paths"]["/v1/push"]
    assert client.get("/docs").status_code == 200


def test_admin_commands_from_the_command_line(tmp_path, capsys):
    db = f"sqlite:///{tmp_path}/c.sqlite3"
    assert central_cli(["--db", db, "create-store", "S1", "一店"]) == 0
    assert central_cli(["--db", db, "enrollment-code", "S1"]) == 0
    assert "enrollment code for S1" in capsys.readouterr().out
    members = tmp_path / "m.csv"
    members.write_text(
        "member_no,name,mobile,birth_month,birth_day,tier,balance,home_store\n"
        "M1,王一,13900000001,1,2,gold,500,S1\nM2,李二,13900000002,3,4,bronze,0,S1\n",
        encoding="utf-8",
    )
    assert central_cli(["--db", db, "import-members", str(members)]) == 0
    rules = tmp_path / "rules.json"
    rules.write_text(json.dumps({"version": 2, "points_per_yuan": 2}), encoding="utf-8")
    assert central_cli(["--db", db, "load-rules", str(rules)]) == 0
    assert central_cli(["--db", db, "revoke-device", "nope"]) == 2
    out = capsys.readouterr()
    assert "2 members imported" in out.out and "device.not_found" in out.err
