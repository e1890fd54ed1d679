"""The sync loop, the status bar, the Sync page and enrollment in Settings, driven as a person
would, against an in-process centre (SQLite)."""

from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QTableWidget

from services import sync
from services.reports.status import read_sync_status
from tests.central.harness import CENTRAL_URL, central_sqlite  # noqa: F401  (fixture)
from tests.factories import register


def _label(window, name: str) -> str:
    return window.statusBar().findChild(QLabel, name).text()


def _offline_http(_url):
    import httpx

    def refuse(request):
        raise httpx.ConnectError("no network", request=request)

    return httpx.Client(base_url=CENTRAL_URL, transport=httpx.MockTransport(refuse))


def _enroll(counter, central) -> None:
    central.create_store()
    sync.enroll(
        counter.runtime.writer,
        counter.manager,
        counter.runtime.now(),
        CENTRAL_URL,
        central.enrollment_code(),
        central.http,
    )


def test_the_background_loop_sends_what_waits_and_the_status_bar_says_online(
    qtbot, signed_in_window, counter, central_sqlite
):
    window = signed_in_window
    loop = window.statusBar().sync_loop
    loop._http = central_sqlite.http
    qtbot.waitUntil(lambda: "Not connected to a centre" in _label(window, "statusNetwork"))
    _enroll(counter, central_sqlite)
    register(counter)
    before = loop.cycles
    window.ctx.sync_requested.emit()
    qtbot.waitUntil(lambda: loop.cycles > before and not loop.running, timeout=10_000)
    assert window.ctx.online
    assert central_sqlite.scalar("SELECT count(*) FROM operation") >= 1
    # The status bar refreshes once a burst of changes settles, so wait for its next refresh.
    qtbot.waitUntil(
        lambda: (
            "Waiting to sync: 0" in _label(window, "statusPending")
            and "Online" in _label(window, "statusNetwork")
            and "never" not in _label(window, "statusLastSync")
        ),
        timeout=5_000,
    )


def test_sync_page_lists_a_conflict_and_a_manager_resolves_it(
    qtbot, signed_in_window, counter, central_sqlite
):
    window = signed_in_window
    # Offline from here on: the resolution must wait in the outbox, not race the loop.
    window.statusBar().sync_loop._http = _offline_http
    _enroll(counter, central_sqlite)
    # The centre reports a conflict for this store (as a pull would bring it).
    from datetime import UTC, datetime

    from services.sync.apply import apply_changes

    with counter.runtime.writer() as uow:
        apply_changes(
            uow,
            [
                {
                    "seq": 1,
                    "kind": "conflict",
                    "key": "c1",
                    "body": {
                        "id": "00000000-0000-7000-8000-000000000001",
                        "kind": "stock.below_zero",
                        "subject": "gift",
                        "op_id": "x",
                        "stores": [{"id": "s", "name": "测试门店"}],
                        "detail": {"on_hand": -1},
                        "status": "open",
                        "opened_at": datetime(2026, 3, 1, tzinfo=UTC).isoformat(),
                    },
                }
            ],
            counter.runtime.now(),
        )
        uow.commit()
    window.go_to(6)  # F7
    page = window.pages["sync"]
    table = page.findChild(QTableWidget, "syncConflicts")
    qtbot.waitUntil(lambda: table.rowCount() == 1)
    assert "count this gift" in table.item(0, 0).text()
    assert table.item(0, 3).text() == "open"
    table.selectRow(0)
    page.resolve_with(page._conflicts[0].id, "盘点后已补货")
    qtbot.waitUntil(
        lambda: "waiting to sync" in (table.item(0, 3).text() if table.item(0, 3) else ""),
        timeout=5000,
    )
    with counter.runtime.reader() as uow:
        from services.core.journal import count_pending_operations

        assert count_pending_operations(uow) >= 1  # the resolution goes as an operation


def test_enrolling_from_settings_with_url_and_code(qtbot, signed_in_window, central_sqlite):
    window = signed_in_window
    central_sqlite.create_store()
    window.go_to(8)  # F9 Settings
    box = window.pages["settings"].enrollment
    box._http = central_sqlite.http
    box.findChild(QLineEdit, "centralUrl").setText(CENTRAL_URL)
    qtbot.keyClicks(box.findChild(QLineEdit, "enrollmentCode"), central_sqlite.enrollment_code())
    qtbot.mouseClick(box.findChild(QPushButton, "enrollButton"), qtbot_left())
    state = box.findChild(QLabel, "enrollmentState")
    qtbot.waitUntil(lambda: "Enrolled with" in state.text(), timeout=10_000)
    assert read_sync_status(window.ctx.runtime.reader()).enrolled
    assert central_sqlite.scalar("SELECT count(*) FROM device") == 1


def test_a_wrong_code_is_told_in_words(qtbot, signed_in_window, central_sqlite):
    window = signed_in_window
    central_sqlite.create_store()
    window.go_to(8)
    box = window.pages["settings"].enrollment
    box._http = central_sqlite.http
    box.findChild(QLineEdit, "centralUrl").setText(CENTRAL_URL)
    box.findChild(QLineEdit, "enrollmentCode").setText("AAAA-BBBB-CCCC")
    qtbot.mouseClick(box.findChild(QPushButton, "enrollButton"), qtbot_left())
    message = box.findChild(QLabel, "enrollmentMessage")
    qtbot.waitUntil(lambda: message.isVisible(), timeout=10_000)
    assert "not valid" in message.text()
    assert not read_sync_status(window.ctx.runtime.reader()).enrolled


def qtbot_left():
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton


def test_every_refusal_of_the_centre_has_its_own_message():
    """An operation the centre rejects is listed with a message staff can act on, never the
    generic "refused (code)": every stable code the push (central/push*.py) can reject with."""
    import re
    from pathlib import Path

    from services.protocol import codes as registry
    from services.sync.client import SyncError
    from ui.messages import message_for

    central = Path(__file__).resolve().parents[2] / "central"
    source = "\n".join(p.read_text() for p in sorted(central.glob("push*.py")))
    codes = set(re.findall(r'Reject\("([a-z_]+\.[a-z_]+)"', source))
    codes |= set(re.findall(r'Outcome\("rejected", "([a-z_]+\.[a-z_]+)"', source))
    named = re.findall(r"Reject\((?:error_)?codes\.([A-Z][A-Z0-9_]+)", source)
    codes |= {getattr(registry, name) for name in named}  # the registry's constants
    assert len(codes) > 15
    generic = message_for(SyncError("no.such_code")).replace("no.such_code", "")
    missing = sorted(c for c in codes if message_for(SyncError(c)).replace(c, "") == generic)
    assert missing == []


def _quarantine_two(counter) -> None:
    from services.sync.quarantine import Refusal, quarantine

    refused = [
        Refusal(
            {"seq": 7, "kind": "member", "key": "m-13", "body": {"birth_month": 13}},
            "change.bad_body",
            "birth_month: out of range",
        ),
        Refusal(
            {"seq": 8, "kind": "hologram", "key": "h-1", "body": {}}, "change.unknown_kind", ""
        ),
    ]
    with counter.runtime.writer() as uow:
        quarantine(uow, refused, counter.runtime.now())
        uow.commit()


def test_quarantined_changes_are_listed_with_why_and_the_status_bar_counts_them(
    qtbot, signed_in_window, counter, central_sqlite
):
    window = signed_in_window
    window.statusBar().sync_loop._http = _offline_http
    _enroll(counter, central_sqlite)
    _quarantine_two(counter)
    window.ctx.data_changed.emit()
    bar = window.statusBar().findChild(QLabel, "statusQuarantine")
    qtbot.waitUntil(lambda: bar.isVisible() and "2" in bar.text(), timeout=5000)
    assert "not applied" in bar.text()

    window.go_to(6)  # F7
    page = window.pages["sync"]
    table = page.findChild(QTableWidget, "syncQuarantine")
    qtbot.waitUntil(lambda: table.rowCount() == 2, timeout=5000)
    rows = {table.item(i, 0).text(): table.item(i, 3).text() for i in range(2)}
    assert "malformed" in rows["7"] and "birth_month" in rows["7"]
    assert "does not know this kind of change" in rows["8"]

    qtbot.mouseClick(page.findChild(QPushButton, "markQuarantineSeen"), qtbot_left())
    qtbot.waitUntil(lambda: not bar.isVisible(), timeout=5000)
    assert table.rowCount() == 2  # still listed, no longer counted


def test_a_clock_off_by_more_than_the_tolerance_is_told_in_both_languages(
    qtbot, signed_in_window, counter, central_sqlite, languages
):
    from models.sync import SyncState

    window = signed_in_window
    window.statusBar().sync_loop._http = _offline_http
    _enroll(counter, central_sqlite)
    label = window.statusBar().findChild(QLabel, "statusClock")
    with counter.runtime.writer() as uow:
        uow.session.get(SyncState, 1).clock_skew_s = 4 * 60  # within the tolerance
        uow.commit()
    window.statusBar().refresh()
    qtbot.wait(300)
    assert not label.isVisible()

    with counter.runtime.writer() as uow:
        uow.session.get(SyncState, 1).clock_skew_s = -12 * 60
        uow.commit()
    window.statusBar().refresh()
    qtbot.waitUntil(lambda: label.isVisible(), timeout=5000)
    assert "12 min behind" in label.text()
    languages.apply("zh_CN")
    qtbot.waitUntil(lambda: "慢" in label.text() and "12" in label.text(), timeout=5000)


def test_every_reason_a_change_is_quarantined_has_its_own_message():
    from services.sync.client import SyncError
    from ui.messages import message_for

    generic = message_for(SyncError("no.such_code")).replace("no.such_code", "")
    codes = [
        "change.bad_body",
        "change.unknown_kind",
        "change.malformed",
        "change.not_applied",
        "sync.quarantined",
        "sync.stalled",
    ]
    assert [c for c in codes if message_for(SyncError(c)).replace(c, "") == generic] == []


def test_a_stalled_sync_is_said_in_the_status_bar_and_on_the_sync_page(
    qtbot, signed_in_window, counter, central_sqlite
):
    from models.sync import SyncState

    window = signed_in_window
    window.statusBar().sync_loop._http = _offline_http
    _enroll(counter, central_sqlite)
    with counter.runtime.writer() as uow:
        uow.session.get(SyncState, 1).last_error = "sync.stalled"
        uow.commit()
    label = window.statusBar().findChild(QLabel, "statusSyncError")
    window.statusBar().refresh()
    qtbot.waitUntil(lambda: label.isVisible(), timeout=5000)
    assert "Sync stopped" in label.text() and "could not make progress" in label.toolTip()
    window.go_to(6)  # F7
    state = window.pages["sync"].findChild(QLabel, "syncState")
    qtbot.waitUntil(lambda: "could not make progress" in state.text(), timeout=5000)
