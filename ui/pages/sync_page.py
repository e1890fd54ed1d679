"""What the counter holds for the central system, and how it will be sent."""

from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout

from services.status import SyncStatus, read_sync_status
from ui.context import CounterContext
from ui.pages.base import Page
from ui.workers import run_in_background


class SyncPage(Page):
    def __init__(self, ctx: CounterContext) -> None:
        super().__init__(ctx, "syncPage")
        card = QFrame(self)
        card.setObjectName("card")
        inner = QVBoxLayout(card)
        self.state = QLabel(card)
        self.state.setObjectName("syncState")
        self.state.setWordWrap(True)
        self.pending = QLabel(card)
        self.pending.setObjectName("syncPending")
        self.plan = QLabel(card)
        self.plan.setWordWrap(True)
        for widget in (self.state, self.pending, self.plan):
            inner.addWidget(widget)
        self.layout_.addWidget(card)
        self.layout_.addStretch(1)
        self._status: SyncStatus | None = None
        self.retranslate()

    def title(self) -> str:
        return self.tr("Sync")

    def retranslate(self) -> None:
        super().retranslate()
        self.state.setText(
            self.tr(
                "This counter is not enrolled with the central system yet, so it works "
                "offline. Everything it records is kept, in order, for the first sync."
            )
        )
        count = self._status.pending_operations if self._status else 0
        self.pending.setText(self.tr("Operations waiting to sync: %1").replace("%1", str(count)))
        self.plan.setText(
            self.tr(
                "Enrollment with a one-time code, sending operations exactly once, pulling "
                "members, rules and catalog, and a conflict list for managers arrive with "
                "the sync feature."
            )
        )

    def on_shown(self) -> None:
        reader = self.ctx.runtime.reader
        run_in_background(lambda: read_sync_status(reader()), self._show)

    def _show(self, status: SyncStatus) -> None:
        self._status = status
        self.retranslate()
