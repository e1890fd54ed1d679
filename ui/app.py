"""Start the GUI: fonts, style, language, first-run set-up, then the main window."""

import os
import sys
from pathlib import Path

from PySide6.QtCore import QDir, QLoggingCategory, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from resources import resource_path
from services.core.about import VERSION
from services.core.bootstrap import Runtime
from services.core.clock import SystemClock
from services.core.settings import load_settings
from services.core.setup import load_identity
from ui.context import CounterContext
from ui.dialogs.backups import BackupsDialog
from ui.dialogs.first_run import FirstRunDialog
from ui.fonts import apply_app_font
from ui.i18n import LanguageSwitcher
from ui.idle import IdleWatcher
from ui.main_window import MainWindow
from ui.messages import message_for
from ui.single_instance import SingleInstance
from ui.workers import wait_for_background

APP_TITLE = "Loyalty Counter"
SMOKE_TEST_ENV = "LOYALTY_SMOKE_TEST"  # set: show the window, print "ready", quit


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


def build_main_window(
    app: QApplication, runtime: Runtime, language: str | None = None
) -> MainWindow | None:
    """The window, after a first-run set-up if the folder is new; None if set-up was cancelled."""
    languages = LanguageSwitcher(app)
    languages.apply(language or load_settings(runtime.reader()).language)
    identity = load_identity(runtime.reader())
    if identity is None:
        dialog = FirstRunDialog(runtime)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        identity = dialog.identity
    ctx = CounterContext(runtime, identity, languages)
    idle = IdleWatcher(app)
    window = MainWindow(ctx, idle)
    idle.setParent(window)
    return window


def claim_folder(data_dir: Path) -> SingleInstance | None:
    """This start's hold on the data folder; None when a window already has it open (that
    window is asked to come forward instead)."""
    instance = SingleInstance(data_dir)
    if instance.acquire():
        return instance
    instance.ask_running_to_show()
    return None


def bring_forward(app: QApplication) -> None:
    """A second start of the same folder: the dialog or window in use comes to the front."""
    widget = app.activeModalWidget() or next(
        (w for w in app.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()), None
    )
    if widget is None:
        return
    if widget.isMinimized():
        widget.showNormal()
    widget.raise_()
    widget.activateWindow()


def run_gui(
    app: QApplication,
    runtime: Runtime,
    language: str | None = None,
    instance: SingleInstance | None = None,
) -> int:
    if instance is not None:
        instance.listen(lambda: bring_forward(app))
    window = build_main_window(app, runtime, language)
    if window is None:
        return 0
    window.resize(1366, 768)
    window.show()
    window.raise_()
    window.activateWindow()  # a counter app comes to the front and takes the keyboard
    if os.environ.get(SMOKE_TEST_ENV):
        # A packaged build's check: the window came up on a migrated folder; say so and go.
        QTimer.singleShot(
            500, lambda: (print(f"{APP_TITLE} {VERSION} ready", flush=True), app.quit())
        )
    code = app.exec()
    wait_for_background()
    return code


def show_fatal(app: QApplication, error: BaseException, language: str | None = None) -> None:
    """A start-up failure told in the user's language, never as a traceback. A damaged
    database leads straight to its backups."""
    LanguageSwitcher(app).apply(language or "system")
    QMessageBox.critical(None, APP_TITLE, message_for(error))
    path = getattr(error, "params", {}).get("path")
    if getattr(error, "code", None) == "storage.corrupt" and path:
        BackupsDialog(Path(path).parent, SystemClock()).exec()
