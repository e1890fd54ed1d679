"""Plain SQL on the unit of work's own connection, for the paths where the ORM's session,
flushes and identity map cost several times what SQLite itself needs (the foundation
benchmark): the outbox row of every operation, the door, a first pull's members.

Values are written in the form SQLAlchemy stores them, so ORM reads see the same rows.
"""

import sqlite3
from datetime import UTC, datetime

from services.core.uow import UnitOfWork


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
