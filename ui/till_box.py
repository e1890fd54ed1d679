"""Settings → The till: how the till's receipt codes read (patterns a manager edits, with a
live box to test a scan) and the local POS interface (on or off, where it listens, its
token). Saving needs a manager; each change is audited by the settings service."""

import json

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
)

from services import core
from services.core import LoyaltyError
from services.pos import PRESETS, check_patterns, parse_receipt
from services.pos.server import DEFAULT_PORT, endpoint_config, renew_pos_token
from services.protocol import codes as error_codes
from services.rules.permissions import Permission
from ui.dialogs.approval import obtain_approval
from ui.messages import message_for
from ui.widgets import error_label, show_error


class TillBox(QGroupBox):
    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("tillBox")
        self.ctx = ctx
        self.patterns = QPlainTextEdit(self)
        self.patterns.setObjectName("receiptPatterns")
        self.patterns.setMinimumHeight(160)
        self.preset = QComboBox(self)
        self.preset.setObjectName("patternPreset")
        self.preset.addItems(list(PRESETS))
        self.add_preset = QPushButton(self)
        self.add_preset.clicked.connect(self._add_preset)
        self.trial = QLineEdit(self)
        self.trial.setObjectName("patternTrial")
        self.trial.setMaxLength(2000)
        self.trial_result = QLabel(self)
        self.trial_result.setObjectName("patternTrialResult")
        self.trial_result.setWordWrap(True)
        self.save_patterns = QPushButton(self)
        self.save_patterns.setObjectName("savePatterns")
        self.save_patterns.clicked.connect(self._save_patterns)
        self.enabled = QCheckBox(self)
        self.enabled.setObjectName("posEnabled")
        self.host = QLineEdit(self)
        self.host.setObjectName("posHost")
        self.port = QSpinBox(self)
        self.port.setObjectName("posPort")
        self.port.setRange(1024, 65535)
        self.save_endpoint = QPushButton(self)
        self.save_endpoint.clicked.connect(self._save_endpoint)
        self.new_token = QPushButton(self)
        self.new_token.setObjectName("posNewToken")
        self.new_token.clicked.connect(self._renew_token)
        self.error = error_label(self, "tillError")
        self.labels = [QLabel(self) for _ in range(5)]
        for widget in (self.patterns, self.trial):
            widget.textChanged.connect(self._try)
        self._build()
        ctx.settings_changed.connect(lambda _s: self.load())
        self.load()
        self.retranslate()

    def changeEvent(self, event) -> None:
        if event.type() == event.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _build(self) -> None:
        presets = QHBoxLayout()
        presets.addWidget(self.preset)
        presets.addWidget(self.add_preset)
        presets.addStretch(1)
        presets.addWidget(self.save_patterns)
        form = QFormLayout()
        form.addRow(self.labels[0], self.trial)
        form.addRow(QLabel(self), self.trial_result)
        form.addRow(self.labels[1], self.enabled)
        form.addRow(self.labels[2], self.host)
        form.addRow(self.labels[3], self.port)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_endpoint)
        buttons.addWidget(self.new_token)
        buttons.addStretch(1)
        column = QVBoxLayout(self)
        column.addWidget(self.labels[4])
        column.addWidget(self.patterns)
        column.addLayout(presets)
        column.addLayout(form)
        column.addLayout(buttons)
        column.addWidget(self.error)

    def retranslate(self) -> None:
        self.setTitle(self.tr("The till: receipt codes and the POS interface"))
        self.labels[4].setText(
            self.tr("Receipt patterns (JSON; fields receipt, amount, time, store, categories)")
        )
        self.add_preset.setText(self.tr("Add preset"))
        self.save_patterns.setText(self.tr("Save patterns…"))
        self.labels[0].setText(self.tr("Test a scan"))
        self.trial.setPlaceholderText(self.tr("Scan a till receipt here to see how it reads"))
        self.labels[1].setText(self.tr("POS interface"))
        self.enabled.setText(self.tr("On (a till may post sales to this counter)"))
        self.labels[2].setText(self.tr("Listen on address"))
        self.labels[3].setText(self.tr("Port"))
        self.save_endpoint.setText(self.tr("Save POS interface…"))
        self.new_token.setText(self.tr("New token…"))
        self._try()

    def load(self) -> None:
        settings = self.ctx.settings
        text = json.dumps(settings.receipt_patterns, ensure_ascii=False, indent=2)
        if self.patterns.toPlainText() != text:
            self.patterns.setPlainText(text)
        config = endpoint_config(settings.pos_endpoint)
        self.enabled.setChecked(config.enabled)
        self.host.setText(config.host)
        self.port.setValue(config.port or DEFAULT_PORT)

    def _edited(self) -> list:
        try:
            value = json.loads(self.patterns.toPlainText())
        except ValueError:
            raise LoyaltyError(error_codes.RECEIPT_BAD_PATTERN, why="JSON", index=0) from None
        return check_patterns(value)

    def _add_preset(self) -> None:
        try:
            patterns = self._edited()
        except LoyaltyError:
            patterns = []
        preset = PRESETS[self.preset.currentText()]
        if all(p.get("name") != preset["name"] for p in patterns):
            patterns.append(preset)
        self.patterns.setPlainText(json.dumps(patterns, ensure_ascii=False, indent=2))

    def _try(self) -> None:
        """The test box reads the scan with the patterns as they stand in the editor."""
        if not self.trial.text():
            self.trial_result.clear()
            return
        try:
            scan = parse_receipt(self.trial.text(), self._edited(), self.ctx.identity.store_code)
        except LoyaltyError as error:
            self.trial_result.setText("✗ " + message_for(error))
            return
        amount = "—" if scan.amount_fen is None else f"{scan.amount_fen / 100:.2f}"
        parts = [
            self.tr("Receipt %1").replace("%1", scan.receipt),
            self.tr("amount %1").replace("%1", amount),
        ]
        if scan.at is not None:
            parts.append(scan.at.isoformat(sep=" "))
        if scan.categories:
            parts.append(", ".join(f"{k} {v / 100:.2f}" for k, v in scan.categories.items()))
        self.trial_result.setText(
            "✓ "
            + " · ".join(parts)
            + "  ("
            + self.tr("pattern %1").replace("%1", scan.pattern)
            + ")"
        )

    def _save(self, key: str, value, what: str) -> None:
        go, approval = obtain_approval(self.ctx, Permission.SETTINGS_MANAGE, what, self)
        if not go:
            return
        self.ctx.write(
            core.change_setting,
            key,
            value,
            approval,
            done=self._saved,
            failed=lambda error: show_error(self.error, message_for(error)),
            owner=self,
        )

    def _saved(self, settings) -> None:
        show_error(self.error, "")
        self.ctx.set_settings(settings)

    def _save_patterns(self) -> None:
        try:
            patterns = self._edited()
        except LoyaltyError as error:
            show_error(self.error, message_for(error))
            return
        self._save("receipt_patterns", patterns, self.tr("change the receipt patterns"))

    def _save_endpoint(self) -> None:
        value = {
            "enabled": self.enabled.isChecked(),
            "host": self.host.text().strip(),
            "port": self.port.value(),
        }
        self._save("pos_endpoint", value, self.tr("change the POS interface"))

    def _renew_token(self) -> None:
        self.ctx.write(
            renew_pos_token,
            done=self._show_token,
            failed=lambda error: show_error(self.error, message_for(error)),
            owner=self,
        )

    def _show_token(self, token: str) -> None:
        """Shown once, for the till's set-up; the counter keeps it in its secret store."""
        QMessageBox.information(
            self,
            self.tr("POS interface token"),
            self.tr("Give this token to the till (it is shown only now):\n\n%1").replace(
                "%1", token
            ),
        )
