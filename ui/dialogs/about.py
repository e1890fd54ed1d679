"""About: the program, its version, where its data lives, and the licences it ships with."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from resources import resource_path
from services.core import VERSION, bundled_components


class AboutDialog(QDialog):
    def __init__(self, data_dir, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(self.tr("About"))
        icon = QLabel(self)
        icon.setPixmap(
            QPixmap(str(resource_path("icons", "loyalty-counter.png"))).scaled(
                72,
                72,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )
        title = QLabel(self.tr("Loyalty Counter"), self)
        title.setObjectName("pageTitle")
        self.version = QLabel(self.tr("Version %1").replace("%1", VERSION), self)
        self.version.setObjectName("aboutVersion")
        folder = QLabel(self.tr("Data folder: %1").replace("%1", str(data_dir)), self)
        folder.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        folder.setWordWrap(True)
        heading = QHBoxLayout()
        heading.addWidget(icon)
        words = QVBoxLayout()
        words.addWidget(title)
        words.addWidget(self.version)
        heading.addLayout(words, 1)
        components = bundled_components()
        self.table = QTableWidget(len(components), 3, self)
        self.table.setObjectName("aboutLicences")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Library"), self.tr("Version"), self.tr("Licence")]
        )
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        for row, c in enumerate(components):
            for col, text in enumerate((c.name, c.version, c.licence)):
                self.table.setItem(row, col, QTableWidgetItem(text))
        note = QLabel(
            self.tr(
                "Qt for Python (PySide6) is used under the LGPL 3.0: its libraries ship as "
                "separate files that can be replaced. Each library keeps its own licence."
            ),
            self,
        )
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(heading)
        layout.addWidget(folder)
        layout.addWidget(QLabel(self.tr("Libraries this program ships with:"), self))
        layout.addWidget(self.table, 1)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.resize(620, 520)
