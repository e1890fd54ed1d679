"""The door: a scan field that never loses focus, one large coloured answer per scan, a sound,
the count against capacity, and the last scans.

Scanners differ: some end with Enter, some send nothing after the code, some add control
characters or a prefix. The counter's one scanner (ui.scanner) hears all of them, strips
what they add and counts identical reads within two seconds once, then hands the read to
handle_scan; what a person types here and confirms with Enter is cleaned the same way.
The sign-in runs in a worker; the answer comes back in a few milliseconds.
"""

import time
import uuid
from functools import partial

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QLineEdit,
    QWidget,
)

from services import events
from services.events import CapacityOverride, DoorStatus, SignInResult
from services.rules import events as door_rules
from ui.dialogs.approval import obtain_approval
from ui.dialogs.member_lookup import MemberLookupDialog
from ui.messages import message_for
from ui.pages.event_door_actions import admit_over_capacity, undo_selected
from ui.pages.event_door_answer import (
    SOUND_FOR,
    DoorSound,
    LastScans,
    admitted_detail,
    answer_frame,
    lay_out,
    paint,
    refusal_detail,
    refusal_headline,
    store_moment,
)
from ui.scanner import mark_scan_field
from ui.widgets import beside_scan_button

MAX_SCAN_LENGTH = 2000


class DoorPanel(QWidget):
    result_shown = Signal(object)  # SignInResult, or the error, once it is on screen
    changed = Signal()  # a sign-in or an undo was saved

    def __init__(self, ctx, walk_in, parent: QWidget | None = None, clock=time.monotonic):
        super().__init__(parent)
        self.ctx = ctx
        self._walk_in = walk_in
        self._clock = clock
        self.event_id: str | None = None
        self.capacity = 0
        self.invitation_only = False
        self.last_result: SignInResult | None = None
        # What the answer shown was for (the override sends the same again): scanned text,
        # or a member id staff looked up.
        self.last_text: str | None = None
        self.last_looked_up = False
        self._repeats = door_rules.RepeatFilter()  # for what a person types and confirms
        self.sound = DoorSound(self)

        self.scan_input = QLineEdit(self)
        self.scan_input.setObjectName("signinScan")
        self.scan_input.setMaxLength(MAX_SCAN_LENGTH)
        self.scan_input.returnPressed.connect(self._submit)
        mark_scan_field(self.scan_input)
        self.scan_input.installEventFilter(self)

        self.result, self.headline, self.detail = answer_frame(self)

        self.count = QLabel(self)
        self.count.setObjectName("signinCount")
        self.walk_in_button = beside_scan_button(self, "walkInButton", "Ctrl+W", self._walk_in)
        self.lookup_button = beside_scan_button(self, "noCardButton", "Ctrl+F", self._look_up)
        self.override_button = beside_scan_button(self, "overrideButton", "Ctrl+O", self._override)
        self.override_button.hide()
        self.undo_button = beside_scan_button(self, "undoSigninButton", None, self._undo)
        self.scans = LastScans(self, self._time)
        self.scans_title = QLabel(self)
        self.scans_title.setObjectName("cardTitle")

        lay_out(
            self,
            (self.scan_input, self.result),
            (self.walk_in_button, self.lookup_button, self.override_button),
            (self.count, self.scans_title, self.scans, self.undo_button),
        )
        self.paint_state("idle")
        self.retranslate()

    def retranslate(self) -> None:
        self.scan_input.setPlaceholderText(self.tr("Scan a ticket or a member card"))
        self.scan_input.setAccessibleName(self.tr("Scan"))
        self.walk_in_button.setText(self.tr("Walk-in  (Ctrl+W)"))
        self.lookup_button.setText(self.tr("No card?  (Ctrl+F)"))
        self.override_button.setText(self.tr("Admit over capacity  (Ctrl+O)"))
        self.undo_button.setText(self.tr("Undo selected sign-in (manager)"))
        self.scans_title.setText(self.tr("Last scans"))
        if self.last_result is None:
            self._idle_text()
        self._show_count(self.last_count())

    def _idle_text(self) -> None:
        if self.event_id is None:
            self.headline.setText(self.tr("Choose an event"))
            self.detail.setText("")
        else:
            self.headline.setText(self.tr("Ready"))
            self.detail.setText(self.tr("Waiting for a scan. The scan field is always ready."))

    # the event at the door
    def set_status(self, status: DoorStatus) -> None:
        same = status.event.event_id == self.event_id
        self.event_id = status.event.event_id
        self.capacity = status.event.capacity
        self.invitation_only = status.event.invitation_only
        self.walk_in_button.setEnabled(not self.invitation_only)
        self._signed_in = status.event.signed_in
        self._show_count(status.event.signed_in)
        if not same:
            self.last_result = None
            self.paint_state("idle")
            self._idle_text()
            self.override_button.hide()
        self.scans.clear()
        for line in status.recent:
            self.scans.add(
                line.at,
                line.name,
                self.tr("undone") if line.undone else self.tr("Admitted"),
                line.signin_id if not line.undone else None,
                append=True,
            )

    def last_count(self) -> int:
        return getattr(self, "_signed_in", 0)

    def _show_count(self, signed_in: int) -> None:
        self._signed_in = signed_in
        self.count.setText(
            self.tr("Signed in: %1 / %2")
            .replace("%1", str(signed_in))
            .replace("%2", str(self.capacity))
        )

    # focus: the field keeps the keyboard whatever is clicked
    def eventFilter(self, watched, event) -> bool:
        if watched is self.scan_input and event.type() == event.Type.FocusOut:
            QTimer.singleShot(0, self, self._reclaim_focus)
        return super().eventFilter(watched, event)

    def _reclaim_focus(self) -> None:
        if (
            self.isVisible()
            and self.window().isActiveWindow()
            and QApplication.activeModalWidget() is None
        ):
            self.scan_input.setFocus()

    # scanning
    def handle_scan(self, text: str) -> None:
        """A read from the counter's scanner, already told apart from repeats."""
        self._take(door_rules.clean_scan(text[:MAX_SCAN_LENGTH]))

    def _submit(self) -> None:
        """Enter in the field: what a person typed (a ticket code from paper)."""
        raw = self.scan_input.text()
        self.scan_input.clear()
        text = door_rules.clean_scan(raw)
        if text and not self._repeats.is_repeat(text, self._clock()):
            self._take(text)

    def _take(self, text: str) -> None:
        if not text:
            return
        if self.event_id is None:
            self.show_error_text(self.tr("Choose an event first."))
            return
        self.sign_in(text)

    def forget_user(self) -> None:
        """Another person signed in: the last welcome is not theirs to see."""
        self.last_result = None
        self.last_text = None
        self.scan_input.clear()
        self.override_button.hide()
        self.paint_state("idle")
        self._idle_text()

    def sign_in(
        self, text: str, override: CapacityOverride | None = None, looked_up: bool = False
    ) -> None:
        event_id = self.event_id
        nonce = uuid.uuid4().hex  # one per scan: a retry of this call changes nothing
        self.ctx.write(  # committed with any other scans waiting, answered once durable
            events.sign_in_grouped,
            event_id,
            text,
            nonce,
            override,
            looked_up,
            # the answer carries what it was sent for: scans in flight answer in any order
            done=partial(self.show_result, text=text, looked_up=looked_up),
            failed=self.on_failed,
            owner=self,
            factory=True,
        )

    # the answer
    def show_result(
        self, r: SignInResult, text: str | None = None, looked_up: bool = False
    ) -> None:
        if r.event_id != self.event_id:
            return
        self.last_result = r
        self.last_text, self.last_looked_up = text, looked_up
        name = r.attendee.name if r.attendee else ""
        self.override_button.setVisible(r.outcome == door_rules.FULL)
        if r.outcome == door_rules.ADMITTED:
            self.paint_state("admitted")
            self.headline.setText(self.tr("Welcome, %1").replace("%1", name))
            self.detail.setText(admitted_detail(r, self.last_looked_up))
            self.scans.add(r.at, name, self.tr("Admitted"), r.signin_id)
            self.changed.emit()
        elif r.outcome == door_rules.ALREADY:
            self.paint_state("already_signed_in")
            self.headline.setText(self.tr("Already signed in: %1").replace("%1", name))
            self.detail.setText(
                self.tr("First signed in at %1 at counter %2")
                .replace("%1", self._time(r.at))
                .replace("%2", r.counter_label or "?")
            )
            self.scans.add(self._now(), name, self.tr("Already signed in"), None)
        else:
            self.paint_state("refused")
            headline = refusal_headline(r.outcome)
            self.headline.setText(headline)
            self.detail.setText(refusal_detail(r, self.invitation_only, self._time))
            self.scans.add(self._now(), name or "—", headline, None)
        self._show_count(r.signed_in)
        self.sound.play(SOUND_FOR.get(r.outcome, "refuse"))
        self.result_shown.emit(r)

    def on_failed(self, error: BaseException) -> None:
        self.show_error_text(message_for(error))
        self.result_shown.emit(error)

    def show_error_text(self, text: str) -> None:
        self.last_result = None
        self.override_button.hide()
        self.paint_state("refused")
        self.headline.setText(self.tr("Not accepted"))
        self.detail.setText(text)
        self.sound.play("refuse")
        self.scans.add(self._now(), "—", self.tr("Not accepted"), None)

    def paint_state(self, state: str) -> None:
        paint(state, self.result, self.headline, self.detail)

    def _now(self):
        return self.ctx.runtime.now()

    def _time(self, at, with_day: bool = False) -> str:
        return store_moment(at, self.ctx.identity.timezone, with_day)

    def _look_up(self) -> None:
        """A member who came without their card or phone: staff find them and sign them in."""
        if self.event_id is None:
            self.show_error_text(self.tr("Choose an event first."))
            return
        dialog = MemberLookupDialog(self.ctx, self)
        if dialog.exec() == MemberLookupDialog.DialogCode.Accepted and dialog.member_id:
            self.sign_in(dialog.member_id, looked_up=True)
        self.scan_input.setFocus()

    # a manager's actions (ui.pages.event_door_actions), approved through this module's name
    def _override(self) -> None:
        admit_over_capacity(self, obtain_approval)

    def _undo(self) -> None:
        undo_selected(self, obtain_approval)
