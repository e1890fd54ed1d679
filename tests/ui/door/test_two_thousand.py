"""Two thousand attendees back to back through the door (slow)."""

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt

from services.events import planning as events
from services.events.planning import EventSpec
from tests.ui.door.helpers import db_count
from tests.ui.driving import sign_in_as


@pytest.mark.slow
def test_two_thousand_attendees_back_to_back(qtbot, make_window, counter):
    """A burst at the door through the page: counts, points and the outbox all add up."""
    from devkit.populate import add_members
    from models.db import database_path
    from services.members.codes import sign_member_code

    n = 2000
    now, rt = counter.runtime.now(), counter.runtime
    event_id = events.create_event(
        rt.writer(),
        counter.manager,
        now,
        EventSpec(
            "BIG", "大型活动", "广场", now, now + timedelta(hours=3), n, attendance_points=20
        ),
    )
    add_members(database_path(rt.data_dir), n, counter.identity.store_id, "T001", "9")
    ids = [f"00000000-0000-7000-8000-{i:012d}" for i in range(1, n + 1)]
    with rt.writer() as uow:
        codes = [sign_member_code(uow, "test", i, 1, now) for i in ids]
        uow.commit()
    ops_before = db_count(counter, "SELECT count(*) FROM outbox")
    window = make_window()
    sign_in_as(qtbot, window, "王经理", counter.manager_pin)
    qtbot.waitUntil(lambda: window.top.currentWidget() is window.workspace)
    qtbot.keyClick(window, Qt.Key.Key_F4)
    page = window.pages["events"]
    qtbot.waitUntil(lambda: page.door.event_id == event_id)
    admitted = 0
    for code in codes:
        with qtbot.waitSignal(page.door.result_shown, timeout=5000) as got:
            page.door.scan_input.setText(code)  # keyClicks for 149 keys x 2000 is minutes
            qtbot.keyClick(page.door.scan_input, Qt.Key.Key_Return)
        admitted += got.args[0].outcome == "admitted"
    assert admitted == n
    assert f"{n} / {n}" in page.door.count.text()
    assert db_count(counter, "SELECT count(*) FROM event_signin WHERE undone_at IS NULL") == n
    assert (
        db_count(counter, "SELECT sum(points_balance) FROM member WHERE member_no LIKE 'T001-9-%'")
        == 20 * n
    )
    assert db_count(counter, "SELECT count(*) FROM points_entry WHERE kind = 'event_bonus'") == n
    from sqlalchemy import text

    with counter.runtime.reader() as uow:
        by_type = dict(
            uow.session.execute(
                text("SELECT op_type, count(*) FROM outbox WHERE seq > :s GROUP BY op_type"),
                {"s": ops_before},
            ).all()
        )
    assert by_type == {"event.sign_in": n, "event.register": n, "points.event_bonus": n}
    assert (
        db_count(
            counter,
            "SELECT count(DISTINCT json_extract(payload, '$.nonce')) FROM outbox"
            " WHERE op_type = 'event.sign_in'",
        )
        == n
    )
    assert db_count(counter, "SELECT max(seq) - min(seq) + 1 FROM outbox") == db_count(
        counter, "SELECT count(*) FROM outbox"
    )
