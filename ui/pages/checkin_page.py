"""Check-in: scan a member's code (or type a number), see their card, the visit is recorded."""

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QVBoxLayout,
)

from services import members
from services.coupons import looks_like_coupon_code
from services.members import CheckIn, MemberCard, MemberRow
from services.pos import matches_any
from services.rules.events import looks_like_ticket
from ui.camera import CameraScanner, camera_available
from ui.member_card import MemberCardPanel
from ui.messages import message_for
from ui.pages.base import Page
from ui.pages.checkin_card_actions import CardActions
from ui.scanner import mark_scan_field
from ui.widgets import after_paint, beside_scan_button, error_label, show_error

MAX_SCAN_LENGTH = 2000  # longer input is a paste accident, not a code


class CheckInPage(Page):
    card_shown = Signal(object)  # MemberCard, for whoever needs the current member
    visit_recorded = Signal(str)  # member id, once the visit is durable
    # A coupon or an event ticket scanned here belongs to another page, not a check-in.
    other_scan = Signal(str)

    def __init__(self, ctx, open_register, print_card) -> None:
        super().__init__(ctx, "checkinPage")
        self._open_register = open_register
        self._print_card = print_card
        self._busy = False
        self.current: MemberCard | None = None

        self.scan_input = QLineEdit(self)
        self.scan_input.setObjectName("scanInput")
        self.scan_input.setMaxLength(MAX_SCAN_LENGTH)
        self.scan_input.returnPressed.connect(self._submit)
        mark_scan_field(self.scan_input)
        self.scan_input.installEventFilter(self)
        self.register_button = beside_scan_button(
            self, "registerButton", "Ctrl+N", self._open_register
        )
        self.camera_button = beside_scan_button(self, "cameraButton", "F11", self._toggle_camera)
        self.camera_button.setCheckable(True)
        self.camera_button.hide()  # shown once a camera is found, after the first paint
        self._camera: CameraScanner | None = None
        self._camera_checked = False
        self.message = error_label(self, "scanMessage")
        self.actions = CardActions(
            self, lambda: self.current, self._print_card, self.message, self._on_failed
        )
        actions = self.actions  # its buttons, by the names the page always had
        self.print_button, self.reissue_button = actions.print_button, actions.reissue_button
        self.birthday_button = actions.birthday_button
        self.card = MemberCardPanel(ctx.identity.timezone, self)
        self.card.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.candidates = QListWidget(self)
        self.candidates.setObjectName("candidateList")
        self.candidates.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.candidates.itemClicked.connect(lambda _i: self._pick_candidate())
        self.candidates_title = QLabel(self)
        self.candidates_title.setObjectName("cardTitle")
        self.more_hint = QLabel(self)  # the list is cut short: say so, and what to do
        self.more_hint.setObjectName("candidatesMore")
        self.more_hint.setWordWrap(True)
        self.idle_hint = QLabel(self)
        self.idle_hint.setObjectName("pageSummary")
        self.idle_hint.setWordWrap(True)

        scan_row = QHBoxLayout()
        scan_row.addWidget(self.scan_input, 1)
        scan_row.addWidget(self.camera_button)
        scan_row.addWidget(self.register_button)
        card_buttons = QHBoxLayout()
        card_buttons.addWidget(self.print_button)
        card_buttons.addWidget(self.reissue_button)
        card_buttons.addStretch(1)
        card_buttons.addWidget(self.birthday_button)
        body = QGridLayout()
        body.addWidget(self.idle_hint, 0, 0, 1, 2)
        body.addWidget(self.card, 1, 0)
        # The choice: its title above the list, never over its first row; down to the
        # page's foot, so twenty names fit without the card there to give it height.
        choice = QVBoxLayout()
        choice.addWidget(self.candidates_title)
        choice.addWidget(self.candidates, 1)
        choice.addWidget(self.more_hint)
        body.addLayout(choice, 1, 1, 3, 1)
        body.addLayout(card_buttons, 2, 0)
        body.setColumnStretch(0, 3)
        body.setColumnStretch(1, 2)
        body.setRowStretch(3, 1)  # the card keeps its height; the space goes below
        self.layout_.addLayout(scan_row)
        self.layout_.addWidget(self.message)
        self.layout_.addLayout(body, 1)
        self._show_nothing()
        ctx.member_changed.connect(self._on_member_changed)
        self.retranslate()

    def title(self) -> str:
        return self.tr("Check-in")

    def retranslate(self) -> None:
        super().retranslate()
        self.scan_input.setPlaceholderText(
            self.tr(
                "Scan a member code, or type a mobile number, last 4 digits, member no. or name"
            )
        )
        self.scan_input.setAccessibleName(self.tr("Scan or search"))
        self.register_button.setText(self.tr("New member  (Ctrl+N)"))
        self.print_button.setText(self.tr("Print card  (Ctrl+P)"))
        self.reissue_button.setText(self.tr("Reissue card"))
        self.camera_button.setText(self.tr("Camera  (F11)"))
        self.candidates_title.setText(self.tr("Several members match. Choose with ↑ ↓ and Enter:"))
        self.idle_hint.setText(self.tr("Waiting for a scan. The scan field is always ready."))
        self.more_hint.setText(
            self.tr(
                "Only the first %1 are listed; more members match. "
                "Type more digits: the whole mobile number or the member number."
            ).replace("%1", str(members.CANDIDATE_LIMIT))
        )
        self.card.retranslate()

    def on_shown(self) -> None:
        self.scan_input.setFocus()
        if not self._camera_checked:  # loading QtMultimedia takes a moment: not at start-up
            self._camera_checked = True
            QTimer.singleShot(500, self, self._detect_camera)

    # keyboard: arrows choose a candidate while the field keeps focus
    def eventFilter(self, watched, event) -> bool:
        choosing = self.candidates.isVisible() and self.candidates.count() > 0
        if watched is self.scan_input and event.type() == event.Type.KeyPress and choosing:
            step = {Qt.Key.Key_Up: -1, Qt.Key.Key_Down: 1}.get(event.key())
            if step is not None:
                row = (self.candidates.currentRow() + step) % self.candidates.count()
                self.candidates.setCurrentRow(row)
                return True
        if watched is self.scan_input and event.type() == event.Type.FocusOut:
            self._reclaim_focus()
        return super().eventFilter(watched, event)

    def _reclaim_focus(self) -> None:
        # Buttons and lists never take focus; only a dialog or another page may.
        if self.isVisible() and self.window().isActiveWindow():
            self.scan_input.setFocus()

    def forget_user(self) -> None:
        self.scan_input.clear()
        show_error(self.message, "")

    def handle_scan(self, text: str) -> None:
        """A scan that arrived while another widget had focus (see ui.scanner)."""
        self.scan_input.setText(text[:MAX_SCAN_LENGTH])
        self._submit()

    # scanning
    def _submit(self) -> None:
        text = self.scan_input.text()
        self.scan_input.clear()
        if not text.strip() and self.candidates.isVisible() and self.candidates.currentItem():
            self._pick_candidate()
            return
        plain = text.strip()
        if (
            looks_like_coupon_code(plain)
            or looks_like_ticket(plain)
            or matches_any(plain, self.ctx.settings.receipt_patterns)  # a till's receipt
        ):
            self.other_scan.emit(plain)
            return
        self.ctx.read(members.look_up, text, done=self._on_look_up, failed=self._on_look_up_failed)

    def _pick_candidate(self) -> None:
        item = self.candidates.currentItem()
        if item is None:
            return
        row: MemberRow = item.data(Qt.ItemDataRole.UserRole)
        source = self._candidate_source
        self.ctx.read(
            members.member_card,
            row.id,
            done=lambda card: self.show_card(card, source),
            failed=self._on_look_up_failed,
            owner=self,
        )

    def _on_look_up(self, result: CheckIn) -> None:
        if result.card is not None:
            self.show_card(result.card, result.source)
            return
        self._candidate_source = result.source
        self.candidates.clear()
        for row in result.candidates:
            item = QListWidgetItem(f"{row.name}   {row.mobile_masked}   {row.member_no}")
            item.setData(Qt.ItemDataRole.UserRole, row)
            self.candidates.addItem(item)
        self.candidates.setCurrentRow(0)
        show_error(self.message, "")
        self._forget_member()
        self.idle_hint.hide()
        self.candidates.show()
        self.candidates_title.show()
        self.more_hint.setVisible(result.more)
        self.scan_input.setFocus()

    def show_card(self, card: MemberCard, source: str) -> None:
        """Shows the member at once; their visit is saved right after, off the GUI thread."""
        self.current = card
        show_error(self.message, "")
        self.candidates.hide()
        self.candidates_title.hide()
        self.more_hint.hide()
        self.idle_hint.hide()
        self.card.show_member(card)
        self.card.show()
        self.actions.enable(True)
        self.scan_input.setFocus()
        self.card_shown.emit(card)
        if self.ctx.member is not card:
            self.ctx.set_member(card)
        # The card is painted first: a worker started now would take the GIL from the
        # paint. The counts refresh once the scans pause.
        after_paint(self.card, lambda: self._record_visit(card, source))

    def _record_visit(self, card: MemberCard, source: str) -> None:
        self.ctx.write(
            members.record_visit,
            card.id,
            source,
            done=lambda _none: self._on_visit_recorded(card.id),
            failed=self._on_visit_failed,
            owner=self,
        )
        self.actions.offer_birthday(card)

    def _on_visit_recorded(self, member_id: str) -> None:
        self.visit_recorded.emit(member_id)
        self.ctx.data_changed.emit()

    def _on_visit_failed(self, error: BaseException) -> None:
        show_error(
            self.message, self.tr("The visit was not saved: %1").replace("%1", message_for(error))
        )

    def _on_look_up_failed(self, error: BaseException) -> None:
        # The scan was for someone else: the last member's card must not stay under the
        # error, where the cashier could act on the wrong member. An Enter on its own
        # was for nobody else.
        if getattr(error, "code", None) != "scan.empty":
            self._forget_member()
            self.idle_hint.show()
        self._on_failed(error)

    def _on_failed(self, error: BaseException) -> None:
        show_error(self.message, message_for(error))
        self.scan_input.setFocus()

    def _forget_member(self) -> None:
        self.current = None
        self._show_nothing()
        if self.ctx.member is not None:
            self.ctx.set_member(None)

    def _on_member_changed(self, card) -> None:
        if card is None:  # signed out or locked: the last member's details leave the screen
            self.current = None
            self._show_nothing()
        elif self.current is not None and card.id == self.current.id:
            self.current = card
            self.card.show_member(card)  # e.g. a new balance after an earn

    def _show_nothing(self) -> None:
        self.actions.enable(False)
        self.card.hide()
        self.candidates.hide()
        self.candidates_title.hide()
        self.more_hint.hide()

    def _detect_camera(self) -> None:
        self.camera_button.setVisible(camera_available())

    def _toggle_camera(self) -> None:
        if self._camera is None:
            self._camera = CameraScanner(self)
            self._camera.decoded.connect(self.handle_scan)
        if self.camera_button.isChecked():
            self._camera.start()
        else:
            self._camera.stop()

    def hideEvent(self, event) -> None:
        if self._camera is not None:  # the camera is off whenever the page is not in front
            self._camera.stop()
            self.camera_button.setChecked(False)
        super().hideEvent(event)
