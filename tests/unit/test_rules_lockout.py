from datetime import UTC, datetime, timedelta

from services.rules.lockout import (
    LockoutPolicy,
    LockState,
    after_failure,
    attempts_left,
    is_locked,
    lock_duration,
    lock_round,
)

NOW = datetime(2026, 3, 1, 2, 0, tzinfo=UTC)
POLICY = LockoutPolicy(max_failures=5, lock_minutes=5)


def test_defaults_are_five_failures_five_minutes_at_most_a_day():
    assert LockoutPolicy() == LockoutPolicy(max_failures=5, lock_minutes=5, max_lock_minutes=1440)


def test_failures_count_up_then_lock():
    state = LockState(0, None)
    left = []
    for _ in range(4):
        state = after_failure(state, NOW, POLICY)
        assert state.locked_until is None
        left.append(attempts_left(state, POLICY))
    assert left == [4, 3, 2, 1]
    state = after_failure(state, NOW, POLICY)
    assert state == LockState(5, NOW + timedelta(minutes=5))
    assert attempts_left(state, POLICY) == 0


def test_policy_decides_threshold_and_duration():
    policy = LockoutPolicy(max_failures=3, lock_minutes=10)
    state = LockState(2, None)
    state = after_failure(state, NOW, policy)
    assert state.locked_until == NOW + timedelta(minutes=10)


def test_is_locked_until_the_instant_it_expires():
    until = NOW + timedelta(minutes=5)
    assert not is_locked(None, NOW)
    assert is_locked(until, NOW)
    assert is_locked(until, until - timedelta(microseconds=1))
    assert not is_locked(until, until)
    assert not is_locked(until, until + timedelta(seconds=1))


def test_failure_after_an_expired_lock_starts_a_new_round():
    locked = LockState(5, NOW + timedelta(minutes=5))
    later = NOW + timedelta(minutes=6)
    state = after_failure(locked, later, POLICY)
    assert state == LockState(6, None)  # the count goes on: it decides the next lock's length
    assert attempts_left(state, POLICY) == 4


def test_failure_while_still_locked_keeps_counting_and_never_shortens_the_lock():
    locked = LockState(5, NOW + timedelta(minutes=5))
    state = after_failure(locked, NOW + timedelta(minutes=1), POLICY)
    assert state == LockState(6, NOW + timedelta(minutes=5))


def test_each_further_round_doubles_the_lock():
    state, now, locks = LockState(0, None), NOW, []
    for _ in range(4):
        for _ in range(5):
            state = after_failure(state, now, POLICY)
        locks.append(state.locked_until - now)
        now = state.locked_until
    assert locks == [timedelta(minutes=m) for m in (5, 10, 20, 40)]
    assert lock_round(state.failures, POLICY) == 4


def test_the_lock_never_exceeds_a_day():
    assert lock_duration(5 * 30, POLICY) == timedelta(days=1)
    assert lock_duration(5 * 10_000, POLICY) == timedelta(days=1)
    tight = LockoutPolicy(max_failures=3, lock_minutes=10, max_lock_minutes=30)
    assert [lock_duration(3 * k, tight) for k in (1, 2, 3)] == [
        timedelta(minutes=10),
        timedelta(minutes=20),
        timedelta(minutes=30),
    ]


def test_guesses_a_day_are_few():
    """A thief at the counter: wrong PINs as fast as each lock allows, for a day."""
    state, now, guesses = LockState(0, None), NOW, 0
    while now < NOW + timedelta(days=1):
        state = after_failure(state, now, POLICY)
        guesses += 1
        now = state.locked_until or now
    assert guesses <= 50  # a fixed five-minute lock allowed 1,440


def test_attempts_left_never_negative():
    assert attempts_left(LockState(5, None), POLICY) == 0
    assert attempts_left(LockState(10, None), POLICY) == 0
    assert attempts_left(LockState(9, None), POLICY) == 1
