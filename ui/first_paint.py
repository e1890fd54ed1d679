"""The first thing a start does: the application and a window on the screen, before the
database, the services and the pages load (they take about a second on a loaded machine).

Only Qt and the style are imported here; ui.app builds the real window next and takes the
place of this one.
"""

import sys
from pathlib import Path

from PySide6.QtCore import QDir, QLoggingCategory, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget

from resources import resource_path
from ui.fonts import apply_app_font
from ui.single_instance import SingleInstance

APP_TITLE = "Loyalty Counter"
WINDOW_SIZE = (1366, 768)


def create_app(argv: list[str] | None = None) -> QApplication:
    # Qt Multimedia (the camera, the door's sounds) logs its back end's details at start:
    # noise at a counter. QT_LOGGING_RULES in the environment still overrides this.
    QLoggingCategory.setFilterRules("qt.multimedia*=false")
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
