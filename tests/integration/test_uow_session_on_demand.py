"""A counter's unit of work makes its ORM session only when asked for one: statements run
on a pooled connection begun as the engine begins, and a session asked for later joins
that transaction on the same connection."""

import sqlite3

import pytest
from sqlalchemy import text

from models.counter import Setting
from models.db import database_path
from services.core.repository import TextStatements


def other_connection(runtime):
    return sqlite3.connect(database_path(runtime.data_dir), timeout=0, isolation_level=None)


def settings(runtime) -> dict[str, str]:
    with runtime.reader() as uow:
        rows = uow.session.execute(text("SELECT key, value FROM setting")).all()
    return dict(rows)


def put(uow, key: str, value: str = '"x"') -> None:
    TextStatements(uow).execute(
        "INSERT INTO setting (key, value, updated_at) VALUES (?, ?, '2026-01-01 00:00:00')",
        (key, value),
    )


def test_statements_alone_make_no_session_and_commit(counter):
    with counter.runtime.writer() as uow:
        put(uow, "a")
        assert uow.opened_session is None
        uow.commit()
    assert "a" in settings(counter.runtime)


def test_statements_begin_immediate_without_a_session(counter):
    other = other_connection(counter.runtime)
    try:
        with counter.runtime.writer() as uow:
            TextStatements(uow).execute("SELECT count(*) FROM staff").fetchone()
            with pytest.raises(sqlite3.OperationalError) as caught:
                other.execute("BEGIN IMMEDIATE")
            assert caught.value.sqlite_errorname == "SQLITE_BUSY"
        other.execute("BEGIN IMMEDIATE")  # released once the unit of work ends
        other.execute("ROLLBACK")
    finally:
        other.close()


def test_a_reader_without_a_session_takes_no_write_lock(counter):
    other = other_connection(counter.runtime)
    try:
        with counter.runtime.reader() as uow:
            TextStatements(uow).execute("SELECT count(*) FROM staff").fetchone()
            other.execute("BEGIN IMMEDIATE")
            other.execute("ROLLBACK")
    finally:
        other.close()


def test_a_session_asked_for_later_joins_the_same_transaction(counter, clock):
    with counter.runtime.writer() as uow:
        put(uow, "a")
        uow.session.add(Setting(key="b", value='"y"', updated_at=clock.now()))
        put(uow, "c")  # the session's pending row is written first, in the same transaction
        assert uow.session.get(Setting, "a") is not None  # it sees the statement's row
        uow.commit()
    assert {"a", "b", "c"} <= set(settings(counter.runtime))


def test_leaving_without_commit_undoes_statements_and_the_session(counter, clock):
    with pytest.raises(KeyError), counter.runtime.writer() as uow:
        put(uow, "a")
        uow.session.add(Setting(key="b", value='"y"', updated_at=clock.now()))
        uow.flush()
        raise KeyError("boom")
    with counter.runtime.writer() as uow:
        put(uow, "c")
    assert not {"a", "b", "c"} & set(settings(counter.runtime))


def test_every_connection_goes_back_to_the_pool(counter, clock):
    pool = counter.runtime.writer()._engine.pool
    for joined in (False, True):
        with counter.runtime.writer() as uow:
            put(uow, f"k{joined}")
            if joined:
                uow.session.add(Setting(key="j", value='"y"', updated_at=clock.now()))
            uow.commit()
        with pytest.raises(KeyError), counter.runtime.writer() as uow:
            put(uow, "never")
            raise KeyError("boom")
    assert pool.checkedout() == 0


def test_work_after_a_commit_is_a_transaction_of_its_own(counter):
    with counter.runtime.writer() as uow:
        put(uow, "a")
        uow.commit()
        put(uow, "b")  # not committed: undone when the block ends
    assert "a" in settings(counter.runtime)
    assert "b" not in settings(counter.runtime)
