"""Requests kept in flight: up to `in_flight` batches sent at once, their answers taken in
the order the batches were sent, whatever order they arrive in.

The push uses it so that the counter reads, sends and marks batches while the centre
applies the one before (one request at a time left a core idle). Order and exactly-once
stay the centre's and the outbox's business: the centre applies a device's operations only
in sequence order and dedupes by id, and a batch's rows are marked only from that batch's
own answer. Here only the rules of the window:
- a batch is sent only while every answer taken so far was in step (`absorb` says so) and
  no request has failed; after that nothing new is sent,
- the batches already sent are still waited for and their answers absorbed (each answer is
  the centre's word on its own operations, whatever happened to the others), and
- the first failure is raised once the window is empty, so the caller's retry starts from
  the outbox as it then is: a failed batch's rows are still waiting and go again.
"""

from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

Batch = TypeVar("Batch", bound=Sequence)


def send_in_flight(
    next_batch: Callable[[Batch | None], Batch],
    send: Callable[[Batch], dict[str, Any]],
    absorb: Callable[[Batch, dict[str, Any]], bool],
    in_flight: int,
) -> int:
    """Sends batches until `next_batch` (given the previous batch, None at first) returns
    an empty one, `absorb` returns False, or a request fails; returns how many answers were
    absorbed. `send` runs on a worker thread, the rest on the caller's."""
    if in_flight < 1:
        raise ValueError("in_flight must be at least 1")
    window: deque[tuple[Batch, Future]] = deque()
    feeding, absorbed, failure = True, 0, None
    previous: Batch | None = None
    with ThreadPoolExecutor(in_flight, thread_name_prefix="sync-push") as pool:
        while True:
            while feeding and len(window) < in_flight:
                batch = next_batch(previous)
                if not batch:
                    feeding = False
                    break
                window.append((batch, pool.submit(send, batch)))
                previous = batch
            if not window:
                break
            batch, request = window.popleft()
            try:
                answer = request.result()
            except Exception as exc:  # the first failure is raised when the window is empty
                failure = failure or exc
                feeding = False
                continue
            absorbed += 1
            if not absorb(batch, answer):
                feeding = False
    if failure is not None:
        raise failure
    return absorbed
