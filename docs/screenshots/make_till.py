"""The operator's guide's pictures of the till chapter, taken offscreen in Chinese:
Points after a scanned invoice QR, and Settings' till box with a test scan.
Run: QT_QPA_PLATFORM=offscreen python docs/screenshots/make_till.py"""

import os
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench.scratch import private_secrets
from services.core.bootstrap import open_counter
from services.core.clock import SystemClock
from services.core.setup import NewCounter, set_up_counter
from services.members import accounts as members
from services.members import check_in
from services.members.accounts import NewMember
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
        import time

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
        window.close()
        runtime.close()


if __name__ == "__main__":
    with private_secrets():
        main()
