"""A long shift with the window open and the network coming and going: memory and file
handles do not keep growing, and the queue drains to zero once the centre is back."""

import pytest

from tests.central.harness import central_sqlite  # noqa: F401  (fixture)
from tests.ui.shift import run_shift

OPERATIONS = 1200


@pytest.mark.slow  # 1,200 operations through the window: CI's slow step
def test_a_long_shift_leaks_nothing_and_leaves_no_stuck_queue(
    qtbot,
    signed_in_window,
    counter,
    central_sqlite,  # noqa: F811
):
    report = run_shift(qtbot, signed_in_window, counter, central_sqlite, OPERATIONS)
    assert report.operations == OPERATIONS and report.offline_spells >= 2
    assert report.pending_at_end == 0  # everything reached the centre after the outages
    settled = report.rss_mb[2:]  # after warm-up: caches, fonts, the first pages drawn
    assert max(settled) - settled[0] < 40, report.rss_mb
    assert max(report.handles[2:]) - report.handles[2] <= 8, report.handles
    assert central_sqlite.scalar("SELECT count(*) FROM operation") > OPERATIONS
