"""The local POS interface: each refusal by its stable code, a sale quoted by the same
service as a typed one, confirmed once by the till or the cashier, and an earn made
through it recorded exactly as one typed at the counter."""

import json
import re

import pytest
from fastapi.testclient import TestClient

from services import points
from services.core.actor import Actor
from services.core.repository import TextStatements
from services.core.setup import NewCounter, set_up_counter
from services.members.accounts import NewMember, register_member
from services.pos import PosDesk
from services.pos.endpoint import MAX_BODY, build_app
from tests.conftest import MANAGER_NAME, MANAGER_PIN, STORE_CODE, STORE_NAME, SetUpCounter
from tests.templates import open_migrated_counter

TOKEN = "t0ken-for-the-till"
MOBILE = "13800138000"
LOCAL = ("127.0.0.1", 50123)


@pytest.fixture
def shop(counter):
    cashier = counter.make_cashier()
    member = register_member(
        counter.runtime.writer(),
        counter.manager,
        counter.runtime.now(),
        NewMember("孙丽", MOBILE, 5, 20, 1988),
    )
    rt = counter.runtime
    desk = PosDesk(rt.reader, rt.writer, rt.now, lambda: cashier)
    return desk, cashier, member


def client_for(desk, host=LOCAL, loopback_only=True):
    return TestClient(build_app(desk, lambda: TOKEN, loopback_only), client=host)


def call(client, method, path, body=None, token=TOKEN, raw=None):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    if raw is not None:
        return client.request(method, path, content=raw, headers=headers)
    return client.request(method, path, json=body, headers=headers)


SALE = {
    "receipt": "R-1001",
    "amount_fen": 123456,
    "lines": [{"category": "electronics", "amount_fen": 100000}],
    "member": MOBILE,
}


def test_a_posted_sale_is_quoted_as_the_points_page_quotes_it(shop, counter):
    desk, _cashier, member = shop
    answer = call(client_for(desk), "POST", "/sales", SALE)
    assert answer.status_code == 200, answer.text
    body = answer.json()
    q = points.quote(
        counter.runtime.reader(),
        member.id,
        123456,
        {"electronics": 100000},
        0,
        counter.runtime.now(),
    )
    assert (body["points"], body["discount_fen"], body["paid_fen"]) == (
        q.points.total,
        q.discount_fen,
        q.paid_fen,
    )
    assert body["status"] == "pending" and body["member_name"] == "孙丽"
    assert [s.id for s in desk.waiting()] == [body["sale_id"]]


def test_confirm_records_one_earn_and_a_second_confirm_is_refused(shop, counter):
    desk, _cashier, member = shop
    client = client_for(desk)
    sale_id = call(client, "POST", "/sales", SALE).json()["sale_id"]
    done = call(client, "POST", f"/sales/{sale_id}/confirm")
    assert done.status_code == 200, done.text
    assert done.json()["status"] == "confirmed" and done.json()["balance"] > 0
    again = call(client, "POST", f"/sales/{sale_id}/confirm")
    assert (again.status_code, again.json()["code"]) == (409, "pos.sale_settled")
    history = points.history(counter.runtime.reader(), member.id)
    assert [line.kind for line in history].count("earn") == 1


def test_cancel_records_nothing(shop, counter):
    desk, _cashier, member = shop
    client = client_for(desk)
    sale_id = call(client, "POST", "/sales", SALE).json()["sale_id"]
    assert call(client, "POST", f"/sales/{sale_id}/cancel").json()["status"] == "cancelled"
    assert points.history(counter.runtime.reader(), member.id) == []
    assert desk.waiting() == []


@pytest.mark.parametrize(
    ("kwargs", "host", "status", "code"),
    [
        ({"token": None}, LOCAL, 401, "pos.token_missing"),
        ({"token": "guess"}, LOCAL, 401, "pos.token_wrong"),
        ({}, ("192.168.1.20", 50123), 403, "pos.not_loopback"),
        ({"raw": b"x" * (MAX_BODY + 1)}, LOCAL, 413, "pos.body_too_large"),
        ({"raw": b'{"receipt": "R-1", "amount_fen": '}, LOCAL, 400, "pos.bad_json"),
        ({"raw": "收银".encode("gb18030")}, LOCAL, 400, "pos.bad_json"),
        ({"body": {**SALE, "amount_fen": 12.5}}, LOCAL, 422, "pos.bad_sale"),
        ({"body": {**SALE, "amount_fen": "1000"}}, LOCAL, 422, "pos.bad_sale"),
        ({"body": {**SALE, "receipt": "R 1/2"}}, LOCAL, 422, "pos.bad_sale"),
        ({"body": {**SALE, "extra": 1}}, LOCAL, 422, "pos.bad_sale"),
        ({"body": {**SALE, "member": "13900000000"}}, LOCAL, 404, "member.not_found"),
        (
            {"body": {**SALE, "lines": [{"category": "food", "amount_fen": 200000}]}},
            LOCAL,
            422,
            "purchase.bad_categories",
        ),
    ],
)
def test_refusals_have_stable_codes_and_change_nothing(shop, counter, kwargs, host, status, code):
    desk, _cashier, member = shop
    kwargs = {"body": SALE, **kwargs}
    answer = call(client_for(desk, host), "POST", "/sales", **kwargs)
    assert (answer.status_code, answer.json()["code"]) == (status, code)
    assert answer.json()["message"] and answer.json()["message_zh"]
    assert desk.waiting() == []
    assert points.history(counter.runtime.reader(), member.id) == []


def test_a_receipt_already_earned_on_is_refused_as_a_duplicate(shop, counter):
    desk, cashier, member = shop
    rt = counter.runtime
    points.earn(rt.writer(), cashier, rt.now(), member.id, "R-1001", 5000, {})
    answer = call(client_for(desk), "POST", "/sales", SALE)
    assert (answer.status_code, answer.json()["code"]) == (409, "purchase.duplicate_receipt")
    second = call(client_for(desk), "POST", "/sales", {**SALE, "receipt": "R-1002"})
    assert second.status_code == 200
    third = call(client_for(desk), "POST", "/sales", {**SALE, "receipt": "r-1002"})
    assert third.json()["code"] == "purchase.duplicate_receipt"  # waiting already


def test_a_lan_binding_takes_callers_from_the_lan(shop):
    desk, _cashier, _member = shop
    answer = call(client_for(desk, ("192.168.1.20", 50123), False), "POST", "/sales", SALE)
    assert answer.status_code == 200


def test_the_openapi_document_lists_the_routes_without_a_token(shop):
    desk, _cashier, _member = shop
    spec = client_for(desk).get("/openapi.json").json()
    assert {"/sales", "/sales/{sale_id}/confirm", "/sales/{sale_id}/cancel"} <= set(spec["paths"])


# byte for byte -----------------------------------------------------------------------------
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _rows(runtime) -> list[str]:
    """The ledger, purchase and outbox rows as text, each id replaced by its order of first
    appearance (ids are random; everything else must match to the byte)."""
    with runtime.reader() as uow:
        db = TextStatements(uow)
        out = []
        for table, skip in (("points_entry", ()), ("purchase", ()), ("outbox", ("payload_hash",))):
            cursor = db.execute(f"SELECT * FROM {table} ORDER BY rowid")
            names = [d[0] for d in cursor.description]
            for row in cursor.fetchall():
                kept = {n: v for n, v in zip(names, row, strict=True) if n not in skip}
                out.append(table + " " + json.dumps(kept, ensure_ascii=False, default=str))
    seen: dict[str, str] = {}
    return [_UUID.sub(lambda m: seen.setdefault(m.group(0), f"<id{len(seen)}>"), r) for r in out]


def _fresh_counter(path, clock) -> tuple[SetUpCounter, object, object]:
    runtime = open_migrated_counter(path, clock)
    identity, manager = set_up_counter(
        runtime.writer(),
        NewCounter(STORE_NAME, STORE_CODE, "1", MANAGER_NAME, MANAGER_PIN),
        clock.now(),
    )
    actor = Actor(manager.id, manager.name, manager.role, identity.store_id, identity.device_id)
    counter = SetUpCounter(runtime, identity, actor, MANAGER_PIN)
    cashier = counter.make_cashier()
    member = register_member(
        runtime.writer(), actor, clock.now(), NewMember("孙丽", MOBILE, 5, 20, 1988)
    )
    return counter, cashier, member


def test_an_earn_through_the_endpoint_is_byte_for_byte_a_typed_one(tmp_path, clock):
    typed, cashier_a, member_a = _fresh_counter(tmp_path / "typed", clock)
    posted, cashier_b, _member_b = _fresh_counter(tmp_path / "posted", clock)
    try:
        rt = typed.runtime
        # What the Points page calls on Enter: amount and categories typed, no coupon.
        points.earn(
            rt.writer(),
            cashier_a,
            rt.now(),
            member_a.id,
            "R-1001",
            123456,
            {"electronics": 100000},
            0,
            None,
            False,
        )
        prt = posted.runtime
        desk = PosDesk(prt.reader, prt.writer, prt.now, lambda: cashier_b)
        client = client_for(desk)
        sale_id = call(client, "POST", "/sales", SALE).json()["sale_id"]
        assert call(client, "POST", f"/sales/{sale_id}/confirm").status_code == 200
        typed_rows, posted_rows = _rows(typed.runtime), _rows(posted.runtime)
        assert any(r.startswith("points_entry") for r in typed_rows)
        assert any(r.startswith("outbox") and "points.earn" in r for r in typed_rows)
        assert posted_rows == typed_rows
    finally:
        typed.runtime.close()
        posted.runtime.close()
