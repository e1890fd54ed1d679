"""Closing the window stops the day's backup instead of waiting for it."""


def test_closing_the_window_stops_the_days_backup(qtbot, make_window):
    window = make_window()
    assert not window.backup_stop.is_set()
    window.close()
    assert window.backup_stop.is_set()
