"""Many rows of one table at once, as a push writes them back: on PostgreSQL by `COPY` and
one `UPDATE ... FROM unnest(...)`, elsewhere by executemany.

A batch of 1,000 operations writes some 4,000 rows. Sent as one statement per row (even
pipelined), PostgreSQL parses, plans and executes each one, and that was most of a push's
time. `COPY` streams the rows into the table in one command and an update over arrays is
one statement. Errors come back as SQLAlchemy's, so a unique-key race still reads as the
`IntegrityError` the push retries on.
"""

import contextlib
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from operator import itemgetter
from typing import Any

from sqlalchemy import ColumnElement, Connection, Table, any_, bindparam
from sqlalchemy import exc as sa_exc
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session

from common.columns import UTCDateTime

# Below this many rows a plain executemany costs no more.
BULK_FROM = 20


def insert_rows(session: Session, table: Table, rows: list[dict[str, Any]]) -> None:
    """Rows that all carry the same keys (column names); missing columns take their default."""
    if not rows:
        return
    # Both paths compile the statement from the first row: a key it lacks would be dropped
    # (or defaulted) without a word.
    keys = rows[0].keys()
    if any(row.keys() != keys for row in rows):
        raise ValueError(f"rows for {table.name} differ in their columns")
    conn = session.connection()
    if conn.dialect.name != "postgresql" or len(rows) < BULK_FROM:
        conn.execute(table.insert(), rows)
        return
    columns, make = _row_maker(table, rows[0], conn.dialect)
    prepare = conn.dialect.identifier_preparer
    names = ", ".join(prepare.format_column(c) for c in columns)
    sql = f"COPY {prepare.format_table(table)} ({names}) FROM STDIN"
    with _sqlalchemy_errors(sql), _cursor(conn) as cursor, cursor.copy(sql) as copy:
        write = copy.write_row
        for row in rows:
            write(make(row))


def update_rows(session: Session, table: Table, key: str, rows: list[dict[str, Any]]) -> None:
    """Rows by their key column, setting every other column the first row carries."""
    if not rows:
        return
    conn = session.connection()
    names = [name for name in rows[0] if name != key]
    if conn.dialect.name != "postgresql" or len(rows) < BULK_FROM:
        statement = table.update().where(table.c[key] == bindparam("_key"))
        conn.execute(statement, [{"_key": r[key], **{n: r[n] for n in names}} for r in rows])
        return
    dialect, prepare = conn.dialect, conn.dialect.identifier_preparer
    columns = [table.c[key]] + [table.c[n] for n in names]
    arrays = []
    for column in columns:
        process = column.type.bind_processor(dialect)
        if process is not None and isinstance(column.type, UTCDateTime):
            process = _remembered(process)
        values = [r[column.name] for r in rows]
        arrays.append([process(v) for v in values] if process else values)
    arrays = [literal if (literal := array_literal(a)) is not None else a for a in arrays]
    typed = ", ".join(f"%s::{c.type.compile(dialect=dialect)}[]" for c in columns)
    quoted = [prepare.format_column(c) for c in columns]
    sets = ", ".join(f"{q} = v.{q}" for q in quoted[1:])
    target = prepare.format_table(table)
    sql = (
        f"UPDATE {target} SET {sets} FROM unnest({typed}) AS v({', '.join(quoted)})"
        f" WHERE {target}.{quoted[0]} = v.{quoted[0]}"
    )
    with _sqlalchemy_errors(sql), _cursor(conn) as cursor:
        cursor.execute(sql, arrays)


def one_of(session: Session, column: ColumnElement, values: Iterable[Any]) -> ColumnElement:
    """`column IN values`; on PostgreSQL `column = ANY(array)`: one parameter whatever the
    count, where a thousand placeholders made a new, long statement that psycopg parsed
    anew for every batch."""
    values = list(values)
    if session.get_bind().dialect.name == "postgresql":
        # The list itself, not its text form cast in the statement: a cast is an expression,
        # which a scan against the filter evaluated again for every row it read.
        return column == any_(bindparam(None, values, type_=ARRAY(column.type)))
    return column.in_(values)


def array_literal(values: list[Any]) -> str | None:
    """PostgreSQL's text form of an array of text, integers or naive times (`{"a","b"}`,
    `{1,2}`), or None for other values (None among them, booleans): psycopg adapts a list
    element by element in Python, a thousand ids in about 2 ms, three times the cost of
    this text and its parsing at the server. Only where the cast is read once (`unnest` in
    a FROM); in a filter it is read again for every row scanned. Inside double quotes only
    a backslash and a double quote need escaping."""
    if all(type(v) is str for v in values):
        quoted = (v.replace("\\", "\\\\").replace('"', '\\"') for v in values)
        return "{" + ",".join(f'"{v}"' for v in quoted) + "}"
    if all(type(v) is int for v in values):  # not bool, whose text is not an integer's
        return "{" + ",".join(map(str, values)) + "}"
    # Naive times only (UTC, as the columns hold them): an offset in the text of a
    # `timestamp` would be dropped, not applied.
    if all(type(v) is datetime and v.tzinfo is None for v in values):
        return "{" + ",".join(f'"{v.isoformat()}"' for v in values) + "}"
    return None


def _row_maker(table: Table, sample: dict[str, Any], dialect):
    """The columns to write and a function making a row's database values: the columns the
    rows carry, read at once, then those they leave to a scalar default (the same for every
    row, converted once). Only the columns whose type converts values (times) are converted
    row by row: a column-by-column lookup per row was a tenth of a push."""
    carried = [c for c in table.columns if c.name in sample]
    defaults = [
        c
        for c in table.columns
        if c.name not in sample and c.default is not None and c.default.is_scalar
    ]
    tail = []
    for column in defaults:
        process = column.type.bind_processor(dialect)
        tail.append(process(column.default.arg) if process else column.default.arg)
    converted = [
        (i, _remembered(process) if isinstance(c.type, UTCDateTime) else process)
        for i, c in enumerate(carried)
        if (process := c.type.bind_processor(dialect)) is not None
    ]
    get = itemgetter(*(c.name for c in carried))
    single = len(carried) == 1

    def make(row: dict[str, Any]) -> list[Any]:
        values = [get(row)] if single else list(get(row))
        for i, process in converted:
            values[i] = process(values[i])
        values.extend(tail)
        return values

    return carried + defaults, make


def _remembered(process: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """A time column's conversion, done once per distinct time: a batch's rows share a few
    (the centre's clock, the counter's), and equal aware times are one instant, so one
    naive UTC value. A naive time is not kept, so each one is refused."""
    seen: dict[Any, Any] = {}

    def convert(value: Any) -> Any:
        converted = seen.get(value, seen)  # the dict itself: not yet seen
        if converted is seen:
            seen[value] = converted = process(value)
        return converted

    return convert


@contextlib.contextmanager
def _sqlalchemy_errors(sql: str) -> Iterator[None]:
    """psycopg's errors as SQLAlchemy's (IntegrityError, OperationalError, ...)."""
    import psycopg  # only on PostgreSQL

    try:
        yield
    except psycopg.Error as error:
        raise sa_exc.DBAPIError.instance(sql, None, error, psycopg.Error) from error


def _cursor(conn: Connection):
    # The driver's own connection, inside the session's transaction.
    return conn.connection.driver_connection.cursor()
