"""The status bar tells everyone when the offline lease ran out (and since when), and tells
a manager when the audit log was found rewritten; both in English and Chinese."""

from datetime import timedelta

from PySide6.QtWidgets import QLabel

from models.sync import SyncState
from services.core.errors import StateError
from tests.central.harness import central_sqlite  # noqa: F401  (fixture)
from tests.ui.test_sync_page import _enroll, _offline_http
from ui.messages import message_for


def _set_state(counter, **values) -> None:
    with counter.runtime.writer() as uow:
        state = uow.session.get(SyncState, 1)
        for key, value in values.items():
            setattr(state, key, value)
        uow.commit()


def test_the_lease_running_out_is_said_with_its_date(
    qtbot, signed_in_window, counter, central_sqlite, languages
):
    window = signed_in_window
    window.statusBar().sync_loop._http = _offline_http
    _enroll(counter, central_sqlite)
    label = window.statusBar().findChild(QLabel, "statusLease")
    window.statusBar().refresh()
    qtbot.wait(300)
    assert not label.isVisible()  # the lease granted at enrollment holds

    _set_state(counter, lease_until=counter.runtime.now() - timedelta(hours=1))
    window.statusBar().refresh()
    qtbot.waitUntil(lambda: label.isVisible(), timeout=5000)
    assert "no redemptions" in label.text() and "03-01 09:00" in label.text()
    assert "points cannot be spent" in label.toolTip()
    languages.apply("zh_CN")
    qtbot.waitUntil(lambda: "兑换" in label.text() and "03-01 09:00" in label.text(), timeout=5000)


def test_an_audit_break_is_shown_to_the_manager(
    qtbot, signed_in_window, counter, central_sqlite, languages
):
    window = signed_in_window
    window.statusBar().sync_loop._http = _offline_http
    _enroll(counter, central_sqlite)
    label = window.statusBar().findChild(QLabel, "statusAudit")
    _set_state(counter, audit_break_code="audit.chain_broken", audit_break_at=counter.runtime.now())
    window.statusBar().refresh()
    qtbot.waitUntil(lambda: label.isVisible(), timeout=5000)
    assert "rewritten" in label.text() and "head office" in label.toolTip()
    languages.apply("zh_CN")
    qtbot.waitUntil(lambda: "审计" in label.text(), timeout=5000)
    label.linkActivated.emit("seen")  # the manager clicks "Mark seen"
    qtbot.waitUntil(lambda: not label.isVisible(), timeout=5000)
    with counter.runtime.reader() as uow:
        assert uow.session.get(SyncState, 1).audit_break_code is None


def test_the_refusal_is_told_in_both_languages(languages):
    error = StateError("lease.expired", until=None)
    english = message_for(error)
    languages.apply("zh_CN")
    chinese = message_for(error)
    assert "central system" in english and "积分" in chinese and chinese != english
