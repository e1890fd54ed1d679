"""One scan, one task: a member scan starts its look-up and its visit's write, nothing more;
the counts, lists and sync refresh once after a burst of scans, not once per scan."""

import time

import pytest
from PySide6.QtCore import Qt

from services.members import accounts as members
from services.members.accounts import NewMember
from tests.ui.driving import sign_in_as
from ui import context, status_bar, sync_loop, workers


class CountingSet(set):
    """ui.workers' set of tasks in flight, counting every task started."""

    started = 0

    def add(self, item) -> None:
        type(self).started += 1
        super().add(item)


@pytest.fixture
def tasks(monkeypatch):
    CountingSet.started = 0
    monkeypatch.setattr(workers, "_pending", CountingSet(workers._pending))
    return CountingSet


@pytest.fixture
def codes(counter):
    # Born in a month far from today's: no birthday offer to look up.
    month = (counter.runtime.now().month + 5) % 12 + 1
    made = []
    for i in range(5):
        new = NewMember(f"顾客{i}", f"1391234560{i}", month, 10, 1990)
        m = members.register_member(
            counter.runtime.writer(), counter.manager, counter.runtime.now(), new
        )
        made.append(
            members.member_code(
                counter.runtime.writer(), counter.manager, counter.runtime.now(), m.id
            )
        )
    return made


@pytest.fixture
def page(qtbot, make_window, counter):
    cashier = counter.make_cashier()
    window = make_window()
    sign_in_as(qtbot, window, cashier.staff_name, counter.cashier_pin)
    qtbot.waitUntil(lambda: window.top.currentWidget() is window.workspace)
    page = window.pages["checkin"]
    qtbot.waitUntil(lambda: page.scan_input.hasFocus())
    window.statusBar()._timer.stop()  # only what the scans start is counted
    qtbot.wait(3 * context.SETTLE_MS)  # the sign-in's own refreshes are over
    page.window_ = window
    return page


def scan(qtbot, page, code: str) -> None:
    with qtbot.waitSignal(page.visit_recorded, timeout=5000):
        qtbot.keyClicks(page.scan_input, code)
        qtbot.keyClick(page.scan_input, Qt.Key.Key_Return)


def test_a_member_scan_starts_its_look_up_and_its_visit_only(qtbot, page, codes, tasks):
    page.ctx._settle.setInterval(60_000)  # the pause after the burst has not come yet
    scan(qtbot, page, codes[0])
    assert page.current is not None and page.card.name.text() == "顾客0"
    assert tasks.started == 2


def test_a_burst_of_scans_refreshes_the_status_bar_and_syncs_once_after_it(
    qtbot, page, codes, tasks, monkeypatch
):
    reads, cycles = [], []
    read, cycle = status_bar.read_sync_status, sync_loop.run_cycle
    monkeypatch.setattr(status_bar, "read_sync_status", lambda uow: reads.append(1) or read(uow))
    monkeypatch.setattr(sync_loop, "run_cycle", lambda *a: cycles.append(1) or cycle(*a))
    page.ctx._settle.setInterval(60_000)  # a burst: no pause between the scans
    for code in codes:
        scan(qtbot, page, code)
    assert (reads, cycles, tasks.started) == ([], [], 2 * len(codes))

    page.ctx._settle.start(0)  # the scans pause
    qtbot.waitUntil(lambda: bool(reads and cycles), timeout=5000)
    qtbot.wait(3 * context.SETTLE_MS)
    # One sync cycle; the bar reads the counts once, and once more for the cycle's outcome.
    assert (len(reads), len(cycles)) == (2, 1)
    waiting = read(page.ctx.runtime.reader()).pending_operations
    bar = page.window_.statusBar()
    qtbot.waitUntil(lambda: bar.pending.text().endswith(f" {waiting}"), timeout=5000)


def test_changes_settle_once_after_a_pause(qtbot, signed_in_window):
    ctx = signed_in_window.ctx
    settled = []
    ctx.data_settled.connect(lambda: settled.append(time.monotonic()))
    for _ in range(10):
        ctx.data_changed.emit()
    qtbot.waitUntil(lambda: bool(settled), timeout=5000)
    qtbot.wait(3 * context.SETTLE_MS)
    assert len(settled) == 1


def test_a_burst_without_pause_still_settles_within_its_limit(qtbot, signed_in_window):
    ctx = signed_in_window.ctx
    settled = []
    ctx.data_settled.connect(lambda: settled.append(time.monotonic()))
    start = time.monotonic()
    while time.monotonic() - start < 2 * context.SETTLE_MAX_MS / 1000 and not settled:
        ctx.data_changed.emit()  # a change every 50 ms, never a pause
        qtbot.wait(50)
    assert settled, "a burst that never paused never refreshed the counts"
    assert settled[0] - start < 1.5 * context.SETTLE_MAX_MS / 1000
