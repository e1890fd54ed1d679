"""A manager corrects an event from the Events page; the chain's events cannot be edited here."""

from datetime import timedelta

from PySide6.QtCore import Qt

from services.events import planning as events
from services.events import reports as event_reports
from services.events.planning import EventSpec
from tests.factories import register


def test_a_manager_corrects_the_events_name_and_capacity(
    qtbot, signed_in_window, counter, monkeypatch
):
    rt = counter.runtime
    now = rt.now()
    spec = EventSpec(
        "POP1", "快闪沙龙", "一楼", now + timedelta(hours=1), now + timedelta(hours=3), 20
    )
    event_id = events.create_event(rt.writer(), counter.manager, now, spec)
    window = signed_in_window
    qtbot.keyClick(window, Qt.Key.Key_F4)
    page = window.pages["events"]
    qtbot.waitUntil(lambda: page.chooser.count() == 1)
    page.choose_event(event_id)
    qtbot.waitUntil(lambda: page.edit_button.isEnabled())
    assert page.edit_button.isVisible()

    from ui.dialogs.event_form import EventForm

    seen = {}

    def run(form):
        seen["code"] = (form.code.text(), form.code.isEnabled())
        seen["filled"] = (form.name.text(), form.capacity.value(), form.hours.value())
        form.name.setText("快闪沙龙改期")
        form.capacity.setValue(35)
        with qtbot.waitSignal(form.finished):
            form.buttons.button(form.buttons.StandardButton.Save).click()
        return form.result()

    monkeypatch.setattr(EventForm, "exec", run)
    page.edit_button.click()
    qtbot.waitUntil(lambda: "改期" in page.chooser.currentText())
    assert seen["code"] == ("POP1", False)  # the code stays
    assert seen["filled"] == ("快闪沙龙", 20, 2)
    saved = events.event_spec(rt.reader(), event_id)
    assert (saved.name, saved.capacity, saved.code) == ("快闪沙龙改期", 35, "POP1")


def test_a_manager_invites_a_member_by_mobile_number(qtbot, signed_in_window, counter, monkeypatch):
    rt = counter.runtime
    now = rt.now()
    spec = EventSpec(
        "INV1", "会员沙龙", "二楼", now + timedelta(hours=1), now + timedelta(hours=2), 9
    )
    event_id = events.create_event(rt.writer(), counter.manager, now, spec)
    member = register(counter, "邀请人", "13900000077")
    window = signed_in_window
    qtbot.keyClick(window, Qt.Key.Key_F4)
    page = window.pages["events"]
    qtbot.waitUntil(lambda: page.chooser.count() == 1)
    page.choose_event(event_id)
    page.tabs.setCurrentWidget(page.attendees)
    tab = page.attendees
    # The list's own load clears the message line: it is in before the first invitation.
    qtbot.waitUntil(lambda: tab.report is not None and tab.invite_button.isEnabled())

    from ui.ask import Ask

    typed = iter(["13900000000", "13900000077"])  # no one, then the member
    monkeypatch.setattr(Ask, "text", lambda _ask, _question, typed_=None: next(typed))
    tab.invite_button.click()
    qtbot.waitUntil(lambda: tab.message.text() != "")
    assert tab.message.text() in ("No member found.", "未找到会员。")
    assert tab.table.rowCount() == 0
    tab.invite_button.click()
    qtbot.waitUntil(lambda: tab.table.rowCount() == 1)
    assert tab.table.item(0, 0).text() == "邀请人"
    report = event_reports.attendance(rt.reader(), event_id)
    assert [(r.member_id, r.kind) for r in report.rows] == [(member.id, "invited")]
