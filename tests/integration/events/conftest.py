"""An open event (capacity 2, 30 points) with three members and their cards, and a sign-in
at its door.
"""

from datetime import timedelta

import pytest

from services.events import planning as events
from services.events import signin as event_signin
from services.events.planning import EventSpec
from services.members import accounts as members
from services.members.accounts import NewMember


@pytest.fixture
def setup(counter):
    now, writer, mgr = counter.runtime.now(), counter.runtime.writer, counter.manager
    event_id = events.create_event(
        writer(),
        mgr,
        now,
        EventSpec(
            "E1",
            "沙龙",
            "一楼",
            now - timedelta(minutes=5),
            now + timedelta(hours=2),
            2,
            attendance_points=30,
        ),
    )
    people = []
    for i, name in enumerate(("甲", "乙", "丙")):
        m = members.register_member(writer(), mgr, now, NewMember(name, f"1380000000{i}", 1, 1))
        people.append((m, members.member_code(writer(), mgr, now, m.id)))
    return event_id, people


def sign(counter, event_id, text, nonce, actor=None, override=None):
    rt = counter.runtime
    return event_signin.sign_in(
        rt.writer(), actor or counter.manager, rt.now(), event_id, text, nonce, override
    )
