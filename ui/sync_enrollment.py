"""Settings › Central system: enroll this counter with the centre's address and a one-time code."""

from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QLineEdit, QWidget

from services import sync
from services.reports import read_sync_status
from ui.context import CounterContext
from ui.messages import message_for
from ui.widgets import error_label, push_button, show_error
from ui.workers import run_in_background


class EnrollmentBox(QGroupBox):
    def __init__(self, ctx: CounterContext, parent: QWidget | None = None, http=None) -> None:
        super().__init__(parent)
        self.setObjectName("enrollmentBox")
        self.ctx = ctx
        self._http = http
        self._enrolled_text = ""
        self.state = QLabel(self)
        self.state.setObjectName("enrollmentState")
        self.state.setWordWrap(True)
        self.url = QLineEdit(self)
        self.url.setObjectName("centralUrl")
        self.url.setPlaceholderText("https://central.example.com")
        self.code = QLineEdit(self)
        self.code.setObjectName("enrollmentCode")
        self.code.setPlaceholderText("XXXX-XXXX-XXXX")
        self.enroll = push_button(self, "enrollButton", self._enroll)
        self.message = error_label(self, "enrollmentMessage")
        self.url_label, self.code_label = QLabel(self), QLabel(self)
        form = QFormLayout(self)
        form.addRow(self.state)
        form.addRow(self.url_label, self.url)
        form.addRow(self.code_label, self.code)
        form.addRow(self.enroll)
        form.addRow(self.message)
        self.retranslate()
        self.refresh()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Central system"))
        self.url_label.setText(self.tr("Address"))
        self.code_label.setText(self.tr("One-time code"))
        self.enroll.setText(self.tr("Enroll this counter"))
        self.state.setText(
            self._enrolled_text
            or self.tr("Not enrolled: this counter works offline and keeps everything for sync.")
        )

    def changeEvent(self, event) -> None:
        if event.type() == event.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def refresh(self) -> None:
        reader = self.ctx.runtime.reader
        run_in_background(lambda: read_sync_status(reader()), self._show_status, owner=self)

    def _show_status(self, status) -> None:
        enrolled = status.enrolled
        for widget in (self.url, self.code, self.enroll, self.url_label, self.code_label):
            widget.setVisible(not enrolled)
        self._enrolled_text = (
            self.tr("Enrolled with %1 as %2.")
            .replace("%1", status.central_url or "")
            .replace("%2", status.store_name or "")
            if enrolled
            else ""
        )
        self.retranslate()

    def _enroll(self) -> None:
        show_error(self.message, "")
        http = self._http
        url, code = self.url.text(), self.code.text()
        self.enroll.setEnabled(False)
        self.ctx.write(
            sync.enroll,
            url,
            code,
            http,
            done=self._enrolled,
            failed=self._failed,
            owner=self,
            factory=True,
        )

    def _enrolled(self, _result: sync.Enrollment) -> None:
        self.enroll.setEnabled(True)
        self.code.clear()
        self.refresh()
        self.ctx.sync_requested.emit()

    def _failed(self, error: BaseException) -> None:
        self.enroll.setEnabled(True)
        show_error(self.message, message_for(error))
