"""Start-up: one window per data folder (a second start brings the first forward and opens
nothing), Qt Multimedia kept quiet, and Qt's own file dialog in Chinese."""

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QLoggingCategory
from PySide6.QtWidgets import QFileDialog, QLabel

from ui.app import claim_folder, create_app
from ui.single_instance import SingleInstance

ROOT = Path(__file__).resolve().parents[2]


def test_a_second_start_of_the_same_folder_asks_the_first_to_come_forward(qtbot, tmp_path):
    first = SingleInstance(tmp_path)
    assert first.acquire()
    shown: list[bool] = []
    first.listen(lambda: shown.append(True))
    second = SingleInstance(tmp_path)
    assert not second.acquire()
    assert second.ask_running_to_show()
    qtbot.waitUntil(lambda: shown == [True])
    other_folder = SingleInstance(tmp_path / "other")
    assert other_folder.acquire()  # another counter's folder is not held
    first.release()
    assert SingleInstance(tmp_path).acquire()  # free again once the first window closed


def test_the_program_started_twice_opens_no_second_window(qtbot, tmp_path):
    folder = tmp_path / "counter"
    held = claim_folder(folder)
    assert held is not None
    shown: list[bool] = []
    held.listen(lambda: shown.append(True))
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "LOYALTY_SMOKE_TEST": "1"}
    second = subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), "--data-dir", str(folder)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    qtbot.waitUntil(lambda: second.poll() is not None, timeout=60_000)
    output = second.stdout.read()
    assert second.returncode == 0, output
    assert "already open" in output and "Data folder" not in output
    qtbot.waitUntil(lambda: shown == [True])
    assert not (folder / "counter.sqlite3").exists()  # the second start opened nothing
    held.release()


def test_qt_multimedia_is_quiet_at_start(qapp):
    style = qapp.styleSheet()
    try:
        create_app()
    finally:
        qapp.setStyleSheet(style)  # the other tests' windows keep the look they expect
    category = QLoggingCategory("qt.multimedia.ffmpeg")
    assert not category.isInfoEnabled() and not category.isWarningEnabled()
    assert QLoggingCategory("qt.qpa.xcb").isWarningEnabled()  # the rest of Qt still speaks


def test_qt_file_dialog_is_chinese(qapp, languages):
    languages.apply("zh_CN")
    dialog = QFileDialog(None, "x", str(ROOT))
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    labels = [label.text() for label in dialog.findChildren(QLabel) if label.text()]
    # Qt 6's "&Look in:" and "Files of &type:" are missing from Qt's own zh_CN catalogue.
    assert len(labels) >= 3
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in text) for text in labels), labels
    dialog.deleteLater()
