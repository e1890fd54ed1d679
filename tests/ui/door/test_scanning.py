"""The door, driven as a scanner drives it: fast keys, with and without Enter, with the
prefixes and control characters some scanners add, from the door's field or another page.
"""

import itertools

import pytest
from PySide6.QtCore import Qt

from tests.ui.door.helpers import db_count, result, scan, seconds_later


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


def test_a_scan_on_another_page_reaches_the_door_while_it_is_shown(qtbot, page, door):
    _ids, _people, guest = door
    page.door.scan_input.clearFocus()
    page.setFocus()
    with qtbot.waitSignal(page.door.result_shown):
        qtbot.keyClicks(page, guest.code)
        qtbot.keyClick(page, Qt.Key.Key_Return)
    assert result(page)[0] == "admitted"
