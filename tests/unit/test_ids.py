"""Device-made ids: UUIDv7, unique, in the order made, across threads and forks."""

import os
import threading
import time
import uuid

from common.ids import new_id, new_ids


def test_ids_are_uuid7_with_the_current_time():
    made = new_id()
    value = uuid.UUID(made)
    assert str(value) == made
    assert value.version == 7
    assert value.variant == uuid.RFC_4122
    assert abs(int(value.hex[:12], 16) / 1000 - time.time()) < 5


def test_ids_made_in_a_burst_are_unique_and_sort_in_the_order_made():
    ids = [new_id() for _ in range(50_000)]  # many per millisecond
    assert len(set(ids)) == len(ids)
    assert ids == sorted(ids)


def test_threads_never_share_an_id():
    made: list[list[str]] = [[] for _ in range(4)]

    def make(out: list[str]) -> None:
        out.extend(new_id() for _ in range(5_000))

    threads = [threading.Thread(target=make, args=(out,)) for out in made]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    every = [i for out in made for i in out]
    assert len(set(every)) == len(every) == 20_000


def test_a_forked_child_does_not_repeat_its_parents_ids():
    new_id()  # the parent has a pool of randomness drawn
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: the same clock, so only the randomness tells them apart
        os.close(read)
        os.write(write, ",".join(new_id() for _ in range(100)).encode())
        os._exit(0)
    os.close(write)
    parent = {new_id() for _ in range(100)}
    with os.fdopen(read) as pipe:
        child = set(pipe.read().split(","))
    os.waitpid(pid, 0)
    assert len(child) == 100
    # Same millisecond and count can happen; the random tail must still differ.
    assert {i[19:] for i in parent}.isdisjoint({i[19:] for i in child})


def test_ids_made_in_bulk_are_uuid7_unique_and_in_order_with_single_ones():
    before = new_id()
    bulk = new_ids(10_000)  # more than 4,096: runs over into later milliseconds
    after = new_id()
    made = [before, *bulk, after]
    assert len(set(made)) == len(made)
    assert made == sorted(made)
    for value in (bulk[0], bulk[4_097], bulk[-1]):
        parsed = uuid.UUID(value)
        assert str(parsed) == value
        assert parsed.version == 7
        assert parsed.variant == uuid.RFC_4122
    assert abs(int(uuid.UUID(bulk[0]).hex[:12], 16) / 1000 - time.time()) < 5
    assert new_ids(0) == []


def test_threads_making_ids_in_bulk_never_share_one():
    made: list[list[str]] = [[] for _ in range(4)]

    def make(out: list[str]) -> None:
        for _ in range(20):
            out.extend(new_ids(250))
            out.append(new_id())

    threads = [threading.Thread(target=make, args=(out,)) for out in made]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    every = [i for out in made for i in out]
    assert len(set(every)) == len(every) == 4 * 20 * 251
    assert all(out == sorted(out) for out in made)
