"""A scan typed into the check-in field that is not a member's goes where it belongs."""

from PySide6.QtCore import Qt

from services.rules.events import TICKET_LENGTH, TICKET_PREFIX


def test_an_event_ticket_scanned_at_check_in_opens_the_events_page(qtbot, signed_in_window):
    window = signed_in_window
    checkin = window.pages["checkin"]
    ticket = TICKET_PREFIX + "2" * (TICKET_LENGTH - len(TICKET_PREFIX))
    checkin.scan_input.setText(ticket)
    qtbot.keyClick(checkin.scan_input, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.current_page_key() == "events")
    assert "No member found" not in checkin.message.text()
