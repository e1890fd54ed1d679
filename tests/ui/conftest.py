"""GUI fixtures: the real main window, offscreen, over a set-up counter."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtWidgets import QApplication

from tests.ui.driving import sign_in_as
from ui.context import CounterContext
from ui.fonts import apply_app_font
from ui.i18n import LanguageSwitcher
from ui.idle import IdleWatcher
from ui.main_window import MainWindow
from ui.workers import wait_for_background


@pytest.fixture
def languages(qapp: QApplication):
    switcher = LanguageSwitcher(qapp)
    switcher.apply("en")
    apply_app_font(qapp)
    yield switcher
    switcher.apply("en")


@pytest.fixture
def make_window(qtbot, qapp, counter, languages):
    """Builds the main window in a language; the window starts on the sign-in panel."""

    def build(language: str = "en") -> MainWindow:
        languages.apply(language)
        ctx = CounterContext(counter.runtime, counter.identity, languages)
        idle = IdleWatcher(qapp)
        window = MainWindow(ctx, idle)
        idle.setParent(window)
        qtbot.addWidget(window)
        window.resize(1366, 768)
        window.show()
        qtbot.waitExposed(window)
        return window

    yield build
    # Work a test started in the background ends inside that test, before its data goes.
    wait_for_background(10_000)
    qapp.processEvents()


@pytest.fixture
def signed_in_window(qtbot, make_window, counter):
    window = make_window("en")
    sign_in_as(qtbot, window, "王经理", counter.manager_pin)
    qtbot.waitUntil(lambda: window.top.currentWidget() is window.workspace)
    return window
