"""Business operations at a test counter, and ways to lose, cut and repeat HTTP traffic."""

import random
import sqlite3
from datetime import UTC, datetime

import httpx
from fastapi.testclient import TestClient

from common.ids import new_id
from models.db import database_path
from services.core.actor import Actor
from services.core.journal import insert_operation
from services.coupons import issue as coupons


def exchange(counter, member_id, pts):
    return coupons.exchange_points(
        counter.runtime.writer(), counter.manager, counter.runtime.now(), member_id, pts
    )


def raw(counter) -> sqlite3.Connection:
    return sqlite3.connect(database_path(counter.runtime.data_dir), isolation_level=None)


def outbox(counter) -> list[tuple]:
    with raw(counter) as conn:
        return conn.execute(
            "SELECT id, seq, payload_hash, state, op_type, result_code FROM outbox ORDER BY seq"
        ).fetchall()


def local_balance(counter, member_id) -> int:
    conn = raw(counter)
    try:
        return conn.execute(
            "SELECT points_balance FROM member WHERE id = ?", (member_id,)
        ).fetchone()[0]
    finally:
        conn.close()


def bulk_visit_bonuses(counter, member_id: str, count: int) -> None:
    """`count` operations written by `journal.insert_operation` in one transaction (the
    services would take minutes for 20,000): half visits, half one-point adjustments, so
    the centre's balance shows each was applied once."""
    conn = raw(counter)
    try:
        conn.execute("BEGIN IMMEDIATE")
        device_id, store_id = conn.execute("SELECT id, store_id FROM counter").fetchone()
        actor = Actor(None, "test", "system", store_id, device_id)
        for i in range(count):
            if i % 2:
                op_type = "points.adjust"
                payload = {
                    "member_id": member_id,
                    "delta": 1,
                    "reason": "测试补录",
                    "approved_by": device_id,
                    "rule_version": 1,
                }
            else:
                op_type = "member.visit"
                payload = {
                    "visit_id": new_id(),
                    "member_id": member_id,
                    "source": "scan",
                    "at": "2026-03-01T02:00:00+00:00",
                }
            insert_operation(conn, actor, AT, op_type, payload)
        conn.execute("COMMIT")
    finally:
        conn.close()


AT = datetime(2026, 3, 1, 2, tzinfo=UTC)


class FlakyTransport(httpx.BaseTransport):
    """Loses requests before the centre sees them, loses answers after it acted, sends
    requests twice, or fails the n-th request: whatever `plan` says for each call."""

    def __init__(self, app, rng: random.Random | None = None, **odds: float) -> None:
        self.inner = TestClient(app)._transport
        self.rng = rng or random.Random(0)
        self.odds = {"drop_request": 0.0, "drop_response": 0.0, "duplicate": 0.0} | odds
        self.fail_calls: set[int] = set()
        self.lose_answer_calls: set[int] = set()
        self.calls = 0
        self.lost_requests = 0
        self.lost_answers = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.calls += 1
        n = self.calls
        if n in self.fail_calls or self.rng.random() < self.odds["drop_request"]:
            self.lost_requests += 1
            raise httpx.ConnectError("dropped before the centre saw it")
        request.read()
        response = self.inner.handle_request(request)
        response.read()
        if self.rng.random() < self.odds["duplicate"]:
            self.inner.handle_request(request).read()
        if n in self.lose_answer_calls or self.rng.random() < self.odds["drop_response"]:
            self.lost_answers += 1
            raise httpx.ReadError("the answer was lost on the way back")
        return response


def flaky_http(app, transport: FlakyTransport):
    return lambda _url: httpx.Client(base_url="http://testserver", transport=transport)
