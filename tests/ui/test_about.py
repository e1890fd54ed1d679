"""The About box: version, data folder and the licences of the bundled libraries (F12)."""

from PySide6.QtCore import QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from services.core.about import VERSION
from ui.dialogs.about import AboutDialog
from ui.main_window import ABOUT_SHORTCUT


def test_f12_shows_the_version_and_the_licences(qtbot, signed_in_window):
    seen = {}

    def inspect_and_close():
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, AboutDialog)
        table = dialog.table
        rows = {table.item(r, 0).text(): table.item(r, 2).text() for r in range(table.rowCount())}
        seen.update(version=dialog.version.text(), rows=rows)
        dialog.reject()

    QTimer.singleShot(200, inspect_and_close)
    QTest.keySequence(signed_in_window, QKeySequence(ABOUT_SHORTCUT))
    assert VERSION in seen["version"]
    assert "LGPL-3.0" in seen["rows"]["PySide6"]
    assert seen["rows"]["SQLAlchemy"] == "MIT"
    assert "Apache-2.0" in seen["rows"]["zxing-cpp"]


def test_the_about_box_and_the_package_agree_on_the_version():
    import tomllib
    from pathlib import Path

    project = tomllib.loads((Path(__file__).parents[2] / "pyproject.toml").read_text())
    assert project["project"]["version"] == VERSION
