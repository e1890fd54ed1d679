"""Start-up like a native app: the main window paints before any page's module or the
protocol's schemas are imported; a page is built the first time it is shown and works."""

import os
import subprocess
import sys
from pathlib import Path

from ui.page_registry import KEYS, PAGES, index_of

ROOT = Path(__file__).resolve().parents[2]

# Runs main.main on the folder and, on the main window's first paint, prints which of the
# watched modules are loaded, then quits.
CHILD = """
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication
import ui.first_paint

WATCHED = sys.argv[2].split(",")

class Probe(QObject):
    def eventFilter(self, watched, event):
        if (
            event.type() == QEvent.Type.Paint
            and watched.isWidgetType()
            and type(watched.window()).__name__ == "MainWindow"
        ):
            loaded = [name for name in WATCHED if name in sys.modules]
            print("loaded at first paint:", ",".join(loaded) or "-", flush=True)
            QApplication.instance().removeEventFilter(self)
            QTimer.singleShot(0, QApplication.instance().quit)
        return False

probe = Probe()
made = ui.first_paint.create_app

def create_app(argv=None):
    app = made(argv)
    app.installEventFilter(probe)
    return app

ui.first_paint.create_app = create_app
import main
main.main(["--data-dir", sys.argv[1]])
"""

PAGE_MODULES = [f"ui.pages.{spec.home}" for spec in PAGES]
SCHEMAS = [
    "pydantic",
    "services.protocol.operations",
    "services.protocol.changes",
    "services.protocol.validate",
]


def test_the_first_paint_waits_for_no_page_and_no_schema(counter, tmp_path):
    data_dir = counter.runtime.data_dir
    counter.runtime.close()  # the child opens the folder as a start does
    script = tmp_path / "child.py"
    script.write_text(CHILD, encoding="utf-8")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    watched = ",".join(PAGE_MODULES + SCHEMAS + ["ui.page_registry"])
    done = subprocess.run(
        [sys.executable, str(script), str(data_dir), watched],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("loaded at")]
    assert done.returncode == 0 and lines, done.stdout + done.stderr
    # The registry itself is loaded (the navigation's titles); nothing it points to is.
    assert lines[0] == "loaded at first paint: ui.page_registry"


def test_a_page_is_built_when_first_shown_and_works(qtbot, signed_in_window):
    window = signed_in_window
    assert window.pages.built("checkin") is not None  # where signing in lands
    assert window.pages.built("settings") is None
    blank = window.stack.widget(index_of("settings"))
    window.go_to(index_of("settings"))
    page = window.pages.built("settings")
    assert page is not None and window.stack.currentWidget() is page
    assert page.objectName() == "settingsPage" and window.stack.count() == len(KEYS)
    assert window.stack.indexOf(blank) == -1  # the blank left the stack
    assert window.nav.currentRow() == index_of("settings")
    assert page.heading.text() == PAGES[index_of("settings")].translated_title() == "Settings"


def test_a_scan_builds_the_page_that_takes_it_and_that_page_answers(qtbot, signed_in_window):
    window = signed_in_window
    assert window.pages.built("coupons") is None
    window._on_scan("LCC-NOT-A-COUPON")  # a coupon's prefix, from the check-in page
    assert window.current_page_key() == "coupons"
    page = window.pages.built("coupons")
    assert page is not None and page.isVisible()
    qtbot.waitUntil(lambda: page.message.text() != "")  # refused, in words
