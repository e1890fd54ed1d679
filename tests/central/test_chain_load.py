"""The chain load test's correctness part, small: two real centre processes (one uvicorn worker
each) over one PostgreSQL database, and counters of different stores sending through both
at the same instant. A coupon redeemed by two stores at once is one redemption and one
conflict; a batch sent twice at once is applied once; every operation is stored once."""

import asyncio
from datetime import UTC, datetime

import httpx
import pytest

from devkit.centre_server import Centre
from devkit.chain_setup import Database, coupon_issue, coupon_redeem, enroll, mixed_operation
from devkit.chain_setup import populate as populate_chain
from tests.central.harness import _pg_ok

pytestmark = pytest.mark.slow


@pytest.fixture
def chain():
    if not _pg_ok():
        pytest.skip("PostgreSQL is not reachable at 127.0.0.1:5432 (database test)")
    with Database("t_chain") as db:
        made = populate_chain(db.engine, 3, 20)
        counters = [enroll(db.engine, store, f"C{n}", members) for n, (store, members) in
                    enumerate(made)]  # fmt: skip
        centres = []
        try:
            centres = [Centre(db.url, 1), Centre(db.url, 1)]
            yield db, counters, [c.url for c in centres]
        finally:
            for centre in centres:
                centre.close()


async def _push_at_once(sends: list[tuple[str, object, list[dict]]]) -> list[list[dict]]:
    """Each (centre url, counter, operations) on its own connection, all at once."""
    clients = [httpx.AsyncClient(base_url=url, timeout=60) for url, _c, _o in sends]
    try:
        answers = await asyncio.gather(
            *(
                client.post("/v1/push", json={"operations": ops}, headers=counter.headers)
                for client, (_url, counter, ops) in zip(clients, sends, strict=True)
            )
        )
    finally:
        for client in clients:
            await client.aclose()
    assert all(a.status_code == 200 for a in answers), [a.text[:200] for a in answers]
    return [a.json()["results"] for a in answers]


def test_two_stores_redeeming_one_coupon_through_two_workers_give_one_redemption_and_one_conflict(
    chain,
):
    db, (issuer, first, second), (one, other) = chain
    at = datetime.now(UTC)
    coupons = []
    for _ in range(8):
        issued = coupon_issue(issuer, at)
        [results] = asyncio.run(_push_at_once([(one, issuer, [issued])]))
        assert results[0]["result"] == "applied"
        coupons.append(issuer.coupons.pop())
    for coupon_id, code in coupons:
        a = coupon_redeem(first, coupon_id, code, at)
        b = coupon_redeem(second, coupon_id, code, at)
        answers = asyncio.run(_push_at_once([(one, first, [a]), (other, second, [b])]))
        assert sorted(r[0]["result"] for r in answers) == ["applied", "conflict"]
        conflict = next(r[0] for r in answers if r[0]["result"] == "conflict")
        assert conflict["code"] == "coupon.redeemed_twice" and conflict["conflict_ids"]
    assert db.scalar("SELECT count(*) FROM coupon_redemption") == 8
    assert db.scalar("SELECT count(*) FROM conflict WHERE kind = 'coupon.redeemed_twice'") == 8


def test_a_batch_sent_twice_at_once_through_two_workers_is_applied_once(chain):
    db, (counter, _b, _c), (one, other) = chain
    at = datetime.now(UTC)
    sent = []
    for _ in range(3):
        ops = [mixed_operation(counter, counter.seq, at) for _ in range(40)]
        sent += [op["id"] for op in ops]
        answers = asyncio.run(_push_at_once([(one, counter, ops), (other, counter, ops)]))
        for mine, theirs in zip(*answers, strict=True):
            assert sorted([mine["result"], theirs["result"]]) == ["applied", "duplicate"]
    assert db.scalar(
        "SELECT count(*) FROM operation WHERE device_id = :d", d=counter.device_id
    ) == len(sent)
    assert db.scalar("SELECT count(DISTINCT id) FROM operation") == db.scalar(
        "SELECT count(*) FROM operation"
    )
    twice = (
        "SELECT count(*) FROM (SELECT op_id FROM points_entry GROUP BY op_id HAVING count(*) > 1) t"
    )
    assert db.scalar(twice) == 0
    earned = "SELECT count(*) FROM points_entry WHERE kind = 'earn'"
    earns = sum(1 for i in range(len(sent)) if i % 10 < 4)
    assert db.scalar(earned) == earns
