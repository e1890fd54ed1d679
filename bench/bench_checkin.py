"""Scan-to-card on a database of a million members, beside a raw SQLite lookup.

Scan-to-card runs the real GUI offscreen: the scanner's keys go into the scan field, the
clock starts at Enter and stops when the member card shows the member (the check-in runs
in a worker thread, records the visit and its outbox row, and signals back). Beside it,
scan-to-painted stops when the frame that paints the card is done (Qt paints on the
platform's next update, up to 5 ms after the widgets change).
Run: python -m bench.bench_checkin [--members 1000000] [--scans 300] [--runs 3]
"""

import argparse
import os
import random
import sqlite3
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QEventLoop, QObject, Qt, QTimer
from PySide6.QtTest import QTest

from bench.bench_foundation import percentiles
from bench.scratch import private_secrets
from devkit.populate import add_members
from models.db import database_path
from services.core.bootstrap import open_counter
from services.core.clock import SystemClock
from services.core.setup import NewCounter, set_up_counter
from services.members import accounts as members
from services.members.codes import read_member_code
from services.staff.accounts import sign_in
from ui.app import create_app
from ui.context import CounterContext
from ui.i18n import LanguageSwitcher
from ui.idle import IdleWatcher
from ui.main_window import MainWindow


def wait_for(signal, timeout_ms: int = 5000) -> None:
    loop = QEventLoop()
    signal.connect(loop.quit)
    QTimer.singleShot(timeout_ms, loop.quit)
    loop.exec()
    signal.disconnect(loop.quit)


class PaintClock(QObject):
    """When the frame that painted `widget` last was done (a zero timer runs after it)."""

    def __init__(self, widget) -> None:
        super().__init__(widget)
        self.done_at = 0.0
        widget.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, self, self._frame_done)
        return False

    def _frame_done(self) -> None:
        self.done_at = time.perf_counter()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--members", type=int, default=1_000_000)
    parser.add_argument("--scans", type=int, default=300)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    app = create_app([])
    with tempfile.TemporaryDirectory() as tmp:
        runtime = open_counter(Path(tmp), SystemClock())
        ident, manager = set_up_counter(
            runtime.writer(), NewCounter("基准店", "BENCH", "1", "经理", "2580"), runtime.now()
        )
        start = time.perf_counter()
        db_path = database_path(runtime.data_dir)
        add_members(db_path, args.members, ident.store_id, "BENCH", "1")
        print(f"populated {args.members:,} members in {time.perf_counter() - start:.1f} s")
        actor = sign_in(runtime.writer(), manager.id, "2580", runtime.now())
        rng = random.Random(7)
        ids = [
            f"00000000-0000-7000-8000-{rng.randint(1, args.members):012d}"
            for _ in range(args.scans)
        ]
        codes = [members.member_code(runtime.writer(), actor, runtime.now(), i) for i in ids]

        window = MainWindow(CounterContext(runtime, ident, LanguageSwitcher(app)), IdleWatcher(app))
        window.ctx.set_actor(actor)
        window.top.setCurrentWidget(window.workspace)
        window.show()
        page = window.pages["checkin"]
        page.scan_input.setFocus()
        painted_clock = PaintClock(page.card)
        runs = []
        for _run in range(args.runs):  # the same members again: a run is a shift's scans
            gui, durable, painted = [], [], []
            for code in codes:
                QTest.keyClicks(page.scan_input, code)
                t0 = time.perf_counter()
                QTest.keyClick(page.scan_input, Qt.Key.Key_Return)
                wait_for(page.card_shown)
                gui.append((time.perf_counter() - t0) * 1000)
                wait_for(page.visit_recorded)
                durable.append((time.perf_counter() - t0) * 1000)
                while painted_clock.done_at < t0:  # painted before the visit, unless hidden
                    QTest.qWait(1)
                painted.append((painted_clock.done_at - t0) * 1000)
                assert page.current is not None

            raw = []
            conn = sqlite3.connect(db_path)
            for code, member_id in zip(codes, ids, strict=True):
                t0 = time.perf_counter()
                with runtime.reader() as uow:
                    read_member_code(uow, code)  # signature check against the trusted keys
                conn.execute("SELECT * FROM member WHERE id = ?", (member_id,)).fetchone()
                raw.append((time.perf_counter() - t0) * 1000)
            conn.close()
            runs.append((gui, painted, durable, raw))
        window.close()
        runtime.close()
    print(f"load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    for run, (gui, painted, durable, raw) in enumerate(runs, 1):
        g50, g99 = percentiles(gui)
        p50, p99 = percentiles(painted)
        d50, d99 = percentiles(durable)
        r50, r99 = percentiles(raw)
        print(
            f"run {run}: scan-to-card ({args.scans} scans) p50 {g50:.2f} ms, p99 {g99:.2f} ms"
            f" | scan-to-painted p50 {p50:.2f} ms, p99 {p99:.2f} ms"
            f" | scan-to-visit-saved (durable) p50 {d50:.2f} ms, p99 {d99:.2f} ms"
            f" | floor, lookup + signature check p50 {r50:.3f} ms, p99 {r99:.3f} ms"
        )


if __name__ == "__main__":
    with private_secrets():
        main()
