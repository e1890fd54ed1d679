"""The audit chain is verified when the window opens; a tampered log is said out loud."""

from PySide6.QtWidgets import QMessageBox

from models.db import database_path
from tests.integration.conftest import RawDb


def test_an_untouched_log_passes_quietly(qtbot, make_window, monkeypatch):
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: warned.append(a))
    window = make_window()
    qtbot.waitUntil(lambda: getattr(window, "audit_ok", None) is not None)
    assert window.audit_ok is True and warned == []


def test_an_edited_log_is_reported_at_start(qtbot, make_window, counter, monkeypatch):
    raw = RawDb(database_path(counter.runtime.data_dir))
    raw.execute("DROP TRIGGER audit_log_no_update")  # what someone with a SQLite tool could do
    raw.execute("UPDATE audit_log SET detail = '{}' WHERE id = 1")
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: warned.append(a[2]))
    window = make_window()
    qtbot.waitUntil(lambda: getattr(window, "audit_ok", None) is not None)
    assert window.audit_ok is False
    assert "entry 1" in warned[0]
