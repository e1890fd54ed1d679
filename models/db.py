"""The SQLite engine: durable pragmas on every connection, writes begin IMMEDIATE.

pysqlite's own transaction handling is switched off so SQLAlchemy's BEGIN is the
only one; otherwise a read-then-write unit could start DEFERRED and fail with
SQLITE_BUSY half-way instead of waiting for the lock up front.
"""

from pathlib import Path

from sqlalchemy import Engine, create_engine, event

from models.wal import BACKSTOP_PRAGMA

DB_FILENAME = "counter.sqlite3"
BUSY_TIMEOUT_MS = 5000

PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=FULL",
    "PRAGMA foreign_keys=ON",
    f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}",
    "PRAGMA cache_size=-32768",
)


def database_path(data_dir: Path) -> Path:
    return data_dir / DB_FILENAME


def create_counter_engine(db_path: Path) -> Engine:
    engine = create_engine(
        f"sqlite:///{db_path}",
        connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000},
        hide_parameters=True,  # an error's text never carries members' names and mobiles
    )
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


def read_only(engine: Engine) -> Engine:
    """An engine sharing the pool whose transactions begin DEFERRED, for queries that only read."""
    return engine.execution_options(sqlite_begin="DEFERRED")


def _on_connect(dbapi_connection, _record) -> None:
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    for pragma in PRAGMAS:
        cursor.execute(pragma)
    # Checkpoints are the WalKeeper's (models.wal), off the committing thread; SQLite's own
    # stays as a backstop far above what the keeper lets build up.
    cursor.execute(BACKSTOP_PRAGMA)
    cursor.close()


def _on_begin(conn) -> None:
    # Straight on the sqlite3 connection: SQLAlchemy's statement machinery (an execution
    # context, a cursor, its events) for one BEGIN cost more than SQLite's work each write.
    driver = conn.connection.driver_connection
    if driver.in_transaction:  # begun by a unit of work's statements before its session
        return
    mode = conn.get_execution_options().get("sqlite_begin", "IMMEDIATE")
    driver.execute(f"BEGIN {mode}")
