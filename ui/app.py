"""Start the GUI: fonts, style, language, first-run set-up, then the main window."""

import os
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from services.core import VERSION, Runtime, SystemClock, load_identity, load_settings
from ui.context import CounterContext
from ui.dialogs.backups import BackupsDialog
from ui.dialogs.first_run import FirstRunDialog
from ui.first_paint import APP_TITLE, WINDOW_SIZE
from ui.first_paint import claim_folder as claim_folder
from ui.first_paint import create_app as create_app
from ui.i18n import LanguageSwitcher
from ui.idle import IdleWatcher
from ui.main_window import MainWindow
from ui.messages import message_for
from ui.single_instance import SingleInstance
from ui.workers import wait_for_background

SMOKE_TEST_ENV = "LOYALTY_SMOKE_TEST"  # set: show the window, print "ready", quit


def build_main_window(
    app: QApplication,
    runtime: Runtime,
    language: str | None = None,
    starting: QWidget | None = None,
) -> MainWindow | None:
    """The window, after a first-run set-up if the folder is new; None if set-up was cancelled."""
    languages = LanguageSwitcher(app)
    languages.apply(language or load_settings(runtime.reader()).language)
    identity = load_identity(runtime.reader())
    if identity is None:
        if starting is not None:
            starting.close()  # the set-up dialog is what this start shows
        dialog = FirstRunDialog(runtime)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        identity = dialog.identity
    ctx = CounterContext(runtime, identity, languages)
    idle = IdleWatcher(app)
    window = MainWindow(ctx, idle)
    idle.setParent(window)
    return window


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
    starting: QWidget | None = None,
) -> int:
    """`starting`: the window painted first (ui.first_paint), replaced by the real one."""
    if instance is not None:
        instance.listen(lambda: bring_forward(app))
    window = build_main_window(app, runtime, language, starting)
    if window is None:
        return 0
    window.resize(*WINDOW_SIZE)
    if starting is not None:
        window.move(starting.pos())
    window.show()
    if starting is not None:
        starting.close()
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
