"""The draw on a big screen for the room: names roll, then the winners stand still, large.

Space draws the next round (the prize and count set on the Draw tab); Esc closes.
"""

import random

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QLabel, QVBoxLayout, QWidget

from services.events import DrawResult

ROLL_MS = 1800
TICK_MS = 60


class DrawScreen(QDialog):
    draw_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("drawScreen")
        self.setWindowTitle(self.tr("Lucky draw"))
        self.setStyleSheet(
            "QDialog#drawScreen { background: #7f1d1d; }"
            "QLabel { color: #fde68a; }"
            "QLabel#drawScreenPrize { font-size: 56px; font-weight: 700; }"
            "QLabel#drawScreenNames { font-size: 72px; font-weight: 800; color: #ffffff; }"
            "QLabel#drawScreenHint { font-size: 18px; color: #fca5a5; }"
        )
        self.prize = QLabel(self)
        self.prize.setObjectName("drawScreenPrize")
        self.names = QLabel(self)
        self.names.setObjectName("drawScreenNames")
        self.names.setWordWrap(True)
        self.hint = QLabel(self)
        self.hint.setObjectName("drawScreenHint")
        for label in (self.prize, self.names, self.hint):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.prize)
        layout.addSpacing(40)
        layout.addWidget(self.names)
        layout.addStretch(2)
        layout.addWidget(self.hint)
        self.hint.setText(self.tr("Space: draw the next round   ·   Esc: close"))
        self.prize.setText(self.tr("Lucky draw"))
        QShortcut(QKeySequence(Qt.Key.Key_Space), self, self.draw_requested.emit)
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._tick)
        self._rolling: list[str] = []
        self._final: DrawResult | None = None
        self._left = 0

    def show_result(self, result: DrawResult, animate: bool = True) -> None:
        self._final = result
        self.prize.setText(
            self.tr("Round %1: %2").replace("%1", str(result.round)).replace("%2", result.prize)
        )
        if not animate:
            self._reveal()
            return
        # The roll is for the room; the winners were fixed (and recorded) before it starts.
        self._rolling = [w.name for w in result.winners] * 3
        self._left = ROLL_MS // TICK_MS
        self._timer.start()

    def _tick(self) -> None:
        self._left -= 1
        if self._left <= 0 or not self._rolling:
            self._timer.stop()
            self._reveal()
            return
        self.names.setText(random.choice(self._rolling))

    def _reveal(self) -> None:
        if self._final is not None:
            self.names.setText("\n".join(w.name for w in self._final.winners))

    def winners_text(self) -> str:
        return self.names.text()
