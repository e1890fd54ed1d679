"""The door's answers: refusals, a full event a manager opens for one more, an undo, a
walk-in guest, and members without a card found by their last four digits.
"""

from PySide6.QtCore import Qt

from tests.ui.door.helpers import db_count, people_id, result, scan, seconds_later


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


def test_the_override_admits_the_one_the_full_answer_was_for_when_scans_answer_out_of_order(
    qtbot, page, counter, door, monkeypatch
):
    """Two scans in flight: the full event's answer for the first comes after the second's;
    the manager's override then admits the first, not whoever was scanned last."""
    import threading

    import services.events
    from services.staff.accounts import approve_as_manager
    from ui.pages import event_door

    _ids, people, guest = door
    for code in (people["林一"][1], people["林二"][1], guest.code):
        scan(qtbot, page, code)
    first, real = people["林三"][1], services.events.sign_in_grouped
    gate = threading.Event()

    def held_back(writer, actor, now, event_id, text, *rest):
        if text == first:
            assert gate.wait(10)
        return real(writer, actor, now, event_id, text, *rest)

    monkeypatch.setattr(services.events, "sign_in_grouped", held_back)
    with qtbot.waitSignal(page.door.result_shown):
        page.door.sign_in(first)
        page.door.sign_in("hello there")
    with qtbot.waitSignal(page.door.result_shown):
        gate.set()
    assert result(page)[1] == "Full" and page.door.last_result.attendee.name == "林三"

    def approve(ctx, permission, action, parent):
        mgr, pin = counter.manager.staff_id, counter.manager_pin
        now = ctx.runtime.now()
        return True, approve_as_manager(
            ctx.runtime.writer(), ctx.actor, mgr, pin, permission, "VIP guest", now
        )

    monkeypatch.setattr(event_door, "obtain_approval", approve)
    with qtbot.waitSignal(page.door.result_shown):
        qtbot.keyClick(page.door.scan_input, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    assert result(page)[0] == "admitted" and result(page)[1] == "Welcome, 林三"
    assert "4 / 3" in page.door.count.text()
