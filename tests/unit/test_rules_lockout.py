from datetime import UTC, datetime, timedelta

from services.rules.lockout import (
    LockoutPolicy,
    LockState,
    after_failure,
    attempts_left,
    is_locked,
)

NOW = datetime(2026, 3, 1, 2, 0, tzinfo=UTC)
POLICY = LockoutPolicy(max_failures=5, lock_minutes=5)


def test_defaults_are_five_failures_five_minutes():
    assert LockoutPolicy() == LockoutPolicy(max_failures=5, lock_minutes=5)


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


def test_failure_after_an_expired_lock_starts_a_new_count():
    locked = LockState(5, NOW + timedelta(minutes=5))
    later = NOW + timedelta(minutes=6)
    state = after_failure(locked, later, POLICY)
    assert state == LockState(1, None)
    assert attempts_left(state, POLICY) == 4


def test_failure_while_still_locked_keeps_counting():
    locked = LockState(5, NOW + timedelta(minutes=5))
    state = after_failure(locked, NOW + timedelta(minutes=1), POLICY)
    assert state.failures == 6
    assert state.locked_until == NOW + timedelta(minutes=6)


def test_attempts_left_never_negative():
    assert attempts_left(LockState(9, None), POLICY) == 0
