"""A page of the main window: a title, and texts that follow the language."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ui.context import CounterContext


class Page(QWidget):
    def __init__(self, ctx: CounterContext, object_name: str) -> None:
        super().__init__()
        self.setObjectName(object_name)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # keys reach the window's shortcuts
        self.ctx = ctx
        self.heading = QLabel(self)
        self.heading.setObjectName("pageHeading")
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(32, 24, 32, 24)
        self.layout_.setSpacing(16)
        self.layout_.addWidget(self.heading)
        # Who last used the page; a page built after sign-in starts with the one signed in.
        self._staff_id: str | None = ctx.actor.staff_id if ctx.actor else None
        ctx.actor_changed.connect(self._actor_changed)

    def title(self) -> str:
        raise NotImplementedError

    def retranslate(self) -> None:
        self.heading.setText(self.title())

    def changeEvent(self, event) -> None:
        if event.type() == event.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def on_shown(self) -> None:
        """Called when the page comes to the front; refresh what it shows."""

    def _actor_changed(self, actor) -> None:
        if actor is None:
            return  # locked: the same person may come back to what they typed
        if self._staff_id is not None and actor.staff_id != self._staff_id:
            self.forget_user()
        self._staff_id = actor.staff_id

    def forget_user(self) -> None:
        """Another person signed in: clear what the previous one typed or was told."""
