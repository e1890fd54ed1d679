"""A manager settles a sync conflict: what was decided, in a sentence."""

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget


class ResolveConflictDialog(QDialog):
    def __init__(self, summary: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("resolveConflictDialog")
        self.setWindowTitle(self.tr("Resolve conflict"))
        layout = QVBoxLayout(self)
        what = QLabel(summary, self)
        what.setWordWrap(True)
        layout.addWidget(what)
        layout.addWidget(QLabel(self.tr("Reason (what was decided):"), self))
        self.reason = QLineEdit(self)
        self.reason.setObjectName("resolveReason")
        self.reason.setMaxLength(200)
        layout.addWidget(self.reason)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def reason_text(self) -> str:
        return self.reason.text().strip()
