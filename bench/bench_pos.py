"""The till's paths beside the typed one, in the same run.

1. Receipt scan to the sale ready on screen: the real window offscreen, a fully digital
   invoice's QR typed by a keyboard-wedge scanner into the Gifts page's search field; the
   clock runs from its Enter until Points shows the receipt number and amount with the
   focus on the receipt field (Enter would confirm). Target p99 16 ms.
2. POS-endpoint sale round trip: a till, in a process of its own as a real till is, posts a
   sale to the live endpoint (uvicorn in the counter's thread, token checked, over loopback
   HTTP with keep-alive) and confirms it; the clock runs from the post to the confirm's
   answer. Target p99 under 20 ms.
Beside both: the typed path's service time, points.earn with the same amounts.
Run: python -m bench.bench_pos [--scans 300] [--sales 300]
Everything is made in a temporary folder removed at the end.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import httpx
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from bench.bench_foundation import percentiles
from bench.scratch import private_secrets
from services import points
from services.core.bootstrap import open_counter
from services.core.clock import SystemClock
from services.core.setup import NewCounter, set_up_counter
from services.members import accounts as members
from services.members import check_in
from services.members.accounts import NewMember
from services.pos import PosDesk
from services.pos.endpoint import build_app
from services.pos.server import PosServer, read_pos_token, renew_pos_token
from services.staff.accounts import sign_in
from ui.app import create_app
from ui.context import CounterContext
from ui.i18n import LanguageSwitcher
from ui.idle import IdleWatcher
from ui.main_window import MainWindow
from ui.page_registry import index_of


def line(name: str, samples: list[float], target: str = "") -> str:
    p50, p99 = percentiles(samples)
    return f"{name:<44} p50 {p50:7.3f} ms   p99 {p99:7.3f} ms  {target}"


def scan_once(app, window, page, receipt: str) -> float | None:
    """One scan from Gifts; ms from its Enter to Points showing it, None if it was not
    taken as a scan (its keys came slower than a scanner's)."""
    window.go_to(index_of("gifts"))
    field = window.pages["gifts"].search
    field.clear()
    while not field.hasFocus():  # the page takes its focus once it is shown
        field.setFocus()
        app.processEvents()
    QTest.qWait(100)  # a scanner's reads are never closer: the last one has ended
    QTest.keyClicks(field, f"01,32,,{receipt},128.50,20261203,,1DD6")
    t0 = time.perf_counter()
    QTest.keyClick(field, Qt.Key.Key_Return)
    while page.receipt.text() != receipt:
        app.processEvents()
        if time.perf_counter() - t0 > 1:
            return None
    page.repaint()  # on screen, not only in the widgets
    assert page.amount.text() == "128.50"
    return (time.perf_counter() - t0) * 1000


def scans(app, runtime, ident, actor, card, count: int) -> list[float]:
    window = MainWindow(CounterContext(runtime, ident, LanguageSwitcher(app)), IdleWatcher(app))
    window.ctx.set_actor(actor)
    window.top.setCurrentWidget(window.workspace)
    window.show()
    window.ctx.set_member(card)
    page, samples, missed = window.pages["points"], [], 0
    for n in range(count):
        receipt = f"2431200000{n:010d}"
        while True:
            took = scan_once(app, window, page, receipt)
            if took is not None:
                samples.append(took)
                break
            missed += 1  # the machine stalled the scanner's keys: a burst a person typed
    print(f"scans retried because the loaded machine split a burst: {missed}")
    window.close()
    return samples


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scans", type=int, default=300)
    parser.add_argument("--sales", type=int, default=300)
    args = parser.parse_args()
    app = create_app([])
    with tempfile.TemporaryDirectory(prefix="bench_pos_") as tmp:
        runtime = open_counter(Path(tmp), SystemClock())
        ident, manager = set_up_counter(
            runtime.writer(), NewCounter("基准店", "BENCH", "1", "经理", "2580"), runtime.now()
        )
        actor = sign_in(runtime.writer(), manager.id, "2580", runtime.now())
        now = runtime.now()
        member = members.register_member(
            runtime.writer(), actor, now, NewMember("基准会员", "13800138000", 1, 1)
        )
        card = check_in.member_card(runtime.reader(), actor, now, member.id)
        scan_ms = scans(app, runtime, ident, actor, card, args.scans)

        typed_ms = []
        for n in range(args.sales):
            t0 = time.perf_counter()
            points.earn(
                runtime.writer(),
                actor,
                runtime.now(),
                member.id,
                f"T-{n}",
                12850,
                {"electronics": 9900},
                0,
                None,
                False,
            )
            typed_ms.append((time.perf_counter() - t0) * 1000)

        token = renew_pos_token(runtime.writer(), actor, runtime.now())
        desk = PosDesk(runtime.reader, runtime.writer, runtime.now, lambda: actor)
        server = PosServer(build_app(desk, lambda: read_pos_token(runtime.reader)), "127.0.0.1", 0)
        port = server.start()
        try:
            pos_ms, post_ms = till(port, token, args.sales)
        finally:
            server.stop()
        runtime.close()
    print(f"load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(line(f"receipt scan -> sale on screen ({args.scans})", scan_ms, "(target p99 16 ms)"))
    print(line(f"POS post + confirm round trip ({args.sales})", pos_ms, "(target p99 20 ms)"))
    print(line("  of which the post (quote)", post_ms))
    print(line("floor: typed earn, service time (points.earn)", typed_ms))


def till(port: int, token: str, sales: int) -> tuple[list[float], list[float]]:
    """The till's sales from another process (sharing no interpreter lock with the counter)."""
    command = [sys.executable, "-m", "bench.bench_pos", "--till", str(port), token, str(sales)]
    out = subprocess.run(command, capture_output=True, text=True)
    if out.returncode:
        raise RuntimeError(f"the till failed:\n{out.stderr[-4000:]}")
    timings = json.loads(out.stdout.strip().splitlines()[-1])
    return timings["pos"], timings["post"]


def till_child(port: int, token: str, sales: int) -> None:
    """Posts and confirms `sales` sales; prints their times as JSON."""
    pos_ms, post_ms = [], []
    headers = {"Authorization": f"Bearer {token}"}
    with httpx.Client(base_url=f"http://127.0.0.1:{port}", headers=headers) as client:
        for n in range(sales):
            sale = {
                "receipt": f"P-{n}",
                "amount_fen": 12850,
                "lines": [{"category": "electronics", "amount_fen": 9900}],
                "member": "13800138000",
            }
            t0 = time.perf_counter()
            posted = client.post("/sales", json=sale)
            t1 = time.perf_counter()
            done = client.post(f"/sales/{posted.json()['sale_id']}/confirm")
            pos_ms.append((time.perf_counter() - t0) * 1000)
            post_ms.append((t1 - t0) * 1000)
            assert done.json()["status"] == "confirmed", done.text
    print(json.dumps({"pos": pos_ms, "post": post_ms}))


if __name__ == "__main__":
    if sys.argv[1:2] == ["--till"]:
        till_child(int(sys.argv[2]), sys.argv[3], int(sys.argv[4]))
    else:
        with private_secrets():
            main()
