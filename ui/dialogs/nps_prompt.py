"""Turned towards the customer after a sale: "How likely are you to recommend us?" 0-10,
and beside it "How satisfied are you with your visit today?" 1-5 (CSAT).

Big buttons a customer can tap (or the cashier types the digit; 1 then 0 is ten). The
satisfaction is chosen first, if at all, and saved with the NPS answer (or alone on Skip).
"""

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from services import reports
from ui.messages import message_for
from ui.widgets import error_label, show_error

ONE_OR_TEN_MS = 600


class NpsPrompt(QDialog):
    def __init__(self, ctx, member_id: str | None, reference: str | None, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("npsPrompt")
        self.setWindowTitle(self.tr("Your opinion"))
        self.ctx, self.member_id, self.reference = ctx, member_id, reference
        self.saved = False
        self._pending_one = False
        self._one_timer = QTimer(self)
        self._one_timer.setSingleShot(True)
        self._one_timer.setInterval(ONE_OR_TEN_MS)
        self._one_timer.timeout.connect(self._one_alone)
        question = QLabel(self.tr("How likely are you to recommend us to a friend?"), self)
        question.setObjectName("npsQuestion")
        question.setStyleSheet("font-size: 22px; font-weight: 600;")
        question.setWordWrap(True)
        satisfaction = QLabel(self.tr("How satisfied are you with your visit today?"), self)
        satisfaction.setObjectName("csatQuestion")
        satisfaction.setWordWrap(True)
        self.csat_buttons: list[QPushButton] = []
        csat_row = QHBoxLayout()
        for score in range(1, 6):
            button = QPushButton(str(score), self)
            button.setObjectName(f"csatScore{score}")
            button.setCheckable(True)
            button.setAutoExclusive(True)
            button.setMinimumSize(56, 44)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # digits typed go to the NPS row
            csat_row.addWidget(button)
            self.csat_buttons.append(button)
        csat_row.addWidget(QLabel(self.tr("1 = very dissatisfied, 5 = very satisfied"), self))
        csat_row.addStretch(1)
        self.buttons: list[QPushButton] = []
        grid = QGridLayout()
        for score in range(11):
            button = QPushButton(str(score), self)
            button.setObjectName(f"npsScore{score}")
            button.setMinimumSize(56, 56)
            button.setStyleSheet("font-size: 20px;")
            button.clicked.connect(lambda _c=False, s=score: self._save(s))
            grid.addWidget(button, 0, score)
            self.buttons.append(button)
        ends = QHBoxLayout()
        ends.addWidget(QLabel(self.tr("0 = not at all"), self))
        ends.addStretch(1)
        ends.addWidget(QLabel(self.tr("10 = certainly"), self))
        self.comment = QLineEdit(self)
        self.comment.setObjectName("npsComment")
        self.comment.setMaxLength(reports.COMMENT_MAX)
        self.comment.setPlaceholderText(self.tr("Anything to tell us? (optional)"))
        self.error = error_label(self, "npsError")
        skip = QPushButton(self.tr("Skip  (Esc)"), self)
        skip.clicked.connect(self._skip)
        layout = QVBoxLayout(self)
        layout.addWidget(satisfaction)
        layout.addLayout(csat_row)
        layout.addSpacing(12)
        layout.addWidget(question)
        layout.addLayout(grid)
        layout.addLayout(ends)
        layout.addWidget(self.comment)
        layout.addWidget(self.error)
        layout.addWidget(skip, 0, Qt.AlignmentFlag.AlignRight)

    def keyPressEvent(self, event) -> None:
        """Digits pick a score; a 1 waits a moment for a 0 (ten)."""
        if event.key() == Qt.Key.Key_Escape:
            self._skip()  # keeps a satisfaction already chosen
            return
        text = event.text()
        if self.comment.hasFocus() or not text.isdigit():
            super().keyPressEvent(event)
            return
        if self._pending_one:
            self._one_timer.stop()
            self._pending_one = False
            self._save(10 if text == "0" else 1)
        elif text == "1":
            self._pending_one = True
            self._one_timer.start()
        else:
            self._save(int(text))

    def _one_alone(self) -> None:
        self._pending_one = False
        self._save(1)

    def csat_score(self) -> int | None:
        return next((n for n, b in enumerate(self.csat_buttons, 1) if b.isChecked()), None)

    def _save(self, score: int) -> None:
        comment, member_id, reference = self.comment.text(), self.member_id, self.reference
        csat = self.csat_score()
        for button in self.buttons:
            button.setEnabled(False)

        def save(writer, actor, now) -> None:
            reports.record_rating(writer(), actor, now, score, comment, member_id, reference)
            if csat is not None:
                reports.record_satisfaction(writer(), actor, now, csat, member_id, reference)

        self.ctx.write(
            save, done=lambda _none: self._done(), failed=self._failed, owner=self, factory=True
        )

    def _skip(self) -> None:
        """No NPS answer; a satisfaction already chosen is still kept."""
        csat = self.csat_score()
        if csat is None:
            self.reject()
            return
        member_id, reference = self.member_id, self.reference
        self.ctx.write(
            reports.record_satisfaction,
            csat,
            member_id,
            reference,
            done=lambda _id: self.reject(),
            failed=self._failed,
            owner=self,
        )

    def _done(self) -> None:
        self.saved = True
        self.accept()

    def _failed(self, error: BaseException) -> None:
        for button in self.buttons:
            button.setEnabled(True)
        show_error(self.error, message_for(error))
