"""Events (F4): the door (sign-in), the attendee list, and the lucky draw, per event."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QTabWidget

from services import events
from services.events import EventSummary
from services.rules.permissions import Permission
from services.staff import needs_approval
from ui.dialogs.event_form import EventForm
from ui.dialogs.event_walk_in import WalkInDialog
from ui.labels import tier_label
from ui.messages import message_for
from ui.pages.base import Page
from ui.pages.event_attendees import AttendeesTab
from ui.pages.event_door import DoorPanel
from ui.pages.event_draw_tab import DrawTab
from ui.widgets import error_label, show_error
from ui.workers import run_in_background


class EventsPage(Page):
    def __init__(self, ctx) -> None:
        super().__init__(ctx, "eventsPage")
        self.summaries: list[EventSummary] = []
        self.chooser = QComboBox(self)
        self.chooser.setObjectName("eventChooser")
        self.chooser.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.chooser.currentIndexChanged.connect(self._event_chosen)
        self.info = QLabel(self)
        self.info.setObjectName("pageSummary")
        self.info.setWordWrap(True)
        self.new_button = QPushButton(self)
        self.new_button.setObjectName("newEventButton")
        self.new_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.new_button.clicked.connect(self._new_event)
        self.edit_button = QPushButton(self)
        self.edit_button.setObjectName("editEventButton")
        self.edit_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.edit_button.clicked.connect(self._edit_event)
        self.message = error_label(self, "eventsMessage")
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("eventTabs")
        self.tabs.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.door = DoorPanel(ctx, self._walk_in, self)
        self.attendees = AttendeesTab(ctx, self)
        self.draw = DrawTab(ctx, self)
        self.tabs.addTab(self.door, "")
        self.tabs.addTab(self.attendees, "")
        self.tabs.addTab(self.draw, "")
        self.tabs.currentChanged.connect(lambda _i: self._tab_shown())
        self.door.changed.connect(self._after_change)
        top = QHBoxLayout()
        top.addWidget(self.chooser, 2)
        top.addWidget(self.edit_button)
        top.addWidget(self.new_button)
        self.layout_.addLayout(top)
        self.layout_.addWidget(self.info)
        self.layout_.addWidget(self.message)
        self.layout_.addWidget(self.tabs, 1)
        ctx.actor_changed.connect(lambda _a: self._update_actions())
        self.retranslate()

    def title(self) -> str:
        return self.tr("Events")

    def retranslate(self) -> None:
        super().retranslate()
        self.new_button.setText(self.tr("New event…"))
        self.edit_button.setText(self.tr("Edit…"))
        self.tabs.setTabText(0, self.tr("Door sign-in"))
        self.tabs.setTabText(1, self.tr("Attendees"))
        self.tabs.setTabText(2, self.tr("Lucky draw"))
        self.door.retranslate()
        self.attendees.retranslate()
        self.draw.retranslate()
        self._show_info()

    def _update_actions(self) -> None:
        actor = self.ctx.actor
        manager = actor is not None and not needs_approval(actor, Permission.EVENT_MANAGE)
        self.new_button.setVisible(manager)
        self.edit_button.setVisible(manager)
        s = self.current_summary()
        self.edit_button.setEnabled(s is not None and s.editable(self.ctx.runtime.now()))

    def on_shown(self) -> None:
        self._update_actions()
        self.refresh()
        self.door.scan_input.setFocus()

    def forget_user(self) -> None:
        show_error(self.message, "")
        self.door.forget_user()

    def handle_scan(self, text: str) -> None:
        """A scan that arrived while another widget had focus: it is for the door."""
        self.tabs.setCurrentWidget(self.door)
        self.door.handle_scan(text)

    # events
    def refresh(self) -> None:
        runtime = self.ctx.runtime
        run_in_background(
            lambda: events.list_events(runtime.reader(), runtime.now()),
            self._show_events,
            self._failed,
        )

    def _show_events(self, summaries: list[EventSummary]) -> None:
        current = self.current_event_id()
        self.summaries = summaries
        self.chooser.blockSignals(True)
        self.chooser.clear()
        for s in summaries:
            when = self._local(s.starts_at).toString("MM-dd HH:mm")
            self.chooser.addItem(f"{s.name}  ·  {when}  ·  {s.place}", s.event_id)
        index = max(self.chooser.findData(current), 0) if current else 0
        self.chooser.setCurrentIndex(index if summaries else -1)
        self.chooser.blockSignals(False)
        self._event_chosen()

    def current_event_id(self) -> str | None:
        return self.chooser.currentData()

    def current_summary(self) -> EventSummary | None:
        event_id = self.current_event_id()
        return next((s for s in self.summaries if s.event_id == event_id), None)

    def choose_event(self, event_id: str) -> None:
        index = self.chooser.findData(event_id)
        if index >= 0:
            self.chooser.setCurrentIndex(index)

    def _event_chosen(self) -> None:
        self._show_info()
        self._update_actions()
        event_id = self.current_event_id()
        if event_id is None:
            return
        runtime = self.ctx.runtime
        run_in_background(
            lambda: events.door_status(runtime.reader(), event_id),
            self._door_status,
            self._failed,
        )
        self._tab_shown()

    def _door_status(self, status) -> None:
        if status.event.event_id != self.current_event_id():
            return
        self.summaries = [
            status.event if s.event_id == status.event.event_id else s for s in self.summaries
        ]
        self.door.set_status(status)
        self._show_info()

    def _tab_shown(self) -> None:
        event_id = self.current_event_id()
        widget = self.tabs.currentWidget()
        if widget is self.door:
            self.door.scan_input.setFocus()
        elif event_id is not None:
            widget.load(event_id)

    def _after_change(self) -> None:
        self.ctx.data_changed.emit()

    def _show_info(self) -> None:
        s = self.current_summary()
        if s is None:
            self.info.setText(self.tr("No events yet. A manager can create one: New event…"))
            return
        parts = [
            self.tr("%1 to %2")
            .replace("%1", self._local(s.starts_at).toString("yyyy-MM-dd HH:mm"))
            .replace("%2", self._local(s.ends_at).toString("HH:mm")),
            self.tr("door open %1–%2")
            .replace("%1", self._local(s.signin_opens_at).toString("HH:mm"))
            .replace("%2", self._local(s.signin_closes_at).toString("HH:mm")),
            self.tr("capacity %1").replace("%1", str(s.capacity)),
        ]
        if s.min_tier:
            parts.append(self.tr("%1 and above").replace("%1", tier_label(s.min_tier)))
        parts.append(self.tr("by invitation") if s.invitation_only else self.tr("walk-ins welcome"))
        if s.attendance_points:
            parts.append(self.tr("%1 points for coming").replace("%1", str(s.attendance_points)))
        if s.staff_names:
            parts.append(self.tr("staff: %1").replace("%1", "、".join(s.staff_names)))
        self.info.setText("  ·  ".join(parts))

    def _local(self, at):
        from zoneinfo import ZoneInfo

        from PySide6.QtCore import QDateTime

        local = at.astimezone(ZoneInfo(self.ctx.identity.timezone))
        return QDateTime(local.date(), local.time())

    def _failed(self, error: BaseException) -> None:
        show_error(self.message, message_for(error))

    # actions
    def _new_event(self) -> None:
        form = EventForm(self.ctx, self)
        if form.exec() == EventForm.DialogCode.Accepted and form.saved_id:
            self._reload_and_choose(form.saved_id)

    def _reload_and_choose(self, event_id: str) -> None:
        self._select_after_refresh = event_id
        runtime = self.ctx.runtime
        run_in_background(
            lambda: events.list_events(runtime.reader(), runtime.now()),
            lambda summaries: (self._show_events(summaries), self.choose_event(event_id)),
            self._failed,
            owner=self,
        )

    def _edit_event(self) -> None:
        event_id, runtime = self.current_event_id(), self.ctx.runtime
        if event_id is None:
            return
        run_in_background(
            lambda: events.event_spec(runtime.reader(), event_id),
            lambda spec: self._open_form(event_id, spec),
            self._failed,
            owner=self,
        )

    def _open_form(self, event_id: str, spec) -> None:
        form = EventForm(self.ctx, self, event_id, spec)
        if form.exec() == EventForm.DialogCode.Accepted:
            self._reload_and_choose(event_id)

    def _walk_in(self) -> None:
        s = self.current_summary()
        if s is None or s.invitation_only:
            return
        dialog = WalkInDialog(self.ctx, s.event_id, self)
        if dialog.exec() == WalkInDialog.DialogCode.Accepted and dialog.code:
            self.door.sign_in(dialog.code)
