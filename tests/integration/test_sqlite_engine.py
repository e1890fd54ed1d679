import sqlite3
from datetime import datetime

import pytest
from sqlalchemy import exc as sa_exc
from sqlalchemy import text

from models.counter import Setting
from models.db import database_path
from models.staff import Staff


def pragma(uow, name):
    return uow.session.execute(text(f"PRAGMA {name}")).scalar_one()


@pytest.mark.parametrize("factory", ["writer", "reader"])
def test_pragmas_in_force_on_every_connection(runtime, factory):
    with getattr(runtime, factory)() as uow:
        assert pragma(uow, "journal_mode") == "wal"
        assert pragma(uow, "synchronous") == 2  # FULL
        assert pragma(uow, "foreign_keys") == 1
        assert pragma(uow, "busy_timeout") > 0


def test_foreign_keys_enforced(counter, clock):
    with counter.runtime.writer() as uow:
        uow.session.add(
            Staff(
                id="00000000-0000-0000-0000-000000000000",
                store_id="no-such-store",
                name="幽灵",
                role="cashier",
                pin_hash="x",
                failed_pins=0,
                active=True,
                created_at=clock.now(),
            )
        )
        with pytest.raises(sa_exc.IntegrityError):
            uow.flush()


def read_only_query(uow):
    assert uow.session.execute(text("SELECT count(*) FROM staff")).scalar_one() == 1


def other_connection(runtime):
    return sqlite3.connect(database_path(runtime.data_dir), timeout=0, isolation_level=None)


def test_write_unit_begins_immediate(counter):
    other = other_connection(counter.runtime)
    try:
        with counter.runtime.writer() as uow:
            read_only_query(uow)  # only a read so far: BEGIN DEFERRED would not lock yet
            with pytest.raises(sqlite3.OperationalError) as caught:
                other.execute("BEGIN IMMEDIATE")
            assert caught.value.sqlite_errorname == "SQLITE_BUSY"
        other.execute("BEGIN IMMEDIATE")  # released once the unit of work ends
        other.execute("ROLLBACK")
    finally:
        other.close()


def test_write_lock_held_after_flush(counter, clock):
    other = other_connection(counter.runtime)
    try:
        with counter.runtime.writer() as uow:
            uow.session.add(Setting(key="language", value='"en"', updated_at=clock.now()))
            uow.flush()
            with pytest.raises(sqlite3.OperationalError) as caught:
                other.execute("BEGIN IMMEDIATE")
            assert caught.value.sqlite_errorname == "SQLITE_BUSY"
    finally:
        other.close()


def test_read_unit_does_not_take_the_write_lock(counter):
    other = other_connection(counter.runtime)
    try:
        with counter.runtime.reader() as uow:
            read_only_query(uow)
            other.execute("BEGIN IMMEDIATE")
            other.execute("ROLLBACK")
    finally:
        other.close()


def test_naive_datetimes_refused(counter):
    with counter.runtime.writer() as uow:
        uow.session.add(Setting(key="language", value='"en"', updated_at=datetime(2026, 3, 1)))
        with pytest.raises(sa_exc.StatementError):
            uow.flush()


def test_times_come_back_as_utc(counter, clock):
    with counter.runtime.reader() as uow:
        staff = uow.session.get(Staff, counter.manager.staff_id)
        assert staff.created_at == clock.now()
        assert staff.created_at.utcoffset().total_seconds() == 0
