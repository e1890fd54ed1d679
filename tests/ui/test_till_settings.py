"""Settings → The till: a manager tests a scan against the patterns being edited, saves
them (audited) and turns the POS interface on and off."""

import json
import socket

import httpx
from PySide6.QtCore import Qt
from sqlalchemy import select

from models.journal import AuditEntry
from services.core.settings import load_settings

FAPIAO = "01,32,,24312000000136634917,128.50,20261203,,1DD6"
TILL7 = {
    "name": "till7",
    "kind": "regex",
    "expression": r"T7\|(?P<receipt>\d{8})\|(?P<amount>\d+)",
    "amount_unit": "fen",
}


def settings_box(qtbot, window):
    qtbot.keyClick(window, Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: window.current_page_key() == "settings")
    return window.pages["settings"].till


def test_the_test_box_reads_with_the_patterns_as_edited(qtbot, signed_in_window):
    box = settings_box(qtbot, signed_in_window)
    box.trial.setText(FAPIAO)
    assert box.trial_result.text().startswith("✓")
    assert "24312000000136634917" in box.trial_result.text() and "128.50" in box.trial_result.text()
    box.trial.setText("T7|00001234|4599")
    assert box.trial_result.text().startswith("✗")  # no pattern for it yet
    patterns = [*json.loads(box.patterns.toPlainText()), TILL7]
    box.patterns.setPlainText(json.dumps(patterns))
    assert "00001234" in box.trial_result.text() and "45.99" in box.trial_result.text()
    box.patterns.setPlainText("[{")  # a typing slip: said, not thrown
    assert box.trial_result.text().startswith("✗")


def test_saved_patterns_are_audited_and_read_by_the_next_scan(qtbot, signed_in_window, counter):
    window = signed_in_window
    box = settings_box(qtbot, window)
    patterns = [*json.loads(box.patterns.toPlainText()), TILL7]
    box.patterns.setPlainText(json.dumps(patterns))
    box.save_patterns.click()
    qtbot.waitUntil(lambda: len(window.ctx.settings.receipt_patterns) == len(patterns))
    assert load_settings(counter.runtime.reader()).receipt_patterns[-1] == TILL7
    with counter.runtime.reader() as uow:
        subjects = uow.session.scalars(
            select(AuditEntry.subject).where(AuditEntry.action == "setting.changed")
        ).all()
    assert "setting:receipt_patterns" in subjects
    window._on_scan("T7|00001234|4599")  # as a scan from any page
    qtbot.waitUntil(lambda: window.current_page_key() == "points")
    assert window.pages["points"].amount.text() == "45.99"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_the_pos_interface_is_turned_on_and_off(qtbot, signed_in_window):
    window = signed_in_window
    box = settings_box(qtbot, window)
    port = free_port()
    box.enabled.setChecked(True)
    box.host.setText("127.0.0.1")
    box.port.setValue(port)
    with qtbot.waitSignal(window.pos.serving, timeout=10_000) as serving:
        box.save_endpoint.click()
    assert serving.args == [port]
    answer = httpx.get(f"http://127.0.0.1:{port}/openapi.json", timeout=5)
    assert answer.status_code == 200
    refused = httpx.post(f"http://127.0.0.1:{port}/sales", json={}, timeout=5)
    assert refused.json()["code"] == "pos.token_missing"
    box.enabled.setChecked(False)
    with qtbot.waitSignal(window.pos.serving, timeout=10_000) as stopped:
        box.save_endpoint.click()
    assert stopped.args == [None]


def test_a_bad_address_is_refused_and_nothing_listens(qtbot, signed_in_window):
    box = settings_box(qtbot, signed_in_window)
    box.enabled.setChecked(True)
    box.host.setText("8.8.8.8")  # not this computer's LAN
    box.save_endpoint.click()
    qtbot.waitUntil(lambda: box.error.isVisible() and box.error.text() != "")
    assert signed_in_window.ctx.settings.pos_endpoint is None
