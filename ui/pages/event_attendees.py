"""The attendee list of an event: who is registered, who came, when and where; invitations,
tickets (PDF with QR), the CSV export and the printable attendance report."""

from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDateTime, QLocale, Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from services import events
from services.events import AttendanceReport
from services.printing.attendance import AttendanceText, render_attendance
from services.printing.slips import ticket_slip
from services.printing.tickets import TicketText, render_tickets
from services.protocol import codes
from ui.ask import Ask
from ui.dialogs.event_walk_in import WalkInDialog
from ui.messages import message_for
from ui.printing import offer_pdf, print_or_offer
from ui.widgets import error_label, show_error
from ui.workers import run_in_background

PRINTS_DIRNAME = "prints"


class AttendeesTab(QWidget):
    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("attendeesTab")
        self.ctx = ctx
        self.event_id: str | None = None
        self.report: AttendanceReport | None = None
        self.totals = QLabel(self)
        self.totals.setObjectName("attendanceTotals")
        self.table = QTableWidget(0, 7, self)
        self.table.setObjectName("attendeeTable")
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.message = error_label(self, "attendeesMessage")
        self.invite_button = self._button("inviteMemberButton", self._invite_member)
        self.guest_button = self._button("addGuestButton", self._add_guest)
        self.tickets_button = self._button("printTicketsButton", self._print_tickets)
        self.csv_button = self._button("exportCsvButton", self._export_csv)
        self.pdf_button = self._button("attendancePdfButton", self._print_report)
        buttons = QHBoxLayout()
        for b in (self.invite_button, self.guest_button, self.tickets_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.csv_button)
        buttons.addWidget(self.pdf_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(self.totals)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)

    def _button(self, name: str, slot) -> QPushButton:
        button = QPushButton(self)
        button.setObjectName(name)
        button.clicked.connect(slot)
        return button

    def headers(self) -> list[str]:
        return [
            self.tr("Name"),
            self.tr("Member no."),
            self.tr("Mobile"),
            self.tr("Kind"),
            self.tr("Signed in at"),
            self.tr("Counter"),
            self.tr("Points"),
        ]

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels(self.headers())
        self.invite_button.setText(self.tr("Invite a member…"))
        self.guest_button.setText(self.tr("Add a guest…"))
        self.tickets_button.setText(self.tr("Print tickets"))
        self.csv_button.setText(self.tr("Export CSV…"))
        self.pdf_button.setText(self.tr("Attendance report (PDF)"))
        if self.report is not None:
            self._show(self.report)

    def load(self, event_id: str) -> None:
        self.event_id = event_id
        reader = self.ctx.runtime.reader
        run_in_background(lambda: events.attendance(reader(), event_id), self._show, self._failed)

    def _kind(self, kind: str) -> str:
        return self.tr("Walk-in") if kind == "walk_in" else self.tr("Invitation")

    def _when(self, at) -> str:
        if at is None:
            return ""
        local = at.astimezone(ZoneInfo(self.ctx.identity.timezone))
        return QLocale().toString(QDateTime(local.date(), local.time()), "MM-dd HH:mm:ss")

    def _show(self, report: AttendanceReport) -> None:
        if report.event.event_id != self.event_id:
            return
        self.report = report
        show_error(self.message, "")
        self.totals.setText(
            self.tr("Registered %1 · signed in %2 (walk-ins %3) · not come %4 · points given %5")
            .replace("%1", str(report.registered))
            .replace("%2", str(report.signed_in))
            .replace("%3", str(report.walk_ins))
            .replace("%4", str(report.no_shows))
            .replace("%5", str(report.points))
        )
        self.table.setRowCount(len(report.rows))
        for i, r in enumerate(report.rows):
            cells = (
                r.name,
                r.member_no,
                r.mobile_masked,
                self._kind(r.kind),
                self._when(r.signed_in_at),
                r.counter_label,
                str(r.points) if r.points else "",
            )
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, r.registration_id)
                self.table.setItem(i, j, item)
        self.table.resizeColumnsToContents()

    def _failed(self, error: BaseException) -> None:
        show_error(self.message, message_for(error))

    def _tell(self, text: str) -> None:
        self.message.setProperty("state", "ok")
        show_error(self.message, text)

    # invitations
    def _invite_member(self) -> None:
        if self.event_id is None:
            return
        query = Ask(self, self.tr("Invite a member")).text(self.tr("Member no. or mobile number:"))
        if query is None or not query.strip():
            return
        self.ctx.write(
            events.invite_member,
            self.event_id,
            query,
            done=self._registered,
            failed=self._failed,
            owner=self,
        )

    def _add_guest(self) -> None:
        if self.event_id is None:
            return
        dialog = WalkInDialog(self.ctx, self.event_id, self, invited=True)
        if dialog.exec() == WalkInDialog.DialogCode.Accepted:
            self.load(self.event_id)

    def _registered(self, reg) -> None:
        self._tell(self.tr("Registered: %1").replace("%1", reg.name))
        self.load(self.event_id)

    # paper and files
    def selected_registrations(self) -> list[str] | None:
        rows = {i.row() for i in self.table.selectedItems()}
        ids = [self.table.item(r, 0).data(Qt.ItemDataRole.UserRole) for r in sorted(rows)]
        return ids or None

    def _print_tickets(self) -> None:
        if self.event_id is None:
            return
        runtime, event_id, chosen = self.ctx.runtime, self.event_id, self.selected_registrations()
        folder = runtime.data_dir / PRINTS_DIRNAME
        zone = ZoneInfo(self.ctx.identity.timezone)

        def prepare() -> list[TicketText]:
            tickets = events.printable_tickets(runtime.reader(), event_id, chosen)
            if not tickets:
                from services.core import StateError

                raise StateError(codes.EVENT_NO_REGISTRATIONS)
            return [self.ticket_text(t, zone) for t in tickets]

        def draw(texts: list[TicketText]) -> Path:
            folder.mkdir(exist_ok=True)
            return render_tickets(texts, folder / f"tickets-{texts[0].code}.pdf")

        print_or_offer(
            self.ctx,
            self,
            prepare,
            draw,
            lambda texts: [ticket_slip(t) for t in texts],
            lambda path: offer_pdf(path, self, self.tr("Tickets"), path.name),
            self._failed,
        )

    def ticket_text(self, t, zone) -> TicketText:
        start, end = t.starts_at.astimezone(zone), t.ends_at.astimezone(zone)
        return TicketText(
            store_name=t.store_name,
            event_name=t.event_name,
            place=t.place,
            when=f"{start:%Y-%m-%d %H:%M}–{end:%H:%M}",
            attendee=t.attendee,
            kind=self._kind(t.kind),
            code=t.code,
            note=self.tr("Show this code at the door. It is yours alone."),
        )

    def _export_csv(self) -> None:
        if self.report is None:
            return
        name = f"attendance-{self.report.event.code}.csv"
        target, _f = QFileDialog.getSaveFileName(
            self, self.tr("Export CSV"), str(Path.home() / name), "CSV (*.csv)"
        )
        if target:
            self.write_csv(Path(target))

    def write_csv(self, target: Path) -> None:
        text = events.attendance_csv(
            self.report, self.headers(), ZoneInfo(self.ctx.identity.timezone)
        )
        target.write_text(text, encoding="utf-8")
        self._tell(self.tr("Saved: %1").replace("%1", str(target)))

    def _print_report(self) -> None:
        if self.report is None:
            return
        report, folder = self.report, self.ctx.runtime.data_dir / PRINTS_DIRNAME
        text = self.report_text(report)

        def draw() -> Path:
            folder.mkdir(exist_ok=True)
            return render_attendance(text, folder / f"attendance-{report.event.code}.pdf")

        run_in_background(
            draw,
            lambda path: offer_pdf(path, self, self.tr("Attendance report"), path.name),
            self._failed,
            owner=self,
        )

    def report_text(self, report: AttendanceReport) -> AttendanceText:
        e = report.event
        zone = ZoneInfo(self.ctx.identity.timezone)
        start, end = e.starts_at.astimezone(zone), e.ends_at.astimezone(zone)
        return AttendanceText(
            title=self.tr("Attendance: %1").replace("%1", e.name),
            subtitle=f"{e.place}  ·  {start:%Y-%m-%d %H:%M}–{end:%H:%M}",
            totals=(
                (self.tr("Registered"), str(report.registered)),
                (self.tr("Signed in"), f"{report.signed_in} / {e.capacity}"),
                (self.tr("Walk-ins"), str(report.walk_ins)),
                (self.tr("Not come"), str(report.no_shows)),
                (self.tr("Points given"), str(report.points)),
            ),
            headers=tuple(self.headers()),
            rows=tuple(
                (
                    r.name,
                    r.member_no,
                    r.mobile_masked,
                    self._kind(r.kind),
                    self._when(r.signed_in_at),
                    r.counter_label,
                    str(r.points) if r.points else "",
                )
                for r in report.rows
            ),
            footer=self.ctx.identity.store_name,
        )
