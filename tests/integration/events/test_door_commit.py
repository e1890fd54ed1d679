"""Group commit at the door: scans that wait behind a commit share the next one, and each
answer comes only after the commit that holds it; a refusal in a group touches no other
scan; a failed commit admits nobody."""

import threading
import time

import pytest

from services.core.errors import NotFoundError, StorageError
from services.events.door_commit import DoorCommitter
from services.events.signin import checked_scan
from services.protocol import codes
from services.rules import events as rules


class Scans:
    """Callers signing in from their own threads, as door lanes do."""

    def __init__(self, committer, writer, counter) -> None:
        self.committer, self.writer, self.counter = committer, writer, counter
        self.answers: dict[str, object] = {}
        self.threads: list[threading.Thread] = []

    def start(self, event_id: str, text: str, nonce: str) -> None:
        rt, actor = self.counter.runtime, self.counter.manager
        scan = checked_scan(actor, event_id, text, nonce)

        def call() -> None:
            try:
                self.answers[nonce] = self.committer.sign_in(self.writer, actor, rt.now(), scan)
            except Exception as exc:
                self.answers[nonce] = exc

        thread = threading.Thread(target=call)
        self.threads.append(thread)
        thread.start()

    def join(self) -> None:
        for thread in self.threads:
            thread.join(10)


def held_writer(counter, gate: threading.Event, fail: bool = False):
    """The counter's writer, whose first unit of work waits at its commit until `gate`
    (and then fails if `fail`)."""
    made = []

    def writer():
        uow = counter.runtime.writer()
        if not made:
            real = uow.commit

            def commit() -> None:
                assert gate.wait(10)
                if fail:
                    raise StorageError(codes.STORAGE_IO_ERROR)
                real()

            uow.commit = commit
        made.append(uow)
        return uow

    return writer


def wait_for(predicate) -> None:
    deadline = time.monotonic() + 10
    while not predicate():
        assert time.monotonic() < deadline
        time.sleep(0.005)


def test_waiting_scans_share_one_commit_and_answer_after_it(counter, db, setup):
    event_id, people = setup
    gate = threading.Event()
    writer = held_writer(counter, gate)
    committer = DoorCommitter()
    scans = Scans(committer, writer, counter)
    scans.start(event_id, people[0][1], "first")
    wait_for(lambda: committer._writing)  # the first scan's group is being written
    for nonce, text, event in (
        ("second", people[1][1], event_id),
        ("full", people[2][1], event_id),
        ("nowhere", people[2][1], "no-such-event"),
    ):
        scans.start(event, text, nonce)
    wait_for(lambda: len(committer._waiting) == 3)
    time.sleep(0.05)
    assert scans.answers == {}  # nobody is told "admitted" before the commit is durable
    assert db.count("event_signin") == 0
    gate.set()
    scans.join()
    assert scans.answers["first"].outcome == rules.ADMITTED
    assert scans.answers["second"].outcome == rules.ADMITTED
    assert scans.answers["full"].outcome != rules.ADMITTED  # capacity 2: the group saw both
    assert isinstance(scans.answers["nowhere"], NotFoundError)
    assert (committer.groups, committer.largest) == (2, 3)
    assert db.count("event_signin") == 2
    assert db.scalar("SELECT count(*) FROM outbox WHERE op_type = 'event.sign_in'") == 2


def test_a_failed_commit_admits_nobody_in_its_group(counter, db, setup):
    event_id, people = setup
    gate = threading.Event()
    outbox = db.count("outbox")
    writer = held_writer(counter, gate, fail=True)
    committer = DoorCommitter()
    scans = Scans(committer, writer, counter)
    scans.start(event_id, people[0][1], "a")
    wait_for(lambda: committer._writing)
    time.sleep(0.05)  # the first group is at its commit
    gate.set()
    scans.join()
    assert isinstance(scans.answers["a"], StorageError)
    assert db.count("event_signin") == 0 and db.count("outbox") == outbox
    again = Scans(committer, writer, counter)  # the next group writes again
    again.start(event_id, people[0][1], "a")
    again.join()
    assert again.answers["a"].outcome == rules.ADMITTED
    assert db.count("event_signin") == 1


def test_one_lane_is_answered_as_by_a_commit_per_scan(counter, db, setup):
    """Alone at the door, every group is one scan: same answers, same rows."""
    event_id, people = setup
    committer, actor, rt = DoorCommitter(), counter.manager, counter.runtime
    first = committer.sign_in(
        rt.writer, actor, rt.now(), checked_scan(actor, event_id, people[0][1], "x")
    )
    again = committer.sign_in(
        rt.writer, actor, rt.now(), checked_scan(actor, event_id, people[0][1], "x")
    )
    assert (first.outcome, first.points) == (rules.ADMITTED, 30)
    assert (again.signin_id, again.points) == (first.signin_id, 30)  # the retry: first answer
    assert (committer.groups, committer.largest) == (2, 1)
    with pytest.raises(NotFoundError):
        committer.sign_in(
            rt.writer, actor, rt.now(), checked_scan(actor, "nope", people[1][1], "y")
        )
