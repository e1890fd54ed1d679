"""The till export's column names, kept per store (the `pos_export_columns` setting): which
header holds the receipt number, the amount, the kind of sale and the member. Saving needs
a manager; the settings service checks and audits it."""

from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QLineEdit, QPushButton

from services import core
from services.rules.permissions import Permission
from ui.dialogs.approval import obtain_approval

FIELDS = ("receipt", "amount", "kind", "member")


class ColumnsBox(QGroupBox):
    def __init__(self, ctx, tell, failed, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("reconcileColumns")
        self.ctx, self._tell, self._failed = ctx, tell, failed
        self.fields = {name: QLineEdit(self) for name in FIELDS}
        self.labels = {name: QLabel(self) for name in FIELDS}
        self.save = QPushButton(self)
        self.save.setObjectName("reconcileSaveColumns")
        self.save.clicked.connect(self._save)
        grid = QGridLayout(self)
        for column, name in enumerate(FIELDS):
            self.fields[name].setObjectName(f"column_{name}")
            self.fields[name].setMaxLength(60)
            grid.addWidget(self.labels[name], 0, column)
            grid.addWidget(self.fields[name], 1, column)
        grid.addWidget(self.save, 1, len(FIELDS))
        ctx.settings_changed.connect(lambda _s: self.load())
        self.load()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Column names in the POS export"))
        names = (
            self.tr("Receipt number"),
            self.tr("Amount"),
            self.tr("Sale or refund"),
            self.tr("Member"),
        )
        for name, text in zip(FIELDS, names, strict=True):
            self.labels[name].setText(text)
        self.fields["kind"].setPlaceholderText(self.tr("(optional)"))
        self.fields["member"].setPlaceholderText(self.tr("(optional)"))
        self.save.setText(self.tr("Save columns"))

    def load(self) -> None:
        mapping = self.ctx.settings.pos_export_columns
        for name, field in self.fields.items():
            field.setText(mapping.get(name, ""))

    def mapping(self) -> dict[str, str]:
        """The names as typed; an optional column left empty is not looked for."""
        typed = {name: field.text().strip() for name, field in self.fields.items()}
        return {name: text for name, text in typed.items() if text}

    def _save(self) -> None:
        what = self.tr("change the POS export's column names")
        go, approval = obtain_approval(self.ctx, Permission.SETTINGS_MANAGE, what, self)
        if not go:
            return
        self.ctx.write(
            core.change_setting,
            "pos_export_columns",
            self.mapping(),
            approval,
            done=self._saved,
            failed=self._failed,
            owner=self,
        )

    def _saved(self, settings) -> None:
        self.ctx.set_settings(settings)
        self._tell(self.tr("The column names are saved for this store."))
