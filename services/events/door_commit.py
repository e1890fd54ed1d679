"""Group commit at the door: sign-ins that arrive while another group is being written are
written together and made durable with one commit (one fsync), and each answer is given
only after the commit that holds it.

Nothing is shown as done that a power cut could take back: a caller gets "admitted" only
after the durable commit (synchronous=FULL) of the group its scan was in. The first scan
to find the door idle leads: it takes every scan waiting (its own first), answers each in
a savepoint of one transaction, commits once, and wakes the others with their answers; the
scans that arrived meanwhile wait, and the first of them leads the next group. Alone at
the door a scan is its own group, committed in its own thread as a commit per scan is. A
scan refused inside a group is rolled back to its savepoint and answered with its error;
the others go on. If the commit fails, every scan of the group gets the failure and none
was written.
"""

import threading
import weakref
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass
from datetime import datetime

from services.core.actor import Actor
from services.core.uow import UnitOfWork
from services.events.signin import CapacityOverride, Scan, SignInResult, admit, checked_scan

MOST_IN_A_GROUP = 64


@dataclass
class _Waiting:
    actor: Actor
    now: datetime
    scan: Scan
    done: bool = False
    result: SignInResult | None = None
    error: BaseException | None = None


class DoorCommitter:
    """The scans of one counter's database waiting to be written, and who writes them."""

    def __init__(self, most: int = MOST_IN_A_GROUP) -> None:
        self._most = most
        self._waiting: list[_Waiting] = []
        self._writing = False
        self._turn = threading.Condition()
        self.groups = 0  # groups committed, for the benchmark and the tests
        self.largest = 0

    def sign_in(
        self, writer: Callable[[], UnitOfWork], actor: Actor, now: datetime, scan: Scan
    ) -> SignInResult:
        """The answer to a checked scan once it is durable (or its error)."""
        me = _Waiting(actor, now, scan)
        with self._turn:
            self._waiting.append(me)
            while True:
                while self._writing and not me.done:
                    self._turn.wait()
                if me.done:
                    break
                self._writing = True  # this caller leads the next group
                group = self._waiting[: self._most]
                del self._waiting[: self._most]
                self._turn.release()
                try:
                    self._commit(writer, group)
                finally:
                    self._turn.acquire()
                    self._writing = False
                    for waiting in group:
                        waiting.done = True
                    self._turn.notify_all()
        if me.error is not None:
            raise me.error
        return me.result

    def _commit(self, writer: Callable[[], UnitOfWork], group: list[_Waiting]) -> None:
        try:
            with writer() as uow:
                wrote = False
                for waiting in group:
                    try:
                        with _alone_or_savepoint(uow, len(group)):
                            waiting.result, admitted = admit(
                                uow, waiting.actor, waiting.now, waiting.scan
                            )
                        wrote = wrote or admitted
                    except Exception as exc:  # this scan's refusal: its savepoint undid it
                        waiting.error = exc
                if wrote:
                    uow.commit()
            self.groups += 1
            self.largest = max(self.largest, len(group))
        except BaseException as exc:  # nothing of the group was committed: nobody is admitted
            for waiting in group:
                waiting.result, waiting.error = None, waiting.error or exc


def _alone_or_savepoint(uow: UnitOfWork, size: int):
    """A savepoint per scan when the group holds several; a scan alone needs none (its
    refusal writes nothing it could leave behind: the transaction is not committed)."""
    return uow.session.begin_nested() if size > 1 else nullcontext()


_committers: "weakref.WeakKeyDictionary[Callable, DoorCommitter]" = weakref.WeakKeyDictionary()
_committers_lock = threading.Lock()


def committer_for(writer: Callable[[], UnitOfWork]) -> DoorCommitter:
    """The one committer of this writer factory (a counter's `runtime.writer`)."""
    with _committers_lock:
        committer = _committers.get(writer)
        if committer is None:
            committer = _committers[writer] = DoorCommitter()
        return committer


def sign_in_grouped(
    writer: Callable[[], UnitOfWork],
    actor: Actor,
    now: datetime,
    event_id: str,
    text: str,
    nonce: str,
    override: CapacityOverride | None = None,
    looked_up: bool = False,
) -> SignInResult:
    """`signin.sign_in`, committed with whatever other sign-ins are waiting (given the
    writer factory, not a unit of work: the group's leader opens one for the group)."""
    scan = checked_scan(actor, event_id, text, nonce, override, looked_up)
    return committer_for(writer).sign_in(writer, actor, now, scan)
