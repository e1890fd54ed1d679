"""Backups: list them, make one now, restore one. A restore closes the counter's database,
puts the backup in its place and asks for a restart; at start-up with a damaged database
the same list is offered before anyone can sign in."""

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from services import core
from services.core import BackupInfo
from services.rules.permissions import Permission
from ui.ask import Ask
from ui.dialogs.approval import obtain_approval
from ui.messages import message_for
from ui.widgets import error_label, show_error
from ui.workers import run_in_background


class BackupsDialog(QDialog):
    """`ctx` None: start-up with a damaged database (no one signed in, nothing to lose)."""

    def __init__(self, data_dir, clock, ctx=None, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("backupsDialog")
        self.setWindowTitle(self.tr("Backups"))
        self.data_dir, self.clock, self.ctx = data_dir, clock, ctx
        self.found: list[BackupInfo] = []
        self.restored = False
        intro = QLabel(self)
        intro.setWordWrap(True)
        intro.setText(
            self.tr(
                "The counter's database is damaged. Choose a backup to put in its place "
                "(the newest is at the top); the damaged file is kept."
            )
            if ctx is None
            else self.tr("A backup is made every day and kept for the days set in Settings.")
        )
        self.table = QTableWidget(0, 4, self)
        self.table.setObjectName("backupList")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Made"), self.tr("Kind"), self.tr("Size"), self.tr("Operations")]
        )
        self.error = error_label(self, "backupError")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        self.backup_button = QPushButton(self.tr("Back up now"), self)
        self.backup_button.setObjectName("backupNow")
        self.backup_button.clicked.connect(self._back_up)
        self.backup_button.setVisible(ctx is not None)
        self.restore_button = QPushButton(self.tr("Restore the chosen backup…"), self)
        self.restore_button.setObjectName("backupRestore")
        self.restore_button.clicked.connect(self._restore)
        buttons.addButton(self.backup_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(640, 420)
        self._load()

    def _kind(self, label: str) -> str:
        if label.startswith("pre-0"):
            return self.tr("before an update")
        return {
            "daily": self.tr("daily"),
            "manual": self.tr("by hand"),
            "pre-restore": self.tr("before a restore"),
        }.get(label, label)

    def _load(self) -> None:
        data_dir = self.data_dir
        run_in_background(lambda: core.list_backups(data_dir), self._show, owner=self)

    def _show(self, found: list[BackupInfo]) -> None:
        self.found = found
        locale = QLocale()
        self.table.setRowCount(len(found))
        for row, b in enumerate(found):
            cells = (
                locale.toString(
                    b.made_at.astimezone().replace(tzinfo=None), QLocale.FormatType.ShortFormat
                ),
                self._kind(b.label),
                locale.formattedDataSize(b.size),
                locale.toString(b.last_seq),
            )
            for col, text in enumerate(cells):
                self.table.setItem(row, col, QTableWidgetItem(text))
        if found:
            self.table.selectRow(0)

    def _back_up(self) -> None:
        data_dir, now = self.data_dir, self.clock.now()
        run_in_background(
            lambda: core.back_up_now(data_dir, now),
            lambda _info: self._load(),
            lambda error: show_error(self.error, message_for(error)),
            owner=self,
        )

    def _chosen(self) -> BackupInfo | None:
        rows = {i.row() for i in self.table.selectedIndexes()}
        return self.found[min(rows)] if rows else None

    def _restore(self) -> None:
        chosen = self._chosen()
        if chosen is None:
            show_error(self.error, self.tr("Choose a backup in the list."))
            return
        try:
            if self.ctx is None:
                core.restore_damaged(self.data_dir, chosen.path, self.clock.now())
            elif not self._restore_running(chosen):
                return
        except Exception as error:  # told in words; nothing was replaced
            show_error(self.error, message_for(error))
            return
        self.restored = True
        QMessageBox.information(
            self, self.windowTitle(), self.tr("The backup is in place. Start the counter again.")
        )
        self.accept()
        if self.ctx is not None:
            QApplication.quit()

    def _restore_running(self, chosen: BackupInfo) -> bool:
        plan = core.check_restore(self.data_dir, chosen.path)
        accept_loss = False
        if plan.unsynced_lost:
            question = self.tr(
                "%1 operations recorded after this backup have not reached the central "
                "system and will be lost. Restore anyway?"
            ).replace("%1", str(plan.unsynced_lost))
            if not Ask(self, self.windowTitle()).yes(question, warning=True):
                return False
            accept_loss = True
        go, approval = obtain_approval(
            self.ctx, Permission.SETTINGS_MANAGE, self.tr("restore a backup"), self
        )
        if not go:
            return False
        self.ctx.runtime.close()  # no connection may stay open on the file being replaced
        try:
            core.restore(
                self.data_dir, chosen.path, self.ctx.actor, self.clock.now(), accept_loss, approval
            )
        except Exception as error:
            # The database is closed: say what happened and stop, so nothing writes to it.
            QMessageBox.critical(self, self.windowTitle(), message_for(error))
            QApplication.quit()
            return False
        return True
