"""The first thing a start does: the application and a window on the screen, before the
database, the services and the pages load (they take about a second on a loaded machine).

Only Qt and the style are imported here; ui.app builds the real window next and takes the
place of this one.
"""

import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QDir, QEvent, QLoggingCategory, QObject, Qt, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget

from resources import resource_path
from ui.fonts import apply_app_font
from ui.interpreter import share_lock_for_gui
from ui.single_instance import SingleInstance

APP_TITLE = "Loyalty Counter"
WINDOW_SIZE = (1366, 768)
PAINT_LATEST_MS = 1000  # a window never painted (minimised, hidden) starts its work anyway


def create_app(argv: list[str] | None = None) -> QApplication:
    # Qt Multimedia (the camera, the door's sounds) logs its back end's details at start:
    # noise at a counter. QT_LOGGING_RULES in the environment still overrides this.
    QLoggingCategory.setFilterRules("qt.multimedia*=false")
    share_lock_for_gui()
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv)
    QDir.addSearchPath("icons", str(resource_path("icons")))  # url(icons:…) in style.qss
    app.setApplicationName(APP_TITLE)
    app.setOrganizationName("LoyaltyCounter")
    apply_app_font(app)
    app.setStyleSheet(resource_path("style.qss").read_text(encoding="utf-8"))
    app.setWindowIcon(QIcon(str(resource_path("icons", "loyalty-counter.png"))))
    return app


def show_starting_window(app: QApplication) -> QWidget:
    """A window where the counter's will be, painted now; closed when the real one shows."""
    window = QWidget()
    window.setObjectName("startingWindow")
    window.setWindowTitle(APP_TITLE)
    # Both languages: which one this counter uses is in its database, not read yet.
    label = QLabel("正在启动…  Starting…", window)
    label.setObjectName("pageSummary")
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    layout = QVBoxLayout(window)
    layout.addWidget(label)
    window.resize(*WINDOW_SIZE)
    window.show()
    app.processEvents()  # painted before the imports and the database that follow
    return window


def claim_folder(data_dir: Path) -> SingleInstance | None:
    """This start's hold on the data folder; None when a window already has it open (that
    window is asked to come forward instead)."""
    instance = SingleInstance(data_dir)
    if instance.acquire():
        return instance
    instance.ask_running_to_show()
    return None


class _AfterFirstPaint(QObject):
    """Runs `then` once, on the event loop's turn after `window` (or a child) first paints."""

    def __init__(self, window: QWidget, then: Callable[[], None]) -> None:
        super().__init__(window)
        self._window = window
        self._then = then
        self._done = False
        QApplication.instance().installEventFilter(self)
        QTimer.singleShot(PAINT_LATEST_MS, self, self._run)

    def eventFilter(self, watched, event) -> bool:
        if (
            event.type() == QEvent.Type.Paint
            and watched.isWidgetType()
            and watched.window() is self._window
        ):
            QApplication.instance().removeEventFilter(self)
            QTimer.singleShot(0, self, self._run)
        return False

    def _run(self) -> None:
        if not self._done:
            self._done = True
            QApplication.instance().removeEventFilter(self)
            self._then()


def after_first_paint(window: QWidget, then: Callable[[], None]) -> None:
    """Background work a window starts (its first reads, the sync, warming imports) begins
    once it has painted: threads importing and querying would slow the paint itself."""
    _AfterFirstPaint(window, then)
