"""Repositories hung on the unit of work (`uow.ledger`, `uow.outbox`, `uow.door`, ...): the
one place each aggregate is written, and the only code that runs statements on the unit of
work's own sqlite3 connection.

A statement is an SQLAlchemy Core construct compiled once for SQLite (`Statement`) and run
on the connection under the session's transaction, so ORM and Core share one transaction
and the hot paths pay SQLite's cost, not the ORM's per-query build. Values go in as the ORM
stores them (`db_time` for times); what a repository writes under an object the session
holds is expired on that object (`forget`), so the ORM reloads it instead of trusting it.
"""

import sqlite3
from collections.abc import Iterable, Sequence
from operator import itemgetter
from typing import Any

from sqlalchemy.dialects import sqlite as sqlite_dialect
from sqlalchemy.sql import ClauseElement

from services.core.uow import UnitOfWork

_DIALECT = sqlite_dialect.dialect(paramstyle="qmark")


class Statement:
    """A Core statement as SQLite text and its parameters' order, made once at import.
    Parameters are passed by name, every one the statement requires (a column left out of
    an insert is an error, not a NULL); a literal in the construct keeps its value."""

    __slots__ = ("_defaults", "_names", "_pick", "sql")

    def __init__(self, construct: ClauseElement) -> None:
        compiled = construct.compile(dialect=_DIALECT)
        self.sql = compiled.string
        self._names = tuple(compiled.positiontup or ())
        binds = compiled.binds
        self._defaults = {
            name: value
            for name, value in compiled.params.items()
            if not (name in binds and binds[name].required)
        }
        # The values in order in one C call (a list built name by name was, summed over a
        # door's sign-in, more than some of its statements took in SQLite).
        names = self._names
        if len(names) > 1:
            self._pick = itemgetter(*names)
        elif names:
            self._pick = lambda params, name=names[0]: (params[name],)
        else:
            self._pick = lambda params: ()

    def in_order(self, *names: str) -> "Statement":
        """Checks, once at import, that the parameters come in this order: then a bulk
        writer may pass plain tuples (`Repository.run_rows`) instead of a dict per row."""
        if self._names != names:
            raise ValueError(f"parameters are {self._names}, not {names}")
        return self

    def values(self, params: dict[str, Any]) -> tuple[Any, ...]:
        defaults = self._defaults
        return self._pick({**defaults, **params} if defaults else params)


class Repository:
    """Base of the repositories: statements on the unit of work's connection, after the
    session has written what it still holds (so a read sees it and a write follows it)."""

    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    def _connection(self) -> sqlite3.Connection:
        session = self._uow.opened_session  # none made yet: nothing of the ORM's to write
        if session is not None and (
            session.new or session.deleted or session.identity_map.check_modified()
        ):
            session.flush()
        return self._uow.driver_connection()

    def run(self, statement: Statement, **params: Any) -> sqlite3.Cursor:
        return self._connection().execute(statement.sql, statement.values(params))

    def run_many(self, statement: Statement, rows: Iterable[dict[str, Any]]) -> None:
        self._connection().executemany(statement.sql, [statement.values(r) for r in rows])

    def run_rows(self, statement: Statement, rows: Iterable[Sequence[Any]]) -> None:
        """Many rows of values in the order `statement.in_order` checked (a bulk load)."""
        self._connection().executemany(statement.sql, rows)

    def one(self, statement: Statement, **params: Any) -> tuple | None:
        return self.run(statement, **params).fetchone()

    def all(self, statement: Statement, **params: Any) -> list[tuple]:
        return self.run(statement, **params).fetchall()

    def run_text(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
        """A statement kept as SQL text (a pragma, a trigger's toggle, a bulk copy, a fixed
        read that sqlite3 keeps prepared), on the same connection."""
        return self._connection().execute(sql, params)

    def run_text_many(self, sql: str, rows: Iterable[Sequence[Any]]) -> sqlite3.Cursor:
        return self._connection().executemany(sql, rows)

    def forget(self, model: type, key: str, *attributes: str) -> None:
        """Expire what was written under a row the session holds (if it holds it)."""
        session = self._uow.opened_session
        if session is None or not session.identity_map:
            return
        identity_map = session.identity_map
        obj = identity_map.get((model, (key,), None))
        if obj is not None:
            session.expire(obj, list(attributes) or None)


class TextStatements(Repository):
    """The repository of the modules whose statements stay SQL text (the card's look-up, a
    trusted key, the audit head, a pull's member rows, the outbox's renumbering, the privacy
    wipe): sqlite3's `execute`/`executemany`, on the unit of work's connection after the
    session's pending writes, like every repository."""

    def execute(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
        return self.run_text(sql, params)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> sqlite3.Cursor:
        return self.run_text_many(sql, rows)
