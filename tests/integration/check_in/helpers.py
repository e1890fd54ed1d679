"""What the check-in tests share: members born in May, a plain morning, a scan, a pick and
what was written.
"""

from datetime import UTC, datetime
from functools import partial

from services.members.check_in import CheckIn, check_in, check_in_member
from tests.factories import register as factories_register

# These tests' members were born in May.
register = partial(factories_register, month=5)

# 2 March 2026, 10:00 in Shanghai (UTC+8): a plain morning at the counter.
MORNING = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)


def scan(counter, text, now=None, actor=None) -> CheckIn:
    return check_in(
        counter.runtime.writer(), actor or counter.manager, now or counter.runtime.now(), text
    )


def pick(counter, member_id, source, now=None, actor=None):
    return check_in_member(
        counter.runtime.writer(),
        actor or counter.manager,
        now or counter.runtime.now(),
        member_id,
        source,
    )


def written(db) -> tuple[int, int]:
    return db.count("visit"), db.count("outbox")
