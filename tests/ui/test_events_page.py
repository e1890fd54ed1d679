"""A manager corrects an event from the Events page; the chain's events cannot be edited here."""

from datetime import timedelta

from PySide6.QtCore import Qt

from services.events import planning as events
from services.events.planning import EventSpec


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
