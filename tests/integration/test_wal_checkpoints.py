"""The WAL's checkpoints run in a thread of their own (models.wal), not inside a commit;
SQLite's own stays as a backstop that bounds the WAL; closing still checkpoints it."""

import sqlite3
import threading
import time

from sqlalchemy import text

import models.db
from models.db import database_path
from models.wal import BACKSTOP_PAGES, WalKeeper
from tests.templates import open_migrated_counter

PAGE = 4096


def write(runtime, blob_bytes: int = 100, commits: int = 1) -> None:
    for _ in range(commits):
        with runtime.writer() as uow:
            uow.session.execute(text("CREATE TABLE IF NOT EXISTS scratch (x BLOB)"))
            uow.session.execute(
                text("INSERT INTO scratch VALUES (randomblob(:n))"), {"n": blob_bytes}
            )
            uow.commit()


def wal_restarts(runtime) -> int:
    """The WAL header's checkpoint sequence: it moves on each time the WAL starts over,
    which a writer does only once a checkpoint has copied the whole WAL."""
    wal = database_path(runtime.data_dir).with_name("counter.sqlite3-wal")
    return int.from_bytes(wal.read_bytes()[12:16], "big")


def wait_for(condition, seconds: float = 10.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return False


def test_a_commit_leaves_checkpoints_to_the_keeper(runtime):
    with runtime.writer() as uow:
        autocheckpoint = uow.session.execute(text("PRAGMA wal_autocheckpoint")).scalar_one()
    assert autocheckpoint == BACKSTOP_PAGES  # not SQLite's 1,000: no commit copies a WAL that small


def test_the_wal_is_copied_once_the_counter_pauses(runtime):
    write(runtime)
    before = wal_restarts(runtime)
    # A few small commits never take the WAL near the backstop: only the keeper's checkpoint,
    # made in the pause after a commit, lets the next write start the WAL over.
    assert wait_for(lambda: (write(runtime), wal_restarts(runtime) != before)[1])


def test_the_keeper_checkpoints_after_a_pause_and_stops(tmp_path):
    path = tmp_path / "db.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA wal_autocheckpoint=0")
    conn.execute("CREATE TABLE t (x)")
    conn.execute("INSERT INTO t VALUES (1)")
    keeper = WalKeeper(path, idle_s=0.01)
    try:
        keeper.wrote()
        assert wait_for(lambda: keeper.checkpoints == 1)
        busy, frames, copied = conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
        assert (busy, copied) == (0, frames)
    finally:
        keeper.stop()
        conn.close()
    assert not keeper._thread.is_alive()


def test_a_long_burst_of_writes_keeps_the_wal_bounded(tmp_path, clock, monkeypatch):
    backstop = 64
    monkeypatch.setattr(models.db, "BACKSTOP_PRAGMA", f"PRAGMA wal_autocheckpoint={backstop}")
    runtime = open_migrated_counter(tmp_path / "data", clock)
    try:
        # 300 commits of about five pages each, back to back (no pause for the keeper):
        # without a bound the WAL would hold some 1,500 pages.
        write(runtime, blob_bytes=16_000, commits=300)
        wal = database_path(runtime.data_dir).with_name("counter.sqlite3-wal")
        assert wal.stat().st_size <= 4 * backstop * (PAGE + 24)
    finally:
        runtime.close()


def test_closing_checkpoints_and_the_data_survives_a_reopen(tmp_path, clock):
    keepers = {t for t in threading.enumerate() if t.name == "wal-checkpoints"}
    runtime = open_migrated_counter(tmp_path / "data", clock)
    write(runtime, blob_bytes=50_000, commits=20)
    runtime.close()
    assert {t for t in threading.enumerate() if t.name == "wal-checkpoints"} == keepers
    wal = database_path(runtime.data_dir).with_name("counter.sqlite3-wal")
    assert not wal.exists() or wal.stat().st_size == 0  # all of it is in the database file
    again = open_migrated_counter(tmp_path / "data", clock)
    try:
        with again.reader() as uow:
            assert uow.session.execute(text("SELECT count(*) FROM scratch")).scalar_one() == 20
    finally:
        again.close()
