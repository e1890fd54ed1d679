"""Counters and one centre over loopback (in-process ASGI, and one real socket), on SQLite
and PostgreSQL: enrollment, push exactly once, pull with a cursor, conflicts, revocation."""

import pytest
from sqlalchemy import text

from services import sync
from services.points.ledger import balance_problems
from services.sync.client import SyncError
from tests.central.harness import (  # noqa: F401  (fixtures)
    LiveServer,
    central,
    central_fixture_for_counters,
    make_counter,
)
from tests.factories import earn, register
from tests.integration.sync_helpers import (
    FlakyTransport,
    bulk_visit_bonuses,
    exchange,
    flaky_http,
    local_balance,
    outbox,
)


def ledger_count(central) -> int:
    return central.scalar("SELECT count(*) FROM operation")


def centre_balance(central, member_id) -> int:
    return central.scalar("SELECT balance FROM member WHERE id = :m", m=member_id)


def test_enrolled_counter_pushes_once_and_another_counter_pulls_the_member(central, make_counter):
    central.create_store()
    a = make_counter("1")
    member = register(a)
    earn(a, member.id, "R1", 12_345)  # 123 points
    report = a.cycle()
    assert report.ok and report.pending == 0
    ops = outbox(a)
    assert {state for *_x, state, _t, _c in ops} == {"applied"}
    assert ledger_count(central) == len(ops)
    assert centre_balance(central, member.id) == 123

    b = make_counter("2")
    assert b.cycle().ok
    assert local_balance(b, member.id) == 123
    with b.runtime.reader() as uow:
        assert balance_problems(uow) == []
    # B trusts A's key now: a card A printed can be checked at B.
    assert central.scalar("SELECT count(*) FROM device") == 2


def test_a_batch_whose_answer_is_lost_changes_nothing_when_sent_again(central, make_counter):
    central.create_store()
    a = make_counter("1")
    member = register(a)
    earn(a, member.id, "R1", 50_000)
    transport = FlakyTransport(central.app)
    # The first push (one operation, to learn where the centre stands) is answered; the
    # second reaches the centre, but its answer does not.
    transport.lose_answer_calls = {2}
    report = sync.run_cycle(
        a.runtime.writer, a.runtime.reader, a.runtime.now, flaky_http(central.app, transport)
    )
    assert report.error_code == "sync.offline"
    assert [row[3] for row in outbox(a)] == ["applied", "pending"]
    applied_once = ledger_count(central)
    balance_once = centre_balance(central, member.id)
    assert applied_once == len(outbox(a)) and balance_once == 500

    report = a.cycle()
    assert report.ok and report.pushed.duplicate == 0 and report.pushed.applied == 1
    assert ledger_count(central) == applied_once
    assert centre_balance(central, member.id) == 500
    assert central.scalar("SELECT count(*) FROM points_entry") == 1
    assert {row[3] for row in outbox(a)} == {"applied"}


def test_a_connection_cut_mid_batch_loses_nothing(central, make_counter):
    central.create_store()
    a = make_counter("1")
    member = register(a)
    for i in range(9):
        earn(a, member.id, f"R{i}", 10_000)
    total = len(outbox(a))
    transport = FlakyTransport(central.app)
    # The first operation alone, then a batch of 5 arrive; the third request never does.
    transport.fail_calls = {3}
    http = flaky_http(central.app, transport)
    report = sync.run_cycle(a.runtime.writer, a.runtime.reader, a.runtime.now, http, push_batch=5)
    assert report.error_code == "sync.offline"
    assert ledger_count(central) == 6
    assert sum(1 for row in outbox(a) if row[3] == "pending") == total - 6
    assert a.cycle(push_batch=5).ok
    assert ledger_count(central) == total
    assert centre_balance(central, member.id) == 900
    ids = central.rows("SELECT id FROM operation")
    assert sorted(r[0] for r in ids) == sorted(row[0] for row in outbox(a))


def test_one_coupon_redeemed_at_two_offline_counters_is_one_redemption_and_one_conflict(
    central, make_counter
):
    central.create_store("S1", "一店")
    central.create_store("S2", "二店")
    a = make_counter("1", "S1")
    member = register(a)
    earn(a, member.id, "R1", 30_000)
    [coupon] = exchange(a, member.id, 100)
    assert a.cycle().ok
    b = make_counter("1", "S2")
    assert b.cycle().ok  # B now knows the member and trusts A's key
    # Both go offline and accept the same coupon.
    earn(a, member.id, "A2", 5_000, coupon=coupon.payload)
    earn(b, member.id, "B2", 5_000, coupon=coupon.payload)
    assert a.cycle().ok
    assert b.cycle().ok
    assert a.cycle().ok
    assert central.scalar("SELECT count(*) FROM coupon_redemption") == 1
    assert central.scalar("SELECT count(*) FROM conflict") == 1
    assert central.scalar("SELECT kind FROM conflict") == "coupon.redeemed_twice"
    b_redeem = [row for row in outbox(b) if row[4] == "coupon.redeem"]
    assert [(r[3], r[5]) for r in b_redeem] == [("conflict", "coupon.redeemed_twice")]
    for counter in (a, b):
        [conflict] = sync.list_conflicts(counter.runtime.reader)
        assert conflict.kind == "coupon.redeemed_twice" and conflict.status == "open"
        assert sorted(conflict.stores) == ["一店", "二店"]

    # A manager at B resolves it with a reason; both counters learn it is settled.
    sync.resolve_conflict(b.runtime.writer, b.manager, b.runtime.now(), conflict.id, "顾客补差价")
    assert b.cycle().ok and a.cycle().ok
    for counter in (a, b):
        [conflict] = sync.list_conflicts(counter.runtime.reader)
        assert conflict.status == "resolved" and conflict.resolution == "顾客补差价"


def test_two_stores_overdrawing_one_member_end_with_arrears_and_a_conflict(central, make_counter):
    central.create_store("S1", "一店")
    central.create_store("S2", "二店")
    a = make_counter("1", "S1")
    member = register(a)
    earn(a, member.id, "R1", 30_000)  # 300 points
    assert a.cycle().ok
    b = make_counter("1", "S2")
    assert b.cycle().ok and local_balance(b, member.id) == 300
    exchange(a, member.id, 200)  # both offline, both hand over 200 points' worth
    exchange(b, member.id, 200)
    assert a.cycle().ok and b.cycle().ok and a.cycle().ok
    assert centre_balance(central, member.id) == -100
    assert central.scalar("SELECT redeem_blocked FROM member WHERE id = :m", m=member.id)
    assert central.scalar("SELECT kind FROM conflict") == "points.over_redeemed"
    for counter in (a, b):
        [conflict] = sync.list_conflicts(counter.runtime.reader)
        assert conflict.kind == "points.over_redeemed" and conflict.detail["arrears"] == 100
        assert local_balance(counter, member.id) == -100  # the arrears, shown everywhere
        with counter.runtime.reader() as uow:
            from services.sync.apply import redemption_blocked

            assert redemption_blocked(uow, member.id)
            assert balance_problems(uow) == []
    # New points pay the arrears first; the block lifts when they are settled.
    earn(a, member.id, "R9", 20_000)
    assert a.cycle().ok and b.cycle().ok
    assert centre_balance(central, member.id) == 100
    with b.runtime.reader() as uow:
        from services.sync.apply import redemption_blocked

        assert not redemption_blocked(uow, member.id)


def test_a_revoked_device_is_refused_and_keeps_its_operations(central, make_counter):
    central.create_store()
    a = make_counter("1")
    register(a)
    central.revoke(a.device_id)
    report = a.cycle()
    assert report.error_code == "device.revoked"
    assert ledger_count(central) == 0
    assert {row[3] for row in outbox(a)} == {"pending"}
    assert sync.load_state(a.runtime.reader).last_error == "device.revoked"
    # A revoked counter may be a stolen one: it forgets the people it knew, once.
    with a.runtime.reader() as uow:
        names = uow.session.execute(text("SELECT name, mobile FROM member")).all()
        wiped = uow.session.execute(
            text("SELECT count(*) FROM audit_log WHERE action = 'privacy.wiped'")
        ).scalar()
    assert names == [("（已清除）", "x0000000001")] and wiped == 1
    a.cycle()
    with a.runtime.reader() as uow:
        again = uow.session.execute(
            text("SELECT count(*) FROM audit_log WHERE action = 'privacy.wiped'")
        ).scalar()
    assert again == 1


def test_an_enrollment_code_works_once(central, make_counter):
    central.create_store()
    code = central.enrollment_code()
    make_counter("1", enroll=False).enroll(central, code)
    second = make_counter("2", enroll=False)
    try:
        second.enroll(central, code)
    except SyncError as error:
        assert error.code == "enroll.code_used"
    else:
        raise AssertionError("a used code enrolled a second counter")
    assert sync.load_state(second.runtime.reader) is None


# 20,000 is CI's slow step; 4,000 still goes in several batches in the default run.
@pytest.mark.parametrize("count", [pytest.param(20_000, marks=pytest.mark.slow), 4_000])
def test_a_counter_offline_with_20000_operations_catches_up_exactly_once(
    central, make_counter, count
):
    central.create_store()
    a = make_counter("1")
    member = register(a)
    bulk_visit_bonuses(a, member.id, count)
    report = a.cycle(push_batch=1000)
    assert report.ok and report.pending == 0
    assert ledger_count(central) == count + 1
    assert centre_balance(central, member.id) == count // 2
    assert a.cycle().pushed.sent == 0


def test_a_real_socket_round_trip(central, make_counter, tmp_path):
    central.create_store()
    with LiveServer(central.app) as server:
        a = make_counter("1", enroll=False)
        a.http = None  # the real httpx client, over TCP
        sync.enroll(
            a.runtime.writer, a.manager, a.runtime.now(), server.url, central.enrollment_code()
        )
        member = register(a)
        earn(a, member.id, "R1", 10_000)
        assert a.cycle().ok
        assert centre_balance(central, member.id) == 100
    report = a.cycle()  # the server is gone: offline, nothing lost
    assert report.error_code == "sync.offline"
    assert sync.load_state(a.runtime.reader).online is False


def test_large_operations_go_in_requests_under_the_centres_size_cap(central, make_counter):
    import httpx
    from fastapi.testclient import TestClient

    from common.ids import new_id
    from services.core.actor import Actor
    from services.core.journal import insert_operation
    from tests.integration.sync_helpers import AT, raw

    central.create_store()
    a = make_counter("1")
    member = register(a)
    conn = raw(a)  # 200 draws among 500 long names each: 18 MB in all, over the 8 MB cap
    conn.execute("BEGIN IMMEDIATE")
    device_id, store_id = conn.execute("SELECT id, store_id FROM counter").fetchone()
    actor = Actor(None, "test", "system", store_id, device_id)
    for i in range(200):
        entrants = [f"m:{member.id}"] + [f"g:{i:03d}{j:03d}" + "会" * 24 for j in range(499)]
        payload = {
            "draw_id": new_id(),
            "event_id": new_id(),
            "round": 1,
            "prize": "奖",
            "seed": "s",
            "entrants": entrants,
            "entrants_hash": "0" * 64,
            "winners": entrants[:1],
            "at": AT.isoformat(),
        }
        insert_operation(conn, actor, AT, "event.draw", payload)
    conn.execute("COMMIT")
    conn.close()

    inner = TestClient(central.app)._transport
    sizes: list[int] = []

    class Recording(httpx.BaseTransport):
        def handle_request(self, request: httpx.Request) -> httpx.Response:
            sizes.append(len(request.read()))
            return inner.handle_request(request)

    def http(_url):
        return httpx.Client(base_url="http://testserver", transport=Recording())

    rt = a.runtime
    report = sync.run_cycle(rt.writer, rt.reader, rt.now, http)
    assert report.ok, report.error_code
    assert report.pushed.applied == 200 + 1  # and the registration
    assert len(sizes) > 3 and max(sizes) < 8 * 1024 * 1024
    assert ledger_count(central) == 201
