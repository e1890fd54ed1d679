"""PIN lockout: after too many wrong PINs an account waits before it may try again, and each
further round of wrong PINs doubles the wait (capped at a day), until a right PIN or a
manager's unlock resets the count.

The count of wrong PINs is kept across rounds: round k (k = 1, 2, ...) ends at failure
k * max_failures and locks for lock_minutes * 2 ** (k - 1). A fixed five minutes would let a
thief try 1,440 PINs a day; doubling allows about 45 the first day and 5 a day after.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True)
class LockoutPolicy:
    max_failures: int = 5
    lock_minutes: int = 5
    max_lock_minutes: int = 24 * 60  # a staff member locked out still comes back next day


@dataclass(frozen=True)
class LockState:
    failures: int
    locked_until: datetime | None


def is_locked(locked_until: datetime | None, now: datetime) -> bool:
    return locked_until is not None and now < locked_until


def after_failure(state: LockState, now: datetime, policy: LockoutPolicy) -> LockState:
    failures = state.failures + 1
    if failures % policy.max_failures == 0:
        return LockState(failures, now + lock_duration(failures, policy))
    if is_locked(state.locked_until, now):
        return LockState(failures, state.locked_until)  # never shortened
    return LockState(failures, None)


def lock_duration(failures: int, policy: LockoutPolicy) -> timedelta:
    """How long the lock lasts that `failures` wrong PINs in a row end in."""
    rounds = max(failures // policy.max_failures, 1)
    minutes = policy.lock_minutes * 2 ** min(rounds - 1, 20)  # 2**20 is past any cap
    return timedelta(minutes=min(minutes, max(policy.max_lock_minutes, policy.lock_minutes)))


def lock_round(failures: int, policy: LockoutPolicy) -> int:
    """Which lock this count of wrong PINs has reached: 0 none yet, 1 the first, ..."""
    return failures // policy.max_failures


def attempts_left(state: LockState, policy: LockoutPolicy) -> int:
    """Wrong PINs before the next lock: none once a round has just ended in a lock."""
    if state.failures and state.failures % policy.max_failures == 0:
        return 0
    return policy.max_failures - state.failures % policy.max_failures
