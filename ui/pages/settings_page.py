"""Settings: language, screen lock, staff accounts, and what this counter is."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from services import core, sync
from services import staff as staff_service
from services.rules.permissions import Permission
from services.staff import StaffSummary
from ui.backup_box import BackupBox
from ui.context import CounterContext
from ui.dialogs.approval import obtain_approval
from ui.dialogs.printer_settings import PrinterBox
from ui.dialogs.staff_form import PinForm
from ui.labels import role_label
from ui.messages import message_for
from ui.pages.base import Page
from ui.sync_enrollment import EnrollmentBox
from ui.till_box import TillBox
from ui.widgets import push_button
from ui.workers import run_in_background


class SettingsPage(Page):
    def __init__(self, ctx: CounterContext) -> None:
        super().__init__(ctx, "settingsPage")
        self._staff: list[StaffSummary] = []
        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(16)
        column.addWidget(self._build_general())
        column.addWidget(self._build_staff())
        column.addWidget(self._build_counter())
        self.enrollment = EnrollmentBox(ctx, self)
        column.addWidget(self.enrollment)
        self.backups = BackupBox(ctx, self)
        column.addWidget(self.backups)
        self.printer = PrinterBox(ctx, self)
        column.addWidget(self.printer)
        self.till = TillBox(ctx, self)
        column.addWidget(self.till)
        column.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(body)
        self.layout_.addWidget(scroll)
        self.retranslate()

    # building
    def _build_general(self) -> QGroupBox:
        self.general = QGroupBox(self)
        self.language = QComboBox(self.general)
        self.language.setObjectName("languageCombo")
        for _ in core.LANGUAGES:
            self.language.addItem("")
        self.language.activated.connect(self._change_language)
        self.lock_minutes = QSpinBox(self.general)
        self.lock_minutes.setObjectName("lockMinutes")
        spec = core.SPECS["lock_after_minutes"]
        self.lock_minutes.setRange(spec.low, spec.high)
        self.apply_lock = QPushButton(self.general)
        self.apply_lock.setObjectName("applyLock")
        self.apply_lock.clicked.connect(self._change_lock_minutes)
        lock_row = QHBoxLayout()
        lock_row.addWidget(self.lock_minutes)
        lock_row.addWidget(self.apply_lock)
        lock_row.addStretch(1)
        self.language.setMaximumWidth(320)
        self.language_label = QLabel(self.general)
        self.lock_label = QLabel(self.general)
        form = QFormLayout(self.general)
        form.addRow(self.language_label, self.language)
        form.addRow(self.lock_label, lock_row)
        return self.general

    def _build_staff(self) -> QGroupBox:
        self.staff_box = QGroupBox(self)
        self.staff_table = QTableWidget(0, 3, self.staff_box)
        self.staff_table.setObjectName("staffTable")
        self.staff_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.staff_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.staff_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.staff_table.verticalHeader().hide()
        self.staff_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.staff_table.setMinimumHeight(180)
        self.add_staff = push_button(self, "addStaff", self._add_staff)
        self.change_my_pin = push_button(self, "changeMyPin", self._change_my_pin)
        self.reset_pin = push_button(self, "resetPin", self._reset_pin)
        self.unlock = push_button(self, "unlockStaff", self._unlock)
        self.deactivate = push_button(self, "deactivateStaff", self._deactivate)
        buttons = QHBoxLayout()
        for button in (
            self.add_staff,
            self.reset_pin,
            self.unlock,
            self.deactivate,
            self.change_my_pin,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self.staff_box)
        layout.addWidget(self.staff_table)
        layout.addLayout(buttons)
        return self.staff_box

    def _build_counter(self) -> QGroupBox:
        self.counter_box = QGroupBox(self)
        form = QFormLayout(self.counter_box)
        self.counter_labels = []
        ident, runtime = self.ctx.identity, self.ctx.runtime
        values = (
            f"{ident.store_name} ({ident.store_code})",
            ident.counter_label,
            ident.timezone,
            ident.device_id,
            str(runtime.data_dir),
        )
        for value in values:
            label = QLabel(value, self.counter_box)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.counter_labels.append(QLabel(self.counter_box))
            form.addRow(self.counter_labels[-1], label)
        self._build_link(form)
        return self.counter_box

    def _build_link(self, form: QFormLayout) -> None:
        """How the counter reaches its centre: an insecure link is shown in red."""
        self._link = None
        self.link_label = QLabel(self.counter_box)
        self.link_value = QLabel(self.counter_box)
        self.link_value.setObjectName("linkSecurity")
        self.link_value.setWordWrap(True)
        form.addRow(self.link_label, self.link_value)
        self.system_proxy = QCheckBox(self.counter_box)
        self.system_proxy.setObjectName("systemProxy")
        self.system_proxy.setEnabled(False)
        self.system_proxy.clicked.connect(self._change_system_proxy)
        form.addRow(QLabel(self.counter_box), self.system_proxy)
        self.ctx.sync_requested.connect(self.refresh_link)  # e.g. just enrolled

    # texts
    def title(self) -> str:
        return self.tr("Settings")

    def retranslate(self) -> None:
        super().retranslate()
        self.general.setTitle(self.tr("This counter"))
        names = (self.tr("Follow the system"), "简体中文", "English")
        for i, name in enumerate(names):
            self.language.setItemText(i, name)
        self.language.setAccessibleName(self.tr("Language"))
        self.lock_minutes.setSuffix(self.tr(" min"))
        self.lock_minutes.setAccessibleName(self.tr("Lock the screen after minutes without use"))
        self.apply_lock.setText(self.tr("Apply"))
        self.language_label.setText(self.tr("Language"))
        self.lock_label.setText(self.tr("Lock the screen after"))
        self.staff_box.setTitle(self.tr("Staff"))
        self.staff_table.setHorizontalHeaderLabels(
            [self.tr("Name"), self.tr("Role"), self.tr("Status")]
        )
        self.add_staff.setText(self.tr("Add staff…"))
        self.reset_pin.setText(self.tr("Reset PIN…"))
        self.unlock.setText(self.tr("Unlock"))
        self.deactivate.setText(self.tr("Deactivate"))
        self.change_my_pin.setText(self.tr("Change my PIN…"))
        self.counter_box.setTitle(self.tr("About this counter"))
        labels = (
            self.tr("Store"),
            self.tr("Counter"),
            self.tr("Time zone"),
            self.tr("Device id"),
            self.tr("Data folder"),
        )
        for label, text in zip(self.counter_labels, labels, strict=True):
            label.setText(text)
        self.link_label.setText(self.tr("Link to the central system"))
        self.system_proxy.setText(self.tr("Use the system's proxy settings"))
        self._show_link(self._link)
        self._fill_staff()

    # refresh
    def on_shown(self) -> None:
        settings = self.ctx.settings
        self.language.setCurrentIndex(core.LANGUAGES.index(settings.language))
        self.lock_minutes.setValue(settings.lock_after_minutes)
        self.refresh_staff()
        self.enrollment.refresh()
        self.refresh_link()

    def refresh_link(self) -> None:
        reader = self.ctx.runtime.reader
        run_in_background(lambda: sync.link_status(reader), self._show_link, owner=self)

    def _show_link(self, link: sync.LinkStatus | None) -> None:
        self._link = link
        insecure = link is not None and link.insecure
        if link is None or not link.enrolled:
            text = self.tr("Not enrolled")
        elif insecure:
            text = self.tr("INSECURE: plain HTTP to another machine (--insecure), for tests only")
        elif not link.https:
            text = self.tr("Plain HTTP on this machine")
        elif link.tls_pinned:
            text = self.tr("HTTPS, certificate key pinned")
        else:
            text = self.tr("HTTPS")
        if link is not None and link.centre_key:
            text += "\n" + self.tr("Centre key %1").replace("%1", link.centre_key)
        self.link_value.setText(text)
        self.link_value.setProperty("insecure", insecure)
        self.link_value.setStyleSheet("color: #c62828; font-weight: bold;" if insecure else "")
        self.system_proxy.setEnabled(link is not None and link.enrolled)
        self.system_proxy.setChecked(link is not None and link.system_proxy)

    def _change_system_proxy(self, on: bool) -> None:
        self.ctx.write(
            sync.set_system_proxy,
            on,
            done=lambda _result: self.refresh_link(),
            failed=lambda error: (self._tell(message_for(error)), self.refresh_link()),
            owner=self,
            factory=True,
        )

    def refresh_staff(self) -> None:
        reader = self.ctx.runtime.reader
        run_in_background(lambda: staff_service.list_staff(reader()), self._set_staff)

    def _set_staff(self, staff: list[StaffSummary]) -> None:
        self._staff = staff
        self._fill_staff()

    def _fill_staff(self) -> None:
        now = self.ctx.runtime.now()
        self.staff_table.setRowCount(len(self._staff))
        for row, person in enumerate(self._staff):
            locked = person.locked_until is not None and person.locked_until > now
            cells = (
                person.name,
                role_label(person.role),
                self.tr("Locked") if locked else self.tr("Active"),
            )
            for col, text in enumerate(cells):
                self.staff_table.setItem(row, col, QTableWidgetItem(text))

    def _selected_staff(self) -> StaffSummary | None:
        row = self.staff_table.currentRow()
        if 0 <= row < len(self._staff):
            return self._staff[row]
        self._tell(self.tr("Choose a person in the list first."))
        return None

    # actions
    def _change_language(self, index: int) -> None:
        self._save_setting("language", core.LANGUAGES[index], None, None)

    def _change_lock_minutes(self) -> None:
        self._save_setting(
            "lock_after_minutes",
            self.lock_minutes.value(),
            Permission.SETTINGS_MANAGE,
            self.tr("change the screen lock time"),
        )

    def _save_setting(self, key, value, permission, action_text) -> None:
        approval = None
        if permission is not None:
            go, approval = obtain_approval(self.ctx, permission, action_text, self)
            if not go:
                return
        self._run(
            lambda uow, actor, now: core.change_setting(uow, actor, now, key, value, approval),
            self.ctx.set_settings,
        )

    def _add_staff(self) -> None:
        form = PinForm(self.tr("Add staff"), self, with_staff=True)
        if form.exec() != PinForm.DialogCode.Accepted:
            return
        go, approval = obtain_approval(
            self.ctx, Permission.STAFF_MANAGE, self.tr("add a staff account"), self
        )
        if not go:
            return
        name, role, pin = form.name.text(), form.role.currentData(), form.pin.text()
        self._run(
            lambda uow, actor, now: staff_service.create_staff(
                uow, actor, now, name, role, pin, approval
            )
        )

    def _reset_pin(self) -> None:
        person = self._selected_staff()
        if person is None:
            return
        form = PinForm(self.tr("New PIN for %1").replace("%1", person.name), self)
        if form.exec() != PinForm.DialogCode.Accepted:
            return
        go, approval = obtain_approval(
            self.ctx, Permission.STAFF_MANAGE, self.tr("reset a PIN"), self
        )
        if not go:
            return
        pin = form.pin.text()
        self._run(
            lambda uow, actor, now: staff_service.change_pin(
                uow, actor, now, person.id, pin, approval
            )
        )

    def _change_my_pin(self) -> None:
        form = PinForm(self.tr("Change my PIN"), self)
        if form.exec() != PinForm.DialogCode.Accepted:
            return
        pin, staff_id = form.pin.text(), self.ctx.actor.staff_id
        self._run(lambda uow, actor, now: staff_service.change_pin(uow, actor, now, staff_id, pin))

    def _unlock(self) -> None:
        self._staff_action(staff_service.unlock_staff, self.tr("unlock an account"))

    def _deactivate(self) -> None:
        self._staff_action(staff_service.deactivate_staff, self.tr("deactivate an account"))

    def _staff_action(self, use_case, action_text: str) -> None:
        person = self._selected_staff()
        if person is None:
            return
        go, approval = obtain_approval(self.ctx, Permission.STAFF_MANAGE, action_text, self)
        if go:
            self._run(lambda uow, actor, now: use_case(uow, actor, now, person.id, approval))

    def _run(self, call, on_done=None) -> None:

        def done(result) -> None:
            if on_done is not None:
                on_done(result)
            self.refresh_staff()
            self.ctx.data_changed.emit()

        self.ctx.write(
            call, done=done, failed=lambda error: self._tell(message_for(error)), owner=self
        )

    def _tell(self, text: str) -> None:
        QMessageBox.warning(self, self.tr("Not done"), text)
