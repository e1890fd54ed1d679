"""A full disk and a read-only database, simulated inside SQLite (max_page_count,
query_only) on the counter's own connections: the operation is refused with a clear
code, nothing is half-written, and work goes on once there is room again."""

import pytest
from sqlalchemy import event
from sqlalchemy.engine import Engine

from services import points
from services.core.errors import StorageError
from services.members.accounts import NewMember, register_member
from services.points.ledger import balance_problems


@pytest.fixture
def limits():
    """Pragmas applied to every new SQLite connection while the test runs."""
    pragmas: dict[str, int] = {}

    def apply(dbapi_connection, _record):
        for name, value in pragmas.items():
            dbapi_connection.execute(f"PRAGMA {name} = {value}")

    event.listen(Engine, "connect", apply)
    yield pragmas
    event.remove(Engine, "connect", apply)


def with_limits(counter, limits: dict, **pragmas: int):
    """The running counter's next connections get the pragmas (its pool is emptied)."""
    limits.update(pragmas)
    counter.runtime.close()  # disposes the pool; the engine opens new connections on demand
    return counter.runtime


def test_a_full_disk_refuses_cleanly_and_loses_nothing(counter, clock, db, limits):
    member = register_member(
        counter.runtime.writer(),
        counter.manager,
        clock.now(),
        NewMember("陈安娜", "13800138000", 8, 12),
    )
    pages = db.scalar("PRAGMA page_count")
    rt = with_limits(counter, limits, max_page_count=pages + 3)  # a few earns, then full
    refused = None
    for n in range(2000):
        before = db.count("purchase"), db.count("outbox"), db.count("points_entry")
        try:
            points.earn(rt.writer(), counter.manager, clock.now(), member.id, f"R{n}", 5000, {})
        except StorageError as error:
            refused = error
            break
    assert refused is not None and refused.code == "storage.disk_full"
    assert (db.count("purchase"), db.count("outbox"), db.count("points_entry")) == before
    with rt.reader() as uow:
        assert balance_problems(uow) == []
    count, high = db.rows("SELECT count(*), max(seq) FROM outbox")[0]
    assert count == high  # no gap in the device sequence
    rt = with_limits(counter, limits, max_page_count=1_000_000)  # room again
    points.earn(rt.writer(), counter.manager, clock.now(), member.id, "AFTER", 5000, {})
    assert db.scalar("SELECT count(*) FROM purchase WHERE receipt_no = 'AFTER'") == 1


def test_a_read_only_database_refuses_writes_and_still_reads(counter, clock, db, limits):
    member = register_member(
        counter.runtime.writer(),
        counter.manager,
        clock.now(),
        NewMember("陈安娜", "13800138000", 8, 12),
    )
    rt = with_limits(counter, limits, query_only=1)
    with pytest.raises(StorageError) as caught:
        points.earn(rt.writer(), counter.manager, clock.now(), member.id, "R1", 5000, {})
    assert caught.value.code == "storage.read_only"
    assert points.history(rt.reader(), member.id) == []  # reads still work
    assert db.count("purchase") == 0
