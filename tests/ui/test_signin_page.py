"""The door, driven as a scanner drives it: fast keys, with and without Enter, with the
prefixes and control characters some scanners add; each answer is read off `signinResult`."""

import itertools
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame

from services.events import planning as events
from services.events.planning import EventSpec
from services.members import accounts as members
from services.members.accounts import NewMember
from tests.ui.driving import scanner_put_down, sign_in_as


def db_count(counter, sql: str) -> int:
    from sqlalchemy import text

    with counter.runtime.reader() as uow:
        return uow.session.scalar(text(sql))


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
    guest = events.register_guest(writer(), mgr, now, ids["open"], "访客甲", None)
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


def result(page) -> tuple[str, str, str]:
    panel = page.findChild(QFrame, "signinResult")
    return panel.property("outcome"), page.door.headline.text(), page.door.detail.text()


def seconds_later(page, seconds: float = 3.0) -> None:
    """As if the scanner had been put down for a while: the same read counts again (read
    by the counter's scanner, or typed into the door's field and confirmed)."""
    scanner_put_down(page.window_, seconds)
    page.door._repeats._last_at -= seconds


def scan(qtbot, page, text: str, enter: bool = True):
    field = page.door.scan_input
    with qtbot.waitSignal(page.door.result_shown, timeout=3000) as got:
        qtbot.keyClicks(field, text)
        if enter:
            qtbot.keyClick(field, Qt.Key.Key_Return)
    return got.args[0]


def test_member_card_admits_once_then_says_when_and_where(qtbot, page, counter, door):
    _ids, people, _guest = door
    _m, code = people["林一"]
    ops = db_count(counter, "SELECT count(*) FROM outbox")
    r = scan(qtbot, page, code)
    assert r.outcome == "admitted" and r.points == 50 and r.walk_in
    outcome, headline, detail = result(page)
    assert outcome == "admitted" and "林一" in headline and "+50 points" in detail
    assert page.door.sound.last == "admit"
    assert "1 / 3" in page.door.count.text()
    # sign-in, walk-in registration, points: three operations
    assert db_count(counter, "SELECT count(*) FROM outbox") == ops + 3
    counter.runtime.clock.advance(minutes=5)
    seconds_later(page)
    scan(qtbot, page, code)
    outcome, headline, detail = result(page)
    assert outcome == "already_signed_in" and "林一" in headline
    assert "counter 1" in detail and ":" in detail  # when and where the first one happened
    assert page.door.sound.last == "warn"
    assert db_count(counter, "SELECT points_balance FROM member WHERE name = '林一'") == 50
    assert db_count(counter, "SELECT count(*) FROM outbox") == ops + 3


def test_a_scanner_that_sends_no_enter_is_heard_by_its_speed(qtbot, page, door):
    _ids, _people, guest = door
    r = scan(qtbot, page, guest.code, enter=False)
    assert r.outcome == "admitted"
    assert result(page)[0] == "admitted" and "访客甲" in result(page)[1]
    assert page.door.scan_input.text() == ""


def test_a_person_typing_slowly_is_not_submitted_until_enter(qtbot, page, door):
    _ids, _people, guest = door
    ticks = itertools.count(step=0.2)  # a key every 200 ms
    page.window_.scanner._clock = lambda: next(ticks)
    qtbot.keyClicks(page.door.scan_input, guest.code.lower())
    qtbot.wait(300)  # longer than the no-Enter pause
    assert page.door.scan_input.text() == guest.code.lower()
    assert result(page)[0] == "idle"
    with qtbot.waitSignal(page.door.result_shown):
        qtbot.keyClick(page.door.scan_input, Qt.Key.Key_Return)
    assert result(page)[0] == "admitted"  # lower case reads the same


@pytest.mark.parametrize("prefix", ["]Q1", "]d2", "x", "#"])
def test_stray_prefixes_are_stripped(qtbot, page, door, prefix):
    _ids, people, _guest = door
    r = scan(qtbot, page, prefix + people["林二"][1])
    assert r.outcome == "admitted" and r.attendee.name == "林二"
    assert result(page)[0] == "admitted"


def test_control_characters_of_a_routed_scan_are_stripped(qtbot, page, door):
    """STX/ETX and CR LF around a code arrive when the scan is caught outside the field."""
    _ids, _people, guest = door
    with qtbot.waitSignal(page.door.result_shown):
        page.handle_scan("\x02" + guest.code + "\x03\r\n")
    assert result(page)[0] == "admitted" and "访客甲" in result(page)[1]


def test_identical_reads_within_two_seconds_count_once(qtbot, page, counter, door):
    _ids, people, _guest = door
    code = people["林三"][1]
    scan(qtbot, page, code)
    lines = page.door.scans.count()
    qtbot.keyClicks(page.door.scan_input, code)
    qtbot.keyClick(page.door.scan_input, Qt.Key.Key_Return)
    qtbot.wait(300)
    assert page.door.scans.count() == lines  # no "already signed in" for the same read
    assert result(page)[0] == "admitted"
    assert db_count(counter, "SELECT count(*) FROM event_signin") == 1


def test_refusals_each_have_their_own_answer(qtbot, page, counter, door):
    ids, people, guest = door
    before = db_count(counter, "SELECT count(*) FROM outbox")
    # not registered: a VIP event by invitation, and a ticket for another event
    page.choose_event(ids["vip"])
    qtbot.waitUntil(lambda: page.door.event_id == ids["vip"])
    scan(qtbot, page, people["林一"][1])
    assert result(page)[0] == "refused" and result(page)[1] == "Wrong tier"
    assert "Gold" in result(page)[2]
    assert page.door.sound.last == "refuse"
    scan(qtbot, page, guest.code)
    assert result(page)[1] == "Not registered" and "活动OPEN" in result(page)[2]
    # outside the window
    page.choose_event(ids["later"])
    qtbot.waitUntil(lambda: page.door.event_id == ids["later"])
    scan(qtbot, page, people["林一"][1])
    assert result(page)[1] == "Outside the sign-in time"
    # garbage and a forged card
    scan(qtbot, page, "hello there")
    assert result(page)[0] == "refused" and "neither a ticket nor a member card" in result(page)[2]
    code = people["林二"][1]
    forged = code[:60] + ("A" if code[60] != "A" else "B") + code[61:]
    scan(qtbot, page, forged)
    assert result(page)[0] == "refused"
    assert db_count(counter, "SELECT count(*) FROM outbox") == before


def test_full_then_a_manager_admits_one_more_with_a_reason(qtbot, page, counter, door, monkeypatch):
    _ids, people, guest = door
    for name in ("林一", "林二"):
        scan(qtbot, page, people[name][1])
    scan(qtbot, page, guest.code)
    assert "3 / 3" in page.door.count.text()
    scan(qtbot, page, people["林三"][1])
    assert result(page)[1] == "Full"
    assert page.door.override_button.isVisible()
    # the event staff's role lacks the override: a manager approves with PIN and reason
    from ui.pages import event_door

    def approve(ctx, permission, action, parent):
        from services.staff.accounts import approve_as_manager

        assert permission == "event.override_capacity"
        a = approve_as_manager(
            ctx.runtime.writer(),
            ctx.actor,
            counter.manager.staff_id,
            counter.manager_pin,
            permission,
            "VIP guest of the store",
            ctx.runtime.now(),
        )
        return True, a

    monkeypatch.setattr(event_door, "obtain_approval", approve)
    with qtbot.waitSignal(page.door.result_shown):
        qtbot.keyClick(page.door.scan_input, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    assert result(page)[0] == "admitted" and "over capacity" in result(page)[2]
    assert "4 / 3" in page.door.count.text()
    assert (
        db_count(counter, "SELECT count(*) FROM audit_log WHERE action = 'event.capacity_override'")
        == 1
    )


def test_undo_by_a_manager_frees_the_seat_and_takes_the_points_back(
    qtbot, page, counter, door, monkeypatch
):
    _ids, people, _guest = door
    scan(qtbot, page, people["林四"][1])
    page.door.scans.setCurrentRow(0)
    from ui.pages import event_door

    def approve(ctx, permission, action, parent):
        from services.staff.accounts import approve_as_manager

        return True, approve_as_manager(
            ctx.runtime.writer(),
            ctx.actor,
            counter.manager.staff_id,
            counter.manager_pin,
            permission,
            "scanned the wrong card",
            ctx.runtime.now(),
        )

    monkeypatch.setattr(event_door, "obtain_approval", approve)
    with qtbot.waitSignal(page.door.changed):
        page.door.undo_button.click()
    assert result(page)[1] == "Sign-in undone"
    assert db_count(counter, "SELECT points_balance FROM member WHERE name = '林四'") == 0
    assert db_count(counter, "SELECT count(*) FROM event_signin WHERE undone_at IS NULL") == 0
    seconds_later(page)
    assert scan(qtbot, page, people["林四"][1]).outcome == "admitted"


def test_walk_in_guest_at_the_door(qtbot, page, counter, door, monkeypatch):
    from ui.dialogs.event_walk_in import WalkInDialog

    def run(dialog):
        dialog.name.setText("路人乙")
        with qtbot.waitSignal(dialog.finished):
            dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
        return dialog.result()

    monkeypatch.setattr(WalkInDialog, "exec", run)
    with qtbot.waitSignal(page.door.result_shown):
        qtbot.keyClick(page.door.scan_input, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    assert result(page)[0] == "admitted" and "路人乙" in result(page)[1]
    assert db_count(counter, "SELECT count(*) FROM event_registration WHERE kind = 'walk_in'") == 1


def test_a_member_without_a_card_is_found_by_the_last_four_digits_and_signed_in(
    qtbot, page, counter, door, monkeypatch
):
    from ui.dialogs.member_lookup import MemberLookupDialog

    seen = {}

    def run(dialog):
        qtbot.keyClicks(dialog.query, "0002")  # 林三's mobile ends 0002; nobody else's
        qtbot.waitUntil(lambda: dialog.table.rowCount() == 1)
        seen["row"] = [dialog.table.item(0, j).text() for j in range(3)]
        with qtbot.waitSignal(dialog.finished):
            qtbot.keyClick(dialog.query, Qt.Key.Key_Return)  # the single match: sign in
        return dialog.result()

    monkeypatch.setattr(MemberLookupDialog, "exec", run)
    with qtbot.waitSignal(page.door.result_shown):
        qtbot.keyClick(page.door.scan_input, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert seen["row"][0] == "林三" and seen["row"][1].endswith("0002")
    assert "*" in seen["row"][1]  # the number is masked on screen
    outcome, headline, detail = result(page)
    assert outcome == "admitted" and "林三" in headline and "+50 points" in detail
    assert "no card" in detail
    member_id = people_id(door, "林三")
    assert (
        db_count(counter, f"SELECT count(*) FROM event_signin WHERE member_id = '{member_id}'") == 1
    )
    # The audit log says who admitted a member without a card.
    audit = db_count(
        counter,
        f"SELECT count(*) FROM audit_log WHERE action = 'event.sign_in_looked_up'"
        f" AND subject = '{member_id}'",
    )
    assert audit == 1


def test_a_lookup_that_finds_nobody_says_so_and_signs_in_nobody(qtbot, page, counter, door):
    from ui.dialogs.member_lookup import MemberLookupDialog

    dialog = MemberLookupDialog(page.window_.ctx, page)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.query, "13812345678")
    qtbot.keyClick(dialog.query, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.error.isVisible())
    assert "No member found" in dialog.error.text()
    assert not dialog.ok_button.isEnabled() and dialog.member_id is None
    dialog.reject()
    assert db_count(counter, "SELECT count(*) FROM event_signin") == 0


def test_several_matches_are_walked_with_the_arrow_keys(qtbot, page, counter, door):
    from ui.dialogs.member_lookup import MemberLookupDialog

    dialog = MemberLookupDialog(page.window_.ctx, page)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.query.setText("林")  # four members (typed through an input method, not keys)
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 4)
    second = dialog.table.item(1, 0).text()
    qtbot.keyClick(dialog.query, Qt.Key.Key_Down)  # into the list, on the first
    qtbot.keyClick(dialog.table, Qt.Key.Key_Down)
    with qtbot.waitSignal(dialog.finished):
        qtbot.keyClick(dialog.table, Qt.Key.Key_Return)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert dialog.member_name == second and dialog.member_id == people_id(door, second)


def people_id(door, name: str) -> str:
    return door[1][name][0].id


def test_a_scan_on_another_page_reaches_the_door_while_it_is_shown(qtbot, page, door):
    _ids, _people, guest = door
    page.door.scan_input.clearFocus()
    page.setFocus()
    with qtbot.waitSignal(page.door.result_shown):
        qtbot.keyClicks(page, guest.code)
        qtbot.keyClick(page, Qt.Key.Key_Return)
    assert result(page)[0] == "admitted"


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
