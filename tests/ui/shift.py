"""A simulated shift at the counter, for the long-run test and its benchmark: the window
open and signed in, a cashier earning through the Points page, coupons and visits through
the services, and the centre dropping off and coming back every few hundred operations.
Memory and open file handles are sampled as it goes."""

import contextlib
import os
import random
from dataclasses import dataclass, field

import httpx

from services import sync
from services.coupons import issue as coupons
from services.members import accounts as members
from services.members import check_in
from services.members.accounts import NewMember
from services.reports.status import read_sync_status
from tests.central.harness import CENTRAL_URL
from ui.main_window import PAGE_KEYS

SAMPLE_EVERY = 100
FLIP_EVERY = 300  # operations between the network going down and coming back


@dataclass
class ShiftReport:
    operations: int = 0
    rss_mb: list[float] = field(default_factory=list)
    handles: list[int] = field(default_factory=list)
    offline_spells: int = 0
    pending_at_end: int = -1


def rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def open_handles() -> int:
    return len(os.listdir("/proc/self/fd"))


class Network:
    """The centre in-process, behind a switch: off, every request fails to connect."""

    def __init__(self, central) -> None:
        self.central, self.up = central, True

    def http(self, url: str) -> httpx.Client:
        if self.up:
            return self.central.http(url)

        def refuse(request: httpx.Request) -> httpx.Response:
            raise httpx.ConnectError("the network is down", request=request)

        return httpx.Client(transport=httpx.MockTransport(refuse), base_url=url)


def run_shift(qtbot, window, counter, central, operations: int, seed: int = 7) -> ShiftReport:
    rng = random.Random(seed)
    network = Network(central)
    loop = window.statusBar().sync_loop
    loop._http = network.http
    central.create_store()
    sync.enroll(
        counter.runtime.writer,
        counter.manager,
        counter.runtime.now(),
        CENTRAL_URL,
        central.enrollment_code(),
        network.http,
    )
    people = [
        members.register_member(
            counter.runtime.writer(),
            counter.manager,
            counter.runtime.now(),
            NewMember(f"顾客{i:02d}", f"1390000{i:04d}", 8, 12),
        ).id
        for i in range(30)
    ]
    page = window.pages["points"]
    window.go_to([key for key, _shortcut in PAGE_KEYS].index("points"))
    report = ShiftReport()
    for n in range(1, operations + 1):
        member_id = rng.choice(people)
        choice = rng.random()
        if choice < 0.6:
            _earn_on_the_page(qtbot, window, page, counter, member_id, n, rng)
        elif choice < 0.75:
            with contextlib.suppress(Exception):
                coupons.exchange_points(
                    counter.runtime.writer(), counter.manager, counter.runtime.now(), member_id, 100
                )
        else:
            check_in.record_visit(
                counter.runtime.writer(), counter.manager, counter.runtime.now(), member_id, "code"
            )
        report.operations = n
        if n % FLIP_EVERY == 0:
            network.up = not network.up
            report.offline_spells += 0 if network.up else 1
            window.ctx.sync_requested.emit()
        if n % SAMPLE_EVERY == 0:
            qtbot.wait(1)  # let queued signals and deferred deletes run, as an idle GUI would
            report.rss_mb.append(rss_mb())
            report.handles.append(open_handles())
    network.up = True
    window.ctx.sync_requested.emit()
    qtbot.waitUntil(lambda: _pending(counter) == 0, timeout=60_000)
    report.pending_at_end = _pending(counter)
    return report


def _earn_on_the_page(qtbot, window, page, counter, member_id, n, rng) -> None:
    card = check_in.member_card(
        counter.runtime.reader(), counter.manager, counter.runtime.now(), member_id
    )
    window.ctx.set_member(card)
    page.amount.setText(f"{rng.randint(1, 2000)}.{rng.randint(0, 99):02d}")
    page.receipt.setText(f"S{n:06d}")
    before = page.slip.text()
    page.earn_tab.confirm()
    qtbot.waitUntil(
        lambda: page.slip.text() != before or bool(page.earn_error.text()), timeout=5000
    )


def _pending(counter) -> int:
    return read_sync_status(counter.runtime.reader()).pending_operations
