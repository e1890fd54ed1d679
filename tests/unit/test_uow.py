"""The unit of work with a fake session: rollback always, storage failures get a code."""

import sqlite3

import pytest
from sqlalchemy import exc as sa_exc

from services.core.errors import StorageError
from services.core.uow import UnitOfWork, storage_error


class FakeSession:
    def __init__(self, fail_commit: Exception | None = None) -> None:
        self.calls: list[str] = []
        self.fail_commit = fail_commit

    def commit(self) -> None:
        self.calls.append("commit")
        if self.fail_commit:
            raise self.fail_commit

    def rollback(self) -> None:
        self.calls.append("rollback")

    def close(self) -> None:
        self.calls.append("close")

    def flush(self) -> None:
        self.calls.append("flush")


def uow_with(session: FakeSession) -> UnitOfWork:
    return UnitOfWork(lambda: session)


def test_leaving_without_commit_rolls_back():
    session = FakeSession()
    with uow_with(session):
        pass
    assert session.calls == ["rollback", "close"]


def test_commit_then_leave():
    session = FakeSession()
    with uow_with(session) as uow:
        uow.commit()
    assert session.calls == ["commit", "rollback", "close"]


def test_exception_rolls_back_and_propagates():
    session = FakeSession()
    with pytest.raises(KeyError), uow_with(session):
        raise KeyError("boom")
    assert session.calls == ["rollback", "close"]


def test_each_entry_gets_a_fresh_session():
    sessions = iter([FakeSession(), FakeSession()])
    uow = UnitOfWork(lambda: next(sessions))
    with uow:
        first = uow.session
    with uow:
        assert uow.session is not first


def test_operational_error_inside_becomes_storage_error():
    session = FakeSession()
    with pytest.raises(StorageError) as caught, uow_with(session):
        raise sqlite3.OperationalError("database is locked")
    assert caught.value.code == "storage.busy"
    assert session.calls == ["rollback", "close"]


def test_failed_commit_becomes_storage_error():
    failure = sa_exc.OperationalError("COMMIT", {}, sqlite3.OperationalError("disk is full"))
    session = FakeSession(fail_commit=failure)
    with pytest.raises(StorageError) as caught, uow_with(session) as uow:
        uow.commit()
    assert caught.value.code == "storage.disk_full"


@pytest.mark.parametrize(
    ("message", "code"),
    [
        ("database or disk is full", "storage.disk_full"),
        ("attempt to write a readonly database", "storage.read_only"),
        ("database is locked", "storage.busy"),
        ("database table is busy", "storage.busy"),
        ("database disk image is malformed", "storage.corrupt"),
        ("file is not a database", "storage.corrupt"),
        ("something else\nsecond line", "storage.failed"),
    ],
)
def test_storage_error_codes(message, code):
    error = storage_error(sqlite3.OperationalError(message))
    assert isinstance(error, StorageError)
    assert error.code == code


def test_unknown_failure_keeps_first_line_as_detail():
    error = storage_error(sqlite3.OperationalError("something else\nsecond line"))
    assert error.params == {"detail": "something else"}
