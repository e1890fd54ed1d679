"""The WAL's checkpoints, made by a thread of their own so that no commit a person waits on
copies the WAL into the database.

SQLite checkpoints by itself inside the commit that takes the WAL past 1,000 pages: that
caller waits while the pages are written to the database file and it is synced. A door's
sign-in writes some 30 pages, so one scan in about 30 waited for it, which set the door's
p99. The counter's connections therefore leave checkpointing to a `WalKeeper`: it hears of
each write transaction's commit, and once the counter pauses (no commit for `idle_s`), or
every `busy_every_s` while commits keep coming, it runs a PASSIVE checkpoint on a
connection of its own (it waits for no reader or writer, and SQLite releases the GIL while
it copies). SQLite's own automatic checkpoint stays on at `BACKSTOP_PAGES`, which bounds
the WAL: in an unbroken run of commits (a benchmark's loop; a door is never that busy) the
commit that reaches it finds all but the last moments already copied, and while the keeper
falls behind, or in a process without one, it is SQLite's checkpoint as before.

Closing the counter stops the keeper first; the last connection to close then checkpoints
the WAL and removes it, as before.
"""

import logging
import sqlite3
import threading
import time
from pathlib import Path

IDLE_S = 0.1  # no commit for this long: the counter is quiet, so copy the WAL now
BUSY_EVERY_S = 0.25  # commits keep coming: copy it this often all the same
# SQLite's own checkpoint, inside the commit that takes the WAL past this many pages (32 MiB
# of 4 KiB pages). Only an unbroken run of writes gets there (the keeper's checkpoints during
# one cannot end with the WAL wholly copied, so it never starts over); by then the keeper has
# copied all but its last `busy_every_s` of pages, and the commit copies only those.
BACKSTOP_PAGES = 8192
BACKSTOP_PRAGMA = f"PRAGMA wal_autocheckpoint={BACKSTOP_PAGES}"

log = logging.getLogger(__name__)


class WalKeeper:
    """One database file's checkpointer: `wrote()` after each commit, `stop()` at close."""

    def __init__(self, db_path: Path, idle_s: float = IDLE_S, busy_every_s: float = BUSY_EVERY_S):
        self._path = db_path
        self._idle_s = idle_s
        self._busy_every_s = busy_every_s
        self._wrote = threading.Event()
        self._stopping = threading.Event()
        self.checkpoints = 0  # how many ran, for the tests
        self._thread = threading.Thread(target=self._run, name="wal-checkpoints", daemon=True)
        self._thread.start()

    def wrote(self, *_args) -> None:
        """A write transaction is committing: a checkpoint will follow the next pause."""
        self._wrote.set()

    def stop(self) -> None:
        """Ends the thread (after the checkpoint it may be running) and closes its connection."""
        self._stopping.set()
        self._wrote.set()
        self._thread.join()

    def _run(self) -> None:
        conn = None
        try:
            while True:
                self._wrote.wait()  # asleep while nothing is written: no polling
                if self._stopping.is_set():
                    return
                self._wait_for_pause()
                if self._stopping.is_set():
                    return  # closing: the last connection's close checkpoints
                conn = self._checkpoint(conn)
        finally:
            if conn is not None:
                conn.close()

    def _wait_for_pause(self) -> None:
        """Returns once no commit came for `idle_s`, or `busy_every_s` after it was called."""
        deadline = time.monotonic() + self._busy_every_s
        while True:
            self._wrote.clear()
            left = deadline - time.monotonic()
            if left <= 0 or self._stopping.wait(min(self._idle_s, left)):
                return
            if not self._wrote.is_set():
                return

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self._path, isolation_level=None, check_same_thread=False)
        # FULL: the WAL is synced before its pages are copied and the database after, so a
        # power cut during a checkpoint loses nothing a commit promised.
        conn.execute("PRAGMA synchronous=FULL")
        return conn

    def _checkpoint(self, conn: sqlite3.Connection | None) -> sqlite3.Connection | None:
        """Runs one (connecting first if need be); returns the connection to keep."""
        try:
            conn = conn or self._connect()
            conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
            self.checkpoints += 1
        except sqlite3.Error as exc:  # a full disk, say: the next pause tries again
            log.warning("WAL checkpoint failed: %s", type(exc).__name__)
        return conn
