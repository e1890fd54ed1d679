"""Start-up to first paint on a database of a million members, beside a bare PySide6 window.

Each start is a new Python process, timed from just before it is spawned to the line it
prints on its first paint event (the counter: whatever window it paints first; then, as a
second figure, its main window's sign-in page painted, with the database open and every
page built). The floor is a process that imports PySide6 and paints one empty window.
The counter runs `main.main` on a set-up folder, exactly as `loyalty-counter` does.
Run: python -m bench.bench_startup [--members 1000000] [--starts 7] [--runs 3]
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
TIMEOUT_S = 120


def child(kind: str, data_dir: str) -> None:
    """In the spawned process: print `paint` on the first paint, `ready` on the main window's."""
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    class Probe(QObject):
        painted = False

        def eventFilter(self, watched, event) -> bool:
            if event.type() == QEvent.Type.Paint and watched.isWidgetType():
                if not self.painted:
                    self.painted = True
                    print("paint", flush=True)
                if kind == "bare" or type(watched.window()).__name__ == "MainWindow":
                    print("ready", flush=True)
                    QApplication.instance().removeEventFilter(self)
                    QTimer.singleShot(0, QApplication.instance().quit)
            return False

    probe = Probe()
    if kind == "bare":
        from PySide6.QtWidgets import QWidget

        app = QApplication([])
        app.installEventFilter(probe)
        window = QWidget()
        window.resize(1366, 768)
        window.show()
        app.exec()
        return
    import ui.first_paint

    made = ui.first_paint.create_app

    def create_app(argv=None):
        app = made(argv)
        app.installEventFilter(probe)
        return app

    ui.first_paint.create_app = create_app
    import main

    main.main(["--data-dir", data_dir])


def start_once(kind: str, data_dir: Path) -> tuple[float, float]:
    """Milliseconds from spawning to the first paint, and to the ready paint."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    # Compiled once, as an installed or bundled app is: not every start from source.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    command = [sys.executable, "-m", "bench.bench_startup", "--child", kind, str(data_dir)]
    t0 = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=env, cwd=ROOT)
    marks = {}
    try:
        for line in proc.stdout:
            marks.setdefault(line.strip(), (time.perf_counter() - t0) * 1000)
            if "ready" in marks:
                break
        proc.wait(TIMEOUT_S)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    if "ready" not in marks:
        raise RuntimeError(f"the {kind} start never painted (exit {proc.returncode})")
    return marks["paint"], marks["ready"]


def make_counter(data_dir: Path, count: int) -> None:
    from devkit.populate import add_members
    from models.db import database_path
    from services.core.bootstrap import open_counter
    from services.core.clock import SystemClock
    from services.core.setup import NewCounter, set_up_counter

    runtime = open_counter(data_dir, SystemClock())
    try:
        ident, _manager = set_up_counter(
            runtime.writer(), NewCounter("基准店", "BENCH", "1", "经理", "2580"), runtime.now()
        )
        add_members(database_path(data_dir), count, ident.store_id, "BENCH", "1")
    finally:
        runtime.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--members", type=int, default=1_000_000)
    parser.add_argument("--starts", type=int, default=7)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as tmp:
        data_dir = Path(tmp) / "counter"
        begun = time.perf_counter()
        make_counter(data_dir, args.members)
        took = time.perf_counter() - begun
        print(f"set up a counter of {args.members:,} members in {took:.1f} s")
        start_once("counter", data_dir)  # the first start of the day makes its backup
        print(f"load average before the runs: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        for run in range(1, args.runs + 1):
            bare, first, ready = [], [], []
            for _ in range(args.starts):  # interleaved: both see the same machine
                bare.append(start_once("bare", data_dir)[0])
                paint, whole = start_once("counter", data_dir)
                first.append(paint)
                ready.append(whole)
            print(
                f"run {run}: first paint p50 {statistics.median(first):.0f} ms,"
                f" max {max(first):.0f} ms | sign-in page ready p50"
                f" {statistics.median(ready):.0f} ms, max {max(ready):.0f} ms"
                f" | bare PySide6 window p50 {statistics.median(bare):.0f} ms,"
                f" max {max(bare):.0f} ms ({args.starts} starts each)"
            )
        print(f"load average after the runs: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
