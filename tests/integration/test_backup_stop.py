"""Closing never waits on the daily backup: the copy stops at once, leaves no file, and the
next start makes the day's backup again, whole."""

import sqlite3

import pytest

from services.core import backups
from services.core.errors import StorageError
from services.members.accounts import NewMember, register_member

ZONE = "Asia/Shanghai"


def fill(counter, n: int) -> None:
    for i in range(n):
        new = NewMember(f"会员{i:03d}", f"139{i:08d}", 1 + i % 12, 1 + i % 28, 1980 + i % 30)
        register_member(counter.runtime.writer(), counter.manager, counter.runtime.now(), new)


def after(calls: int):
    """A stop flag that turns true on its calls-th look: part of the copy is made by then."""
    seen = [0]

    def stop() -> bool:
        seen[0] += 1
        return seen[0] > calls

    return stop, seen


def files(data_dir) -> list[str]:
    folder = backups.backup_dir(data_dir)
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


def test_a_stopped_daily_backup_leaves_nothing_and_is_made_again_next_start(counter, clock):
    fill(counter, 60)
    data = counter.runtime.data_dir
    stop, seen = after(5)
    with pytest.raises(StorageError) as stopped:
        backups.run_daily_backup(data, clock.now(), ZONE, keep_days=3, stop=stop)
    assert stopped.value.code == "backup.stopped"
    assert seen[0] == 7  # stopped mid-copy on the sixth look; the seventh tells why
    assert files(data) == []

    made = backups.run_daily_backup(data, clock.now(), ZONE, keep_days=3)
    assert made is not None and made.label == "daily"
    assert files(data) == [made.path.name]
    conn = sqlite3.connect(f"file:{made.path}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT count(*) FROM member").fetchone()[0] == 60
    finally:
        conn.close()


def test_a_copy_left_by_a_killed_process_is_neither_listed_nor_kept(counter, clock):
    data = counter.runtime.data_dir
    folder = backups.backup_dir(data)
    folder.mkdir(parents=True, exist_ok=True)
    left = folder / f"counter-20260101T000000Z-daily.sqlite3{backups.PARTIAL}"
    left.write_bytes(b"SQLite format 3\x00" + bytes(100))
    assert backups.list_backups(data) == []
    made = backups.run_daily_backup(data, clock.now(), ZONE, keep_days=3)
    assert files(data) == [made.path.name]


def test_a_failed_copy_says_failed_not_stopped(counter, clock, monkeypatch):
    data = counter.runtime.data_dir
    monkeypatch.setattr(backups, "_fsync", lambda _p: (_ for _ in ()).throw(OSError("disk full")))
    with pytest.raises(StorageError) as failed:
        backups.run_daily_backup(data, clock.now(), ZONE, keep_days=3)
    assert failed.value.code == "backup.failed" and "disk full" in failed.value.params["detail"]
    assert files(data) == []
