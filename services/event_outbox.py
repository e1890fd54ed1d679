"""The door's fast path to the database: plain SQL on the unit of work's own connection.

A sign-in must answer within a couple of milliseconds, and the ORM's session, flushes and
identity map cost several times what SQLite itself needs (see the foundation benchmark).
This module writes exactly the rows `services.journal.record_operation` writes (same
columns, canonical JSON, SHA-256, gap-free device sequence, in the caller's transaction),
with one statement each. `tests/integration/test_event_signin.py` proves the rows match.
"""

import sqlite3
from datetime import UTC, datetime
from typing import Any

from services.actor import Actor
from services.errors import StateError
from services.ids import new_id
from services.journal import canonical_json, sha256_hex
from services.uow import UnitOfWork


def raw_connection(uow: UnitOfWork) -> sqlite3.Connection:
    """The sqlite3 connection under the unit of work's transaction (begun IMMEDIATE for a
    writer): statements here and the ORM's share one transaction."""
    return uow.session.connection().connection.driver_connection


def db_time(value: datetime) -> str:
    """A time as SQLAlchemy stores `UTCDateTime` in SQLite: naive UTC with microseconds."""
    if value.tzinfo is None:
        raise ValueError("naive datetime refused: pass an aware datetime")
    return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def from_db_time(value: str | None) -> datetime | None:
    return None if value is None else datetime.fromisoformat(value).replace(tzinfo=UTC)


def record_operation_fast(
    conn: sqlite3.Connection,
    actor: Actor,
    now: datetime,
    op_type: str,
    payload: dict[str, Any],
    version: int = 1,
) -> tuple[str, int]:
    """(operation id, device sequence number) of the outbox row written."""
    body = canonical_json(payload)
    row = conn.execute(
        "UPDATE counter SET last_seq = last_seq + 1 WHERE id = ? RETURNING last_seq",
        (actor.device_id,),
    ).fetchone()
    if row is None:
        raise StateError("counter.not_set_up")
    op_id = new_id()
    conn.execute(
        "INSERT INTO outbox (id, device_id, seq, op_type, op_version, payload, payload_hash,"
        " store_id, staff_id, created_at, state, attempts)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', 0)",
        (
            op_id,
            actor.device_id,
            row[0],
            op_type,
            version,
            body,
            sha256_hex(body),
            actor.store_id,
            actor.staff_id,
            db_time(now),
        ),
    )
    return op_id, row[0]
