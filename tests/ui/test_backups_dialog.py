"""The Backups dialog: a backup by hand appears in the list; at start-up with a damaged
database the chosen backup goes in its place."""

from PySide6.QtWidgets import QMessageBox

from models.db import database_path
from services.core import backups
from services.core.bootstrap import open_counter
from ui.dialogs.backups import BackupsDialog
from ui.main_window import PAGE_KEYS


def test_back_up_now_adds_a_row(qtbot, counter, clock):
    dialog = BackupsDialog(counter.runtime.data_dir, clock, ctx=object())
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.found is not None)
    before = dialog.table.rowCount()
    dialog.backup_button.click()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == before + 1)
    assert dialog.found[0].label == "manual"


def test_a_damaged_database_is_replaced_from_the_list(qtbot, counter, clock, monkeypatch):
    data = counter.runtime.data_dir
    backups.back_up_now(data, clock.now())
    counter.runtime.close()
    path = database_path(data)
    for suffix in ("-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    path.write_bytes(b"scrambled" * 500)
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a: told.append(a[2]))
    dialog = BackupsDialog(data, clock)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1)
    assert not dialog.backup_button.isVisible()  # nothing to back up from a damaged file
    dialog.restore_button.click()
    assert dialog.restored and told
    assert backups.database_problem(data) is None
    open_counter(data, clock).close()


def test_the_settings_page_changes_how_long_backups_are_kept(qtbot, signed_in_window, counter):
    window = signed_in_window
    window.go_to([k for k, _s in PAGE_KEYS].index("settings"))
    box = window.pages["settings"].backups
    box.keep_days.setValue(30)
    box.apply.click()
    qtbot.waitUntil(lambda: window.ctx.settings.backup_keep_days == 30)
