"""PIN lockout: after too many wrong PINs an account waits before it may try again."""

from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True)
class LockoutPolicy:
    max_failures: int = 5
    lock_minutes: int = 5


@dataclass(frozen=True)
class LockState:
    failures: int
    locked_until: datetime | None


def is_locked(locked_until: datetime | None, now: datetime) -> bool:
    return locked_until is not None and now < locked_until


def after_failure(state: LockState, now: datetime, policy: LockoutPolicy) -> LockState:
    failures = 0 if _lock_expired(state, now) else state.failures
    failures += 1
    if failures >= policy.max_failures:
        return LockState(
            failures=failures, locked_until=now + timedelta(minutes=policy.lock_minutes)
        )
    return LockState(failures=failures, locked_until=None)


def attempts_left(state: LockState, policy: LockoutPolicy) -> int:
    return max(policy.max_failures - state.failures, 0)


def _lock_expired(state: LockState, now: datetime) -> bool:
    return state.locked_until is not None and now >= state.locked_until
