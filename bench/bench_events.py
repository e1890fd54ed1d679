"""A burst at the door: 2,000 attendees signed in back to back through the real page.

Per scan: Enter to the answer on screen (the sign-in runs in a worker and writes the
sign-in, a walk-in registration, the attendance points and their outbox rows with a
durable commit), and the sign-in service call alone. Beside them, the floor: SQLite
committing one small row with the same pragmas.
Then the door's group commit (bench/door_lanes.py): `--lanes` scanners at once, each scan's
service time with a commit per scan and with sign-ins waiting behind a commit sharing the
next one, and one lane through the group commit (its groups hold one scan).
Run: python -m bench.bench_events [--attendees 2000] [--points 20] [--runs 3] [--lanes 4]
"""

import argparse
import os
import sqlite3
import sys
import tempfile
import time
import uuid
from datetime import timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtTest import QTest

from bench.bench_foundation import percentiles
from bench.door_lanes import lanes_run
from bench.scratch import private_secrets
from devkit.populate import add_members
from models.db import database_path
from services.core.bootstrap import open_counter
from services.core.clock import SystemClock
from services.core.setup import NewCounter, set_up_counter
from services.events import planning as events
from services.events import signin as event_signin
from services.events.planning import EventSpec
from services.members.codes import sign_member_code
from services.staff.accounts import sign_in
from ui.app import create_app
from ui.context import CounterContext
from ui.i18n import LanguageSwitcher
from ui.idle import IdleWatcher
from ui.main_window import MainWindow
from ui.workers import wait_for_background


class Waiter:
    """One event loop, connected once: per-scan connect/disconnect is what crashed PySide."""

    def __init__(self, signal) -> None:
        self.loop = QEventLoop()
        self.done = False
        signal.connect(self._seen)

    def _seen(self, _value) -> None:
        self.done = True
        self.loop.quit()

    def wait(self, timeout_ms: int = 5000) -> None:
        if not self.done:
            QTimer.singleShot(timeout_ms, self.loop.quit)
            self.loop.exec()
        self.done = False


def setup(tmp: Path, attendees: int, points: int, code: str):
    runtime = open_counter(tmp, SystemClock())
    ident, manager = set_up_counter(
        runtime.writer(), NewCounter("基准店", "BENCH", "1", "经理", "2580"), runtime.now()
    )
    actor = sign_in(runtime.writer(), manager.id, "2580", runtime.now())
    now = runtime.now()
    spec = EventSpec(
        code, "基准活动", "大厅", now, now + timedelta(hours=6), attendees * 2, None, False, points
    )
    event_id = events.create_event(runtime.writer(), actor, now, spec)
    add_members(database_path(runtime.data_dir), attendees, ident.store_id, "BENCH", "1")
    ids = [f"00000000-0000-7000-8000-{i:012d}" for i in range(1, attendees + 1)]
    with runtime.writer() as uow:
        codes = [sign_member_code(uow, "bench", i, 1, now) for i in ids]
        uow.commit()
    return runtime, ident, actor, event_id, codes


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--attendees", type=int, default=2000)
    parser.add_argument("--points", type=int, default=20)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--lanes", type=int, default=4)
    parser.add_argument(
        "--switch-ms",
        type=float,
        default=None,
        help="Python's GIL switch interval (default 5 ms): how long a thread that wants the"
        " GIL may wait for the other to give it up",
    )
    args = parser.parse_args()
    if args.switch_ms is not None:
        sys.setswitchinterval(args.switch_ms / 1000)
    app = create_app([])
    print(f"load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    for run in range(1, args.runs + 1):
        gui, service, again, raw = one_run(app, args)
        print(f"run {run}:")
        for label, samples in (
            (f"Enter to answer shown ({args.attendees} scans, admitted)", gui),
            ("sign-in service call (admitted: walk-in, points, 3 outbox rows)", service),
            ("sign-in service call (already signed in, 500 scans)", again),
            ("floor: SQLite durable commit of one row", raw),
        ):
            p50, p99 = percentiles(samples)
            print(f"{label}: p50 {p50:.2f} ms, p99 {p99:.2f} ms")
        ratio = percentiles(service)[1] / percentiles(raw)[1]
        print(f"sign-in service p99 = {ratio:.1f} x the floor's p99 (target <= 4)")
        print_lanes(args)


def print_lanes(args) -> None:
    for lanes, grouped in ((1, False), (1, True), (args.lanes, False), (args.lanes, True)):
        samples, rate, largest = lanes_run(setup, args.attendees, args.points, lanes, grouped)
        p50, p99 = percentiles(samples)
        how = "group commit" if grouped else "a commit per scan"
        print(
            f"{lanes} lane(s), {how}: service p50 {p50:.2f} ms, p99 {p99:.2f} ms,"
            f" {rate:.0f} sign-ins/s, largest group {largest}"
        )


def one_run(app, args) -> tuple[list[float], ...]:
    with tempfile.TemporaryDirectory() as tmp:
        runtime, ident, actor, event_id, codes = setup(Path(tmp), args.attendees, args.points, "B1")
        window = MainWindow(CounterContext(runtime, ident, LanguageSwitcher(app)), IdleWatcher(app))
        window.ctx.set_actor(actor)
        window.top.setCurrentWidget(window.workspace)
        window.show()
        window.go_to(3)
        page = window.pages["events"]
        while page.door.event_id != event_id:
            app.processEvents()
        door = page.door
        waiter = Waiter(door.result_shown)
        gui, outcomes = [], set()
        for code in codes:
            door.scan_input.setText(code)  # the keys' own time is the scanner's, not ours
            t0 = time.perf_counter()
            QTest.keyClick(door.scan_input, Qt.Key.Key_Return)
            waiter.wait()
            gui.append((time.perf_counter() - t0) * 1000)
            outcomes.add(door.last_result.outcome if door.last_result else "error")
        assert outcomes == {"admitted"}, outcomes
        window.close()
        wait_for_background()  # a refresh still reading would leave a file in the folder
        runtime.close()

    with tempfile.TemporaryDirectory() as tmp:  # the service alone, same work, fresh file
        runtime, _i, actor, event_id, codes = setup(Path(tmp), args.attendees, args.points, "B2")
        service = []
        for code in codes:
            t0 = time.perf_counter()
            r = event_signin.sign_in(
                runtime.writer(), actor, runtime.now(), event_id, code, uuid.uuid4().hex
            )
            service.append((time.perf_counter() - t0) * 1000)
            assert r.outcome == "admitted"
        again = []
        for code in codes[:500]:
            t0 = time.perf_counter()
            event_signin.sign_in(
                runtime.writer(), actor, runtime.now(), event_id, code, uuid.uuid4().hex
            )
            again.append((time.perf_counter() - t0) * 1000)
        raw = []
        conn = sqlite3.connect(database_path(runtime.data_dir), isolation_level=None)
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("CREATE TABLE bench_row (x)")
        for _ in range(args.attendees):
            t0 = time.perf_counter()
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("INSERT INTO bench_row VALUES (1)")
            conn.execute("COMMIT")
            raw.append((time.perf_counter() - t0) * 1000)
        conn.close()
        runtime.close()
    return gui, service, again, raw


if __name__ == "__main__":
    with private_secrets():
        main()
    os._exit(0)  # the pinned references above leave finalization nothing sane to do
