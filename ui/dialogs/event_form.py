"""A manager creates an event at this counter (a pop-up store's own event), or edits one."""

from datetime import UTC, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from services import events
from services.events import EventSpec
from services.staff import list_staff
from ui.labels import role_label, tier_label
from ui.messages import message_for
from ui.widgets import error_label, show_error


class EventForm(QDialog):
    """A new event; with `event_id` and `current`, that event's details to correct."""

    def __init__(
        self,
        ctx,
        parent: QWidget | None = None,
        event_id: str | None = None,
        current: EventSpec | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("eventForm")
        self.setWindowTitle(self.tr("Edit event") if event_id else self.tr("New event"))
        self._ctx = ctx
        self._event_id = event_id
        self.saved_id: str | None = None
        self.code = QLineEdit(self)
        self.code.setObjectName("eventCode")
        self.code.setMaxLength(32)
        self.code.setPlaceholderText(self.tr("e.g. POPUP-0612"))
        self.name = QLineEdit(self)
        self.name.setObjectName("eventName")
        self.name.setMaxLength(60)
        self.place = QLineEdit(self)
        self.place.setObjectName("eventPlace")
        self.place.setMaxLength(60)
        start = QDateTime.currentDateTime().addSecs(3600)
        self.starts = QDateTimeEdit(start, self)
        self.starts.setObjectName("eventStarts")
        self.starts.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.starts.setCalendarPopup(True)
        self.hours = QSpinBox(self)
        self.hours.setObjectName("eventHours")
        self.hours.setRange(1, 24 * 14)
        self.hours.setValue(2)
        self.capacity = QSpinBox(self)
        self.capacity.setObjectName("eventCapacity")
        self.capacity.setRange(1, 100_000)
        self.capacity.setValue(50)
        self.tier = QComboBox(self)
        self.tier.setObjectName("eventTier")
        self.tier.addItem(self.tr("Everyone"), None)
        for tier in ("silver", "gold", "platinum"):
            self.tier.addItem(self.tr("%1 and above").replace("%1", tier_label(tier)), tier)
        self.invitation = QCheckBox(self.tr("By invitation only (no walk-ins)"), self)
        self.invitation.setObjectName("eventInvitationOnly")
        self.points = QSpinBox(self)
        self.points.setObjectName("eventPoints")
        self.points.setRange(0, 100_000)
        self.staff = QListWidget(self)
        self.staff.setObjectName("eventStaff")
        for s in list_staff(ctx.runtime.reader()):
            item = QListWidgetItem(f"{s.name}  ({role_label(s.role)})")
            item.setData(Qt.ItemDataRole.UserRole, s.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.staff.addItem(item)
        self.error = error_label(self, "eventFormError")
        form = QFormLayout()
        form.addRow(self.tr("Code"), self.code)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Place"), self.place)
        form.addRow(self.tr("Starts"), self.starts)
        form.addRow(self.tr("Hours"), self.hours)
        form.addRow(self.tr("Capacity"), self.capacity)
        form.addRow(self.tr("Who may come"), self.tier)
        form.addRow("", self.invitation)
        form.addRow(self.tr("Points for coming"), self.points)
        form.addRow(self.tr("Staff at the door (none ticked: anyone)"), self.staff)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)
        if current is not None:
            self._fill(current)

    def _fill(self, current: EventSpec) -> None:
        zone = ZoneInfo(self._ctx.identity.timezone)
        local = current.starts_at.astimezone(zone)
        self.code.setText(current.code)
        self.code.setEnabled(False)  # how the centre and the other counters know the event
        self.name.setText(current.name)
        self.place.setText(current.place)
        self.starts.setDateTime(
            QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute))
        )
        seconds = (current.ends_at - current.starts_at).total_seconds()
        self.hours.setValue(max(1, round(seconds / 3600)))
        self.capacity.setValue(current.capacity)
        self.tier.setCurrentIndex(max(0, self.tier.findData(current.min_tier)))
        self.invitation.setChecked(current.invitation_only)
        self.points.setValue(current.attendance_points)
        for i in range(self.staff.count()):
            item = self.staff.item(i)
            ticked = item.data(Qt.ItemDataRole.UserRole) in current.staff_ids
            item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
        self.name.setFocus()

    def spec(self) -> EventSpec:
        zone = ZoneInfo(self._ctx.identity.timezone)
        local = self.starts.dateTime().toPython().replace(tzinfo=zone)
        starts = local.astimezone(UTC)
        staff = tuple(
            self.staff.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.staff.count())
            if self.staff.item(i).checkState() == Qt.CheckState.Checked
        )
        return EventSpec(
            code=self.code.text(),
            name=self.name.text(),
            place=self.place.text(),
            starts_at=starts,
            ends_at=starts + timedelta(hours=self.hours.value()),
            capacity=self.capacity.value(),
            min_tier=self.tier.currentData(),
            invitation_only=self.invitation.isChecked(),
            attendance_points=self.points.value(),
            staff_ids=staff,
        )

    def _submit(self) -> None:
        spec, event_id = self.spec(), self._event_id
        self.buttons.setEnabled(False)
        if event_id is None:
            self._ctx.write(events.create_event, spec, done=self._done, failed=self._failed)
        else:
            self._ctx.write(
                events.update_event,
                event_id,
                spec,
                done=lambda _none: self._done(event_id),
                failed=self._failed,
            )

    def _done(self, event_id: str) -> None:
        self.saved_id = event_id
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        show_error(self.error, message_for(error))
