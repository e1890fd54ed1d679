"""The database itself refuses to rewrite history, whatever code path tries."""

import sqlite3

import pytest

from services.members.accounts import NewMember, register_member


@pytest.fixture
def recorded(counter, clock):
    register_member(
        counter.runtime.writer(),
        counter.manager,
        clock.now(),
        NewMember("陈安娜", "13800138000", 5, 12),
    )
    return counter


def refused_by_trigger(db, sql, *params):
    with pytest.raises(sqlite3.IntegrityError) as caught:
        db.execute(sql, *params)
    assert caught.value.sqlite_errorname == "SQLITE_CONSTRAINT_TRIGGER"


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("payload", '{"forged":true}'),
        ("payload_hash", "0" * 64),
        ("seq", 0),  # down: only an undelivered operation moves, and only up
        ("op_type", "points.earn"),
        ("staff_id", None),
        ("created_at", "2020-01-01 00:00:00.000000"),
    ],
)
def test_outbox_operation_cannot_change(recorded, db, column, value):
    before = db.rows("SELECT * FROM outbox")
    refused_by_trigger(db, f"UPDATE outbox SET {column} = ?", value)
    assert db.rows("SELECT * FROM outbox") == before


def test_outbox_rows_cannot_be_deleted(recorded, db):
    refused_by_trigger(db, "DELETE FROM outbox")
    assert db.count("outbox") == 1


def test_outbox_delivery_state_can_change(recorded, db):
    db.execute(
        "UPDATE outbox SET state = 'applied', attempts = 1, result_code = 'ok',"
        " acked_at = '2026-03-01 02:05:00.000000'"
    )
    assert db.rows("SELECT state, attempts, result_code FROM outbox") == [("applied", 1, "ok")]


def test_outbox_state_limited_to_known_values(recorded, db):
    with pytest.raises(sqlite3.IntegrityError) as caught:
        db.execute("UPDATE outbox SET state = 'lost'")
    assert caught.value.sqlite_errorname == "SQLITE_CONSTRAINT_CHECK"


@pytest.mark.parametrize("column", ["detail", "reason", "hash", "action"])
def test_audit_log_cannot_change(recorded, db, column):
    before = db.rows("SELECT * FROM audit_log")
    refused_by_trigger(db, f"UPDATE audit_log SET {column} = 'x' WHERE id = 1")
    assert db.rows("SELECT * FROM audit_log") == before


def test_audit_log_rows_cannot_be_deleted(recorded, db):
    before = db.count("audit_log")
    assert before >= 2
    refused_by_trigger(db, "DELETE FROM audit_log WHERE id = 1")
    assert db.count("audit_log") == before
