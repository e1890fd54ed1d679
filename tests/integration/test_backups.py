"""Backups: daily and by hand, kept for a set number of days; a restore that refuses to
drop unsynced operations unless a manager accepts it; a damaged file is told apart."""

from datetime import timedelta

import pytest

from models.db import database_path
from services.core import backups
from services.core.bootstrap import open_counter
from services.core.errors import PermissionDenied, StateError, StorageError
from services.members.accounts import NewMember, register_member
from tests.factories import earn


def test_one_daily_backup_a_store_day_and_old_ones_pruned(counter, clock):
    data = counter.runtime.data_dir
    first = backups.run_daily_backup(data, clock.now(), "Asia/Shanghai", keep_days=3)
    assert first is not None and first.label == "daily"
    assert backups.run_daily_backup(data, clock.now(), "Asia/Shanghai", keep_days=3) is None
    for _ in range(5):
        clock.advance(days=1)
        backups.run_daily_backup(data, clock.now(), "Asia/Shanghai", keep_days=3)
    dailies = [b for b in backups.list_backups(data) if b.label == "daily"]
    assert len(dailies) == 4  # today and the three days before
    assert all(clock.now() - b.made_at <= timedelta(days=3) for b in dailies)


def test_a_restore_that_would_lose_unsynced_operations_needs_a_manager(counter, clock, db):
    data = counter.runtime.data_dir
    member = register_member(
        counter.runtime.writer(),
        counter.manager,
        clock.now(),
        NewMember("陈安娜", "13800138000", 8, 12),
    )
    earn(counter, member.id, "R1", 10000)
    kept = backups.back_up_now(data, clock.now())
    clock.advance(seconds=5)
    earn(counter, member.id, "R2", 10000)  # recorded after the backup, not yet sent to the centre
    plan = backups.check_restore(data, kept.path)
    assert plan.unsynced_lost >= 1 and plan.current_seq > kept.last_seq
    cashier = counter.make_cashier()
    with pytest.raises(PermissionDenied):
        backups.restore(data, kept.path, cashier, clock.now(), accept_loss=True)
    with pytest.raises(StateError) as refused:
        backups.restore(data, kept.path, counter.manager, clock.now())
    assert refused.value.code == "backup.would_lose_operations"
    assert db.count("purchase") == 2  # nothing touched
    counter.runtime.close()
    before = backups.restore(data, kept.path, counter.manager, clock.now(), accept_loss=True)
    assert before.is_file()  # the replaced database is kept
    rt = open_counter(data, clock)
    try:
        with rt.reader() as uow:
            from sqlalchemy import text

            assert uow.session.execute(text("SELECT count(*) FROM purchase")).scalar() == 1
    finally:
        rt.close()


def test_a_damaged_database_is_reported_as_damaged(tmp_path, clock):
    data = tmp_path / "data"
    rt = open_counter(data, clock)
    rt.close()
    path = database_path(data)
    for suffix in ("-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    raw = bytearray(path.read_bytes())
    raw[0:16] = b"definitely not!!"  # the SQLite header is gone
    path.write_bytes(bytes(raw))
    assert backups.database_problem(data) is not None
    with pytest.raises(StorageError) as caught:
        open_counter(data, clock)
    assert caught.value.code == "storage.corrupt"


def test_a_damaged_database_is_replaced_by_the_newest_good_backup(counter, clock):
    data = counter.runtime.data_dir
    good = backups.back_up_now(data, clock.now())
    with pytest.raises(StateError):  # a healthy database is never swapped without a manager
        backups.restore_damaged(data, good.path, clock.now())
    counter.runtime.close()
    path = database_path(data)
    for suffix in ("-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    path.write_bytes(b"garbage" * 1000)
    kept = backups.restore_damaged(data, good.path, clock.now())
    assert kept.read_bytes().startswith(b"garbage")  # kept for whoever investigates
    assert backups.database_problem(data) is None
    open_counter(data, clock).close()


def test_a_damaged_backup_is_not_restored(counter, clock):
    data = counter.runtime.data_dir
    kept = backups.back_up_now(data, clock.now())
    raw = bytearray(kept.path.read_bytes())
    raw[4096 : 4096 + 512] = b"\xff" * 512  # scribble over a page
    kept.path.write_bytes(bytes(raw))
    counter.runtime.close()
    with pytest.raises(StorageError) as caught:
        backups.restore(data, kept.path, counter.manager, clock.now(), accept_loss=True)
    assert caught.value.code == "backup.damaged"
