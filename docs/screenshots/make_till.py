"""The operator's guide's pictures of the till chapter, taken offscreen in Chinese:
Points after a scanned invoice QR, Settings' till box with a test scan, and the day's
reconciliation on Reports with its printed page.
Run: QT_QPA_PLATFORM=offscreen python docs/screenshots/make_till.py"""

import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench.scratch import private_secrets
from services import points
from services.core.bootstrap import open_counter
from services.core.clock import SystemClock
from services.core.setup import NewCounter, set_up_counter
from services.members import accounts as members
from services.members import check_in
from services.members.accounts import NewMember
from services.printing.reconcile_page import render_reconcile_page
from services.staff.accounts import sign_in
from ui.app import create_app
from ui.context import CounterContext
from ui.i18n import LanguageSwitcher
from ui.idle import IdleWatcher
from ui.main_window import MainWindow
from ui.page_registry import index_of

HERE = Path(__file__).resolve().parent
FAPIAO = "01,32,,24312000000136634917,128.50,20261203,,1DD6"


def settle(app, rounds: int = 40) -> None:
    for _ in range(rounds):
        app.processEvents()


def main() -> None:
    app = create_app([])
    with tempfile.TemporaryDirectory() as tmp:
        runtime = open_counter(Path(tmp), SystemClock())
        ident, manager = set_up_counter(
            runtime.writer(), NewCounter("人民路店", "S001", "1", "王经理", "2580"), runtime.now()
        )
        actor = sign_in(runtime.writer(), manager.id, "2580", runtime.now())
        member = members.register_member(
            runtime.writer(), actor, runtime.now(), NewMember("周晓梅", "13912340000", 6, 18)
        )
        languages = LanguageSwitcher(app)
        languages.apply("zh_CN")
        window = MainWindow(CounterContext(runtime, ident, languages), IdleWatcher(app))
        window.resize(1280, 800)
        window.ctx.set_actor(actor)
        window.top.setCurrentWidget(window.workspace)
        window.show()
        window.ctx.set_member(
            check_in.member_card(runtime.reader(), actor, runtime.now(), member.id)
        )
        window._on_scan(FAPIAO)
        end = time.monotonic() + 2
        while time.monotonic() < end:
            app.processEvents()
        window.grab().save(str(HERE / "zh-points-receipt-scan.png"))
        window.go_to(index_of("settings"))
        settle(app)
        box = window.pages["settings"].till
        box.trial.setText(FAPIAO)
        box.enabled.setChecked(True)
        settle(app)
        box.grab().save(str(HERE / "zh-settings-till.png"))
        shoot_reconciliation(app, window, runtime, actor, member.id, Path(tmp))
        window.close()
        runtime.close()


def shoot_reconciliation(app, window, runtime, actor, member_id, tmp: Path) -> None:
    """Reports → POS 对账 after importing a till export with a line of each kind, one of
    them explained; and the printed A4 page of the same day."""
    for receipt, fen in (("R-0001", 12850), ("R-0002", 8800), ("R-0003", 3000)):
        points.earn(runtime.writer(), actor, runtime.now(), member_id, receipt, fen, {})
    export = tmp / "pos-export.csv"
    rows = ["receipt,amount,kind,member", "R-0001,128.50,sale,LCM1", "R-0002,86.00,sale,LCM1"]
    rows += ["R-0004,99.00,sale,LCM2"] + [f"W-{n:03d},5.00,sale," for n in range(120)]
    export.write_text("\n".join(rows) + "\n", encoding="utf-8-sig")
    window.go_to(index_of("reports"))
    page = window.pages["reports"]
    page.tabs.setCurrentWidget(page.reconcile_tab)
    tab = page.reconcile_tab
    tab.import_file(export)
    wait(app, lambda: tab.result is not None)
    for g in range(tab.tree.topLevelItemCount()):
        group = tab.tree.topLevelItem(g)
        if group.child(0).text(0) == "R-0002":
            tab.tree.setCurrentItem(group.child(0))
    tab.reason.setText("收银员输错金额，已与收银记录核对")
    tab._explain()
    wait(app, lambda: bool(tab.reasons))
    window.grab().save(str(HERE / "zh-reconcile.png"))
    pdf = render_reconcile_page(tab.text().printed, tmp / "reconcile.pdf")
    if shutil.which("pdftoppm"):
        subprocess.run(
            [
                "pdftoppm",
                "-r",
                "60",
                "-png",
                "-singlefile",
                str(pdf),
                str(HERE / "zh-reconcile-a4"),
            ],
            check=True,
        )


def wait(app, done, seconds: float = 10) -> None:
    end = time.monotonic() + seconds
    while not done() and time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)
    settle(app)


if __name__ == "__main__":
    with private_secrets():
        main()
