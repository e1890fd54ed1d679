"""The lucky draw: rounds among those signed in, each recorded (seed and entrants) so it
can be re-run; winners leave the pool; the big screen shows the result to the room."""

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from services import events
from services.events import DrawResult
from ui.dialogs.event_draw_screen import DrawScreen
from ui.messages import message_for
from ui.widgets import error_label, show_error
from ui.workers import run_in_background


class DrawTab(QWidget):
    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("drawTab")
        self.ctx = ctx
        self.event_id: str | None = None
        self.results: list[DrawResult] = []
        self.prize = QLineEdit(self)
        self.prize.setObjectName("drawPrize")
        self.prize.setMaxLength(60)
        self.count = QSpinBox(self)
        self.count.setObjectName("drawCount")
        self.count.setRange(1, events.MAX_WINNERS)
        self.draw_button = QPushButton(self)
        self.draw_button.setObjectName("drawButton")
        self.draw_button.setProperty("role", "primary")
        self.draw_button.clicked.connect(self._draw)
        self.screen_button = QPushButton(self)
        self.screen_button.setObjectName("bigScreenButton")
        self.screen_button.clicked.connect(self.show_big_screen)
        self.pool = QLabel(self)
        self.pool.setObjectName("drawPool")
        self.rounds = QListWidget(self)
        self.rounds.setObjectName("drawRounds")
        self.message = error_label(self, "drawMessage")
        self.prize_label = QLabel(self)
        self.count_label = QLabel(self)
        row = QHBoxLayout()
        row.addWidget(self.prize_label)
        row.addWidget(self.prize, 2)
        row.addWidget(self.count_label)
        row.addWidget(self.count)
        row.addWidget(self.draw_button)
        row.addWidget(self.screen_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.pool)
        layout.addWidget(self.message)
        layout.addWidget(self.rounds, 1)
        self.screen: DrawScreen | None = None

    def retranslate(self) -> None:
        self.prize_label.setText(self.tr("Prize"))
        self.count_label.setText(self.tr("Winners"))
        self.prize.setPlaceholderText(self.tr("e.g. Bluetooth speaker"))
        self.draw_button.setText(self.tr("Draw"))
        self.screen_button.setText(self.tr("Big screen"))
        self._show_rounds()

    def load(self, event_id: str) -> None:
        self.event_id = event_id
        reader = self.ctx.runtime.reader
        run_in_background(
            lambda: (
                events.draws(reader(), event_id),
                len(events.entrants(reader(), event_id)),
            ),
            self._loaded,
            self._failed,
        )

    def _loaded(self, loaded) -> None:
        self.results, pool = loaded
        self.pool.setText(
            self.tr("In the draw now: %1 people signed in who have not won").replace(
                "%1", str(pool)
            )
        )
        self._show_rounds()

    def _show_rounds(self) -> None:
        self.rounds.clear()
        for r in reversed(self.results):
            names = "、".join(w.name for w in r.winners)
            self.rounds.addItem(
                self.tr("Round %1 · %2 · %3 of %4: %5 (seed %6)")
                .replace("%1", str(r.round))
                .replace("%2", r.prize)
                .replace("%3", str(len(r.winners)))
                .replace("%4", str(r.entrants))
                .replace("%5", names)
                .replace("%6", r.seed[:8])
            )

    def _draw(self) -> None:
        if self.event_id is None:
            return
        event_id = self.event_id
        prize, count = self.prize.text(), self.count.value()
        self.draw_button.setEnabled(False)
        self.ctx.write(
            events.run_draw, event_id, prize, count, done=self._drawn, failed=self._failed
        )

    def _drawn(self, result: DrawResult) -> None:
        self.draw_button.setEnabled(True)
        show_error(self.message, "")
        self.ctx.data_changed.emit()
        if self.screen is not None and self.screen.isVisible():
            self.screen.show_result(result)
        self.load(self.event_id)

    def _failed(self, error: BaseException) -> None:
        self.draw_button.setEnabled(True)
        show_error(self.message, message_for(error))

    def show_big_screen(self) -> None:
        if self.screen is None:
            self.screen = DrawScreen(self)
            self.screen.draw_requested.connect(self._draw)
        self.screen.showFullScreen()
        if self.results:
            self.screen.show_result(self.results[-1], animate=False)
