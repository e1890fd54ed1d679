"""Times as SQLAlchemy stores them in SQLite, for the repositories' statements
(services.core.repository), which write values in the form the ORM stores, so ORM reads
see the same rows."""

from datetime import UTC, datetime


def db_time(value: datetime) -> str:
    """A time as SQLAlchemy stores `UTCDateTime` in SQLite: naive UTC with microseconds."""
    if value.tzinfo is None:
        raise ValueError("naive datetime refused: pass an aware datetime")
    # isoformat, not strftime: strftime imports the time module on every call, and under
    # PySide6's import hook (the counter's process) that import costs more than the rest.
    return value.astimezone(UTC).replace(tzinfo=None).isoformat(" ", "microseconds")


def from_db_time(value: str | None) -> datetime | None:
    return None if value is None else datetime.fromisoformat(value).replace(tzinfo=UTC)
