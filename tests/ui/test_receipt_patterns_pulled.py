"""Head office's receipt patterns reach the open window with the sync loop's next pull: the
counter's scans read with them without a restart."""

from services.pos import parse_receipt
from tests.central.harness import central_sqlite  # noqa: F401  (fixture)
from tests.central.test_receipt_patterns_sync import TILL, send_patterns
from tests.ui.test_sync_page import _enroll


def test_pulled_patterns_are_the_windows_at_once(
    qtbot,
    signed_in_window,
    counter,
    central_sqlite,  # noqa: F811  (the fixture)
):
    window = signed_in_window
    loop = window.statusBar().sync_loop
    loop._http = central_sqlite.http
    _enroll(counter, central_sqlite)
    send_patterns(central_sqlite, [TILL])
    window.ctx.sync_requested.emit()
    qtbot.waitUntil(lambda: window.ctx.settings.receipt_patterns == [TILL], timeout=10_000)
    scan = parse_receipt("TILL004711*12.50", window.ctx.settings.receipt_patterns)
    assert (scan.receipt, scan.amount_fen) == ("004711", 1250)
