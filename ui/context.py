"""What every page shares: the services runtime, this counter, who is signed in, the language."""

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QElapsedTimer, QObject, QTimer, Signal

from services import members
from services.core import Actor, CounterIdentity, CounterSettings, Runtime, load_settings
from ui.i18n import LanguageSwitcher
from ui.workers import run_in_background

# A burst of recorded changes (scans back to back at the door or the till) refreshes the
# counts, lists and sync once, after it: never one task per scan competing with the next.
SETTLE_MS = 300
SETTLE_MAX_MS = 2000  # a burst that never pauses still refreshes this often


class CounterContext(QObject):
    actor_changed = Signal(object)  # Actor | None
    settings_changed = Signal(object)  # CounterSettings
    data_changed = Signal()  # something was recorded (emitted once per change)
    data_settled = Signal()  # changes were recorded and a pause followed: refresh counts
    member_changed = Signal(object)  # MemberCard | None: the member at the counter now
    sync_requested = Signal()  # "Sync now", an enrollment: the sync loop runs a cycle soon
    sync_finished = Signal(object)  # services.sync.CycleReport of the cycle that just ended

    def __init__(
        self, runtime: Runtime, identity: CounterIdentity, languages: LanguageSwitcher
    ) -> None:
        super().__init__()
        self.runtime = runtime
        self.identity = identity
        self.languages = languages
        self.actor: Actor | None = None
        self.member = None  # services.members.check_in.MemberCard of the member being served
        # Whether the central system answered the last sync cycle (ui.sync_loop sets it).
        # Coupons that may not be accepted offline are refused while it is False.
        self.online = False
        self.settings: CounterSettings = load_settings(runtime.reader())
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(self.data_settled)
        self._burst = QElapsedTimer()
        self.data_changed.connect(self._note_change)

    def _note_change(self) -> None:
        """Debounces data_changed into data_settled, at most SETTLE_MAX_MS late."""
        if not self._settle.isActive():
            self._burst.start()
            self._settle.start()
        elif self._burst.elapsed() < SETTLE_MAX_MS - SETTLE_MS:
            self._settle.start()  # restarts: the burst goes on

    def set_actor(self, actor: Actor | None) -> None:
        self.actor = actor
        if actor is None:
            self.set_member(None)  # the next person at the counter starts clean
        self.actor_changed.emit(actor)

    def set_member(self, card) -> None:
        self.member = card
        self.member_changed.emit(card)

    def refresh_member(self, owner: QObject) -> None:
        """Something changed the served member's balance or coupons: fetch their card again
        (off the GUI thread) for every page that shows it, and tell the counts to refresh."""
        card = self.member
        if card is not None:
            self.read(members.member_card, card.id, done=self.set_member, owner=owner)
        self.data_changed.emit()

    def write(
        self,
        use_case: Callable[..., Any],
        *args: Any,
        done: Callable[[Any], None],
        failed: Callable[[BaseException], None] | None = None,
        owner: QObject | None = None,
        factory: bool = False,
        **kwargs: Any,
    ) -> None:
        """Runs `use_case(unit of work, actor, now, *args, **kwargs)` off the GUI thread with
        a writing unit of work (`factory`: the use case opens its own, so it is given
        `runtime.writer` itself), the person signed in now and the clock read in the worker;
        `done` or `failed` run on the GUI thread, as in ui.workers.run_in_background."""
        runtime, actor = self.runtime, self.actor

        def call():
            unit = runtime.writer if factory else runtime.writer()
            return use_case(unit, actor, runtime.now(), *args, **kwargs)

        run_in_background(call, done, failed, owner=owner)

    def read(
        self,
        use_case: Callable[..., Any],
        *args: Any,
        done: Callable[[Any], None],
        failed: Callable[[BaseException], None] | None = None,
        owner: QObject | None = None,
    ) -> None:
        """`write`'s twin for views: `use_case(reading unit of work, actor, now, *args)`."""
        runtime, actor = self.runtime, self.actor
        run_in_background(
            lambda: use_case(runtime.reader(), actor, runtime.now(), *args),
            done,
            failed,
            owner=owner,
        )

    def set_settings(self, settings: CounterSettings) -> None:
        self.settings = settings
        self.languages.apply(settings.language)
        self.settings_changed.emit(settings)
