"""The door of an open event on the events page (F4), signed in as event staff, with
members, their codes and a walk-in guest.
"""

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt

from services.events import planning as events
from services.events import registrations
from services.events.planning import EventSpec
from services.members import accounts as members
from services.members.accounts import NewMember
from tests.ui.driving import sign_in_as


@pytest.fixture
def door(counter):
    """An open event now (capacity 3, 50 points), a VIP one, one not yet open; members."""
    now, writer, mgr = counter.runtime.now(), counter.runtime.writer, counter.manager

    def event(code, **kw):
        spec = dict(
            code=code,
            name=f"活动{code}",
            place="一楼",
            starts_at=now - timedelta(minutes=30),
            ends_at=now + timedelta(hours=2),
            capacity=3,
            attendance_points=50,
        )
        return events.create_event(writer(), mgr, now, EventSpec(**(spec | kw)))

    def member(name, mobile):
        m = members.register_member(writer(), mgr, now, NewMember(name, mobile, 5, 5))
        return m, members.member_code(writer(), mgr, now, m.id)

    ids = {
        "open": event("OPEN"),
        "vip": event("VIP", min_tier="gold", invitation_only=True),
        "later": event("LATER", starts_at=now + timedelta(days=2), ends_at=now + timedelta(days=3)),
    }
    people = {
        n: member(n, f"1390000000{i}") for i, n in enumerate(["林一", "林二", "林三", "林四"])
    }
    guest = registrations.register_guest(writer(), mgr, now, ids["open"], "访客甲", None)
    return ids, people, guest


@pytest.fixture
def page(qtbot, make_window, counter, door):
    staff = counter.make_event_staff()
    window = make_window()
    sign_in_as(qtbot, window, staff.staff_name, counter.event_staff_pin)
    qtbot.waitUntil(lambda: window.top.currentWidget() is window.workspace)
    qtbot.keyClick(window, Qt.Key.Key_F4)
    page = window.pages["events"]
    qtbot.waitUntil(lambda: window.current_page_key() == "events")
    qtbot.waitUntil(lambda: page.chooser.count() == 3)
    page.choose_event(door[0]["open"])
    qtbot.waitUntil(lambda: page.door.event_id == door[0]["open"])
    qtbot.waitUntil(lambda: page.door.scan_input.hasFocus())
    page.window_ = window
    return page
