"""The real counter in a real X window, driven by xdotool as a scanner and a cashier drive
it. Started by test_real_window.py in its own process (the tests' Qt runs offscreen):

    python -m tests.xvfb.real_counter DATA_DIR PLAN.json REPORT.json [SHOTS_DIR]

PLAN holds the cashier's PIN and, per page, the F-key and a member's code and name. The
window is the one the program shows (ui.app's factory); keys come from the X server.
REPORT says, per page, what the window showed after the code was typed.
"""

import json
import subprocess
import sys
import time
from pathlib import Path

from PySide6.QtWidgets import QApplication

from services.core.bootstrap import open_counter
from services.core.clock import SystemClock
from ui.app import build_main_window, create_app

TYPE_DELAY_MS = "5"  # a scanner's pace: 5 ms a key


def pump(app: QApplication, seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.002)


def wait_until(app: QApplication, condition, timeout: float = 15.0) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        app.processEvents()
        if condition():
            return True
        time.sleep(0.005)
    return False


def xdotool(app: QApplication, *args: str) -> None:
    """Runs xdotool while the window keeps reading its keys, as it would from a scanner."""
    process = subprocess.Popen(["xdotool", *args])
    while process.poll() is None:
        app.processEvents()
        time.sleep(0.001)
    if process.returncode != 0:
        raise RuntimeError(f"xdotool {' '.join(args)} failed ({process.returncode})")


def sign_in(app: QApplication, window, name: str, pin: str) -> None:
    staff = window.sign_in.staff_list
    wait_until(app, lambda: staff.count() > 0)
    for _ in range(staff.count()):
        if staff.currentItem() is not None and staff.currentItem().text().startswith(name):
            break
        xdotool(app, "key", "Down")
    xdotool(app, "type", "--delay", "60", pin)
    xdotool(app, "key", "Return")
    if not wait_until(app, lambda: window.top.currentWidget() is window.workspace):
        raise RuntimeError("sign-in did not open the workspace")


def try_page(app: QApplication, window, step: dict, shots: Path | None) -> dict:
    xdotool(app, "key", step["key"])
    wait_until(app, lambda: window.current_page_key() == step["page"], 5)
    pump(app, 0.4)  # the page has loaded what it shows and put the focus where it goes
    focus = QApplication.focusWidget()
    report = {
        "page": step["page"],
        "focus": focus.objectName() if focus is not None else "",
        "focus_text_before": focus.text() if hasattr(focus, "text") else None,
    }
    if shots is not None:
        window.grab().save(str(shots / f"{step['page']}-before.png"))
    xdotool(app, "type", "--delay", TYPE_DELAY_MS, step["code"])
    if step.get("enter", True):
        xdotool(app, "key", "Return")
    checkin = window.pages["checkin"]
    shown = wait_until(
        app,
        lambda: (
            window.current_page_key() == "checkin"
            and checkin.card.isVisible()
            and checkin.card.name.text() == step["name"]
        ),
        10,
    )
    pump(app, 0.6)  # long enough for a second visit, had the code been read twice
    report |= {
        "card_shown": shown,
        "page_after": window.current_page_key(),
        "card_name": checkin.card.name.text() if checkin.card.isVisible() else "",
        "message": checkin.message.text() if checkin.message.isVisible() else "",
        "focus_text_after": focus.text() if hasattr(focus, "text") else None,
    }
    if shots is not None:
        window.grab().save(str(shots / f"{step['page']}-after.png"))
    return report


def main(argv: list[str]) -> int:
    data_dir, plan_path, report_path = Path(argv[0]), Path(argv[1]), Path(argv[2])
    shots = Path(argv[3]) if len(argv) > 3 else None
    plan = json.loads(plan_path.read_text(encoding="utf-8"))
    app = create_app([sys.argv[0]])
    runtime = open_counter(data_dir, SystemClock())
    window = build_main_window(app, runtime, "en")
    window.resize(1366, 768)
    window.show()
    window.raise_()
    window.activateWindow()
    reports: list[dict] = []
    try:
        if not wait_until(app, window.isActiveWindow):
            raise RuntimeError("the window never became active (no keyboard focus)")
        sign_in(app, window, plan["staff"], plan["pin"])
        pump(app, 0.5)
        reports = [try_page(app, window, step, shots) for step in plan["steps"]]
    finally:
        report_path.write_text(json.dumps(reports, ensure_ascii=False), encoding="utf-8")
        window.close()
        runtime.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
