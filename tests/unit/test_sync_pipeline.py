"""The push's window of requests in flight: answers taken in the order sent whatever order
they arrive in, never more than the window at once, and after a failure or an answer out of
step nothing new is sent, the rest is still absorbed, and the first failure is raised."""

import threading
import time

import pytest

from services.sync.pipeline import send_in_flight


class Outbox:
    """Batches of numbers 0..total-1; `send` answers after `delay(batch)` seconds."""

    def __init__(self, total: int, size: int, delay=lambda batch: 0.0, fail=()) -> None:
        self.total, self.size, self.delay, self.fail = total, size, delay, set(fail)
        self.lock = threading.Lock()
        self.in_flight = self.most_in_flight = 0
        self.sent: list[int] = []
        self.absorbed: list[int] = []

    def next_batch(self, previous):
        start = 0 if previous is None else previous[-1] + 1
        return list(range(start, min(start + self.size, self.total)))

    def send(self, batch):
        with self.lock:
            self.in_flight += 1
            self.most_in_flight = max(self.most_in_flight, self.in_flight)
            self.sent.append(batch[0])
        try:
            time.sleep(self.delay(batch))
            if batch[0] in self.fail:
                raise ConnectionError(f"batch {batch[0]} lost")
            return {"first": batch[0]}
        finally:
            with self.lock:
                self.in_flight -= 1

    def absorb(self, batch, answer) -> bool:
        assert answer["first"] == batch[0]
        self.absorbed.append(batch[0])
        return True


def test_answers_are_taken_in_the_order_sent_when_they_arrive_reversed():
    # Each batch answers faster than the one before: they arrive last first.
    box = Outbox(40, 5, delay=lambda batch: 0.05 - batch[0] / 1000)
    assert send_in_flight(box.next_batch, box.send, box.absorb, 3) == 8
    assert box.absorbed == list(range(0, 40, 5))
    assert box.most_in_flight == 3


def test_one_in_flight_is_one_request_at_a_time():
    box = Outbox(20, 4, delay=lambda _batch: 0.005)
    send_in_flight(box.next_batch, box.send, box.absorb, 1)
    assert box.most_in_flight == 1
    assert box.absorbed == [0, 4, 8, 12, 16]


def test_a_failed_batch_stops_new_sends_but_the_rest_are_absorbed_then_it_is_raised():
    box = Outbox(100, 10, delay=lambda batch: 0.03 if batch[0] == 10 else 0.0, fail={10})
    with pytest.raises(ConnectionError, match="batch 10"):
        send_in_flight(box.next_batch, box.send, box.absorb, 3)
    # 10, 20 and 30 were in flight when 10 failed: their answers still count, nothing after.
    assert box.absorbed == [0, 20, 30]
    assert max(box.sent) == 30


def test_the_first_failure_is_the_one_raised():
    box = Outbox(60, 10, delay=lambda batch: 0.04 if batch[0] == 10 else 0.0, fail={10, 20})
    with pytest.raises(ConnectionError, match="batch 10"):
        send_in_flight(box.next_batch, box.send, box.absorb, 3)


def test_an_answer_out_of_step_stops_new_sends():
    box = Outbox(100, 10, delay=lambda _batch: 0.01)
    send_in_flight(box.next_batch, box.send, lambda batch, _answer: batch[0] < 20, 2)
    assert box.sent[-1] <= 40  # 20 answered out of step: at most one more was already out
    assert len(box.sent) <= 4


def test_an_empty_outbox_sends_nothing():
    box = Outbox(0, 10)
    assert send_in_flight(box.next_batch, box.send, box.absorb, 2) == 0
    assert box.sent == []
    with pytest.raises(ValueError):
        send_in_flight(box.next_batch, box.send, box.absorb, 0)
