"""The door's answer: its colours and sound per outcome, and its words. The words keep the
door panel's translation context."""

from collections.abc import Callable
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, QDateTime, QLocale, Qt, QUrl
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from resources import resource_path
from services.events import SignInResult
from services.rules import events as door_rules
from ui.labels import tier_label

COLOURS = {  # outcome -> (background, text)
    "admitted": ("#15803d", "#ffffff"),
    "already_signed_in": ("#b45309", "#ffffff"),
    "refused": ("#b91c1c", "#ffffff"),
    "idle": ("#e2e8f0", "#334e68"),
}
LAST_SCANS = 20
SOUND_FOR = {"admitted": "admit", "already_signed_in": "warn"}


class DoorSound:
    """Short sounds from resources/sounds; the system beep where QtMultimedia cannot play
    (no audio device, or an offscreen test). `last` says what was played, for tests."""

    def __init__(self, parent: QWidget) -> None:
        self._parent = parent
        self._effects: dict[str, object] | None = None
        self.last: str | None = None

    def load(self) -> None:
        if self._effects is not None:
            return
        self._effects = {}
        if QApplication.platformName() in ("offscreen", "minimal"):
            return
        try:
            from PySide6.QtMultimedia import QSoundEffect
        except ImportError:
            return
        for name in ("admit", "warn", "refuse"):
            effect = QSoundEffect(self._parent)
            effect.setSource(QUrl.fromLocalFile(str(resource_path("sounds", f"{name}.wav"))))
            effect.setVolume(0.8)
            self._effects[name] = effect

    def play(self, name: str) -> None:
        self.last = name
        self.load()
        effect = self._effects.get(name)
        if effect is not None and effect.status() != effect.Status.Error:
            effect.play()
        else:
            QApplication.beep()


def answer_frame(parent: QWidget) -> tuple[QFrame, QLabel, QLabel]:
    """The large coloured answer: its frame, headline and detail."""
    frame = QFrame(parent)
    frame.setObjectName("signinResult")
    frame.setMinimumHeight(230)
    labels = []
    for name in ("signinHeadline", "signinDetail"):
        label = QLabel(frame)
        label.setObjectName(name)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setWordWrap(True)
        labels.append(label)
    inner = QVBoxLayout(frame)
    inner.addStretch(1)
    for label in labels:
        inner.addWidget(label)
    inner.addStretch(1)
    return frame, labels[0], labels[1]


def lay_out(panel: QWidget, answer: tuple, buttons: tuple, side: tuple) -> None:
    """The door's layout: the scan field over the answer and its buttons; beside them the
    count, the last scans and the undo. The answer and the list take the height."""
    left = QVBoxLayout()
    left.addWidget(answer[0])
    left.addWidget(answer[1], 1)
    row = QHBoxLayout()
    for button in buttons:
        row.addWidget(button)
    row.addStretch(1)
    left.addLayout(row)
    right = QVBoxLayout()
    for widget in side:
        right.addWidget(widget, 1 if isinstance(widget, LastScans) else 0)
    layout = QHBoxLayout(panel)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addLayout(left, 3)
    layout.addLayout(right, 2)


class LastScans(QListWidget):
    """The door's last scans, newest first; a sign-in's line carries its id for the undo."""

    def __init__(self, parent: QWidget, time: Callable[..., str]) -> None:
        super().__init__(parent)
        self._time = time
        self.setObjectName("lastScans")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def add(self, at, name: str, what: str, signin_id: str | None, append=False) -> None:
        item = QListWidgetItem(f"{self._time(at)}   {name}   {what}")
        item.setData(Qt.ItemDataRole.UserRole, signin_id)
        if append:
            self.addItem(item)
        else:
            self.insertItem(0, item)
        while self.count() > LAST_SCANS:
            self.takeItem(self.count() - 1)


def store_moment(at, timezone: str, with_day: bool = False) -> str:
    """A moment in the store's time zone: 12:03:09, or 05-14 12:03 with the day."""
    if at is None:
        return ""
    local = at.astimezone(ZoneInfo(timezone))
    fmt = "MM-dd HH:mm" if with_day else "HH:mm:ss"
    return QLocale().toString(QDateTime(local.date(), local.time()), fmt)


def admitted_detail(r: SignInResult, looked_up: bool) -> str:
    """The line under "Welcome": who, the points, and how they came in."""
    parts = []
    if r.attendee and r.attendee.member_no:
        parts.append(r.attendee.member_no)
    elif r.attendee:
        parts.append(QCoreApplication.translate("DoorPanel", "Guest"))
    if r.points:
        parts.append(
            QCoreApplication.translate("DoorPanel", "+%1 points").replace("%1", str(r.points))
        )
    if r.walk_in:
        parts.append(QCoreApplication.translate("DoorPanel", "walk-in"))
    if looked_up:
        parts.append(QCoreApplication.translate("DoorPanel", "no card"))
    if r.override:
        parts.append(QCoreApplication.translate("DoorPanel", "over capacity, approved"))
    return "  ·  ".join(parts)


def refusal_headline(outcome: str) -> str:
    return {
        door_rules.NOT_REGISTERED: QCoreApplication.translate("DoorPanel", "Not registered"),
        door_rules.OUTSIDE_WINDOW: QCoreApplication.translate(
            "DoorPanel", "Outside the sign-in time"
        ),
        door_rules.FULL: QCoreApplication.translate("DoorPanel", "Full"),
        door_rules.WRONG_TIER: QCoreApplication.translate("DoorPanel", "Wrong tier"),
    }.get(outcome, QCoreApplication.translate("DoorPanel", "Not accepted"))


def refusal_detail(r: SignInResult, invitation_only: bool, time: Callable[..., str]) -> str:
    """What to do about a refusal, in words; `time` writes a moment in the store's zone."""
    if r.outcome == door_rules.NOT_REGISTERED:
        if r.other_event:
            return QCoreApplication.translate(
                "DoorPanel", "This ticket is for another event: %1"
            ).replace("%1", r.other_event)
        if not invitation_only:
            return QCoreApplication.translate(
                "DoorPanel", "Walk-ins are welcome: press Ctrl+W to register them."
            )
        return QCoreApplication.translate("DoorPanel", "This event is by invitation only.")
    if r.outcome == door_rules.OUTSIDE_WINDOW and r.window:
        return (
            QCoreApplication.translate("DoorPanel", "Sign-in is open from %1 to %2.")
            .replace("%1", time(r.window[0], True))
            .replace("%2", time(r.window[1], True))
        )
    if r.outcome == door_rules.FULL:
        return (
            QCoreApplication.translate(
                "DoorPanel", "%1 of %2 places are taken. A manager may admit one more: Ctrl+O."
            )
            .replace("%1", str(r.signed_in))
            .replace("%2", str(r.capacity))
        )
    if r.outcome == door_rules.WRONG_TIER:
        return QCoreApplication.translate(
            "DoorPanel", "This event is for %1 members and above."
        ).replace("%1", tier_label(r.min_tier or ""))
    return ""


def paint(state: str, frame: QFrame, *labels: QLabel) -> None:
    """The answer's colours for `state`. One style sheet, set once; a new answer only
    changes a property and re-polishes three widgets (a style sheet per scan costs several
    milliseconds), and only when the state changes: re-polishing the same colours took a
    millisecond of the GUI thread at each of a queue's admitted scans."""
    if not frame.styleSheet():
        frame.setStyleSheet(_door_style())
    elif frame.property("outcome") == state:
        return
    frame.setProperty("outcome", state)
    for widget in (frame, *labels):
        widget.setProperty("outcome", state)
        widget.style().unpolish(widget)
        widget.style().polish(widget)


def _door_style() -> str:
    rules = [
        "QFrame#signinResult { border-radius: 12px; }",
        "QLabel#signinHeadline { font-size: 44px; font-weight: 700; }",
        "QLabel#signinDetail { font-size: 22px; }",
    ]
    for state, (background, ink) in COLOURS.items():
        rules.append(f'QFrame#signinResult[outcome="{state}"] {{ background: {background}; }}')
        rules.append(f'QLabel[outcome="{state}"] {{ color: {ink}; background: transparent; }}')
    return "\n".join(rules)
