"""The Settings page's Backups section: how many days of daily backups to keep, and the
Backups dialog (back up now, restore)."""

from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QSpinBox

from services import core
from services.rules.permissions import Permission
from ui.dialogs.approval import obtain_approval
from ui.dialogs.backups import BackupsDialog
from ui.messages import message_for
from ui.widgets import error_label, show_error


class BackupBox(QGroupBox):
    def __init__(self, ctx, parent) -> None:
        super().__init__(parent)
        self.setObjectName("backupBox")
        self.ctx = ctx
        spec = core.SPECS["backup_keep_days"]
        self.keep_label = QLabel(self)
        self.keep_days = QSpinBox(self)
        self.keep_days.setObjectName("backupKeepDays")
        self.keep_days.setRange(spec.low, spec.high)
        self.keep_days.setValue(ctx.settings.backup_keep_days)
        self.apply = QPushButton(self)
        self.apply.setObjectName("applyBackupKeepDays")
        self.apply.clicked.connect(self._change_keep_days)
        self.open_button = QPushButton(self)
        self.open_button.setObjectName("openBackups")
        self.open_button.clicked.connect(self._open)
        self.error = error_label(self, "backupBoxError")
        row = QHBoxLayout(self)
        for widget in (self.keep_label, self.keep_days, self.apply):
            row.addWidget(widget)
        row.addStretch(1)
        row.addWidget(self.error)
        row.addWidget(self.open_button)
        ctx.settings_changed.connect(lambda s: self.keep_days.setValue(s.backup_keep_days))
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Backups"))
        self.keep_label.setText(self.tr("Keep daily backups for"))
        self.keep_days.setSuffix(self.tr(" days"))
        self.apply.setText(self.tr("Apply"))
        self.open_button.setText(self.tr("Backups…"))

    def changeEvent(self, event) -> None:
        if event.type() == event.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _change_keep_days(self) -> None:
        go, approval = obtain_approval(
            self.ctx, Permission.SETTINGS_MANAGE, self.tr("change how long backups are kept"), self
        )
        if not go:
            return
        days = self.keep_days.value()
        self.ctx.write(
            core.change_setting,
            "backup_keep_days",
            days,
            approval,
            done=self.ctx.set_settings,
            failed=lambda error: show_error(self.error, message_for(error)),
            owner=self,
        )

    def _open(self) -> None:
        BackupsDialog(self.ctx.runtime.data_dir, self.ctx.runtime.clock, self.ctx, self).exec()
