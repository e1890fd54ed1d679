"""Pushes with several requests in flight keep the order and exactly-once: a model of the
centre's push rules (central/push.py: one device's operations applied only in sequence
order, under one lock; an id seen before is a duplicate; a gap ends the batch) behind a link
whose requests reach it in an order, and with fates, the test chooses: overtaking the one
before, refused, lost before the centre saw it, or lost after it applied it. Whatever
happens, every operation is applied once at the centre and marked once at the counter.
The real centre is at the end, with a flaky link and small batches."""

import collections
import threading
import time
from datetime import UTC, datetime

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from common.ids import new_id
from services.core.actor import Actor
from services.core.journal import insert_operation
from services.sync import push as sync
from services.sync.client import SyncError
from tests.central.harness import (  # noqa: F401  (fixtures)
    central_sqlite,
    make_counter,
)
from tests.factories import earn, register
from tests.integration.sync_helpers import FlakyTransport, local_balance, outbox, raw

AT = datetime(2026, 3, 1, 2, tzinfo=UTC)


class ModelCentre:
    def __init__(self, next_seq: int) -> None:
        self.next_seq = next_seq
        self.applied: dict[str, int] = {}
        self.applications: list[str] = []  # ids in the order applied: a repeat would show
        self.gaps = 0  # requests that arrived before the one they follow

    def push(self, operations: list[dict]) -> dict:
        results = []
        for env in sorted(operations, key=lambda e: e["seq"]):
            answer = {"id": env["id"], "seq": env["seq"], "code": None, "conflict_ids": []}
            if env["id"] in self.applied:
                results.append(answer | {"result": "duplicate", "original_result": "applied"})
            elif env["seq"] < self.next_seq:
                results.append(answer | {"result": "rejected", "code": "op.seq_taken"})
            elif env["seq"] > self.next_seq:
                self.gaps += 1
                break
            else:
                self.applied[env["id"]] = env["seq"]
                self.applications.append(env["id"])
                results.append(answer | {"result": "applied"})
                self.next_seq += 1
        return {
            "results": results,
            "next_expected_seq": self.next_seq,
            "server_time": datetime.now(UTC).isoformat(),
        }


class ScriptedLink:
    """A client whose waiting requests reach the centre one at a time (the centre's device
    lock) in the order `picks` chooses among those waiting, each with the next of `fates`."""

    def __init__(self, centre: ModelCentre, width: int, fates=(), picks=()) -> None:
        self.centre, self.width = centre, width
        self.fates, self.picks = collections.deque(fates), collections.deque(picks)
        self.cond = threading.Condition()
        self.waiting: list[object] = []
        self.chosen: object | None = None
        self.last_arrival = 0.0

    def push(self, operations, device_now=None, audit=None, queue=None) -> dict:
        me = object()
        with self.cond:
            self.waiting.append(me)
            self.last_arrival = time.monotonic()
            self.cond.notify_all()
            while self.chosen is not me:
                settled = time.monotonic() - self.last_arrival > 0.02
                if self.chosen is None and (len(self.waiting) >= self.width or settled):
                    many = len(self.waiting) > 1 and self.picks
                    self.chosen = self.waiting[
                        self.picks.popleft() % len(self.waiting) if many else 0
                    ]
                    self.cond.notify_all()
                    continue
                self.cond.wait(0.005)
            self.waiting.remove(me)
            try:
                fate = self.fates.popleft() if self.fates else "ok"
                if fate == "lost_before":
                    raise SyncError("sync.offline")
                if fate == "refused":
                    raise SyncError("sync.server_error")
                answer = self.centre.push(operations)
                if fate == "lost_after":
                    raise SyncError("sync.offline")
                return answer
            finally:
                self.chosen = None
                self.cond.notify_all()


def queue(counter, count: int) -> list[str]:
    """`count` visits in the outbox; their ids in sequence order."""
    conn = raw(counter)
    try:
        conn.execute("BEGIN IMMEDIATE")
        device_id, store_id = conn.execute("SELECT id, store_id FROM counter").fetchone()
        actor = Actor(None, "test", "system", store_id, device_id)
        before = conn.execute("SELECT coalesce(max(seq), 0) FROM outbox").fetchone()[0]
        for _ in range(count):
            payload = {
                "visit_id": new_id(),
                "member_id": new_id(),
                "source": "scan",
                "at": AT.isoformat(),
            }
            insert_operation(conn, actor, AT, "member.visit", payload)
        conn.execute("COMMIT")
    finally:
        conn.close()
    return [row[0] for row in outbox(counter) if row[1] > before]


def lowest_pending(counter) -> int | None:
    with raw(counter) as conn:
        return conn.execute("SELECT min(seq) FROM outbox WHERE state = 'pending'").fetchone()[0]


class MarkSpy:
    """Which rows each of the push's marks moved out of `pending`."""

    def __init__(self, counter, monkeypatch) -> None:
        self.marked: collections.Counter[str] = collections.Counter()
        mark = sync._mark

        def spy(writer, ops, results, now, answer):
            with raw(counter) as conn:
                waiting = {
                    op.id
                    for op in ops
                    if op.id in results
                    and conn.execute("SELECT state FROM outbox WHERE id = ?", (op.id,)).fetchone()[
                        0
                    ]
                    == "pending"
                }
            done = mark(writer, ops, results, now, answer)
            assert done == len(waiting)
            self.marked.update(waiting)
            return done

        monkeypatch.setattr(sync, "_mark", spy)


def push_until_done(counter, link, batch: int, in_flight: int, rounds: int = 80) -> list[str]:
    """Pushes again after each failure, as the cycles would; the failures' codes."""
    failures = []
    runtime = counter.runtime
    for _ in range(rounds):
        try:
            sync.push_pending(
                runtime.writer, runtime.reader, link, runtime.now, batch, None, in_flight
            )
        except SyncError as exc:
            assert exc.code in ("sync.offline", "sync.server_error"), exc.code  # never stalled
            failures.append(exc.code)
            continue
        if lowest_pending(counter) is None:
            return failures
    raise AssertionError("the outbox never emptied")


def assert_once_each(counter, centre: ModelCentre, spy: MarkSpy, ids: list[str]) -> None:
    assert centre.applications == ids  # each once, in sequence order
    assert all(spy.marked[i] == 1 for i in ids), spy.marked
    states = {row[0]: row[3] for row in outbox(counter)}
    assert {states[i] for i in ids} == {"applied"}


@pytest.fixture
def box(counter, monkeypatch):
    return counter, MarkSpy(counter, monkeypatch)


def test_a_batch_that_overtakes_the_one_before_goes_again_after_it(box):
    counter, spy = box
    ids = queue(counter, 30)
    centre = ModelCentre(lowest_pending(counter))
    # The probe alone, then the second batch of each pair reaches the centre first.
    link = ScriptedLink(centre, 2, picks=[1] * 10)
    assert push_until_done(counter, link, 5, 2) == []
    assert centre.gaps >= 1
    assert_once_each(counter, centre, spy, ids)


def test_a_refused_middle_batch_is_not_skipped_by_the_success_of_the_next(box):
    counter, spy = box
    ids = queue(counter, 30)
    centre = ModelCentre(lowest_pending(counter))
    # probe, batch 1 applied, batch 2 refused, batch 3 arrives after it (a gap).
    link = ScriptedLink(centre, 3, fates=["ok", "ok", "refused", "ok"])
    runtime = counter.runtime
    with pytest.raises(SyncError):
        sync.push_pending(runtime.writer, runtime.reader, link, runtime.now, 5, None, 3)
    states = [row[3] for row in outbox(counter) if row[0] in set(ids)]
    done = states.index("pending")
    assert set(states[done:]) == {"pending"}  # nothing after the refused batch is marked
    assert centre.applications == ids[:done]
    assert push_until_done(counter, link, 5, 3) == []
    assert_once_each(counter, centre, spy, ids)


def test_an_answer_lost_after_the_centre_applied_its_batch_is_deduped_on_the_retry(box):
    counter, spy = box
    ids = queue(counter, 24)
    centre = ModelCentre(lowest_pending(counter))
    link = ScriptedLink(centre, 2, fates=["ok", "ok", "lost_after", "ok", "lost_after"])
    assert push_until_done(counter, link, 4, 2) == ["sync.offline", "sync.offline"]
    assert_once_each(counter, centre, spy, ids)


FATES = st.sampled_from(["ok", "ok", "ok", "lost_before", "lost_after", "refused"])


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    count=st.integers(1, 40),
    batch=st.integers(1, 7),
    in_flight=st.integers(2, 4),
    fates=st.lists(FATES, max_size=25),
    picks=st.lists(st.integers(0, 3), max_size=25),
)
def test_whatever_the_interleaving_each_operation_is_applied_once_and_marked_once(
    box, count, batch, in_flight, fates, picks
):
    counter, spy = box
    ids = queue(counter, count)
    centre = ModelCentre(lowest_pending(counter))
    link = ScriptedLink(centre, in_flight, fates, picks)
    push_until_done(counter, link, batch, in_flight)
    assert_once_each(counter, centre, spy, ids)


@pytest.fixture
def central_fixture_for_counters(central_sqlite):
    central_sqlite.create_store()
    return central_sqlite


def test_the_real_centre_applies_each_once_with_batches_in_flight_over_a_flaky_link(
    central_fixture_for_counters, make_counter
):
    central = central_fixture_for_counters
    counter = make_counter()
    member = register(counter)
    for i in range(40):
        earn(counter, member.id, f"R{i}", 1_000 + i)
    transport = FlakyTransport(central.app, drop_request=0.15, drop_response=0.15)
    # Batches in flight draw from the odds in whatever order their threads run, so one
    # answer is always lost as well: the run is never a lucky one without a lost answer.
    transport.lose_answer_calls = {3}
    counter.http = lambda _url: httpx.Client(base_url="http://testserver", transport=transport)
    for _ in range(60):
        report = counter.cycle(push_batch=4, push_in_flight=3)
        if report.ok and report.pending == 0:
            break
    assert report.ok and report.pending == 0
    assert transport.lost_answers > 0
    sent = {row[0]: row[2] for row in outbox(counter)}
    at_centre = central.rows(
        "SELECT id, payload_hash FROM operation WHERE device_id = :d ORDER BY seq",
        d=counter.device_id,
    )
    assert len(at_centre) == len(sent) == 41  # the registration and 40 earns, each once
    assert dict(at_centre) == sent
    assert [row[0] for row in at_centre] == [row[0] for row in outbox(counter)]  # in order
    assert central.scalar("SELECT balance FROM member WHERE id = :m", m=member.id) == (
        local_balance(counter, member.id)
    )
